// Tag: add a `repo:tag` to an image.
import * as vscode from 'vscode';
import { isValidReference, tagImage } from '../../docker/actions';
import { fillMsg } from '../../../../common/src/i18n';
import { clientsOrWarn, COULD_NOT, reportError, requireTrust } from '../../session/dockerSession';
import { targetImages, type SidebarContext } from '../context';

export function registerTagImage(ctx: SidebarContext): vscode.Disposable {
  return vscode.commands.registerCommand('dockerfileGuide.docker.image.tag', async (node?: unknown) => {
    if (!requireTrust(ctx, 'dockerfileGuide.docker.image.tag')) return;
    const [img] = await targetImages(ctx, node, undefined, false);
    if (!img) return;
    const ref = await vscode.window.showInputBox({
      title: vscode.l10n.t('Tag {0}', img.ref),
      prompt: vscode.l10n.t('New name as repository:tag (lowercase, e.g. myname/ft_server:1.0)'),
      value: img.dangling ? '' : img.ref,
      validateInput: (v) =>
        isValidReference(v.trim()) ? undefined : vscode.l10n.t('Not a valid image name: use lowercase letters, digits, and . _ - / with an optional :tag'),
    });
    if (!ref) return;
    const clients = clientsOrWarn(ctx);
    if (!clients) return;
    try {
      await tagImage(clients, img.imageId, ref.trim());
    } catch (err) {
      await reportError(ctx, fillMsg(COULD_NOT.tag, img.ref), err);
    }
  });
}
