/**
 * Every snippet, expanded as the editor would insert it, checked by the tool that runs it for real:
 * nginx snippets by `nginx -t`, shell snippets by bash -n + shellcheck, SQL snippets by a private MariaDB (twice),
 * Dockerfile snippets by dockerfile-ast + bash -n on each RUN + JSON for exec forms.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { expandSnippet, type Expansion } from './expand';
import { checkShell, nginxTest, runOk, startMariaDb, type MariaDb, type NginxContext } from '../scaffold/tools';

const ROOT = path.resolve(__dirname, '../../..');

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

function load(file: string): Map<string, Snippet> {
  const json = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', file), 'utf8')) as Record<string, Snippet>;
  return new Map(Object.entries(json));
}

const FILES = { dockerfile: 'dockerfile.json', nginx: 'nginx.json', shellscript: 'shellscript.json', sql: 'sql.json' } as const;

/** Every expansion worth checking: all defaults, then each option of the choices. */
function expansions(s: Snippet): Expansion[] {
  const first = expandSnippet(s.body, 0);
  const max = Math.max(1, ...[...first.choices.values()].map((o) => o.length));
  return Array.from({ length: max }, (_, k) => expandSnippet(s.body, k));
}

describe('snippets: shape', () => {
  it('package.json contributes each file for its language, except the Dockerfile snippets, which the server offers', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const contributed = new Map<string, string>((pkg.contributes?.snippets ?? []).map((s: { language: string; path: string }) => [s.language, s.path]));
    for (const [lang, file] of Object.entries(FILES)) {
      // server/src/service/snippets.ts: named in the user's language, never after `--` (issue 18, item 9).
      if (lang === 'dockerfile') assert.equal(contributed.get(lang), undefined, lang);
      else assert.equal(contributed.get(lang), `./snippets/${file}`, lang);
    }
  });

  it('English prefixes, Korean-then-English descriptions, no unknown variables, consistent mirrors, a final $0', () => {
    const prefixes = new Set<string>();
    for (const [lang, file] of Object.entries(FILES)) {
      for (const [name, s] of load(file)) {
        const id = `${lang}: ${name}`;
        assert.match(s.prefix, /^[a-z][a-z0-9-]{2,24}$/, `${id} prefix`);
        assert.ok(!prefixes.has(`${lang}:${s.prefix}`), `${id} duplicate prefix`);
        prefixes.add(`${lang}:${s.prefix}`);
        const [ko, en, ...extra] = s.description.split(' — ');
        assert.equal(extra.length, 0, `${id}: one " — " separator`);
        assert.match(ko, /[가-힣]/, `${id}: Korean first`);
        assert.match(ko, /(니다|[)a-zA-Z0-9가-힣])$/, `${id}: Korean part`);
        assert.ok(en && /^[A-Za-z]/.test(en) && !/[가-힣]/.test(en), `${id}: English second`);
        assert.ok(Array.isArray(s.body) && s.body.length > 0, id);
        for (const e of expansions(s)) {
          assert.deepEqual(e.variables, [], `${id}: unescaped $ turns into a variable: ${e.variables.join(', ')}`);
          assert.deepEqual(e.conflicts, [], `${id}: mirrored tab stops with different defaults`);
        }
        assert.match(s.body.join('\n'), /\$0/, `${id}: final cursor`);
      }
    }
  });
});

/** Where each nginx snippet is valid. */
const NGINX_CONTEXT: Record<string, NginxContext> = {
  'server-redirect': 'http',
  'server-ssl': 'http',
  root: 'server',
  'index-php': 'server',
  autoindex: 'location',
  'location-php': 'server',
  'location-wordpress': 'server',
  'location-phpmyadmin': 'server',
  'security-headers': 'server',
  'deny-hidden': 'server',
};

