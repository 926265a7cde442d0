import type { RunStats, SyncProvider } from '@seg/contracts';
import {
  AttributeCatalogRepository,
  IdentityIndex,
  SourceAttributesWriter,
} from '@seg/profile-store';
import {
  AttributeObject,
  inferAttributeType,
  keyProblem,
  normalizeAttributeValue,
  ValueType,
} from '@seg/segment-engine';
import type { PendingRecordRepository } from './pending-record.repository';
import type { VendorRecord } from './sync-provider';

/**
 * Turns vendor records into `custom.<provider>` writes for one run: values
 * normalised to the catalog type (the vendor's schema or the first value decides),
 * users matched by userId then by email (case-insensitive), one bulk write per page.
 */
export class PageWriter {
  private readonly types = new Map<string, ValueType>();
  private index: IdentityIndex | undefined;

  constructor(
    private readonly workspaceId: string,
    private readonly provider: SyncProvider,
    private readonly catalog: AttributeCatalogRepository,
    private readonly profiles: SourceAttributesWriter,
    private readonly pending: PendingRecordRepository,
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

  async write(records: VendorRecord[], stats: RunStats): Promise<void> {
    stats.fetched += records.length;
    await this.inferMissingTypes(records);
    const index = await this.identity();
    const updates: Array<{ userId: string; attributes: AttributeObject }> = [];
    const unmatched: VendorRecord[] = [];
    const normalised = new Map<VendorRecord, AttributeObject>();
    for (const record of records) {
      const { attributes, failed } = this.normalise(record.attributes);
      stats.failed += failed;
      normalised.set(record, attributes);
      const userIds = this.match(record, index);
      if (userIds.length === 0) unmatched.push(record);
      for (const userId of userIds) updates.push({ userId, attributes });
    }
    const result = await this.profiles.setSourceAttributes(
      this.workspaceId,
      this.provider,
      updates,
    );
    const created = updates.filter((update) => !index.withSource.has(update.userId)).length;
    for (const update of updates) index.withSource.add(update.userId);
    stats.created += created;
    stats.updated += Math.max(0, result.modified - created);
    stats.skipped += Math.max(0, result.matched - result.modified);
    stats.unmatched += unmatched.length;
    if (unmatched.length > 0) {
      await this.pending.keep(
        this.workspaceId,
        unmatched.map((record) => ({
          _id: `${this.workspaceId}.${this.provider}.${record.externalId}`,
          provider: this.provider,
          userId: record.userId ?? null,
          email: record.email ? record.email.trim().toLowerCase() : null,
          attributes: normalised.get(record) ?? {},
          updatedAt: new Date(),
        })),
      );
    }
  }

  /** Records kept from earlier runs whose user exists now: applied, then forgotten. */
  async applyPending(stats: RunStats): Promise<void> {
    const kept = await this.pending.all(this.workspaceId, this.provider);
    if (kept.length === 0) return;
    const index = await this.identity();
    const updates: Array<{ userId: string; attributes: AttributeObject }> = [];
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
      for (const userId of userIds) updates.push({ userId, attributes: record.attributes });
    }
    const result = await this.profiles.setSourceAttributes(
      this.workspaceId,
      this.provider,
      updates,
    );
    stats.updated += result.modified;
    await this.pending.forget(this.workspaceId, applied);
  }

  private async identity(): Promise<IdentityIndex> {
    this.index ??= await this.profiles.identityIndex(this.workspaceId, this.provider);
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
