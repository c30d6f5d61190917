/**
 * Writes a PromQL tree back as text, as Prometheus's `Expr.String()` does
 * (promql/parser/printer.go): the operator stores the enforced expression in
 * that form, so `sum(x) by (a)` comes out as `sum by (a) (x)` and matchers
 * are sorted.
 */
import { compareStrings } from '../../core/compare.js';
import { isLegacyLabelName } from '../../core/regex/scan.js';
import type { Duration, Expr, Matcher, Modifiers } from './ast.js';
import { formatDuration } from '../../core/duration.js';
import { formatFloat, goQuote } from './go-text.js';

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'number':
      if (e.duration) return e.value < 0 ? `-${formatDuration(Math.round(-e.value * 1000))}` : formatDuration(Math.round(e.value * 1000));
      return formatFloat(e.value);
    case 'string':
      return goQuote(e.value);
    case 'paren':
      return `(${printExpr(e.expr)})`;
    case 'unary':
      return `${e.op}${printExpr(e.expr)}`;
    case 'call':
      return `${e.func}(${e.args.map(printExpr).join(', ')})`;
    case 'vector':
      return selector(e.name, e.matchers) + at(e) + extended(e) + offset(e);
    case 'matrix':
      return `${selector(e.selector.name, e.selector.matchers)}[${duration(e.range)}]${extended(e.selector)}${at(e.selector)}${offset(e.selector)}`;
    case 'subquery':
      return `${printExpr(e.expr)}[${duration(e.range)}:${e.step && !('ms' in e.step && e.step.ms === 0) ? duration(e.step) : ''}]${at(e)}${offset(e)}`;
    case 'aggregate': {
      let op = e.op;
      if (e.without) op += ` without (${labelList(e.grouping)}) `;
      else if (e.grouping.length > 0) op += ` by (${labelList(e.grouping)}) `;
      return `${op}(${e.param ? `${printExpr(e.param)}, ` : ''}${printExpr(e.expr)})`;
    }
    case 'binary': {
      // A chain `a or b or …` nests on the left: walk down that spine instead of recursing along it.
      const spine: Array<Extract<Expr, { kind: 'binary' }>> = [];
      let left: Expr = e;
      while (left.kind === 'binary') {
        spine.push(left);
        left = left.lhs;
      }
      let out = printExpr(left);
      for (let i = spine.length - 1; i >= 0; i--) out += binaryTail(spine[i] as Extract<Expr, { kind: 'binary' }>);
      return out;
    }
  }
}

/** ` <op>[ bool][ on|ignoring (…)][ group_x (…)] <rhs>`. */
function binaryTail(e: Extract<Expr, { kind: 'binary' }>): string {
  let matching = '';
  const vm = e.matching;
  if (vm) {
    const grouped = vm.card === 'many-to-one' || vm.card === 'one-to-many';
    if (vm.labels.length > 0 || vm.on || grouped) matching = ` ${vm.on ? 'on' : 'ignoring'} (${labelList(vm.labels)})`;
    if (grouped) matching += ` group_${vm.card === 'many-to-one' ? 'left' : 'right'} (${labelList(vm.include)})`;
  }
  return ` ${e.op}${e.returnBool ? ' bool' : ''}${matching} ${printExpr(e.rhs)}`;
}

function labelList(names: readonly string[]): string {
  return names.map((n) => (isLegacyLabelName(n) ? n : goQuote(n))).join(', ');
}

function matcherText(m: Matcher): string {
  const name = isLegacyLabelName(m.name) ? m.name : goQuote(m.name);
  return `${name}${m.type}${goQuote(m.value)}`;
}

function selector(name: string, matchers: readonly Matcher[]): string {
  const parts = matchers
    .filter((m) => !(m.name === '__name__' && m.type === '=' && m.value === name && m.value !== ''))
    .map(matcherText)
    .sort(compareStrings);
  return parts.length > 0 ? `${name}{${parts.join(',')}}` : name;
}

function duration(d: Duration): string {
  return 'ms' in d ? formatDuration(d.ms) : d.text;
}

function at(m: Modifiers): string {
  if (m.at === 'start') return ' @ start()';
  if (m.at === 'end') return ' @ end()';
  return m.at === undefined ? '' : ` @ ${(m.at / 1000).toFixed(3)}`;
}

function extended(m: Modifiers): string {
  return m.extended ? ` ${m.extended}` : '';
}

function offset(m: Modifiers): string {
  if (!m.offset) return '';
  if (!('ms' in m.offset)) return ` offset ${m.offset.text}`;
  if (m.offset.ms > 0) return ` offset ${formatDuration(m.offset.ms)}`;
  if (m.offset.ms < 0) return ` offset -${formatDuration(-m.offset.ms)}`;
  return '';
}
