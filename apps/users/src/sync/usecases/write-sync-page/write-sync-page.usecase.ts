import { Injectable, Logger } from '@nestjs/common';
import {
  type RunStats,
  type SyncPageOutcome,
  type SyncRecord,
  syncPageJobPayload,
  syncRecordSchema,
} from '@seg/contracts';
import { BusClient } from '@seg/platform';
import { attributesFingerprint } from '@seg/profile-store';
import {
  type IdentityIndex,
  type KeptRecordDocument,
  KeptRecordRepository,
  type SourceAttributesUpdate,
  SourceAttributesWriter,
} from '@seg/profile-store/writes';
import type { AttributeObject } from '@seg/segment-engine';
import type { z } from 'zod';
import { AttributeTypes } from '../../../catalog/attribute-types';
import {
  AttributeFreshness,
  writtenAttributes,
} from '../../../catalog/freshness/attribute-freshness';
import { IdentityCache } from '../../../writing/identity-cache';
import { KeptPresence } from '../../../writing/kept-presence';
import { UserLanes } from '../../../writing/user-lanes';
import { normaliseVendorValues } from '../../vendor-values';

export type WriteSyncPageCommand = z.output<typeof syncPageJobPayload>;

/** `profiles.synced` names at most this many users (its contract). */
const USER_IDS_PER_EVENT = 5_000;

function emptyStats(): RunStats {
  return { fetched: 0, created: 0, updated: 0, skipped: 0, failed: 0, unmatched: 0 };
}

/**
 * Writes one page of a HubSpot / Customer.io run, handed over by the sync workers (the
 * users service is the only writer of profiles): values normalised to their catalog
 * types, records matched to users (our user id first, then the email, case-insensitive;
 * the last record of a user wins), `custom.<provider>` replaced for the users whose value
 * changes (in bulk, inside their lanes, so no ingestion write of the same user overlaps),
 * unmatched records kept until their user is identified. Malformed records are counted
 * `failed` and skipped.
 */
@Injectable()
export class WriteSyncPageUseCase {
  private readonly logger = new Logger(WriteSyncPageUseCase.name);

  constructor(
    private readonly types: AttributeTypes,
    private readonly writer: SourceAttributesWriter,
    private readonly kept: KeptRecordRepository,
    private readonly identities: IdentityCache,
    private readonly lanes: UserLanes,
    private readonly presence: KeptPresence,
    private readonly bus: BusClient,
    private readonly freshness: AttributeFreshness,
  ) {}

  async execute(command: WriteSyncPageCommand): Promise<SyncPageOutcome> {
    const { workspaceId, provider } = command;
    await this.types.declare(workspaceId, provider, command.types);
    // A run's first page reads the identities again; later pages reuse them.
    const index = await this.identities.get(
      workspaceId,
      provider,
      () => this.writer.identityIndex(workspaceId, provider),
      command.seq === 0,
    );
    return command.kind === 'kept'
      ? this.writeKept(workspaceId, provider, index)
      : this.writeRecords(workspaceId, provider, command.records, index);
  }

  private async writeRecords(
    workspaceId: string,
    provider: WriteSyncPageCommand['provider'],
    raw: unknown[],
    index: IdentityIndex,
  ): Promise<SyncPageOutcome> {
    const stats = emptyStats();
    const byUser = new Map<string, AttributeObject>();
    const unmatched: Array<Omit<KeptRecordDocument, 'workspaceId'>> = [];
    for (const item of raw) {
      const parsed = syncRecordSchema.safeParse(item);
      if (!parsed.success) {
        stats.failed += 1;
        this.logger.warn(
          { workspaceId, provider, issues: parsed.error.issues.slice(0, 3) },
          'Malformed vendor record skipped',
        );
        continue;
      }
      const record = parsed.data;
      const { attributes, failed } = await normaliseVendorValues(
        this.types,
        workspaceId,
        provider,
        record.attributes,
      );
      stats.failed += failed;
      const userIds = match(record, index);
      if (userIds.length === 0) {
        unmatched.push({
          _id: `${workspaceId}.${provider}.${record.externalId}`,
          provider,
          userId: record.userId ?? null,
          email: record.email ? record.email.trim().toLowerCase() : null,
          attributes,
          updatedAt: new Date(),
        });
      }
      for (const userId of userIds) {
        if (byUser.has(userId)) stats.skipped += 1; // superseded by a later record
        byUser.set(userId, attributes);
      }
    }
    stats.unmatched = unmatched.length;
    await this.write(workspaceId, provider, byUser, index, stats);
    await this.kept.keep(workspaceId, unmatched);
    if (unmatched.length > 0) {
      this.presence.changed(workspaceId);
      await this.matchedMeanwhile(workspaceId, provider, unmatched, index, stats);
    }
    return { stats };
  }

