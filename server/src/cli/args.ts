/**
 * A small argv reader for the CLI: `--opt value`, `--opt=value`, repeated options, and positionals.
 * Errors carry a bilingual message and mean exit code 2.
 */
import { fillMsg, Lang, line, Msg } from '../../../common/src/i18n';
import { CLI } from './messages';

export class UsageError extends Error {
  constructor(readonly msg: Msg) {
    super(msg.en);
  }
}

/**
 * What every command does with an error out of its body: a UsageError prints its message and the usage on stderr
 * and means exit code 2; anything else is not a usage problem and goes on up.
 */
export function usageErrorExit(e: unknown, err: (text: string) => void, lang: Lang): number {
  if (!(e instanceof UsageError)) throw e;
  err(line(e.msg, lang));
  err(line(CLI.usage, lang));
  return 2;
}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

/** `valued`: options that take a value; `booleans`: options that do not. */
export function parseArgs(argv: string[], valued: string[], booleans: string[] = []): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    if (booleans.includes(name) && eq < 0) {
      out.flags.add(name);
      continue;
    }
    if (!valued.includes(name)) throw new UsageError(fillMsg(CLI.unknownOption, a));
    let value: string | undefined = eq < 0 ? argv[++i] : a.slice(eq + 1);
    if (value === undefined) throw new UsageError(fillMsg(CLI.missingValue, '--' + name));
    out.options.set(name, [...(out.options.get(name) ?? []), value]);
  }
  return out;
}

export function oneOf(args: ParsedArgs, name: string, allowed: string[], fallback: string): string {
  const v = args.options.get(name)?.at(-1);
  if (v === undefined) return fallback;
  if (!allowed.includes(v)) throw new UsageError(fillMsg(CLI.badValue, '--' + name, v, allowed.join('|')));
  return v;
}
