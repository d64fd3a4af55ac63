/**
 * Why the cache broke: what a build was made of, kept per Dockerfile, and the first uncached step of the next build
 * explained against it.
 *
 * A fingerprint records, per instruction, what the builders' cache keys depend on and the editor can know:
 *   - its normalised text (continuations joined, blanks collapsed: a comment or re-wrapping changes nothing, as for
 *     the builders);
 *   - the ARG values in effect there (defaults, or the build args given);
 *   - for COPY/ADD from the build context: the SHA-256 of each source file's content and its permission bits, after
 *     .dockerignore.
 * Content and mode, not mtime: both builders key COPY/ADD on the files' content and header fields (name, mode, owner,
 * size …) but leave the modification time out (the classic builder's tarsum v1 header selection and BuildKit's
 * contenthash both skip mtime), so a file that was only touched keeps the cache, and a reason never says a file's
 * content changed when its bytes did not. test/doctor/cache.test.ts shows it for both builders.
 *
 * It is plain JSON (it is kept in the workspace state): paths, texts, 16-hex-digit hash prefixes and modes.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listContextFiles } from './buildContext';
import { instructions } from './dockerfileSteps';
import type { BuilderName, CacheBreak, StepOutcome } from './buildSteps';
import { fillMsg, type Msg } from '../i18n';

export interface InstructionPrint {
  /** 1-based line where it starts. */
  line: number;
  text: string;
  /** 0-based stage; -1 for the ARGs before the first FROM. */
  stage: number;
  /** ARG name → value in effect at this instruction (only ARGs that have a value). */
  args?: Record<string, string>;
  /** COPY/ADD from the context: source file (context-relative, posix) → `<content hash prefix> <permission bits, octal>`. */
  files?: Record<string, string>;
  /** Hashing stopped at the cap before all of this instruction's sources were read (see HASH_LIMITS). */
  partial?: true;
}

export interface BuildFingerprint {
  v: 1;
  builder: BuilderName;
  instructions: InstructionPrint[];
}

/**
 * How much of the context one fingerprint reads. Past either limit no more files are hashed: the instructions whose
 * sources were not all read are marked `partial`, their unread files are not recorded, and a break at such a COPY is
 * explained only by files known on both sides (or said to be unknown), never by a guess.
 */
export const HASH_LIMITS = { files: 20_000, bytes: 512 * 1024 * 1024 };

export interface FingerprintInput {
  dockerfileText: string;
  contextDir: string;
  builder: BuilderName;
  /** `--build-arg` values (the extension's builds give none today). */
  buildArgs?: Record<string, string>;
  limits?: { files: number; bytes: number };
}

/** `ARG A=1 B` → [['A', '1'], ['B', undefined]]. */
function argDecls(text: string): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  for (const w of text.replace(/^ARG\s+/i, '').match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []) {
    const eq = w.indexOf('=');
    if (eq < 0) out.push([w, undefined]);
    else out.push([w.slice(0, eq), w.slice(eq + 1).replace(/^"(.*)"$/s, '$1').replace(/^'(.*)'$/s, '$1')]);
  }
  return out;
}

/** The words of a COPY/ADD: JSON form or shell-like words. */
function copyWords(text: string): string[] {
  const rest = text.replace(/^\S+\s*/, '');
  const flags = rest.match(/^(?:--\S+\s+)*/)?.[0] ?? '';
  const body = rest.slice(flags.length).trim();
  const flagWords = flags.split(/\s+/).filter(Boolean);
  if (body.startsWith('[')) {
    try {
      const arr = JSON.parse(body) as unknown;
      if (Array.isArray(arr) && arr.every((x) => typeof x === 'string')) return [...flagWords, ...(arr as string[])];
    } catch {
      // Not JSON after all: read as words.
    }
  }
  return [...flagWords, ...(body.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []).map((w) => w.replace(/^"(.*)"$/s, '$1'))];
}

function expand(word: string, args: Record<string, string>): string {
  return word.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string, b: string) => args[a ?? b] ?? '');
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        const cls = glob.slice(i + 1, close);
        re += '[' + (cls.startsWith('^') || cls.startsWith('!') ? '^' + cls.slice(1) : cls).replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The context files a COPY/ADD source names: the file, everything under the folder, or the glob's matches. */
