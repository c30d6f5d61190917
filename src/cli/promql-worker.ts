/**
 * The worker of src/cli/promql-pool.ts: parses the expressions it is given,
 * without parser switches, and replies with those that do not parse.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseChecker } from '../rules/promql/check.js';
import type { WorkerReply } from './promql-pool.js';

const parseCheck = parseChecker();
const reply: Array<WorkerReply[number]> = [];
for (const expr of workerData as string[]) {
  const error = parseCheck(expr, {});
  if (error) reply.push([expr, error]);
}
parentPort?.postMessage(reply);
