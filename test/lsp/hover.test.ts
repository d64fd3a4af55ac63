/**
 * Hover over real LSP: every instruction, every flag, every mount type and key, every directive, in ko, en and
 * both; and the language switching live through both ways a client can send settings.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FLAGS } from '../../server/src/docs/flags';
import { INSTRUCTIONS } from '../../server/src/docs/instructions';
import { MOUNT_TYPES } from '../../server/src/docs/mounts';
import { HANGUL, hoverText, LspClient } from './lspClient';
import { KEYWORD_LINES } from '../keywordLines';

const keywords = Object.keys(INSTRUCTIONS);
const instructionDoc = keywords.map((k) => KEYWORD_LINES[k]).join('\n') + '\n';

/** One line per flag: `KW --flag=x args`. */
const flagCases = Object.entries(FLAGS).flatMap(([kw, flags]) =>
  flags.map((f) => ({ kw, flag: f.name, line: `${kw} --${f.name}=x ${kw === 'HEALTHCHECK' ? 'CMD true' : kw === 'FROM' ? 'debian' : 'a /b'}` })),
);
const flagDoc = 'FROM debian\n' + flagCases.map((c) => c.line).join('\n') + '\n';

const mountCases = MOUNT_TYPES.flatMap((t) => [
  { type: t.type, key: 'type', line: `RUN --mount=type=${t.type} true` },
  ...t.options.map((o) => ({ type: t.type, key: o.key, line: `RUN --mount=type=${t.type},${o.key}=v true` })),
]);
const mountDoc = 'FROM debian\n' + mountCases.map((c) => c.line).join('\n') + '\n';

function checkLang(text: string, lang: 'ko' | 'en' | 'both', what: string) {
  assert.ok(text.length > 0, `${what}: empty hover (${lang})`);
  if (lang === 'ko') assert.match(text, HANGUL, `${what}: no Korean in ko hover`);
  if (lang === 'en') assert.doesNotMatch(text, HANGUL, `${what}: Korean in en hover`);
  if (lang === 'both') {
    const sep = text.indexOf('\n---\n');
    assert.ok(sep > 0, `${what}: both-mode hover has no separator`);
    assert.match(text.slice(0, sep), HANGUL, `${what}: Korean does not come first`);
    assert.match(text.slice(sep), /[A-Za-z]{4,}/, `${what}: no English after the separator`);
  }
}

for (const lang of ['ko', 'en', 'both'] as const) {
  describe(`hover in ${lang}`, () => {
    let c: LspClient;
    before(async () => {
      c = new LspClient();
      await c.initialize({ language: lang });
      await c.openAndWait('file:///w/instr/Dockerfile', instructionDoc);
      await c.openAndWait('file:///w/flags/Dockerfile', flagDoc);
      await c.openAndWait('file:///w/mounts/Dockerfile', mountDoc);
    });
    after(() => c.shutdown());

    test('every instruction keyword', async () => {
      for (let i = 0; i < keywords.length; i++) {
        const text = hoverText(await c.hover('file:///w/instr/Dockerfile', i, 1));
        assert.ok(text.includes(`**${keywords[i]}**`), `hover on ${keywords[i]} does not name it: ${text.slice(0, 80)}`);
        assert.match(text, /docs\.docker\.com\/reference\/dockerfile/, `${keywords[i]}: no reference link`);
        checkLang(text, lang, keywords[i]);
      }
    });

    test('every flag of every instruction', async () => {
      for (let i = 0; i < flagCases.length; i++) {
        const { kw, flag } = flagCases[i];
        const text = hoverText(await c.hover('file:///w/flags/Dockerfile', i + 1, kw.length + 3));
        assert.ok(text.includes(`--${flag}`), `${kw} --${flag}: ${text.slice(0, 80)}`);
        checkLang(text, lang, `${kw} --${flag}`);
      }
    });

    test('every RUN --mount type and key', async () => {
      for (let i = 0; i < mountCases.length; i++) {
        const { type, key, line } = mountCases[i];
        const col = key === 'type' ? line.indexOf('type=') + 6 : line.indexOf(`,${key}=`) + 2;
        const text = hoverText(await c.hover('file:///w/mounts/Dockerfile', i + 1, col));
        assert.ok(text.includes(key === 'type' ? `type=${type}` : key), `mount ${type} ${key}: ${text.slice(0, 80)}`);
        checkLang(text, lang, `mount ${type} ${key}`);
      }
    });

    test('parser directives, heredocs, predefined ARGs, variables and stages', async () => {
      const uri = 'file:///w/misc/Dockerfile';
      const text = [
        '# syntax=docker/dockerfile:1',
        '# escape=\\',
        '# check=skip=JSONArgsRecommended',
        'ARG DEBIAN=bookworm',
        'FROM debian:${DEBIAN} AS base',
        'ARG TARGETARCH',
        'ENV SITE=localhost',
        'RUN echo "$SITE $TARGETARCH"',
        'COPY <<EOF /etc/motd',
        'hello',
        'EOF',
        'FROM base',
        'COPY --from=base /etc/motd /motd',
      ].join('\n');
      await c.openAndWait(uri, text + '\n');
      for (const [line, col, needle] of [
        [0, 3, 'syntax'],
        [1, 3, 'escape'],
        [2, 3, 'check'],
        [8, 6, '<<EOF'],
        [7, 11, 'SITE'],
        [7, 18, 'TARGETARCH'],
        [4, 17, 'DEBIAN'],
        [11, 6, 'base'],
        [12, 13, 'base'],
      ] as const) {
        const h = hoverText(await c.hover(uri, line, col));
        assert.ok(h.includes(needle), `line ${line}:${col} should mention ${needle}: ${h.slice(0, 120)}`);
        checkLang(h, lang, `${line}:${col}`);
      }
      const siteHover = hoverText(await c.hover(uri, 7, 11));
      assert.ok(siteHover.includes('`localhost`'), 'value of SITE shown');
      assert.ok(siteHover.includes('7'), 'line where SITE is set shown');
      const debianHover = hoverText(await c.hover(uri, 4, 17));
      assert.ok(debianHover.includes('`bookworm`'), 'global ARG value on the FROM line');
    });
  });
}

