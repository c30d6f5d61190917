/**
 * Parses a PromQL expression with the Prometheus project's own Lezer grammar
 * (`@prometheus-io/lezer-promql`) and builds the tree Prometheus's parser
 * would, with the checks its parser makes after the grammar: function names,
 * argument counts and types, aggregation and binary-operator types, where
 * `offset`/`@` and ranges may appear, and experimental syntax behind the
 * Prometheus feature flags. Errors carry a 1-based line and column. The
 * grammar's tree and the syntax errors are in syntax.ts, value types in
 * value-type.ts.
 */
import type { SyntaxNode } from '@lezer/common';
import type { ParseOptions, PromQLError } from '../../context/promql-check.js';
import type { Memo } from '../../core/memo.js';
import { goRegex } from '../../core/regex/go-regex.js';
import { charClass, isDigits } from '../../core/regex/scan.js';
import type { Duration, Expr, Matcher, MatchType, VectorSelector } from './ast.js';
import { AGGREGATIONS, FUNCTIONS, type ValueType } from './functions.js';
import { parseExactDuration } from '../../core/duration.js';
import { goUnquote } from './go-text.js';
import { children, exprChildren, identifierBefore, MAX_NESTING, OR_CHAIN_SPLIT, ParseFailure, SyntaxFailure, tokenAt, TOO_DEEP, topExpr, topLevelOrs } from './syntax.js';
import { expectType, TYPE_NAMES, typeOf } from './value-type.js';

export type ParseResult = { readonly expr: Expr; readonly error?: undefined } | { readonly expr?: undefined; readonly error: PromQLError };

const BINARY_OPS: Record<string, string> = {
  Pow: '^', Mul: '*', Div: '/', Mod: '%', Atan2: 'atan2', Add: '+', Sub: '-',
  Eql: '==', Neq: '!=', Gtr: '>', Lss: '<', Gte: '>=', Lte: '<=', TrimUpper: '</', TrimLower: '>/',
  And: 'and', Or: 'or', Unless: 'unless',
};
const COMPARISONS = new Set(['==', '!=', '>', '<', '>=', '<=']);
const SET_OPS = new Set(['and', 'or', 'unless']);
const MATCH_OPS: Record<string, MatchType> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

/**
 * Parses an expression. `memo` (one per render) compiles each distinct
 * matcher regex once.
 */
export function parsePromQL(text: string, options: ParseOptions = {}, memo?: Memo): ParseResult {
  const at = (pos: number): { line: number; column: number } => {
    const before = text.slice(0, pos).split('\n');
    return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
  };
  try {
    const b = new Builder(text, options, memo);
    const ors = topLevelOrs(text);
    return { expr: (ors.length > OR_CHAIN_SPLIT && b.orChain(ors)) || b.expr(topExpr(text, 0, text.length)) };
  } catch (e) {
    if (e instanceof SyntaxFailure) {
      const unknownFn = identifierBefore(text, e.pos);
      if (unknownFn && text.slice(e.pos).trimStart().startsWith('(') && !FUNCTIONS.has(unknownFn.name)) {
        return { error: { message: `parse error: unknown function with name ${JSON.stringify(unknownFn.name)}`, ...at(unknownFn.index) } };
      }
      const token = tokenAt(text, e.pos);
      return { error: { message: token ? `parse error: unexpected ${JSON.stringify(token)}` : 'parse error: unexpected end of input', ...at(e.pos) } };
    }
    if (e instanceof ParseFailure) return { error: { message: `parse error: ${e.message}`, ...at(e.pos) } };
    // Lezer builds its tree recursively: an expression nested thousands of levels deep overflows the stack.
    if (e instanceof RangeError) return { error: { message: `parse error: ${TOO_DEEP}`, ...at(0) } };
    throw e;
  }
}

class Builder {
  /** Value types of the binary expressions built so far, so that a long chain is typed once, not once per link. */
  private readonly types = new Map<Expr, ValueType>();
  private depth = 0;
  /** Where the positions of the nodes being built count from (see orChain). */
  private base = 0;

