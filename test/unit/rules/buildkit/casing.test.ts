import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ConsistentInstructionCasing } from '../../../../server/src/rules/buildkit/ConsistentInstructionCasing';
import { FromAsCasing } from '../../../../server/src/rules/buildkit/FromAsCasing';
import { StageNameCasing } from '../../../../server/src/rules/buildkit/StageNameCasing';
import { ExposeProtoCasing } from '../../../../server/src/rules/buildkit/ExposeProtoCasing';
import { findings, fixed, lines } from './helpers';

describe('StageNameCasing', () => {
  const text = lines('FROM debian AS Builder', 'RUN make', 'FROM Builder AS test', 'FROM alpine', 'COPY --from=BUILDER /a /b', 'RUN --mount=type=cache,from=Builder,target=/x true');
  it('fires on an upper-case stage name', () => {
    const f = findings(StageNameCasing, text);
    assert.equal(f.length, 1);
    assert.equal(f[0].range.start.line, 0);
    assert.match(f[0].message.en, /Builder/);
  });
  it('does not fire on lower-case names', () => {
    assert.equal(findings(StageNameCasing, lines('FROM debian AS builder', 'FROM builder AS test-2')).length, 0);
  });
  it('renames the stage and every reference', () => {
    const out = fixed(StageNameCasing, text);
    assert.equal(
      out,
      lines('FROM debian AS builder', 'RUN make', 'FROM builder AS test', 'FROM alpine', 'COPY --from=builder /a /b', 'RUN --mount=type=cache,from=builder,target=/x true'),
    );
    assert.equal(findings(StageNameCasing, out).length, 0);
  });
});

describe('FromAsCasing', () => {
  it('fires on FROM … as', () => {
    const f = findings(FromAsCasing, lines('FROM debian:bookworm as build'));
    assert.equal(f.length, 1);
    assert.deepEqual(f[0].range, { start: { line: 0, character: 21 }, end: { line: 0, character: 23 } });
  });
  it('fires on from … AS', () => {
    assert.equal(findings(FromAsCasing, lines('from debian AS build')).length, 1);
  });
  it('does not fire when both match', () => {
    assert.equal(findings(FromAsCasing, lines('FROM debian AS build', 'from debian as b2', 'FROM debian')).length, 0);
  });
  it('fixes AS to the casing of FROM', () => {
    const out = fixed(FromAsCasing, lines('FROM debian:bookworm as build'));
    assert.equal(out, lines('FROM debian:bookworm AS build'));
    assert.equal(findings(FromAsCasing, out).length, 0);
    assert.equal(fixed(FromAsCasing, lines('from debian AS build')), lines('from debian as build'));
  });
});

describe('ConsistentInstructionCasing', () => {
  it('flags the minority casing and mixed case', () => {
    const f = findings(ConsistentInstructionCasing, lines('FROM debian', 'run echo', 'Copy a b', 'CMD ["x"]'));
    assert.deepEqual(
      f.map((x) => x.range.start.line),
      [1, 2],
    );
    assert.match(f[0].message.en, /uppercase/);
    assert.match(f[0].message.ko, /대문자/);
  });
  it('accepts an all-lowercase file (unlike an uppercase-only check)', () => {
    assert.equal(findings(ConsistentInstructionCasing, lines('from debian', 'run echo', 'cmd ["x"]')).length, 0);
  });
  it('follows a lower-case majority', () => {
    const f = findings(ConsistentInstructionCasing, lines('from debian', 'run echo', 'COPY a b'));
    assert.equal(f.length, 1);
    assert.equal(fixed(ConsistentInstructionCasing, lines('from debian', 'run echo', 'COPY a b')), lines('from debian', 'run echo', 'copy a b'));
  });
  it('fix output is consistent', () => {
    const out = fixed(ConsistentInstructionCasing, lines('FROM debian', 'run echo', 'RUN true'));
    assert.equal(out, lines('FROM debian', 'RUN echo', 'RUN true'));
    assert.equal(findings(ConsistentInstructionCasing, out).length, 0);
  });
});

describe('ExposeProtoCasing', () => {
  it('fires on an upper-case protocol', () => {
    const f = findings(ExposeProtoCasing, lines('FROM x', 'EXPOSE 80/TCP 53/udp'));
    assert.equal(f.length, 1);
    assert.deepEqual(f[0].range, { start: { line: 1, character: 10 }, end: { line: 1, character: 13 } });
  });
  it('does not fire on lower case or no protocol', () => {
    assert.equal(findings(ExposeProtoCasing, lines('FROM x', 'EXPOSE 80 443/tcp 53/udp')).length, 0);
  });
  it('lower-cases the protocol', () => {
    const out = fixed(ExposeProtoCasing, lines('FROM x', 'EXPOSE 80/TCP'));
    assert.equal(out, lines('FROM x', 'EXPOSE 80/tcp'));
    assert.equal(findings(ExposeProtoCasing, out).length, 0);
  });
});
