/**
 * The web-stack scaffold, checked with the real tools: nginx -t (Debian's nginx), bash -n, shellcheck, a private
 * MariaDB that runs init.sql twice, and the CLI's no-overwrite rule on a real temp folder.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateStack, makeSalt, SALT_NAMES, STACK_FILES, isValidSiteName, type StackOptions } from '../../../common/src/scaffold/stack';
import { runNewStack, parseNewStackArgs } from '../../../server/src/cli/newStack';
import { checkShell, nginxTest, runOk, startMariaDb, tmpDir, type MariaDb } from './tools';

const VARIANTS: StackOptions[] = [];
for (const debian of ['bookworm', 'buster'] as const)
  for (const source of ['debian', 'upstream'] as const)
    for (const phpMyAdmin of [true, false])
      for (const lang of ['ko', 'en'] as const) VARIANTS.push({ debian, source, phpMyAdmin, lang, siteName: 'localhost' });

const name = (o: StackOptions) => `${o.debian}/${o.source}/${o.phpMyAdmin ? 'pma' : 'no-pma'}/${o.lang}`;
const file = (files: { path: string; content: string }[], p: string) => {
  const f = files.find((x) => x.path === p);
  assert.ok(f, `missing ${p}`);
  return f.content;
};

describe('scaffold: generated files', () => {
  it('writes exactly the six files, scripts executable, ending in a newline', () => {
    for (const o of VARIANTS) {
      const files = generateStack(o);
      assert.deepEqual(files.map((f) => f.path), [...STACK_FILES], name(o));
      for (const f of files) {
        assert.ok(f.content.endsWith('\n'), `${name(o)} ${f.path} ends with a newline`);
        assert.equal(f.mode, f.path.endsWith('.sh') ? 0o755 : 0o644, `${name(o)} ${f.path} mode`);
      }
    }
  });

  it('Dockerfile: one RUN updates, installs with --no-install-recommends and cleans lists; exec-form CMD; no 777, no secret in ENV/ARG', () => {
    for (const o of VARIANTS) {
      const df = file(generateStack(o), 'Dockerfile');
      const runs = df.split(/\n(?=[A-Z]+ )/).filter((i) => i.startsWith('RUN ') && /apt-get install/.test(i));
      assert.ok(runs.length >= 1, name(o));
      for (const r of runs) {
        assert.match(r, /apt-get (-o \S+ )?update/, `${name(o)}: update in the same RUN`);
        assert.match(r, /apt-get install -y --no-install-recommends/, name(o));
        assert.match(r, /rm -rf \/var\/lib\/apt\/lists\/\*/, name(o));
        assert.doesNotMatch(r, /apt-get upgrade/, name(o));
      }
      assert.match(df, /^CMD \["\/usr\/local\/bin\/start\.sh"\]$/m, name(o));
      assert.doesNotMatch(df, /chmod\s+(-R\s+)?777/, name(o));
      assert.doesNotMatch(df, /^(ENV|ARG)\b.*(PASSWORD|PASSWD|PWD)\w*=/im, `${name(o)}: no password in ENV/ARG`);
      assert.match(df, /^HEALTHCHECK /m, name(o));
      assert.match(df, /^EXPOSE 80 443$/m, name(o));
      // The php metapackage only next to php-fpm (otherwise apt picks libapache2-mod-php and Apache).
      if (/\bwordpress\b/.test(df.split('\n').find((l) => /^\s+php\d\.\d wordpress/.test(l)) ?? '')) {
        assert.match(df, new RegExp(`php${o.debian === 'buster' ? '7\\.3' : '8\\.2'}-fpm`), name(o));
      }
    }
  });

  it('release facts: php version, socket path, buster from archive.debian.org, phpMyAdmin from upstream on buster', () => {
    const bw = generateStack({ debian: 'bookworm', source: 'debian', phpMyAdmin: true, lang: 'en', siteName: 'localhost' });
    assert.match(file(bw, 'Dockerfile'), /^FROM debian:bookworm$/m);
    assert.match(file(bw, 'Dockerfile'), /php8\.2-fpm/);
    assert.match(file(bw, 'srcs/nginx.conf'), /fastcgi_pass unix:\/run\/php\/php8\.2-fpm\.sock;/);
    assert.match(file(bw, 'srcs/start.sh'), /^php-fpm8\.2 -F &$/m);
    assert.doesNotMatch(file(bw, 'Dockerfile'), /archive\.debian\.org|AS downloads/);
    const bs = generateStack({ debian: 'buster', source: 'debian', phpMyAdmin: true, lang: 'en', siteName: 'localhost' });
    const bsDf = file(bs, 'Dockerfile');
    assert.match(bsDf, /^FROM debian:buster$/m);
    assert.match(bsDf, /php7\.3-fpm/);
    assert.match(bsDf, /archive\.debian\.org\/debian buster main/);
    assert.match(file(bs, 'srcs/nginx.conf'), /unix:\/run\/php\/php7\.3-fpm\.sock/);
    // WordPress from Debian, phpMyAdmin downloaded and verified (buster has no phpmyadmin package).
    assert.match(bsDf, /\bwordpress\b/);
    assert.doesNotMatch(bsDf, /apt-get install[^\n]*\n(?:\s+.*\n)*\s+phpmyadmin/);
    assert.match(bsDf, /sha256sum -c -/);
  });

  it('upstream variant: multi-stage, checksums checked, an empty checksum stops the build', () => {
    for (const o of VARIANTS.filter((v) => v.source === 'upstream')) {
      const df = file(generateStack(o), 'Dockerfile');
      assert.match(df, /^FROM debian:\w+ AS downloads$/m, name(o));
      assert.match(df, /sha1sum -c -/, name(o));
      assert.match(df, /^COPY --from=downloads \/downloads\/wordpress /m, name(o));
      assert.match(df, /test -n "\$WORDPRESS_SHA1" \|\|/, name(o));
      assert.equal(/sha256sum -c -/.test(df), o.phpMyAdmin, name(o));
      // The download stage's RUN lines are valid shell.
      const stage = df.slice(df.indexOf(' AS downloads'), df.indexOf('\nFROM ', df.indexOf(' AS downloads')));
      for (const m of stage.matchAll(/^RUN ((?:.*\\\n)*.*)$/gm)) runOk('bash', ['-n'], { input: m[1].replace(/\\\n/g, ' ') });
    }
  });

  it('wp-config.php: DB settings from the environment, eight distinct 64-char salts, no placeholder phrase', () => {
    const wp = file(generateStack(VARIANTS[0]), 'srcs/wp-config.php');
    for (const k of ['DB_NAME', 'DB_USER', 'DB_PASSWORD', 'DB_HOST'])
      assert.match(wp, new RegExp(`define\\('${k}', getenv\\('WORDPRESS_${k}'\\) \\?: `), k);
    const salts = SALT_NAMES.map((n) => {
      const m = new RegExp(`define\\('${n}',\\s*'([^']*)'\\);`).exec(wp);
      assert.ok(m, n);
      return m[1];
    });
    assert.equal(new Set(salts).size, 8);
    for (const s of salts) {
      assert.equal(s.length, 64);
      assert.doesNotMatch(s, /['\\$]/);
    }
    assert.doesNotMatch(wp, /put your unique phrase here/);
    // Two generations never share salts.
    assert.notEqual(file(generateStack(VARIANTS[0]), 'srcs/wp-config.php'), wp);
    let n = 0;
    const fixed = (k: number) => Buffer.from(Array.from({ length: k }, () => n++ % 256));
    assert.equal(makeSalt(fixed).length, 64);
  });

  it('site names are host names only', () => {
    for (const ok of ['localhost', 'ft-server.local', 'a', 'my.site42.kr']) assert.ok(isValidSiteName(ok), ok);
    for (const bad of ['', 'Local Host', 'a;b', '../x', '-a', 'a-', 'x'.repeat(64), 'a..b', 'a/b', "a'b"]) assert.ok(!isValidSiteName(bad), bad);
    assert.throws(() => generateStack({ ...VARIANTS[0], siteName: 'a;b' }));
  });
});

