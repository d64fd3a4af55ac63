/**
 * DG121: the start script that CMD/ENTRYPOINT runs first (`/start.sh`, `./run.sh`, `bash start.sh`) is put in the
 * image by nothing: no COPY/ADD lands a file there and no RUN could have written it. The container then never gets
 * going. On the local engine (Docker 20.10, runc 1.1.5, busybox and Debian images):
 *  - exec form: `docker run` itself fails, `exec: "/start.sh": stat /start.sh: no such file or directory`
 *    (runc looks the program up before starting it; `exec /start.sh: no such file or directory`, without the
 *    quotes and `stat`, is what a script that exists but whose `#!` interpreter does not gives);
 *  - shell form: the shell says `/start.sh: not found` (busybox sh, dash) or `No such file or directory` (bash)
 *    and exits with 127;
 *  - `bash start.sh`, `sh /start.sh`: the shell cannot open it (`No such file or directory`) and exits at once.
 *
 * The image also holds what its base image brings, which we cannot list. So, conservatively (only the final stage,
 * and only its first command):
 *  - the path must look like the project's own script: a `.sh`/`.bash` name, outside the folders where packages and
 *    images keep their files (/usr, /etc, /opt, /var/lib, …), with no variable in it;
 *  - COPY/ADD that may put it there (a file of that name into that folder, a folder copied above it, `--from`,
 *    a URL, a heredoc, a destination with a variable) and RUNs that name the file or its folder, or that could unpack
 *    or fetch into that folder (tar, git, curl, …), count as putting it there;
 *  - the base image (of the first stage of the chain) must be one that is known to hold no such script: scratch,
 *    debian, ubuntu, alpine, busybox (nothing but the OS, no WORKDIR). On any other base the script may come from
 *    it (`/docker-entrypoint.sh` is nginx's), and we report only when the project itself has a file of that name:
 *    a COPY takes it from the build context to another path, or the context has it at its root or beside another
 *    COPY source;
 *  - a compose file in the folder that names the script may mount it at run time: no finding.
 * It needs the build context's listing (RuleContext.contextEntries) like DG120; without a folder, no finding.
 */
import type { Range } from 'vscode-languageserver-types';
import { fill, msg } from '../../../../common/src/i18n';
import { type Instr, type ParsedDocument, type Span, type Stage, stripQuotes } from '../../service/document';
import { finalStage, resolveImage } from '../../service/effectiveCommand';
import { effectiveCommandOrNull, ownInstr } from './mainCommand';
import { instrShell, type InstrShell, wordRange } from '../../service/shell/binding';
import { SHELLS } from '../../service/shell/parser';
import { contextView, hasGlob, sourcePath, type ContextView } from '../helpers/contextPaths';
import { edit } from '../helpers/edits';
import { runShells } from '../helpers/shell';
import { baseName, resolvePath } from '../helpers/paths';
import type { Finding, Rule, RuleContext } from '../types';

const BARE_IMAGES = /^(?:(?:docker\.io\/)?(?:library\/)?)?(?:scratch|debian|ubuntu|alpine|busybox)(?::[^@]*)?(?:@.*)?$/i;

/** Folders that every bare base image above has (busybox has the fewest). */
const BARE_FOLDERS = ['/', '/tmp', '/root', '/home', '/etc', '/var', '/usr'];

/** Where packages and base images keep their files: a script there may well come from them. */
const SYSTEM_DIRS = /^\/(?:usr|etc|opt|bin|sbin|lib|lib32|lib64|libx32|var\/lib|proc|sys|dev|run|boot|snap|nix)(?:\/|$)/;

/** Commands that unpack into a folder (`-C dir`, `-d dir`, `-odir`, else the one they run in) without naming files. */
const UNPACKERS = new Set(['tar', 'bsdtar', 'unzip', '7z', '7za', 'cpio']);
/** Commands that fetch a tree into a folder they are given (or a new subfolder named after the source). */
const FETCHERS = new Set(['git', 'svn']);
/** Build tools and package managers that run the project's own scripts, which may write anything. */
const SCRIPT_RUNNERS = new Set(['make', 'cmake', 'npm', 'npx', 'yarn', 'pnpm', 'composer']);
/** Commands that copy or link files to a destination (their last argument). */
const COPIERS = new Set(['cp', 'mv', 'ln', 'install', 'rsync']);
/** Interpreters that run a script, which may write anything anywhere. */
const INTERPRETERS = new Set([...SHELLS, 'python', 'python3', 'perl', 'ruby', 'php', 'node', 'source', '.']);

