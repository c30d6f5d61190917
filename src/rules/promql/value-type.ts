/**
 * The value types of PromQL expressions (Prometheus's `Type()`) and the
 * parser's type check, worded as Prometheus words it.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Expr } from './ast.js';
import { FUNCTIONS, type ValueType } from './functions.js';
import { ParseFailure } from './syntax.js';

export const TYPE_NAMES: Record<ValueType, string> = { scalar: 'scalar', vector: 'instant vector', matrix: 'range vector', string: 'string' };

export function expectType(n: SyntaxNode, e: Expr, want: ValueType, context: string, known?: ReadonlyMap<Expr, ValueType>): void {
  const got = typeOf(e, known);
  if (got !== want) throw new ParseFailure(n.from, `expected type ${TYPE_NAMES[want]} in ${context}, got ${TYPE_NAMES[got]}`);
}

/** The value type an expression evaluates to (Prometheus's `Type()`); `known` holds types already worked out. */
export function typeOf(e: Expr, known?: ReadonlyMap<Expr, ValueType>): ValueType {
  const type = known?.get(e);
  if (type !== undefined) return type;
  switch (e.kind) {
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'vector':
      return 'vector';
    case 'matrix':
    case 'subquery':
      return 'matrix';
    case 'call':
      return FUNCTIONS.get(e.func)?.returns ?? 'vector';
    case 'aggregate':
      return 'vector';
    case 'binary':
      return typeOf(e.lhs, known) === 'scalar' && typeOf(e.rhs, known) === 'scalar' ? 'scalar' : 'vector';
    case 'paren':
    case 'unary':
      return typeOf(e.expr, known);
  }
}
