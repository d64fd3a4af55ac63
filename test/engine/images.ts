/**
 * The base images every engine suite builds on, made in exactly one place.
 *
 * There is no image registry here, so tests make their own bases: busybox-static through `docker import`, and
 * Debian through debootstrap. A fresh machine once failed because two suites imported different images under the
 * same name and whichever ran first won. So a base image's tag is derived from its recipe (the recipe text plus
 * the bytes it is made from): the same tag always means the same image, a changed recipe gets a new tag, and no
 * suite can be handed another suite's variant. Nothing here depends on what an earlier run left in the engine:
 * a missing image is made, an existing one is by construction the right one.
 *
 * Used by test/docker, test/faults, test/claims, test/stack, the e2e suites (bundled into the extension host) and
 * bench/docker.
 */
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The engine every suite uses unless it starts its own. */
export const MAIN_SOCKET = '/var/run/docker.sock';
export const MAIN_HOST = `unix://${MAIN_SOCKET}`;
/** Label on every base image made here (not TEST_LABEL: a suite's cleanup must not remove a shared base). */
export const BASE_IMAGE_LABEL = 'dockerfile-guide.test-base';

/** The project folder, found from here upwards (this file also runs bundled, from out/e2e/). */
const ROOT = (() => {
  for (let d = __dirname; d !== path.dirname(d); d = path.dirname(d)) if (fs.existsSync(path.join(d, 'scripts/ci/stack-base.sh'))) return d;
  throw new Error(`no project folder above ${__dirname}`);
})();

/** The busybox recipe. Change anything here and the tag changes with it. */
const BUSYBOX_RECIPE = {
  version: 2,
  dirs: ['bin', 'tmp', 'etc', 'root'],
  files: {
    'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/tmp:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n',
    'etc/group': 'root:x:0:\napp:x:1000:\nnogroup:x:65534:\n',
  } as Record<string, string>,
  changes: ['CMD ["sh"]', 'ENV PATH=/bin'],
};

function busyboxBinary(): string {
  const p = ['/bin/busybox', '/usr/bin/busybox'].find((f) => fs.existsSync(f));
  if (!p) throw new Error('busybox-static is not installed (apt-get install busybox-static) / busybox-static이 설치되어 있지 않습니다');
  return p;
}

function hash(...parts: (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 12);
}

let busyboxTagMemo: string | undefined;

/** The tag of the busybox test image: `dfg-test/busybox:<hash of the recipe and the binary>`. */
export function busyboxTag(): string {
  busyboxTagMemo ??= `dfg-test/busybox:${hash(JSON.stringify(BUSYBOX_RECIPE), fs.readFileSync(busyboxBinary()))}`;
  return busyboxTagMemo;
}

function docker(host: string, args: string[]): string {
  return execFileSync('docker', ['-H', host, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export function imageExists(image: string, host = MAIN_HOST): boolean {
  return spawnSync('docker', ['-H', host, 'image', 'inspect', image], { stdio: 'ignore' }).status === 0;
}

/**
 * Runs `make` with a lock per (host, image) held across processes: suites run as parallel processes, and two
 * imports at once would leave a dangling copy behind.
 */
function withLock(host: string, image: string, make: () => void): void {
  const key = `${host}|${image}`.replace(/[^A-Za-z0-9]/g, '_');
  const lock = path.join(os.tmpdir(), `dfg-image-${key}.lock`);
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      // A lock whose holder is gone (a killed run) is broken, not waited out.
      const holder = Number(fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if ((holder && !fs.existsSync(`/proc/${holder}`)) || Date.now() > deadline) fs.rmSync(lock, { recursive: true, force: true });
      else execFileSync('sleep', ['0.2']);
    }
  }
  try {
    if (!imageExists(image, host)) make();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Makes the busybox test image on the engine at `host` when it is missing; returns its tag. */
export function ensureBusyboxImage(host = MAIN_HOST): string {
  const tag = busyboxTag();
  if (imageExists(tag, host)) return tag;
  withLock(host, tag, () => {
    const busybox = busyboxBinary();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dfg-rootfs-'));
    try {
      for (const d of BUSYBOX_RECIPE.dirs) fs.mkdirSync(path.join(root, d), { recursive: true });
      fs.chmodSync(path.join(root, 'tmp'), 0o1777);
      fs.copyFileSync(busybox, path.join(root, 'bin', 'busybox'));
      fs.chmodSync(path.join(root, 'bin', 'busybox'), 0o755);
      for (const applet of execFileSync(busybox, ['--list'], { encoding: 'utf8' }).split('\n')) {
        if (applet && applet !== 'busybox') fs.symlinkSync('busybox', path.join(root, 'bin', applet));
      }
      for (const [f, text] of Object.entries(BUSYBOX_RECIPE.files)) fs.writeFileSync(path.join(root, f), text);
      const changes = [...BUSYBOX_RECIPE.changes, `LABEL ${BASE_IMAGE_LABEL}=busybox`];
      // `tar … | docker import -`, piped by the shell so the archive never sits in our memory. Every file belongs
      // to root in the archive, whoever runs this, so the image is the same on every machine.
      execFileSync(
        'sh',
        ['-c', 'r="$1"; h="$2"; t="$3"; shift 3; tar --numeric-owner --owner=0 --group=0 -C "$r" -c . | docker -H "$h" import "$@" - "$t"', 'sh', root, host, tag, ...changes.flatMap((c) => ['--change', c])],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
  return tag;
}

const STACK_BASE_SCRIPT = path.join(ROOT, 'scripts/ci/stack-base.sh');

/** The tag of the debootstrapped Debian image for `release`, derived from the script that makes it. */
export function debianTag(release = 'bookworm'): string {
  return `dfg-test/debian-minbase:${release}-${hash(fs.readFileSync(STACK_BASE_SCRIPT))}`;
}

/**
 * Makes the Debian minbase image (debootstrap from Debian's archive + `docker import`, ~2 minutes the first time)
 * when it is missing; returns its tag. stack-base.sh takes its own lock, so parallel suites make it once.
 */
export function ensureDebianImage(release = 'bookworm', host = MAIN_HOST): string {
  const tag = debianTag(release);
  if (imageExists(tag, host)) return tag;
  const r = spawnSync('bash', [STACK_BASE_SCRIPT, release, tag], {
    encoding: 'utf8',
    timeout: 15 * 60_000,
    env: { ...process.env, DOCKER_HOST: host },
  });
  if (r.status !== 0) throw new Error(`stack-base.sh ${release} failed:\n${r.stdout}\n${r.stderr}`);
  return tag;
}

/** The config a suite's expectations must be read from, never assumed. */
export function imageConfig(
  image: string,
  host = MAIN_HOST,
): { Entrypoint: string[] | null; Cmd: string[] | null; Shell: string[] | null; User: string; WorkingDir: string; Env: string[] } {
  const c = JSON.parse(docker(host, ['image', 'inspect', '--format', '{{json .Config}}', image]));
  return { Entrypoint: c.Entrypoint ?? null, Cmd: c.Cmd ?? null, Shell: c.Shell ?? null, User: c.User ?? '', WorkingDir: c.WorkingDir ?? '', Env: c.Env ?? [] };
}
