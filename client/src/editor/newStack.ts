/**
 * "Dockerfile Guide: New web stack project": asks the Debian release, the site name, phpMyAdmin and where WordPress
 * and phpMyAdmin come from, then writes the scaffold (common/src/scaffold) into a folder. Existing files are only
 * overwritten after the user says so.
 */
import * as vscode from 'vscode';
import { chmod } from 'node:fs/promises';
import { defaultSource, generateStack, isValidSiteName, type AppSource } from '../../../common/src/scaffold/stack';
import { RELEASES, type DebianRelease } from '../../../common/src/scaffold/releases';
import { DEFAULT_STACK_FOLDER, resolveTargetFolder } from '../../../common/src/scaffold/targetFolder';
import { pick as pickLang } from '../../../common/src/i18n';
import { uiOneLang } from '../language';

export const NEW_STACK_COMMAND = 'dockerfileGuide.newStack';

interface Pick<T> extends vscode.QuickPickItem {
  value: T;
}

async function pick<T>(items: Pick<T>[], title: string, placeHolder: string): Promise<T | undefined> {
  const r = await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true });
  return r?.value;
}

export async function newStack(target?: vscode.Uri): Promise<vscode.Uri[] | undefined> {
  const title = vscode.l10n.t('New web stack project');
  const debian = await pick<DebianRelease>(
    [
      {
        label: 'bookworm',
        description: vscode.l10n.t('Debian {0}, PHP {1} (current stable)', RELEASES.bookworm.number, RELEASES.bookworm.php),
        value: 'bookworm',
      },
      {
        label: 'buster',
        description: vscode.l10n.t('Debian {0}, PHP {1} (what the assignment asks; archived)', RELEASES.buster.number, RELEASES.buster.php),
        value: 'buster',
      },
    ],
    title,
    vscode.l10n.t('Debian release for the image'),
  );
  if (!debian) return undefined;

  const siteName = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Site name (server_name and certificate CN)'),
    value: 'localhost',
    ignoreFocusOut: true,
    validateInput: (v) => (isValidSiteName(v) ? undefined : vscode.l10n.t('Use a host name: lowercase letters, digits, "-" and "."')),
  });
  if (siteName === undefined) return undefined;

  const phpMyAdmin = await pick<boolean>(
    [
      { label: vscode.l10n.t('Include phpMyAdmin'), value: true },
      { label: vscode.l10n.t('Without phpMyAdmin'), value: false },
    ],
    title,
    vscode.l10n.t('phpMyAdmin'),
  );
  if (phpMyAdmin === undefined) return undefined;

  const preferred = defaultSource(debian);
  const sources: Pick<AppSource>[] = [
    {
      label: vscode.l10n.t('Debian packages'),
      description: vscode.l10n.t('apt verifies the signatures; works offline from a Debian mirror'),
      detail: RELEASES[debian].hasPhpMyAdminPackage ? undefined : vscode.l10n.t('{0} has no phpmyadmin package: phpMyAdmin is downloaded with a checksum check.', debian),
      value: 'debian',
    },
    {
      label: vscode.l10n.t('Upstream downloads with checksum'),
      description: vscode.l10n.t('wordpress.org and phpmyadmin.net, verified with sha1sum/sha256sum in a separate build stage'),
      value: 'upstream',
    },
  ];
  if (preferred === 'upstream') sources.reverse();
  const source = await pick<AppSource>(sources, title, vscode.l10n.t('Where WordPress and phpMyAdmin come from'));
  if (!source) return undefined;

  const folder = target ?? (await askFolder(title));
  if (!folder) return undefined;
  try {
    // A folder that does not exist yet is created (with its parents); an existing one is left as is.
    await vscode.workspace.fs.createDirectory(folder);
  } catch (e) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not create the folder {0}: {1}', folder.fsPath, e instanceof Error ? e.message : String(e)),
    );
    return undefined;
  }

  const files = generateStack({ debian, siteName, phpMyAdmin, source, lang: uiOneLang() });
  const existing: string[] = [];
  for (const f of files) {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, f.path));
      existing.push(f.path);
    } catch {
      // not there: fine
    }
  }
  if (existing.length) {
    const overwrite = vscode.l10n.t('Overwrite');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('These files already exist in {0}. Overwrite them?', folder.fsPath),
      { modal: true, detail: existing.join('\n') },
      overwrite,
    );
    if (answer !== overwrite) return undefined;
  }

  const written: vscode.Uri[] = [];
  for (const f of files) {
    const uri = vscode.Uri.joinPath(folder, f.path);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(f.content, 'utf8'));
    if (uri.scheme === 'file') await chmod(uri.fsPath, f.mode).catch(() => undefined);
    written.push(uri);
  }
  await vscode.window.showTextDocument(written[0]);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Web stack created in {0}. Build it with: docker build -t web-stack .', folder.fsPath),
  );
  return written;
}

/**
 * Asks for the target folder as a path (relative to the workspace folder, or absolute) instead of the
 * folder picker, which only accepts folders that already exist. A path to a file is refused.
 */
async function askFolder(title: string): Promise<vscode.Uri | undefined> {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  const basePath = base?.scheme === 'file' ? base.fsPath : undefined;
  const typed = await vscode.window.showInputBox({
    title,
    prompt: basePath
      ? vscode.l10n.t('Folder for the web stack, relative to {0} or absolute. A new folder is created.', basePath)
      : vscode.l10n.t('Folder for the web stack (an absolute path). A new folder is created.'),
    value: basePath ? DEFAULT_STACK_FOLDER : '',
    ignoreFocusOut: true,
    validateInput: async (v) => {
      const r = resolveTargetFolder(v, basePath);
      if (!r.ok) return pickLang(r.reason, uiOneLang());
      try {
        const st = await vscode.workspace.fs.stat(vscode.Uri.file(r.path));
        if (!(st.type & vscode.FileType.Directory)) return vscode.l10n.t('{0} is a file, not a folder.', r.path);
      } catch {
        // does not exist yet: it will be created
      }
      return undefined;
    },
  });
  if (typed === undefined) return undefined;
  const r = resolveTargetFolder(typed, basePath);
  return r.ok ? vscode.Uri.file(r.path) : undefined;
}

export function registerNewStackCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(NEW_STACK_COMMAND, (uri?: vscode.Uri) => newStack(uri)));
}
