import { Injectable } from '@nestjs/common';
import type { InteractionRecordedEvent } from '@seg/contracts';
import { BusClient } from '@seg/platform';
import { ProfileRepository } from '@seg/profile-store';
import { summarizeInteractions } from '@seg/segment-engine';
import { foldMessages } from '../../../ingestion/profile-fold';
import { UserLanes } from '../../../writing/user-lanes';
import { InteractionReceiptRepository } from '../../interaction-receipt.repository';
import { mergeInteraction } from './merge-interaction';

const MAX_ATTEMPTS = 10;

/**
 * Applies an interaction recorded by the experiences service to the user's
 * profile: the `interactions` record and, always with it, the `experiences`
 * summary the segment engine queries. Idempotent by messageId (receipts), and the
 * merge itself is idempotent, so a redelivery after a crash changes nothing.
 * A user without a profile gets one; activity (lastActivityAt, sessions,
 * createdAt) follows the users service's own rules (`foldMessages`). The write is
 * guarded (optimistic, on the activity fields) and this process applies one
 * interaction per user at a time.
 */
@Injectable()
export class ApplyInteractionUseCase {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly receipts: InteractionReceiptRepository,
    private readonly bus: BusClient,
    private readonly lanes: UserLanes,
  ) {}

  async execute(interaction: InteractionRecordedEvent): Promise<void> {
    const { workspaceId, userId, messageId } = interaction;
    if (await this.receipts.wasApplied(workspaceId, messageId)) return;
    // The user's lane: no other write of this profile (ingestion, syncs) overlaps.
    const activity = await this.lanes.run(workspaceId, [userId], () => this.apply(interaction));
    await this.receipts.markApplied(workspaceId, messageId, userId);
    await this.bus.emit('user.updated', {
      workspaceId,
      userId,
      changes: activity ? ['interactions', 'activity'] : ['interactions'],
      at: new Date().toISOString(),
    });
  }

  /** Answers whether the user's activity changed too. */
  private async apply(interaction: InteractionRecordedEvent): Promise<boolean> {
    const { workspaceId, userId, messageId } = interaction;
    const activity = [{ messageId, timestamp: new Date(interaction.timestamp) }];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const current = await this.profiles.findByUserId(workspaceId, userId);
      // The users service's own activity rules (lastActivityAt, sessions, createdAt).
      const folded = foldMessages(workspaceId, userId, current, activity);
      const interactions = mergeInteraction(current?.interactions ?? [], interaction);
      const experiences = summarizeInteractions(interactions);
      if (!current) {
        const existed = await this.profiles.insertNew(workspaceId, [
          { ...folded.profile, interactions, experiences },
        ]);
        if (!existed.has(userId)) return true;
        continue; // created meanwhile by another writer: apply as an update
      }
      const written = await this.profiles.setGuarded(
        workspaceId,
        userId,
        { lastActivityAt: current.lastActivityAt, sessions: current.sessions },
        { ...folded.set, interactions, experiences },
      );
      if (written) return folded.changes.includes('activity');
    }
    throw new Error(`Profile ${userId} kept changing; the interaction will be retried`);
  }
}
