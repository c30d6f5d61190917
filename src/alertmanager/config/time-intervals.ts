import { isDigits, isInteger } from '../../core/regex/scan.js';
import type { MuteTimeInterval } from '../../api/alertmanager-config.js';
import { isPlainObject } from '../../core/objects.js';
import { fail, namespacedName, type Doc } from './context.js';

/**
 * Time intervals: AlertmanagerConfig `muteTimeIntervals` (v1alpha1) /
 * `timeIntervals` (v1beta1) converted to Alertmanager's shape, and the base
 * configuration's intervals read and written back as Alertmanager does
 * (weekday names, numeric month/day/year ranges, `HH:MM` times).
 */
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const TIME = /^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)/;

function splitRange(text: string): [string, string] {
  if (!text.includes(':')) return [text, text];
  const parts = text.split(':');
  if (parts.length !== 2) fail(`invalid range provided ${text}`);
  return [parts[0] as string, parts[1] as string];
}

function minutes(text: string): number {
  if (!TIME.test(text)) fail(`couldn't parse timestamp ${text}, invalid format`);
  const [h, m] = text.split(':').map(Number);
  return (h as number) * 60 + (m as number);
}

function clock(mins: number): string {
  return `${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;
}

function weekday(text: string): number {
  const lower = text.toLowerCase();
  const i = WEEKDAYS.indexOf(lower);
  if (i >= 0) return i;
  if (!isInteger(lower, '-')) fail(`${text} is an invalid weekday`);
  return Number(lower);
}

function month(text: string): number {
  const lower = text.toLowerCase();
  const i = MONTHS.indexOf(lower);
  if (i >= 0) return i + 1;
  const n = Number(lower);
  if (!isDigits(lower) || n < 1 || n > 12) fail(`${text} is an invalid month`);
  return n;
}

function rangeText(begin: number, end: number): string {
  return begin === end ? String(begin) : `${begin}:${end}`;
}

function weekdayRange(text: string): string {
  const [s, e] = splitRange(text);
  const start = weekday(s);
  const end = weekday(e);
  if (start > end) fail('start day cannot be before end day');
  if (start < 0 || start > 6) fail(`${s} is not a valid day of the week: out of range`);
  if (end < 0 || end > 6) fail(`${e} is not a valid day of the week: out of range`);
  return start === end ? (WEEKDAYS[start] as string) : `${WEEKDAYS[start]}:${WEEKDAYS[end]}`;
}

function monthRange(text: string): string {
  const [s, e] = splitRange(text);
  const start = month(s);
  const end = month(e);
  if (start > end) fail(`end month ${e} is before start month ${s}`);
  return rangeText(start, end);
}

function yearRange(text: string): string {
  const [s, e] = splitRange(text);
  if (!isInteger(s, '-')) fail(`start year cannot be ${s} parsed`);
  if (!isInteger(e, '-')) fail(`end year cannot be ${e} parsed`);
  if (Number(s) > Number(e)) fail(`end year ${e} is before start year ${s}`);
  return rangeText(Number(s), Number(e));
}

function dayOfMonthRange(start: number, end: number): string {
  if (start === 0 || start < -31 || start > 31) fail(`${start} is not a valid day of the month: out of range`);
  if (end === 0 || end < -31 || end > 31) fail(`${end} is not a valid day of the month: out of range`);
  if (start < 0 && end > 0) fail('end day must be negative if start day is negative');
  const b = start < 0 ? 28 + start : start;
  const e = end < 0 ? 28 + end : end;
  if (b > e) fail(`end day ${end} is always before start day ${start}`);
  return rangeText(start, end);
}

function timeRange(startText: string, endText: string): Doc {
  if (!startText || !endText) fail('start and end are required');
  const start = minutes(startText);
  const end = minutes(endText);
  if (start >= end) fail(`start time ${start} cannot be equal or greater than end time ${end}`);
  return { start_time: clock(start), end_time: clock(end) };
}

function interval(parts: {
  times: Doc[];
  weekdays: string[];
  days: string[];
  months: string[];
  years: string[];
  location?: unknown;
}): Doc {
  const out: Doc = {};
  if (parts.times.length) out.times = parts.times;
  if (parts.weekdays.length) out.weekdays = parts.weekdays;
  if (parts.days.length) out.days_of_month = parts.days;
  if (parts.months.length) out.months = parts.months;
  if (parts.years.length) out.years = parts.years;
  if (parts.location !== undefined && parts.location !== null && parts.location !== '') out.location = parts.location;
  return out;
}

/** Checks one AlertmanagerConfig time interval, as the operator's validation does. */
export function checkMuteTimeInterval(mti: MuteTimeInterval): void {
  if (!mti.name) fail('empty name field for mute time interval');
  convertMuteTimeInterval(mti, '', '');
}

/** An AlertmanagerConfig (v1alpha1) mute time interval → Alertmanager, name prefixed. */
export function convertMuteTimeInterval(mti: MuteTimeInterval, crNamespace: string, crName: string): Doc {
  const intervals = (mti.timeIntervals ?? []).map((ti) =>
    interval({
      times: (ti.times ?? []).map((t) => timeRange(String(t.startTime ?? ''), String(t.endTime ?? ''))),
      weekdays: (ti.weekdays ?? []).map(weekdayRange),
      days: (ti.daysOfMonth ?? []).map((d) => dayOfMonthRange(Number(d.start ?? 0), Number(d.end ?? 0))),
      months: (ti.months ?? []).map(monthRange),
      years: (ti.years ?? []).map((y) => yearRange(String(y))),
    }),
  );
  return { name: namespacedName(String(mti.name ?? ''), crNamespace, crName), time_intervals: intervals };
}

/** A base-configuration time interval (YAML from a Secret, so any shape) read and written back. */
export function normalizeTimeInterval(value: unknown): Doc {
  const ti = mapping(value);
  const intervals = list(ti.time_intervals).map((item) => {
    const t = mapping(item);
    return interval({
      times: list(t.times).map(mapping).map((r) => timeRange(String(r.start_time ?? ''), String(r.end_time ?? ''))),
      weekdays: list(t.weekdays).map((w) => weekdayRange(String(w))),
      days: list(t.days_of_month).map((d) => {
        const [s, e] = splitRange(String(d));
        return dayOfMonthRange(Number(s), Number(e));
      }),
      months: list(t.months).map((m) => monthRange(String(m))),
      years: list(t.years).map((y) => yearRange(String(y))),
      location: t.location,
    });
  });
  return { name: ti.name ?? '', time_intervals: intervals };
}

function mapping(v: unknown): Readonly<Record<string, unknown>> {
  return isPlainObject(v) ? v : fail('expected a mapping');
}

function list(v: unknown): readonly unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : fail('expected a sequence');
}
