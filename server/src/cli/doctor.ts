/**
 * `dockerfile-guide doctor DIR|DOCKERFILE [--tag T | --image T --no-build] [--watch SECONDS] [--lang ko|en|both]
 * [--format text|json]`: build the image, run it, watch it, explain an exit, time `docker stop`, and clean up
 * (common/src/doctor). JSON is the DoctorResult exactly (README, "Doctor"); with --no-build, `build` is null.
 * Exit codes: 0 every step and check passed, 1 something failed (or Ctrl-C), 2 bad usage or no engine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveTarget } from '../../../common/src/doctor/build';
import { allPassed, runDoctor } from '../../../common/src/doctor/doctor';
import { CALL_TIMEOUT_MS, CancelledError, deadline, doctorEngine, type DoctorEngine } from '../../../common/src/doctor/engine';
import type { DoctorResult } from '../../../common/src/doctor/types';
import { runWebChecks } from '../../../common/src/doctor/webChecks';
import { defaultEndpoint } from '../../../common/src/engine/inspect';
import { fillMsg, line, msg, type Lang } from '../../../common/src/i18n';
import { oneOf, parseArgs, UsageError, usageErrorExit } from './args';
import { CLI } from './messages';

export const DOCTOR_CLI_MSG = {
  noTarget: msg('점검할 폴더나 Dockerfile을 하나 지정해 주세요.', 'Give one folder or Dockerfile to check.'),
  tooMany: msg('폴더나 Dockerfile은 하나만 지정할 수 있습니다.', 'Give only one folder or Dockerfile.'),
  noBuildNeedsImage: msg('--no-build 옵션에는 실행할 이미지를 --image로 지정해야 합니다.', '--no-build needs the image to run, given with --image.'),
  tagAndImage: msg('--tag 옵션과 --image 옵션은 함께 쓸 수 없습니다.', '--tag and --image cannot be used together.'),
  badWatch: msg('--watch 옵션의 값은 1에서 600 사이의 초여야 합니다: {0}', '--watch takes seconds between 1 and 600: {0}'),
  noDockerfile: msg('Dockerfile을 찾을 수 없습니다: {0}', 'No Dockerfile found: {0}'),
  noEngine: msg(
    'Docker 엔진에 연결할 수 없습니다({0}). 엔진이 실행 중인지, DOCKER_HOST와 docker context 설정을 확인하세요.',
    'Cannot reach the Docker engine ({0}). Check that it runs, and DOCKER_HOST and the docker context.',
  ),
  cancelled: msg('취소했습니다. 만든 컨테이너는 지웠습니다.', 'Cancelled; the containers it made were removed.'),
  passed: msg('모든 점검을 통과했습니다.', 'Every check passed.'),
  failed: msg('통과하지 못한 점검이 있습니다.', 'Some checks failed.'),
};

export interface DoctorIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Docker's own rule for a repository name: lowercase letters, digits and separators. */
function defaultTag(contextDir: string): string {
  const name = path.basename(contextDir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return `dockerfile-guide-doctor:${name || 'latest'}`.slice(0, 128);
}

/** The engine DOCKER_HOST and the docker context name, answering a ping; null after saying why (exit code 2). */
export async function connectedEngine(io: DoctorIo, lang: Lang): Promise<DoctorEngine | null> {
  const ep = defaultEndpoint();
  const engine = ep ? await doctorEngine(ep) : null;
  try {
    if (!engine) throw new Error('no endpoint');
    await deadline(engine.api.ping(), Math.min(CALL_TIMEOUT_MS, 5000), 'ping');
    return engine;
  } catch (e) {
    io.err(line(fillMsg(DOCTOR_CLI_MSG.noEngine, engine?.where ?? (e as Error).message), lang));
    return null;
  }
}

export function doctorText(r: DoctorResult): string {
  const out: string[] = [];
  for (const c of r.checks) {
    out.push(`${c.ok ? '✔' : '✖'} ${c.title}: ${c.detail}`);
    if (c.file) out.push(`    ${c.file}${c.line ? `:${c.line}` : ''}`);
    for (const e of (c.evidence ?? []).slice(-10)) out.push(`    | ${e}`);
  }
  return out.join('\n');
}

export async function runDoctorCli(argv: string[], io: DoctorIo, defaultLang: Lang): Promise<number> {
  let lang: Lang = defaultLang;
  try {
    const args = parseArgs(argv, ['lang', 'format', 'tag', 'image', 'watch'], ['no-build']);
    lang = oneOf(args, 'lang', ['ko', 'en', 'both'], defaultLang) as Lang;
    const format = oneOf(args, 'format', ['text', 'json'], 'text');
    const tag = args.options.get('tag')?.at(-1);
    const image = args.options.get('image')?.at(-1);
    // --image names an image to run as it is: it implies --no-build.
    const noBuild = args.flags.has('no-build') || image !== undefined;
    if (tag && image) throw new UsageError(DOCTOR_CLI_MSG.tagAndImage);
    if (noBuild && !image) throw new UsageError(DOCTOR_CLI_MSG.noBuildNeedsImage);
    const watchText = args.options.get('watch')?.at(-1) ?? '10';
    const watch = Number(watchText);
    if (!/^\d+(\.\d+)?$/.test(watchText) || watch < 1 || watch > 600) throw new UsageError(fillMsg(DOCTOR_CLI_MSG.badWatch, watchText));
    if (args.positionals.length > 1) throw new UsageError(DOCTOR_CLI_MSG.tooMany);
    if (args.positionals.length === 0 && !noBuild) throw new UsageError(DOCTOR_CLI_MSG.noTarget);

    let target: { contextDir: string; dockerfile: string } | undefined;
    if (args.positionals.length) {
      const p = args.positionals[0];
      try {
        target = resolveTarget(p);
      } catch (e) {
        io.err(line(fillMsg(CLI.unreadable, p, (e as NodeJS.ErrnoException).code ?? String(e)), lang));
        return 2;
      }
      if (!fs.existsSync(target.dockerfile)) {
        if (!noBuild) {
          io.err(line(fillMsg(DOCTOR_CLI_MSG.noDockerfile, target.dockerfile), lang));
          return 2;
        }
        target = undefined;
      }
    }

    const engine = await connectedEngine(io, lang);
    if (!engine) return 2;

    // Ctrl-C cancels the run; the doctor removes what it made before it returns.
    const ac = new AbortController();
    const onSigint = () => ac.abort();
    process.once('SIGINT', onSigint);
    const showProgress = format === 'text' && process.stderr.isTTY;
    let result: DoctorResult;
    try {
      result = await runDoctor(engine, {
        lang,
        dockerfile: target?.dockerfile,
        contextDir: target?.contextDir,
        image: image ?? tag ?? (target ? defaultTag(target.contextDir) : undefined),
        build: !noBuild,
        watchSeconds: watch,
        signal: ac.signal,
        onProgress: showProgress ? (_step, title) => io.err(`… ${line(title, lang)}`) : undefined,
        // When nginx and php-fpm run in it: the checks a reviewer of the web stack makes.
        webChecks: runWebChecks,
      });
    } catch (e) {
      if (!(e instanceof CancelledError)) throw e;
      io.err(line(DOCTOR_CLI_MSG.cancelled, lang));
      return 1;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
    const ok = allPassed(result);
    if (format === 'json') {
      // DoctorResult; the bilingual titleMsg/detailMsg are the view's (title and detail carry the language asked).
      io.out(JSON.stringify(result, (k, v) => (k === 'titleMsg' || k === 'detailMsg' ? undefined : v), 2));
    } else {
      io.out(doctorText(result));
      io.out(line(ok ? DOCTOR_CLI_MSG.passed : DOCTOR_CLI_MSG.failed, lang));
    }
    return ok ? 0 : 1;
  } catch (e) {
    return usageErrorExit(e, (text) => io.err(text), lang);
  }
}
