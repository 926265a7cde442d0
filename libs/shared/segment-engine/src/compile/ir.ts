import type {
  AttributeCondition,
  CustomAttributeCondition,
  EventCondition,
  ExperienceCondition,
  SegmentCondition,
} from '../rules/types';
import type { FieldPredicate } from './field-predicate';

/** Inclusive/exclusive bounds in epoch ms. */
export interface Bounds {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

/**
 * A compiled event condition. Its "positive form" is `min ≤ count ≤ max` with min ≥ 1, so
 * users without any matching event are outside it; `negate` turns notOccurred / atMost n /
 * exactly 0 into NOT(positive form). `always` is atLeast 0.
 */
export interface EventSpec {
  /** Canonical identity: two conditions with the same key share one pipeline. */
  key: string;
  source: string;
  name: string;
  period: (nowMs: number) => Bounds;
  properties: FieldPredicate[];
  min: number;
  max: number | undefined;
  negate: boolean;
  always: boolean;
}

/** The compiled rules tree, mirroring the rules (segment references expanded in place). */
export type IrNode =
  | { kind: 'group'; operator: 'and' | 'or'; children: IrNode[] }
  | {
      kind: 'field';
      condition: AttributeCondition | CustomAttributeCondition | ExperienceCondition;
      predicate: FieldPredicate;
    }
  | { kind: 'event'; condition: EventCondition; event: EventSpec }
  | { kind: 'segment'; condition: SegmentCondition; negate: boolean; child: IrNode };
