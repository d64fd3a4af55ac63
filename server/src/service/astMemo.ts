/**
 * Tokenizes each instruction's arguments once.
 *
 * dockerfile-ast scans an instruction's text again on every getArguments() call, and calls it itself several times
 * per instruction: JSONInstruction's constructor alone scans three times (getRawArgumentsContent,
 * getArgumentsRange, and getFlags inside getArguments), and dockerfile-utils' formatter and validator scan again.
 * On a long instruction that adds up: the fuzzer's 90 KB single-line RUN spent most of a 200 ms formatting request
 * in these scans. An instruction's text never changes after it is parsed (every parse builds new objects), so the
 * scan's result can be kept on the instruction. Each caller still gets its own array, because
 * ModifiableInstruction.getArguments shifts the flags off the array it is given.
 *
 * Loaded for its effect by chunks.ts, before anything is parsed. test/unit/service/astMemo.test.ts compares it
 * with the original scan over the whole corpus.
 */
import { Argument, Instruction } from 'dockerfile-ast';

type Scan = (this: Instruction) => Argument[];
const proto = Instruction.prototype as unknown as { getRawArguments?: Scan };
const MEMO = Symbol('dockerfile-guide raw arguments');

/** dockerfile-ast's own scan, for the test that compares the two. */
export const originalGetRawArguments: Scan | undefined = proto.getRawArguments;

/**
 * The scan kept as plain values, five entries per argument (value, start line, start character, end line, end
 * character): kept as Argument objects with their ranges, it held four objects per argument for as long as the
 * parse lived, ~3 MiB on a 10,000-line file. Each call builds fresh Arguments from it; they are short-lived.
 */
type Packed = (string | number)[];

function pack(args: Argument[]): Packed {
  const out: Packed = new Array(args.length * 5);
  let k = 0;
  for (const a of args) {
    const r = a.getRange();
    const value = a.getValue();
    // dockerfile-ast adds a value up one character at a time, which leaves a chain of V8 cons-strings behind it
    // (~900 bytes for a 40-character word instead of ~60). Reading a character makes V8 flatten the string in
    // place, and the chain becomes garbage.
    value.charCodeAt(0);
    out[k++] = value;
    out[k++] = r.start.line;
    out[k++] = r.start.character;
    out[k++] = r.end.line;
    out[k++] = r.end.character;
  }
  return out;
}

function unpack(p: Packed): Argument[] {
  const out: Argument[] = new Array(p.length / 5);
  for (let k = 0, i = 0; k < p.length; k += 5, i++) {
    const range = {
      start: { line: p[k + 1] as number, character: p[k + 2] as number },
      end: { line: p[k + 3] as number, character: p[k + 4] as number },
    };
    out[i] = new Argument(p[k] as string, range);
  }
  return out;
}

if (typeof originalGetRawArguments === 'function') {
  proto.getRawArguments = function memoizedRawArguments(this: Instruction & { [MEMO]?: Packed }) {
    return unpack((this[MEMO] ??= pack(originalGetRawArguments.call(this))));
  };
}
