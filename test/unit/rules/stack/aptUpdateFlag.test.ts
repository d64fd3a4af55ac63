/**
 * DG113 and apt's `-U`/`--update` (apt 2.7+, the apt of Debian 13): `apt-get install --update` refreshes the package
 * lists itself, so the RUN has no stale-lists problem.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DG113 } from '../../../../server/src/rules/stack/DG113-aptInstallWithoutUpdate';
import { DL3014 } from '../../../../server/src/rules/hadolint/DL3014';
import { assertBilingual, fixOnce, run, where } from '../hadolint/helpers';

const F = 'FROM debian:trixie\n';

describe('DG113 with apt --update', () => {
  it('still fires on an install that neither updates nor is given --update', () => {
    const w = where(DG113, F + 'RUN apt-get install -y --no-install-recommends curl\n');
    assert.deepEqual(w.map((x) => [x.line, x.text]), [[2, 'install']]);
    assertBilingual(run(DG113, F + 'RUN apt install -y curl\n'));
  });

  it('is quiet when the install (or an upgrade before it) runs with --update / -U', () => {
    const quiet = [
      'RUN apt-get install --update -y curl',
      'RUN apt install --update -y curl',
      'RUN apt-get --update install -y curl', // options may come before the command
      'RUN apt-get -yU install curl', // -U inside a group of short options
      'RUN apt-get -U install -y curl',
      'RUN apt-get -o APT::Update=true install -y curl',
      'RUN apt-get --option=APT::Update=1 install -y curl',
      'RUN apt-get upgrade --update -y && apt-get install -y curl',
    ];
    for (const line of quiet) assert.deepEqual(where(DG113, F + line + '\n'), [], line);
  });

  it('does not take a U inside an option value, or --update on a command that ignores it, for an update', () => {
    // `-oDpkg::Use-Pty=0` is -o with the value Dpkg::Use-Pty=0 (apt hands the rest of the word to -o), not -U.
    assert.deepEqual(where(DG113, F + 'RUN apt-get -oDpkg::Use-Pty=0 install -y curl\n').map((x) => x.line), [2]);
    assert.deepEqual(where(DG113, F + 'RUN apt-get -o APT::Update=false install -y curl\n').map((x) => x.line), [2]);
    // apt-get download does not accept --update (apt registers it for install, remove, upgrade and the like only).
    assert.deepEqual(where(DG113, F + 'RUN apt-get download --update curl && apt-get install -y wget\n').map((x) => x.line), [2]);
  });

  it('fix: still prepends apt-get update where no --update is given', () => {
    const fixed = fixOnce(DG113, F + 'RUN apt-get install -y curl\n');
    assert.equal(fixed, F + 'RUN apt-get update && apt-get install -y curl\n');
    assert.deepEqual(run(DG113, fixed), []);
  });
});

describe('apt short options with an attached value', () => {
  it('a y inside -o…=yes is not -y: DL3014 fires', () => {
    const text = F + 'RUN apt-get update && apt-get -oDebug::pkgProblemResolver=yes install curl\n';
    assert.deepEqual(where(DL3014, text).map((x) => x.line), [2]);
    assert.deepEqual(where(DL3014, F + 'RUN apt-get update && apt-get -oAPT::Get::Assume-Yes=true install curl\n'), []);
  });
});
