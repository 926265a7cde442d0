// Reference evaluator (test-only): dates and windows, written from shared/spec/segments.md and
// the README's decisions, without the engine's time helpers (so their mistakes cannot hide).
import type { TimeUnit } from '../../rules/types';

const MINUTE_MS = 60_000;
const FIXED_UNIT_MS: Record<Exclude<TimeUnit, 'months'>, number> = {
  minutes: MINUTE_MS,
  hours: 60 * MINUTE_MS,
  days: 24 * 60 * MINUTE_MS,
  weeks: 7 * 24 * 60 * MINUTE_MS,
};

/** The instants an ISO-8601 value names: one instant, or a whole UTC day for a date only. */
export interface NamedSpan {
  first: number;
  last: number;
}

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export function parseIsoSpan(text: string): NamedSpan {
  const match = ISO_PATTERN.exec(text);
  if (!match) throw new Error(`reference: not an ISO-8601 value it knows: ${text}`);
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const midnight = Date.UTC(Number(year), Number(month) - 1, Number(day));
  if (hour === undefined) return { first: midnight, last: midnight + FIXED_UNIT_MS.days - 1 };
  const millis = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0'));
  let instant =
    midnight +
    Number(hour) * FIXED_UNIT_MS.hours +
    Number(minute) * MINUTE_MS +
    Number(second ?? 0) * 1000 +
    millis;
  // No zone means UTC; "+02:00" is two hours ahead of UTC, so UTC is two hours earlier.
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [zoneHours, zoneMinutes] = zone.slice(1).split(':').map(Number);
    instant -= sign * (zoneHours * FIXED_UNIT_MS.hours + zoneMinutes * MINUTE_MS);
  }
  return { first: instant, last: instant };
}

const daysInUtcMonth = (year: number, monthIndex: number) =>
  new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();

/** `now − amount unit`: months are calendar months in UTC, the day clamped to the month's end. */
export function windowStartMs(now: Date, amount: number, unit: TimeUnit): number {
  if (unit !== 'months') return now.getTime() - amount * FIXED_UNIT_MS[unit];
  const monthsSinceYearZero = now.getUTCFullYear() * 12 + now.getUTCMonth() - amount;
  const year = Math.floor(monthsSinceYearZero / 12);
  const monthIndex = monthsSinceYearZero - year * 12;
  const day = Math.min(now.getUTCDate(), daysInUtcMonth(year, monthIndex));
  const timeOfDay =
    now.getTime() - Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Date.UTC(year, monthIndex, day) + timeOfDay;
}
