/**
 * `dockerfile-guide new-stack DIR [--debian bookworm|buster] [--lang ko|en] [--site NAME]
 *                              [--source debian|upstream] [--no-phpmyadmin] [--force]`
 * Writes the web-stack scaffold into DIR. Existing files are never overwritten unless --force:
 * they are listed and the exit code is 2 (nothing is written then). Bad arguments or a folder that cannot be
 * written also exit with 2, like `check`'s usage errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { msg, fillMsg, line, resolveOneLang, type Msg } from '../../../common/src/i18n';
import { isDebianRelease } from '../../../common/src/scaffold/releases';
import { defaultSource, generateStack, isValidSiteName, type AppSource, type CommentLang, type StackOptions } from '../../../common/src/scaffold/stack';

export const NEW_STACK_USAGE: Msg = msg(
  '사용법: dockerfile-guide new-stack 폴더 [--debian bookworm|buster] [--lang ko|en] [--site 이름] [--source debian|upstream] [--no-phpmyadmin] [--force]',
  'usage: dockerfile-guide new-stack DIR [--debian bookworm|buster] [--lang ko|en] [--site NAME] [--source debian|upstream] [--no-phpmyadmin] [--force]',
);

export interface NewStackArgs {
  dir: string;
  options: StackOptions;
  force: boolean;
}

function envLang(): CommentLang {
  return resolveOneLang(process.env.DOCKERFILE_GUIDE_LANG || 'auto', process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '');
}

/** Parses the arguments after `new-stack`. Returns a Msg on error. */
export function parseNewStackArgs(argv: readonly string[]): NewStackArgs | { error: Msg; lang: CommentLang } {
  let dir: string | undefined;
  let debian = 'bookworm';
  let lang: string = envLang();
  let site = 'localhost';
  let source: string | undefined;
  let phpMyAdmin = true;
  let force = false;
  const err = (ko: string, en: string) => ({ error: msg(ko, en), lang: (lang === 'ko' ? 'ko' : 'en') as CommentLang });
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const takeValue = (): string | undefined => (a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : argv[++i]);
    switch (name) {
      case '--debian': {
        const v = takeValue();
        if (v === undefined) return err('--debian 뒤에 값이 없습니다', '--debian needs a value');
        debian = v;
        break;
      }
      case '--lang': {
        const v = takeValue();
        if (v === undefined) return err('--lang 뒤에 값이 없습니다', '--lang needs a value');
        lang = v;
        break;
      }
      case '--site': {
        const v = takeValue();
        if (v === undefined) return err('--site 뒤에 값이 없습니다', '--site needs a value');
        site = v;
        break;
      }
      case '--source': {
        const v = takeValue();
        if (v === undefined) return err('--source 뒤에 값이 없습니다', '--source needs a value');
        source = v;
        break;
      }
      case '--no-phpmyadmin':
        phpMyAdmin = false;
        break;
      case '--phpmyadmin':
        phpMyAdmin = true;
        break;
      case '--force':
        force = true;
        break;
      default:
        if (a.startsWith('-')) return err(`알 수 없는 옵션입니다: ${a}`, `unknown option: ${a}`);
        if (dir !== undefined) return err(`폴더는 하나만 줄 수 있습니다: ${a}`, `only one folder may be given: ${a}`);
        dir = a;
    }
  }
  if (lang !== 'ko' && lang !== 'en') return err(`--lang은 ko 또는 en이어야 합니다: ${lang}`, `--lang must be ko or en: ${lang}`);
  if (dir === undefined) return err('폴더를 지정하세요', 'give a folder');
  if (!isDebianRelease(debian)) return err(`--debian은 bookworm 또는 buster여야 합니다: ${debian}`, `--debian must be bookworm or buster: ${debian}`);
  if (source !== undefined && source !== 'debian' && source !== 'upstream')
    return err(`--source는 debian 또는 upstream이어야 합니다: ${source}`, `--source must be debian or upstream: ${source}`);
  if (!isValidSiteName(site))
    return err(`--site는 호스트 이름이어야 합니다(영문 소문자, 숫자, -, .): ${site}`, `--site must be a host name (lowercase letters, digits, -, .): ${site}`);
  return {
    dir,
    force,
    options: {
      debian,
      lang,
      siteName: site,
      phpMyAdmin,
      source: (source as AppSource | undefined) ?? defaultSource(debian),
    },
  };
}

export interface WriteResult {
  written: string[];
  /** Files that already existed and were left alone (only without force). */
  existing: string[];
}

/** Writes the scaffold; with force=false and any target present, writes nothing and reports the existing files. */
export function writeStack(dir: string, options: StackOptions, force: boolean): WriteResult {
  const files = generateStack(options);
  const existing = files.filter((f) => fs.existsSync(path.join(dir, f.path))).map((f) => f.path);
  if (existing.length && !force) return { written: [], existing };
  for (const f of files) {
    const p = path.join(dir, f.path);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.content, { mode: f.mode });
    fs.chmodSync(p, f.mode); // writeFileSync's mode applies only to new files
  }
  return { written: files.map((f) => f.path), existing: [] };
}

export async function runNewStack(
  argv: string[],
  out: (s: string) => void = (s) => process.stdout.write(s),
  errOut: (s: string) => void = (s) => process.stderr.write(s),
): Promise<number> {
  const parsed = parseNewStackArgs(argv);
  if ('error' in parsed) {
    errOut(`${line(parsed.error, parsed.lang)}\n${line(NEW_STACK_USAGE, parsed.lang)}\n`);
    return 2;
  }
  const { dir, options, force } = parsed;
  const lang = options.lang;
  let res: WriteResult;
  try {
    res = writeStack(dir, options, force);
  } catch (e) {
    errOut(`${line(fillMsg(msg('쓰지 못했습니다: {0}', 'could not write: {0}'), (e as Error).message), lang)}\n`);
    return 2;
  }
  if (res.existing.length) {
    errOut(
      `${line(msg('이미 있는 파일은 덮어쓰지 않습니다(--force로 덮어씁니다). 아무것도 쓰지 않았습니다:', 'Existing files are not overwritten (use --force). Nothing was written:'), lang)}\n` +
        res.existing.map((p) => `  ${path.join(dir, p)}\n`).join(''),
    );
    return 2;
  }
  out(
    `${line(fillMsg(msg('{0}에 웹 스택을 만들었습니다 (Debian {1}, {2}):', 'Created the web stack in {0} (Debian {1}, {2}):'), dir, options.debian, options.source), lang)}\n` +
      res.written.map((p) => `  ${p}\n`).join('') +
      `${line(msg('다음: docker build -t web-stack . && docker run -d -p 443:443 -p 80:80 web-stack', 'Next: docker build -t web-stack . && docker run -d -p 443:443 -p 80:80 web-stack'), lang)}\n`,
  );
  return 0;
}
