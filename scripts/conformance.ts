/**
 * Developer tool: runs conformance cases and prints failures with the first
 * difference. Usage: npx tsx scripts/conformance.ts <suite> [name-regex] [-v]
 */
import { conformanceAvailable, listCases, runCase } from '../test/support/conformance.js';

const [suite = 'statefulset', pattern = '.', ...flags] = process.argv.slice(2);
if (!conformanceAvailable()) {
  console.log('conformance corpus not found at ../shared/conformance');
  process.exit(0);
}
const re = new RegExp(pattern);
const outcomes = listCases(suite, (n) => re.test(n)).map((n) => runCase(suite, n));
for (const o of outcomes) {
  if (!o.pass) console.log(`FAIL ${o.name}\n  ${flags.includes('-v') ? o.reason : (o.reason ?? '').split('\n')[0]?.slice(0, 400)}`);
}
const passed = outcomes.filter((o) => o.pass).length;
console.log(`${suite}: ${passed}/${outcomes.length} passed`);
