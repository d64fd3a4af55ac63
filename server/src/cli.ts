/**
 * `dockerfile-guide`: the command-line face of the language service.
 *   check FILE...       diagnostics (text/json/sarif)
 *   --version           the version of the build
 * Other subcommands (explain, new-stack, doctor, layers) are added by their modules.
 */
import { Lang, line } from '../../common/src/i18n';
import { VERSION } from '../../common/src/version';
import { envLang } from './envLang';
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

export async function main(argv: string[]): Promise<number> {
  // A reader that closed the pipe early (`… | head -n 3`) is not an error of ours: stop writing and finish, so the exit
  // code still says what was found (`set -o pipefail` in CI sees it). Without this handler Node dies of EPIPE.
  let stdoutClosed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stdoutClosed = true;
  });
  const io = {
    out: (s: string) => {
      if (!stdoutClosed) process.stdout.write(s + '\n');
    },
    err: (s: string) => process.stderr.write(s + '\n'),
  };
  const lang = envLang();
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.out(line(CLI.usage, lang));
    return cmd ? 0 : 2;
  }
  // Plain, for scripts (`dockerfile-guide --version` → 0.1.0): the version package.json had at build time.
  if (cmd === '--version' || cmd === '-v') {
    io.out(VERSION);
    return 0;
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
