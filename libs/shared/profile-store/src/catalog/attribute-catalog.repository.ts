import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CustomSource, ValueType } from '@seg/segment-engine';
import type { Model } from 'mongoose';
import { WorkspaceRepository } from '../base/workspace-repository';
import {
  ATTRIBUTE_CATALOG_MODEL,
  AttributeCatalogEntry,
  MAX_SAMPLE_VALUES,
} from './attribute-catalog.schema';

export interface CatalogKey {
  source: CustomSource;
  key: string;
}

/** The attribute catalog, scoped by workspace. */
@Injectable()
export class AttributeCatalogRepository extends WorkspaceRepository<AttributeCatalogEntry> {
  constructor(@InjectModel(ATTRIBUTE_CATALOG_MODEL) model: Model<AttributeCatalogEntry>) {
    super(model);
  }

  listAll(workspaceId: string): Promise<AttributeCatalogEntry[]> {
    return this.find(workspaceId, {}, { sort: { source: 1, key: 1 } });
  }

  /**
   * Declares types for keys not in the catalog yet; an existing entry (another
   * writer was first) keeps its type. Answers the catalog entries of those keys.
   */
  async declare(
    workspaceId: string,
    entries: Array<CatalogKey & { type: ValueType }>,
  ): Promise<AttributeCatalogEntry[]> {
    if (entries.length === 0) return [];
    const now = new Date();
    const documents = entries.map((entry) => ({
      workspaceId,
      source: entry.source,
      key: entry.key,
      type: entry.type,
      sampleValues: [],
      rejectedCount: 0,
      createdAt: now,
    }));
    // A key refused as a duplicate was declared by another writer first.
    await this.writes.insertNew(documents);
    return this.find(workspaceId, {
      $or: entries.map((entry) => ({ source: entry.source, key: entry.key })),
    });
  }

  /** Adds sample values while the entry has fewer than MAX_SAMPLE_VALUES. */
  async addSamples(workspaceId: string, entry: CatalogKey, values: unknown[]): Promise<void> {
    if (values.length === 0) return;
    const filter = this.scope(workspaceId, {
      source: entry.source,
      key: entry.key,
      [`sampleValues.${MAX_SAMPLE_VALUES - 1}`]: { $exists: false },
    });
    await this.writes.updateOne(filter as Record<string, unknown>, {
      $addToSet: { sampleValues: { $each: values } },
    });
  }

  async countRejected(workspaceId: string, entry: CatalogKey, count: number): Promise<void> {
    const filter = this.scope(workspaceId, { source: entry.source, key: entry.key });
    await this.writes.updateOne(filter as Record<string, unknown>, {
      $inc: { rejectedCount: count },
    });
  }
}
