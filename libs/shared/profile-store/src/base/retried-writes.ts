import type { mongo } from 'mongoose';
import { duplicateKeyIndexes } from '../util/duplicate-key';
import { retryBusy } from '../util/write-retry';

type Collection<T extends mongo.Document> = mongo.Collection<T>;

/**
 * The driver's writes on one collection, each retried while FerretDB answers
 * SQLITE_BUSY (see retryBusy). Repositories write through this (or through
 * WorkspaceRepository's methods, which do the same) so no write can forget it.
 */
export class RetriedWrites<T extends mongo.Document> {
  constructor(private readonly collection: Collection<T>) {}

  insertOne(
    ...args: Parameters<Collection<T>['insertOne']>
  ): ReturnType<Collection<T>['insertOne']> {
    return retryBusy(() => this.collection.insertOne(...args));
  }

  insertMany(
    ...args: Parameters<Collection<T>['insertMany']>
  ): ReturnType<Collection<T>['insertMany']> {
    return retryBusy(() => this.collection.insertMany(...args));
  }

  /**
   * Inserts unordered; answers the indexes (into `documents`) of those a unique
   * index refused as duplicates, empty when all were inserted.
   */
  async insertNew(documents: Parameters<Collection<T>['insertMany']>[0]): Promise<Set<number>> {
    try {
      await this.insertMany(documents, { ordered: false });
      return new Set();
    } catch (error) {
      const duplicates = duplicateKeyIndexes(error);
      if (!duplicates) throw error;
      return duplicates;
    }
  }

  updateOne(
    ...args: Parameters<Collection<T>['updateOne']>
  ): ReturnType<Collection<T>['updateOne']> {
    return retryBusy(() => this.collection.updateOne(...args));
  }

  replaceOne(
    ...args: Parameters<Collection<T>['replaceOne']>
  ): ReturnType<Collection<T>['replaceOne']> {
    return retryBusy(() => this.collection.replaceOne(...args));
  }

  bulkWrite(
    ...args: Parameters<Collection<T>['bulkWrite']>
  ): ReturnType<Collection<T>['bulkWrite']> {
    return retryBusy(() => this.collection.bulkWrite(...args));
  }

  deleteOne(
    ...args: Parameters<Collection<T>['deleteOne']>
  ): ReturnType<Collection<T>['deleteOne']> {
    return retryBusy(() => this.collection.deleteOne(...args));
  }
}
