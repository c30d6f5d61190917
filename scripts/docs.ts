// Regenerates the generated parts of README.md (the options table and the copy of --help). Run: npm run docs
import { readFileSync, writeFileSync } from 'node:fs';
import { withHelpBlock, withOptionsTable } from '../src/cli/docs.js';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, withHelpBlock(withOptionsTable(readFileSync(path, 'utf8'))));
