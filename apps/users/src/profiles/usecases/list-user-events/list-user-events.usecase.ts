import { Injectable } from '@nestjs/common';
import { DomainError, type ParsedRequestOf, type ResponseOf } from '@seg/contracts';
import { EventRepository, ProfileRepository } from '@seg/profile-store';

export type ListUserEventsCommand = ParsedRequestOf<'users.user.events'>;

/** A user's most recent events, newest first; NOT_FOUND for a user the workspace lacks. */
@Injectable()
export class ListUserEventsUseCase {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly events: EventRepository,
  ) {}

  async execute({
    workspaceId,
    userId,
    limit,
  }: ListUserEventsCommand): Promise<ResponseOf<'users.user.events'>> {
    const [profile, events] = await Promise.all([
      this.profiles.findByUserId(workspaceId, userId),
      this.events.recentOfUser(workspaceId, userId, limit),
    ]);
    if (!profile) throw new DomainError('NOT_FOUND', `User ${userId} not found`);
    return {
      events: events.map((event) => ({
        source: event.source,
        name: event.name,
        timestamp: event.timestamp.toISOString(),
        properties: (event.properties ?? {}) as Record<string, unknown>,
      })),
    };
  }
}
