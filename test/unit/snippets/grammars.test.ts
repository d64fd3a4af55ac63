/**
 * The TextMate grammars in syntaxes/, run by the same engine VS Code uses (vscode-textmate + Oniguruma WASM).
 * A stand-in `source.shell` grammar marks `echo`/`apt-get`, so the tests see where the shell is really embedded.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';
import { generateStack } from '../../../common/src/scaffold/stack';
import { CORPUS, corpusDockerfiles } from '../corpusFiles';

const ROOT = path.resolve(__dirname, '../../..');
const NGINX_CORPUS = path.join(CORPUS, 'ft_server');

const SHELL_STUB = {
  scopeName: 'source.shell',
  patterns: [
    { match: '\\b(echo|apt-get|set|nginx)\\b', name: 'support.function.builtin.shell' },
    { match: '#.*$', name: 'comment.line.shell' },
  ],
};

let registry: vsctm.Registry;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      if (scope === 'source.shell') return vsctm.parseRawGrammar(JSON.stringify(SHELL_STUB), 'shell.json');
      const file = { 'source.dockerfile.guide': 'dockerfile.tmLanguage.json', 'source.nginx.guide': 'nginx.tmLanguage.json' }[scope];
      if (!file) return null;
      const p = path.join(ROOT, 'syntaxes', file);
      return vsctm.parseRawGrammar(fs.readFileSync(p, 'utf8'), p);
    },
  });
});

interface Tok {
  line: number;
  text: string;
  scopes: string[];
}

async function tokenize(scope: string, text: string): Promise<{ toks: Tok[]; endsAtRoot: boolean; ms: number }> {
  const g = await registry.loadGrammar(scope);
  assert.ok(g, scope);
  const t = Date.now();
  const root = g.tokenizeLine('', vsctm.INITIAL).ruleStack;
  let stack = vsctm.INITIAL;
  const toks: Tok[] = [];
  text.split('\n').forEach((l, line) => {
    const r = g.tokenizeLine(l, stack);
    for (const k of r.tokens) toks.push({ line, text: l.slice(k.startIndex, k.endIndex), scopes: k.scopes });
    stack = r.ruleStack;
  });
  return { toks, endsAtRoot: stack.equals(root), ms: Date.now() - t };
}

/** Scopes of the first token whose text contains `needle` (on a given line, if given). */
function scopesOf(toks: Tok[], needle: string, line?: number): string[] {
  const t = toks.find((k) => k.text.includes(needle) && (line === undefined || k.line === line));
  assert.ok(t, `no token containing ${JSON.stringify(needle)}${line !== undefined ? ` on line ${line}` : ''}`);
  return t.scopes;
}

const has = (scopes: string[], s: string) => assert.ok(scopes.some((x) => x.startsWith(s)), `expected ${s} in ${scopes.join(' ')}`);
const hasNot = (scopes: string[], s: string) => assert.ok(!scopes.some((x) => x.startsWith(s)), `unexpected ${s} in ${scopes.join(' ')}`);

