import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { WorkspaceRepository } from '../base/workspace-repository';
import { EVENT_CATALOG_MODEL, EventCatalogEntry } from './event-catalog.schema';

/** Event names per source with counts and last seen, scoped by workspace. */
@Injectable()
export class EventCatalogRepository extends WorkspaceRepository<EventCatalogEntry> {
  constructor(@InjectModel(EVENT_CATALOG_MODEL) model: Model<EventCatalogEntry>) {
    super(model);
  }

  listAll(workspaceId: string): Promise<EventCatalogEntry[]> {
    return this.find(workspaceId, {}, { sort: { source: 1, name: 1 } });
  }

  /** Counts newly stored events: `$inc` the count, `$max` the last seen time (upsert). */
  async record(
    workspaceId: string,
    entries: Array<Pick<EventCatalogEntry, 'source' | 'name' | 'count' | 'lastSeenAt'>>,
  ): Promise<void> {
    if (entries.length === 0) return;
    const operations = entries.map((entry) => ({
      updateOne: {
        filter: { workspaceId, source: entry.source, name: entry.name },
        update: { $inc: { count: entry.count }, $max: { lastSeenAt: entry.lastSeenAt } },
        upsert: true,
      },
    }));
    await this.writes.bulkWrite(operations, { ordered: false });
  }

  /**
   * Sets an entry's count to what was counted from the events themselves (a recount after a
   * crash left the count behind the stored events); the last seen time only moves forward.
   */
  async setCount(
    workspaceId: string,
    entry: Pick<EventCatalogEntry, 'source' | 'name' | 'count' | 'lastSeenAt'>,
  ): Promise<void> {
    await this.writes.updateOne(
      { workspaceId, source: entry.source, name: entry.name },
      { $set: { count: entry.count }, $max: { lastSeenAt: entry.lastSeenAt } },
      { upsert: true },
    );
  }
}
