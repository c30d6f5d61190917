// The floor a run is compared with: a plain Node process that does only the
// unavoidable part of the job, with the YAML reader and writer the function
// bundles (src/core/yaml.ts): parse the input ResourceList, serialise the
// output ResourceList. bench/run.ts bundles it like the function itself.
// Usage: node floor.mjs OUTPUT.json < INPUT.yaml > /dev/null
import { readFileSync } from 'node:fs';
import { parseYamlStream, toYaml } from '../src/core/yaml.js';

const input = parseYamlStream(readFileSync(0, 'utf8'));
const output: unknown = JSON.parse(readFileSync(process.argv[2] as string, 'utf8'));
process.stdout.write(toYaml(output));
if (input.length === 0) process.exitCode = 1;
