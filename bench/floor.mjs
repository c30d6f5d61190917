// The floor a run is compared with: a plain Node process that does only the
// unavoidable part of the job, with the library and settings the function
// bundles (src/core/yaml.ts): parse the input ResourceList, serialise the
// output ResourceList.
// Usage: node bench/floor.mjs OUTPUT.json < INPUT.yaml > /dev/null
import { readFileSync } from 'node:fs';
import {
  DUMP_SCHEMA, Schema, boolYaml11Tag, dump, floatYaml11Tag, intYaml11Tag, loadAll, mapTag, mergeTag, nullYaml11Tag, seqTag, strTag,
} from 'js-yaml';

const schema = new Schema([strTag, seqTag, mapTag, nullYaml11Tag, boolYaml11Tag, intYaml11Tag, floatYaml11Tag, mergeTag]);
const input = loadAll(readFileSync(0, 'utf8'), { schema });
const output = JSON.parse(readFileSync(process.argv[2], 'utf8'));
process.stdout.write(dump(output, { schema: DUMP_SCHEMA, lineWidth: -1, noRefs: true, indent: 2 }));
if (input.length === 0) process.exitCode = 1;
