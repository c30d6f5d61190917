/**
 * Rule checks on a second thread. Parsing tens of thousands of PromQL
 * expressions is the largest single cost of a fleet-sized render, and it
 * does not depend on anything else the render does. So the CLI hands the
 * expressions to a worker and renders at the same time, assuming that every
 * expression parses (the usual case). Once both are done it compares: if
 * one did not parse after all, it renders again with the real answers. The
 * output is always the one an on-the-spot render gives; only the time
 * differs. Small packages, one-core machines and runs from source (no
 * bundled worker file) simply parse on the spot.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderHooks } from '../render/run.js';
import type { ParseOptions, PromQLCheck, PromQLError } from '../context/promql-check.js';
import { checkKey, parseChecker } from '../rules/promql/check.js';

/** Below this many expressions, starting a worker (about 50 ms) costs more than it saves. */
export const MIN_WORKER_EXPRESSIONS = 1500;

const WORKER_FILE = fileURLToPath(new URL('./promql-worker.mjs', import.meta.url));

/** What the worker sends back: the expressions that did not parse (without parser switches), with why. */
export type WorkerReply = ReadonlyArray<readonly [expr: string, error: PromQLError]>;

/**
 * Runs `run` with rule checks answered by a worker when that pays; see the
 * file comment. `workerFile` is the bundled worker beside the command.
 */
export async function withPromQLWorker<T>(expressions: readonly string[], run: (hooks: RenderHooks) => T, workerFile = WORKER_FILE): Promise<T> {
  if (expressions.length < MIN_WORKER_EXPRESSIONS || availableParallelism() < 2 || !existsSync(workerFile)) return run({});
  const reply = askWorker(workerFile, expressions);
  const asked = new Map<string, { expr: string; options: ParseOptions }>();
  const optimistic = run({
    promql: (expr, options) => {
      asked.set(checkKey(expr, options), { expr, options });
      return undefined;
    },
  });
  const failures = await reply;
  const sent = new Set(expressions.map((e) => checkKey(e, {})));
  const parseCheck = parseChecker();
  const known = new Map<string, PromQLError | undefined>();
  for (const [key, { expr, options }] of asked) {
    // What the worker answered; an expression it was not asked (other parser switches), or a failed worker, is parsed here.
    known.set(key, failures && sent.has(key) ? failures.get(key) : parseCheck(expr, options));
  }
  if ([...known.values()].every((e) => e === undefined)) return optimistic;
  const answered: PromQLCheck = (expr, options) => {
    const key = checkKey(expr, options);
    return known.has(key) ? known.get(key) : parseCheck(expr, options);
  };
  return run({ promql: answered });
}

/** The worker's failures keyed like checkKey, or undefined when the worker itself failed. */
function askWorker(workerFile: string, expressions: readonly string[]): Promise<Map<string, PromQLError> | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(workerFile, { workerData: expressions, stdout: true, stderr: true });
    } catch {
      resolve(undefined);
      return;
    }
    worker.once('message', (reply: WorkerReply) => resolve(new Map(reply.map(([expr, error]) => [checkKey(expr, {}), error]))));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
