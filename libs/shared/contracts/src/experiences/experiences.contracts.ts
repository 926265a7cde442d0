import { z } from 'zod';
import { requestContract } from '../bus/contract';
import { pageQuery } from '../paging/page-query';
import {
  experienceIdSchema,
  segmentIdSchema,
  userIdSchema,
  workspaceIdSchema,
} from '../common/ids';

export const EXPERIENCE_TYPES = ['tour', 'survey', 'announcement', 'banner', 'checklist'] as const;
export const EXPERIENCE_STATUSES = ['draft', 'published'] as const;
export const INTERACTION_TYPES = ['seen', 'stepCompleted', 'completed', 'answered'] as const;
export const EXPERIENCE_LIMITS = { steps: 50, options: 50, audienceSegments: 200 } as const;

/** A step id is a plain token: safe as a path, a token part and a URL segment. */
export const stepIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');

export const experienceStepSchema = z
  .strictObject({
    id: stepIdSchema,
    kind: z.enum(['message', 'question']),
    /** What the step says: a message's text, or a question's help text. */
    text: z.string().trim().min(1).max(2_000).optional(),
    question: z.string().trim().min(1).max(1_000).optional(),
    options: z
      .array(z.string().trim().min(1).max(200))
      .min(1)
      .max(EXPERIENCE_LIMITS.options)
      .optional(),
  })
  .superRefine((step, ctx) => {
    if (step.kind === 'question' && step.question === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['question'],
        message: 'a question step needs a question',
      });
    }
    if (step.kind === 'message' && step.options !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'only a question step has options',
      });
    }
    const options = step.options ?? [];
    options.forEach((option, index) => {
      if (options.indexOf(option) !== index) {
        ctx.addIssue({
          code: 'custom',
          path: ['options', index],
          message: `duplicate option "${option}"`,
        });
      }
    });
  });
export type ExperienceStep = z.output<typeof experienceStepSchema>;

export const experienceStepsSchema = z
  .array(experienceStepSchema)
  .min(1, 'an experience has at least one step')
  .max(EXPERIENCE_LIMITS.steps)
  .superRefine(
    (steps: unknown, ctx) => {
      // Runs even when some steps are invalid, so duplicates are named in the same 400;
      // so it must not assume the value is an array at all.
      if (!Array.isArray(steps)) return;
      const seen = new Set<string>();
      steps.forEach((step: unknown, index) => {
        const id = typeof step === 'object' && step !== null ? (step as { id?: unknown }).id : null;
        if (typeof id !== 'string') return;
        if (seen.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'id'],
            message: `duplicate step id "${id}"`,
          });
        }
        seen.add(id);
      });
    },
    { when: () => true },
  );

/** `all`, or the users in at least one listed segment (an empty list targets nobody). */
export const audienceSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('all') }),
  z.strictObject({
    mode: z.literal('segments'),
    segmentIds: z
      .array(segmentIdSchema)
      .max(EXPERIENCE_LIMITS.audienceSegments)
      .refine((ids) => new Set(ids).size === ids.length, 'segment ids must be unique'),
  }),
]);
export type Audience = z.output<typeof audienceSchema>;

export const experienceSchema = z.object({
  id: experienceIdSchema,
  name: z.string(),
  type: z.enum(EXPERIENCE_TYPES),
  steps: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['message', 'question']),
      text: z.string().optional(),
      question: z.string().optional(),
      options: z.array(z.string()).optional(),
    }),
  ),
  audience: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('all') }),
    z.object({ mode: z.literal('segments'), segmentIds: z.array(segmentIdSchema) }),
  ]),
  status: z.enum(EXPERIENCE_STATUSES),
  /** True when the audience lists no segment: the experience targets nobody. */
  targetsNobody: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().nullable(),
});
export type Experience = z.output<typeof experienceSchema>;

/** What the SDK gets for a targeted experience (no audience, no status). */
export const targetedExperienceSchema = experienceSchema.pick({
  id: true,
  name: true,
  type: true,
  steps: true,
});
export type TargetedExperience = z.output<typeof targetedExperienceSchema>;

export const experienceNameSchema = z.string().trim().min(1).max(200);

export const createExperienceInput = z.strictObject({
  name: experienceNameSchema,
  type: z.enum(EXPERIENCE_TYPES),
  steps: experienceStepsSchema,
  audience: audienceSchema,
});
export type CreateExperienceInput = z.output<typeof createExperienceInput>;

