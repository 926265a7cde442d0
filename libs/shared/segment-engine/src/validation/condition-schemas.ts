import { z } from 'zod';
import {
  CUSTOM_SOURCES,
  EVENT_SOURCES,
  LIMITS,
  NATIVE_ATTRIBUTES,
  TIME_UNITS,
  VALUE_TYPES,
} from '../rules/operators';
import { parseIsoDate } from '../compile/time';
import { idSchema, isoDateSchema, keySchema, textListSchema } from './primitives';

/** Structural schemas of the five condition kinds; operator/value fit is checked afterwards. */
export const attributeConditionSchema = z.strictObject({
  type: z.literal('attribute'),
  attribute: z.enum(NATIVE_ATTRIBUTES),
  operator: z.string(),
  value: z.unknown().optional(),
});

export const customAttributeConditionSchema = z.strictObject({
  type: z.literal('customAttribute'),
  source: z.enum(CUSTOM_SOURCES),
  key: keySchema,
  operator: z.string(),
  value: z.unknown().optional(),
});

export const experienceConditionSchema = z
  .strictObject({
    type: z.literal('experience'),
    experienceId: idSchema,
    operator: z.enum(['seen', 'notSeen', 'completed', 'notCompleted', 'answered']),
    stepId: idSchema.optional(),
    values: textListSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.operator === 'answered' && c.stepId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['stepId'], message: 'answered needs a stepId' });
    }
    if (c.operator !== 'answered') {
      if (c.stepId !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['stepId'], message: 'only for answered' });
      }
      if (c.values !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['values'], message: 'only for answered' });
      }
    }
  });

const occurrenceSchema = z
  .strictObject({
    operator: z.enum(['occurred', 'notOccurred', 'atLeast', 'atMost', 'exactly']),
    count: z.number().int().min(0).max(LIMITS.maxOccurrenceCount).optional(),
  })
  .superRefine((o, ctx) => {
    const needsCount = o.operator !== 'occurred' && o.operator !== 'notOccurred';
    if (needsCount && o.count === undefined) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: `${o.operator} needs a count` });
    }
    if (!needsCount && o.count !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: `${o.operator} takes no count` });
    }
  });

const periodSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('last'),
    amount: z.number().int().min(1).max(LIMITS.maxWindowAmount),
    unit: z.enum(TIME_UNITS),
  }),
  z
    .strictObject({ type: z.literal('between'), from: isoDateSchema, to: isoDateSchema })
    .refine((p) => {
      const from = parseIsoDate(p.from);
      const to = parseIsoDate(p.to, true);
      return !from || !to || from.getTime() <= to.getTime();
    }, 'between needs from ≤ to'),
  z.strictObject({ type: z.literal('before'), date: isoDateSchema }),
  z.strictObject({ type: z.literal('after'), date: isoDateSchema }),
]);

const propertyFilterSchema = z.strictObject({
  key: keySchema,
  operator: z.string(),
  value: z.unknown().optional(),
  type: z.enum(VALUE_TYPES as ['string', 'number', 'date', 'boolean', 'list']).optional(),
});

export const eventConditionSchema = z.strictObject({
  type: z.literal('event'),
  source: z.enum(EVENT_SOURCES),
  name: z.string().min(1).max(LIMITS.maxNameLength),
  occurrence: occurrenceSchema.optional(),
  period: periodSchema.optional(),
  properties: z.array(propertyFilterSchema).max(LIMITS.maxProperties).optional(),
});

export const segmentConditionSchema = z.strictObject({
  type: z.literal('segment'),
  segmentId: idSchema,
  operator: z.enum(['in', 'notIn']),
});

export const CONDITION_SCHEMAS = {
  attribute: attributeConditionSchema,
  customAttribute: customAttributeConditionSchema,
  experience: experienceConditionSchema,
  event: eventConditionSchema,
  segment: segmentConditionSchema,
} as const;

export type ConditionKind = keyof typeof CONDITION_SCHEMAS;
