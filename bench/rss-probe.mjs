// Preloaded into every measured process (node --import): on exit, writes the
// process's peak resident set size in KiB to the file BENCH_RSS_FILE names.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
