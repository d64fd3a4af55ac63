// The Containers view's filter from its title bar: type part of a name or an image; the clear button (shown only
// while a filter is on) brings every container back.
import * as vscode from 'vscode';
import type { SidebarContext } from '../context';

export function registerContainerFilter(ctx: SidebarContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dockerfileGuide.docker.container.filter', async (text?: unknown) => {
      // A string argument (tests, keybindings) sets the filter without asking.
      const value =
        typeof text === 'string'
          ? text
          : await vscode.window.showInputBox({
              title: vscode.l10n.t('Filter containers'),
              prompt: vscode.l10n.t('Part of a container name or image; empty shows all containers'),
              value: ctx.containers.filter ?? '',
            });
      if (value === undefined) return;
      ctx.setContainerFilter(value);
    }),
    vscode.commands.registerCommand('dockerfileGuide.docker.container.clearFilter', () => ctx.setContainerFilter(undefined)),
  ];
}
