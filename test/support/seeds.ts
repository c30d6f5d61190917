/** The seed examples, read from the fixture packages that hold them (one source for tests and fixtures). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.js';

/** The kube-prometheus style Prometheus `monitoring/k8s`. */
export const SEED_K8S = readFileSync(join(ROOT, 'fixtures/kube-prometheus-k8s/prometheus.yaml'), 'utf8');
/** The Prometheus `default/example`. */
export const SEED_EXAMPLE = readFileSync(join(ROOT, 'fixtures/example-default/prometheus.yaml'), 'utf8');
