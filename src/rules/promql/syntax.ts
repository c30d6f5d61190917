/**
 * The syntax layer of the PromQL parser: the Lezer grammar's tree of a text
 * (without Lezer's guard against long chains), the top-level `or` chain
 * split, the failures the parser throws, and the token helpers that word a
 * syntax error. parse.ts builds Prometheus's expression tree on top of it.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { charClass } from '../../core/regex/scan.js';

/** A problem the parser reports at a position, with Prometheus's wording. */
export class ParseFailure extends Error {
  constructor(
    readonly pos: number,
    message: string,
  ) {
    super(message);
  }
}

/** Where the grammar itself fails; the message is worked out from the text around it. */
export class SyntaxFailure extends Error {
  constructor(readonly pos: number) {
    super('syntax error');
  }
}

/** The expression node of text[from, to), its positions counted from `from`; a SyntaxFailure at the first error. */
export function topExpr(text: string, from: number, to: number): SyntaxNode {
  const tree = parseTree(text, from, to);
  let errorPos: number | undefined;
  tree.iterate({
    enter: (n) => {
      if (errorPos !== undefined) return false;
      if (n.type.isError) errorPos = n.from;
      return undefined;
    },
  });
  if (errorPos !== undefined) throw new SyntaxFailure(from + errorPos);
  const top = exprChildren(tree.topNode)[0];
  if (!top) throw new ParseFailure(from, 'no expression found in input');
  return top;
}

/**
 * Above this many `or` at the top level, the expression is parsed one
 * `<operand> or <operand>` pair at a time: Lezer keeps the structure of
 * about 2,500 nested binary nodes, then flattens the rest, and a tree that
 * deep is also one it builds recursively.
 */
export const OR_CHAIN_SPLIT = 500;

/**
 * The `or` keywords outside brackets, strings and comments. There `or` can
 * only be the operator (it is a keyword, never a metric name), and the one
 * that binds least, so the text between two of them is a whole operand.
 */
export function topLevelOrs(text: string): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  let depth = 0;
  for (let i = 0; i < text.length; ) {
    const c = text[i] as string;
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += c !== '`' && text[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else if (c === '#') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol + 1;
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
      i++;
    } else if (c === ')' || c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
      i++;
    } else if (isIdentStart(text.charCodeAt(i))) {
      let j = i + 1;
      while (j < text.length && isIdentPart(text.charCodeAt(j))) j++;
      if (depth === 0 && j - i === 2 && text.slice(i, j).toLowerCase() === 'or') found.push({ start: i, end: j });
      i = j;
    } else if (charClass.isDigit(text.charCodeAt(i))) {
      // A number or duration (`5m`, `1e3`): its letters are not a word of their own.
      let j = i + 1;
      while (j < text.length && isIdentPart(text.charCodeAt(j))) j++;
      i = j;
    } else i++;
  }
  return found;
}

export const TOO_DEEP = 'expression nests too deeply';
/** Nesting the checker follows (parentheses, calls, aggregations, subqueries); chains of binary operators do not count. */
export const MAX_NESTING = 1000;

/**
 * Lezer's parse, without its guard against long left-associative chains:
 * after about 300 large reductions at one position it forces the chain
 * closed and reports a syntax error, so a valid `a or b or …` of a few
 * hundred terms would fail. The builder below walks chains without
 * recursion, so it needs no such guard.
 */
function parseTree(text: string, from: number, to: number): Tree {
  const parse = parser.startParse(text, undefined, [{ from, to }]) as ReturnType<typeof parser.startParse> & { bigReductionCount?: number };
  for (;;) {
    if (parse.bigReductionCount !== undefined) parse.bigReductionCount = 0;
    const tree = parse.advance();
    if (tree) return tree;
  }
}

const isIdentStart = (c: number) => charClass.isLetter(c) || c === 95 || c === 58;
const isIdentPart = (c: number) => isIdentStart(c) || charClass.isDigit(c);

/** The identifier that ends right before `pos` (spaces aside): `[a-zA-Z_:][\w:]*\s*$` on the text before. */
export function identifierBefore(text: string, pos: number): { name: string; index: number } | undefined {
  const end = text.slice(0, pos).trimEnd().length;
  let start = end;
  while (start > 0 && isIdentPart(text.charCodeAt(start - 1))) start--;
  while (start < end && !isIdentStart(text.charCodeAt(start))) start++;
  return start < end ? { name: text.slice(start, end), index: start } : undefined;
}

/** The token at `pos` (spaces aside) for an error message: a word, a number, or one character. */
export function tokenAt(text: string, pos: number): string | undefined {
  const rest = text.slice(pos).trimStart();
  if (rest === '') return undefined;
  const first = rest.charCodeAt(0);
  const number = charClass.isDigit(first) || first === 46;
  if (!isIdentStart(first) && !number) return rest.charAt(0);
  // `[a-zA-Z_:][\w:]*` or `[\d.][\w.]*`.
  const part = number ? (c: number) => charClass.isLetter(c) || charClass.isDigit(c) || c === 95 || c === 46 : isIdentPart;
  let end = 1;
  while (end < rest.length && part(rest.charCodeAt(end))) end++;
  return rest.slice(0, end);
}

export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== 'LineComment') out.push(c);
  return out;
}

const EXPR_NODES = new Set([
  'AggregateExpr', 'BinaryExpr', 'FunctionCall', 'MatrixSelector', 'NumberDurationLiteral', 'OffsetExpr', 'AnchoredExpr',
  'SmoothedExpr', 'ParenExpr', 'StringLiteral', 'SubqueryExpr', 'UnaryExpr', 'VectorSelector', 'StepInvariantExpr',
]);

export function exprChildren(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter((c) => EXPR_NODES.has(c.name));
}