describe('scaffold: real tools', () => {
  it('nginx -t accepts nginx.conf of every variant with no warnings', () => {
    for (const o of [...VARIANTS, { ...VARIANTS[0], siteName: 'ft-server.example' }]) {
      const stderr = nginxTest(file(generateStack(o), 'srcs/nginx.conf'));
      assert.doesNotMatch(stderr, /\[warn\]|\[emerg\]/, `${name(o)}: ${stderr}`);
    }
  });

  it('bash -n and shellcheck pass on start.sh and autoindex.sh of every variant', () => {
    for (const o of VARIANTS) {
      const files = generateStack(o);
      checkShell(file(files, 'srcs/start.sh'), 'start.sh');
      checkShell(file(files, 'srcs/autoindex.sh'), 'autoindex.sh');
    }
  });

  it('autoindex.sh switches the real config file and nginx -t still accepts it', () => {
    const files = generateStack(VARIANTS[0]);
    const d = tmpDir('autoindex');
    const conf = path.join(d, 'site.conf');
    const script = path.join(d, 'autoindex.sh');
    fs.writeFileSync(conf, file(files, 'srcs/nginx.conf'));
    fs.writeFileSync(script, file(files, 'srcs/autoindex.sh'), { mode: 0o755 });
    const env = { ...process.env, AUTOINDEX_CONF: conf, NGINX_PID_FILE: path.join(d, 'none.pid') };
    const call = (...a: string[]) => spawnSync(script, a, { encoding: 'utf8', env });
    assert.equal(call('status').stdout.trim(), 'autoindex on');
    assert.equal(call('off').stdout.trim(), 'autoindex off');
    assert.match(fs.readFileSync(conf, 'utf8'), /^\s+autoindex off;$/m);
    assert.doesNotMatch(fs.readFileSync(conf, 'utf8'), /autoindex on;/);
    nginxTest(fs.readFileSync(conf, 'utf8'));
    assert.equal(call('toggle').stdout.trim(), 'autoindex on');
    assert.equal(call('toggle').stdout.trim(), 'autoindex off');
    assert.equal(call('off').stdout.trim(), 'autoindex off');
    // A stale pid file that names a live process which is not nginx (a restarted container) must not trigger a reload.
    fs.writeFileSync(path.join(d, 'stale.pid'), String(process.pid));
    const stale = spawnSync(script, ['on'], { encoding: 'utf8', env: { ...env, NGINX_PID_FILE: path.join(d, 'stale.pid') } });
    assert.equal(stale.status, 0, stale.stderr);
    assert.equal(stale.stdout.trim(), 'autoindex on');
    assert.equal(call('off').stdout.trim(), 'autoindex off');
    const bad = call('maybe');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /usage|사용법/);
    fs.rmSync(d, { recursive: true, force: true });
  });

  describe('init.sql on a real MariaDB', () => {
    let db: MariaDb;
    before(async () => {
      db = await startMariaDb();
    });
    after(async () => {
      await db?.stop();
    });

    it('runs twice without error, grants only on its database, and the WordPress user can log in', () => {
      const files = generateStack(VARIANTS[0]);
      const start = file(files, 'srcs/start.sh');
      const fn = /^sql_string\(\) \{\n[\s\S]*?\n\}\n/m.exec(start);
      assert.ok(fn, 'start.sh defines sql_string');
      // The header start.sh builds, made by start.sh's own escaping function, with an awkward password.
      const password = `p'a"ss\\wo$rd;--`;
      const header = runOk('bash', [
        '-c',
        `${fn[0]}\nprintf 'SET @db_name = %s, @db_user = %s, @db_password = %s;\\n' "$(sql_string "$1")" "$(sql_string "$2")" "$(sql_string "$3")"`,
        'x',
        'wordpress',
        'wordpress',
        password,
      ]);
      const sql = header + file(files, 'srcs/init.sql');
      db.sql(sql);
      db.sql(sql); // idempotent: a restarted container runs it again
      assert.equal(db.sql('SELECT 1;', 'wordpress', password, 'wordpress').trim(), '1');
      const grants = db.sql("SHOW GRANTS FOR 'wordpress'@'localhost';");
      assert.match(grants, /ON `wordpress`\.\*/);
      assert.doesNotMatch(grants, /ON \*\.\*.*ALL PRIVILEGES/);
      assert.equal(db.sql("SELECT COUNT(*) FROM mysql.user WHERE user='wordpress';").trim(), '1');
      // A changed password (docker run -e WORDPRESS_DB_PASSWORD=new) takes effect on the next start.
      const header2 = header.replace(/@db_password = '.*';$/m, "@db_password = 'second';");
      db.sql(header2 + file(files, 'srcs/init.sql'));
      assert.equal(db.sql('SELECT 1;', 'wordpress', 'second', 'wordpress').trim(), '1');
      // Without a password the script fails loudly instead of creating a user with none.
      assert.throws(() => db.sql("SET @db_user = 'nopass';\n" + file(files, 'srcs/init.sql')));
      assert.equal(db.sql("SELECT COUNT(*) FROM mysql.user WHERE user='nopass';").trim(), '0');
    });
  });
});

