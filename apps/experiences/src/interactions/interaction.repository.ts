import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isDuplicateKeyError, WorkspaceRepository } from '@seg/profile-store';
import type { Model } from 'mongoose';
import { INTERACTION_MODEL, InteractionDocument } from './interaction.schema';

/** The fields the stats read of an interaction. */
export type InteractionFacts = Pick<
  InteractionDocument,
  'userId' | 'type' | 'stepId' | 'values' | 'completed' | 'timestamp'
>;

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

  /**
   * Every interaction with one experience, streamed (never all in memory at once), with only
   * the fields the stats read. The filter is top-level equality, so FerretDB pushes it down.
   */
  async *forExperience(workspaceId: string, experienceId: string): AsyncIterable<InteractionFacts> {
    const cursor = this.model
      .find(this.scope(workspaceId, { experienceId }))
      .select({ _id: 0, userId: 1, type: 1, stepId: 1, values: 1, completed: 1, timestamp: 1 })
      .lean<InteractionFacts[]>()
      .cursor({ batchSize: 1_000 });
    for await (const document of cursor) yield document as InteractionFacts;
  }
}
