import type { RunStats, SyncProvider } from '@seg/contracts';
import {
  AttributeCatalogRepository,
  attributesFingerprint,
  IdentityIndex,
  SourceAttributesUpdate,
  SourceAttributesWriter,
} from '@seg/profile-store';
import {
  AttributeObject,
  inferAttributeType,
  keyProblem,
  normalizeAttributeValue,
  ValueType,
} from '@seg/segment-engine';
import { emptyStats } from '../runs/run.schema';
import type { PendingRecordRepository } from './pending-record.repository';
import type { PendingRecordDocument } from './pending-record.schema';
import type { VendorRecord } from './sync-provider';

/** A page ready to write: the updates that change something, and its stats so far. */
export interface PreparedPage {
  updates: SourceAttributesUpdate[];
  /** Updates of users that had no attributes from this source yet. */
  created: number;
  /** fetched, failed, unmatched and skipped (unchanged or superseded) of this page. */
  stats: RunStats;
  /** Unmatched records, kept until their user exists. */
  pending: Array<Omit<PendingRecordDocument, 'workspaceId'>>;
  /** Kept records applied by this page, forgotten once it is written. */
  forget: string[];
}

/**
 * Turns vendor records into `custom.<provider>` writes for one run: values
 * normalised to the catalog type (the vendor's schema or the first value decides),
 * users matched by userId then by email (case-insensitive), only the changed users
 * written (in bulk). `prepare` pages in order, `commit` them (possibly overlapping).
 */
export class PageWriter {
  private readonly types = new Map<string, ValueType>();
  private index: Promise<IdentityIndex> | undefined;

  constructor(
    private readonly workspaceId: string,
    private readonly provider: SyncProvider,
    private readonly catalog: AttributeCatalogRepository,
    private readonly profiles: SourceAttributesWriter,
    private readonly pending: PendingRecordRepository,
    /** Called once a page's profile writes are done (caches of profiles drop the workspace). */
    private readonly announceWritten: () => Promise<void>,
  ) {}

  /** The vendor's own schema decides types (first writer of the catalog wins). */
  async declareTypes(types: Record<string, ValueType>): Promise<void> {
    const fresh = Object.entries(types).filter(
      ([key]) => !this.types.has(key) && keyProblem(key) === undefined,
    );
    if (fresh.length === 0) return;
    const entries = await this.catalog.declare(
      this.workspaceId,
      fresh.map(([key, type]) => ({ source: this.provider, key, type })),
    );
    for (const entry of entries) this.types.set(entry.key, entry.type);
  }

  /**
   * Everything a page needs before its write: types, normalised values, matched users
   * (the last record of a user wins), and which writes would change nothing (skipped).
   * Pages must be prepared in order: the identity index is updated to what they write.
   */
  async prepare(records: VendorRecord[]): Promise<PreparedPage> {
    const stats = emptyStats();
    stats.fetched = records.length;
    await this.inferMissingTypes(records);
    const index = await this.identity();
    const byUser = new Map<string, AttributeObject>();
    const unmatched: VendorRecord[] = [];
    const normalised = new Map<VendorRecord, AttributeObject>();
    for (const record of records) {
      const { attributes, failed } = this.normalise(record.attributes);
      stats.failed += failed;
      normalised.set(record, attributes);
      const userIds = this.match(record, index);
      if (userIds.length === 0) unmatched.push(record);
      for (const userId of userIds) {
        if (byUser.has(userId)) stats.skipped += 1; // superseded by a later record
        byUser.set(userId, attributes);
      }
    }
    stats.unmatched = unmatched.length;
    const page = this.changesOf(byUser, index, stats);
    page.pending = unmatched.map((record) => ({
      _id: `${this.workspaceId}.${this.provider}.${record.externalId}`,
      provider: this.provider,
      userId: record.userId ?? null,
      email: record.email ? record.email.trim().toLowerCase() : null,
      attributes: normalised.get(record) ?? {},
      updatedAt: new Date(),
    }));
    return page;
  }

