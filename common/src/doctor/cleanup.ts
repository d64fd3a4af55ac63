/**
 * Removes every container a doctor run made: the ids it knows, and whatever carries its label (a container whose
 * create answer was lost still carries it). Best effort and bounded in time: cleanup runs after failures and
 * cancellations too, and must never be what hangs.
 */
import { deadline, type DoctorEngine } from './engine';
import { DOCTOR_LABEL } from './types';

const CLEANUP_CALL_MS = 10_000;

/** Gives the ids it could not remove (empty when all went). */
export async function cleanupRun(engine: DoctorEngine, runId: string, known: Iterable<string> = []): Promise<string[]> {
  const ids = new Set(known);
  try {
    const listed = await deadline(engine.api.listContainers({ all: true, filters: { label: [`${DOCTOR_LABEL}=${runId}`] } }), CLEANUP_CALL_MS, 'list');
    for (const c of listed) ids.add(c.Id);
  } catch {
    // No list (engine gone): the known ids are all we can try.
  }
  const failed: string[] = [];
  await Promise.all(
    [...ids].map(async (id) => {
      try {
        await deadline(engine.api.getContainer(id).remove({ force: true, v: true }), CLEANUP_CALL_MS, 'remove');
      } catch (e) {
        if ((e as { statusCode?: number }).statusCode !== 404) failed.push(id);
      }
    }),
  );
  return failed;
}