  constructor(
    private readonly text: string,
    private readonly options: ParseOptions,
    private readonly memo: Memo | undefined,
  ) {}

  private src(n: SyntaxNode): string {
    return this.text.slice(this.base + n.from, this.base + n.to);
  }

  expr(n: SyntaxNode): Expr {
    if (n.name === 'BinaryExpr') return this.binaryChain(n);
    if (++this.depth > MAX_NESTING) throw new ParseFailure(n.from, TOO_DEEP);
    const e = this.build(n);
    this.depth--;
    this.check(e, n);
    return e;
  }

  /**
   * A top-level chain of `or`, parsed one `<operand> or [on|ignoring (…)]
   * <operand>` pair at a time, so that no Lezer tree holds more than one
   * link; every pair is parsed before anything is built, so a syntax error
   * anywhere is reported first, as a parse of the whole text reports it.
   * Undefined when a pair does not come out as that `or` (the text is then
   * parsed whole, which reports what is wrong).
   */
  orChain(ors: ReadonlyArray<{ start: number; end: number }>): Expr | undefined {
    const pairs: Array<{ node: SyntaxNode; from: number }> = [];
    let from = 0;
    for (const [i, or] of ors.entries()) {
      const node = topExpr(this.text, from, ors[i + 1]?.start ?? this.text.length);
      const operands = exprChildren(node);
      if (node.name !== 'BinaryExpr' || operands.length !== 2 || !children(node).some((k) => k.name === 'Or' && from + k.from === or.start)) return undefined;
      pairs.push({ node, from });
      from += (operands[1] as SyntaxNode).from;
    }
    let lhs: Expr | undefined;
    for (const { node, from: offset } of pairs) {
      // Node positions count from the pair's start.
      this.base = offset;
      try {
        const operands = exprChildren(node);
        lhs ??= this.expr(operands[0] as SyntaxNode);
        lhs = this.binary(node, children(node), lhs, this.expr(operands[1] as SyntaxNode));
        this.types.set(lhs, this.typeOf(lhs));
      } catch (e) {
        if (e instanceof ParseFailure) throw new ParseFailure(offset + e.pos, e.message);
        throw e;
      } finally {
        this.base = 0;
      }
    }
    return lhs;
  }

  private typeOf(e: Expr): ValueType {
    return typeOf(e, this.types);
  }

  /**
   * A binary expression and the binary expressions below it, built without
   * recursion (children first, left before right, as a recursive walk
   * would): a flat chain of thousands of `or` is one long spine of binary
   * nodes, not nesting.
   */
  private binaryChain(root: SyntaxNode): Expr {
    interface Frame {
      readonly n: SyntaxNode;
      readonly kids: SyntaxNode[];
      readonly sub: SyntaxNode[];
      readonly operands: Expr[];
    }
    const frame = (n: SyntaxNode): Frame => ({ n, kids: children(n), sub: exprChildren(n), operands: [] });
    const stack: Frame[] = [frame(root)];
    let built: Expr | undefined;
    for (;;) {
      const top = stack[stack.length - 1] as Frame;
      if (built !== undefined) top.operands.push(built);
      built = undefined;
      const next = top.sub[top.operands.length];
      if (top.operands.length < 2 && next) {
        if (next.name === 'BinaryExpr') stack.push(frame(next));
        else top.operands.push(this.expr(next));
        continue;
      }
      stack.pop();
      built = this.binary(top.n, top.kids, top.operands[0] as Expr, top.operands[1] as Expr);
      this.types.set(built, this.typeOf(built));
      if (stack.length === 0) return built;
    }
  }