  /**
   * Records just kept whose user this process identified while the page was written
   * (applying messages notes new users in the index before it looks kept records up, so
   * one of the two sees the other): applied now rather than at the next run.
   */
  private async matchedMeanwhile(
    workspaceId: string,
    provider: WriteSyncPageCommand['provider'],
    kept: Array<Omit<KeptRecordDocument, 'workspaceId'>>,
    index: IdentityIndex,
    stats: RunStats,
  ): Promise<void> {
    const byUser = new Map<string, AttributeObject>();
    const applied: string[] = [];
    for (const record of kept) {
      const userIds = match(
        {
          externalId: record._id,
          ...(record.userId ? { userId: record.userId } : {}),
          ...(record.email ? { email: record.email } : {}),
          attributes: {},
        },
        index,
      );
      if (userIds.length === 0) continue;
      applied.push(record._id);
      for (const userId of userIds) byUser.set(userId, record.attributes);
    }
    if (applied.length === 0) return;
    stats.unmatched -= applied.length;
    await this.write(workspaceId, provider, byUser, index, stats);
    await this.kept.forget(workspaceId, applied);
  }

  /** Records kept by earlier runs whose user exists now (forgotten once written). */
  private async writeKept(
    workspaceId: string,
    provider: WriteSyncPageCommand['provider'],
    index: IdentityIndex,
  ): Promise<SyncPageOutcome> {
    const stats = emptyStats();
    const byUser = new Map<string, AttributeObject>();
    const applied: string[] = [];
    for (const record of await this.kept.all(workspaceId, provider)) {
      const userIds = match(
        {
          externalId: record._id,
          ...(record.userId ? { userId: record.userId } : {}),
          ...(record.email ? { email: record.email } : {}),
          attributes: {},
        },
        index,
      );
      if (userIds.length === 0) continue;
      applied.push(record._id);
      for (const userId of userIds) byUser.set(userId, record.attributes);
    }
    await this.write(workspaceId, provider, byUser, index, stats);
    await this.kept.forget(workspaceId, applied);
    if (applied.length > 0) this.presence.changed(workspaceId);
    return { stats };
  }

  /** The changed users' `custom.<provider>`, written in their lanes; stats and the index updated. */
  private async write(
    workspaceId: string,
    provider: WriteSyncPageCommand['provider'],
    byUser: Map<string, AttributeObject>,
    index: IdentityIndex,
    stats: RunStats,
  ): Promise<void> {
    const updates: SourceAttributesUpdate[] = [];
    const fingerprints = new Map<string, string>();
    let created = 0;
    for (const [userId, attributes] of byUser) {
      const fingerprint = attributesFingerprint(attributes);
      if (index.fingerprints.get(userId) === fingerprint) {
        stats.skipped += 1;
        continue;
      }
      if (!index.withSource.has(userId)) created += 1;
      fingerprints.set(userId, fingerprint);
      updates.push({ userId, attributes });
    }
    if (updates.length === 0) return;
    const userIds = updates.map((update) => update.userId);
    // Each bulk write in its users' lanes (not the whole page: ingestion of other users goes on).
    const result = await this.writer.setSourceAttributes(
      workspaceId,
      provider,
      updates,
      (users, write) => this.lanes.run(workspaceId, users, write),
    );
    this.freshness.noteWritten(
      workspaceId,
      updates.flatMap((update) => writtenAttributes(provider, update.attributes)),
    );
    for (const [userId, fingerprint] of fingerprints) {
      index.withSource.add(userId);
      index.fingerprints.set(userId, fingerprint);
    }
    stats.created += created;
    stats.updated += Math.max(0, result.modified - created);
    stats.skipped += Math.max(0, result.matched - result.modified);
    const at = new Date().toISOString();
    for (let i = 0; i < userIds.length; i += USER_IDS_PER_EVENT) {
      await this.bus.emit('profiles.synced', {
        workspaceId,
        source: provider,
        userIds: userIds.slice(i, i + USER_IDS_PER_EVENT),
        at,
      });
    }
  }
}

function match(record: SyncRecord, index: IdentityIndex): string[] {
  if (record.userId && index.userIds.has(record.userId)) return [record.userId];
  if (!record.email) return [];
  return index.byEmail.get(record.email.trim().toLowerCase()) ?? [];
}
