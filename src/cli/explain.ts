/**
 * `prometheus-krm explain PATH...`: what selected what, offline. For each
 * Prometheus, PrometheusAgent, Alertmanager and ThanosRuler, the monitors,
 * rules and AlertmanagerConfigs it selected and what they became, those it
 * rejected and why; then every object nothing selected, with its nearest
 * miss. Plain text, or `--output json` for scripts. Read from the render's
 * own selection facts.
 */
import { errorResult, formatResultLine, hasErrors, sortResults } from '../krm/results.js';
import { parseCommandArgs } from './args.js';
import { explainReport } from './inspect/explain-report.js';
import { explainText } from './inspect/explain-text.js';
import { terminalProgress } from './progress.js';
import { renderPackage, type CommandContext } from './render-package.js';

const OUTPUT = '--output';
const FORMATS = ['text', 'json'];

/**
 * Exit 0 when the package renders, 1 when it does not: then the errors go to
 * stderr, and the explanation still goes to stdout when the render got as
 * far as selection (a rejected monitor under `onInvalid: fail`, say).
 */
export async function runExplain(args: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseCommandArgs(args, { values: [OUTPUT] });
  const problems = [...parsed.problems];
  if (parsed.paths.length === 0) problems.push(errorResult('explain needs at least one PATH (a file, a folder, or - for stdin)'));
  const format = parsed.values.get(OUTPUT) ?? 'text';
  if (!FORMATS.includes(format)) problems.push(errorResult(`${OUTPUT} takes text or json; got "${format}"`));
  const pkg = await ctx.readPackage(parsed.paths);
  const rendered = await renderPackage({ ...pkg, problems: [...problems, ...pkg.problems] }, ctx.overrides(parsed.options), terminalProgress(ctx.stderr));
  for (const r of sortResults(rendered.results)) if (r.severity !== 'info') ctx.io.err(`${formatResultLine(r)}\n`);
  if (rendered.selection) {
    const report = explainReport(rendered.selection, rendered.results);
    ctx.io.out(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : explainText(report));
  }
  return rendered.items && !hasErrors(rendered.results) ? 0 : 1;
}
