// Why an image's layers could not be read, in the terms the view acts on (no vscode import: tested on the engine).
// Engine 20.10 answers the export of an image that no longer exists with 500 ("failed to get digest …: no such
// file or directory"), not 404, so a failure that is neither a 404 nor a lost connection asks the engine whether
// the image is still there: gone → notFound (the view refreshes quietly), there → the failure as it came.
import { classifyError, type EngineError } from '../../../common/src/engine/errors';
import { imageIdOf, type LayersEngine } from '../../../common/src/layers/analyse';

export async function layersFailure(engine: LayersEngine, imageId: string, err: unknown, where: string): Promise<EngineError> {
  const e = classifyError(err, where);
  if (e.kind === 'notFound' || e.isConnection) return e;
  try {
    await imageIdOf(engine, imageId);
    return e;
  } catch (again) {
    const a = classifyError(again, where);
    return a.kind === 'notFound' ? a : e;
  }
}
