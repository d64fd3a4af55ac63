// The engine's /events stream: which events we ask for, how the newline-delimited JSON is cut into
// messages, and which view each message makes stale.

export type ViewKind = 'containers' | 'images' | 'networks' | 'volumes';

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

/**
 * The network events of a 20.10 engine: create and destroy change the list; connect and disconnect change which
 * containers a network has (the engine sends no container event for `docker network connect`).
 */
export const NETWORK_EVENTS = ['create', 'destroy', 'connect', 'disconnect'] as const;

/**
 * The volume events that change the list. The engine also sends mount/unmount on every container start and stop;
 * they change neither the volumes nor which containers refer to one (a container's mounts are fixed at create,
 * and the container's own start/die events re-list the containers), so they stay out of the stream.
 */
export const VOLUME_EVENTS = ['create', 'destroy'] as const;

/** Server-side filter so the stream carries only what changes a view. */
export function eventFilters(): Record<string, string[]> {
  return {
    type: ['container', 'image', 'network', 'volume'],
    event: [...new Set<string>([...CONTAINER_EVENTS, ...IMAGE_EVENTS, ...NETWORK_EVENTS, ...VOLUME_EVENTS])],
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
  if (ev.Type === 'network') return (NETWORK_EVENTS as readonly string[]).includes(action) ? 'networks' : undefined;
  if (ev.Type === 'volume') return (VOLUME_EVENTS as readonly string[]).includes(action) ? 'volumes' : undefined;
  return undefined;
}

/**
 * The container a network connect/disconnect names (Actor.Attributes.container): its list entry carries the
 * networks it is on, so it is re-listed too.
 */
export function containerOfNetworkEvent(ev: EngineEvent): string | undefined {
  if (ev.Type !== 'network') return undefined;
  const action = ev.Action ?? ev.status ?? '';
  return action === 'connect' || action === 'disconnect' ? ev.Actor?.Attributes?.container : undefined;
}
