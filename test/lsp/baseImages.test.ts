/**
 * `dockerfileGuide/baseImages` over real LSP: the base-image probe of the editor asks the server which images a
 * document's FROMs name, instead of reading the FROM and ARG lines again itself.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_IMAGE_CONFIG_METHOD,
  BASE_IMAGES_REQUEST,
  EXPLAIN_REQUEST,
  type BaseImagesParams,
  type BaseImagesResponse,
  type EngineImageConfigParams,
  type ExplainRequestParams,
  type ExplainResponse,
} from '../../common/src/protocol';
import { LspClient } from './lspClient';

let c: LspClient;
before(async () => {
  c = new LspClient();
  await c.initialize({ language: 'en' });
});
after(() => c.shutdownHealthy());

const ask = (uri: string) => c.request<BaseImagesResponse>(BASE_IMAGES_REQUEST, { uri } satisfies BaseImagesParams);

test('the images of the FROMs after ARG substitution, following edits; null for a document the server does not have', async () => {
  const uri = 'file:///w/base-images/Dockerfile';
  await c.openAndWait(uri, 'ARG PHP=8.3\nFROM php:${PHP}-fpm AS build\nFROM build\nFROM nginx:1.27\nCOPY --from=build /a /b\n');
  assert.deepEqual(await ask(uri), ['php:8.3-fpm', 'nginx:1.27']);
  const changed = c.waitFor('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === 2);
  c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'ARG PHP=8.4\nFROM php:${PHP}-cli\n' }] });
  await changed;
  assert.deepEqual(await ask(uri), ['php:8.4-cli']);
  assert.equal(await ask('file:///w/base-images/not-open/Dockerfile'), null);
});

test('what the client\'s engine says an image runs reaches the explanation, until the engine says the image is gone', async () => {
  const uri = 'file:///w/base-images/engine/Dockerfile';
  await c.openAndWait(uri, 'FROM example.com/team/app:1\nRUN true\n');
  const explain = async () => (await c.request<ExplainResponse>(EXPLAIN_REQUEST, { uri } satisfies ExplainRequestParams))!;
  // An image the built-in table does not know: nothing to say about what it runs.
  assert.match((await explain()).title, /\?$/);
  // Messages are handled in order: the request after the notification sees what it said.
  c.notify(BASE_IMAGE_CONFIG_METHOD, { image: 'example.com/team/app:1', entrypoint: null, cmd: ['serve', '--port', '80'] } satisfies EngineImageConfigParams);
  assert.match((await explain()).title, /serve --port 80$/);
  c.notify(BASE_IMAGE_CONFIG_METHOD, { image: 'example.com/team/app:1', entrypoint: null, cmd: null, missing: true } satisfies EngineImageConfigParams);
  assert.match((await explain()).title, /\?$/);
});
