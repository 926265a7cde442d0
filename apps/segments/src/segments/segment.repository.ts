import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { keysetAfter, WorkspaceRepository } from '@seg/profile-store';
import type { Model } from 'mongoose';
import { SEGMENT_MODEL, SegmentDocument } from './segment.schema';

/** The fields a segment's definition is compiled from. */
export type SegmentDefinition = Pick<
  SegmentDocument,
  '_id' | 'name' | 'version' | 'rules' | 'attributeTypes'
>;

export interface SegmentPosition {
  createdAt: Date;
  id: string;
}

/** Segment definitions, scoped by workspace. */
@Injectable()
export class SegmentRepository extends WorkspaceRepository<SegmentDocument> {
  constructor(@InjectModel(SEGMENT_MODEL) model: Model<SegmentDocument>) {
    super(model);
  }

  findById(workspaceId: string, id: string): Promise<SegmentDocument | null> {
    return this.findOne(workspaceId, { _id: id });
  }

  async nameTaken(workspaceId: string, nameKey: string, exceptId?: string): Promise<boolean> {
    const found = await this.findOne(workspaceId, {
      nameKey,
      ...(exceptId ? { _id: { $ne: exceptId } } : {}),
    });
    return found !== null;
  }

  /** Every definition of the workspace (validation, cycle detection, compilation). */
  async definitions(workspaceId: string, ids?: string[]): Promise<SegmentDefinition[]> {
    const filter = ids ? { _id: { $in: ids } } : {};
    return (await this.model
      .find(this.scope(workspaceId, filter), {
        _id: 1,
        name: 1,
        version: 1,
        rules: 1,
        attributeTypes: 1,
      })
      .lean()
      .exec()) as SegmentDefinition[];
  }

  /** Id → version of every segment of the workspace (cache freshness). */
  async versions(workspaceId: string): Promise<Map<string, number>> {
    const docs = await this.model
      .find(this.scope(workspaceId), { _id: 1, version: 1 })
      .lean()
      .exec();
    return new Map(docs.map((doc) => [doc._id, doc.version]));
  }

  /** Segments whose rules reference one of `ids` directly: referenced id → referencing ids. */
  async referencing(workspaceId: string, ids: string[]): Promise<Map<string, string[]>> {
    const docs = await this.model
      .find(this.scope(workspaceId, { references: { $in: ids } }), { _id: 1, references: 1 })
      .sort({ _id: 1 })
      .lean()
      .exec();
    const out = new Map<string, string[]>();
    for (const doc of docs) {
      for (const ref of doc.references) {
        if (!ids.includes(ref)) continue;
        out.set(ref, [...(out.get(ref) ?? []), doc._id]);
      }
    }
    return out;
  }

  /** One page in creation order, after `after`. */
  async page(
    workspaceId: string,
    limit: number,
    after?: SegmentPosition,
  ): Promise<SegmentDocument[]> {
    const filter = after
      ? keysetAfter(
          { field: 'createdAt', order: 1, value: after.createdAt },
          { field: '_id', value: after.id },
        )
      : {};
    return this.find(workspaceId, filter, { sort: { createdAt: 1, _id: 1 }, limit });
  }

  /** Applies `set` when the stored version is still `version`; answers the new document. */
  async updateVersioned(
    workspaceId: string,
    id: string,
    version: number,
    set: Partial<Omit<SegmentDocument, '_id' | 'workspaceId' | 'version'>>,
    unset: Array<'description'> = [],
  ): Promise<SegmentDocument | null> {
    const update = {
      $set: set,
      $inc: { version: 1 },
      ...(unset.length ? { $unset: Object.fromEntries(unset.map((field) => [field, 1])) } : {}),
    };
    return (await this.model
      .findOneAndUpdate(this.scope(workspaceId, { _id: id, version }), update, {
        returnDocument: 'after',
      })
      .lean()
      .exec()) as SegmentDocument | null;
  }

  async deleteById(workspaceId: string, id: string): Promise<boolean> {
    return (await this.deleteMany(workspaceId, { _id: id })) > 0;
  }
}
