// The few vscode APIs the images view's layer controller (client/src/sidebar/imageLayers.ts) and BuiltImages use,
// for running them in plain node against the real engine: an event emitter, the view progress (runs the task and
// records that it ran), and no open documents. Installed by useVscodeStandIn() before those modules load.
import Module from 'node:module';
// One event emitter for both stand-ins (vscodeFake.ts is the editor annotations' fuller one).
import { commands, EventEmitter } from './vscodeFake';

export const progressCalls: Array<{ viewId?: string }> = [];


export const standIn = {
  EventEmitter,
  // The layer controller marks the walkthrough's "layers" milestone (setContext).
  commands,
  window: {
    withProgress<R>(opts: { location: { viewId?: string } }, task: () => Promise<R>): Promise<R> {
      progressCalls.push({ viewId: opts.location.viewId });
      return task();
    },
  },
  workspace: { textDocuments: [] as unknown[] },
};

export function useVscodeStandIn(): void {
  const m = Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown };
  const load = m._load;
  m._load = function (req: string, ...rest: unknown[]) {
    return req === 'vscode' ? standIn : load.call(this, req, ...rest);
  };
}