describe('grammar: Dockerfile (source.dockerfile.guide)', () => {
  const sample = [
    '# syntax=docker/dockerfile:1', // 0
    'FROM debian:bookworm AS build', // 1
    'ARG VERSION=1.0', // 2
    'ENV A=1 \\', // 3
    '    B="two ${A}"', // 4
    'RUN --mount=type=cache,target=/var/cache/apt apt-get update \\', // 5
    ' && apt-get install -y --no-install-recommends nginx \\', // 6
    '# a comment inside the continuation', // 7
    ' && rm -rf /var/lib/apt/lists/*', // 8
    'RUN <<EOF', // 9
    'set -e', // 10
    'echo heredoc', // 11
    'EOF', // 12
    'COPY --from=build --chown=www-data:www-data /src /dst', // 13
    'CMD ["nginx", "-g", "daemon off;"]', // 14
    'HEALTHCHECK --interval=30s CMD echo ok || exit 1', // 15
    'EXPOSE 80 443/tcp', // 16
    'onbuild run echo later', // 17
    'USER app', // 18
    '',
  ].join('\n');

  it('keywords, flags, variables, stage names, exec-form JSON, ports', async () => {
    const { toks, endsAtRoot } = await tokenize('source.dockerfile.guide', sample);
    assert.ok(endsAtRoot, 'every instruction closed');
    has(scopesOf(toks, 'syntax', 0), 'keyword.other.directive');
    has(scopesOf(toks, 'FROM', 1), 'keyword.other.special-method');
    has(scopesOf(toks, 'build', 1), 'entity.name.type.stage');
    has(scopesOf(toks, 'debian:bookworm', 1), 'entity.name.type.image');
    has(scopesOf(toks, 'VERSION', 2), 'variable.other.key');
    has(scopesOf(toks, '${A}', 4), 'variable.other.dockerfile');
    has(scopesOf(toks, '${A}', 4), 'string.quoted.double');
    has(scopesOf(toks, '--mount', 5), 'entity.other.attribute-name.flag');
    has(scopesOf(toks, '--from', 13), 'entity.other.attribute-name.flag');
    has(scopesOf(toks, 'nginx', 14), 'string.quoted.double.json');
    hasNot(scopesOf(toks, 'nginx', 14), 'meta.embedded.block.shell');
    has(scopesOf(toks, '--interval', 15), 'entity.other.attribute-name.flag');
    has(scopesOf(toks, '443', 16), 'constant.numeric.port');
    has(scopesOf(toks, '/tcp', 16), 'storage.modifier.protocol');
    has(scopesOf(toks, 'onbuild', 17), 'keyword.other.special-method');
    has(scopesOf(toks, 'run', 17), 'keyword.other.special-method');
    has(scopesOf(toks, 'USER', 18), 'keyword.other.special-method');
  });

  it('shell is embedded in RUN (across continuations and comment lines), heredoc bodies, CMD and HEALTHCHECK CMD', async () => {
    const { toks } = await tokenize('source.dockerfile.guide', sample);
    for (const [needle, line] of [['apt-get', 5], ['apt-get', 6], ['echo', 11], ['echo', 15], ['echo', 17]] as const) {
      const s = scopesOf(toks, needle, line);
      has(s, 'meta.embedded.block.shell');
      has(s, 'support.function.builtin.shell');
    }
    has(scopesOf(toks, 'a comment', 7), 'comment.line.number-sign.dockerfile');
    has(scopesOf(toks, 'rm -rf', 8), 'meta.embedded.block.shell'); // still inside the RUN after the comment line
    has(scopesOf(toks, 'EOF', 12), 'keyword.control.heredoc-token');
    hasNot(scopesOf(toks, 'COPY', 13), 'meta.embedded.block.shell');
    has(scopesOf(toks, 'COPY', 13), 'keyword.other.special-method');
  });

  it('tokenizes the generated Dockerfiles and every corpus Dockerfile back to the root state, quickly', async () => {
    const files: [string, string][] = [];
    for (const debian of ['bookworm', 'buster'] as const)
      for (const source of ['debian', 'upstream'] as const)
        files.push([`scaffold ${debian}/${source}`, generateStack({ debian, source, phpMyAdmin: true, lang: 'ko', siteName: 'localhost' })[0].content]);
    // Every Dockerfile of the shared corpus (ft_server, official and hard). The count is asserted: a corpus that
    // moved or a path gone wrong must fail here, not tokenize nothing and pass.
    const corpus = corpusDockerfiles();
    assert.ok(corpus.length >= 99, `only ${corpus.length} corpus Dockerfiles found under ${CORPUS}`);
    for (const p of corpus) files.push([p, fs.readFileSync(p, 'utf8')]);
    for (const [name, text] of files) {
      const { toks, ms, endsAtRoot } = await tokenize('source.dockerfile.guide', text);
      assert.ok(ms < 2000, `${name}: ${ms} ms`);
      assert.ok(endsAtRoot, `${name}: an instruction is left open at the end`);
      // Every instruction keyword at the start of a line is recognised.
      const lines = text.split(/\r?\n/);
      lines.forEach((l, i) => {
        const m = /^\s*(FROM|RUN|COPY|CMD|ENTRYPOINT|EXPOSE|ENV|WORKDIR)\s/.exec(l);
        if (m && !/\\\s*$/.test(lines[i - 1] ?? '')) {
          const sc = scopesOf(toks, m[1], i);
          assert.ok(sc.some((x) => x.startsWith('keyword.other.special-method')), `${name}:${i + 1}: ${m[1]} is ${sc.join(' ')}`);
        }
      });
    }
  });
});

