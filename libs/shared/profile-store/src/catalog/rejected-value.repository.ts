import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { WorkspaceRepository } from '../base/workspace-repository';
import { REJECTED_VALUE_MODEL, RejectedValue } from './rejected-value.schema';

/** Values kept aside because they could not be normalised (insert-only). */
@Injectable()
export class RejectedValueRepository extends WorkspaceRepository<RejectedValue> {
  constructor(@InjectModel(REJECTED_VALUE_MODEL) model: Model<RejectedValue>) {
    super(model);
  }

  async insertAll(
    workspaceId: string,
    values: Omit<RejectedValue, 'workspaceId'>[],
  ): Promise<void> {
    if (values.length === 0) return;
    const documents = values.map((value) => ({ ...value, workspaceId }));
    await this.writes.insertMany(documents, { ordered: false });
  }
}
