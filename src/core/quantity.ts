/** Kubernetes quantities (`500m`, `1.5`, `2Ki`) read as numbers. */
import { re2 } from './regex/re2.js';

const QUANTITY = re2('^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$');

const SUFFIX: Readonly<Record<string, number>> = {
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A quantity (a number, or text like `500m`) as an approximate float; NaN when unreadable. */
export function quantityToFloat(q: number | string): number {
  if (typeof q === 'number') return q;
  const m = QUANTITY.exec(q.trim());
  if (!m) return Number.NaN;
  const base = Number(m[1]);
  return base * (m[2] ? (SUFFIX[m[2]] as number) : 1);
}