function filesOf(source: string, all: string[]): string[] {
  const norm = path.posix.normalize(source.replace(/^\/+/, '')).replace(/\/+$/, '');
  if (norm === '.' || norm === '') return all;
  const re = /[*?[]/.test(norm) ? globToRegExp(norm) : null;
  return all.filter((f) => {
    const parts = f.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (re ? re.test(prefix) : prefix === norm) return true;
    }
    return false;
  });
}

async function hashFile(abs: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(abs)) h.update(chunk as Buffer);
  return h.digest('hex').slice(0, 16);
}

export async function fingerprintBuild(o: FingerprintInput): Promise<BuildFingerprint> {
  const limits = o.limits ?? HASH_LIMITS;
  const given = o.buildArgs ?? {};
  const out: InstructionPrint[] = [];
  const globalArgs: Record<string, string> = {};
  let stageArgs: Record<string, string> = {};
  let stage = -1;
  let contextFiles: string[] | null = null;
  const hashes = new Map<string, string>();
  let hashedFiles = 0;
  let hashedBytes = 0;
  for (const ins of instructions(o.dockerfileText)) {
    const p: InstructionPrint = { line: ins.line + 1, text: ins.text, stage };
    if (ins.keyword === 'FROM') {
      stage++;
      p.stage = stage;
      stageArgs = {};
      // Only the global ARGs this FROM line names: the others do not reach its stage.
      const used = Object.entries(globalArgs).filter(([n]) => new RegExp(`\\$(\\{${n}[}:]|${n}\\b)`).test(ins.text));
      if (used.length) p.args = Object.fromEntries(used);
    } else if (ins.keyword === 'ARG') {
      for (const [name, def] of argDecls(ins.text)) {
        // Before the first FROM an ARG is global (FROM lines only); in a stage a bare `ARG X` takes the global value.
        const value = given[name] ?? def ?? (stage >= 0 ? globalArgs[name] : undefined);
        if (value === undefined) continue;
        if (stage < 0) globalArgs[name] = value;
        else stageArgs[name] = value;
      }
      if (stage >= 0 && Object.keys(stageArgs).length) p.args = { ...stageArgs };
    } else if (Object.keys(stageArgs).length) p.args = { ...stageArgs };

    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      const words = copyWords(ins.text);
      const fromOther = words.some((w) => /^--from=/i.test(w));
      const plain = words.filter((w) => !w.startsWith('--'));
      const sources = plain.slice(0, -1).filter((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s) && !/^git@/.test(s) && !s.startsWith('<<'));
      if (!fromOther && sources.length) {
        contextFiles ??= listContextFiles(o.contextDir).filter((f) => {
          try {
            return fs.lstatSync(path.join(o.contextDir, f)).isFile();
          } catch {
            return false;
          }
        });
        const files: Record<string, string> = {};
        const wanted = [...new Set(sources.flatMap((s) => filesOf(expand(s, stageArgs), contextFiles!)))].sort();
        for (const f of wanted) {
          const known = hashes.get(f);
          if (known) {
            files[f] = known;
            continue;
          }
          const abs = path.join(o.contextDir, f);
          let size: number;
          try {
            size = fs.statSync(abs).size;
          } catch {
            continue;
          }
          if (hashedFiles + 1 > limits.files || hashedBytes + size > limits.bytes) {
            p.partial = true;
            continue;
          }
          try {
            const h = `${await hashFile(abs)} ${(fs.statSync(abs).mode & 0o7777).toString(8)}`;
            hashes.set(f, h);
            files[f] = h;
            hashedFiles++;
            hashedBytes += size;
          } catch {
            // Unreadable now (removed while we read): not recorded, so never blamed.
          }
        }
        p.files = files;
      }
    }
    out.push(p);
  }
  return { v: 1, builder: o.builder, instructions: out };
}

