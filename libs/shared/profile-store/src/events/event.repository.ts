import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { EventDocument } from '@seg/segment-engine';
import { sampleBucket } from '../sampling/sample-bucket';
import type { Model, Types } from 'mongoose';
import { WorkspaceRepository } from '../base/workspace-repository';
import { EVENT_MODEL } from './event.schema';

export type StoredEvent = EventDocument & { _id: Types.ObjectId };

/** Events, scoped by workspace. */
@Injectable()
export class EventRepository extends WorkspaceRepository<EventDocument> {
  constructor(@InjectModel(EVENT_MODEL) model: Model<EventDocument>) {
    super(model);
  }

  /** One user's most recent events, newest first (the dashboard's user page). */
  recentOfUser(workspaceId: string, userId: string, limit: number): Promise<EventDocument[]> {
    return this.find(workspaceId, { userId }, { sort: { timestamp: -1 }, limit });
  }

  /** How many events of this source and name the workspace stores (decodes them on FerretDB). */
  countByName(workspaceId: string, source: EventDocument['source'], name: string): Promise<number> {
    return this.count(workspaceId, { source, name });
  }

  /** Deletes every event of one user (user erasure); answers how many were deleted. */
  deleteByUserId(workspaceId: string, userId: string): Promise<number> {
    return this.deleteMany(workspaceId, { userId });
  }

  /**
   * Inserts events whose `_id` is their inbox entry's id; answers the indexes of
   * those actually inserted (a re-applied message's event is skipped).
   */
  async insertIdempotent(workspaceId: string, events: StoredEvent[]): Promise<number[]> {
    if (events.length === 0) return [];
    // Each event carries its user's sample bucket, so a bucket holds its users' events.
    const documents = events.map((event) => ({
      ...event,
      workspaceId,
      sampleBucket: sampleBucket(workspaceId, event.userId),
    }));
    const duplicates = await this.writes.insertNew(documents);
    return events.map((_, index) => index).filter((index) => !duplicates.has(index));
  }
}