  private build(n: SyntaxNode): Expr {
    const kids = children(n);
    const sub = exprChildren(n);
    switch (n.name) {
      case 'NumberDurationLiteral':
        return this.number(n);
      case 'StringLiteral':
        return { kind: 'string', value: this.string(n) };
      case 'ParenExpr':
        return { kind: 'paren', expr: this.expr(sub[0] as SyntaxNode) };
      case 'UnaryExpr': {
        const op = this.src(kids[0] as SyntaxNode) as '-' | '+';
        const inner = this.expr(sub[0] as SyntaxNode);
        if (inner.kind === 'number') return { ...inner, value: op === '-' ? -inner.value : inner.value };
        return { kind: 'unary', op, expr: inner };
      }
      case 'VectorSelector':
        return this.vector(n);
      case 'MatrixSelector':
        return this.matrix(n, sub[0] as SyntaxNode, kids.find((k) => k.name === 'DurationExpr') as SyntaxNode);
      case 'SubqueryExpr': {
        const inner = this.expr(sub[0] as SyntaxNode);
        const durations = kids.filter((k) => k.name === 'DurationExpr');
        const type = this.typeOf(inner);
        if (type !== 'vector') throw new ParseFailure(n.from, `subquery is only allowed on instant vector, got ${TYPE_NAMES[type]} instead`);
        const step = durations[1] ? this.duration(durations[1]) : undefined;
        return { kind: 'subquery', expr: inner, range: this.duration(durations[0] as SyntaxNode), ...(step ? { step } : {}) };
      }
      case 'OffsetExpr':
        return this.offset(n, sub[0] as SyntaxNode, kids.find((k) => k.name === 'OffsetDurationExpr') as SyntaxNode);
      case 'StepInvariantExpr':
        return this.atModifier(n, sub[0] as SyntaxNode, kids[kids.length - 1] as SyntaxNode);
      case 'AnchoredExpr':
      case 'SmoothedExpr':
        return this.extended(n, sub[0] as SyntaxNode, n.name === 'AnchoredExpr' ? 'anchored' : 'smoothed');
      case 'FunctionCall':
        return this.call(n, kids);
      case 'AggregateExpr':
        return this.aggregate(n, kids);
      default:
        throw new ParseFailure(n.from, `unexpected ${n.name}`);
    }
  }

  private number(n: SyntaxNode): Expr {
    const raw = this.src(n).split(/\s/).join('');
    const sign = raw.startsWith('-') ? -1 : 1;
    const body = raw.startsWith('-') || raw.startsWith('+') ? raw.slice(1) : raw;
    const lower = body.toLowerCase();
    const ms = charClass.isLetter(lower.charCodeAt(lower.length - 1)) && lower !== 'inf' && lower !== 'nan' && !lower.startsWith('0x') ? parseExactDuration(body) : undefined;
    if (ms !== undefined) return { kind: 'number', value: (sign * ms) / 1000, duration: true };
    const value = parseNumber(body);
    if (value === undefined) throw new ParseFailure(n.from, `bad number or duration syntax: ${JSON.stringify(raw)}`);
    return { kind: 'number', value: sign * value, duration: false };
  }

  private string(n: SyntaxNode): string {
    const v = goUnquote(this.src(n));
    if (v === undefined) throw new ParseFailure(n.from, `invalid string literal ${this.src(n)}`);
    return v;
  }

  private labelName(n: SyntaxNode): string {
    return n.name === 'QuotedLabelName' ? this.string(n.firstChild as SyntaxNode) : this.src(n);
  }

  private vector(n: SyntaxNode): VectorSelector {
    const kids = children(n);
    const ident = kids.find((k) => k.name === 'Identifier');
    const name = ident ? this.src(ident) : '';
    const matchers: Matcher[] = [];
    let metricName = name;
    const list = kids.find((k) => k.name === 'LabelMatchers');
    for (const m of list ? children(list) : []) {
      if (m.name === 'QuotedLabelName') {
        const value = this.string(m.firstChild as SyntaxNode);
        if (metricName !== '') throw new ParseFailure(m.from, 'metric name must not be set twice');
        metricName = value;
        matchers.push({ name: '__name__', type: '=', value });
        continue;
      }
      const [label, op, value] = children(m);
      const matcher: Matcher = {
        name: this.labelName(label as SyntaxNode),
        type: MATCH_OPS[(op?.firstChild as SyntaxNode).name] as MatchType,
        value: this.string(value as SyntaxNode),
      };
      // Prometheus compiles the regex as it parses (labels.NewMatcher): Go's syntax, Go's error.
      const regexError = matcher.type === '=~' || matcher.type === '!~' ? goRegex('promql', matcher.value, this.memo).error : undefined;
      if (regexError !== undefined) throw new ParseFailure(m.from, regexError);
      if (matcher.name === '__name__' && matcher.type === '=' && name !== '') throw new ParseFailure(m.from, `metric name must not be set twice: ${JSON.stringify(name)} or ${JSON.stringify(matcher.value)}`);
      matchers.push(matcher);
    }
    const nonEmpty = name !== '' || matchers.some((m) => !matchesEmpty(m, this.memo));
    if (!nonEmpty) throw new ParseFailure(n.from, 'vector selector must contain at least one non-empty matcher');
    return { kind: 'vector', name, matchers };
  }

