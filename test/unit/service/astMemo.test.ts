/**
 * service/astMemo.ts keeps each instruction's argument scan: over the whole corpus (and its fuzz-like extremes) the
 * memoized getArguments/getFlags give exactly what dockerfile-ast's own scan gives, every time they are called.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import test from 'node:test';
import { DockerfileParser, Instruction, ModifiableInstruction } from 'dockerfile-ast';
import { originalGetRawArguments } from '../../../server/src/service/astMemo';
import { corpusDockerfiles } from '../corpusFiles';

const plain = (args: { getValue(): string; getRange(): unknown }[]) => args.map((a) => [a.getValue(), a.getRange()]);

function check(text: string, where: string): number {
  let n = 0;
  for (const instr of DockerfileParser.parse(text).getInstructions()) {
    const expected = plain(originalGetRawArguments!.call(instr) as never);
    // Twice: a caller that changes its array (ModifiableInstruction shifts the flags off) must not change the next.
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(plain((instr as unknown as { getRawArguments(): never }).getRawArguments()), expected, `${where}: ${instr.getKeyword()} line ${instr.getRange().start.line}`);
      const args = plain(instr.getArguments());
      const flags = instr instanceof ModifiableInstruction ? instr.getFlags().length : 0;
      assert.deepEqual(args, expected.slice(flags), `${where}: ${instr.getKeyword()} arguments after its ${flags} flags`);
    }
    n++;
  }
  return n;
}

test('the memo is installed on dockerfile-ast itself', () => {
  assert.equal(typeof originalGetRawArguments, 'function');
  assert.notEqual((Instruction.prototype as unknown as { getRawArguments: unknown }).getRawArguments, originalGetRawArguments);
});

test('memoized arguments equal the original scan over the corpus', () => {
  let n = 0;
  for (const f of corpusDockerfiles()) n += check(fs.readFileSync(f, 'utf8'), f);
  assert.ok(n > 2000, `${n} instructions`);
});

test('and on long, flag-heavy and escaped instructions', () => {
  const long = 'RUN ' + 'apt-get install -y nginx && '.repeat(3000) + 'true\n';
  const flags = 'COPY --chown=www-data:www-data --chmod=644 --link --from=build /src /dst\nRUN --mount=type=cache,target=/var/cache/apt --network=none apt-get update\n';
  const escaped = '# escape=`\nFROM debian\nRUN echo a `\n  b `\n  c\nADD --checksum=sha256:abc https://x/y /z\n';
  const json = 'CMD ["nginx", "-g", "daemon off;"]\nENTRYPOINT ["/start.sh"]\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\nONBUILD COPY --chown=1:1 . /app\n';
  assert.ok(check(long + flags + escaped + json, 'synthetic') >= 10);
});
