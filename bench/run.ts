/**
 * npm run bench: runs the built command as kpt does (a whole process, the
 * ResourceList on stdin, the result on stdout) on three package sizes and
 * prints, per size, the median wall time and peak RSS next to a floor
 * measured in the same run (bench/floor.ts: parse the same input and
 * serialise the same output with the same YAML code), then checks the
 * targets of issue 19: S and `--version`/`--help` against a bare `node -e 0`
 * (alternating runs), L against the floor that also gzips the generated
 * configurations, L's peak RSS and L/M; kube-prometheus as shipped (from
 * ../shared, when present) against its own floors, for information.
 * `--check` exits 1 when a target is missed. The scale
 * rows time the hostile-tenant budgets (issue 14): one Prometheus selecting
 * 50,000 ServiceMonitors, and one selecting 100,000 rules.
 */
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipText } from '../src/core/gzip.js';
import { parseYamlStream, toYaml } from '../src/core/yaml.js';
import type { KubeObject } from '../src/krm/types.js';
import { kubePrometheusItems } from '../test/support/stacks.js';
import { SIZES, generatePackage, generateScalePackage } from './generate.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
/** What users run: the bin, which loads the bundle with its code cache. */
const BUNDLE = join(ROOT, 'bin/prometheus-krm');
const PROBE = join(ROOT, 'bench/rss-probe.mjs');
const work = mkdtempSync(join(tmpdir(), 'prometheus-krm-bench-'));
/** The floor, bundled the way scripts/build.mjs bundles the function, so both load their YAML code the same way. */
const FLOOR = join(work, 'floor.mjs');
buildSync({ entryPoints: [join(ROOT, 'bench/floor.ts')], outfile: FLOOR, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });

interface Sample {
  readonly ms: number;
  readonly rssKiB: number;
  /** CPU time of all the process's threads, user and system: less sensitive to a shared host than wall time. */
  readonly cpuMs: number;
}

