import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ExposeInvalidFormat } from '../../../../server/src/rules/buildkit/ExposeInvalidFormat';
import { JSONArgsRecommended, splitPlainCommand } from '../../../../server/src/rules/buildkit/JSONArgsRecommended';
import { LegacyKeyValueFormat } from '../../../../server/src/rules/buildkit/LegacyKeyValueFormat';
import { MaintainerDeprecated } from '../../../../server/src/rules/buildkit/MaintainerDeprecated';
import { NoEmptyContinuation } from '../../../../server/src/rules/buildkit/NoEmptyContinuation';
import { doc, findings, fixed, lines } from './helpers';

describe('JSONArgsRecommended', () => {
  it('fires on shell-form CMD and ENTRYPOINT', () => {
    const f = findings(JSONArgsRecommended, lines('FROM debian', 'ENTRYPOINT bash /start.sh', 'CMD nginx -g "daemon off;"'));
    assert.equal(f.length, 2);
    assert.match(f[0].message.en, /ENTRYPOINT/);
  });
  it('is about docker stop, at info, where the line is the container\'s command and the base\'s /bin/sh is dash', () => {
    const runtime = (text: string) => findings(JSONArgsRecommended, text).map((f) => [f.atLeast ?? null, f.message.en.slice(0, 40)]);
    const STAYS = [['info', 'CMD in shell form: on this Debian-based ']];
    const STYLE = [[null, 'JSON arguments recommended for CMD to pr']];
    assert.deepEqual(runtime(lines('FROM debian:bookworm', 'CMD nginx -g "daemon off;"')), STAYS);
    // Inherited through FROM <stage>: still the container's command.
    assert.deepEqual(runtime(lines('FROM debian:bookworm AS web', 'CMD nginx -g "daemon off;"', 'FROM web', 'RUN true')), STAYS);
    // nginx:1.27 brings an exec-form ENTRYPOINT: the CMD becomes its arguments, and what the script does with them
    // is not known here.
    assert.deepEqual(runtime(lines('FROM nginx:1.27', 'CMD nginx -g "daemon off;"')), STYLE);
    // busybox sh execs the command; an unknown base says nothing certain; a CMD that only feeds an exec-form
    // ENTRYPOINT is not PID 1; a CMD replaced by a later one is not run at all.
    assert.deepEqual(runtime(lines('FROM nginx:1.27-alpine', 'CMD nginx -g "daemon off;"')), STYLE);
    assert.deepEqual(runtime(lines('FROM mycorp/base', 'CMD nginx -g "daemon off;"')), STYLE);
    assert.deepEqual(runtime(lines('FROM debian', 'ENTRYPOINT ["/e.sh"]', 'CMD nginx -g "daemon off;"')), STYLE);
    assert.deepEqual(runtime(lines('FROM debian', 'CMD nginx -g "daemon off;"', 'CMD ["nginx"]')).length, 1);
    assert.equal(runtime(lines('FROM debian', 'CMD nginx -g "daemon off;"', 'CMD ["nginx"]'))[0][0], null);
    // nginx kept in the foreground by the nginx.conf the Dockerfile writes: no main-process rule fires, so this one
    // tells what docker stop does.
    assert.deepEqual(runtime(lines('FROM debian:bookworm', 'RUN echo "daemon off;" >> /etc/nginx/nginx.conf', 'CMD nginx')), STAYS);
    // DG111 tells the run-time story of a keep-alive: one finding about it, not two.
    assert.deepEqual(runtime(lines('FROM debian', 'CMD service nginx start && tail -f /dev/null')), STYLE);
  });
  it('does not fire on exec form, or when the stage sets SHELL', () => {
    assert.equal(findings(JSONArgsRecommended, lines('FROM debian', 'CMD ["nginx", "-g", "daemon off;"]')).length, 0);
    assert.equal(findings(JSONArgsRecommended, lines('FROM debian AS a', 'SHELL ["/bin/bash", "-c"]', 'FROM a', 'CMD echo $HOME')).length, 0);
  });
  it('converts a plain command word by word, with JSON escaping', () => {
    const out = fixed(JSONArgsRecommended, lines('FROM debian', 'CMD nginx -g "daemon off;" --name \'a "b"\''));
    assert.equal(out, lines('FROM debian', 'CMD ["nginx", "-g", "daemon off;", "--name", "a \\"b\\""]'));
    assert.equal(findings(JSONArgsRecommended, out).length, 0);
    assert.deepEqual(doc(out).instructions[1].jsonStrings()!.map((s) => s.value), ['nginx', '-g', 'daemon off;', '--name', 'a "b"']);
  });
  it('keeps shell features by naming the shell', () => {
    const text = lines('FROM debian', 'CMD service nginx start && \\', '    tail -f /var/log/nginx/access.log');
    const out = fixed(JSONArgsRecommended, text);
    const strings = doc(out).instructions[1].jsonStrings()!.map((s) => s.value);
    assert.equal(strings[0], '/bin/sh');
    assert.equal(strings[1], '-c');
    assert.match(strings[2], /^service nginx start &&\s+tail -f \/var\/log\/nginx\/access.log$/);
    assert.equal(findings(JSONArgsRecommended, out).length, 0);
  });
  it('explains and re-quotes a single-quoted array', () => {
    const text = lines('FROM debian', "CMD ['nginx', '-g', 'daemon off;']");
    const f = findings(JSONArgsRecommended, text);
    assert.match(f[0].message.en, /single quotes/);
    assert.equal(fixed(JSONArgsRecommended, text), lines('FROM debian', 'CMD ["nginx", "-g", "daemon off;"]'));
  });
  it('splits only plain commands', () => {
    assert.deepEqual(splitPlainCommand('bash start.sh'), ['bash', 'start.sh']);
    for (const c of ['a && b', 'echo $X', 'a > b', 'A=1 b', 'a; b', 'ls *.txt', 'echo "$HOME"']) assert.equal(splitPlainCommand(c), null, c);
  });
});