describe('snippets: real tools', () => {
  it('nginx -t accepts every nginx snippet, expanded with its defaults and each choice, without warnings', () => {
    const all = load(FILES.nginx);
    for (const [name, s] of all) {
      const ctx = NGINX_CONTEXT[s.prefix];
      assert.ok(ctx, `${name}: context known to the test`);
      for (const e of expansions(s)) {
        const err = nginxTest(e.text, ctx);
        assert.doesNotMatch(err, /\[warn\]/, `${name}: ${err}`);
      }
    }
    // The two server snippets together make a working site, as a user would write it.
    const site = [all.get('HTTP to HTTPS redirect')!, all.get('HTTPS server')!].map((s) => expandSnippet(s.body).text).join('\n');
    nginxTest(site, 'http');
  });

  it('nginx -t rejects a snippet that lost its $ escapes (the check can fail)', () => {
    const s = load(FILES.nginx).get('PHP location')!;
    const broken = expandSnippet(s.body).text.replace('\\.php$', '\\.php$ {{');
    assert.throws(() => nginxTest(broken, 'server'));
  });

  it('bash -n and shellcheck pass on every shell snippet and each choice', () => {
    for (const [name, s] of load(FILES.shellscript)) {
      for (const e of expansions(s)) {
        assert.match(e.text, /^#!\/bin\/bash\n/, name);
        checkShell(e.text, `${s.prefix}.sh`);
      }
    }
    const start = expandSnippet(load(FILES.shellscript).get('Web stack start script')!.body).text;
    assert.match(start.trimEnd(), /exec nginx -g 'daemon off;'$/);
  });

  it('Dockerfile snippets parse, their RUN lines are valid shell, exec forms are JSON arrays', () => {
    const known = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);
    let aptRuns = 0;
    for (const [name, s] of load(FILES.dockerfile)) {
      for (const e of expansions(s)) {
        const df = DockerfileParser.parse(e.text);
        const ins = df.getInstructions();
        assert.ok(ins.length > 0, name);
        for (const i of ins) {
          const kw = i.getKeyword();
          assert.ok(known.has(kw), `${name}: ${kw}`);
          const raw = i.getTextContent().replace(/^\s*\w+\s+/, '');
          const shellPart = kw === 'HEALTHCHECK' ? raw.replace(/^.*?\bCMD\s+/s, '') : raw;
          if (kw === 'RUN' || (kw === 'HEALTHCHECK' && !shellPart.trimStart().startsWith('['))) {
            runOk('bash', ['-n'], { input: shellPart.replace(/\\\n/g, ' ') });
          }
          if ((kw === 'CMD' || kw === 'ENTRYPOINT') && raw.trimStart().startsWith('[')) {
            const arr = JSON.parse(raw);
            assert.ok(Array.isArray(arr) && arr.every((x: unknown) => typeof x === 'string'), `${name}: exec form`);
          }
        }
        for (const i of ins.filter((x) => x.getKeyword() === 'RUN' && /apt-get install/.test(x.getTextContent()))) {
          const t = i.getTextContent();
          assert.match(t, /apt-get update/, `${name}: update in the same RUN`);
          assert.match(t, /--no-install-recommends/, name);
          assert.match(t, /rm -rf \/var\/lib\/apt\/lists\/\*/, name);
          aptRuns++;
        }
        assert.doesNotMatch(e.text, /chmod\s+(-R\s+)?777/, name);
      }
    }
    assert.ok(aptRuns >= 3, `${aptRuns} apt-get install RUNs checked`);
    const fg = expandSnippet(load(FILES.dockerfile).get('Foreground start (exec form)')!.body).text;
    assert.deepEqual(JSON.parse(fg.replace(/^CMD /, '')), ['nginx', '-g', 'daemon off;']);
  });

  describe('SQL snippets on a real MariaDB', () => {
    let db: MariaDb;
    before(async () => {
      db = await startMariaDb();
    });
    after(async () => {
      await db?.stop();
    });

    it('wp-db-setup runs twice and the user can log in with the placeholder password; no ON *.*', () => {
      const sql = load(FILES.sql);
      const setup = expandSnippet(sql.get('WordPress database setup')!.body).text;
      assert.doesNotMatch(setup, /ON \*\.\*/);
      db.sql(setup);
      db.sql(setup);
      assert.equal(db.sql('SELECT DATABASE();', 'wordpress', 'change-me', 'wordpress').trim(), 'wordpress');
      assert.match(db.sql("SHOW GRANTS FOR 'wordpress'@'localhost';"), /ON `wordpress`\.\*/);
    });

    it('create-db, create-user and grant-db run twice in a row, with other names', () => {
      const sql = load(FILES.sql);
      const rename = (t: string) => t.replace(/wordpress/g, 'blog');
      const all = ['Create database', 'Create user', 'Grant on one database'].map((n) => rename(expandSnippet(sql.get(n)!.body).text)).join('\n');
      db.sql(all);
      db.sql(all);
      assert.equal(db.sql('SELECT 1;', 'blog', 'change-me', 'blog').trim(), '1');
      for (const [, s] of sql) assert.doesNotMatch(s.body.join('\n'), /ON \*\.\*/);
    });
  });
});

describe('snippets: our own diagnostics', () => {
  it('no Dockerfile snippet, expanded with its defaults, draws an error or a warning from the language service', async () => {
    const { checkText } = await import('../../../server/src/cli/check');
    for (const [name, s] of load(FILES.dockerfile)) {
      for (const e of expansions(s)) {
        // A fragment goes into a minimal whole file: a FROM before it and, when it has none, a foreground CMD after
        // it (a fragment is not the whole Dockerfile; DG102 rightly flags a file that would run the base image's bash).
        let text = /^FROM /.test(e.text) ? e.text : `FROM debian:bookworm\n${e.text}`;
        if (!/^(CMD|ENTRYPOINT)\b/m.test(text)) text += `\nCMD ["nginx", "-g", "daemon off;"]\n`;
        // COPY sources named by the snippets exist in the user's project; here they are stand-ins.
        const rows = checkText('Dockerfile', text, {}, 'en', () => 'stand-in\n');
        const bad = rows.filter((r) => r.severity === 'error' || r.severity === 'warning');
        assert.deepEqual(bad, [], `${name}: ${bad.map((r) => `${r.line}: ${r.code} ${r.message}`).join('\n')}`);
      }
    }
  });
});