test('language switches live: pushed settings and pulled configuration', async () => {
  const c = new LspClient();
  await c.initialize({ language: 'en' }, { workspace: { configuration: true } });
  const uri = 'file:///w/switch/Dockerfile';
  c.configuration = { dockerfileGuide: { language: 'en' } };
  const first = await c.openAndWait(uri, 'FROM debian\nMAINTAINER me\n');
  assert.ok(first.length > 0 && first.every((d: any) => !HANGUL.test(d.message)), 'English diagnostics first');
  assert.doesNotMatch(hoverText(await c.hover(uri, 0, 1)), HANGUL);

  // Push: the settings arrive in the notification (VS Code's synchronize.configurationSection).
  const republished = c.waitFor('textDocument/publishDiagnostics', (d) => d.uri === uri && d.diagnostics.some((x: any) => HANGUL.test(x.message)));
  c.notify('workspace/didChangeConfiguration', { settings: { dockerfileGuide: { language: 'ko' } } });
  await republished;
  assert.match(hoverText(await c.hover(uri, 0, 1)), HANGUL);

  // Pull: an empty notification makes the server ask workspace/configuration.
  c.configuration = { dockerfileGuide: { language: 'en' } };
  const back = c.waitFor('textDocument/publishDiagnostics', (d) => d.uri === uri && d.diagnostics.every((x: any) => !HANGUL.test(x.message)));
  c.notify('workspace/didChangeConfiguration', { settings: null });
  await back;
  assert.doesNotMatch(hoverText(await c.hover(uri, 0, 1)), HANGUL);

  // This client did not offer dynamic registration: the server never asked it to register (eglot and Neovim 0.7
  // warn when asked).
  assert.ok(!c.serverRequests.includes('client/registerCapability'), c.serverRequests.join(', '));

  // `auto` follows the client's locale.
  c.notify('workspace/didChangeConfiguration', { settings: { dockerfileGuide: { language: 'auto' } } });
  await new Promise((r) => setTimeout(r, 100));
  assert.doesNotMatch(hoverText(await c.hover(uri, 0, 1)), HANGUL, 'auto with no Korean locale is English');
  await c.shutdown();

  const k = new LspClient();
  await k.request('initialize', { processId: null, rootUri: null, capabilities: {}, locale: 'ko-KR', initializationOptions: { language: 'auto' } });
  k.notify('initialized', {});
  await k.openAndWait(uri, 'FROM debian\n');
  assert.match(hoverText(await k.hover(uri, 0, 1)), HANGUL, 'auto with locale ko-KR is Korean');
  await k.shutdown();

  // A client that offers it (VS Code does) is asked to register for the settings section.
  const v = new LspClient();
  await v.initialize({ language: 'en' }, { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } });
  await v.openAndWait(uri, 'FROM debian\n');
  assert.ok(v.serverRequests.includes('client/registerCapability'), v.serverRequests.join(', '));
  await v.shutdown();
});
