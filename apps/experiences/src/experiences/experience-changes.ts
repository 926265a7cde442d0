import { Injectable } from '@nestjs/common';
import { BusClient } from '@seg/platform';
import { PublishedExperiencesCache } from '../targeting/published-experiences.cache';

/**
 * After every write to an experience: this process's targeting cache is dropped
 * at once (so the write is visible when its call returns) and `experience.updated`
 * tells every other consumer.
 */
@Injectable()
export class ExperienceChanges {
  constructor(
    private readonly cache: PublishedExperiencesCache,
    private readonly bus: BusClient,
  ) {}

  async changed(workspaceId: string, experienceIds: string[]): Promise<void> {
    this.cache.invalidate(workspaceId);
    for (const experienceId of experienceIds) {
      await this.bus.emit('experience.updated', { workspaceId, experienceId });
    }
  }
}
