import type {
  AnyBulkWriteOperation,
  Model,
  mongo,
  PipelineStage,
  QueryFilter,
  UpdateQuery,
} from 'mongoose';
import { retryBusy } from '../util/write-retry';
import { RetriedWrites } from './retried-writes';

/** Every stored document belongs to exactly one workspace. */
export interface WorkspaceOwned {
  workspaceId: string;
}

/**
 * Base of every repository: each method takes the workspace id first and puts
 * it into the query itself, after the caller's filter, so a query without a
 * workspace (or with another one) cannot be written. Reads return plain objects.
 * Every write is retried while FerretDB answers SQLITE_BUSY (retryBusy): the
 * methods here do it, and driver-level writes go through `writes` (or a RetriedWrites of another collection).
 */
export abstract class WorkspaceRepository<T extends WorkspaceOwned> {
  /** The driver's writes on this repository's collection, retried (no workspace scope added). */
  protected readonly writes: RetriedWrites<mongo.Document>;

  protected constructor(protected readonly model: Model<T>) {
    this.writes = new RetriedWrites(model.collection);
  }

  protected scope(workspaceId: string, filter: QueryFilter<T> = {}): QueryFilter<T> {
    if (!workspaceId) throw new Error('workspaceId is required');
    return { ...filter, workspaceId } as QueryFilter<T>;
  }

  async findOne(workspaceId: string, filter: QueryFilter<T>): Promise<T | null> {
    return (await this.model.findOne(this.scope(workspaceId, filter)).lean().exec()) as T | null;
  }

  async find(
    workspaceId: string,
    filter: QueryFilter<T> = {},
    options: { sort?: Record<string, 1 | -1>; limit?: number } = {},
  ): Promise<T[]> {
    let query = this.model.find(this.scope(workspaceId, filter));
    if (options.sort) query = query.sort(options.sort);
    if (options.limit !== undefined) query = query.limit(options.limit);
    return (await query.lean().exec()) as T[];
  }

  async count(workspaceId: string, filter: QueryFilter<T> = {}): Promise<number> {
    return this.model.countDocuments(this.scope(workspaceId, filter)).exec();
  }

  async insert(workspaceId: string, document: Omit<T, 'workspaceId'>): Promise<void> {
    // mongoose's create() typing cannot follow a generic T; the shape is checked by this signature.
    await retryBusy(() => this.model.create({ ...document, workspaceId } as never));
  }

  async updateOne(
    workspaceId: string,
    filter: QueryFilter<T>,
    update: UpdateQuery<T>,
    options: { upsert?: boolean } = {},
  ): Promise<{ matched: number; modified: number; upserted: number }> {
    const result = await retryBusy(() =>
      this.model
        .updateOne(this.scope(workspaceId, filter), update, { upsert: options.upsert ?? false })
        .exec(),
    );
    return {
      matched: result.matchedCount,
      modified: result.modifiedCount,
      upserted: result.upsertedCount,
    };
  }

  async deleteMany(workspaceId: string, filter: QueryFilter<T> = {}): Promise<number> {
    const scoped = this.scope(workspaceId, filter);
    return (await retryBusy(() => this.model.deleteMany(scoped).exec())).deletedCount;
  }

  /**
   * Runs a pipeline whose first stage restricts it to the workspace. When the pipeline starts
   * with a `$match`, the workspace joins that `$match` (set last, so it wins) instead of
   * preceding it: FerretDB pushes down only the first `$match` of a pipeline, so the caller's
   * top-level equalities (`sampleBucket`, an event's `source` and `name`) reach PostgreSQL
   * and its indexes only from there. Same documents either way.
   */
  async aggregate<R>(workspaceId: string, pipeline: PipelineStage[]): Promise<R[]> {
    if (!workspaceId) throw new Error('workspaceId is required');
    return this.model.aggregate<R>(scopePipeline(workspaceId, pipeline)).exec();
  }

  /** Bulk writes in one round trip; each operation's filter is scoped too. */
  async bulkWrite(workspaceId: string, operations: BulkOperation[]): Promise<void> {
    if (operations.length === 0) return;
    const scoped = operations.map((operation) => scopeOperation(operation, workspaceId));
    await retryBusy(() => this.model.bulkWrite(scoped as never, { ordered: false }));
  }
}

export type BulkOperation = AnyBulkWriteOperation<Record<string, unknown>>;

/** A pipeline restricted to one workspace, in its first `$match` (see `aggregate`). */
export function scopePipeline(workspaceId: string, pipeline: PipelineStage[]): PipelineStage[] {
  const [first, ...rest] = pipeline;
  if (first && '$match' in first && isPlainObject(first.$match)) {
    return [{ $match: { ...first.$match, workspaceId } }, ...rest];
  }
  return [{ $match: { workspaceId } }, ...pipeline];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scopeOperation(operation: BulkOperation, workspaceId: string): BulkOperation {
  const withWorkspace = <F>(filter: F) => ({ ...filter, workspaceId });
  if ('insertOne' in operation) {
    return { insertOne: { document: { ...operation.insertOne.document, workspaceId } } };
  }
  if ('updateOne' in operation) {
    return {
      updateOne: { ...operation.updateOne, filter: withWorkspace(operation.updateOne.filter) },
    };
  }
  if ('updateMany' in operation) {
    return {
      updateMany: { ...operation.updateMany, filter: withWorkspace(operation.updateMany.filter) },
    };
  }
  if ('replaceOne' in operation) {
    return {
      replaceOne: {
        ...operation.replaceOne,
        filter: withWorkspace(operation.replaceOne.filter),
        replacement: { ...operation.replaceOne.replacement, workspaceId },
      },
    };
  }
  if ('deleteOne' in operation) {
    return {
      deleteOne: { ...operation.deleteOne, filter: withWorkspace(operation.deleteOne.filter) },
    };
  }
  return {
    deleteMany: { ...operation.deleteMany, filter: withWorkspace(operation.deleteMany.filter) },
  };
}
