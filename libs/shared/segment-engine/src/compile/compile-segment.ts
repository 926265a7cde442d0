import { NATIVE_ATTRIBUTE_TYPES } from '../rules/operators';
import type {
  CatalogEntry,
  Condition,
  ExperienceCondition,
  RuleGroup,
  SegmentRules,
} from '../rules/types';
import { type AttributeTypeLookup, catalogLookup } from '../validation/catalog';
import { inferValueType } from '../validation/operator-value';
import { answerToken } from '../documents/profile';
import { SegmentReferenceError } from './errors';
import { compileEventSpec } from './event-spec';
import { compileFieldPredicate, type FieldPredicate, makeGetter } from './field-predicate';
import type { EventSpec, IrNode } from './ir';

export interface CompileOptions {
  /** Catalog snapshot giving custom attributes their type (inferred from the operator if absent). */
  catalog?: readonly CatalogEntry[] | AttributeTypeLookup;
  /** Current rules of another segment, for `segment` conditions (undefined = unknown). */
  resolveSegment?: (segmentId: string) => SegmentRules | undefined;
  /** Id of the segment compiled, so that a reference back to it is reported as a cycle. */
  segmentId?: string;
}

/** A segment compiled once, reused for plans, one-user evaluation and explanations. */
export interface CompiledSegment {
  readonly segmentId?: string;
  readonly rules: SegmentRules;
  readonly root: IrNode;
  /** Distinct event conditions (by key), `always` ones excluded. */
  readonly events: readonly EventSpec[];
  /**
   * True when membership can change with time alone (a relative window: `withinLast`,
   * `notWithinLast`, an event period `last`), so a result must not outlive its `now`.
   */
  readonly timeDependent: boolean;
}

const RELATIVE_OPERATORS: ReadonlySet<string> = new Set(['withinLast', 'notWithinLast']);

function membership(path: string, accepted: readonly string[]): FieldPredicate {
  const set = new Set(accepted);
  const read = makeGetter(path);
  const cond = accepted.length === 1 ? { $eq: accepted[0] } : { $in: [...set] };
  return {
    filter: () => ({ [path]: cond }),
    test: (doc) => {
      const v = read(doc);
      if (Array.isArray(v)) {
        for (const x of v) if (typeof x === 'string' && set.has(x)) return true;
        return false;
      }
      return typeof v === 'string' && set.has(v);
    },
    read,
  };
}

function negated(p: FieldPredicate): FieldPredicate {
  return {
    filter: (now) => ({ $nor: [p.filter(now)] }),
    test: (d, now) => !p.test(d, now),
    read: p.read,
  };
}

function experiencePredicate(c: ExperienceCondition): FieldPredicate {
  switch (c.operator) {
    case 'seen':
      return membership('experiences.seen', [c.experienceId]);
    case 'notSeen':
      return negated(membership('experiences.seen', [c.experienceId]));
    case 'completed':
      return membership('experiences.completed', [c.experienceId]);
    case 'notCompleted':
      return negated(membership('experiences.completed', [c.experienceId]));
    case 'answered': {
      const stepId = c.stepId ?? '';
      const tokens = c.values?.length
        ? c.values.map((v) => answerToken(c.experienceId, stepId, v))
        : [answerToken(c.experienceId, stepId)];
      return membership('experiences.answers', tokens);
    }
  }
}

/**
 * Compiles validated rules once. Segment references are expanded in place; a reference cycle
 * or an unknown segment throws SegmentReferenceError.
 */
export function compileSegment(rules: SegmentRules, options: CompileOptions = {}): CompiledSegment {
  const lookup = options.catalog ? catalogLookup(options.catalog) : () => undefined;
  const events = new Map<string, EventSpec>();
  const stack: string[] = options.segmentId ? [options.segmentId] : [];
  let timeDependent = false;

  const condition = (c: Condition): IrNode => {
    if ('operator' in c && RELATIVE_OPERATORS.has(c.operator)) timeDependent = true;
    switch (c.type) {
      case 'attribute':
        return {
          kind: 'field',
          condition: c,
          predicate: compileFieldPredicate(
            c.attribute,
            NATIVE_ATTRIBUTE_TYPES[c.attribute],
            c.operator,
            c.value,
          ),
        };
      case 'customAttribute': {
        const type = lookup(c.source, c.key) ?? inferValueType(c.operator, c.value);
        return {
          kind: 'field',
          condition: c,
          predicate: compileFieldPredicate(
            `custom.${c.source}.${c.key}`,
            type,
            c.operator,
            c.value,
          ),
        };
      }
      case 'experience':
        return { kind: 'field', condition: c, predicate: experiencePredicate(c) };
      case 'event': {
        const spec = compileEventSpec(c);
        if (
          !spec.always &&
          (c.period?.type === 'last' ||
            (c.properties ?? []).some((p) => RELATIVE_OPERATORS.has(p.operator)))
        ) {
          timeDependent = true;
        }
        // Conditions with the same key share one count (one pipeline), but not a negation:
        // "occurred" and "did not occur" of the same events have the same key.
        const shared = events.get(spec.key) ?? spec;
        if (!spec.always) events.set(spec.key, shared);
        const own = shared.negate === spec.negate ? shared : { ...shared, negate: spec.negate };
        return { kind: 'event', condition: c, event: spec.always ? spec : own };
      }
      case 'segment': {
        if (stack.includes(c.segmentId)) {
          const cycle = [...stack.slice(stack.indexOf(c.segmentId)), c.segmentId];
          throw new SegmentReferenceError(
            'SEGMENT_CYCLE',
            cycle,
            `segment reference cycle: ${cycle.join(' → ')}`,
          );
        }
        const referenced = options.resolveSegment?.(c.segmentId);
        if (!referenced) {
          throw new SegmentReferenceError(
            'UNKNOWN_SEGMENT',
            [c.segmentId],
            `unknown segment "${c.segmentId}"`,
          );
        }
        stack.push(c.segmentId);
        const child = group(referenced);
        stack.pop();
        return { kind: 'segment', condition: c, negate: c.operator === 'notIn', child };
      }
    }
  };

  const group = (g: RuleGroup): IrNode => ({
    kind: 'group',
    operator: g.operator,
    children: g.conditions.map((item) => (item.type === 'group' ? group(item) : condition(item))),
  });

  const root = group(rules);
  return {
    segmentId: options.segmentId,
    rules,
    root,
    events: [...events.values()],
    timeDependent,
  };
}
