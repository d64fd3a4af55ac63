import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DL3008 } from '../../../../server/src/rules/hadolint/DL3008';
import { DL3009 } from '../../../../server/src/rules/hadolint/DL3009';
import { DL3014 } from '../../../../server/src/rules/hadolint/DL3014';
import { DL3015 } from '../../../../server/src/rules/hadolint/DL3015';
import { DL3027 } from '../../../../server/src/rules/hadolint/DL3027';
import { assertBilingual, fixAll, fixOnce, run, where } from './helpers';

const F = 'FROM debian:bookworm\n';

describe('DL3008 apt versions (hint)', () => {
  it('fires once per install command and lists the unpinned packages', () => {
    const w = where(DL3008, F + 'RUN apt-get update && apt-get install -y nginx curl=8.0 php-fpm wget ./x.deb\n');
    assert.equal(w.length, 1);
    assert.match(w[0].en, /`nginx`, `php-fpm`, `wget`/);
    assert.equal(DL3008.severity, 'hint');
    assertBilingual(run(DL3008, F + 'RUN apt-get install -y nginx\n'));
  });
  it('does not fire when every package is pinned or a variable', () => {
    assert.deepEqual(where(DL3008, F + 'RUN apt-get install -y nginx=1.22.1-9 "mysql-server=${V}"\n'), []);
  });
});

describe('DL3009 apt lists', () => {
  it('fires on an update without cleanup in the final stage and fixes it', () => {
    const text = F + 'RUN apt-get update \\\n    && apt-get install -y nginx\n';
    assert.equal(where(DL3009, text).length, 1);
    assertBilingual(run(DL3009, text));
    const fixed = fixOnce(DL3009, text);
    assert.equal(fixed, F + 'RUN apt-get update \\\n    && apt-get install -y nginx \\\n    && rm -rf /var/lib/apt/lists/*\n');
    assert.deepEqual(run(DL3009, fixed), []);
  });
  it('fix stays inside the JSON string of an exec-form sh -c', () => {
    const fixed = fixOnce(DL3009, F + 'RUN ["sh", "-c", "apt-get update && apt-get install -y x"]\n');
    assert.equal(fixed, F + 'RUN ["sh", "-c", "apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*"]\n');
    assert.deepEqual(run(DL3009, fixed), []);
  });
  it('does not fire with cleanup, a cache mount, or in a build stage', () => {
    assert.deepEqual(where(DL3009, F + 'RUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*\n'), []);
    assert.deepEqual(where(DL3009, F + 'RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y x\n'), []);
    assert.deepEqual(where(DL3009, 'FROM debian AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian\nCOPY --from=build /x /x\n'), []);
  });
});

describe('DL3014 -y', () => {
  it('fires without -y and fixes it', () => {
    const text = F + 'RUN apt-get update && apt-get install nginx\n';
    assert.equal(where(DL3014, text)[0].text, 'install');
    assertBilingual(run(DL3014, text));
    const fixed = fixOnce(DL3014, text);
    assert.equal(fixed, F + 'RUN apt-get update && apt-get install -y nginx\n');
    assert.deepEqual(run(DL3014, fixed), []);
  });
  it('accepts -y anywhere, --yes, --assume-yes, -qq and yes |', () => {
    for (const cmd of ['apt-get -qq install x', 'apt-get install --yes x', 'apt-get install x -y', 'apt-get --assume-yes install x', 'yes | apt-get install x', 'apt-get -qy install x']) {
      assert.deepEqual(where(DL3014, F + `RUN ${cmd}\n`), [], cmd);
    }
    assert.equal(where(DL3014, F + 'RUN apt-get -q install x\n').length, 1, 'one -q is not yes');
  });
});

describe('DL3015 --no-install-recommends', () => {
  it('fires and inserts the option', () => {
    const text = F + 'RUN apt-get install -y nginx\n';
    assert.equal(where(DL3015, text).length, 1);
    assertBilingual(run(DL3015, text));
    const fixed = fixOnce(DL3015, text);
    assert.equal(fixed, F + 'RUN apt-get install --no-install-recommends -y nginx\n');
    assert.deepEqual(run(DL3015, fixed), []);
  });
  it('accepts the option anywhere or through -o APT::Install-Recommends=false', () => {
    assert.deepEqual(where(DL3015, F + 'RUN apt-get install -y nginx --no-install-recommends\n'), []);
    assert.deepEqual(where(DL3015, F + 'RUN apt-get -o APT::Install-Recommends=false install -y nginx\n'), []);
  });
});

describe('DL3027 apt', () => {
  it('fires on apt and replaces it with apt-get', () => {
    const text = F + 'RUN apt update && apt install -y nginx\n';
    const w = where(DL3027, text);
    assert.deepEqual(w.map((x) => x.text), ['apt', 'apt']);
    assertBilingual(run(DL3027, text));
    const fixed = fixAll(DL3027, text);
    assert.equal(fixed, F + 'RUN apt-get update && apt-get install -y nginx\n');
    assert.equal(fixOnce(DL3027, F + 'RUN apt full-upgrade -y\n'), F + 'RUN apt-get dist-upgrade -y\n');
  });
  it('does not fire on apt-get, apt-cache or apt in an argument', () => {
    assert.deepEqual(where(DL3027, F + 'RUN apt-get update && apt-cache policy nginx && echo apt\n'), []);
  });
});
