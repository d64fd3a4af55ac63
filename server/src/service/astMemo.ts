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
import { Instruction } from 'dockerfile-ast';

type Scan = (this: Instruction) => unknown[];
const proto = Instruction.prototype as unknown as { getRawArguments?: Scan };
const MEMO = Symbol('dockerfile-guide raw arguments');

/** dockerfile-ast's own scan, for the test that compares the two. */
export const originalGetRawArguments: Scan | undefined = proto.getRawArguments;

if (typeof originalGetRawArguments === 'function') {
  proto.getRawArguments = function memoizedRawArguments(this: Instruction & { [MEMO]?: unknown[] }) {
    return (this[MEMO] ??= originalGetRawArguments.call(this)).slice();
  };
}
