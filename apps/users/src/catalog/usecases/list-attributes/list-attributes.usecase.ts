import { Injectable } from '@nestjs/common';
import type { AttributeCatalogItem, ParsedRequestOf } from '@seg/contracts';
import { AttributeCatalogRepository } from '@seg/profile-store';
import { NATIVE_ATTRIBUTE_TYPES, NATIVE_ATTRIBUTES } from '@seg/segment-engine';
import { toJson } from '../../../profiles/profile-view';

export type ListAttributesCommand = ParsedRequestOf<'users.attributes.list'>;

/** The attribute catalog: native attributes, then custom ones by source and key. */
@Injectable()
export class ListAttributesUseCase {
  constructor(private readonly catalog: AttributeCatalogRepository) {}

  async execute(command: ListAttributesCommand): Promise<{ items: AttributeCatalogItem[] }> {
    const natives: AttributeCatalogItem[] = NATIVE_ATTRIBUTES.map((key) => ({
      category: 'attribute',
      source: null,
      key,
      type: NATIVE_ATTRIBUTE_TYPES[key],
      sampleValues: [],
      rejectedCount: 0,
    }));
    const custom = (await this.catalog.listAll(command.workspaceId)).map(
      (entry): AttributeCatalogItem => ({
        category: 'customAttribute',
        source: entry.source,
        key: entry.key,
        type: entry.type,
        sampleValues: toJson(entry.sampleValues) as unknown[],
        rejectedCount: entry.rejectedCount ?? 0,
      }),
    );
    return { items: [...natives, ...custom] };
  }
}