export const updateExperienceInput = z
  .strictObject({
    name: experienceNameSchema.optional(),
    type: z.enum(EXPERIENCE_TYPES).optional(),
    steps: experienceStepsSchema.optional(),
    audience: audienceSchema.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change');
export type UpdateExperienceInput = z.output<typeof updateExperienceInput>;

/** An answer: a string, a number or a list of choices. */
export const answerSchema = z.union([
  z.string().max(1_000),
  z.number().finite(),
  z.array(z.string().max(1_000)).min(1).max(100),
]);

export const recordInteractionInput = z
  .strictObject({
    userId: userIdSchema,
    experienceId: experienceIdSchema,
    type: z.enum(INTERACTION_TYPES),
    stepId: stepIdSchema.optional(),
    answer: answerSchema.optional(),
    timestamp: z.iso.datetime({ offset: true }).optional(),
    messageId: z.string().min(1).max(200).optional(),
  })
  .superRefine((input, ctx) => {
    if ((input.type === 'answered' || input.type === 'stepCompleted') && !input.stepId) {
      ctx.addIssue({ code: 'custom', path: ['stepId'], message: `${input.type} needs a stepId` });
    }
    if (input.type === 'answered' && input.answer === undefined) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: 'answered needs an answer' });
    }
    if (input.type !== 'answered' && input.answer !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: 'only answered takes an answer' });
    }
  });
export type RecordInteractionInput = z.output<typeof recordInteractionInput>;

/**
 * How users met one experience: distinct users who saw it (any interaction), completed it and
 * answered any of its questions; per question step, each user's latest answer counted once per
 * value (the step's options first, in their order, zero included; then other values).
 */
export const experienceStatsSchema = z.object({
  experienceId: experienceIdSchema,
  users: z.object({
    seen: z.number().int().nonnegative(),
    completed: z.number().int().nonnegative(),
    answered: z.number().int().nonnegative(),
  }),
  questions: z.array(
    z.object({
      stepId: z.string(),
      question: z.string(),
      /** Users whose latest answer to this step is recorded. */
      answered: z.number().int().nonnegative(),
      answers: z.array(z.object({ value: z.string(), users: z.number().int().nonnegative() })),
    }),
  ),
});
export type ExperienceStats = z.output<typeof experienceStatsSchema>;

/**
 * `POST /v1/experiences/audience-overlap`: an audience being edited (saved or not) and,
 * optionally, the experience it belongs to (left out of the comparison).
 */
export const audienceOverlapInput = z.strictObject({
  audience: audienceSchema,
  experienceId: experienceIdSchema.optional(),
});
export type AudienceOverlapInput = z.output<typeof audienceOverlapInput>;

/**
 * What an audience reaches, from the membership read model (the same rows as counts and
 * targeting). `total`: users in the audience (the union of its segments; `all`: every user
 * with a row). Per selected segment: `members` (its size) and `adds` (members in no other
 * selected segment: what removing it would lose). Per other published experience:
 * `overlap`, the users in both audiences, and `share` = overlap / total (0 when total is 0),
 * largest overlap first. `status` `ready`: every segment involved (selected, and those of the
 * other experiences) is fully computed from its current definition; `computing` (with
 * `progress`) or `failed`: `pending` lists those that are not, and every figure is the read
 * model as it stands, marked `estimated`. `counting`: the workspace's memberships are being
 * read (the first question, or the first after a segment change, on a large workspace): no
 * figures yet (zeros, `estimated`); ask again in a moment.
 */
export const audienceOverlapSchema = z.object({
  total: z.number().int().min(0),
  segments: z.array(
    z.object({
      id: segmentIdSchema,
      name: z.string(),
      members: z.number().int().min(0),
      adds: z.number().int().min(0),
    }),
  ),
  experiences: z.array(
    z.object({
      id: experienceIdSchema,
      name: z.string(),
      overlap: z.number().int().min(0),
      share: z.number().min(0).max(1),
    }),
  ),
  status: z.enum(['ready', 'computing', 'failed', 'counting']),
  progress: z.number().min(0).max(1).optional(),
  pending: z.array(segmentIdSchema),
  estimated: z.boolean(),
  asOf: z.iso.datetime(),
});
export type AudienceOverlap = z.output<typeof audienceOverlapSchema>;

