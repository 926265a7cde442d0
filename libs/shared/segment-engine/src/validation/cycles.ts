import type { RuleGroup, SegmentRules } from '../rules/types';

/** Ids of the segments a rules tree references directly. */
export function referencedSegmentIds(rules: SegmentRules): string[] {
  const ids = new Set<string>();
  const walk = (group: RuleGroup) => {
    for (const item of group.conditions) {
      if (item.type === 'group') walk(item);
      else if (item.type === 'segment') ids.add(item.segmentId);
    }
  };
  walk(rules);
  return [...ids];
}

/**
 * Would saving `rules` for `segmentId` make a reference cycle? Returns the cycle as a list of
 * ids (first = last = `segmentId`, e.g. [A, B, A]) or null. `lookup` gives other segments'
 * current rules (undefined for an unknown id, which is not followed).
 */
export function findSegmentCycle(
  segmentId: string,
  rules: SegmentRules,
  lookup: (id: string) => SegmentRules | undefined,
): string[] | null {
  const done = new Set<string>();
  const visit = (id: string, current: SegmentRules, trail: string[]): string[] | null => {
    for (const ref of referencedSegmentIds(current)) {
      if (ref === segmentId) return [...trail, ref];
      if (trail.includes(ref) || done.has(ref)) continue;
      const next = lookup(ref);
      if (next) {
        const found = visit(ref, next, [...trail, ref]);
        if (found) return found;
      }
      done.add(ref);
    }
    return null;
  };
  return visit(segmentId, rules, [segmentId]);
}
