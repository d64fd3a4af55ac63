// The Docker section of bench/RESULTS.md, from bench/docker/results.json: written by `npm run bench` (bench/run.mjs,
// with the LSP tables) and by `npm run bench:docker` (bench/docker/bench.ts, which replaces only this section).
// Plain ESM so both can import it.

const fmt = (v) => (v === null || v === undefined ? '–' : Math.round(v * 100) / 100);

/** The first heading of the section; everything from it to the end of RESULTS.md is this section. */
export const DOCKER_HEADING = '## Docker sidebar';

export function dockerSection(d) {
  let md = '';
  if (d.containers !== undefined) {
    md += `${DOCKER_HEADING} (\`npm run bench:docker\`, bench/docker/results.json, ${d.date})\n\n`;
    md += `${d.containers} containers and ${d.images} images on a private dockerd, ${d.runs} runs after ${d.warmup ?? 0} warm-up, medians (p90); ours, the CLI and the raw engine request measured in the same loop.\n\n`;
    md += `| metric | dockerfile-guide (Engine API + events) | \`docker ps -a --format json\` (spawned per refresh) | ratio |\n|---|---:|---:|---:|\n`;
    md += `| full list + map to tree model (ms) | ${fmt(d.oursListMapMedianMs)} (${fmt(d.oursListMapP90Ms)}) | ${fmt(d.cliListMapMedianMs)} (${fmt(d.cliListMapP90Ms)}) | ${fmt(d.ratioList)}× |\n`;
    md += `| the engine's own list request alone (ms) | ${fmt(d.engineRawListMedianMs)} | same | best any client could reach: ${fmt(d.ratioCeiling)}× |\n`;
    md += `| event → updated tree model (ms) | ${fmt(d.eventToTreeMedianMs)} | ${fmt(d.cliListMapMedianMs)} (one CLI refresh) | ${fmt(d.ratioEvent)}× |\n`;
    md += `| idle, 5 s | ${d.idleRequests} requests, ${fmt(d.idleCpuMs)} ms CPU | polling every 60 s (Container Tools) | |\n\n`;
  }
  const l = d.layers;
  if (l) {
    const gb = (b) => (b / 1e9).toFixed(2);
    const mib = (b) => (b / 2 ** 20).toFixed(0);
    md += `## Docker image layers, 1 GB image (\`npm run bench:docker -- --only layers\`, ${l.date})\n\n`;
    md += `A ${gb(l.imageBytes)} GB image built on the private dockerd from the busybox test image: ${l.layers} layers, ${l.files} files, ${mib(l.wastedBytes)} MiB wasted (a file a later RUN deletes). `;
    md += `Our analysis streams the export (\`GET /images/{id}/get\`) through analyseImageTar in a fresh node process per run (no cache), timed from the request to the result; ${l.runs} runs alternating with \`docker save\`, medians, page cache warm for both.\n\n`;
    md += `| metric | dockerfile-guide | \`docker save IMAGE > /dev/null\` | ours ÷ save | target |\n|---|---:|---:|---:|---:|\n`;
    md += `| wall time (ms) | ${fmt(l.oursMedianMs)} (whole process: ${fmt(l.oursProcessMedianMs)}) | ${fmt(l.saveMedianMs)} | ${fmt(l.ratio)}× | ≤ ${l.targets.ratio}× |\n`;
    md += `| peak RSS of the analysis process (MiB, VmHWM) | ${fmt(l.peakRssMiB)} | | | < ${l.targets.peakRssMiB} MiB |\n\n`;
  }
  return md;
}

/** RESULTS.md with its Docker section replaced (or appended when it has none). */
export function replaceDockerSection(md, d) {
  const at = md.indexOf(DOCKER_HEADING);
  const head = at < 0 ? md.replace(/\n*$/, '\n\n') : md.slice(0, at);
  return head + dockerSection(d);
}
