/**
 * `npm run fuzz [-- --seed N] [--iterations M] [--start I] [--time S]`: the long fuzz run on demand.
 * Prints the seed first so any run can be replayed, writes a report to bench/fuzz/, exits 1 on any failure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatReport, runFuzz } from './fuzzer';

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main() {
  const seed = Number(arg('seed') ?? Math.floor(Math.random() * 2 ** 31));
  const iterations = Number(arg('iterations') ?? 2000);
  const start = Number(arg('start') ?? 0);
  const time = arg('time');
  if (![seed, iterations, start].every(Number.isFinite)) throw new Error('usage: fuzz [--seed N] [--iterations M] [--start I] [--time SECONDS]');
  console.log(`fuzz: seed ${seed}, iterations ${start}..${start + iterations - 1}${time ? `, at most ${time} s` : ''}`);
  const report = await runFuzz({ seed, iterations, start, timeBudgetMs: time ? Number(time) * 1000 : undefined, log: (s) => console.log(s) });
  const text = formatReport(report);
  console.log(text);
  const dir = path.resolve(__dirname, '../../bench/fuzz');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'last-run.txt'), `${new Date().toISOString()}\n${text}\n`);
  fs.writeFileSync(path.join(dir, 'last-run.json'), JSON.stringify(report, null, 1));
  process.exitCode = report.failures.length ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
