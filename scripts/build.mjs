// Bundles the CLI into one ESM file so that start-up loads a single module,
// and the rule-check worker into another.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  // The rule-check worker (src/cli/promql-pool.ts) is a file of its own beside the command.
  entryPoints: { 'prometheus-krm': 'src/cli/main.ts', 'promql-worker': 'src/cli/promql-worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: false,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // The real re2-wasm reads a .wasm file next to itself; see src/api/re2-shim.ts.
  alias: { 're2-wasm': './src/api/re2-shim.ts' },
  define: { PROMETHEUS_KRM_VERSION: JSON.stringify(version) },
  // Bundled CommonJS dependencies may call require() for Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
