// Networks and volumes over the Engine API: inspect, remove one, and "remove the unused ones". Like the dangling
// images (prune.ts), the unused ones are removed one by one from the list the user was shown, never by the
// engine's prune endpoints: those would also take whatever became unused after the question, and on a 20.10
// engine (API < 1.42) `POST /volumes/prune` removes every unused local volume, named ones included.
import type Dockerode from 'dockerode';
import { runEach, type ItemResult } from './bulk';
import type { EngineClients } from './connection';
import { classifyError } from '../../../common/src/engine/errors';

async function guard<T>(clients: EngineClients, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw classifyError(err, clients.where);
  }
}

export function inspectNetwork(clients: EngineClients, id: string): Promise<Dockerode.NetworkInspectInfo> {
  return guard(clients, () => clients.api.getNetwork(id).inspect());
}

export function inspectVolume(clients: EngineClients, name: string): Promise<Dockerode.VolumeInspectInfo> {
  return guard(clients, () => clients.api.getVolume(name).inspect());
}

export async function removeNetwork(clients: EngineClients, id: string): Promise<void> {
  await guard(clients, () => clients.api.getNetwork(id).remove());
}

/** Never forced: the engine keeps a volume a container refers to, and that refusal is the user's protection. */
export async function removeVolume(clients: EngineClients, name: string): Promise<void> {
  await guard(clients, () => clients.api.getVolume(name).remove());
}

export function removeNetworks<T extends { id: string }>(clients: EngineClients, list: readonly T[]): Promise<Array<ItemResult<T>>> {
  return runEach(list, (n) => removeNetwork(clients, n.id), { concurrency: 1, where: clients.where });
}

export function removeVolumes<T extends { name: string }>(clients: EngineClients, list: readonly T[]): Promise<Array<ItemResult<T>>> {
  return runEach(list, (v) => removeVolume(clients, v.name), { concurrency: 1, where: clients.where });
}
