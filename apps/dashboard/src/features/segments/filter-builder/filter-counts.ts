import type { FilterCountsResponse } from '../../../api/paths';

/** One node's figures: users it matches on its own, and its group's running total there. */
export interface NodeCount {
  count: number;
  runningTotal: number;
}

/** The per-filter counts the builder shows (from `POST /v1/segments/filter-counts`). */
export interface FilterCounts {
  byPath: ReadonlyMap<string, NodeCount>;
  /** The path of the filter (or group) that empties the segment, or null. */
  emptiedBy: string | null;
  /** False: every figure is an estimate (shown with "≈"). */
  exact: boolean;
}

export function filterCountsOf(answer: FilterCountsResponse): FilterCounts {
  return {
    byPath: new Map(
      answer.filters.map((node) => [
        node.path,
        { count: node.count, runningTotal: node.runningTotal },
      ]),
    ),
    emptiedBy: answer.emptiedBy,
    exact: answer.exact,
  };
}

const numberFormat = new Intl.NumberFormat('en-US');

/** "1,240 users", "1 user", "≈ 1,240 users" (an estimate). */
export function usersText(count: number, exact: boolean): string {
  return `${exact ? '' : '≈ '}${numberFormat.format(count)} ${count === 1 ? 'user' : 'users'}`;
}

/** The accessible name of a count: "Matches 1,240 users", "Matches about 1,240 users (estimate)". */
export function matchesLabel(count: number, exact: boolean): string {
  const users = `${numberFormat.format(count)} ${count === 1 ? 'user' : 'users'}`;
  return exact ? `Matches ${users}` : `Matches about ${users} (estimate)`;
}

/** A running total after the first item: "→ 310 together". */
export function runningText(total: number, exact: boolean): string {
  return `→ ${exact ? '' : '≈ '}${numberFormat.format(total)} together`;
}

/** "Together with the filters before it: 310 users" (or "about … (estimate)"). */
export function runningLabel(total: number, exact: boolean): string {
  const users = `${numberFormat.format(total)} ${total === 1 ? 'user' : 'users'}`;
  return `Together with the filters before it: ${exact ? '' : 'about '}${users}${exact ? '' : ' (estimate)'}`;
}

export const EMPTIES_THE_SEGMENT = 'Empties the segment';
export const EMPTIES_EXPLAINED = 'With this filter, no user matches the segment any more';
