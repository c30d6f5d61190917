// The floor a run is compared with: a plain Node process that does only the
// unavoidable part of the job, with the YAML reader and writer the function
// bundles (src/core/yaml.ts): parse the input ResourceList, serialise the
// output ResourceList. bench/run.ts bundles it like the function itself.
//
// With --configs, the output it is given holds each generated configuration
// (a Secret key ending in .yaml.gz) as the name of a file holding its plain
// text, and the floor also reads and compresses that text as the function
// does: a part of the work the output format itself demands. Only for
// information: the target of issue 7 is against the plain floor.
//
// Usage: node floor.mjs [--configs] OUTPUT.json < INPUT.yaml > /dev/null
import { readFileSync } from 'node:fs';
import { gzipText } from '../src/core/gzip.js';
import { parseYamlStream, toYaml } from '../src/core/yaml.js';

interface Item {
  kind?: string;
  data?: Record<string, string>;
}

const args = process.argv.slice(2);
const withConfigs = args[0] === '--configs';
const input = parseYamlStream(readFileSync(0, 'utf8'));
const output = JSON.parse(readFileSync(args[withConfigs ? 1 : 0] as string, 'utf8')) as { items?: Item[] };
if (withConfigs) {
  for (const item of output.items ?? []) {
    if (item.kind !== 'Secret' || !item.data) continue;
    for (const [key, value] of Object.entries(item.data)) {
      if (key.endsWith('.yaml.gz')) item.data[key] = gzipText(readFileSync(value, 'utf8')).toString('base64');
    }
  }
}
process.stdout.write(toYaml(output));
if (input.length === 0) process.exitCode = 1;
