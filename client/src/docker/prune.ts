// "Remove dangling images": exactly the images the user was shown and confirmed, removed one by one (never the
// engine's own prune, which would also take dangling images that appeared after the question). Every image is
// tried; the ones a container still uses stay and are reported.
import type Dockerode from 'dockerode';
import { removeImage } from './actions';
import { runEach, type ItemResult } from './bulk';
import type { EngineClients } from './connection';

export interface DanglingRemoval {
  results: Array<ItemResult<Dockerode.ImageInfo>>;
  /**
   * Bytes the engine's layer store shrank by (`/system/df` before and after), or null when the engine did not say.
   * The listed size of an image counts the base layers it shares with others, which removing it does not free.
   */
  reclaimedBytes: number | null;
}

async function layersSize(clients: EngineClients): Promise<number | null> {
  try {
    const df = (await clients.api.df()) as { LayersSize?: number };
    return typeof df.LayersSize === 'number' ? df.LayersSize : null;
  } catch {
    // Space is a nicety of the report; the removal itself does not depend on it.
    return null;
  }
}

export async function removeDanglingImages(clients: EngineClients, images: readonly Dockerode.ImageInfo[]): Promise<DanglingRemoval> {
  const before = await layersSize(clients);
  const results = await runEach(images, (i) => removeImage(clients, i.Id), { concurrency: 1, where: clients.where });
  const after = results.some((r) => r.ok) && before !== null ? await layersSize(clients) : before;
  return { results, reclaimedBytes: before === null || after === null ? null : Math.max(0, before - after) };
}
