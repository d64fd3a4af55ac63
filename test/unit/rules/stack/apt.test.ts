import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG107 } from '../../../../server/src/rules/stack/DG107-phpPullsInApache';
import { DG109 } from '../../../../server/src/rules/stack/DG109-aptUpgrade';
import { DG112 } from '../../../../server/src/rules/stack/DG112-aptUpdateOnEndOfLifeRelease';
import { DG113 } from '../../../../server/src/rules/stack/DG113-aptInstallWithoutUpdate';
import { assertBilingual, fixOnce, run, where } from '../hadolint/helpers';

describe('DG107 php metapackage pulls in Apache', () => {
  it('fires when php comes in a command with no FPM package and none before', () => {
    const w = where(DG107, 'FROM debian:buster\nRUN apt-get update && apt-get install -y php && apt-get install -y php7.3-fpm\n');
    assert.equal(w.length, 1);
    assert.equal(w[0].text, 'php');
    assertBilingual(run(DG107, 'FROM debian:buster\nRUN apt-get install -y php7.3\n'));
  });
  it('does not fire when an FPM package is in the same command or was installed before', () => {
    assert.deepEqual(where(DG107, 'FROM debian:buster\nRUN apt-get install -y php php-fpm php-mysql\n'), []);
    assert.deepEqual(where(DG107, 'FROM debian:buster\nRUN apt-get install -y php7.3-fpm\nRUN apt-get install -y php7.3 php7.3-mysql\n'), []);
    assert.deepEqual(where(DG107, 'FROM debian:buster\nRUN apt-get install -y php-mysql php-cli\n'), []);
  });
});

describe('DG109 apt-get upgrade', () => {
  it('fires, and says when -y is missing', () => {
    const w = where(DG109, 'FROM debian:bookworm\nRUN apt-get update && apt-get upgrade -u\nRUN apt dist-upgrade -y\n');
    assert.equal(w.length, 2);
    assert.match(w[0].en, /without `-y`/);
    assert.doesNotMatch(w[1].en, /without `-y`/);
    assertBilingual(run(DG109, 'FROM debian:bookworm\nRUN apt-get -y upgrade\n'));
  });
  it('does not fire on update/install or on a word "upgrade" elsewhere', () => {
    assert.deepEqual(where(DG109, 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y upgrade-helper && echo upgrade\n'), []);
  });
});

describe('DG112 end-of-life release with apt-get update', () => {
  it('fires on debian:buster, buster-slim and 10 with an update in the stage', () => {
    for (const img of ['debian:buster', 'debian:buster-slim', 'debian:10', 'debian:10.13-slim', 'debian:stretch']) {
      const w = where(DG112, `FROM ${img}\nRUN apt-get update && apt-get install -y nginx\n`);
      assert.equal(w.length, 1, img);
      assert.equal(w[0].text, img);
      assert.match(w[0].en, /archive\.debian\.org/);
    }
    const m = run(DG112, 'FROM debian:buster\nRUN apt-get update\n')[0].message;
    assert.match(m.en, /2024-06-30/);
    assert.match(m.ko, /bookworm/);
  });
  it('does not fire on bookworm, without an update, or when sources point at the archive', () => {
    assert.deepEqual(where(DG112, 'FROM debian:bookworm\nRUN apt-get update\n'), []);
    assert.deepEqual(where(DG112, 'FROM debian:buster\nCOPY x /x\n'), []);
    assert.deepEqual(
      where(DG112, "FROM debian:buster\nRUN sed -i 's/deb.debian.org/archive.debian.org/' /etc/apt/sources.list && apt-get update\n"),
      [],
    );
    assert.deepEqual(where(DG112, 'FROM ubuntu:24.04\nRUN apt-get update\n'), []);
  });
});

describe('DG113 install without update in the same RUN', () => {
  const text = 'FROM debian:buster\nRUN apt-get -y update\nRUN apt-get -y install nginx\nRUN apt-get -y install mariadb-server\n';
  it('fires on each install RUN without an update', () => {
    const w = where(DG113, text);
    assert.deepEqual(w.map((x) => x.line), [3, 4]);
    assert.equal(w[0].text, 'install');
    assertBilingual(run(DG113, text));
  });
  it('does not fire when update and install share the RUN (also through sh -c and heredocs)', () => {
    assert.deepEqual(where(DG113, 'FROM debian\nRUN apt-get update && apt-get install -y nginx\n'), []);
    assert.deepEqual(where(DG113, `FROM debian\nRUN sh -c 'apt-get update; apt-get install -y nginx'\n`), []);
    assert.deepEqual(where(DG113, 'FROM debian\nRUN <<EOF\napt-get update\napt-get install -y nginx\nEOF\n'), []);
    assert.deepEqual(where(DG113, 'FROM debian\nRUN apt-get install -y ./local.deb\n'), [], 'a local .deb needs no lists');
  });
  it('fix: merges an update-only RUN right above into the install RUN', () => {
    const fixed = fixOnce(DG113, text);
    assert.equal(fixed, 'FROM debian:buster\nRUN apt-get -y update && apt-get -y install nginx\nRUN apt-get -y install mariadb-server\n');
    // The merged RUN is clean; the next install still needs its own update.
    assert.deepEqual(where(DG113, fixed).map((x) => x.line), [3]);
    const again = fixOnce(DG113, fixed);
    assert.equal(again, 'FROM debian:buster\nRUN apt-get -y update && apt-get -y install nginx\nRUN apt-get update && apt-get -y install mariadb-server\n');
    assert.deepEqual(run(DG113, again), []);
  });
  it('fix: prepends apt-get update in a heredoc RUN', () => {
    const fixed = fixOnce(DG113, 'FROM debian\nRUN <<EOF\napt-get install -y nginx\nEOF\n');
    assert.equal(fixed, 'FROM debian\nRUN <<EOF\napt-get update\napt-get install -y nginx\nEOF\n');
    assert.deepEqual(run(DG113, fixed), []);
  });
});
