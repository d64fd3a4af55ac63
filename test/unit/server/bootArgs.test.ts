/**
 * server/src/lsp/bootArgs.ts: dist/server.js starts the language server for every transport vscode-languageserver
 * reads from the command line (so VS Code's --node-ipc and an editor's --stdio keep working), and answers
 * --version, --help and a command line without a transport itself, in the user's language.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { answerWithoutServer, NO_TRANSPORT, SERVER_USAGE } from '../../../server/src/lsp/bootArgs';
import { VERSION } from '../../../common/src/version';

function answer(argv: string[], lang: 'ko' | 'en' | 'both' = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const code = answerWithoutServer(argv, lang, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('every transport of vscode-languageserver starts the server, with or without other arguments', () => {
  for (const argv of [
    ['--stdio'],
    ['--node-ipc'],
    ['--node-ipc', '--clientProcessId=123'],
    ['--clientProcessId', '123', '--stdio'],
    ['--socket=5007'],
    ['--socket', '5007'],
    ['--pipe=/tmp/dg.sock'],
    ['--pipe', '/tmp/dg.sock'],
  ]) {
    assert.deepEqual(answer(argv), { code: undefined, out: '', err: '' }, argv.join(' '));
  }
});

test('--version and -v print the version alone, before any transport is looked at', () => {
  for (const argv of [['--version'], ['-v'], ['--stdio', '--version']]) assert.deepEqual(answer(argv), { code: 0, out: VERSION, err: '' });
});

test('--help prints the usage in the chosen language on stdout', () => {
  assert.deepEqual(answer(['--help'], 'ko'), { code: 0, out: SERVER_USAGE.ko, err: '' });
  assert.deepEqual(answer(['-h'], 'en'), { code: 0, out: SERVER_USAGE.en, err: '' });
});

test('no transport (nothing, or a look-alike) is a usage error: exit 2, the reason and the usage on stderr', () => {
  for (const argv of [[], ['stdio'], ['--stdio-x'], ['--sockets=1']]) {
    const r = answer(argv, 'both');
    assert.equal(r.code, 2, argv.join(' '));
    assert.equal(r.out, '');
    assert.ok(r.err.startsWith(`${NO_TRANSPORT.ko} / ${NO_TRANSPORT.en}`), r.err);
    assert.ok(r.err.includes(SERVER_USAGE.ko) && r.err.includes(SERVER_USAGE.en));
  }
});
