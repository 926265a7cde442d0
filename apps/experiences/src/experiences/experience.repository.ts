import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { WorkspaceRepository } from '@seg/profile-store';
import type { Model } from 'mongoose';
import { EXPERIENCE_MODEL, ExperienceDocument } from './experience.schema';

/** The experiences of a workspace; every query is scoped by the workspace id. */
@Injectable()
export class ExperienceRepository extends WorkspaceRepository<ExperienceDocument> {
  constructor(@InjectModel(EXPERIENCE_MODEL) model: Model<ExperienceDocument>) {
    super(model);
  }

  findById(workspaceId: string, experienceId: string): Promise<ExperienceDocument | null> {
    return this.findOne(workspaceId, { experienceId });
  }

  /** A page in id order (ids sort by creation time), after `afterId` when given. */
  page(workspaceId: string, limit: number, afterId?: string): Promise<ExperienceDocument[]> {
    return this.find(workspaceId, afterId ? { experienceId: { $gt: afterId } } : {}, {
      sort: { experienceId: 1 },
      limit,
    });
  }

  findPublished(workspaceId: string): Promise<ExperienceDocument[]> {
    return this.find(workspaceId, { status: 'published' }, { sort: { experienceId: 1 } });
  }

  findUsingSegments(workspaceId: string, segmentIds: string[]): Promise<ExperienceDocument[]> {
    return this.find(workspaceId, { 'audience.segmentIds': { $in: segmentIds } });
  }
}