  private matrix(n: SyntaxNode, inner: SyntaxNode, range: SyntaxNode): Expr {
    const sel = this.expr(inner);
    if (sel.kind !== 'vector') throw new ParseFailure(n.from, 'ranges only allowed for vector selectors');
    if (sel.offset !== undefined) throw new ParseFailure(n.from, 'no offset modifiers allowed before range');
    if (sel.at !== undefined) throw new ParseFailure(n.from, 'no @ modifiers allowed before range');
    return { kind: 'matrix', selector: sel, range: this.duration(range) };
  }

  /** The selector (or subquery) that a trailing `offset`, `@` or `anchored` applies to. */
  private target(n: SyntaxNode, e: Expr, what: string): VectorSelector | Extract<Expr, { kind: 'subquery' }> {
    if (e.kind === 'vector' || e.kind === 'subquery') return e;
    if (e.kind === 'matrix') return e.selector;
    throw new ParseFailure(n.from, `${what} modifier must be preceded by an instant vector selector or range vector selector or a subquery`);
  }

  private offset(n: SyntaxNode, inner: SyntaxNode, dur: SyntaxNode): Expr {
    const e = this.expr(inner);
    const t = this.target(n, e, 'offset');
    if (t.offset !== undefined) throw new ParseFailure(n.from, 'offset may not be set multiple times');
    t.offset = this.duration(dur);
    return e;
  }

  private atModifier(n: SyntaxNode, inner: SyntaxNode, value: SyntaxNode): Expr {
    const e = this.expr(inner);
    const t = this.target(n, e, '@');
    if (t.at !== undefined) throw new ParseFailure(n.from, '@ <timestamp> may not be set multiple times');
    if (value.name === 'AtModifierPreprocessors') t.at = value.firstChild?.name === 'AtStart' ? 'start' : 'end';
    else {
      const num = this.number(value);
      if (num.kind !== 'number' || !Number.isFinite(num.value)) throw new ParseFailure(value.from, 'timestamp out of bounds for @ modifier');
      t.at = Math.round(num.value * 1000);
    }
    return e;
  }

  private extended(n: SyntaxNode, inner: SyntaxNode, which: 'anchored' | 'smoothed'): Expr {
    if (!this.options.extendedRangeSelectors) throw new ParseFailure(n.from, `${which} modifier is experimental and not enabled`);
    const e = this.expr(inner);
    this.target(n, e, which).extended = which;
    return e;
  }

  /** A range, step or offset: a literal keeps its value; an expression needs promql-duration-expr and is kept as written. */
  private duration(n: SyntaxNode): Duration {
    let node = n;
    while ((node.name === 'DurationExpr' || node.name === 'OffsetDurationExpr') && children(node).length === 1) node = children(node)[0] as SyntaxNode;
    if (node.name === 'NumberDurationLiteralInDurationContext') {
      const num = this.number(node);
      if (num.kind === 'number' && Number.isFinite(num.value)) return { ms: Math.round(num.value * 1000) };
    }
    const kids = children(node);
    if (node.name === 'OffsetDurationExpr' && kids[0]?.name === 'UnaryOp' && kids.length === 2) {
      const d = this.duration(kids[1] as SyntaxNode);
      if ('ms' in d) return { ms: this.src(kids[0]) === '-' ? -d.ms : d.ms };
    }
    if (!this.options.durationExpressions) throw new ParseFailure(n.from, 'experimental duration expression is not enabled');
    return { text: this.src(n).trim() };
  }

