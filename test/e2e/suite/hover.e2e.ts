// Hover on every instruction keyword returns our docs in the configured language, and switching
// `dockerfileGuide.language` changes the next hover without a reload.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { HANGUL, closeAllEditors, hoverText, openFile, setGuideLanguage, startedExtension, waitFor } from '../helpers';
import { after, before, suite, test } from '../framework';

const LINES = [
  'FROM debian:bookworm AS base',
  'ARG WORDPRESS_VERSION=6.6.2',
  'LABEL org.opencontainers.image.title="ft_server"',
  'MAINTAINER student <student@student.42seoul.kr>',
  'ENV AUTOINDEX=on',
  'WORKDIR /var/www/html',
  'ADD https://wordpress.org/latest.tar.gz /tmp/',
  'COPY srcs/start.sh /usr/local/bin/start.sh',
  'RUN apt-get update && apt-get install -y --no-install-recommends nginx',
  'USER root',
  'VOLUME /var/lib/mysql',
  'EXPOSE 80 443',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'STOPSIGNAL SIGQUIT',
  'HEALTHCHECK --interval=30s CMD curl -fsk https://localhost/ || exit 1',
  'ONBUILD RUN echo "building on ft_server"',
  'ENTRYPOINT ["/usr/local/bin/start.sh"]',
  'CMD ["nginx", "-g", "daemon off;"]',
];
const TEXT = LINES.join('\n') + '\n';
const keywordOf = (line: string) => line.split(' ')[0];

let doc: vscode.TextDocument;

/** The hover on the keyword of line `i` (cursor inside the word). */
const hoverAt = (i: number) => hoverText(doc, new vscode.Position(i, 1));

function firstLine(markdown: string): string {
  return markdown.split('\n').find((l) => l.trim() !== '') ?? '';
}

async function expectAll(lang: 'ko' | 'en'): Promise<void> {
  const problems: string[] = [];
  for (let i = 0; i < LINES.length; i++) {
    const kw = keywordOf(LINES[i]);
    const md = await hoverAt(i);
    if (!md.trim()) problems.push(`${kw}: no hover`);
    else if (!firstLine(md).includes(kw)) problems.push(`${kw}: first line ${JSON.stringify(firstLine(md))} lacks the keyword`);
    else if (lang === 'ko' && !HANGUL.test(md)) problems.push(`${kw}: no Korean text in ${JSON.stringify(md.slice(0, 200))}`);
    else if (lang === 'en' && HANGUL.test(md)) problems.push(`${kw}: Korean text in the English hover ${JSON.stringify(md.slice(0, 200))}`);
  }
  assert.deepStrictEqual(problems, [], problems.join('\n'));
}

suite('hover', () => {
  before(async () => {
    await startedExtension();
    await setGuideLanguage('ko');
    doc = await openFile('hover/Dockerfile', TEXT);
  });
  after(async () => {
    await setGuideLanguage(undefined);
    await closeAllEditors();
  });

  test('every instruction has a Korean hover when dockerfileGuide.language is ko', async () => {
    await waitFor(() => hoverAt(0), (md) => HANGUL.test(md), 'Korean hover on FROM');
    await expectAll('ko');
  });

  test('switching the setting to en changes the next hover to English, without a reload', async () => {
    await setGuideLanguage('en');
    await waitFor(() => hoverAt(0), (md) => md.includes('FROM') && !HANGUL.test(md), 'English hover on FROM');
    await expectAll('en');
  });

  test('switching back to ko gives Korean hovers again', async () => {
    await setGuideLanguage('ko');
    await waitFor(() => hoverAt(0), (md) => HANGUL.test(md), 'Korean hover on FROM after switching back');
    await expectAll('ko');
  });

  test('the hover fits its box and its More link opens the full page beside the editor', async () => {
    await setGuideLanguage('ko');
    const i = LINES.findIndex((l) => l.startsWith('RUN '));
    const hovers = await waitFor(
      async () => (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(i, 1))) ?? [],
      (hs) => hs.some((h) => h.contents.some((c) => typeof c !== 'string' && c.value.includes('자세히 보기'))),
      'a More link in the RUN hover',
    );
    const md = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => typeof c !== 'string' && c.value.includes('자세히 보기'))!;
    // VS Code runs a command link only when the markdown trusts that command: the client's markdown option.
    const trusted = md.isTrusted;
    assert.ok(trusted === true || (typeof trusted === 'object' && trusted.enabledCommands.includes('dockerfileGuide.showReference')), `isTrusted: ${JSON.stringify(trusted)}`);
    assert.ok(!md.value.includes('레이어와 캐시'), 'the layer notes wait on the full page');
    const m = /\[자세히 보기\]\(command:dockerfileGuide\.showReference\?([^)]*)\)/.exec(md.value);
    assert.ok(m, md.value.slice(0, 400));
    const args = JSON.parse(decodeURIComponent(m[1])) as string[];
    assert.deepStrictEqual(args, ['RUN']);
    const shown = await vscode.commands.executeCommand<string | undefined>('dockerfileGuide.showReference', ...args);
    assert.strictEqual(shown, 'RUN');
    const tab = await waitFor(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'RUN 설명'),
      (t) => !!t,
      'a "RUN 설명" tab',
    );
    assert.ok(tab!.input instanceof vscode.TabInputWebview, 'a webview panel');
    assert.ok(vscode.window.tabGroups.all.length >= 2, 'beside the editor');
  });

  test('no hover on a blank position after the last line', async () => {
    const md = await hoverText(doc, new vscode.Position(LINES.length, 0));
    assert.strictEqual(md.trim(), '');
  });
});
