import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError, WorkspaceRepository } from '@seg/profile-store';
import type { Model } from 'mongoose';
import { INTERACTION_RECEIPT_MODEL, InteractionReceipt } from './interaction-receipt.schema';

/** Which interaction messageIds were applied (idempotency of `interaction.recorded`). */
@Injectable()
export class InteractionReceiptRepository extends WorkspaceRepository<InteractionReceipt> {
  constructor(@InjectModel(INTERACTION_RECEIPT_MODEL) model: Model<InteractionReceipt>) {
    super(model);
  }

  async wasApplied(workspaceId: string, messageId: string): Promise<boolean> {
    return (await this.findOne(workspaceId, { messageId })) !== null;
  }

  /** Insert-only; marking twice is harmless. */
  async markApplied(workspaceId: string, messageId: string, userId: string): Promise<void> {
    try {
      await this.insert(workspaceId, { messageId, userId, appliedAt: new Date() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
