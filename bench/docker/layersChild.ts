// One run of the layers analysis in a fresh process, for bench/docker/layersBench.ts: streams the export of IMAGE
// (GET /images/{id}/get, what `docker save` writes) through analyseImageTar, as common/src/layers/analyse.ts does,
// and prints one JSON line: the wall time from the request to the result, and this process's peak RSS. A new
// process per run means analyse.ts's per-ID cache cannot help, and the peak is this analysis's alone.
// Usage (bundled by the bench): node layersChild.js SOCKET IMAGE
import * as fs from 'node:fs';
import Dockerode from 'dockerode';
import { analyseImageTar } from '../../common/src/layers/imageTar';

async function main(): Promise<void> {
  const [socketPath, image] = process.argv.slice(2);
  const docker = new Dockerode({ socketPath });
  const t0 = performance.now();
  const stream = (await docker.getImage(image).get()) as NodeJS.ReadableStream;
  const a = await analyseImageTar(stream);
  const ms = performance.now() - t0;
  const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  process.stdout.write(
    JSON.stringify({
      ms,
      vmHwmKiB: hwm ? Number(hwm[1]) : null,
      // resourceUsage().maxRSS is in KiB on Linux.
      maxRssKiB: process.resourceUsage().maxRSS,
      layers: a.layers.length,
      size: a.size,
      wasted: a.wasted,
      efficiency: a.efficiency,
      files: a.layers.reduce((n, l) => n + l.files, 0),
    }) + '\n',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
