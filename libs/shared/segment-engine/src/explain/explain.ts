import type { CompiledSegment } from '../compile/compile-segment';
import type { Bounds, IrNode } from '../compile/ir';
import type {
  AttributeCondition,
  CustomAttributeCondition,
  EventCondition,
  ExperienceCondition,
  SegmentCondition,
} from '../rules/types';
import { countSatisfies } from '../evaluate/event-count';
import { nextChangeOfNode } from '../evaluate/next-change';
import { UserContext, type UserInput } from '../evaluate/user-context';

const RELATIVE = new Set(['withinLast', 'notWithinLast']);

/**
 * For a time-relative condition (a relative window), when its result changes with no new
 * data (ISO instant), or null when time alone never changes it. Absent on other conditions.
 */
type ChangesAt = { changesAt?: string | null };

/** The time window an event condition counted in (ISO strings; absent bound = open). */
export interface ExplainedWindow {
  from?: string;
  fromInclusive?: boolean;
  to?: string;
  toInclusive?: boolean;
}

/** The rules tree annotated with each node's result for one user. */
export type ExplainNode =
  | { type: 'group'; operator: 'and' | 'or'; result: boolean; conditions: ExplainNode[] }
  | ({
      type: 'attribute' | 'customAttribute' | 'experience';
      condition: AttributeCondition | CustomAttributeCondition | ExperienceCondition;
      result: boolean;
      /** The user's value that was compared (undefined = not set). */
      actual: unknown;
    } & ChangesAt)
  | ({
      type: 'event';
      condition: EventCondition;
      result: boolean;
      count: number;
      window: ExplainedWindow;
    } & ChangesAt)
  | { type: 'segment'; condition: SegmentCondition; result: boolean; rules: ExplainNode };

function windowOf(b: Bounds): ExplainedWindow {
  const w: ExplainedWindow = {};
  const from = b.gte ?? b.gt;
  const to = b.lte ?? b.lt;
  if (from !== undefined) {
    w.from = new Date(from).toISOString();
    w.fromInclusive = b.gte !== undefined;
  }
  if (to !== undefined) {
    w.to = new Date(to).toISOString();
    w.toInclusive = b.lte !== undefined;
  }
  return w;
}

function isTimeRelative(node: IrNode): boolean {
  if (node.kind === 'field') {
    return node.condition.type !== 'experience' && RELATIVE.has(node.condition.operator);
  }
  if (node.kind !== 'event' || node.event.always) return false;
  return (
    node.condition.period?.type === 'last' ||
    (node.condition.properties ?? []).some((p) => RELATIVE.has(p.operator))
  );
}

function changesAt(node: IrNode, input: UserInput): ChangesAt {
  if (!isTimeRelative(node)) return {};
  return { changesAt: nextChangeOfNode(node, input)?.toISOString() ?? null };
}

function explainNode(node: IrNode, ctx: UserContext, input: UserInput): ExplainNode {
  switch (node.kind) {
    case 'group': {
      const conditions = node.children.map((c) => explainNode(c, ctx, input));
      const result =
        conditions.length === 0 ||
        (node.operator === 'and'
          ? conditions.every((c) => c.result)
          : conditions.some((c) => c.result));
      return { type: 'group', operator: node.operator, result, conditions };
    }
    case 'field':
      return {
        type: node.condition.type,
        condition: node.condition,
        result: node.predicate.test(ctx.profile, ctx.nowMs),
        actual: node.predicate.read(ctx.profile),
        ...changesAt(node, input),
      };
    case 'event': {
      const count = node.event.always
        ? ctx.count({ ...node.event, key: `${node.event.key}#always` })
        : ctx.count(node.event);
      return {
        type: 'event',
        condition: node.condition,
        result: countSatisfies(node.event, count),
        count,
        window: windowOf(node.event.period(ctx.nowMs)),
        ...changesAt(node, input),
      };
    }
    case 'segment': {
      const rules = explainNode(node.child, ctx, input);
      return {
        type: 'segment',
        condition: node.condition,
        result: node.negate ? !rules.result : rules.result,
        rules,
      };
    }
  }
}

/** Explains one user's membership of one segment (same meaning as `evaluate`). */
export function explain(compiled: CompiledSegment, input: UserInput): ExplainNode {
  return explainNode(compiled.root, new UserContext(input), input);
}
