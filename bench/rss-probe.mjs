// Preloaded into every measured process (node --import): on exit, writes the
// process's peak resident set size in KiB and the CPU time of all its threads
// (user + system) in milliseconds to the file BENCH_RSS_FILE names, as JSON.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const use = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ rssKiB: use.maxRSS, cpuMs: (use.userCPUTime + use.systemCPUTime) / 1000 }));
  });
}
