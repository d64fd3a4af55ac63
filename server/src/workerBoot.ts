/**
 * dist/worker.js: the diagnostics worker thread's entry (see WORKER_DIAGNOSTICS in server.ts). It loads only the
 * service, through the same code cache as the main thread (V8's flags are per process, so the main thread's cache
 * of dist/service.js fits here too), and serves diagnostics requests on the parent port.
 */
import * as path from 'path';
import { parentPort } from 'worker_threads';
import { loadCached } from './codeCache';
import type * as Service from './service/index';

const service = loadCached(path.join(__dirname, 'service.js')) as typeof Service;
if (parentPort) service.serveDiagnostics(parentPort);
