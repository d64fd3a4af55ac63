/**
 * DL3003 (issue 15): a `cd` that the rest of its RUN works in is the download-and-build pattern and stays quiet;
 * `cd ..`, `cd /`, `cd -`, `cd ~` and a bare `cd` are never turned into WORKDIR advice; the `cd` that nothing runs
 * after is reported, and its advice names an absolute WORKDIR or none at all, never a relative one.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DL3003 } from '../../../../server/src/rules/hadolint/DL3003';
import { assertBilingual, run, where } from './helpers';

const F = 'FROM debian:bookworm\n';

/** Every `WORKDIR <path>` a finding proposes (in either language). */
function proposed(text: string): string[] {
  return where(DL3003, text).flatMap((f) => [...`${f.en}\n${f.ko}`.matchAll(/`WORKDIR ([^`]+)`/g)].map((m) => m[1]));
}

describe('DL3003: the cd that changes nothing is reported', () => {
  it('fires on a cd that ends its RUN, and names the absolute folder', () => {
    const w = where(DL3003, F + 'RUN mkdir -p /srv/site && cd /srv/site\n');
    assert.deepEqual(
      w.map((f) => [f.line, f.text]),
      [[2, 'cd /srv/site']],
    );
    assert.match(w[0].en, /Nothing runs after `cd \/srv\/site`.*`WORKDIR \/srv\/site`/);
    assert.match(w[0].ko, /`WORKDIR \/srv\/site` 명령을 쓰세요/);
    assertBilingual(run(DL3003, F + 'RUN cd /opt/tools\n'));
  });

  it('resolves a relative cd against the WORKDIR in force, also one set in the stage it is built FROM', () => {
    assert.deepEqual(proposed(F + 'WORKDIR /home/dev\nRUN git clone https://example.org/r.git repo && cd repo\n'), ['/home/dev/repo', '/home/dev/repo']);
    assert.deepEqual(proposed('FROM debian:bookworm AS base\nWORKDIR /srv\nFROM base\nRUN cd ./www/../static\n'), ['/srv/static', '/srv/static']);
    // A relative WORKDIR on top of a known absolute one is still known.
    assert.deepEqual(proposed(F + 'WORKDIR /usr\nWORKDIR local\nRUN cd share\n'), ['/usr/local/share', '/usr/local/share']);
  });

  it('resolves a relative cd against an earlier cd of the same RUN', () => {
    const w = where(DL3003, F + 'RUN cd /opt && mkdir plugin && cd plugin\n');
    assert.deepEqual(
      w.map((f) => f.text),
      ['cd plugin'],
    );
    assert.match(w[0].en, /`WORKDIR \/opt\/plugin`/);
  });

  it('proposes no path when the folder is not known from the Dockerfile', () => {
    // No WORKDIR yet: the base image decides where `build` is.
    const none = where(DL3003, F + 'RUN mkdir build && cd build\n');
    assert.equal(none.length, 1);
    assert.match(none[0].en, /set `WORKDIR` to its absolute path/);
    assert.match(none[0].ko, /절대 경로로 `WORKDIR`를 지정하세요/);
    // A WORKDIR with a variable, a cd with a variable, a cd inside a condition.
    assert.deepEqual(proposed(F + 'WORKDIR $APP_HOME\nRUN cd data\n'), []);
    assert.deepEqual(proposed(F + 'WORKDIR /app\nRUN cd "$TARGET"\n'), []);
    const conditional = F + 'WORKDIR /app\nRUN if [ -d /data ]; then cd /data; fi; touch here; cd sub\n';
    assert.deepEqual(
      where(DL3003, conditional).map((f) => f.text),
      ['cd sub'],
    );
    assert.deepEqual(proposed(conditional), []);
  });

  it('never proposes a relative WORKDIR', () => {
    const cases = [
      'RUN cd app',
      'RUN cd ./app/',
      'WORKDIR /w\nRUN cd a/b',
      'WORKDIR w\nRUN cd x',
      'RUN cd /x && touch f && cd y',
      'RUN cd -P lib',
      'RUN sh -c "cd src"',
    ];
    for (const c of cases) {
      assert.ok(where(DL3003, F + c + '\n').length > 0, `fires on ${c}`);
      for (const p of proposed(F + c + '\n')) assert.ok(p.startsWith('/'), `${c} proposes WORKDIR ${p}`);
    }
  });
});

describe('DL3003: the cds that are right stay quiet', () => {
  it('stays quiet on a cd that the rest of its RUN works in (download, unpack, build)', () => {
    const builds = [
      'RUN cd /tmp && wget -q https://example.org/tool-1.2.tar.gz && tar xzf tool-1.2.tar.gz && cd tool-1.2 && ./configure && make && make install',
      'RUN cd /src && go build -o /usr/local/bin/server ./cmd/server',
      'RUN cd web && npm ci',
      'RUN cd /var/www/html; wget -q https://example.org/latest.tar.gz; tar xf latest.tar.gz',
      'RUN set -e; cd /build; cmake .. && make\nRUN cd client && (npm ci && npm run build)',
      'RUN cd /opt/app \\\n    && pip install -r requirements.txt',
    ];
    for (const b of builds) assert.deepEqual(where(DL3003, F + b + '\n'), [], b);
  });

  it('never reports cd .., cd /, cd -, cd ~, $HOME or a bare cd, at the end of a RUN or elsewhere', () => {
    const back = ['RUN make -C /x && cd ..', 'RUN cd /x && make && cd /', 'RUN cd', 'RUN cd ~', 'RUN cd ~/', 'RUN cd -', 'RUN cd ../..', 'RUN cd $HOME', 'RUN cd .', 'RUN cd -- ..'];
    for (const b of back) assert.deepEqual(where(DL3003, F + b + '\n'), [], b);
  });

  it('stays quiet on a cd inside a subshell or inside an sh -c script that continues', () => {
    assert.deepEqual(where(DL3003, F + 'RUN (cd /src && make) && echo cd\n'), []);
    assert.deepEqual(where(DL3003, F + "RUN sh -c 'cd /src && make install'\n"), []);
  });

  it('a near miss beside a real finding: only the cd with nothing after it is reported', () => {
    const w = where(DL3003, F + 'RUN cd /src && make\nRUN mkdir /data && cd /data\n');
    assert.deepEqual(
      w.map((f) => [f.line, f.text]),
      [[3, 'cd /data']],
    );
  });
});
