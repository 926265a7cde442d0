import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { BusClient } from '@seg/platform';
import { EventRepository, ProfileRepository, RejectedValueRepository } from '@seg/profile-store';
import { AttributeFreshness } from '../../../catalog/freshness/attribute-freshness';
import { InboxApplier } from '../../inbox-applier';

export type EraseUserCommand = ParsedRequestOf<'users.user.erase'>;

/**
 * Erases one user's profile, events and kept rejected values (Segment.io's
 * user-deletion request). Messages this process accepted before are applied
 * first, so an earlier identify still in the applier's queue cannot recreate the
 * profile after the erase. Inbox entries stay (they are the messageId dedupe keys).
 */
@Injectable()
export class EraseUserUseCase {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly events: EventRepository,
    private readonly rejected: RejectedValueRepository,
    private readonly applier: InboxApplier,
    private readonly bus: BusClient,
    private readonly freshness: AttributeFreshness,
  ) {}

  async execute(command: EraseUserCommand): Promise<{ erased: boolean }> {
    const { workspaceId, userId } = command;
    await this.applier.idle();
    const deletedEvents = await this.events.deleteByUserId(workspaceId, userId);
    await this.rejected.deleteMany(workspaceId, { userId });
    const deletedProfile = await this.profiles.deleteByUserId(workspaceId, userId);
    if (deletedProfile) {
      // One user fewer: the coverage is counted again.
      this.freshness.markChanged(workspaceId);
      await this.bus.emit('user.updated', {
        workspaceId,
        userId,
        changes: ['activity', 'attributes', 'tags', 'interactions'],
        at: new Date().toISOString(),
      });
    }
    return { erased: deletedProfile || deletedEvents > 0 };
  }
}
