/**
 * Builds a folder of N small, realistic Dockerfiles for the CLI scale test: corpus Dockerfiles under 8 KB, one per
 * subfolder (so each has its own build context), every 50th one broken, plus the awkward entries a real tree has:
 * a dangling symlink named Dockerfile, a binary file named like a Dockerfile, a folder named like a Dockerfile
 * (walked into, not read), and files the walk must ignore.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

export function corpusDockerfiles(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'Dockerfile' && fs.statSync(p).size < 8 * 1024) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(CORPUS);
  return out;
}

export interface Tree {
  root: string;
  dockerfiles: number;
  broken: number;
  /** Entries the CLI must report as unreadable or binary. */
  failures: string[];
}

export function buildTree(root: string, n: number, sources = corpusDockerfiles()): Tree {
  fs.mkdirSync(root, { recursive: true });
  let broken = 0;
  for (let i = 0; i < n; i++) {
    const dir = path.join(root, String(Math.floor(i / 100)).padStart(3, '0'), `p${i}`);
    fs.mkdirSync(dir, { recursive: true });
    let text = sources[i % sources.length];
    if (i % 50 === 7) {
      text = text.replace(/^FROM/m, 'FROOM') + '\nRUN ["unterminated\n';
      broken++;
    }
    const name = i % 10 === 3 ? 'Containerfile' : i % 10 === 5 ? 'app.dockerfile' : 'Dockerfile';
    fs.writeFileSync(path.join(dir, name), text);
    if (i % 25 === 0) fs.writeFileSync(path.join(dir, 'README.md'), '# not a Dockerfile\n');
  }
  const odd = path.join(root, 'odd');
  fs.mkdirSync(path.join(odd, 'Dockerfile.d'), { recursive: true });
  fs.writeFileSync(path.join(odd, 'Dockerfile.d', 'Dockerfile'), 'FROM debian:bookworm-slim\nMAINTAINER me\nCMD ["true"]\n');
  fs.symlinkSync(path.join(odd, 'does-not-exist'), path.join(odd, 'Dockerfile'));
  fs.writeFileSync(path.join(odd, 'logo.dockerfile'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3, 0, 0, 0xff, 0xfe]));
  return { root, dockerfiles: n + 1, broken, failures: [path.join(odd, 'Dockerfile'), path.join(odd, 'logo.dockerfile')] };
}