const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];

const EXEC = msg(
  '`{0}`: 이미지에 이 파일이 없습니다. `{1}`에 파일을 넣는 COPY나 ADD가 없고 만드는 RUN도 없습니다. 컨테이너는 시작하지 못하고 `docker run`이 `exec: "{0}": stat {0}: no such file or directory` 오류를 냅니다.',
  '`{0}` is not in the image: no COPY or ADD puts a file at `{1}` and no RUN creates it, so the container cannot start: `docker run` fails with `exec: "{0}": stat {0}: no such file or directory`.',
);
const SHELL_FORM = msg(
  '`{0}`: 이미지에 이 파일이 없습니다. `{1}`에 파일을 넣는 COPY나 ADD가 없고 만드는 RUN도 없습니다. 컨테이너의 셸이 이 파일을 찾지 못하고(sh는 `{0}: not found`, bash는 `No such file or directory`) 종료 코드 127로 바로 끝납니다.',
  '`{0}` is not in the image: no COPY or ADD puts a file at `{1}` and no RUN creates it, so the container stops at once: its shell cannot find it (`{0}: not found` from sh, `No such file or directory` from bash) and exits with code 127.',
);
const INTERPRETER = msg(
  '`{0}`: 이미지에 이 파일이 없습니다. `{1}`에 파일을 넣는 COPY나 ADD가 없고 만드는 RUN도 없습니다. `{2}` 셸이 스크립트를 열지 못해 `No such file` 오류를 내고 컨테이너가 바로 끝납니다.',
  '`{0}` is not in the image: no COPY or ADD puts a file at `{1}` and no RUN creates it, so the container stops at once: `{2}` cannot open the script (`No such file`).',
);
const COPIED_ELSEWHERE = msg(' 같은 이름의 파일은 {1}번 줄에서 `{0}`에 복사됩니다.', ' A file of that name is copied to `{0}` (line {1}).');
const IN_CONTEXT = msg(' 빌드 컨텍스트에는 `{0}` 파일이 있지만 이미지로 복사하지 않습니다.', ' The build context has `{0}`, but nothing copies it into the image.');

/** The first command of the container, when it runs a script by path. */
interface StartScript {
  /** The path as written. */
  written: string;
  range: Range;
  /** How it runs: as the program (exec or shell form), or as the operand of a shell (`bash start.sh`). */
  how: 'exec' | 'shell' | 'interpreter';
  interpreter?: string;
}

/** Where a COPY of the Dockerfile takes a context file of the script's name ('' when that cannot be told). */
interface Elsewhere {
  path: string;
  line: number;
}

