/**
 * `dockerfile-guide`: the command-line face of the language service.
 *   check FILE...       diagnostics (text/json/sarif)
 * Other subcommands (explain, new-stack, doctor, layers) are added by their modules.
 */
import { Lang, line, resolveLang } from '../../common/src/i18n';
import { runCheck } from './cli/check';
import { runExplain } from './cli/explain';
import { runNewStack } from './cli/newStack';
import { runDoctorCli } from './cli/doctor';
import { runLayersCli } from './cli/layers';
import { CLI } from './cli/messages';
import { fillMsg } from '../../common/src/i18n';

type Sub = (argv: string[], io: { out: (s: string) => void; err: (s: string) => void }, lang: Lang) => number | Promise<number>;

const SUBCOMMANDS: Record<string, Sub> = {
  check: runCheck,
  explain: runExplain,
  'new-stack': (argv) => runNewStack(argv),
  doctor: runDoctorCli,
  layers: runLayersCli,
};

/** The default language follows the environment (LANG=ko_KR.UTF-8 → Korean), like most CLIs. */
function envLang(): Lang {
  const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  return resolveLang(process.env.DOCKERFILE_GUIDE_LANG || 'auto', env);
}

export async function main(argv: string[]): Promise<number> {
  const io = { out: (s: string) => process.stdout.write(s + '\n'), err: (s: string) => process.stderr.write(s + '\n') };
  const lang = envLang();
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(line(CLI.usage, lang));
    return cmd ? 0 : 2;
  }
  const sub = SUBCOMMANDS[cmd];
  if (!sub) {
    io.err(line(fillMsg(CLI.unknownCommand, cmd), lang));
    io.err(line(CLI.usage, lang));
    return 2;
  }
  return sub(rest, io, lang);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`dockerfile-guide: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  },
);
