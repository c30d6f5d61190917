/**
 * The PromQL syntax tree in the shape of Prometheus's parser (promql/parser
 * ast.go): the label enforcer edits it and the printer turns it back into
 * text the way Prometheus's `String()` does.
 */
export type MatchType = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  readonly name: string;
  readonly type: MatchType;
  readonly value: string;
}

/** Offset or duration in milliseconds, or a duration expression kept as written (promql-duration-expr). */
export type Duration = { readonly ms: number } | { readonly text: string };

export interface Modifiers {
  /** `@ <seconds>` in milliseconds, or `@ start()` / `@ end()`. */
  at?: number | 'start' | 'end';
  offset?: Duration;
  /** `anchored` / `smoothed` (promql-extended-range-selectors). */
  extended?: 'anchored' | 'smoothed';
}

export type Expr =
  | { kind: 'number'; value: number; duration: boolean }
  | { kind: 'string'; value: string }
  | ({ kind: 'vector'; name: string; matchers: Matcher[] } & Modifiers)
  | { kind: 'matrix'; selector: Extract<Expr, { kind: 'vector' }>; range: Duration }
  | ({ kind: 'subquery'; expr: Expr; range: Duration; step?: Duration } & Modifiers)
  | { kind: 'call'; func: string; args: Expr[] }
  | { kind: 'aggregate'; op: string; expr: Expr; param?: Expr; grouping: string[]; without: boolean }
  | {
      kind: 'binary';
      op: string;
      lhs: Expr;
      rhs: Expr;
      returnBool: boolean;
      matching?: { on: boolean; labels: string[]; card: 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many'; include: string[] };
    }
  | { kind: 'paren'; expr: Expr }
  | { kind: 'unary'; op: '-' | '+'; expr: Expr };

export type VectorSelector = Extract<Expr, { kind: 'vector' }>;