export const DG121: Rule = {
  id: 'DG121',
  severity: 'warning',
  title: msg('CMD/ENTRYPOINT가 실행할 스크립트가 이미지에 없습니다', 'The script CMD/ENTRYPOINT runs is not in the image'),
  why: msg(
    '`CMD`나 `ENTRYPOINT`가 실행하는 스크립트는 이미지 안에 있어야 합니다. 빌드 컨텍스트에 있는 파일이라도 `COPY`하지 않으면 이미지에 들어가지 않고, 다른 경로(`/tmp/start.sh`)에 복사해 놓고 다른 경로(`/start.sh`)를 실행하면 컨테이너가 시작하자마자 "no such file or directory"나 "not found"로 끝납니다. 스크립트를 실행할 경로에 `COPY`하거나 실행 경로를 복사한 위치에 맞추세요. 베이스 이미지가 가진 스크립트일 수도 있으므로, 운영체제만 담은 베이스 이미지(debian, ubuntu, alpine, busybox, scratch)가 아니면 프로젝트에 같은 이름의 파일이 있을 때만 알려 줍니다.',
    'The script that `CMD` or `ENTRYPOINT` runs has to be in the image. A file of the build context is not, unless a `COPY` puts it there; copying it to one path (`/tmp/start.sh`) and running another (`/start.sh`) makes the container end as soon as it starts, with "no such file or directory" or "not found". `COPY` the script to the path you run, or run the path you copied it to. The base image may bring the script itself, so on a base image other than a bare OS (debian, ubuntu, alpine, busybox, scratch) this is reported only when the project has a file of that name.',
  ),
  check(ctx) {
    const view = contextView(ctx);
    if (!view) return [];
    const doc = ctx.doc;
    const stage = finalStage(doc);
    if (!stage) return [];
    const chain = stageChain(stage);
    const rootImage = resolveImage(doc, chain[0]);
    const bare = rootImage !== null && BARE_IMAGES.test(rootImage);
    const script = startScript(doc, stage);
    if (!script || script.written.includes('$') || !/\.(?:sh|bash)$/.test(script.written)) return [];
    // scratch has no shell: a shell-form command fails on `/bin/sh` before it looks for the script.
    if (script.how !== 'exec' && /^(?:(?:docker\.io\/)?(?:library\/)?)?scratch$/i.test(rootImage ?? '')) return [];
    const cwds = workdirs(chain, bare);
    const containerCwd = cwds.end;
    if (!script.written.startsWith('/') && containerCwd === null) return [];
    const target = resolvePath(containerCwd ?? '/', script.written);
    if (SYSTEM_DIRS.test(target)) return [];
    const placed = placement(ctx, view, chain, cwds.at, target, bare);
    if (placed.maybe) return [];
    const name = baseName(target);
    const inContext = placed.elsewhere.length ? null : contextFileNamed(view, chain, name);
    if (!bare && placed.elsewhere.length === 0 && !inContext) return [];
    if (mountedByCompose(ctx, name)) return [];
    const base = script.how === 'exec' ? EXEC : script.how === 'shell' ? SHELL_FORM : INTERPRETER;
    const args = [script.written, target, script.interpreter ?? ''];
    let ko = fill(base.ko, args);
    let en = fill(base.en, args);
    const known = placed.elsewhere.filter((e) => e.path !== '');
    const other = known[known.length - 1];
    if (other) {
      ko += fill(COPIED_ELSEWHERE.ko, [other.path, String(other.line)]);
      en += fill(COPIED_ELSEWHERE.en, [other.path, String(other.line)]);
    } else if (inContext) {
      ko += fill(IN_CONTEXT.ko, [inContext]);
      en += fill(IN_CONTEXT.en, [inContext]);
    }
    const written = doc.getText(script.range);
    // The quick fix runs the copied file instead, when there is exactly one and the word is written plainly.
    const places = [...new Set(placed.elsewhere.map((e) => e.path))];
    // (A copy whose landing place cannot be told makes the list ambiguous: no fix then.)
    const fixable = places.length === 1 && places[0] !== '' && written === script.written && !/["'\\\s]/.test(places[0]);
    const finding: Finding = { range: script.range, message: { ko, en }, data: fixable ? { copiedTo: places[0] } : undefined };
    return [finding];
  },
  fix(_ctx, finding) {
    const to = finding.data?.copiedTo;
    if (typeof to !== 'string') return [];
    return [{ title: msg(`복사된 \`${to}\` 경로를 실행하기`, `Run the copied \`${to}\``), edits: [edit(finding.range, to)], preferred: true }];
  },
};

/** The stage and the stages it is built FROM, first stage first. */
function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | null = stage; s && chain.length < 64 && !chain.includes(s); s = s.parent) chain.unshift(s);
  return chain;
}

/**
 * The working folder before each instruction of the chain, and at the end (the container's): `/` at the start of a
 * bare base image, else unknown until an absolute WORKDIR; unknown again after a WORKDIR with a variable.
 */
