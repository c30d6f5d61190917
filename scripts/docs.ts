// Regenerates the generated parts of README.md (the options table). Run: npm run docs
import { readFileSync, writeFileSync } from 'node:fs';
import { withOptionsTable } from '../src/cli/docs.js';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, withOptionsTable(readFileSync(path, 'utf8')));