const experienceRef = z.object({
  id: experienceIdSchema,
  name: z.string(),
  /** True when the experience lost its last segment and now targets nobody. */
  targetsNobody: z.boolean(),
  /** The segment put in the detached one's place (absent when none was asked for). */
  replacedWith: segmentIdSchema.optional(),
});

const workspaceScoped = { workspaceId: workspaceIdSchema };
const oneExperience = z.object({ ...workspaceScoped, experienceId: experienceIdSchema });

/**
 * Requests answered by the experiences service: its CRUD, interactions and targeting (asked
 * by the gateway), and segment usage and safe deletion (asked by the segments service).
 */
export const experiencesRequests = {
  'experiences.experience.create': requestContract(
    'experiences',
    z.object({ ...workspaceScoped, experience: createExperienceInput }),
    experienceSchema,
  ),
  'experiences.experience.list': requestContract(
    'experiences',
    z.object({
      ...workspaceScoped,
      ...pageQuery.shape,
    }),
    z.object({ experiences: z.array(experienceSchema), nextCursor: z.string().nullable() }),
  ),
  'experiences.experience.get': requestContract('experiences', oneExperience, experienceSchema),
  'experiences.experience.update': requestContract(
    'experiences',
    oneExperience.extend({ patch: updateExperienceInput }),
    experienceSchema,
  ),
  'experiences.experience.delete': requestContract(
    'experiences',
    oneExperience,
    z.object({ id: experienceIdSchema, deleted: z.literal(true) }),
  ),
  'experiences.experience.publish': requestContract('experiences', oneExperience, experienceSchema),
  'experiences.experience.unpublish': requestContract(
    'experiences',
    oneExperience,
    experienceSchema,
  ),
  'experiences.experience.stats': requestContract(
    'experiences',
    oneExperience,
    experienceStatsSchema,
  ),
  'experiences.interaction.record': requestContract(
    'experiences',
    z.object({ ...workspaceScoped, interaction: recordInteractionInput }),
    z.object({
      messageId: z.string(),
      /** False when this messageId was already recorded (nothing applied twice). */
      duplicate: z.boolean(),
      completed: z.boolean(),
    }),
  ),
  'experiences.targeting.list': requestContract(
    'experiences',
    z.object({ ...workspaceScoped, userId: userIdSchema }),
    z.object({
      experiences: z.array(targetedExperienceSchema),
      /**
       * The answer holds until an event says otherwise (no time-relative segment decided
       * it): `user.updated`, `profiles.synced`, `segment.*`, `experience.updated`.
       */
      reusable: z.boolean(),
      /** Not `reusable`, but holds until this instant under the same events (no flip before). */
      validUntil: z.iso.datetime().optional(),
    }),
  ),
  'experiences.audience.overlap': requestContract(
    'experiences',
    z.object({ ...workspaceScoped, ...audienceOverlapInput.shape }),
    audienceOverlapSchema,
  ),
  /** Segment usage and safe deletion, asked by the segments service. */
  'experiences.segmentUsage.list': requestContract(
    'experiences',
    z.object({ ...workspaceScoped, segmentIds: z.array(segmentIdSchema).max(10_000) }),
    /** segment id → ids of experiences whose audience lists it (absent when unused). */
    z.object({ usedBy: z.record(z.string(), z.array(experienceIdSchema)) }),
  ),
  /**
   * The experiences whose audience lists this segment, with their whole audience: what the
   * segments service needs for an edit's impact on each one's reach (#18 item 1).
   */
  'experiences.segmentAudience.list': requestContract(
    'experiences',
    z.object({ ...workspaceScoped, segmentId: segmentIdSchema }),
    z.object({
      experiences: z.array(
        z.object({
          id: experienceIdSchema,
          name: z.string(),
          status: z.enum(EXPERIENCE_STATUSES),
          segmentIds: z.array(segmentIdSchema),
        }),
      ),
    }),
  ),
  'experiences.segment.detach': requestContract(
    'experiences',
    z.object({
      ...workspaceScoped,
      segmentId: segmentIdSchema,
      /** Put this segment in the detached one's place (deduplicated). */
      replaceWith: segmentIdSchema.optional(),
    }),
    z.object({ experiences: z.array(experienceRef) }),
  ),
};
