/** The shared corpus (../shared/corpus), read at test time; never copied into the project. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SHARED = path.resolve(__dirname, '../../../shared');
export const CORPUS = path.join(SHARED, 'corpus');
export const BENCH_INPUTS = path.join(SHARED, 'bench', 'inputs');

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Every data file of the corpus (Dockerfiles and the configs/scripts next to them), plus the bench inputs. */
export function allCorpusFiles(): string[] {
  return [...walk(CORPUS).filter((f) => !/\/(SOURCES\.tsv|README\.md)$/.test(f)), ...walk(BENCH_INPUTS)].sort();
}

/** The Dockerfiles only. */
export function corpusDockerfiles(sub = ''): string[] {
  return walk(path.join(CORPUS, sub))
    .filter((f) => /(^|\/)(Dockerfile[^/]*|[^/]*\.Dockerfile|dockerfile)$/i.test(f) && !/\.template$/.test(f))
    .sort();
}
