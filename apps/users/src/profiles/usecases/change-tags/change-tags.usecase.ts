import { Injectable } from '@nestjs/common';
import { DomainError, ParsedRequestOf } from '@seg/contracts';
import { BusClient } from '@seg/platform';
import { ProfileRepository } from '@seg/profile-store';
import { AttributeFreshness } from '../../../catalog/freshness/attribute-freshness';
import { UserLanes } from '../../../writing/user-lanes';

export type ChangeTagsCommand = ParsedRequestOf<'users.tags.add' | 'users.tags.remove'> & {
  change: 'add' | 'remove';
};

/** Adds or removes tags of an existing user (set by hand: not activity). */
@Injectable()
export class ChangeTagsUseCase {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly bus: BusClient,
    private readonly lanes: UserLanes,
    private readonly freshness: AttributeFreshness,
  ) {}

  async execute(command: ChangeTagsCommand): Promise<{ userId: string; tags: string[] }> {
    const { workspaceId, userId } = command;
    const unique = [...new Set(command.tags)];
    const tags = await this.lanes.run(workspaceId, [userId], () =>
      command.change === 'add'
        ? this.profiles.addTags(workspaceId, userId, unique)
        : this.profiles.removeTags(workspaceId, userId, unique),
    );
    if (tags === null) throw new DomainError('NOT_FOUND', `User ${userId} not found`);
    this.freshness.noteWritten(workspaceId, [{ source: null, key: 'tags' }]);
    await this.bus.emit('user.updated', {
      workspaceId,
      userId,
      changes: ['tags'],
      at: new Date().toISOString(),
    });
    return { userId, tags };
  }
}
