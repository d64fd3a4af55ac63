// The language of everything the extension says itself (the language server, the Docker sidebar, notifications,
// scaffold comments): the `dockerfileGuide.language` setting with `auto` resolved against VS Code's display
// language, by the same rule as the server and the CLI (common/src/i18n.ts).
import * as vscode from 'vscode';
import { resolveLang, resolveOneLang, type Lang, type OneLang } from '../../common/src/i18n';

function setting(): string {
  return vscode.workspace.getConfiguration('dockerfileGuide').get<string>('language', 'auto');
}

/** `ko`, `en` or `both`. */
export function uiLang(): Lang {
  return resolveLang(setting(), vscode.env.language);
}

/** For text that exists in one language only: `both` counts as `auto`. */
export function uiOneLang(): OneLang {
  return resolveOneLang(setting(), vscode.env.language);
}
