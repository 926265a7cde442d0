import { Injectable } from '@nestjs/common';
import type { EventCatalogItem, ParsedRequestOf } from '@seg/contracts';
import { EventCatalogRepository } from '@seg/profile-store';

export type ListEventsCommand = ParsedRequestOf<'users.events.list'>;

/** Event names per source, with how many were stored and when the latest happened. */
@Injectable()
export class ListEventsUseCase {
  constructor(private readonly catalog: EventCatalogRepository) {}

  async execute(command: ListEventsCommand): Promise<{ items: EventCatalogItem[] }> {
    const entries = await this.catalog.listAll(command.workspaceId);
    return {
      items: entries.map((entry) => ({
        source: entry.source,
        name: entry.name,
        count: entry.count,
        lastSeenAt: entry.lastSeenAt.toISOString(),
      })),
    };
  }
}