function workdirs(chain: Stage[], bare: boolean): { at: Map<Instr, string | null>; end: string | null } {
  const at = new Map<Instr, string | null>();
  let cwd: string | null = bare ? '/' : null;
  for (const s of chain) {
    for (const ins of s.instructions) {
      at.set(ins, cwd);
      if (ins.keyword !== 'WORKDIR') continue;
      const v = stripQuotes(ins.argsContent().trim());
      if (!v) continue;
      if (v.includes('$') || v.includes('\\')) cwd = null;
      else if (v.startsWith('/')) cwd = resolvePath('/', v);
      else cwd = cwd === null ? null : resolvePath(cwd, v);
    }
  }
  return { at, end: cwd };
}

function startScript(doc: ParsedDocument, stage: Stage): StartScript | null {
  // Only instructions the Dockerfile wrote count (ownInstr): a command from the base image is the base image's business.
  const ec = effectiveCommandOrNull(doc, stage);
  if (!ec) return null;
  const ep = ec.entrypoint;
  const first = ep ?? ec.cmd;
  const instr = ownInstr(first);
  if (!first || !instr) return null;
  if (first.form === 'shell' || (instr.jsonStrings() && instrShell(instr))) return fromShell(doc, instr);
  // Exec form: ENTRYPOINT + CMD (a shell-form ENTRYPOINT was handled above). Each word's place in the Dockerfile
  // comes from the instruction that wrote it; words of the base image's CMD have none.
  const words: (Span | null)[] = [];
  for (const p of [ep, ec.cmd]) {
    if (!p) continue;
    const json = ownInstr(p)?.jsonStrings() ?? null;
    for (let k = 0; k < p.argv.length; k++) words.push(json && json.length === p.argv.length ? json[k] : null);
  }
  const argv = words.map((w) => w?.value ?? null);
  if (argv.length === 0 || argv[0] === null) return null;
  const program = argv[0];
  // `busybox sh x.sh` names an applet first: not a shell running its operand.
  if (baseName(program) === 'busybox') return null;
  if (SHELLS.has(baseName(program))) {
    for (let k = 1; k < argv.length; k++) {
      const a = argv[k];
      if (a === null || a === '-c' || /^-[a-z]*c/.test(a)) return null;
      if (a.startsWith('-') || a.startsWith('+')) continue;
      return { written: a, range: words[k]!.range, how: 'interpreter', interpreter: baseName(program) };
    }
    return null;
  }
  return program.includes('/') ? { written: program, range: words[0]!.range, how: 'exec' } : null;
}

/** The first command of a shell-form CMD/ENTRYPOINT (or `["sh", "-c", "…"]`). */
function fromShell(doc: ParsedDocument, instr: Instr): StartScript | null {
  const sh = instrShell(instr);
  const c = sh?.commands[0];
  if (!c || c.words.length === 0 || c.words[0].dynamic) return null;
  const name = c.words[0].value;
  if (baseName(name) === 'busybox') return null;
  if (SHELLS.has(baseName(name))) {
    for (const w of c.words.slice(1)) {
      if (w.value === '-c' || /^-[a-z]*c/.test(w.value) || w.dynamic) return null;
      if (w.value.startsWith('-') || w.value.startsWith('+')) continue;
      return { written: w.value, range: wordRange(doc, w), how: 'interpreter', interpreter: baseName(name) };
    }
    return null;
  }
  return name.includes('/') ? { written: name, range: wordRange(doc, c.words[0]), how: 'shell' } : null;
}

/** `path` is `dir` or inside it. */
function under(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === '/' ? '/' : dir + '/');
}

/**
 * Whether something of the chain may put a file at `target` (`maybe`), and where COPYs take context files of its
 * name instead (`elsewhere`).
 */
