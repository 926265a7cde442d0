import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { MEMBERSHIP_MODEL, MembershipDocument } from './read-model.schemas';

/** How many users have exactly this set of segments (ids sorted, as the worker writes them). */
export interface Combination {
  segmentIds: string[];
  users: number;
}

/**
 * The read model grouped by each user's whole set of segments, counted in the database:
 * `{ workspaceId, segmentIds: id }` (or `{ workspaceId }` for every user) is top-level
 * equality, which FerretDB pushes down to the GIN twin of `{ workspaceId, segmentIds, userId }`
 * (ferretdb.md), so only the rows of that segment's members are decoded, and `$group` with
 * `$sum` runs in the database: what comes back is one document per distinct set, not one per
 * user. Every overlap figure of an audience is a sum over these sets.
 */
@Injectable()
export class MembershipCombinations {
  constructor(
    @InjectModel(MEMBERSHIP_MODEL) private readonly memberships: Model<MembershipDocument>,
  ) {}

  /** The sets of the members of `segmentId` (null: of every user of the workspace). */
  async of(workspaceId: string, segmentId: string | null): Promise<Combination[]> {
    const match: Record<string, string> =
      segmentId === null ? { workspaceId } : { workspaceId, segmentIds: segmentId };
    const groups = await this.memberships
      .aggregate<{ _id: string[] | null; users: number }>([
        { $match: match },
        { $group: { _id: '$segmentIds', users: { $sum: 1 } } },
      ])
      .exec();
    return groups.map((group) => ({ segmentIds: group._id ?? [], users: group.users }));
  }
}
