import type { CompiledSegment } from '../compile/compile-segment';
import type { EventSpec, IrNode } from '../compile/ir';
import { countSatisfies } from '../evaluate/event-count';
import type { UserContext } from '../evaluate/user-context';

/**
 * Whether a user is in an event condition's positive form (`min ≤ count ≤ max`, before any
 * negation): from the batch way's event queries (`findEventHits`, `positiveFromHits`) or from
 * the one-user evaluator's counts (`positiveFromContext`).
 */
export type EventPositive = (spec: EventSpec) => boolean;

/** What the rules' nodes matched, counted over the users added. */
export interface FilterTally {
  /** The node's path, as validation details and lint warnings name it: `rules.conditions[1]`. */
  path: string;
  kind: 'group' | 'condition';
  /** Users this node matches on its own (a group: the whole group). */
  count: number;
  /**
   * Users matching the parent group's operator applied to the items before this one and this
   * one (items 1..k); the first item's is its own count; the root's is its count.
   */
  runningTotal: number;
}

export interface FilterTallies {
  /** Users counted. */
  users: number;
  /** Every node of the rules, in document order (depth first, the root first). */
  nodes: FilterTally[];
  /** See `emptiedBy`. */
  emptiedBy: string | null;
}

/** One node of the rules being counted: its slot and its items. */
interface Slot {
  index: number;
  path: string;
  node: IrNode;
  /** Items of a group (none for a condition, a `segment` condition included). */
  items: Slot[];
}

function slotsOf(node: IrNode, path: string, out: Slot[]): Slot {
  const slot: Slot = { index: out.length, path, node, items: [] };
  out.push(slot);
  if (node.kind === 'group') {
    node.children.forEach((child, i) => {
      slot.items.push(slotsOf(child, `${path}.conditions[${i}]`, out));
    });
  }
  return slot;
}

/** The value of a node the counts do not look inside (a referenced segment's tree). */
function holds(node: IrNode, profile: unknown, nowMs: number, positive: EventPositive): boolean {
  switch (node.kind) {
    case 'group': {
      if (node.children.length === 0) return true;
      if (node.operator === 'and') {
        return node.children.every((c) => holds(c, profile, nowMs, positive));
      }
      return node.children.some((c) => holds(c, profile, nowMs, positive));
    }
    case 'field':
      return node.predicate.test(profile, nowMs);
    case 'event':
      return node.event.always || positive(node.event) !== node.event.negate;
    case 'segment': {
      const inside = holds(node.child, profile, nowMs, positive);
      return node.negate ? !inside : inside;
    }
  }
}

/**
 * Per-filter counts of a compiled segment: add users one at a time (their profile and which
 * event conditions' positive forms hold), then read, for every node of the rules, the users it
 * matches on its own and the running total of its group. Every node is evaluated for every
 * user (no short-circuit), with the compiled tree's own leaves (`FieldPredicate.test`, the
 * event specs): the same meaning as `evaluate` and the batch plans. A `segment` condition is
 * one node: the referenced segment's own filters are not counted.
 */
export class FilterCounter {
  private readonly slots: Slot[] = [];
  private readonly root: Slot;
  private readonly counts: number[];
  private readonly running: number[];
  private users = 0;

  constructor(
    readonly compiled: CompiledSegment,
    basePath = 'rules',
  ) {
    this.root = slotsOf(compiled.root, basePath, this.slots);
    this.counts = this.slots.map(() => 0);
    this.running = this.slots.map(() => 0);
  }

  /** Adds one user; answers whether the user is in the segment. */
  add(profile: unknown, nowMs: number, positive: EventPositive): boolean {
    this.users += 1;
    const result = this.visit(this.root, profile, nowMs, positive);
    if (result) this.running[this.root.index] += 1;
    return result;
  }

  /** Adds one user through the one-user evaluator's context (profile, events, now). */
  addContext(ctx: UserContext): boolean {
    return this.add(ctx.profile, ctx.nowMs, positiveFromContext(ctx));
  }

  /** The counts so far: users found, not scaled (an estimate is the caller's: `estimateFromSample`). */
  tallies(): FilterTallies {
    return {
      users: this.users,
      nodes: this.slots.map((slot) => ({
        path: slot.path,
        kind: slot.node.kind === 'group' ? 'group' : 'condition',
        count: this.counts[slot.index],
        runningTotal: this.running[slot.index],
      })),
      emptiedBy: this.emptiedBy(),
    };
  }

  /**
   * The filter that empties the segment, or null. Defined only when the segment matches none
   * of the users counted and at least one user was counted. From the root group down:
   * - an `and` group: its first item whose running total is 0 (the item at which the group's
   *   total drops to 0; for the first item, an item that matches nobody on its own). When that
   *   item is a group matching nobody on its own, the search goes on inside it; otherwise the
   *   item is the answer (a filter, or a group whose own users the items before it exclude).
   * - an `or` group of one item: that item, as above; of several items, every one matches
   *   nobody: the group itself is the answer.
   */
  emptiedBy(): string | null {
    if (this.users === 0 || this.counts[this.root.index] > 0) return null;
    let group = this.root;
    for (;;) {
      if (group.items.length === 0) return group.path;
      const culprit =
        group.node.kind === 'group' && group.node.operator === 'or' && group.items.length > 1
          ? undefined
          : group.items.find((item) => this.running[item.index] === 0);
      if (!culprit) return group.path;
      if (culprit.node.kind === 'group' && this.counts[culprit.index] === 0) {
        group = culprit;
        continue;
      }
      return culprit.path;
    }
  }

  private visit(slot: Slot, profile: unknown, nowMs: number, positive: EventPositive): boolean {
    const { node } = slot;
    let result: boolean;
    if (node.kind === 'group') {
      const isAnd = node.operator === 'and';
      let total = isAnd; // an empty group matches every user
      slot.items.forEach((item, i) => {
        const own = this.visit(item, profile, nowMs, positive);
        total = i === 0 ? own : isAnd ? total && own : total || own;
        if (total) this.running[item.index] += 1;
      });
      result = slot.items.length === 0 ? true : total;
    } else {
      result = holds(node, profile, nowMs, positive);
    }
    if (result) this.counts[slot.index] += 1;
    return result;
  }
}

/**
 * `EventPositive` from the batch way's event queries: `hits` are the indexes (into the
 * compiled segment's `events`, as `findEventHits` answers them) of the queries that found the user.
 */
export function positiveFromHits(
  compiled: CompiledSegment,
  hits: readonly number[] | undefined,
): EventPositive {
  if (!hits || hits.length === 0) return () => false;
  const keys = new Set(hits.map((i) => compiled.events[i]?.key));
  return (spec) => keys.has(spec.key);
}

/** `EventPositive` from the one-user evaluator's event counts. */
export function positiveFromContext(ctx: UserContext): EventPositive {
  return (spec) => countSatisfies({ ...spec, negate: false }, ctx.count(spec));
}
