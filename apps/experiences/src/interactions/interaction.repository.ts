import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError, WorkspaceRepository } from '@seg/profile-store';
import type { Model } from 'mongoose';
import { INTERACTION_MODEL, InteractionDocument } from './interaction.schema';

/** Recorded interactions; every query is scoped by the workspace id. */
@Injectable()
export class InteractionRepository extends WorkspaceRepository<InteractionDocument> {
  constructor(@InjectModel(INTERACTION_MODEL) model: Model<InteractionDocument>) {
    super(model);
  }

  /**
   * Records the interaction unless its messageId already was; answers the stored
   * one either way (the first wins).
   */
  async insertOnce(
    workspaceId: string,
    document: Omit<InteractionDocument, 'workspaceId'>,
  ): Promise<{ stored: InteractionDocument; duplicate: boolean }> {
    try {
      await this.insert(workspaceId, document);
      return { stored: { ...document, workspaceId }, duplicate: false };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const stored = await this.findOne(workspaceId, { messageId: document.messageId });
      if (!stored) throw error;
      return { stored, duplicate: true };
    }
  }
}
