/**
 * A RUN step has no stdin. So a program that asks a question does not wait for an answer and hang the build: it
 * reads end-of-input at once and fails. Checked with apt-get's confirmation prompt (DL3014, DG109) and openssl's
 * certificate questions (docs/aptPackages openssl), on a Debian image, under both builders. Packages come from
 * Debian's mirror (deb.debian.org), which the build reaches.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { APT_PACKAGES } from '../../server/src/docs';
import { DL3014 } from '../../server/src/rules/hadolint/DL3014';
import { DG109 } from '../../server/src/rules/stack/DG109-aptUpgrade';
import { run } from '../unit/rules/hadolint/helpers';
import { builders } from '../engine/builders';
import { ensureDebianImage } from '../engine/images';
import { build, cleanup, stepExitCode } from './claims';

/** Nothing here may take this long; a hang would run into it instead of finishing. */
const AT_ONCE_MS = 90_000;

let debian = '';
let opensslBase: Promise<string> | undefined;

/** A Debian image with openssl installed (built once, with -y), for the openssl claim under both builders. */
function withOpenssl(): Promise<string> {
  opensslBase ??= (async () => {
    const b = builders()[0];
    const r = await build(b, 'openssl-base', {
      Dockerfile: `FROM ${debian}\nRUN apt-get update -qq && apt-get install -y -qq --no-install-recommends openssl >/dev/null && rm -rf /var/lib/apt/lists/*\n`,
    });
    assert.equal(r.code, 0, `building the openssl base failed:\n${r.out}`);
    return r.tag;
  })();
  return opensslBase;
}

describe('claims: a question in a RUN step fails the build at once (no stdin)', { concurrency: true }, () => {
  before(() => {
    debian = ensureDebianImage('bookworm');
  });
  after(cleanup);

  const bs = builders();
  assert.equal(bs.length, 2, 'classic and BuildKit');
  for (const b of bs) {
    it(`DL3014/DG109 (${b.name}): apt-get install without -y prints "Do you want to continue? [Y/n] Abort." and the step exits with 1 at once`, async () => {
      // openssl needs libssl3, which minbase lacks: an extra package, so apt asks.
      const r = await build(b, 'apt-no-y', { Dockerfile: `FROM ${debian}\nRUN apt-get update -qq && apt-get install --no-install-recommends openssl\n` }, AT_ONCE_MS);
      assert.equal(r.timedOut, false, `the build hung:\n${r.out}`);
      assert.notEqual(r.code, 0, `the build should fail:\n${r.out}`);
      assert.match(r.out, /Do you want to continue\? \[Y\/n\] Abort\./);
      assert.match(r.out, stepExitCode(b.name, 1));
    });

    it(`docs/aptPackages openssl (${b.name}): openssl req without -subj prints its first question and the step exits with 1 at once`, async () => {
      const base = await withOpenssl();
      const r = await build(
        b,
        'openssl-no-subj',
        { Dockerfile: `FROM ${base}\nRUN openssl req -x509 -nodes -days 1 -newkey rsa:2048 -keyout /tmp/k.pem -out /tmp/c.pem\n` },
        AT_ONCE_MS,
      );
      assert.equal(r.timedOut, false, `the build hung:\n${r.out}`);
      assert.notEqual(r.code, 0, `the build should fail:\n${r.out}`);
      assert.match(r.out, /Country Name \(2 letter code\)/);
      assert.match(r.out, stepExitCode(b.name, 1));
    });
  }

  it('DL3014, DG109 and docs/aptPackages openssl say the build fails at once with exit code 1, not that it waits or hangs', () => {
    const openssl = APT_PACKAGES.find((p) => p.name === 'openssl')!.doc;
    const dl3014 = run(DL3014, 'FROM debian:bookworm\nRUN apt-get update && apt-get install nginx\n');
    const dg109 = run(DG109, 'FROM debian:bookworm\nRUN apt-get update && apt-get upgrade\n');
    assert.equal(dl3014.length, 1);
    assert.equal(dg109.length, 1);
    const texts = [
      { en: openssl.en, ko: openssl.ko },
      DL3014.why,
      dl3014[0].message,
      DG109.why,
      dg109[0].message,
    ];
    let checked = 0;
    for (const t of texts) {
      assert.match(t.en, /exit code 1|code 1/, t.en);
      assert.match(t.en, /fails at once/, t.en);
      assert.doesNotMatch(t.en, /hang|waits for input|stops? (the build|at)/i, t.en);
      assert.match(t.ko, /종료 코드 1/, t.ko);
      assert.doesNotMatch(t.ko, /멈춥니다|멈출 수|기다리다/, t.ko);
      checked++;
    }
    assert.equal(checked, 5);
    assert.match(DL3014.why.en, /Do you want to continue\? \[Y\/n\]/);
    assert.match(DL3014.why.en, /Abort\./);
    assert.match(openssl.en, /Country Name/);
  });
});