  private call(n: SyntaxNode, kids: SyntaxNode[]): Expr {
    const name = this.src(kids[0] as SyntaxNode);
    const def = FUNCTIONS.get(name);
    if (!def) throw new ParseFailure(n.from, `unknown function with name ${JSON.stringify(name)}`);
    if (def.experimental && !this.options.experimentalFunctions) {
      throw new ParseFailure(n.from, `function ${JSON.stringify(name)} is not enabled`);
    }
    const argNodes = exprChildren(kids[1] as SyntaxNode);
    const args = argNodes.map((a) => this.expr(a));
    const nargs = def.args.length;
    if (def.optional === 0) {
      if (args.length !== nargs) throw new ParseFailure(n.from, `expected ${nargs} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`);
    } else {
      const min = nargs - 1;
      if (args.length < min) throw new ParseFailure(n.from, `expected at least ${min} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`);
      if (def.optional > 0 && args.length > min + def.optional) {
        throw new ParseFailure(n.from, `expected at most ${min + def.optional} argument(s) in call to ${JSON.stringify(name)}, got ${args.length}`);
      }
    }
    args.forEach((a, i) => {
      const want = def.args[Math.min(i, nargs - 1)] as ValueType;
      expectType(argNodes[i] as SyntaxNode, a, want, `call to function ${JSON.stringify(name)}`, this.types);
    });
    return { kind: 'call', func: name, args };
  }

  private aggregate(n: SyntaxNode, kids: SyntaxNode[]): Expr {
    const opNode = kids.find((k) => k.name === 'AggregateOp') as SyntaxNode;
    const op = this.src(opNode).toLowerCase();
    const def = AGGREGATIONS.get(op);
    if (!def) throw new ParseFailure(n.from, `unknown aggregation ${op}`);
    if (def.experimental && !this.options.experimentalFunctions) throw new ParseFailure(n.from, `${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`);
    const modifier = kids.find((k) => k.name === 'AggregateModifier');
    const grouping = modifier ? this.grouping(children(modifier)[1] as SyntaxNode) : [];
    const without = modifier?.firstChild?.name === 'Without';
    const argNodes = exprChildren(kids.find((k) => k.name === 'FunctionCallBody') as SyntaxNode);
    const want = def.param ? 2 : 1;
    if (argNodes.length !== want) throw new ParseFailure(n.from, `wrong number of arguments for aggregate expression provided, expected ${want}, got ${argNodes.length}`);
    const args = argNodes.map((a) => this.expr(a));
    const expr = args[args.length - 1] as Expr;
    expectType(argNodes[argNodes.length - 1] as SyntaxNode, expr, 'vector', 'aggregation expression', this.types);
    if (def.param) expectType(argNodes[0] as SyntaxNode, args[0] as Expr, def.param, 'aggregation parameter', this.types);
    return { kind: 'aggregate', op, expr, ...(def.param ? { param: args[0] } : {}), grouping, without };
  }

  private grouping(n: SyntaxNode): string[] {
    return children(n).map((l) => this.labelName(l));
  }

