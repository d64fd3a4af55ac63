/**
 * What dist/server.js (the npm package's `dockerfile-guide-server`) does with a command line that starts no server:
 * `--version`, `--help`, or no transport at all. Without this, a person who types the bare command got
 * vscode-languageserver's English-only stack trace about a missing input stream.
 * Kept free of the language server itself, so that answering costs no load of dist/lsp.js.
 */
import { Lang, line, Msg } from '../../../common/src/i18n';
import { VERSION } from '../../../common/src/version';

// The transports vscode-languageserver's createConnection() reads from process.argv (lib/node/main.js).
const TRANSPORT = /^--(stdio|node-ipc|socket|pipe)(=|$)/;

export const SERVER_USAGE: Msg = {
  ko: `사용법: dockerfile-guide-server --stdio
  Dockerfile Guide 언어 서버(LSP)를 시작합니다. 편집기가 이 명령을 실행하고 LSP 메시지를 주고받습니다.

  --stdio          표준 입력과 표준 출력으로 통신합니다. 대부분의 편집기(Neovim, Helix, Emacs 등)는 이 방식을 씁니다.
  --node-ipc       Node IPC 채널로 통신합니다. VS Code 확장이 이 방식으로 서버를 실행합니다.
  --socket=포트    127.0.0.1의 이 포트에서 기다리는 클라이언트에 연결합니다.
  --pipe=이름      이 이름의 named pipe나 유닉스 소켓에 연결합니다.
  --version        버전을 출력합니다.
  --help           이 도움말을 출력합니다.

설정은 initialize 요청의 initializationOptions로 보냅니다. 예: {"language": "ko"} (auto|ko|en|both),
{"rules": {"DL3008": "off"}}`,
  en: `Usage: dockerfile-guide-server --stdio
  Starts the Dockerfile Guide language server (LSP). An editor runs this command and exchanges LSP messages with it.

  --stdio          talk over standard input and output; what most editors (Neovim, Helix, Emacs…) use
  --node-ipc       talk over a Node IPC channel; how the VS Code extension starts the server
  --socket=PORT    connect to a client listening on this port of 127.0.0.1
  --pipe=NAME      connect to this named pipe or Unix socket
  --version        print the version
  --help           print this help

Settings go in the initializationOptions of the initialize request, e.g. {"language": "ko"} (auto|ko|en|both),
{"rules": {"DL3008": "off"}}`,
};

export const NO_TRANSPORT: Msg = {
  ko: '통신 방식을 지정해 주세요. 편집기에서 실행할 때는 보통 --stdio를 씁니다.',
  en: 'Say how to talk to the editor; editors usually run it with --stdio.',
};

/**
 * The exit code when the command line asks for no server (after printing what it asked for), or undefined when a
 * transport is given and the server should start.
 */
export function answerWithoutServer(argv: string[], lang: Lang, io: { out: (s: string) => void; err: (s: string) => void }): number | undefined {
  if (argv.includes('--version') || argv.includes('-v')) {
    io.out(VERSION);
    return 0;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(line(SERVER_USAGE, lang));
    return 0;
  }
  if (argv.some((a) => TRANSPORT.test(a))) return undefined;
  io.err(line(NO_TRANSPORT, lang));
  io.err(line(SERVER_USAGE, lang));
  return 2;
}