function placement(
  ctx: RuleContext,
  view: ContextView,
  chain: Stage[],
  cwdAt: Map<Instr, string | null>,
  target: string,
  bare: boolean,
): { maybe: boolean; elsewhere: Elsewhere[] } {
  const name = baseName(target);
  const dir = target.slice(0, target.length - name.length - 1) || '/';
  const elsewhere: Elsewhere[] = [];
  const shells = new Map(runShells(ctx.doc).map((r) => [r.instr, r.shell]));
  // Folders known to exist at each point: a bare base image's, then those WORKDIR and COPY make.
  const folders = new Set<string>(bare ? BARE_FOLDERS : []);
  for (const s of chain) {
    for (const ins of s.instructions) {
      const cwd = cwdAt.get(ins) ?? null;
      if (cwd !== null) folders.add(cwd);
      if (ins.keyword === 'RUN') {
        if (runMayCreate(ctx.doc, shells.get(ins), ins, cwd, target)) return { maybe: true, elsewhere };
        continue;
      }
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const args = copyArgs(ins);
      if (args.length < 2) continue;
      const destRaw = stripQuotes(args[args.length - 1].value);
      if (destRaw.includes('$') || destRaw.includes('\\') || (!destRaw.startsWith('/') && cwd === null)) return { maybe: true, elsewhere };
      const dest = resolvePath(cwd ?? '/', destRaw);
      const intoDir = destRaw.endsWith('/') || args.length > 2;
      const opaque = ins.flag('from') || ins.flag('parents') || ins.heredocs().length > 0;
      for (const word of args.slice(0, -1)) {
        const rel = opaque ? null : sourcePath(ins, word.value);
        if (rel === null) {
          // Another stage or image, a URL, a heredoc, a variable: it may bring anything under its destination.
          if (under(target, dest)) return { maybe: true, elsewhere };
          continue;
        }
        const matches = hasGlob(rel) ? view.glob(rel) : [rel];
        if (matches === null) {
          if (under(target, dest)) return { maybe: true, elsewhere };
          continue;
        }
        for (const m of matches) {
          const kind = view.kind(m);
          if (target === dest) return { maybe: true, elsewhere };
          if (kind === 'dir') {
            // Its content lands in dest: the file is there when the folder has it at the same place.
            if (under(target, dest) && view.kind(joinRel(m, target.slice(dest === '/' ? 1 : dest.length + 1))) !== null) return { maybe: true, elsewhere };
            // It may hold a file of the script's name, which lands elsewhere.
            if (view.kind(joinRel(m, name)) === 'file') elsewhere.push({ path: resolvePath(dest, name), line: ins.startLine + 1 });
            continue;
          }
          if (kind === null) {
            // Absent from the context (DG120 says so): the build stops before the container ever runs.
            if (under(target, dest)) return { maybe: true, elsewhere };
            continue;
          }
          // A file lands at dest, or inside it when dest is a folder.
          const inside = resolvePath(dest, baseName(m));
          if (inside === target) return { maybe: true, elsewhere };
          // ADD unpacks a local archive into dest.
          if (ins.keyword === 'ADD' && /\.(?:tar|tgz|tbz2?|txz|tar\.(?:gz|bz2|xz|zst)|tzst)$/i.test(m) && under(target, dest)) return { maybe: true, elsewhere };
          if (baseName(m) !== name) continue;
          // Where it is, when that can be told: into a folder (`dest/`, several sources), under its own name, or into
          // a folder that exists for sure (one of the bare base image's, or made by a WORKDIR or an earlier COPY).
          const at = intoDir || folders.has(dest) ? inside : baseName(dest) === name ? dest : null;
          elsewhere.push({ path: at ?? '', line: ins.startLine + 1 });
        }
      }
      if (intoDir) folders.add(dest);
    }
  }
  return { maybe: false, elsewhere };
}

/**
 * Whether a RUN may leave a file at `target`: it names a path to it (or one it cannot resolve: a variable, a glob,
 * a relative path in an unknown folder), copies or links something into its folder, unpacks or fetches into that
 * folder or one above it, or runs a script (which may write anything). A RUN that is not POSIX shell counts when
 * its text names the file at all.
 */
