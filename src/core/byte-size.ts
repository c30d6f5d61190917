/**
 * Byte sizes (`512MB`, `1.5GiB`): every unit a power of 1024, `KB` and `KiB`
 * alike, as the operator reads its ByteSize fields. The two products' fields
 * accept different text here, and each keeps its own:
 *
 * - parseByteSize (Prometheus's body size limits): one number and one unit,
 *   optionally with white space between them (`512 MB`); fractions of a byte
 *   are kept. Anything else, `1GiB512MiB` included, reads as 0.
 * - parseBase2Bytes (Alertmanager's `--silences.max-per-silence-bytes`): a
 *   sequence of number-and-unit terms added up (`1GiB512MiB`), as the units
 *   package's ParseBase2Bytes reads it; no white space; the total is
 *   truncated to whole bytes.
 *
 * Both read unreadable text as 0, as the operator does when it ignores the
 * parse error.
 */
import { re2 } from './regex/re2.js';
import { charClass } from './regex/scan.js';
import { ownValue } from './objects.js';

// On RE2: `\d*\.?\d+` backtracks quadratically on a long run of digits in JavaScript.
const BYTE_SIZE = re2('^([0-9]*\\.?[0-9]+)\\s*([KMGTPE]?)(i?)B$');
const UNIT_POWER: Readonly<Record<string, number>> = { '': 0, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };

/** One number and unit (`512MB`, `1.5 GiB`) in bytes; 0 when unreadable. */
export function parseByteSize(text: string): number {
  const m = BYTE_SIZE.exec(text);
  if (!m) return 0;
  return Number(m[1]) * 1024 ** (UNIT_POWER[m[2] ?? ''] ?? 0);
}

const BASE2_UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1024,
  KiB: 1024,
  MB: 1024 ** 2,
  MiB: 1024 ** 2,
  GB: 1024 ** 3,
  GiB: 1024 ** 3,
  TB: 1024 ** 4,
  TiB: 1024 ** 4,
  PB: 1024 ** 5,
  PiB: 1024 ** 5,
  EB: 1024 ** 6,
  EiB: 1024 ** 6,
};

/** Number-and-unit terms added up (`5MB`, `1GiB512MiB`), in whole bytes; 0 when unreadable. */
export function parseBase2Bytes(text: string): number {
  if (text === '0') return 0;
  let total = 0;
  let at = 0;
  // Terms of `[0-9]*\.?[0-9]+[A-Za-z]+`, read by hand: that pattern backtracks on long digit runs.
  const run = (from: number, ok: (c: number) => boolean) => {
    let i = from;
    while (i < text.length && ok(text.charCodeAt(i))) i++;
    return i;
  };
  while (at < text.length) {
    const whole = run(at, charClass.isDigit);
    const dot = text[whole] === '.';
    const end = dot ? run(whole + 1, charClass.isDigit) : whole;
    if (end === (dot ? whole + 1 : at)) return 0;
    const unitEnd = run(end, charClass.isLetter);
    const mult = ownValue(BASE2_UNITS, text.slice(end, unitEnd));
    if (unitEnd === end || mult === undefined) return 0;
    total += Number(text.slice(at, end)) * mult;
    at = unitEnd;
  }
  return Math.trunc(total);
}
