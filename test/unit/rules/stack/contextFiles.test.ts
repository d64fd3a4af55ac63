/**
 * DG120 (a COPY/ADD source that is not in the build context) and DG121 (the start script that CMD/ENTRYPOINT runs is
 * not in the image), through the rule context with a made-up listing of the Dockerfile's folder.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { CopyIgnoredFile } from '../../../../server/src/rules/buildkit/CopyIgnoredFile';
import { DG120 } from '../../../../server/src/rules/stack/DG120-copySourceNotInContext';
import { DG121 } from '../../../../server/src/rules/stack/DG121-startScriptNotInImage';
import type { ContextEntry, Finding, Rule, RuleContext } from '../../../../server/src/rules/types';
import { ParsedDocument } from '../../../../server/src/service/document';
import { applyEdits, assertBilingual } from '../hadolint/helpers';

/**
 * A folder made of `paths` (a trailing `/` marks a folder; parents are made as needed) and the text of the files
 * the rules read (`.dockerignore`, a compose file).
 */
function ctxOf(text: string, paths: string[] = [], files: Record<string, string> = {}, withFolder = true): RuleContext {
  const dirs = new Map<string, Map<string, boolean>>([['', new Map()]]);
  const add = (p: string, dir: boolean) => {
    const k = p.lastIndexOf('/');
    const parent = k < 0 ? '' : p.slice(0, k);
    if (!dirs.has(parent)) add(parent, true);
    dirs.get(parent)!.set(p.slice(k + 1), dir);
    if (dir && !dirs.has(p)) dirs.set(p, new Map());
  };
  for (const p of [...paths, ...Object.keys(files)]) add(p.replace(/\/$/, ''), p.endsWith('/'));
  const doc = new ParsedDocument('file:///project/Dockerfile', 1, text);
  if (!withFolder) return { doc };
  return {
    doc,
    readContextFile: (p) => (Object.prototype.hasOwnProperty.call(files, p) ? files[p] : null),
    contextEntries: (rel) => {
      const d = dirs.get(rel.replace(/^\.\/?/, '').replace(/\/$/, ''));
      return d ? [...d.entries()].map(([name, dir]): ContextEntry => ({ name, dir })) : null;
    },
  };
}

function check(rule: Rule, text: string, paths: string[] = [], files: Record<string, string> = {}) {
  const ctx = ctxOf(text, paths, files);
  const found = rule.check(ctx);
  return { found, at: found.map((f) => ({ line: f.range.start.line + 1, text: ctx.doc.getText(f.range), en: f.message.en, ko: f.message.ko })) };
}

/** The text after the preferred fix of the first finding, checked to quiet the rule there. */
function fixed(rule: Rule, text: string, paths: string[] = [], files: Record<string, string> = {}): string {
  const ctx = ctxOf(text, paths, files);
  const f = rule.check(ctx)[0];
  assert.ok(f, `${rule.id} should fire before the fix`);
  const wire = JSON.parse(JSON.stringify(f)) as Finding;
  const fix = rule.fix!(ctx, wire).find((x) => x.preferred);
  assert.ok(fix, 'a preferred fix');
  const out = applyEdits(text, fix.edits);
  const after = rule.check(ctxOf(out, paths, files));
  assert.ok(after.length < rule.check(ctx).length, `${rule.id} quiet after the fix:\n${out}`);
  return out;
}

const lines = (...l: string[]) => l.join('\n') + '\n';
const SRCS = ['srcs/nginx.conf', 'srcs/start.sh', 'srcs/wp-config.php', 'srcs/conf/', 'srcs/conf/site.conf'];

