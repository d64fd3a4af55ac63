// Rule links open the rule's description offline, in the real VS Code: a diagnostic's code (hover, peek and Problems
// panel share its target) and the hover's "문서" link are `command:` links to dockerfileGuide.showRule, which shows
// the rule's section of the shipped docs/rules.md in a tab. The links are followed as VS Code's opener follows a
// command link (the workbench opens a diagnostic's code link with commands allowed: the URI's path is the command, its
// query the URI-encoded JSON arguments); clicking them in the hover and the Problems panel is the UI check
// (test/e2e/rule-docs-ui.mjs, npm run test:ui:rules).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ruleById } from '../../../server/src/rules/registry';
import { HANGUL, closeAllEditors, hoverText, openFile, setGuideLanguage, startedExtension, waitFor, type GuideApi } from '../helpers';
import { after, before, suite, test } from '../framework';

// DL3008 (hadolint: apt-get install without versions) and DG105 (ours: a service started in a RUN).
const TEXT = ['FROM debian:bookworm', 'RUN apt-get update && apt-get install -y --no-install-recommends nginx && rm -rf /var/lib/apt/lists/*', 'RUN service nginx start', 'CMD ["nginx", "-g", "daemon off;"]', ''].join('\n');

interface RuleView {
  ruleId: string;
  title: string;
  html: string;
}

let doc: vscode.TextDocument;
let api: GuideApi & { ruleDocsView(): RuleView | undefined };

/** Runs a `command:` URI the way VS Code's CommandOpener does. */
async function follow(target: vscode.Uri): Promise<void> {
  assert.equal(target.scheme, 'command', target.toString());
  let args: unknown = [];
  try {
    args = JSON.parse(decodeURIComponent(target.query));
  } catch {
    args = JSON.parse(target.query);
  }
  await vscode.commands.executeCommand(target.path, ...(Array.isArray(args) ? args : [args]));
}

/** The diagnostic of one rule, once the server has published it. */
async function diagnosticOf(id: string): Promise<vscode.Diagnostic> {
  const list = await waitFor(() => vscode.languages.getDiagnostics(doc.uri), (l) => l.some((d) => typeof d.code === 'object' && d.code.value === id), `${id} reported`);
  return list.find((d) => typeof d.code === 'object' && d.code.value === id)!;
}

/** The open tab of the rule view (a webview tab), by its title. */
function ruleTab(title: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === title && t.input instanceof vscode.TabInputWebview);
}

async function expectRulePage(id: string): Promise<RuleView> {
  const rule = ruleById(id);
  assert.ok(rule, id);
  const view = (await waitFor(() => api.ruleDocsView(), (v) => v?.ruleId === id, `the rule tab shows ${id}`))!;
  // The tab's title and the page name the rule and give its Korean title; the page has its Korean explanation.
  assert.equal(view.title, `${id} · ${rule.title.ko}`);
  await waitFor(
    () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => ({ label: t.label, webview: t.input instanceof vscode.TabInputWebview, viewType: (t.input as { viewType?: string })?.viewType })),
    () => !!ruleTab(view.title),
    `a webview tab titled ${view.title}`,
    5000,
  );
  assert.match(view.html, new RegExp(`<h1[^>]*>${id}</h1>`));
  const text = view.html.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  assert.ok(text.includes(rule.title.ko), `Korean title in the page: ${text.slice(0, 400)}`);
  assert.ok(HANGUL.test(text) && text.includes(rule.why.ko.replace(/`/g, '').slice(0, 20)), 'the Korean explanation');
  return view;
}

suite('rule docs: diagnostic and hover links open the rule description offline', () => {
  before(async () => {
    api = (await startedExtension()).api as typeof api;
    await setGuideLanguage('ko');
    doc = await openFile('ruledocs/Dockerfile', TEXT);
  });
  after(async () => {
    await setGuideLanguage(undefined);
    await closeAllEditors();
  });

  test('the code link of a hadolint rule opens its page', async () => {
    const d = await diagnosticOf('DL3008');
    const code = d.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.path, 'dockerfileGuide.showRule');
    await follow(code.target);
    await expectRulePage('DL3008');
  });

  test('the code link of our own rule opens its page in the same tab', async () => {
    const d = await diagnosticOf('DG105');
    await follow((d.code as { target: vscode.Uri }).target);
    await expectRulePage('DG105');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /^(DL|DG)\d/.test(t.label));
    assert.equal(tabs.length, 1, `one rule tab: ${tabs.map((t) => t.label).join(', ')}`);
  });

  test('the hover\u2019s 문서 link is the same command link and opens the page', async () => {
    const d = await diagnosticOf('DL3008');
    const md = await waitFor(() => hoverText(doc, d.range.start), (t) => t.includes('[문서: DL3008]('), 'the hover explains DL3008 with a 문서 link');
    const href = /\[문서: DL3008\]\(([^)]+)\)/.exec(md)![1];
    assert.equal(vscode.Uri.parse(href).toString(), (d.code as { target: vscode.Uri }).target.toString(), 'the hover links where the code does');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    doc = await vscode.workspace.openTextDocument(doc.uri);
    await vscode.window.showTextDocument(doc);
    await follow(vscode.Uri.parse(href));
    await expectRulePage('DL3008');
  });

  test('an unknown rule id opens no tab', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('dockerfileGuide.showRule', 'DL9999');
    assert.equal(api.ruleDocsView(), undefined, 'no rule tab for an unknown id');
  });
});