  /** A binary expression over operands already built (see binaryChain). */
  private binary(n: SyntaxNode, kids: SyntaxNode[], lhs: Expr, rhs: Expr): Expr {
    const opNode = kids.find((k) => k.name in BINARY_OPS) as SyntaxNode;
    const op = BINARY_OPS[opNode.name] as string;
    const returnBool = kids.some((k) => k.name === 'BoolModifier');
    if (kids.some((k) => k.name === 'FillModifier') && !this.options.binopFillModifiers) {
      throw new ParseFailure(n.from, 'binop fill modifiers are experimental and not enabled');
    }
    const clause = kids.find((k) => k.name === 'MatchingModifierClause');
    let matching: Extract<Expr, { kind: 'binary' }>['matching'];
    if (clause) {
      const parts = children(clause);
      const on = parts[0]?.name === 'On';
      const labels = this.grouping(parts[1] as SyntaxNode);
      const side = parts[2]?.name;
      const include = parts[3] ? this.grouping(parts[3]) : [];
      matching = { on, labels, card: side === 'GroupLeft' ? 'many-to-one' : side === 'GroupRight' ? 'one-to-many' : 'one-to-one', include };
      if (SET_OPS.has(op) && matching.card !== 'one-to-one') throw new ParseFailure(n.from, `no grouping allowed for "${op}" operation`);
      if (on) for (const l of include) if (labels.includes(l)) throw new ParseFailure(n.from, `label "${l}" must not occur in ON and GROUP clause at once`);
    }
    if (SET_OPS.has(op)) matching = { on: false, labels: [], include: [], ...matching, card: 'many-to-many' };
    const lt = this.typeOf(lhs);
    const rt = this.typeOf(rhs);
    const operand = (t: ValueType): boolean => t === 'scalar' || t === 'vector';
    if (!operand(lt) || !operand(rt)) throw new ParseFailure(n.from, 'binary expression must contain only scalar and instant vector types');
    if (returnBool && !COMPARISONS.has(op)) throw new ParseFailure(n.from, 'bool modifier can only be used on comparison operators');
    if (COMPARISONS.has(op) && !returnBool && lt === 'scalar' && rt === 'scalar') throw new ParseFailure(n.from, 'comparisons between scalars must use BOOL modifier');
    if ((lt !== 'vector' || rt !== 'vector') && clause) throw new ParseFailure(n.from, 'vector matching only allowed between instant vectors');
    if (SET_OPS.has(op) && (lt === 'scalar' || rt === 'scalar')) throw new ParseFailure(n.from, `set operator "${op}" not allowed in binary scalar expression`);
    if (lt !== 'vector' || rt !== 'vector') matching = undefined;
    else if (!matching) matching = { on: false, labels: [], card: 'one-to-one', include: [] };
    return { kind: 'binary', op, lhs, rhs, returnBool, ...(matching ? { matching } : {}) };
  }

  private check(e: Expr, n: SyntaxNode): void {
    if (e.kind === 'unary') {
      const t = this.typeOf(e.expr);
      if (t !== 'scalar' && t !== 'vector') throw new ParseFailure(n.from, `unary expression only allowed on expressions of type scalar or instant vector, got ${JSON.stringify(TYPE_NAMES[t])}`);
    }
  }
}

function parseNumber(body: string): number | undefined {
  const lower = body.toLowerCase();
  if (lower === 'inf') return Infinity;
  if (lower === 'nan') return NaN;
  if (lower.startsWith('0x') && lower.length > 2 && [...lower.slice(2)].every((c) => '0123456789abcdef'.includes(c))) return parseInt(body.slice(2), 16);
  const plain = body.replace(/(\d)_(?=\d)/g, '$1');
  return isDecimal(plain) ? Number(plain) : undefined;
}

/** `^(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$`, case-insensitive. */
function isDecimal(text: string): boolean {
  const e = text.search(/[eE]/);
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponent = e < 0 ? undefined : text.slice(e + 1);
  const dot = mantissa.indexOf('.');
  const whole = dot < 0 ? mantissa : mantissa.slice(0, dot);
  const fraction = dot < 0 ? '' : mantissa.slice(dot + 1);
  const digitsOrEmpty = (s: string) => s === '' || isDigits(s);
  const mantissaOk = dot < 0 ? isDigits(whole) : digitsOrEmpty(whole) && digitsOrEmpty(fraction) && (whole !== '' || fraction !== '');
  return mantissaOk && (exponent === undefined || isDigits(exponent.startsWith('+') || exponent.startsWith('-') ? exponent.slice(1) : exponent));
}

/** Whether a matcher accepts the empty value (used for the "at least one non-empty matcher" rule). */
function matchesEmpty(m: Matcher, memo: Memo | undefined): boolean {
  switch (m.type) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    case '=~':
    case '!~': {
      const re = goRegex('promql', m.value, memo).pattern;
      if (!re) return false;
      return m.type === '=~' ? re.matchesAll('') : !re.matchesAll('');
    }
  }
}
