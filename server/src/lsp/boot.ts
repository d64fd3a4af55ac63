/**
 * dist/server.js: what clients start (`node dist/server.js --stdio`, or VS Code with --node-ipc). It only loads the
 * language server bundle (dist/lsp.js) through the code cache, so that a start does not wait for V8 to compile it
 * again; see codeCache.ts. The service (dist/service.js) is loaded the same way while `initialize` is handled.
 */
import * as path from 'path';
import { loadCached } from './runtime/codeCache';
import { sizeHeapForAnEditor } from './runtime/heap';

// Before any code is loaded: the flags are part of what a code cache is checked against (see heap.ts).
sizeHeapForAnEditor();
loadCached(path.join(__dirname, 'lsp.js'));