describe('scaffold: CLI new-stack', () => {
  it('writes into a new folder, refuses existing files with exit 2, overwrites with --force', async () => {
    const d = path.join(tmpDir('newstack'), 'proj');
    const out: string[] = [];
    const err: string[] = [];
    const o = (s: string) => void out.push(s);
    const e = (s: string) => void err.push(s);
    assert.equal(await runNewStack([d, '--debian', 'bookworm', '--lang', 'ko'], o, e), 0);
    for (const p of STACK_FILES) assert.ok(fs.existsSync(path.join(d, p)), p);
    assert.equal(fs.statSync(path.join(d, 'srcs/start.sh')).mode & 0o777, 0o755);
    assert.match(out.join(''), /웹 스택을 만들었습니다/);

    fs.writeFileSync(path.join(d, 'srcs/nginx.conf'), 'mine\n');
    fs.rmSync(path.join(d, 'srcs/init.sql'));
    err.length = 0;
    assert.equal(await runNewStack([d, '--lang', 'en'], o, e), 2);
    assert.match(err.join(''), /srcs\/nginx\.conf/);
    assert.equal(fs.readFileSync(path.join(d, 'srcs/nginx.conf'), 'utf8'), 'mine\n', 'not overwritten');
    assert.ok(!fs.existsSync(path.join(d, 'srcs/init.sql')), 'nothing written when refusing');

    assert.equal(await runNewStack([d, '--force', '--debian=buster', '--lang=en'], o, e), 0);
    assert.match(fs.readFileSync(path.join(d, 'srcs/nginx.conf'), 'utf8'), /php7\.3-fpm/);
    fs.rmSync(path.dirname(d), { recursive: true, force: true });
  });

  it('rejects bad arguments with exit 2 and a bilingual message', async () => {
    for (const args of [[], ['x', '--debian', 'jessie'], ['x', '--lang', 'fr'], ['x', '--site', 'a b'], ['x', '--bogus'], ['x', 'y'], ['x', '--source', 'git']]) {
      const err: string[] = [];
      assert.equal(await runNewStack(args, () => {}, (s) => void err.push(s)), 2, args.join(' '));
      assert.match(err.join(''), /usage|사용법/);
    }
    const p = parseNewStackArgs(['dir', '--no-phpmyadmin', '--site', 'ft.local', '--debian', 'buster', '--lang', 'en']);
    assert.ok(!('error' in p));
    assert.equal(p.options.phpMyAdmin, false);
    assert.equal(p.options.source, 'upstream');
    assert.equal(p.options.siteName, 'ft.local');
  });
});

