import { compareUserIds, estimateFromSample } from '@seg/segment-engine';

/**
 * A segment's members as known to an impact computation: `full` when every member of the
 * workspace is listed (the membership read model), otherwise only those among the users that
 * were evaluated (the scanned sample buckets).
 */
export interface MemberSet {
  ids: ReadonlySet<string>;
  full: boolean;
}

export interface ImpactInput {
  /** The share of the workspace's users evaluated (1: all of them). */
  share: number;
  /** Whether a user is among those evaluated. */
  evaluated(userId: string): boolean;
  /** The segment's members now. */
  current: MemberSet;
  /** The draft rules' members among the users evaluated. */
  draft: ReadonlySet<string>;
  /** Per experience using the segment: the members of its audience's other segments. */
  audiences: ReadonlyArray<readonly MemberSet[]>;
  sampleSize: number;
}

export interface ImpactFigures {
  join: { count: number; sample: string[] };
  leave: { count: number; sample: string[] };
  reach: Array<{ before: number; after: number }>;
}

/**
 * Who joins and leaves, and each audience's reach before → after (the union of its segments,
 * this one's members replaced by the draft's). Exact when `share` is 1; otherwise counts over
 * the users evaluated, scaled by the share (`estimateFromSample`), except an audience's
 * `before`, which is exact whenever all its sets are full (the read model).
 */
export function impactFigures(input: ImpactInput): ImpactFigures {
  const { share, current, draft } = input;
  // Each set restricted once (a full set is hashed user by user to find its buckets).
  const restricted = new Map<MemberSet, ReadonlySet<string>>();
  const here = (set: MemberSet) => {
    let found = restricted.get(set);
    if (!found) restricted.set(set, (found = restrict(set, input.evaluated)));
    return found;
  };
  const currentHere = here(current);
  const join = [...draft].filter((id) => !currentHere.has(id));
  const leave = [...currentHere].filter((id) => !draft.has(id));
  const scale = (n: number) => (share >= 1 ? n : Math.round(n / share));
  const side = (ids: string[]) => ({
    count: share >= 1 ? ids.length : estimateFromSample(ids.length, share).estimate,
    sample: ids.sort(compareUserIds).slice(0, input.sampleSize),
  });
  const reach = input.audiences.map((others) => {
    const inOthers = (id: string) => others.some((set) => set.ids.has(id));
    const delta =
      join.filter((id) => !inOthers(id)).length - leave.filter((id) => !inOthers(id)).length;
    let before: number;
    if (current.full && others.every((set) => set.full)) {
      const union = new Set(current.ids);
      for (const set of others) for (const id of set.ids) union.add(id);
      before = union.size;
    } else {
      const union = new Set(currentHere);
      for (const set of others) for (const id of here(set)) union.add(id);
      before = scale(union.size);
    }
    return { before, after: Math.max(0, before + scale(delta)) };
  });
  return { join: side(join), leave: side(leave), reach };
}

function restrict(set: MemberSet, evaluated: (userId: string) => boolean): ReadonlySet<string> {
  return set.full ? new Set([...set.ids].filter(evaluated)) : set.ids;
}