describe('DG120 COPY/ADD source not in the build context', () => {
  it('fires on a missing file, names the builders\' errors, and fixes a typo', () => {
    const text = lines('FROM debian:bookworm', 'COPY srcs/ngnix.conf /etc/nginx/', 'COPY srcs/start.sh /');
    const { found, at } = check(DG120, text, SRCS);
    assert.equal(at.length, 1);
    assert.equal(at[0].line, 2);
    assert.equal(at[0].text, 'srcs/ngnix.conf');
    assert.match(at[0].en, /not in the build context/);
    assert.match(at[0].en, /failed to compute cache key: … not found/);
    assert.match(at[0].en, /COPY failed: file not found in build context or excluded by \.dockerignore/);
    assert.match(at[0].en, /Did you mean `srcs\/nginx\.conf`\?/);
    assert.match(at[0].ko, /빌드 컨텍스트/);
    assertBilingual(found);
    assert.equal(fixed(DG120, text, SRCS), lines('FROM debian:bookworm', 'COPY srcs/nginx.conf /etc/nginx/', 'COPY srcs/start.sh /'));
  });

  it('fixes a misspelt folder, keeps `./`, and works in exec form', () => {
    assert.equal(
      fixed(DG120, lines('FROM debian', 'COPY ./src/nginx.conf /etc/nginx/', 'COPY srcs/start.sh /'), SRCS),
      lines('FROM debian', 'COPY ./srcs/nginx.conf /etc/nginx/', 'COPY srcs/start.sh /'),
    );
    assert.equal(
      fixed(DG120, lines('FROM debian', 'COPY ["srcs/wp-confg.php", "/var/www/"]', 'COPY srcs/start.sh /'), SRCS),
      lines('FROM debian', 'COPY ["srcs/wp-config.php", "/var/www/"]', 'COPY srcs/start.sh /'),
    );
  });

  it('says ADD failed for ADD, and offers no guess when nothing is close', () => {
    const { at, found } = check(DG120, lines('FROM debian', 'ADD wordpress.tar.gz /var/www/', 'COPY srcs/start.sh /'), SRCS);
    assert.equal(at.length, 1);
    assert.match(at[0].en, /`ADD failed: file not found in build context/);
    assert.doesNotMatch(at[0].en, /Did you mean/);
    assert.equal(DG120.fix!(ctxOf('FROM debian\n'), found[0]).length, 0);
  });

  it('judges folders: a missing one fires, an existing one (with or without a trailing /) does not', () => {
    const { at } = check(DG120, lines('FROM nginx', 'COPY config/ /etc/nginx/', 'COPY srcs/conf /etc/nginx/conf.d', 'COPY srcs/conf/ /x/'), SRCS);
    assert.deepEqual(
      at.map((x) => [x.line, x.text]),
      [[2, 'config/']],
    );
  });

  it('judges globs: one that matches is quiet, one that matches nothing says BuildKit copies nothing', () => {
    const { at } = check(DG120, lines('FROM debian', 'COPY srcs/*.conf /etc/nginx/', 'COPY srcs/*/site.con? /x/', 'COPY *.ini /etc/php/', 'COPY srcs/[a-c]*.php /y/'), SRCS);
    assert.deepEqual(
      at.map((x) => [x.line, x.text]),
      [
        [4, '*.ini'],
        [5, 'srcs/[a-c]*.php'],
      ],
    );
    assert.match(at[0].en, /matches nothing in the build context: BuildKit copies nothing here and goes on without an error/);
    assert.match(at[0].en, /`COPY failed: no source files were specified`/);
    assert.match(at[0].ko, /BuildKit은 오류 없이 아무것도 복사하지 않고/);
  });

  it('leaves a plain path excluded by .dockerignore to CopyIgnoredFile, which names the line', () => {
    const paths = [...SRCS, 'server.key'];
    const files = { '.dockerignore': '# keys stay out\n*.key\n' };
    const text = lines('FROM debian', 'COPY server.key /etc/ssl/', 'COPY srcs/start.sh /');
    assert.deepEqual(check(DG120, text, paths, files).at, []);
    const ignored = check(CopyIgnoredFile, text, paths, files).at;
    assert.equal(ignored.length, 1);
    assert.equal(ignored[0].en, 'Attempting to Copy file "server.key" that is excluded by .dockerignore (.dockerignore line 2: `*.key`)');
    assert.equal(ignored[0].ko, '.dockerignore에서 제외한 파일을 복사하려고 합니다: server.key (.dockerignore 2번 줄: `*.key`)');
    // Absent and excluded: still one finding, CopyIgnoredFile's.
    assert.deepEqual(check(DG120, lines('FROM debian', 'COPY other.key /etc/ssl/', 'COPY srcs/start.sh /'), paths, files).at, []);
  });

  it('reports what CopyIgnoredFile cannot judge: a glob or an ENV value whose every match is excluded', () => {
    const paths = [...SRCS, 'server.key', 'client.key'];
    const files = { 'Dockerfile.dockerignore': '\n*.key\n' };
    const { at, found } = check(DG120, lines('FROM debian', 'COPY *.key /etc/ssl/', 'ENV KEY=server.key', 'COPY $KEY /etc/ssl/', 'COPY srcs/start.sh /'), paths, files);
    assert.deepEqual(
      at.map((x) => [x.line, x.text]),
      [
        [2, '*.key'],
        [4, '$KEY'],
      ],
    );
    assert.match(at[0].en, /is excluded by \.dockerignore \(Dockerfile\.dockerignore line 2: `\*\.key`\)/);
    assert.match(at[1].en, /`\$KEY` \(`server\.key`\) is excluded by Dockerfile\.dockerignore line 2 \(`\*\.key`\)/);
    assertBilingual(found);
    assert.deepEqual(check(CopyIgnoredFile, lines('FROM debian', 'COPY *.key /etc/ssl/', 'COPY $KEY /x/'), paths, files).at, []);
  });

  it('near miss: a folder that .dockerignore excludes but re-includes a file of is still copied', () => {
    const paths = [...SRCS, 'conf/', 'conf/keep.conf', 'conf/drop.conf'];
    const files = { '.dockerignore': 'conf\n!conf/keep.conf\n' };
    assert.deepEqual(check(DG120, lines('FROM debian', 'COPY conf* /etc/', 'COPY srcs/start.sh /'), paths, files).at, []);
  });

  it('resolves ENV values, but not ARG defaults (--build-arg replaces them)', () => {
    const env = check(DG120, lines('FROM debian', 'ENV CONF=srcs/nginx.cnf', 'COPY ${CONF} /etc/nginx/', 'COPY srcs/start.sh /'), SRCS).at;
    assert.deepEqual(
      env.map((x) => [x.line, x.text]),
      [[3, '${CONF}']],
    );
    assert.deepEqual(check(DG120, lines('FROM debian', 'ARG CONF=srcs/nginx.cnf', 'COPY $CONF /etc/nginx/', 'COPY srcs/start.sh /'), SRCS).at, []);
    // An ENV set after the COPY, or in another stage, does not count.
    assert.deepEqual(check(DG120, lines('FROM debian', 'COPY $CONF /etc/nginx/', 'ENV CONF=srcs/nginx.cnf', 'FROM debian', 'ENV X=a.txt', 'COPY srcs/start.sh /'), SRCS).at, []);
  });

  it('near misses: --from, heredoc, URL, git, the context root, .., quotes and a name differing only in case', () => {
    const text = lines(
      'FROM debian AS build',
      'COPY --from=build /missing.txt /x',
      'COPY <<EOF /etc/motd',
      'hello',
      'EOF',
      'ADD https://example.com/missing.tar.gz /opt/',
      'ADD git@github.com:me/missing.git /src',
      'COPY . /app',
      'COPY ./ /app',
      'COPY ../outside.txt /x',
      'COPY "srcs/nginx.conf" /etc/nginx/',
      'COPY srcs/Start.sh /',
      'ONBUILD COPY missing.txt /x',
    );
    assert.deepEqual(check(DG120, text, SRCS).at, []);
  });

  it('stays quiet without a folder, and when no source is found there (the folder is not the context)', () => {
    const text = lines('FROM debian', 'COPY missing.conf /etc/', 'COPY srcs/start.sh /');
    assert.deepEqual(DG120.check(ctxOf(text, SRCS, {}, false)), []);
    assert.equal(check(DG120, text, SRCS).at.length, 1);
    // `docker build -f docker/Dockerfile .`: none of its sources is beside it.
    assert.deepEqual(check(DG120, lines('FROM node:20', 'COPY package.json ./', 'COPY src/ ./src/'), ['Dockerfile']).at, []);
    // A path through the Dockerfile's own folder (file:///project/Dockerfile) comes from a context above it.
    assert.deepEqual(check(DG120, lines('FROM debian', 'COPY project/srcs/start.sh /', 'COPY srcs/nginx.conf /etc/nginx/'), SRCS).at, []);
  });
});

describe('DG121 start script not in the image', () => {
  it('fires when the script is copied elsewhere, quotes runc, and runs the copied path', () => {
    const text = lines('FROM debian:buster', 'COPY srcs/start.sh /tmp/', 'CMD ["/start.sh"]');
    const { found, at } = check(DG121, text, SRCS);
    assert.equal(at.length, 1);
    assert.equal(at[0].line, 3);
    assert.equal(at[0].text, '/start.sh');
    assert.match(at[0].en, /`\/start\.sh` is not in the image/);
    assert.match(at[0].en, /`exec: "\/start\.sh": stat \/start\.sh: no such file or directory`/);
    assert.match(at[0].en, /copied to `\/tmp\/start\.sh` \(line 2\)/);
    assert.match(at[0].ko, /2번 줄에서 `\/tmp\/start\.sh`에 복사됩니다/);
    assertBilingual(found);
    assert.equal(fixed(DG121, text, SRCS), lines('FROM debian:buster', 'COPY srcs/start.sh /tmp/', 'CMD ["/tmp/start.sh"]'));
  });

  it('fires on shell form and on a shell running the script, relative to WORKDIR', () => {
    const shell = check(DG121, lines('FROM debian:buster', 'COPY srcs/start.sh /root/', 'CMD /start.sh'), SRCS).at;
    assert.equal(shell.length, 1);
    assert.match(shell[0].en, /its shell cannot find it \(`\/start\.sh: not found` from sh, `No such file or directory` from bash\) and exits with code 127/);
    const viaBash = lines('FROM debian:buster', 'WORKDIR /var/www', 'COPY srcs/ /tmp/', 'CMD bash start.sh && tail -f /dev/null');
    const at = check(DG121, viaBash, SRCS).at;
    assert.equal(at.length, 1);
    assert.equal(at[0].text, 'start.sh');
    assert.match(at[0].en, /no COPY or ADD puts a file at `\/var\/www\/start\.sh`/);
    assert.match(at[0].en, /`bash` cannot open the script/);
    assert.equal(fixed(DG121, viaBash, SRCS), lines('FROM debian:buster', 'WORKDIR /var/www', 'COPY srcs/ /tmp/', 'CMD bash /tmp/start.sh && tail -f /dev/null'));
  });

  it('fires on a bare base image when nothing copies the script, naming the context file', () => {
    const { at } = check(DG121, lines('FROM alpine:3.20', 'COPY srcs/nginx.conf /etc/nginx/', 'ENTRYPOINT ["sh", "/start.sh"]'), SRCS);
    assert.equal(at.length, 1);
    assert.match(at[0].en, /The build context has `srcs\/start\.sh`, but nothing copies it into the image/);
  });

  it('near misses: a COPY, a folder copy, a RUN that writes, moves or links it', () => {
    const quiet = [
      lines('FROM debian', 'COPY srcs/start.sh /', 'CMD ["/start.sh"]'),
      lines('FROM debian', 'COPY srcs/start.sh /start.sh', 'CMD /start.sh'),
      lines('FROM debian', 'COPY srcs /', 'CMD ["/start.sh"]'),
      lines('FROM debian', 'WORKDIR /app', 'COPY srcs/ .', 'CMD ["./start.sh"]'),
      lines('FROM debian', 'COPY srcs/*.sh /', 'CMD ["/start.sh"]'),
      lines('FROM debian', 'RUN printf "#!/bin/sh\\nexec nginx\\n" > /start.sh && chmod +x /start.sh', 'CMD ["/start.sh"]'),
      lines('FROM debian', 'COPY srcs/start.sh /tmp/', 'RUN mv /tmp/start.sh /', 'CMD ["/start.sh"]'),
      lines('FROM debian', 'COPY srcs/start.sh /tmp/', 'RUN ln -s /tmp/start.sh /', 'CMD ["/start.sh"]'),
      lines('FROM debian', 'RUN curl -fsSLo /start.sh https://example.com/start.sh', 'CMD ["/start.sh"]'),
      lines('FROM debian', 'RUN tar -xzf /tmp/app.tgz', 'CMD ["/start.sh"]'),
      lines('FROM debian', 'RUN git clone https://example.com/app.git /app', 'CMD ["/app/start.sh"]'),
      lines('FROM debian', 'COPY --from=build /out/ /', 'CMD ["/start.sh"]'),
      lines('FROM debian', 'COPY <<EOF /start.sh', 'exec nginx', 'EOF', 'CMD ["/start.sh"]'),
      lines('FROM debian', 'ADD srcs/app.tar.gz /', 'CMD ["/start.sh"]'),
      lines('FROM debian AS base', 'COPY srcs/start.sh /', 'FROM base', 'CMD ["/start.sh"]'),
    ];
    let checked = 0;
    for (const text of quiet) {
      assert.deepEqual(check(DG121, text, [...SRCS, 'srcs/app.tar.gz']).at, [], text);
      checked++;
    }
    assert.equal(checked, quiet.length);
  });

  it('near misses: what may come from the base image, the system, PATH, a variable, a compose mount, no folder', () => {
    const quiet: [string, Record<string, string>?][] = [
      // nginx's own entrypoint script, and the project has none of that name.
      [lines('FROM nginx:1.27', 'ENTRYPOINT ["/docker-entrypoint.sh"]', 'CMD ["nginx", "-g", "daemon off;"]')],
      [lines('FROM debian', 'CMD ["/usr/local/bin/start.sh"]')],
      [lines('FROM debian', 'CMD ["start.sh"]')],
      [lines('FROM debian', 'ENV S=/start.sh', 'CMD ["$S"]')],
      [lines('FROM debian', 'CMD ["/start"]')],
      [lines('FROM php:8.3-fpm', 'CMD ["./run.sh"]')],
      [lines('FROM debian', 'CMD ["/start.sh"]'), { 'docker-compose.yml': 'services:\n  web:\n    volumes:\n      - ./srcs/start.sh:/start.sh\n' }],
      [lines('FROM scratch', 'CMD /start.sh')],
    ];
    for (const [text, files] of quiet) assert.deepEqual(check(DG121, text, SRCS, files ?? {}).at, [], text);
    assert.deepEqual(DG121.check(ctxOf(lines('FROM debian', 'COPY srcs/start.sh /tmp/', 'CMD ["/start.sh"]'), SRCS, {}, false)), []);
  });

  it('on another base, fires only when the project has a file of that name (copied elsewhere, or beside its COPY sources)', () => {
    const text = lines('FROM nginx:1.27', 'COPY srcs/start.sh /usr/local/bin/', 'ENTRYPOINT ["/start.sh"]');
    const at = check(DG121, text, SRCS).at;
    assert.equal(at.length, 1);
    assert.match(at[0].en, /copied to `\/usr\/local\/bin\/start\.sh` \(line 2\)/);
    // The project has the script beside what it copies, but copies it nowhere.
    const forgotten = check(DG121, lines('FROM nginx:1.27', 'COPY srcs/nginx.conf /etc/nginx/', 'ENTRYPOINT ["/start.sh"]'), SRCS).at;
    assert.equal(forgotten.length, 1);
    assert.match(forgotten[0].en, /The build context has `srcs\/start\.sh`, but nothing copies it into the image/);
    // No file of that name in the project: it may be the base image's.
    assert.deepEqual(check(DG121, lines('FROM nginx:1.27', 'COPY srcs/nginx.conf /etc/nginx/', 'ENTRYPOINT ["/init.sh"]'), SRCS).at, []);
    // A CMD under the base image's ENTRYPOINT is that entrypoint's argument, not a program of ours.
    assert.deepEqual(check(DG121, lines('FROM nginx:1.27', 'COPY srcs/start.sh /usr/local/bin/', 'CMD ["/start.sh"]'), SRCS).at, []);
  });
});
