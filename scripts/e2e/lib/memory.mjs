// Samples the memory of this process and all its descendants (code-server, extension host, language
// server, Chromium) from /proc, so a run can report its peak. PSS counts shared pages once.
import fs from 'node:fs';

function descendants(rootPid) {
  const children = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      /* exited meanwhile */
    }
  }
  const out = [];
  const todo = [rootPid];
  while (todo.length) {
    const pid = todo.pop();
    out.push(pid);
    todo.push(...(children.get(pid) ?? []));
  }
  return out;
}

function kb(text, field) {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

/** Starts sampling; `stop()` returns { peakPssMiB, peakRssMiB, peakProcesses }. */
export function sampleTreeMemory(intervalMs = 500, rootPid = process.pid) {
  let peakPss = 0;
  let peakRss = 0;
  let peakProcs = 0;
  const tick = () => {
    if (process.platform !== 'linux') return;
    let pss = 0;
    let rss = 0;
    const pids = descendants(rootPid);
    for (const pid of pids) {
      try {
        const t = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
        pss += kb(t, 'Pss');
        rss += kb(t, 'Rss');
      } catch {
        /* exited meanwhile */
      }
    }
    peakPss = Math.max(peakPss, pss);
    peakRss = Math.max(peakRss, rss);
    peakProcs = Math.max(peakProcs, pids.length);
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      tick();
      return { peakPssMiB: Math.round(peakPss / 1024), peakRssMiB: Math.round(peakRss / 1024), peakProcesses: peakProcs };
    },
  };
}
