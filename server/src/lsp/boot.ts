/**
 * dist/server.js: what clients start (`node dist/server.js --stdio`, or VS Code with --node-ipc), and the npm
 * package's `dockerfile-guide-server`. It only loads the language server bundle (dist/lsp.js) through the code cache,
 * so that a start does not wait for V8 to compile it again; see codeCache.ts. The service (dist/service.js) is loaded
 * the same way while `initialize` is handled. `--version`, `--help` and a command line without a transport are
 * answered here, without loading the server (bootArgs.ts).
 */
import * as path from 'path';
import { envLang } from '../envLang';
import { answerWithoutServer } from './bootArgs';
import { loadCached } from './runtime/codeCache';
import { sizeHeapForAnEditor } from './runtime/heap';

const io = { out: (s: string) => process.stdout.write(s + '\n'), err: (s: string) => process.stderr.write(s + '\n') };
const exitCode = answerWithoutServer(process.argv.slice(2), envLang(), io);
if (exitCode !== undefined) {
  process.exitCode = exitCode;
} else {
  // Before any code is loaded: the flags are part of what a code cache is checked against (see heap.ts).
  sizeHeapForAnEditor();
  loadCached(path.join(__dirname, 'lsp.js'));
}
