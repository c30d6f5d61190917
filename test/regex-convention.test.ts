/**
 * Input text meets regular expressions in one place: src/core/regex/, where
 * every pattern runs on RE2 and so in linear time. Elsewhere in src/ a
 * JavaScript RegExp (literal or constructed) is allowed in two cases only:
 *
 * - it has no unbounded repetition (no `*`, `+` or `{n,}`): then a match is
 *   at most as long as the pattern allows, each start position costs a
 *   bounded amount of work, and a scan is linear in the text however it
 *   backtracks;
 * - it never sees input text: each such pattern is listed here with why.
 *
 * The CRD patterns of the precompiled schema validators are routed to RE2 by
 * scripts/build.mjs; the generated module and the bundle are checked here.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import ts from 'typescript';

const REGEX_HOME = 'src/core/regex/';

/** file → pattern source → why it never sees input text. */
const OWN_TEXT: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'src/core/yaml-emit.ts': { '^[-+]?[0-9]+e': "reads the text of a number we formatted with JavaScript's String()" },
  'src/rules/promql/go-text.ts': { '^(-?)(\\d+)(?:\\.(\\d+))?e([+-]\\d+)$': 'reads the exponent form of a number we formatted with toExponential()' },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Found {
  readonly file: string;
  readonly line: number;
  readonly source: string;
}

/** Regex literals and `RegExp(…)` / `new RegExp(…)` calls (their first argument's text, or `<dynamic>`). */
function regexesIn(file: string): Found[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Found[] = [];
  const add = (node: ts.Node, source: string) => out.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, source });
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = (node as ts.RegularExpressionLiteral).text;
      add(node, literal.slice(1, literal.lastIndexOf('/')));
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const first = node.arguments?.[0];
      add(node, first && ts.isStringLiteralLike(first) ? first.text : '<dynamic>');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Whether a JavaScript pattern can repeat without bound: `*`, `+` or `{n,}` outside a class. */
function unbounded(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '*' || c === '+' || (c === '{' && /^\{\d+,\}/.test(source.slice(i)))) return true;
  }
  return false;
}

test('outside src/core/regex/, src/ holds only the allowlisted RegExps, which see none of the input', () => {
  const found = sourceFiles('src')
    .map((f) => relative('.', f))
    .filter((f) => !f.startsWith(REGEX_HOME))
    .flatMap(regexesIn);
  const unexpected = found
    .filter((r) => r.source === '<dynamic>' || unbounded(r.source))
    .filter((r) => OWN_TEXT[r.file]?.[r.source] === undefined)
    .map((r) => `${r.file}:${r.line} /${r.source}/`);
  assert.equal(unexpected, []);
  // Every allowlist entry still exists: the list never outlives the code it excuses.
  const stale = Object.entries(OWN_TEXT).flatMap(([file, sources]) =>
    Object.keys(sources)
      .filter((s) => !found.some((r) => r.file === file && r.source === s))
      .map((s) => `${file} /${s}/`),
  );
  assert.equal(stale, []);
});

test('the finder sees literals and constructed RegExps alike', () => {
  const dir = mkdtempSync(join(tmpdir(), 'regex-convention-'));
  const file = join(dir, 'probe.ts');
  writeFileSync(file, "const a = /x+y/g;\nconst b = new RegExp('c*');\nconst c = RegExp(pattern);\nconst d = 'e.replace(/f/)';\n");
  const found = regexesIn(file).map((r) => `${r.line} ${r.source}`);
  rmSync(dir, { recursive: true });
  assert.equal(found, ['1 x+y', '2 c*', '3 <dynamic>']);
});

test('the generated schema validators hold no RegExp of their own, and the bundle none of their patterns', () => {
  const generated = readFileSync('src/api/schema-validators.gen.js', 'utf8');
  assert.not.match(generated, /\bRegExp\(/);
  assert.not.match(generated, /re2-wasm|runtime\/re2/);
  const patterns = [...generated.matchAll(/__crdPattern\d*\("((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] as string);
  assert.ok(patterns.some((p) => p.startsWith('(^0|([0-9]*[.])?[0-9]+')), 'the ByteSize pattern is routed');
  if (existsSync('dist/prometheus-krm.cjs')) {
    const bundle = readFileSync('dist/prometheus-krm.cjs', 'utf8');
    assert.equal(patterns.filter((p) => bundle.includes(`RegExp("${p}"`)), []);
    assert.not.match(bundle, /re2-wasm/);
  }
});

test('bounded patterns are told from unbounded ones', () => {
  const verdicts = ['^[0-9]{3}$', 'a|b?', '[*+]', '\\+', 'x{2,5}', 'a+', '[a]*', 'x{2,}', '(?:ab)*c'].map(unbounded);
  assert.equal(verdicts, [false, false, false, false, false, true, true, true, true]);
});

test.run();
