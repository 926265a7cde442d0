import { escapeRegex } from './regex';
import { parseIsoDate, windowStart } from './time';

describe('time', () => {
  it('subtracts calendar months, clamping to shorter months', () => {
    const at = (s: string) => new Date(s).getTime();
    expect(
      new Date(
        windowStart(at('2026-03-31T10:00:00Z'), { amount: 1, unit: 'months' }),
      ).toISOString(),
    ).toBe('2026-02-28T10:00:00.000Z');
    expect(
      new Date(
        windowStart(at('2026-01-15T00:00:00Z'), { amount: 13, unit: 'months' }),
      ).toISOString(),
    ).toBe('2024-12-15T00:00:00.000Z');
    expect(windowStart(at('2026-01-15T00:00:00Z'), { amount: 2, unit: 'weeks' })).toBe(
      at('2026-01-01T00:00:00Z'),
    );
  });
  it('parses ISO-8601 dates, date-only as a whole UTC day', () => {
    expect(parseIsoDate('2026-01-31')?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(parseIsoDate('2026-01-31', true)?.toISOString()).toBe('2026-01-31T23:59:59.999Z');
    expect(parseIsoDate('2026-01-31T10:00:00+02:00')?.toISOString()).toBe(
      '2026-01-31T08:00:00.000Z',
    );
    expect(parseIsoDate('2026-02-30')).toBeUndefined();
    expect(parseIsoDate('31/01/2026')).toBeUndefined();
  });
  it('escapes every regex metacharacter', () => {
    const raw = '. * + ? ( ) [ ] { } \\ ^ $ |';
    expect(new RegExp(`^${escapeRegex(raw)}$`).test(raw)).toBe(true);
    expect(escapeRegex('a.b')).toBe('a\\.b');
  });
});
