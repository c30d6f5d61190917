// Runs the uvu suites under test/ (TypeScript through tsx) and ends with the
// line CI reads: "N passed, N failed". Extra arguments filter test files.
// Each file runs in a process of its own: the suites render whole stacks
// (kube-prometheus, the conformance corpus, the fuzzer's 10,000 inputs), and
// one shared heap for all of them would only measure how much they add up to.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const filter = new RegExp(`${process.argv[2] ?? ''}.*\\.test\\.ts$`);
const files = readdirSync('test')
  .filter((f) => filter.test(f))
  .sort();

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', `^${escaped}$`], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  process.stdout.write(run.stdout ?? '');
  // uvu colours its summary; read the numbers from the plain text.
  const plain = (run.stdout ?? '').replace(/\x1b\[[0-9;]*m/g, '');
  const count = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(plain)?.[1] ?? 0);
  const total = count('Total');
  // uvu's Total counts the tests that ran: skipped ones are not in it.
  passed += count('Passed');
  skipped += count('Skipped');
  failed += total - count('Passed');
  // A crash before uvu's summary (or a file with no test) counts as a failure.
  if (run.status !== 0 && total === count('Passed')) {
    console.log(`!! ${file} exited ${run.status ?? run.signal} without a failing test: counted as failed`);
    failed += 1;
  }
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = files.length > 0 && passed > 0 && failed === 0 ? 0 : 1;