describe('scaffold: our own diagnostics', () => {
  it('the generated Dockerfile of every variant has no error or warning from the language service', async () => {
    // Loaded lazily: the rule engine is written in parallel and this keeps the rest of the file independent of it.
    const { checkText } = await import('../../../server/src/cli/check');
    const { ALL_RULES } = await import('../../../server/src/rules/registry');
    const everyRuleAtHint = Object.fromEntries(ALL_RULES.map((r) => [r.id, 'hint' as const]));
    for (const o of VARIANTS) {
      const files = generateStack(o);
      const ctx = (rel: string) => files.find((f) => f.path === rel.replace(/^\.\//, ''))?.content ?? null;
      const rows = checkText('Dockerfile', file(files, 'Dockerfile'), {}, 'en', ctx);
      const bad = rows.filter((r) => r.severity === 'error' || r.severity === 'warning');
      assert.deepEqual(bad, [], `${name(o)}: ${bad.map((r) => `${r.line}: ${r.code} ${r.message}`).join('\n')}`);
      // With every rule switched on (even the ones off by default), whatever fires is reported for review.
      const all = checkText('Dockerfile', file(files, 'Dockerfile'), everyRuleAtHint, 'en', ctx);
      if (all.length && o.lang === 'en') console.log(`[${name(o)}] all rules at hint: ${all.map((r) => `${r.line}:${r.code}`).join(', ')}`);
    }
  });
});