describe('grammar: nginx (source.nginx.guide)', () => {
  it('highlights the scaffold site config: blocks, directives, flags, variables, regex locations, comments', async () => {
    const conf = generateStack({ debian: 'bookworm', source: 'debian', phpMyAdmin: true, lang: 'en', siteName: 'localhost' })[1].content;
    const { toks, endsAtRoot } = await tokenize('source.nginx.guide', conf);
    assert.ok(endsAtRoot);
    has(scopesOf(toks, 'server'), 'storage.type.block');
    has(scopesOf(toks, 'listen'), 'support.function.directive');
    has(scopesOf(toks, 'ssl', conf.split('\n').findIndex((l) => l.includes('listen 443 ssl'))), 'constant.language.flag');
    has(scopesOf(toks, '$host'), 'variable.other.nginx');
    has(scopesOf(toks, 'return'), 'keyword.control.flow');
    has(scopesOf(toks, 'location'), 'storage.type.block.location');
    has(scopesOf(toks, '~'), 'keyword.operator.modifier');
    has(scopesOf(toks, '\\.php$'), 'string.regexp.location');
    has(scopesOf(toks, '#'), 'comment.line.number-sign');
    has(scopesOf(toks, 'on', conf.split('\n').findIndex((l) => /autoindex on/.test(l))), 'constant.language.boolean');
    has(scopesOf(toks, 'unix', conf.split('\n').findIndex((l) => l.includes('fastcgi_pass'))), 'constant.language.scheme');
    has(scopesOf(toks, 'include'), 'keyword.control.import');
    has(scopesOf(toks, ';'), 'punctuation.terminator.statement');
    has(scopesOf(toks, 'nosniff'), 'string.quoted.double');
  });

  it('values do not leak past a closing brace, and quoted strings may contain ; { }', async () => {
    const text = ['http {', '    log_format main \'$remote_addr "{x}; y"\';', '    server { listen 8080; }', '    gzip on;', '}', ''].join('\n');
    const { toks, endsAtRoot } = await tokenize('source.nginx.guide', text);
    assert.ok(endsAtRoot);
    has(scopesOf(toks, '$remote_addr', 1), 'variable.other.nginx');
    has(scopesOf(toks, 'gzip', 3), 'support.function.directive');
    has(scopesOf(toks, '8080', 2), 'constant.numeric');
  });

  it('tokenizes every corpus nginx config back to the root state', async () => {
    let n = 0;
    const walk = (d: string): string[] =>
      fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const f of walk(NGINX_CORPUS).filter((p) => /nginx|sites-|default$|\.conf$/.test(path.basename(p)) && !/\.(php|sh|sql)$/.test(p))) {
      const text = fs.readFileSync(f, 'utf8');
      if (!/server\s*\{/.test(text)) continue;
      const { endsAtRoot, ms } = await tokenize('source.nginx.guide', text);
      n++;
      assert.ok(ms < 2000, `${f}: ${ms} ms`);
      assert.ok(endsAtRoot, `${f}: a block or statement is left open at the end`);
    }
    assert.ok(n >= 20, `only ${n} nginx configs found`);
  });
});