describe('MaintainerDeprecated', () => {
  it('fires with the Deprecated tag', () => {
    const f = findings(MaintainerDeprecated, lines('FROM debian', 'MAINTAINER Kim <kim@42.fr>'));
    assert.equal(f.length, 1);
    assert.deepEqual(f[0].tags, [2]);
  });
  it('does not fire on LABEL maintainer', () => {
    assert.equal(findings(MaintainerDeprecated, lines('FROM debian', 'LABEL maintainer="Kim"')).length, 0);
  });
  it('replaces it with the OCI authors label, quoting the value', () => {
    const out = fixed(MaintainerDeprecated, lines('FROM debian', 'MAINTAINER Kim "K" <kim@42.fr>'));
    assert.equal(out, lines('FROM debian', 'LABEL org.opencontainers.image.authors="Kim \\"K\\" <kim@42.fr>"'));
    assert.equal(findings(MaintainerDeprecated, out).length, 0);
    const label = doc(out).instructions[1].properties()[0];
    assert.equal(label.value, 'Kim "K" <kim@42.fr>');
  });
});

describe('LegacyKeyValueFormat', () => {
  it('fires on ENV and LABEL key value, and leaves `key = value` to DG110 (test/unit/rules/duplicates.test.ts)', () => {
    const f = findings(LegacyKeyValueFormat, lines('FROM debian', 'ENV AUTO_INDEX on', 'LABEL maintainer = "Kim <k@x>"', 'LABEL team web'));
    assert.deepEqual(f.map((x) => x.range.start.line), [1, 3]);
    assert.match(f[0].message.en, /AUTO_INDEX/);
  });
  it('does not fire on key=value or ARG', () => {
    assert.equal(findings(LegacyKeyValueFormat, lines('FROM debian', 'ENV A=1 B="x y"', 'ARG NAME', 'LABEL a=b')).length, 0);
  });
  it('rewrites to key=value with the same value', () => {
    const cases: [string, string, string][] = [
      ['ENV AUTO_INDEX on', 'ENV AUTO_INDEX=on', 'on'],
      ["ENV USERNAME\t'admin'", "ENV USERNAME='admin'", 'admin'],
      ['ENV GREETING hello big world', 'ENV GREETING="hello big world"', 'hello big world'],
      ['LABEL maintainer \\\n  = "Kim <k@x>"', 'LABEL maintainer="Kim <k@x>"', 'Kim <k@x>'],
    ];
    for (const [before, after, value] of cases) {
      const out = fixed(LegacyKeyValueFormat, lines('FROM debian', before));
      assert.equal(out, lines('FROM debian', after));
      assert.equal(findings(LegacyKeyValueFormat, out).length, 0, after);
      assert.equal(doc(out).instructions[1].properties()[0].value, value, after);
    }
  });
});

describe('NoEmptyContinuation', () => {
  const text = lines('FROM debian', 'RUN apt-get update && \\', '', '    apt-get install -y nginx', 'RUN true');
  it('fires on an empty line inside a continuation', () => {
    const f = findings(NoEmptyContinuation, text);
    assert.equal(f.length, 1);
    assert.equal(f[0].range.start.line, 2);
  });
  it('ignores heredoc bodies and comment lines', () => {
    const ok = lines('# syntax=docker/dockerfile:1', 'FROM debian', 'RUN <<EOF', 'echo a', '', 'echo b', 'EOF', 'RUN a && \\', '# note', '    b');
    assert.equal(findings(NoEmptyContinuation, ok).length, 0);
  });
  it('removes the empty lines', () => {
    const out = fixed(NoEmptyContinuation, text);
    assert.equal(out, lines('FROM debian', 'RUN apt-get update && \\', '    apt-get install -y nginx', 'RUN true'));
    assert.equal(findings(NoEmptyContinuation, out).length, 0);
  });
});

describe('ExposeInvalidFormat', () => {
  it('fires on host:container and ip:port', () => {
    const f = findings(ExposeInvalidFormat, lines('FROM debian', 'EXPOSE 80:80 443:443 127.0.0.1:8080:80/tcp 22'));
    assert.equal(f.length, 3);
    assert.match(f[0].message.en, /'80:80'/);
  });
  it('does not fire on plain ports and ranges', () => {
    assert.equal(findings(ExposeInvalidFormat, lines('FROM debian', 'EXPOSE 80 443/tcp 7000-7010/udp $PORT')).length, 0);
  });
  it('keeps the container port', () => {
    let out = lines('FROM debian', 'EXPOSE 80:80 127.0.0.1:8080:80/tcp');
    out = fixed(ExposeInvalidFormat, out);
    assert.equal(out, lines('FROM debian', 'EXPOSE 80 127.0.0.1:8080:80/tcp'));
    out = fixed(ExposeInvalidFormat, out);
    assert.equal(out, lines('FROM debian', 'EXPOSE 80 80/tcp'));
    assert.equal(findings(ExposeInvalidFormat, out).length, 0);
  });
});