export const CACHE_MSG = {
  edited: { ko: '지난 빌드 뒤에 이 줄이 수정되었습니다', en: 'This line was edited since the last build' },
  added: { ko: '이 줄은 지난 빌드 뒤에 추가되었습니다', en: 'This line is new since the last build' },
  aboveEdited: { ko: '위의 {0}번 줄이 지난 빌드 뒤에 수정되었습니다', en: 'Line {0} above was edited since the last build' },
  aboveAdded: { ko: '위의 {0}번 줄은 지난 빌드 뒤에 추가되었습니다', en: 'Line {0} above is new since the last build' },
  aboveRemoved: { ko: '지난 빌드 뒤에 위쪽의 명령 하나가 삭제되었습니다: {0}', en: 'An instruction above was removed since the last build: {0}' },
  arg: { ko: 'ARG {0}의 값이 바뀌었습니다: {1} → {2}', en: 'The value of ARG {0} changed: {1} → {2}' },
  unset: { ko: '(값 없음)', en: '(unset)' },
  files: { ko: '지난 빌드 뒤에 {0} 원본 파일이 바뀌었습니다: {1}', en: '{0} source files changed since the last build: {1}' },
  changed: { ko: '{0}(내용 변경)', en: '{0} (content changed)' },
  mode: { ko: '{0}(권한 변경)', en: '{0} (permissions changed)' },
  new: { ko: '{0}(새 파일)', en: '{0} (new)' },
  gone: { ko: '{0}(삭제됨)', en: '{0} (removed)' },
  partial: {
    ko: '빌드 컨텍스트가 커서 이 {0} 명령의 원본 파일을 모두 비교하지는 못했습니다. 그중 하나가 바뀌었을 수 있습니다',
    en: 'The build context is too big to compare every source file of this {0}; one of them may have changed',
  },
  otherBuilder: {
    ko: '지난 빌드는 {0}, 이번 빌드는 {1} 했습니다. 두 빌더는 캐시를 따로 두므로 이번 빌더의 지난 빌드와 무엇이 달라졌는지는 기록에 없습니다',
    en: 'The last build used {0} and this one {1}; the two builders keep separate caches, so what changed since this builder’s own last build is not on record',
  },
  unknown: {
    ko: '이 줄, 위쪽 줄, ARG 값, COPY/ADD 원본 파일은 지난 빌드와 같습니다. 빌더 캐시가 정리되었거나 베이스 이미지가 바뀌었을 수 있습니다',
    en: 'This line, the lines above it, the ARG values and the COPY/ADD sources are as in the last build; the builder’s cache may have been pruned, or the base image changed',
  },
} satisfies Record<string, Msg>;

const BUILDER_NAME: Record<BuilderName, Msg> = {
  // Korean: the name with its particle, since 로/으로 follows the last sound (빌더로, BuildKit으로).
  classic: { ko: '기존 빌더로', en: 'the classic builder' },
  buildkit: { ko: 'BuildKit으로', en: 'BuildKit' },
};

function joinMsgs(ms: Msg[]): Msg {
  return { ko: ms.map((m) => m.ko).join(', '), en: ms.map((m) => m.en).join(', ') };
}

/**
 * The first step of the build that did not come from the cache, and why, compared with the previous fingerprint of
 * the same Dockerfile. Null when every step came from the cache; a break with a null reason when there is no earlier
 * record. The steps after it in its stage ran as a consequence: each step's cache key includes its parent's, so a
 * miss changes every key below it (no field says so; it follows from `line`).
 */
