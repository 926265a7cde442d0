import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { WorkspaceRepository } from '../base/workspace-repository';
import { mapConcurrently } from '../util/concurrently';
import { KEPT_RECORD_MODEL, KeptRecordDocument } from './kept-record.schema';

/** Lookups in flight for one many-keys read (top-level equality: pushed down on FerretDB). */
const LOOKUP_CONCURRENCY = 8;

/** Vendor records kept until their user exists (written by the users service only). */
@Injectable()
export class KeptRecordRepository extends WorkspaceRepository<KeptRecordDocument> {
  constructor(@InjectModel(KEPT_RECORD_MODEL) model: Model<KeptRecordDocument>) {
    super(model);
  }

  /** Replaces the kept copies of these records (two bulk round trips). */
  async keep(workspaceId: string, records: Omit<KeptRecordDocument, 'workspaceId'>[]) {
    if (records.length === 0) return;
    await this.deleteMany(workspaceId, { _id: { $in: records.map((record) => record._id) } });
    await this.writes.insertNew(records.map((record) => ({ ...record, workspaceId })) as never[]);
  }

  async forget(workspaceId: string, ids: string[]): Promise<void> {
    if (ids.length > 0) await this.deleteMany(workspaceId, { _id: { $in: ids } });
  }

  all(
    workspaceId: string,
    provider: KeptRecordDocument['provider'],
  ): Promise<KeptRecordDocument[]> {
    return this.find(workspaceId, { provider });
  }

  /** True when the workspace keeps at least one record (a `find` limit stops decoding at one). */
  async any(workspaceId: string): Promise<boolean> {
    return (await this.find(workspaceId, {}, { limit: 1 })).length > 0;
  }

  /** Records kept for these user ids or (lowercased) emails, one equality query per key. */
  async matching(
    workspaceId: string,
    keys: { userIds: string[]; emails: string[] },
  ): Promise<KeptRecordDocument[]> {
    const queries = [
      ...[...new Set(keys.userIds)].map((userId) => ({ userId })),
      ...[...new Set(keys.emails)].map((email) => ({ email })),
    ];
    const found = await mapConcurrently(queries, LOOKUP_CONCURRENCY, (filter) =>
      this.find(workspaceId, filter),
    );
    const byId = new Map<string, KeptRecordDocument>();
    for (const record of found.flat()) byId.set(record._id, record);
    return [...byId.values()];
  }
}
