import { Injectable } from '@nestjs/common';
import type { AttributeCatalogItem, ParsedRequestOf } from '@seg/contracts';
import {
  AttributeCatalogRepository,
  AttributeCoverageRepository,
  AttributeWriteRepository,
} from '@seg/profile-store';
import { NATIVE_ATTRIBUTE_TYPES, NATIVE_ATTRIBUTES } from '@seg/segment-engine';
import { toJson } from '../../../profiles/profile-view';
import { AttributeFreshness } from '../../freshness/attribute-freshness';

export type ListAttributesCommand = ParsedRequestOf<'users.attributes.list'>;

const keyOf = (source: string | null, key: string) => `${source ?? ''}\u0000${key}`;

/**
 * The attribute catalog: native attributes, then custom ones by source and key, each with its
 * coverage (the workspace's last background count) and when a value was last written. Three
 * reads of small per-workspace collections: no profile is read here.
 */
@Injectable()
export class ListAttributesUseCase {
  constructor(
    private readonly catalog: AttributeCatalogRepository,
    private readonly coverage: AttributeCoverageRepository,
    private readonly writes: AttributeWriteRepository,
    private readonly freshness: AttributeFreshness,
  ) {}

  async execute(command: ListAttributesCommand): Promise<{ items: AttributeCatalogItem[] }> {
    const { workspaceId } = command;
    const [entries, snapshot, writes] = await Promise.all([
      this.catalog.listAll(workspaceId),
      this.coverage.get(workspaceId),
      this.writes.listAll(workspaceId),
    ]);
    const counts = new Map(
      (snapshot?.attributes ?? []).map((count) => [keyOf(count.source, count.key), count.users]),
    );
    const written = new Map(
      writes.map((write) => [keyOf(write.source, write.key), write.lastWrittenAt]),
    );
    // No count yet, or writes stored since the last one: counted again in the background.
    const newest = Math.max(0, ...writes.map((write) => write.lastWrittenAt.getTime()));
    if (!snapshot || newest > snapshot.asOf.getTime()) {
      this.freshness.requestRecount(workspaceId, snapshot);
    }
    const freshnessOf = (source: string | null, key: string) => {
      const users = counts.get(keyOf(source, key));
      const lastWrittenAt = written.get(keyOf(source, key));
      return {
        coverage:
          snapshot && users !== undefined
            ? {
                users,
                share: snapshot.users === 0 ? 0 : users / snapshot.users,
                asOf: snapshot.asOf.toISOString(),
              }
            : null,
        lastWrittenAt: lastWrittenAt ? lastWrittenAt.toISOString() : null,
      };
    };
    const natives: AttributeCatalogItem[] = NATIVE_ATTRIBUTES.map((key) => ({
      category: 'attribute',
      source: null,
      key,
      type: NATIVE_ATTRIBUTE_TYPES[key],
      sampleValues: [],
      rejectedCount: 0,
      ...freshnessOf(null, key),
    }));
    const custom = entries.map((entry): AttributeCatalogItem => ({
      category: 'customAttribute',
      source: entry.source,
      key: entry.key,
      type: entry.type,
      sampleValues: toJson(entry.sampleValues) as unknown[],
      rejectedCount: entry.rejectedCount ?? 0,
      ...freshnessOf(entry.source, entry.key),
    }));
    return { items: [...natives, ...custom] };
  }
}
