import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CustomSource } from '@seg/segment-engine';
import type { Model, mongo } from 'mongoose';
import { RetriedWrites } from '../base/retried-writes';
import { WorkspaceRepository } from '../base/workspace-repository';
import { ATTRIBUTE_COVERAGE_MODEL, AttributeCoverageSnapshot } from './attribute-coverage.schema';
import { ATTRIBUTE_WRITE_MODEL, AttributeWrite, attributeWriteId } from './attribute-write.schema';

/**
 * Upserts per `bulkWrite`: FerretDB holds a PostgreSQL connection per operation of one
 * `update` command (ferretdb.md), so commands stay small.
 */
const WRITES_PER_BULK = 10;

export interface WrittenAttribute {
  source: CustomSource | null;
  key: string;
  at: Date;
}

/** The coverage snapshot of each workspace (one document, replaced by each recount). */
@Injectable()
export class AttributeCoverageRepository extends WorkspaceRepository<AttributeCoverageSnapshot> {
  private readonly snapshots: RetriedWrites<AttributeCoverageSnapshot>;

  constructor(@InjectModel(ATTRIBUTE_COVERAGE_MODEL) model: Model<AttributeCoverageSnapshot>) {
    super(model);
    this.snapshots = new RetriedWrites(
      model.collection as unknown as mongo.Collection<AttributeCoverageSnapshot>,
    );
  }

  /** By `_id` (the workspace id), checked against the workspace read. */
  get(workspaceId: string): Promise<AttributeCoverageSnapshot | null> {
    return this.findOne(workspaceId, { _id: workspaceId });
  }

  async save(snapshot: Omit<AttributeCoverageSnapshot, '_id'>): Promise<void> {
    const { workspaceId } = snapshot;
    await this.snapshots.replaceOne(
      { _id: workspaceId, workspaceId },
      { ...snapshot },
      { upsert: true },
    );
  }
}

/** When each attribute's value was last written (`$max`, by `_id`). */
@Injectable()
export class AttributeWriteRepository extends WorkspaceRepository<AttributeWrite> {
  private readonly upserts: RetriedWrites<AttributeWrite>;

  constructor(@InjectModel(ATTRIBUTE_WRITE_MODEL) model: Model<AttributeWrite>) {
    super(model);
    this.upserts = new RetriedWrites(
      model.collection as unknown as mongo.Collection<AttributeWrite>,
    );
  }

  listAll(workspaceId: string): Promise<AttributeWrite[]> {
    return this.find(workspaceId);
  }

  /** Moves each attribute's `lastWrittenAt` forward (never back), creating it when new. */
  async noteWritten(workspaceId: string, written: WrittenAttribute[]): Promise<void> {
    for (let i = 0; i < written.length; i += WRITES_PER_BULK) {
      const operations = written
        .slice(i, i + WRITES_PER_BULK)
        .map(({ source, key, at }): mongo.AnyBulkWriteOperation<AttributeWrite> => ({
          updateOne: {
            filter: { _id: attributeWriteId(workspaceId, source, key) },
            update: {
              $max: { lastWrittenAt: at },
              $setOnInsert: { workspaceId, source, key },
            },
            upsert: true,
          },
        }));
      await this.upserts.bulkWrite(operations, { ordered: false });
    }
  }
}