  /** Records kept from earlier runs whose user exists now, as a page (forgotten once written). */
  async preparePending(): Promise<PreparedPage> {
    const stats = emptyStats();
    const kept = await this.pending.all(this.workspaceId, this.provider);
    if (kept.length === 0) return { updates: [], created: 0, stats, pending: [], forget: [] };
    const index = await this.identity();
    const byUser = new Map<string, AttributeObject>();
    const applied: string[] = [];
    for (const record of kept) {
      const userIds = this.match(
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
    const page = this.changesOf(byUser, index, stats);
    page.forget = applied;
    return page;
  }

  /** Writes a prepared page (updates in bulk, unmatched records kept); its stats delta. */
  async commit(page: PreparedPage): Promise<RunStats> {
    const stats = { ...page.stats };
    if (page.updates.length > 0) {
      const result = await this.profiles.setSourceAttributes(
        this.workspaceId,
        this.provider,
        page.updates,
      );
      stats.created += page.created;
      stats.updated += Math.max(0, result.modified - page.created);
      stats.skipped += Math.max(0, result.matched - result.modified);
      await this.announceWritten();
    }
    if (page.pending.length > 0) await this.pending.keep(this.workspaceId, page.pending);
    if (page.forget.length > 0) await this.pending.forget(this.workspaceId, page.forget);
    return stats;
  }

  /** Starts reading the workspace's identities (one pass) without waiting for it. */
  warmUp(): void {
    this.identity().catch(() => undefined);
  }

  /** The writes that change something; the index now holds what they write. */
  private changesOf(
    byUser: Map<string, AttributeObject>,
    index: IdentityIndex,
    stats: RunStats,
  ): PreparedPage {
    const updates: SourceAttributesUpdate[] = [];
    let created = 0;
    for (const [userId, attributes] of byUser) {
      const fingerprint = attributesFingerprint(attributes);
      if (index.fingerprints.get(userId) === fingerprint) {
        stats.skipped += 1;
        continue;
      }
      if (!index.withSource.has(userId)) created += 1;
      index.withSource.add(userId);
      index.fingerprints.set(userId, fingerprint);
      updates.push({ userId, attributes });
    }
    return { updates, created, stats, pending: [], forget: [] };
  }

  private identity(): Promise<IdentityIndex> {
    this.index ??= this.profiles.identityIndex(this.workspaceId, this.provider);
    return this.index;
  }

  private match(record: VendorRecord, index: IdentityIndex): string[] {
    if (record.userId && index.userIds.has(record.userId)) return [record.userId];
    if (!record.email) return [];
    return index.byEmail.get(record.email.trim().toLowerCase()) ?? [];
  }

  private async inferMissingTypes(records: VendorRecord[]): Promise<void> {
    const inferred: Record<string, ValueType> = {};
    for (const record of records) {
      for (const [key, value] of Object.entries(record.attributes)) {
        if (this.types.has(key) || inferred[key]) continue;
        const type = inferAttributeType(value);
        if (type) inferred[key] = type;
      }
    }
    await this.declareTypes(inferred);
  }

  private normalise(raw: Record<string, unknown>): { attributes: AttributeObject; failed: number } {
    const attributes: AttributeObject = {};
    let failed = 0;
    for (const [key, value] of Object.entries(raw)) {
      if (value === null || value === undefined || value === '') continue;
      const type = this.types.get(key);
      if (!type) {
        if (keyProblem(key) !== undefined) failed += 1;
        continue;
      }
      const result = normalizeAttributeValue(type, value);
      if (!result.ok) {
        failed += 1;
        continue;
      }
      setPath(attributes, key, result.value);
    }
    return { attributes, failed };
  }
}

function setPath(target: AttributeObject, key: string, value: AttributeObject[string]): void {
  const parts = key.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next) || next instanceof Date) {
      node[part] = {};
    }
    node = node[part] as AttributeObject;
  }
  node[parts[parts.length - 1] as string] = value;
}