function runMayCreate(doc: ParsedDocument, shell: InstrShell | undefined, ins: Instr, cwd: string | null, target: string): boolean {
  const name = baseName(target);
  const dir = target.slice(0, target.length - name.length - 1) || '/';
  if (!shell) return doc.getText(ins.range).includes(name);
  const resolve = (v: string): string | null => (v.startsWith('/') ? resolvePath('/', v) : cwd === null ? null : resolvePath(cwd, v));
  const unsure = (v: string) => v.includes('$') || v.includes('`') || hasGlob(v);
  for (const c of shell.all) {
    const words = [...c.words, ...c.redirects.map((r) => r.target).filter((w): w is NonNullable<typeof w> => w !== null)];
    for (const w of words) {
      if (!w.value.includes(name)) continue;
      const at = unsure(w.value) ? null : resolve(w.value);
      if (at === null || at === target) return true;
    }
    const cmd = baseName(c.name);
    if (INTERPRETERS.has(cmd) && !c.words.slice(1).some((w) => /^-[a-z]*c/.test(w.value))) {
      if (c.words.slice(1).some((w) => !w.value.startsWith('-'))) return true;
    }
    if (c.name.includes('/') || /\.(?:sh|bash|py|pl|rb|php|js)$/.test(c.name)) return true;
    const operands = c.words.slice(1).map((w) => w.value).filter((v) => !v.startsWith('-'));
    if (COPIERS.has(cmd) && operands.length >= 1) {
      const last = operands[operands.length - 1];
      const at = unsure(last) ? null : resolve(last);
      if (at === null || at === dir || at === target) return true;
    }
    if (SCRIPT_RUNNERS.has(cmd)) return true;
    const args = c.words.slice(1).map((w) => w.value);
    if (UNPACKERS.has(cmd)) {
      // Where it unpacks: the folder given with -C/--directory (tar), -d (unzip), -o (7z), else where it runs.
      let into: string | null | undefined;
      for (let k = 0; k < args.length; k++) {
        const m = /^(?:-C|--directory|-d)(?:=?(.+))?$/.exec(args[k]) ?? (cmd.startsWith('7z') ? /^-o(.+)$/.exec(args[k]) : null);
        if (m) into = m[1] ?? args[k + 1] ?? null;
      }
      const place = into === undefined ? cwd : into === null || unsure(into) ? null : resolve(into);
      if (place === null || under(dir, place)) return true;
    }
    if (FETCHERS.has(cmd)) {
      // Only a folder it is told to fill can be the script's folder (`git clone URL .`, `git clone URL /app`).
      if (operands.some((v) => !v.includes('://') && !v.includes('@') && (unsure(v) || (resolve(v) ?? dir) === dir))) return true;
    }
  }
  return false;
}

/** The words of a COPY/ADD, without the bodies of its heredocs (`COPY <<EOF /start.sh` and the lines after it). */
function copyArgs(ins: Instr): Span[] {
  const json = ins.jsonStrings();
  if (json) return json;
  const heredocs = ins.heredocs();
  if (heredocs.length === 0) return ins.args();
  const bodyLine = ins.startLine + 1;
  return ins.args().filter((a) => a.range.start.line < bodyLine);
}

function joinRel(dir: string, rest: string): string {
  return dir === '' ? rest : `${dir}/${rest}`;
}

/**
 * A context file of the script's name that no COPY takes: at the context's root, or in a folder that a COPY
 * source of the chain names (`srcs/nginx.conf` → `srcs/`), or in a copied folder's subfolders one level down.
 */
function contextFileNamed(view: ContextView, chain: Stage[], name: string): string | null {
  const dirs = new Set<string>(['']);
  for (const s of chain) {
    for (const ins of s.instructions) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flag('from')) continue;
      const args = copyArgs(ins);
      for (const word of args.slice(0, -1)) {
        const rel = sourcePath(ins, word.value);
        if (rel === null || hasGlob(rel)) continue;
        if (view.kind(rel) === 'dir') dirs.add(rel);
        const k = rel.lastIndexOf('/');
        if (k > 0) dirs.add(rel.slice(0, k));
      }
    }
  }
  for (const d of [...dirs].slice(0, 50)) {
    for (const e of view.list(d) ?? []) {
      const p = d === '' ? e.name : `${d}/${e.name}`;
      if (!e.dir && e.name === name) return p;
    }
  }
  return null;
}

/** A compose file beside the Dockerfile names the script: it may be mounted into the container at run time. */
function mountedByCompose(ctx: RuleContext, name: string): boolean {
  if (!ctx.readContextFile) return false;
  return COMPOSE_FILES.some((f) => ctx.readContextFile!(f)?.includes(name) ?? false);
}