export function explainCacheBreak(prev: BuildFingerprint | undefined, now: BuildFingerprint, steps: StepOutcome[]): CacheBreak | null {
  const first = [...steps].filter((s) => s.line !== null).sort((a, b) => a.line! - b.line!).find((s) => !s.cached);
  if (!first) return null;
  const line = first.line!;
  const brk: CacheBreak = { line, reason: null, files: [] };
  if (!prev) return brk;
  const k = now.instructions.findIndex((i) => i.line === line);
  if (k < 0) return brk;
  const cur = now.instructions[k];
  if (prev.builder !== now.builder) {
    brk.reason = fillMsg(CACHE_MSG.otherBuilder, BUILDER_NAME[prev.builder], BUILDER_NAME[now.builder]);
    return brk;
  }
  // The break's own stage, from its FROM down to the break, against the same stage of the last build.
  const nowPre = now.instructions.slice(0, k + 1).filter((i) => i.stage === cur.stage);
  const prevStage = prev.instructions.filter((i) => i.stage === cur.stage);
  let j = 0;
  while (j < nowPre.length && j < prevStage.length && nowPre[j].text === prevStage[j].text) j++;
  const self = nowPre.length - 1;
  if (j === self) {
    // The break line itself differs from the instruction at its place last time.
    const there = prevStage[j];
    if (!there) brk.reason = CACHE_MSG.added;
    else if (prevStage[j + 1]?.text === cur.text) brk.reason = fillMsg(CACHE_MSG.aboveRemoved, there.text);
    else if (now.instructions[k + 1]?.text === there.text) brk.reason = CACHE_MSG.added;
    else brk.reason = CACHE_MSG.edited;
    return brk;
  }
  // The same instruction last time: at its place when nothing above changed, else the next one with its text.
  const before = j === nowPre.length ? prevStage[self] : prevStage.slice(j).find((i) => i.text === cur.text);
  // ARG values in effect there (an edited `ARG X=…` line above is better said as the value that changed).
  // Global ARGs (before the first FROM) reach only FROM lines: one that changed there changed the stage's base.
  const fromWas = prevStage[0]?.text === nowPre[0]?.text ? (prevStage[0]?.args ?? {}) : {};
  const fromIs = prevStage[0]?.text === nowPre[0]?.text ? (nowPre[0]?.args ?? {}) : {};
  const was = { ...fromWas, ...(before?.args ?? {}) };
  const is = { ...fromIs, ...(cur.args ?? {}) };
  const changedArgs = before ? [...new Set([...Object.keys(was), ...Object.keys(is)])].filter((n) => was[n] !== is[n]).sort() : [];
  if (changedArgs.length) {
    brk.reason = joinMsgs(changedArgs.map((n) => fillMsg(CACHE_MSG.arg, n, was[n] ?? CACHE_MSG.unset, is[n] ?? CACHE_MSG.unset)));
    return brk;
  }
  if (j < self) {
    const nowAbove = nowPre[j];
    const prevAbove = prevStage[j];
    if (!prevAbove || nowPre[j + 1]?.text === prevAbove.text) brk.reason = fillMsg(CACHE_MSG.aboveAdded, nowAbove.line);
    else if (prevStage[j + 1]?.text === nowAbove.text) brk.reason = fillMsg(CACHE_MSG.aboveRemoved, prevAbove.text);
    else brk.reason = fillMsg(CACHE_MSG.aboveEdited, nowAbove.line);
    return brk;
  }
  if (cur.files && before?.files) {
    const a = before.files;
    const b = cur.files;
    const partial = !!(cur.partial || before.partial);
    const content = (v: string) => v.split(' ')[0];
    const changed = Object.keys(b).filter((f) => f in a && content(a[f]) !== content(b[f]));
    const modeOnly = Object.keys(b).filter((f) => f in a && content(a[f]) === content(b[f]) && a[f] !== b[f]);
    // A side that stopped at the cap does not know its missing files: only changes seen on both sides count then.
    const added = partial ? [] : Object.keys(b).filter((f) => !(f in a));
    const removed = partial ? [] : Object.keys(a).filter((f) => !(f in b));
    // `files` are the ones whose content changed (or that came or went); a chmod alone is said, not listed there.
    brk.files = [...changed, ...added, ...removed].sort();
    if (brk.files.length || modeOnly.length) {
      const keyword = cur.text.split(' ')[0];
      const parts = [
        ...changed.map((f) => fillMsg(CACHE_MSG.changed, f)),
        ...added.map((f) => fillMsg(CACHE_MSG.new, f)),
        ...removed.map((f) => fillMsg(CACHE_MSG.gone, f)),
        ...modeOnly.map((f) => fillMsg(CACHE_MSG.mode, f)),
      ];
      brk.reason = fillMsg(CACHE_MSG.files, keyword, joinMsgs(parts));
      return brk;
    }
    if (partial) {
      brk.reason = fillMsg(CACHE_MSG.partial, cur.text.split(' ')[0]);
      return brk;
    }
  }
  brk.reason = CACHE_MSG.unknown;
  return brk;
}
