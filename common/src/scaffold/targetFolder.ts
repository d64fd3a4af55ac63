/**
 * Where the new-stack wizard writes: the folder the user typed, resolved against the workspace folder.
 * The folder may not exist yet (the wizard creates it): VS Code's folder picker only accepts existing
 * folders, and in code-server it answers a new path with "The path does not exist" (issue 18, item 4).
 */
import * as path from 'node:path';
import { msg, type Msg } from '../i18n';

export type TargetFolder = { ok: true; path: string } | { ok: false; reason: Msg };

/** The folder the wizard suggests: a new `web-stack` folder next to whatever the workspace holds. */
export const DEFAULT_STACK_FOLDER = 'web-stack';

/**
 * Resolves `typed` (relative to `base`, or absolute). `~` is not expanded by any shell here, so it is
 * refused with a hint rather than creating a folder literally named `~`.
 */
export function resolveTargetFolder(typed: string, base: string | undefined): TargetFolder {
  const t = typed.trim();
  if (!t) return { ok: false, reason: msg('폴더 경로를 입력하세요.', 'Type a folder path.') };
  if (t === '~' || t.startsWith('~/')) {
    return { ok: false, reason: msg('여기서는 ~ 기호를 홈 디렉터리로 바꾸지 않습니다. 절대 경로를 입력하세요.', 'Here ~ is not replaced with the home directory: type an absolute path.') };
  }
  if (/[\0]/.test(t)) return { ok: false, reason: msg('경로에 쓸 수 없는 문자가 있습니다.', 'The path contains a character that cannot be used.') };
  if (path.isAbsolute(t)) return { ok: true, path: path.normalize(t) };
  if (!base) {
    return { ok: false, reason: msg('열린 작업 영역이 없습니다. 절대 경로를 입력하세요.', 'No workspace folder is open: type an absolute path.') };
  }
  return { ok: true, path: path.resolve(base, t) };
}