/** One process run: wall time from spawn to exit, peak RSS and CPU time as the process itself saw them. */
function measure(args: readonly string[], input: string): Sample & { stdout: string } {
  const rssFile = join(work, 'rss');
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['--import', PROBE, ...args], {
    input,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 2000)}`);
  const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { rssKiB: number; cpuMs: number };
  return { ms, rssKiB: usage.rssKiB, cpuMs: usage.cpuMs, stdout: run.stdout };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

function resourceList(items: readonly KubeObject[], functionConfig?: KubeObject): string {
  return toYaml({ apiVersion: 'config.kubernetes.io/v1', kind: 'ResourceList', items, ...(functionConfig ? { functionConfig } : {}) });
}

/** S: the example package of the README, as kpt would send it. */
function smallPackage(): string {
  const dir = join(ROOT, 'fixtures/example-default');
  const docs = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== 'Kptfile')
    .sort()
    .flatMap((f) => parseYamlStream(readFileSync(join(dir, f), 'utf8')) as KubeObject[]);
  const functionConfig = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === 'render-options');
  return resourceList(
    docs.filter((d) => d !== functionConfig),
    functionConfig,
  );
}

interface Row {
  readonly size: string;
  readonly inputs: number;
  readonly outputs: number;
  readonly run: Sample;
  readonly floor: Sample;
  /** The floor that also compresses the generated configurations (bench/floor.ts --configs); for information. */
  readonly withConfigs: Sample;
  /** Bytes of generated configuration text, before gzip. */
  readonly configBytes: number;
}

function bench(size: string, input: string, inputs: number, runs: number): Row {
  const samples: Sample[] = [];
  let out = '';
  for (let i = 0; i < runs; i++) {
    const s = measure([BUNDLE], input);
    samples.push(s);
    out = s.stdout;
  }
  const list = parseYamlStream(out)[0] as { items?: KubeObject[]; results?: Array<{ severity?: string; message: string }> };
  const errors = (list.results ?? []).filter((r) => r.severity === 'error');
  if (errors.length > 0) throw new Error(`${size}: the function reported errors: ${errors.slice(0, 3).map((e) => e.message).join('; ')}`);
  const outputJson = join(work, `${size}.json`);
  writeFileSync(outputJson, JSON.stringify(list));
  const configsJson = join(work, `${size}-configs.json`);
  let configBytes = 0;
  let configFiles = 0;
  const toFile = (key: string, value: unknown): unknown => {
    if (!key.endsWith('.yaml.gz') || typeof value !== 'string') return value;
    const text = gunzipText(Buffer.from(value, 'base64'));
    configBytes += Buffer.byteLength(text);
    const file = join(work, `${size}-config-${configFiles++}.yaml`);
    writeFileSync(file, text);
    return file;
  };
  writeFileSync(configsJson, JSON.stringify(list, toFile));
  const floors: Sample[] = [];
  const withConfigs: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    floors.push(measure([FLOOR, outputJson], input));
    withConfigs.push(measure([FLOOR, '--configs', configsJson], input));
  }
  return {
    size,
    inputs,
    outputs: list.items?.length ?? 0,
    run: summarise(samples),
    floor: summarise(floors),
    withConfigs: summarise(withConfigs),
    configBytes,
  };
}

/** Median times, the highest peak RSS. */
function summarise(samples: readonly Sample[]): Sample {
  return {
    ms: median(samples.map((s) => s.ms)),
    rssKiB: Math.max(...samples.map((s) => s.rssKiB)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
  };
}

const fmtMs = (ms: number) => `${ms.toFixed(0)} ms`;
const fmtMiB = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

function main(): void {
  const check = process.argv.includes('--check');
  const chosen = process.argv.filter((a) => /^(S|M|L|scale|kube-prometheus)$/.test(a));
  const wanted = (size: string) => chosen.length === 0 || chosen.includes(size);
  const rows: Row[] = [];
  // Start-up: each command alternates with a bare node start, 10 times, so that both see the same machine.
  const starts = { bare: [] as number[], S: [] as number[], version: [] as number[], help: [] as number[] };
  const small = smallPackage();
  if (wanted('S')) {
    for (let i = 0; i < 10; i++) {
      starts.bare.push(measure(['-e', '0'], '').ms);
      starts.S.push(measure([BUNDLE], small).ms);
      starts.bare.push(measure(['-e', '0'], '').ms);
      starts.version.push(measure([BUNDLE, '--version'], '').ms);
      starts.bare.push(measure(['-e', '0'], '').ms);
      starts.help.push(measure([BUNDLE, '--help'], '').ms);
    }
  } else {
    starts.bare.push(...Array.from({ length: 9 }, () => measure(['-e', '0'], '').ms));
  }
  const bare = median(starts.bare);

  if (wanted('S')) rows.push(bench('S', small, 3, 15));
  for (const size of ['M', 'L'] as const) {
    if (!wanted(size)) continue;
    const items = generatePackage(SIZES[size]);
    process.stderr.write(`generated ${size}: ${items.length} objects\n`);
    rows.push(bench(size, resourceList(items), items.length, size === 'L' ? 3 : 5));
  }
  const kp = wanted('kube-prometheus') ? kubePrometheusItems() : undefined;
  if (kp) rows.push(bench('kube-prometheus', resourceList(kp), kp.length, 5));

  const scale: Array<{ label: string; objects: number; run: Sample }> = [];
  if (wanted('scale')) {
    for (const [label, what] of [
      ['50,000 ServiceMonitors', { serviceMonitors: 50_000 }],
      ['100,000 rules', { rules: 100_000 }],
    ] as const) {
      const items = generateScalePackage(what);
      const input = resourceList(items);
      const samples = Array.from({ length: 3 }, () => measure([BUNDLE], input));
      const list = parseYamlStream(samples[0]?.stdout ?? '')[0] as { results?: Array<{ severity?: string; message: string }> };
      const errors = (list.results ?? []).filter((r) => r.severity === 'error');
      if (errors.length > 0) throw new Error(`${label}: the function reported errors: ${errors.slice(0, 3).map((e) => e.message).join('; ')}`);
      scale.push({ label, objects: items.length, run: summarise(samples) });
    }
  }

  console.log(`\nnode ${process.version}, bare \`node -e 0\`: ${fmtMs(bare)}\n`);
  if (starts.S.length > 0) {
    console.log('start-up (median of 10, alternating with node -e 0) | time | / bare node');
    console.log('--------------------------------------------------- | ---- | -----------');
    for (const [label, xs] of [['S (the example package)', starts.S], ['--version', starts.version], ['--help', starts.help]] as const) {
      console.log(`${label} | ${fmtMs(median(xs))} | ${(median(xs) / bare).toFixed(2)}`);
    }
    console.log('');
  }
  console.log('size | objects in | objects out | median time | CPU time | peak RSS | floor time | floor CPU | floor RSS | time / floor');
  console.log('---- | ---------- | ----------- | ----------- | -------- | -------- | ---------- | --------- | --------- | ------------');
  for (const r of rows) {
    console.log(
      `${r.size} | ${r.inputs} | ${r.outputs} | ${fmtMs(r.run.ms)} | ${fmtMs(r.run.cpuMs)} | ${fmtMiB(r.run.rssKiB)} | ${fmtMs(r.floor.ms)} | ${fmtMs(r.floor.cpuMs)} | ${fmtMiB(r.floor.rssKiB)} | ${(r.run.ms / r.floor.ms).toFixed(2)}`,
    );
  }
  console.log('\nFor information, the floor that also gzips the generated configurations as the function does (bench/floor.ts --configs):\n');
  console.log('size | configuration text | time | CPU time | time / this floor');
  console.log('---- | ------------------ | ---- | -------- | -----------------');
  for (const r of rows) {
    console.log(
      `${r.size} | ${(r.configBytes / 1e6).toFixed(1)} MB | ${fmtMs(r.withConfigs.ms)} | ${fmtMs(r.withConfigs.cpuMs)} | ${(r.run.ms / r.withConfigs.ms).toFixed(2)}`,
    );
  }
  if (scale.length > 0) {
    console.log('\nScale budgets of a shared repository (one Prometheus selecting every team\'s objects):\n');
    console.log('package | objects in | median time | CPU time | peak RSS');
    console.log('------- | ---------- | ----------- | -------- | --------');
    for (const r of scale) console.log(`${r.label} | ${r.objects} | ${fmtMs(r.run.ms)} | ${fmtMs(r.run.cpuMs)} | ${fmtMiB(r.run.rssKiB)}`);
  }
  console.log(`\nCPU time counts every thread of the process (the rule-check worker, V8's helpers); with ${availableParallelism()} cores, time cannot fall below CPU time / ${availableParallelism()}.`);

  const by = (s: string) => rows.find((r) => r.size === s);
  const targets: Array<[string, number, number, boolean]> = [];
  const S = by('S');
  const M = by('M');
  const L = by('L');
  if (S) targets.push(['S time / bare node (target <= 1.5)', median(starts.S) / bare, 1.5, median(starts.S) / bare <= 1.5]);
  if (S) targets.push(['--version time / bare node (target <= 1.2)', median(starts.version) / bare, 1.2, median(starts.version) / bare <= 1.2]);
  if (S) targets.push(['--help time / bare node (target <= 1.2)', median(starts.help) / bare, 1.2, median(starts.help) / bare <= 1.2]);
  if (L) targets.push(['L time / floor with configurations (target <= 1.4)', L.run.ms / L.withConfigs.ms, 1.4, L.run.ms / L.withConfigs.ms <= 1.4]);
  if (L && M) targets.push(['L / M time (target <= 11)', L.run.ms / M.run.ms, 11, L.run.ms / M.run.ms <= 11]);
  if (L) targets.push(['L peak RSS in MiB (target < 600)', L.run.rssKiB / 1024, 600, L.run.rssKiB / 1024 < 600]);
  const K = by('kube-prometheus');
  if (K) console.log(`kube-prometheus as shipped: ${(K.run.ms / K.floor.ms).toFixed(2)} times its floor, ${(K.run.ms / K.withConfigs.ms).toFixed(2)} times its floor with configurations (for information)\n`);
  const sm = scale.find((r) => r.label.startsWith('50,000'));
  const rules = scale.find((r) => r.label.startsWith('100,000'));
  if (sm) targets.push(['50,000 ServiceMonitors, seconds (target <= 10)', sm.run.ms / 1000, 10, sm.run.ms <= 10_000]);
  if (sm) targets.push(['50,000 ServiceMonitors, peak RSS in MiB (target <= 1228, 1.2 GiB)', sm.run.rssKiB / 1024, 1228, sm.run.rssKiB / 1024 <= 1228]);
  if (rules) targets.push(['100,000 rules, seconds (target <= 10)', rules.run.ms / 1000, 10, rules.run.ms <= 10_000]);
  console.log('');
  for (const [label, value, , ok] of targets) console.log(`${ok ? 'met   ' : 'MISSED'} ${label}: ${value.toFixed(2)}`);
  rmSync(work, { recursive: true, force: true });
  if (check && targets.some((t) => !t[3])) process.exitCode = 1;
}

main();
