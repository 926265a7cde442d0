import { describe, expect, it } from 'vitest';
import type { SegmentImpact } from '../../../api/paths';
import { impactText } from './impact-text';

const impact = (overrides: Partial<SegmentImpact> = {}): SegmentImpact => ({
  join: { count: 214, sample: ['u1'] },
  leave: { count: 37, sample: ['u2'] },
  experiences: [
    { id: 'exp_1', name: 'Onboarding tour', status: 'published', before: 1240, after: 1417 },
  ],
  exact: true,
  scanned: 1,
  asOf: '2026-12-01T00:00:00.000Z',
  ...overrides,
});

describe('impactText', () => {
  it('reads "+214 join, −37 leave; Onboarding tour 1,240 → 1,417" with the real minus sign', () => {
    const text = impactText(impact());
    expect(text).toBe('+214 join, −37 leave; Onboarding tour 1,240 → 1,417');
    expect(text).toContain('\u2212');
    expect(text).not.toContain('-37');
  });

  it('lists every experience in order, and none when no experience uses the segment', () => {
    expect(
      impactText(
        impact({
          join: { count: 12_345, sample: [] },
          leave: { count: 0, sample: [] },
          experiences: [
            { id: 'exp_1', name: 'Tour', status: 'draft', before: 0, after: 12_345 },
            { id: 'exp_2', name: 'NPS', status: 'published', before: 2_000_000, after: 2_000_000 },
          ],
        }),
      ),
    ).toBe('+12,345 join, −0 leave; Tour 0 → 12,345; NPS 2,000,000 → 2,000,000');
    expect(impactText(impact({ experiences: [] }))).toBe('+214 join, −37 leave');
  });

  it('marks an estimate with "≈" in front of the whole line', () => {
    expect(impactText(impact({ exact: false, scanned: 0.13 }))).toBe(
      '≈ +214 join, −37 leave; Onboarding tour 1,240 → 1,417',
    );
  });
});
