// The concept pages (issue 20) in the real VS Code: the hover on EXPOSE links the ports page, and following the link
// (as VS Code's opener follows a `command:` link) opens one webview tab titled with the page's Korean title, whose
// page shows the shipped picture through a webview URI and keeps its command links. Rules about PID 1 link the PID 1
// page from their hover. The palette's pick list offers every page in the user's language (11 once all are written).
// The click-through in the UI and a screenshot: test/e2e/concept-screenshot.mjs.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { CONCEPT_SLUGS, OPEN_CONCEPT_COMMAND } from '../../../server/src/docs/concepts';
import { EXTENSION_ID, HANGUL, closeAllEditors, hoverText, openFile, setGuideLanguage, startedExtension, waitFor, type GuideApi } from '../helpers';
import { after, before, suite, test } from '../framework';

interface ConceptView {
  slug: string;
  title: string;
  html: string;
}
type Api = GuideApi & { conceptView(): ConceptView | undefined; conceptList(): { slug: string; title: string }[] };

const TEXT = ['FROM debian:bookworm', 'RUN apt-get update', 'EXPOSE 80', 'CMD service nginx start', ''].join('\n');

let api: Api;
let doc: vscode.TextDocument;

/** The first line of a shipped page, without `# `. */
function pageTitle(slug: string, lang: 'ko' | 'en'): string {
  const dir = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
  return fs.readFileSync(path.join(dir, 'docs/concepts', `${slug}.${lang}.md`), 'utf8').split('\n')[0].replace(/^# /, '');
}

/** Runs a `command:` link target the way VS Code's CommandOpener does. */
async function follow(href: string): Promise<unknown> {
  const target = vscode.Uri.parse(href);
  assert.equal(target.scheme, 'command', href);
  const args = JSON.parse(decodeURIComponent(target.query)) as unknown[];
  return vscode.commands.executeCommand(target.path, ...args);
}

const conceptTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && (t.input as { viewType: string }).viewType.endsWith('dockerfileGuide.concept'));

suite('concepts: hovers link the concept pages, which open beside the editor', () => {
  before(async () => {
    api = (await startedExtension()).api as Api;
    await setGuideLanguage('ko');
    doc = await openFile('concepts/Dockerfile', TEXT);
  });
  after(async () => {
    await setGuideLanguage(undefined);
    await closeAllEditors();
  });

  test('the hover on EXPOSE links the ports page; following it opens a tab with its Korean title, its picture and no second tab', async () => {
    const title = pageTitle('ports', 'ko');
    const link = `[개념: ${title}](command:${OPEN_CONCEPT_COMMAND}?%5B%22ports%22%5D)`;
    const md = await waitFor(() => hoverText(doc, new vscode.Position(2, 2)), (t) => t.includes(link), 'the EXPOSE hover carries the concept link');
    const href = /\]\((command:dockerfileGuide\.openConcept\?[^)]+)\)/.exec(md.slice(md.indexOf(link)))![1];
    const view = (await follow(href)) as ConceptView | undefined;
    assert.ok(view, 'the command returns what it shows');
    assert.equal(view.slug, 'ports');
    assert.equal(view.title, title);
    assert.ok(HANGUL.test(view.title));
    await waitFor(() => conceptTabs().map((t) => t.label), (labels) => labels.includes(title), `a webview tab titled ${title}`, 5000);
    // The picture: the relative src became a webview URI of the shipped file.
    const img = /<img[^>]*\ssrc="([^"]+)"/.exec(view.html);
    assert.ok(img, 'the page has its picture');
    assert.ok(!img[1].startsWith('images/') && /docs\/concepts\/images\/ports\.svg$/.test(img[1]), img[1]);
    // Following the link again (or another page's link) reuses the tab.
    await follow(href);
    await follow(`command:${OPEN_CONCEPT_COMMAND}?${encodeURIComponent(JSON.stringify(['pid1-and-signals']))}`);
    await waitFor(() => conceptTabs().map((t) => t.label), (l) => l.length === 1 && l[0] === pageTitle('pid1-and-signals', 'ko'), 'one concept tab, now the PID 1 page', 5000);
    // Its command links survive the renderer: the doctor and the shell-vs-exec page.
    const html = api.conceptView()!.html;
    assert.match(html, /href="command:dockerfileGuide\.doctor\.run"/);
    assert.match(html, /href="command:dockerfileGuide\.openConcept\?%5B%22shell-vs-exec%22%5D"/);
  });

  test('the hover over DG101 (the main process exits) links the PID 1 page', async () => {
    const list = await waitFor(() => vscode.languages.getDiagnostics(doc.uri), (l) => l.some((d) => typeof d.code === 'object' && d.code.value === 'DG101'), 'DG101 reported');
    const d = list.find((x) => typeof x.code === 'object' && x.code.value === 'DG101')!;
    const md = await waitFor(() => hoverText(doc, d.range.start), (t) => t.includes('**DG101**'), 'the hover explains DG101');
    assert.ok(md.includes(`[개념: ${pageTitle('pid1-and-signals', 'ko')}](command:${OPEN_CONCEPT_COMMAND}?%5B%22pid1-and-signals%22%5D)`), md);
  });

  test('with "both" the tab shows the Korean and then the English page; an unknown slug opens nothing', async () => {
    await setGuideLanguage('both');
    try {
      const view = (await vscode.commands.executeCommand(OPEN_CONCEPT_COMMAND, 'layers-and-cache')) as ConceptView;
      const [ko, en] = [pageTitle('layers-and-cache', 'ko'), pageTitle('layers-and-cache', 'en')];
      assert.equal(view.title, `${ko} / ${en}`);
      assert.ok(view.html.indexOf(ko) >= 0 && view.html.indexOf(ko) < view.html.indexOf(en), 'Korean first');
      assert.match(view.html, /href="command:dockerfileGuide\.docker\.buildImage"/, 'the layers page links Build Image');
    } finally {
      await setGuideLanguage('ko');
    }
    assert.equal(await vscode.commands.executeCommand(OPEN_CONCEPT_COMMAND, 'no-such-page'), undefined);
    assert.equal(api.conceptView()?.slug, 'layers-and-cache', 'the panel still shows the last page');
  });

  test('the palette offers all 11 pages by their Korean titles, in reading order (fails until every page is written)', async () => {
    // Without an argument the command asks with a quick pick; it resolves with nothing when the pick is closed.
    const asked = vscode.commands.executeCommand(OPEN_CONCEPT_COMMAND);
    await new Promise((r) => setTimeout(r, 500));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await asked, undefined);
    const list = api.conceptList();
    assert.deepEqual(
      list.map((c) => c.slug),
      [...CONCEPT_SLUGS],
      `the pick list: ${list.map((c) => c.slug).join(', ')}`,
    );
    for (const c of list) assert.equal(c.title, pageTitle(c.slug, 'ko'));
  });
});
