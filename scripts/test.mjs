// Runs the uvu suites under test/ (TypeScript through tsx) and ends with the
// line CI reads: "N passed, N failed". Extra arguments filter test files.
import { spawnSync } from 'node:child_process';

const pattern = `${process.argv[2] ?? ''}.*\\.test\\.ts$`;
const run = spawnSync(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', pattern], {
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
process.stdout.write(run.stdout ?? '');
// uvu colours its summary; read the numbers from the plain text.
const plain = (run.stdout ?? '').replace(/\x1b\[[0-9;]*m/g, '');
const count = (label) => Number(new RegExp(`${label}:\\s+(\\d+)`).exec(plain)?.[1] ?? 0);
const total = count('Total');
const passed = count('Passed');
const skipped = count('Skipped');
// uvu's Total counts the tests that ran: skipped ones are not in it.
const failed = total - passed;
// uvu exits non-zero on failure; a crash before its summary counts as a failure too.
const broken = run.status !== 0 && failed === 0 ? 1 : 0;
console.log(`\n${passed} passed, ${failed + broken} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = run.status === 0 && total > 0 && failed === 0 ? 0 : 1;
