// Bundles the CLI into one ESM file so that start-up loads a single module.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/prometheus-krm.mjs',
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
