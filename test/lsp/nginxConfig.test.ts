/**
 * nginx config files open in the editor, over real JSON-RPC to dist/server.js: diagnostics in the file itself,
 * found through the Dockerfile that copies it (with a related location on its COPY line), from the editor's unsaved
 * text; the hover on such a line; the quick fix; a Dockerfile edit that changes the config's findings; a file that
 * no Dockerfile copies, which still gets the checks that need nothing else.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { hoverText, LspClient } from './lspClient';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-lsp-nginx-'));
const dockerfile = (phpPackage: string) =>
  [
    'FROM debian:buster',
    `RUN apt-get update && apt-get install -y nginx ${phpPackage}`,
    'COPY srcs/default /etc/nginx/sites-available/default',
    'CMD ["nginx", "-g", "daemon off;"]',
    '',
  ].join('\n');
const site = [
  'server {',
  '    listen 443 ssl;',
  '    ssl_certificate /etc/ssl/certs/never-made.crt;',
  '    ssl_certificate_key /etc/ssl/private/never-made.key;',
  '    root /var/www/html;',
  '    location ~ \\.php$ {',
  '        include snippets/fastcgi-php.conf;',
  '        fastcgi_pass unix:/run/php/php7.4-fpm.sock;',
  '    }',
  '    autoindx on;',
  '}',
  '',
].join('\n');

fs.mkdirSync(path.join(root, 'project/srcs'), { recursive: true });
fs.writeFileSync(path.join(root, 'project/Dockerfile'), dockerfile('php-fpm'));
fs.writeFileSync(path.join(root, 'project/srcs/default'), site);
fs.mkdirSync(path.join(root, 'loose'), { recursive: true });

const configUri = pathToFileURL(path.join(root, 'project/srcs/default')).toString();
const dockerfileUri = pathToFileURL(path.join(root, 'project/Dockerfile')).toString();

let c: LspClient;
before(async () => {
  c = new LspClient();
  await c.initialize({ language: 'en' });
});
after(async () => {
  await c.shutdownHealthy();
  fs.rmSync(root, { recursive: true, force: true });
});

/** The next diagnostics published for `uri` at `version`. */
const published = (uri: string, version: number) => c.waitFor('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === version).then((p) => p.diagnostics as any[]);

function change(uri: string, version: number, text: string) {
  c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
}

describe('nginx config files in the editor', () => {
  let diags: any[] = [];

  test('findings sit on the config lines, found through the Dockerfile that copies the file', async () => {
    diags = await c.openAndWait(configUri, site, 1, 'nginx');
    const byCode = new Map(diags.map((d) => [d.code, d]));
    assert.deepEqual([...new Set(diags.map((d) => d.code))].sort(), ['DG124', 'DG126', 'DG127'], JSON.stringify(diags, null, 1));

    const socket = byCode.get('DG124');
    assert.deepEqual(socket.range, { start: { line: 7, character: 21 }, end: { line: 7, character: 50 } });
    // Shown in the file itself, the message does not start by naming that file and line.
    assert.match(socket.message, /^“fastcgi_pass unix:\/run\/php\/php7\.4-fpm\.sock” points at the PHP 7\.4 socket/);
    assert.match(socket.message, /502 Bad Gateway/);
    assert.equal(socket.relatedInformation.length, 1);
    assert.equal(socket.relatedInformation[0].location.uri, dockerfileUri);
    assert.equal(socket.relatedInformation[0].location.range.start.line, 2);
    assert.equal(socket.relatedInformation[0].message, 'the COPY that puts this file into the image');

    const typo = byCode.get('DG126');
    assert.deepEqual(typo.range, { start: { line: 9, character: 4 }, end: { line: 9, character: 12 } });
    assert.match(typo.message, /nginx has no autoindx directive \(a typo for autoindex\?\)/);
    assert.equal(typo.severity, 1);

    const certs = diags.filter((d) => d.code === 'DG127');
    assert.deepEqual(
      certs.map((d) => d.range.start.line),
      [2, 3],
    );
    assert.match(certs[0].message, /nothing in the Dockerfile creates or copies \/etc\/ssl\/certs\/never-made\.crt,/);
  });

  test('the hover on a finding explains its rule', async () => {
    const h = await c.hover(configUri, 9, 6);
    assert.match(hoverText(h), /\*\*DG126\*\* — nginx configuration has a misspelt directive/);
    assert.equal(await c.hover(configUri, 4, 6), null, 'no hover on a line without a finding');
  });

  test('the quick fix puts the installed version in the socket path; the unsaved text is checked', async () => {
    const d = diags.find((x) => x.code === 'DG124');
    const actions: any[] = await c.request('textDocument/codeAction', { textDocument: { uri: configUri }, range: d.range, context: { diagnostics: [d] } });
    assert.equal(actions.length, 1, JSON.stringify(actions));
    assert.equal(actions[0].title, 'Change the path to unix:/run/php/php7.3-fpm.sock');
    const [edit] = actions[0].edit.changes[configUri];
    assert.equal(edit.newText, 'unix:/run/php/php7.3-fpm.sock');
    const fixed = site.replace('php7.4-fpm', 'php7.3-fpm').replace('autoindx', 'autoindex');
    const next = published(configUri, 2);
    change(configUri, 2, fixed);
    // Not saved: the file on disk still has both mistakes.
    assert.deepEqual([...new Set((await next).map((x) => x.code))], ['DG127']);
  });

  test('a Dockerfile edit changes the config file findings: installing php7.4-fpm makes the 7.4 socket right', async () => {
    change(configUri, 3, site);
    assert.ok((await published(configUri, 3)).some((x) => x.code === 'DG124'));
    const next = published(configUri, 3);
    await c.openAndWait(dockerfileUri, dockerfile('php7.4-fpm'), 1);
    assert.ok(!(await next).some((x) => x.code === 'DG124'));
  });

  test('a file no Dockerfile copies still gets the misspelt directives, with a fix', async () => {
    const uri = pathToFileURL(path.join(root, 'loose/nginx.conf')).toString();
    const text = 'dameon off;\nevents {}\nhttp {\n    server {\n        server_nmae localhost;\n        ssl_certificate /nowhere.crt;\n    }\n}\n';
    const list = await c.openAndWait(uri, text, 1, 'nginx');
    assert.deepEqual(
      list.map((d) => [d.code, d.range.start.line]),
      [
        ['DG104', 0],
        ['DG126', 4],
      ],
    );
    assert.match(list[0].message, /^dameon is a typo for daemon;/);
    assert.equal(list[1].relatedInformation, undefined);
    const actions: any[] = await c.request('textDocument/codeAction', { textDocument: { uri }, range: list[1].range, context: { diagnostics: [list[1]] } });
    assert.deepEqual(
      actions.map((a) => [a.title, a.edit.changes[uri][0].newText]),
      [['Change to server_name', 'server_name']],
    );
  });

  test('Dockerfile features do not answer for an nginx file, and nothing is logged as an error', async () => {
    assert.deepEqual(await c.request('textDocument/completion', { textDocument: { uri: configUri }, position: { line: 1, character: 4 } }), []);
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri: configUri } }), []);
    assert.deepEqual(await c.request('textDocument/formatting', { textDocument: { uri: configUri }, options: { tabSize: 4, insertSpaces: true } }), []);
  });
});
