import type { SegmentImpact } from '../../../api/paths';
import { formatNumber } from '../../../app/format';

/** The real minus sign (U+2212), not a hyphen. */
const MINUS = '\u2212';

/**
 * The edit's impact in one line, as the editor shows it next to Save:
 * "+214 join, −37 leave; Onboarding tour 1,240 → 1,417" (one "; name before → after" per
 * experience using the segment, in the API's order). When the API says `exact: false` (the
 * draft was evaluated on a sample of the users within the time budget) the whole line starts
 * with "≈ ": every figure of it then comes from that sample.
 */
export function impactText(impact: SegmentImpact): string {
  const parts = [
    `+${formatNumber(impact.join.count)} join, ${MINUS}${formatNumber(impact.leave.count)} leave`,
    ...impact.experiences.map(
      (experience) =>
        `${experience.name} ${formatNumber(experience.before)} → ${formatNumber(experience.after)}`,
    ),
  ];
  return `${impact.exact ? '' : '≈ '}${parts.join('; ')}`;
}
