/**
 * Namespace-label enforcement as prom-label-proxy's PromQLEnforcer does it
 * for the operator (injectproxy, errorOnReplace off): every vector and range
 * selector, wherever it sits, loses any matcher on the enforced label and
 * gets `<label>="<value>"` appended.
 */
import type { Expr, Matcher } from './ast.js';

export function enforceMatcher(e: Expr, enforced: Matcher): void {
  switch (e.kind) {
    case 'vector':
      e.matchers = [...e.matchers.filter((m) => m.name !== enforced.name), enforced];
      return;
    case 'matrix':
      enforceMatcher(e.selector, enforced);
      return;
    case 'subquery':
    case 'paren':
    case 'unary':
    case 'aggregate':
      // An aggregation's parameter (topk's k, count_values's label) is left alone, as the enforcer does.
      enforceMatcher(e.expr, enforced);
      return;
    case 'binary': {
      // Down the left spine of a chain without recursing along it.
      let left: Expr = e;
      while (left.kind === 'binary') {
        enforceMatcher(left.rhs, enforced);
        left = left.lhs;
      }
      enforceMatcher(left, enforced);
      return;
    }
    case 'call':
      for (const a of e.args) enforceMatcher(a, enforced);
      return;
    case 'number':
    case 'string':
      return;
  }
}
