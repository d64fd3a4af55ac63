/**
 * The explainer follows CMD/ENTRYPOINT into the start scripts copied from the build context (issue 16): who ends up as
 * PID 1, what runs beside it, whether anything stays in the foreground, and what `docker stop` does and how to fix it.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { generateStack } from '../../../common/src/scaffold/stack';
import { runExplain } from '../../../server/src/cli/explain';
import { codeLenses } from '../../../server/src/service/codeLens';
import { ParsedDocument } from '../../../server/src/service/document';
import { effectiveCommand } from '../../../server/src/service/effectiveCommand';
import { explainHover, explainJson, explainMarkdown, explainRequest } from '../../../server/src/service/explain';
import { startChain, type StartChain } from '../../../server/src/service/startChain';

let n = 0;
const reader = (files: Record<string, string>) => (rel: string) => files[rel.replace(/^\.\//, '')] ?? null;

function chainOf(dockerfile: string, files: Record<string, string> | null): { chain: StartChain | null; doc: ParsedDocument } {
  const doc = new ParsedDocument(`file:///chain${n++}/Dockerfile`, 1, dockerfile);
  const ec = effectiveCommand(doc, doc.stages[doc.stages.length - 1]);
  return { chain: startChain(doc, ec, files ? reader(files) : undefined), doc };
}

function md(dockerfile: string, files: Record<string, string> | null, lang: 'ko' | 'en' = 'en'): string {
  const { chain, doc } = chainOf(dockerfile, files);
  return explainMarkdown(effectiveCommand(doc, doc.stages[doc.stages.length - 1]), lang, { chain });
}

const DEBIAN = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y nginx mariadb-server php8.2-fpm\n';
const START = `${DEBIAN}COPY srcs/start.sh /usr/local/bin/start.sh\nCMD ["/usr/local/bin/start.sh"]\n`;

describe('start-script chain: PID 1', () => {
  it('follows exec through two scripts: the Dockerfile line, then each exec line; services listed with file and line', () => {
    const df = `${DEBIAN}COPY srcs/start.sh srcs/run.sh /usr/local/bin/\nCMD ["/usr/local/bin/start.sh"]\n`;
    const files = {
      'srcs/start.sh': '#!/bin/sh\nservice mariadb start\nexec /usr/local/bin/run.sh\n',
      'srcs/run.sh': "#!/bin/sh\nphp-fpm8.2\nexec nginx -g 'daemon off;'\n",
    };
    const { chain } = chainOf(df, files);
    assert.ok(chain);
    assert.deepEqual(
      chain.pid1Chain.map((s) => [s.file, s.line, s.argv]),
      [
        ['Dockerfile', 4, ['/usr/local/bin/start.sh']],
        ['srcs/start.sh', 3, ['/usr/local/bin/run.sh']],
        ['srcs/run.sh', 3, ['nginx', '-g', 'daemon off;']],
      ],
    );
    assert.deepEqual(chain.background, [
      { file: 'srcs/start.sh', line: 2, program: 'mariadb' },
      { file: 'srcs/run.sh', line: 2, program: 'php-fpm8.2' },
    ]);
    assert.equal(chain.foreground, true);
    assert.equal(chain.shellPid1, false);
    assert.deepEqual(chain.scripts, ['srcs/start.sh', 'srcs/run.sh']);
  });

  it('exec "$@" hands PID 1 to the CMD given to an exec-form ENTRYPOINT', () => {
    const df = `${DEBIAN}COPY entrypoint.sh /\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["nginx", "-g", "daemon off;"]\n`;
    const { chain } = chainOf(df, { 'entrypoint.sh': '#!/bin/sh\nset -e\nmysqld_safe &\nexec "$@"\n' });
    assert.deepEqual(chain!.pid1Chain.map((s) => [s.file, s.line, s.argv.join(' ')]), [
      ['Dockerfile', 4, '/entrypoint.sh nginx -g daemon off;'],
      ['entrypoint.sh', 4, 'nginx -g daemon off;'],
    ]);
    assert.deepEqual(chain!.background, [{ file: 'entrypoint.sh', line: 3, program: 'mysqld_safe' }]);
    assert.equal(chain!.foreground, true);
  });

  it('a script that does not exec its last command leaves its shell as PID 1, the command running as its child', () => {
    const { chain } = chainOf(START, { 'srcs/start.sh': "#!/bin/bash\nset -e\nnginx -g 'daemon off;'\n" });
    assert.equal(chain!.pid1Chain.length, 1);
    assert.equal(chain!.shellPid1, true);
    assert.equal(chain!.pid1Script, 'srcs/start.sh');
    assert.deepEqual(chain!.lastForeground, { file: 'srcs/start.sh', line: 3, argv: ['nginx', '-g', 'daemon off;'], text: "nginx -g 'daemon off;'" });
    assert.equal(chain!.foreground, true);
  });

  it('shell-form CMD: the services it starts are on the Dockerfile line', () => {
    const { chain } = chainOf(`${DEBIAN}CMD service mariadb start && php-fpm8.2 && exec nginx -g 'daemon off;'\n`, {});
    assert.deepEqual(chain!.background, [
      { file: 'Dockerfile', line: 3, program: 'mariadb' },
      { file: 'Dockerfile', line: 3, program: 'php-fpm8.2' },
    ]);
    assert.deepEqual(chain!.pid1Chain.map((s) => s.argv[0]), ['/bin/sh', 'nginx']);
    assert.equal(chain!.foreground, true);
  });
});

describe('start-script chain: foreground', () => {
  it('false when the script ends with a service started in the background and nothing else', () => {
    const a = chainOf(START, { 'srcs/start.sh': '#!/bin/sh\nservice mariadb start\nmysqld_safe &\n' }).chain!;
    assert.equal(a.foreground, false);
    assert.deepEqual(a.background.map((b) => `${b.program}@${b.line}`), ['mariadb@2', 'mysqld_safe@3']);
    // nginx left to daemonize, then an echo: nothing holds the script either.
    const b = chainOf(START, { 'srcs/start.sh': '#!/bin/sh\nnginx\necho started\n' }).chain!;
    assert.equal(b.foreground, false);
    assert.deepEqual(b.background.map((x) => x.program), ['nginx']);
  });

  it('near misses: a foreground program at the end, `cmd & wait`, and nginx.conf with daemon off keep it true', () => {
    assert.equal(chainOf(START, { 'srcs/start.sh': '#!/bin/sh\nservice mariadb start\nexec php-fpm8.2 -F\n' }).chain!.foreground, true);
    const waits = chainOf(START, { 'srcs/start.sh': '#!/bin/sh\nnginx -g "daemon off;" &\nwait\n' }).chain!;
    assert.equal(waits.foreground, true);
    assert.deepEqual(waits.waits && [waits.waits.line, waits.waits.argv], [3, ['wait']]);
    const conf = `${DEBIAN}COPY nginx.conf /etc/nginx/nginx.conf\nCOPY srcs/start.sh /usr/local/bin/start.sh\nCMD ["/usr/local/bin/start.sh"]\n`;
    const files = { 'nginx.conf': 'daemon off;\nevents {}\nhttp {}\n', 'srcs/start.sh': '#!/bin/sh\nexec nginx\n' };
    assert.equal(chainOf(conf, files).chain!.foreground, true);
    assert.equal(chainOf(conf, { ...files, 'nginx.conf': 'events {}\nhttp {}\n' }).chain!.foreground, false);
  });

  it('null when the script cannot be read: not in the context, or no reader at all', () => {
    const missing = chainOf(START, {}).chain!;
    assert.equal(missing.foreground, null);
    assert.equal(missing.unreadable, '/usr/local/bin/start.sh');
    assert.equal(chainOf(START, null).chain!.foreground, null);
    // A program, not a script: judged by itself without reading anything.
    assert.equal(chainOf(`${DEBIAN}CMD ["/usr/sbin/nginx", "-g", "daemon off;"]\n`, null).chain!.foreground, true);
    assert.equal(chainOf(`${DEBIAN}CMD ["/usr/sbin/nginx"]\n`, null).chain!.foreground, false);
    // A base image's entrypoint script is in the image, not the context: unknown, and nothing to say about it.
    const php = chainOf('FROM php:8.3-fpm\nCMD ["php-fpm"]\n', null);
    assert.equal(php.chain!.foreground, null);
    assert.equal(php.chain!.unreadable, null);
    assert.doesNotMatch(md('FROM php:8.3-fpm\nCMD ["php-fpm"]\n', null), /PID 1 and `docker stop`/);
  });
});

describe('start-script chain: docker stop and the fix', () => {
  it('exec fix for a shell PID 1 without services, with --init as the other way', () => {
    const text = md(START, { 'srcs/start.sh': "#!/bin/bash\nset -e\nnginx -g 'daemon off;'\n" });
    assert.match(text, /PID 1\*\*: `\/usr\/local\/bin\/start\.sh`, that is the shell running `srcs\/start\.sh`/);
    assert.match(text, /a shell without a `trap` does not act on SIGTERM .* waits 10 s and then kills every process in the container with SIGKILL \(exit code 137\)/);
    assert.match(text, /`exec` the last command: write `exec nginx -g "daemon off;"` on `srcs\/start\.sh` line 3/);
    assert.match(text, /`docker run --init`/);
    assert.doesNotMatch(text, /give it a `trap`/);
    const ko = md(START, { 'srcs/start.sh': "#!/bin/bash\nnginx -g 'daemon off;'\n" }, 'ko');
    assert.match(ko, /마지막 명령 앞에 `exec` 명령을 붙이세요: `srcs\/start\.sh` 파일 2번 줄을 `exec nginx -g "daemon off;"`로 바꾸면/);
  });

  it('trap fix when services run beside PID 1, and a database is named as one', () => {
    const text = md(START, { 'srcs/start.sh': "#!/bin/sh\nmysqld_safe &\nexec nginx -g 'daemon off;'\n" });
    assert.match(text, /SIGTERM reaches PID 1, `nginx -g "daemon off;"`, directly/);
    assert.match(text, /The programs beside PID 1 get no SIGTERM: when PID 1 exits, the kernel kills them at once with SIGKILL/);
    assert.match(text, /`mysqld_safe` is a database: killed this way, it does not shut down cleanly/);
    assert.match(text, /give it a `trap` that, on TERM, passes SIGTERM on to the services/);
    assert.doesNotMatch(text, /`exec` the last command/, 'PID 1 already is the program');
    assert.doesNotMatch(text, /--init/, 'no shell as PID 1 to put an init in front of');
  });

  it("the scaffold's start.sh: the shell stays PID 1 with a trap on TERM, waits on nginx; no fix offered", () => {
    const files = Object.fromEntries(generateStack({ debian: 'bookworm', source: 'debian', phpMyAdmin: true, lang: 'en', siteName: 'localhost' }).map((f) => [f.path, f.content]));
    const { chain } = chainOf(files['Dockerfile'], files);
    assert.ok(chain);
    assert.equal(chain.shellPid1, true);
    assert.ok(chain.trap, 'the trap is found');
    assert.equal(chain.foreground, true);
    assert.deepEqual(chain.background.map((b) => b.program), ['mariadbd', 'php-fpm8.2', 'nginx']);
    const text = md(files['Dockerfile'], files);
    assert.match(text, /The `trap` on `srcs\/start\.sh` line \d+ handles TERM/);
    assert.match(text, /the shell waits for its background programs/);
    assert.doesNotMatch(text, /\*\*Fix\*\*/);
  });
});

