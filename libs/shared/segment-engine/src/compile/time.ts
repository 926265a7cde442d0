import type { RelativeWindow, TimeUnit } from '../rules/types';

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DAY_MS = 86_400_000;

/**
 * Parses an ISO-8601 date or date-time (no zone = UTC). Returns undefined when invalid.
 * `endOfDay` makes a date-only string mean the last millisecond of that UTC day.
 */
export function parseIsoDate(iso: string, endOfDay = false): Date | undefined {
  const m = ISO_RE.exec(iso);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) {
    return undefined;
  }
  let text = `${y}-${mo}-${d}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}${frac ? frac.slice(0, 4) : ''}`;
  text += zone ? (zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')) : 'Z';
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return undefined;
  // Reject overflowing calendar dates such as 2026-02-31.
  if (!zone || zone === 'Z') {
    if (date.getUTCDate() !== day || date.getUTCMonth() + 1 !== month) return undefined;
  }
  if (endOfDay && h === undefined) return new Date(date.getTime() + DAY_MS - 1);
  return date;
}

const UNIT_MS: Record<Exclude<TimeUnit, 'months'>, number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: DAY_MS,
  weeks: 7 * DAY_MS,
};

/**
 * The start of a rolling window ending at `nowMs`. Months are calendar months (UTC),
 * clamped to the last day of a shorter month (Mar 31 − 1 month = Feb 28/29).
 */
export function windowStart(nowMs: number, window: RelativeWindow): number {
  if (window.unit !== 'months') return nowMs - window.amount * UNIT_MS[window.unit];
  const now = new Date(nowMs);
  const totalMonths = now.getUTCFullYear() * 12 + now.getUTCMonth() - window.amount;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const start = new Date(nowMs);
  start.setUTCFullYear(year, month, Math.min(now.getUTCDate(), lastDay));
  return start.getTime();
}
