/**
 * Completion, diagnostics, outline, folding, navigation, rename and formatting over real LSP.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HANGUL, LspClient } from './lspClient';

let c: LspClient;
before(async () => {
  c = new LspClient();
  await c.initialize({ language: 'ko' });
});
after(() => c.shutdown());

const complete = (uri: string, line: number, character: number) =>
  c.request<any>("textDocument/completion", { textDocument: { uri }, position: { line, character } }).then((r: any): any[] => (Array.isArray(r) ? r : r?.items ?? []));
const labels = (items: any[]) => items.map((i) => i.label);

describe('completion', () => {
  const uri = 'file:///w/complete/Dockerfile';
  const lines = [
    '# ',
    'ARG DEBIAN=bookworm',
    'FROM debian:${DEBIAN} AS build',
    'ENV SITE_ROOT=/var/www/html',
    '',
    'RUN echo $',
    'COPY --',
    'COPY --from= /a /b',
    'RUN --mount=type= true',
    'RUN --mount=type=cache, true',
    'RUN apt-get update && apt-get install -y --no-install-recommends ',
    'RUN apt-get install -y \\',
    '    nginx \\',
    '    \\',
    '    curl',
    'FROM build AS final',
    'COPY --from= /a /b',
  ];
  before(() => c.openAndWait(uri, lines.join('\n') + '\n'));

  test('instructions at an empty line, as snippets with Korean docs', async () => {
    const items = await complete(uri, 4, 0);
    for (const kw of ['FROM', 'RUN', 'CMD', 'COPY', 'ENTRYPOINT', 'HEALTHCHECK', 'SHELL', 'ONBUILD', 'STOPSIGNAL']) assert.ok(labels(items).includes(kw), kw);
    const run = items.find((i) => i.label === 'RUN');
    assert.equal(run.insertTextFormat, 2);
    assert.match(run.documentation.value, HANGUL);
  });
  test('directives in the header', async () => {
    assert.deepEqual(labels(await complete(uri, 0, 2)).sort(), ['check', 'escape', 'syntax']);
  });
  test('variables after $, with what is visible at that line', async () => {
    const l = labels(await complete(uri, 5, 10));
    assert.ok(l.includes('SITE_ROOT'), 'ENV of the stage');
    assert.ok(l.includes('TARGETPLATFORM'), 'predefined ARG');
    assert.ok(!l.includes('DEBIAN'), 'a global ARG is not visible inside a stage without ARG DEBIAN');
  });
  test('flags of COPY after --', async () => {
    const l = labels(await complete(uri, 6, 7));
    for (const f of ['--from', '--chown', '--chmod', '--link', '--parents', '--exclude']) assert.ok(l.includes(f), f);
  });
  test('stage names after --from=', async () => {
    assert.deepEqual(labels(await complete(uri, 16, 12)), ['build']);
    assert.deepEqual(labels(await complete(uri, 7, 12)), [], 'a stage cannot copy from itself or later stages');
  });
  test('mount types and keys', async () => {
    assert.deepEqual(labels(await complete(uri, 8, 17)).sort(), ['bind', 'cache', 'secret', 'ssh', 'tmpfs']);
    const keys = labels(await complete(uri, 9, 23));
    for (const k of ['target', 'id', 'sharing', 'mode']) assert.ok(keys.includes(k), k);
  });
  test('Debian packages after apt-get install, also on continuation lines', async () => {
    const l = labels(await complete(uri, 10, lines[10].length));
    for (const p of ['nginx', 'mariadb-server', 'php-fpm', 'openssl', 'ca-certificates']) assert.ok(l.includes(p), p);
    assert.ok(labels(await complete(uri, 13, 4)).includes('php-fpm'));
  });
  test('apt-get subcommands before the package list', async () => {
    const uri2 = 'file:///w/complete/apt/Dockerfile';
    await c.openAndWait(uri2, 'FROM debian\nRUN apt-get \n');
    const items = await complete(uri2, 1, 12);
    assert.deepEqual(labels(items).slice(0, 2), ['update', 'install']);
    assert.match(items[0].insertText, /update && apt-get install -y --no-install-recommends/);
  });
  test('nothing silly inside arguments', async () => {
    assert.deepEqual(await complete(uri, 15, 19), []);
    assert.deepEqual(labels(await complete(uri, 15, 12)), ['AS']);
  });
});

describe('diagnostics', () => {
  test('a broken Dockerfile gets errors with the version, and they clear when fixed', async () => {
    const uri = 'file:///w/diag/Dockerfile';
    const diags = await c.openAndWait(uri, 'FROM\nEXPOSE 80:80/tcpx\nFROOM debian\n');
    assert.ok(diags.length >= 2);
    assert.ok(diags.every((d: any) => d.source === 'dockerfile-guide'));
    assert.ok(diags.some((d: any) => d.severity === 1));
    assert.ok(diags.every((d: any) => HANGUL.test(d.message)), 'Korean messages');
    const cleared = c.waitFor('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === 2);
    c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'FROM debian:bookworm-slim\nCMD ["true"]\n' }] });
    assert.deepEqual((await cleared).diagnostics, []);
  });
  test('incremental edits: only the final version is published after a burst', async () => {
    const uri = 'file:///w/burst/Dockerfile';
    await c.openAndWait(uri, 'FROM debian\n');
    for (let v = 2; v <= 30; v++) {
      c.notify('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line: 1, character: v - 2 }, end: { line: 1, character: v - 2 } }, text: 'x' }],
      });
    }
    const last = await c.waitFor('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === 30);
    assert.ok(last.diagnostics.some((d: any) => d.severity === 1), 'the unknown instruction is reported');
    const versions = c.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).map((n) => n.params.version);
    assert.deepEqual([...versions].sort((a, b) => a - b), versions, 'never an older version after a newer one');
  });
});

describe('outline, folding, navigation, rename, formatting', () => {
  const uri = 'file:///w/nav/Dockerfile';
  const text = [
    'ARG PHP=8.2',
    'FROM debian:bookworm AS build',
    'ARG PHP',
    'ENV WEB=/var/www',
    'RUN mkdir -p $WEB \\',
    '    && echo ${PHP}',
    '',
    'FROM build AS final',
    'COPY --from=build $WEB /srv',
    'RUN echo $WEB',
    'RUN <<EOF',
    '      indented heredoc body stays',
    'EOF',
    '   CMD ["true"]',
  ].join('\n') + '\n';
  before(() => c.openAndWait(uri, text));

  test('document symbols by stage', async () => {
    const syms = await c.request<any[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(syms.map((s) => s.name), ['ARG', 'build', 'final']);
    assert.deepEqual(syms[1].children.map((s: any) => s.name), ['FROM', 'ARG', 'ENV', 'RUN']);
  });
  test('folding: stages, continuations, heredocs', async () => {
    const folds = await c.request<any[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(folds.some((f) => f.startLine === 1 && f.endLine === 5), 'first stage');
    assert.ok(folds.some((f) => f.startLine === 4 && f.endLine === 5), 'continuation');
    assert.ok(folds.some((f) => f.startLine === 10 && f.endLine === 12), 'heredoc');
  });
  test('go to definition of a variable and of a stage', async () => {
    const v = await c.request('textDocument/definition', { textDocument: { uri }, position: { line: 9, character: 11 } });
    assert.deepEqual(v.range.start, { line: 3, character: 4 }, 'ENV WEB inherited through FROM build');
    const s = await c.request('textDocument/definition', { textDocument: { uri }, position: { line: 8, character: 14 } });
    assert.deepEqual(s.range.start, { line: 1, character: 24 });
  });
  test('highlight and rename a variable across inheriting stages', async () => {
    const hl = await c.request<any[]>('textDocument/documentHighlight', { textDocument: { uri }, position: { line: 3, character: 5 } });
    assert.equal(hl.length, 4, JSON.stringify(hl));
    const edit = await c.request('textDocument/rename', { textDocument: { uri }, position: { line: 3, character: 5 }, newName: 'WEB_ROOT' });
    assert.equal(edit.changes[uri].length, 4);
    assert.ok(edit.changes[uri].every((e: any) => e.newText === 'WEB_ROOT'));
  });
  test('build arguments share one name across the global scope and stages', async () => {
    const edit = await c.request('textDocument/rename', { textDocument: { uri }, position: { line: 0, character: 5 }, newName: 'PHP_VERSION' });
    assert.deepEqual(edit.changes[uri].map((e: any) => e.range.start.line).sort(), [0, 2, 5]);
  });
  test('rename a stage renames its references', async () => {
    const edit = await c.request('textDocument/rename', { textDocument: { uri }, position: { line: 1, character: 26 }, newName: 'builder' });
    assert.deepEqual(edit.changes[uri].map((e: any) => e.range.start.line).sort((a: number, b: number) => a - b), [1, 7, 8]);
    const bad = await c.request('textDocument/rename', { textDocument: { uri }, position: { line: 1, character: 26 }, newName: 'no spaces' });
    assert.equal(bad, null);
  });
  test('hovering a stage name teaches what that use of the stage does', async () => {
    const at = async (line: number, character: number, lang: string) => {
      c.notify('workspace/didChangeConfiguration', { settings: { dockerfileGuide: { language: lang } } });
      await new Promise((r) => setTimeout(r, 30));
      const h: any = await c.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
      return h.contents.value as string;
    };
    // COPY --from=build: only the copied files come along; which stages each builder builds.
    const copy = await at(8, 14, 'en');
    assert.match(copy, /\*\*Stage `build`\*\* \(stage 1, line 2\)/);
    assert.match(copy, /Only the copied files reach this image/);
    assert.match(copy, /BuildKit builds only the stages/);
    // FROM build: starts from where that stage ended; its ARGs only with BuildKit.
    assert.match(await at(7, 6, 'en'), /starts from where that stage ended[\s\S]*`ARG`s carry over with BuildKit but not with the legacy builder/);
    // The name after AS: what the name is for, and --target.
    assert.match(await at(1, 26, 'en'), /--target name/);
    const ko = await at(8, 14, 'ko');
    assert.match(ko, /\*\*스테이지 `build`\*\* \(1번째 스테이지, 2번 줄\)/);
    assert.match(ko, /복사한 파일만 들어가고/);
    c.notify('workspace/didChangeConfiguration', { settings: { dockerfileGuide: { language: 'en' } } });
  });
  test('formatting fixes indentation but never touches heredoc bodies', async () => {
    const edits = await c.request<any[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
    assert.ok(edits.some((e) => e.range.start.line === 13 && e.newText === ''), 'leading spaces of CMD removed');
    assert.ok(!edits.some((e) => e.range.start.line === 11), 'heredoc body untouched');
  });
});

test('signature help is off by default and answers when switched on', async () => {
  const uri = 'file:///w/sig/Dockerfile';
  await c.openAndWait(uri, 'FROM debian\nCOPY \n');
  const params = { textDocument: { uri }, position: { line: 1, character: 5 } };
  assert.equal(await c.request('textDocument/signatureHelp', params), null);
  c.notify('workspace/didChangeConfiguration', { settings: { dockerfileGuide: { language: 'ko', signatureHelp: { enabled: true } } } });
  await new Promise((r) => setTimeout(r, 50));
  const help = await c.request('textDocument/signatureHelp', params);
  assert.ok(help.signatures[0].label.startsWith('COPY'));
  assert.match(help.signatures[0].documentation.value, HANGUL);
  c.notify('workspace/didChangeConfiguration', { settings: { dockerfileGuide: { language: 'ko', signatureHelp: { enabled: false } } } });
});
