import { z } from 'zod';
import { runStatsSchema, syncProviderSchema } from '../integrations/integrations.contracts';
import { workspaceIdSchema } from '../common/ids';

/** Records a sync page may carry (Customer.io pages are at most 1,000 people). */
export const SYNC_PAGE_MAX_RECORDS = 1_000;

/**
 * One vendor record as the sync workers hand it to the users service: the vendor's id,
 * the keys it can be matched by (our user id, an email) and raw values by key. Each record
 * is checked on its own by the users service: a malformed one is counted `failed` and
 * skipped, never failing its page.
 */
export const syncRecordSchema = z
  .object({
    externalId: z.string().min(1).max(300),
    userId: z.string().min(1).max(300).optional(),
    email: z.string().max(320).optional(),
    attributes: z.record(z.string(), z.unknown()),
  })
  .strict();
export type SyncRecord = z.infer<typeof syncRecordSchema>;

const valueTypeSchema = z.enum(['string', 'number', 'date', 'boolean', 'list']);

/**
 * A page of a HubSpot / Customer.io run, written by the users service (the only writer of
 * profiles): `kind: 'records'` a fetched page, `kind: 'kept'` the records kept by earlier
 * runs whose user may exist now (sent once at the start of a run). The job's return value
 * is the page's outcome (`syncPageOutcomeSchema`); the run saves its checkpoint after it.
 */
export const syncPageJobPayload = z
  .object({
    workspaceId: workspaceIdSchema,
    provider: syncProviderSchema,
    runId: z.string().min(1).max(100),
    /** The page's position in its run (0, 1, …): pages of a run are written in this order. */
    seq: z.number().int().min(0),
    kind: z.enum(['records', 'kept']),
    /** The vendor's own schema (HubSpot property definitions); first writer of the catalog wins. */
    types: z.record(z.string().max(300), valueTypeSchema).default({}),
    /** Checked one by one (see syncRecordSchema). */
    records: z.array(z.unknown()).max(SYNC_PAGE_MAX_RECORDS).default([]),
  })
  .strict();
export type SyncPageJobPayload = z.input<typeof syncPageJobPayload>;

/** What writing a page did: the run adds it to its stats (`fetched` is counted by the run). */
export const syncPageOutcomeSchema = z.object({ stats: runStatsSchema });
export type SyncPageOutcome = z.infer<typeof syncPageOutcomeSchema>;
