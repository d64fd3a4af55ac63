/**
 * DL3009 in multi-stage files: the apt lists of a stage that the final stage is built FROM end up in the image, so
 * they count; a stage used only through `COPY --from` ships no layer, so it stays quiet.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DL3009 } from '../../../../server/src/rules/hadolint/DL3009';
import { assertBilingual, fixOnce, run, where } from './helpers';

const BASE = 'FROM debian:bookworm AS base\nRUN apt-get update && apt-get install -y curl\n';

describe('DL3009 follows the final stage down to the stages it is built FROM', () => {
  it('fires in a stage the final stage is built FROM', () => {
    const text = BASE + 'FROM base AS app\nCOPY app /app\n';
    const w = where(DL3009, text);
    assert.deepEqual(w.map((x) => [x.line, x.text]), [[2, 'update']]);
    assertBilingual(run(DL3009, text));
  });

  it('fires along a longer chain, in every stage of it, and not in a side stage', () => {
    const text =
      BASE +
      'FROM debian:bookworm AS tools\nRUN apt-get update && apt-get install -y gcc\n' +
      'FROM base AS mid\nRUN apt-get update && apt-get install -y jq\n' +
      'FROM mid\nCOPY --from=tools /usr/bin/gcc /usr/bin/gcc\n';
    assert.deepEqual(
      where(DL3009, text).map((x) => x.line),
      [2, 6],
    );
  });

  it('matches the stage name without regard to case, as the builder does', () => {
    assert.deepEqual(where(DL3009, 'FROM debian:bookworm AS Base\nRUN apt-get update\nFROM base\n').map((x) => x.line), [2]);
  });

  it('fixes the RUN of the parent stage', () => {
    const text = BASE + 'FROM base\nCMD ["curl", "--version"]\n';
    const fixed = fixOnce(DL3009, text);
    assert.equal(
      fixed,
      'FROM debian:bookworm AS base\nRUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\nFROM base\nCMD ["curl", "--version"]\n',
    );
    assert.deepEqual(run(DL3009, fixed), []);
  });

  it('stays quiet in a stage read only through COPY --from', () => {
    assert.deepEqual(where(DL3009, BASE + 'FROM debian:bookworm\nCOPY --from=base /usr/bin/curl /usr/bin/curl\n'), []);
  });

  it('stays quiet in a stage built FROM by a stage that is itself only copied from', () => {
    // hadolint reports this one (a FROM names the stage); its layers still never reach the image.
    const text = BASE + 'FROM base AS build\nRUN echo built > /out\nFROM debian:bookworm\nCOPY --from=build /out /out\n';
    assert.deepEqual(where(DL3009, text), []);
  });

  it('stays quiet when the parent stage cleans up or mounts a cache', () => {
    assert.deepEqual(where(DL3009, 'FROM debian:bookworm AS base\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nFROM base\n'), []);
    assert.deepEqual(where(DL3009, 'FROM debian:bookworm AS base\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\nFROM base\n'), []);
  });

  it('does not take an image that only looks like a stage name for one', () => {
    // `base:1` is an image reference, not the stage `base`.
    assert.deepEqual(where(DL3009, BASE + 'FROM base:1\n'), []);
  });

  it('says so in the explanation, in both languages', () => {
    assert.match(DL3009.why.en, /built FROM/);
    assert.match(DL3009.why.en, /COPY --from/);
    assert.match(DL3009.why.ko, /COPY --from/);
  });
});
