import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { BusClient } from '@seg/platform';
import { PublishedExperiencesCache } from '../../../targeting/published-experiences.cache';

export type AudienceOverlapCommand = ParsedRequestOf<'experiences.audience.overlap'>;

/**
 * "Audience overlap" on the Audience step: for an audience being edited (saved or a draft),
 * what each selected segment adds and how much of it the other published experiences reach
 * too. This service knows the audiences (the published set, the one being edited left out);
 * the segments service counts them over its membership read model in one round trip
 * (`segments.audience.overlap`). Largest overlap first, then by name.
 */
@Injectable()
export class AudienceOverlapUseCase {
  constructor(
    private readonly published: PublishedExperiencesCache,
    private readonly bus: BusClient,
  ) {}

  async execute(
    command: AudienceOverlapCommand,
  ): Promise<ResponseOf<'experiences.audience.overlap'>> {
    const { workspaceId, audience, experienceId } = command;
    const others = (await this.published.get(workspaceId)).experiences.filter(
      (candidate) => candidate.experience.id !== experienceId,
    );
    const counted = await this.bus.request('segments.audience.overlap', {
      workspaceId,
      audience,
      others: others.map((other) => ({
        key: other.experience.id,
        audience:
          other.mode === 'all'
            ? { mode: 'all' as const }
            : { mode: 'segments' as const, segmentIds: other.segmentIds },
      })),
    });
    const overlapOf = new Map(counted.others.map((other) => [other.key, other.overlap]));
    const experiences = others
      .map(({ experience }) => {
        const overlap = overlapOf.get(experience.id) ?? 0;
        return {
          id: experience.id,
          name: experience.name,
          overlap,
          share: counted.total === 0 ? 0 : overlap / counted.total,
        };
      })
      .sort((a, b) => b.overlap - a.overlap || a.name.localeCompare(b.name));
    return {
      total: counted.total,
      segments: counted.segments,
      experiences,
      status: counted.status,
      ...(counted.progress !== undefined && { progress: counted.progress }),
      pending: counted.pending,
      estimated: counted.estimated,
      asOf: counted.asOf,
    };
  }
}
