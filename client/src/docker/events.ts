// The engine's /events stream: which events we ask for, how the newline-delimited JSON is cut into
// messages, and which view each message makes stale.

export type ViewKind = 'containers' | 'images';

export const CONTAINER_EVENTS = [
  'create',
  'start',
  'die',
  'stop',
  'kill',
  'pause',
  'unpause',
  'rename',
  'destroy',
  'restart',
  // The engine fuzzy-matches this one ("health_status: healthy"); exec_* from health checks stay out,
  // which is what keeps an idle engine with health-checked containers from waking us every few seconds.
  'health_status',
] as const;

export const IMAGE_EVENTS = ['pull', 'tag', 'untag', 'delete', 'import', 'load'] as const;

/** Server-side filter so the stream carries only what changes a view. */
export function eventFilters(): Record<string, string[]> {
  return {
    type: ['container', 'image'],
    event: [...new Set<string>([...CONTAINER_EVENTS, ...IMAGE_EVENTS])],
  };
}

export interface EngineEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

/** Which view an event makes stale (undefined: none). */
export function viewForEvent(ev: EngineEvent): ViewKind | undefined {
  const action = (ev.Action ?? ev.status ?? '').split(':')[0].trim();
  if (ev.Type === 'container') return (CONTAINER_EVENTS as readonly string[]).includes(action) ? 'containers' : undefined;
  if (ev.Type === 'image') return (IMAGE_EVENTS as readonly string[]).includes(action) ? 'images' : undefined;
  return undefined;
}