describe('start-script chain: JSON, hover, code lens, request, CLI', () => {
  const files = { 'srcs/start.sh': "#!/bin/sh\nservice mariadb start\nexec nginx -g 'daemon off;'\n" };
  it('JSON: pid1Chain, background, foreground', () => {
    const { chain, doc } = chainOf(START, files);
    const j = explainJson(effectiveCommand(doc, doc.stages[0]), chain);
    assert.deepEqual(j.pid1Chain, [
      { file: 'Dockerfile', line: 4, argv: ['/usr/local/bin/start.sh'] },
      { file: 'srcs/start.sh', line: 3, argv: ['nginx', '-g', 'daemon off;'] },
    ]);
    assert.deepEqual(j.background, [{ file: 'srcs/start.sh', line: 2, program: 'mariadb' }]);
    assert.equal(j.foreground, true);
    const none = explainJson(effectiveCommand(doc, doc.stages[0]));
    assert.deepEqual([none.pid1Chain, none.background, none.foreground], [[], [], null]);
  });

  it('hover, code lens and the explain request read the scripts through the reader', () => {
    const doc = new ParsedDocument('file:///lens/Dockerfile', 1, START);
    const cmd = doc.stages[0].instructions.find((i) => i.keyword === 'CMD')!;
    assert.match(explainHover(doc, cmd, 'en', reader(files))!, /How PID 1 is handed on.*`srcs\/start\.sh` line 3 `exec nginx -g 'daemon off;'`/);
    assert.doesNotMatch(explainHover(doc, cmd, 'en')!, /How PID 1 is handed on/);
    assert.equal(codeLenses(doc, 'en', true, reader(files))[0].command!.title, '▶ docker run → /usr/local/bin/start.sh · PID 1: nginx · 1 in background (no SIGTERM)');
    assert.equal(codeLenses(doc, 'ko', true, reader(files))[0].command!.title, '▶ docker run → /usr/local/bin/start.sh · PID 1: nginx · 백그라운드 1개 (SIGTERM 전달 안 됨)');
    const noFg = reader({ 'srcs/start.sh': '#!/bin/sh\nservice nginx start\n' });
    assert.equal(codeLenses(doc, 'en', true, noFg)[0].command!.title, '▶ docker run → /usr/local/bin/start.sh  ⚠ nothing stays in the foreground');
    const shell = reader({ 'srcs/start.sh': '#!/bin/sh\nnginx -g "daemon off;"\n' });
    assert.equal(codeLenses(doc, 'ko', true, shell)[0].command!.title, '▶ docker run → /usr/local/bin/start.sh  ⚠ 셸(start.sh)이 PID 1');
    assert.equal(codeLenses(doc, 'en', true)[0].command!.title, '▶ docker run → /usr/local/bin/start.sh');
    assert.match(explainRequest(doc, { uri: doc.uri }, 'ko', reader(files))!.markdown, /PID 1이 넘어가는 순서/);
  });

  it('CLI: explain reads the scripts from the Dockerfile folder (text and --format json)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-explain-chain-'));
    try {
      fs.mkdirSync(path.join(dir, 'srcs'));
      fs.writeFileSync(path.join(dir, 'Dockerfile'), START);
      fs.writeFileSync(path.join(dir, 'srcs', 'start.sh'), files['srcs/start.sh']);
      const run = async (...argv: string[]) => {
        const out: string[] = [];
        const code = await runExplain(argv, { out: (s) => out.push(s), err: () => {} }, 'en');
        return { code, out: out.join('\n') };
      };
      const j = await run(path.join(dir, 'Dockerfile'), '--format', 'json', '--no-engine');
      assert.equal(j.code, 0);
      const json = JSON.parse(j.out);
      assert.deepEqual(json.pid1Chain.map((s: { file: string; line: number }) => `${s.file}:${s.line}`), ['Dockerfile:4', 'srcs/start.sh:3']);
      assert.deepEqual(json.background, [{ file: 'srcs/start.sh', line: 2, program: 'mariadb' }]);
      assert.equal(json.foreground, true);
      const t = await run(path.join(dir, 'Dockerfile'), '--no-engine', '--lang', 'ko');
      assert.match(t.out, /`mariadb` \(`srcs\/start\.sh` 파일 2번 줄\)/);
      fs.rmSync(path.join(dir, 'srcs', 'start.sh'));
      const gone = JSON.parse((await run(path.join(dir, 'Dockerfile'), '--format', 'json', '--no-engine')).out);
      assert.equal(gone.foreground, null);
      assert.equal(gone.pid1Chain.length, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
