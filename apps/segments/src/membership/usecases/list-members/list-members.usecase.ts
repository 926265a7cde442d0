import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { decodeCursor, encodeCursor } from '@seg/platform';
import { MembershipStatus } from '../../../read-model/membership-status';
import { ReadModelRepository } from '../../../read-model/read-model.repository';
import { MemberPager, memberCursor } from '../../member-pager';
import { SavedSegment } from '../../saved-segment';

export type ListMembersCommand = ParsedRequestOf<'segments.members.list'>;

/**
 * A saved segment's members, ordered by userId, paged by cursor (the last userId): from the
 * read model when the segment is `ready`, otherwise evaluated now (the batch way). Both orders
 * and cursors are the same, so a page may follow one of the other kind.
 */
@Injectable()
export class ListMembersUseCase {
  constructor(
    private readonly saved: SavedSegment,
    private readonly pager: MemberPager,
    private readonly status: MembershipStatus,
    private readonly readModel: ReadModelRepository,
  ) {}

  async execute(command: ListMembersCommand): Promise<ResponseOf<'segments.members.list'>> {
    const { workspaceId, segmentId, limit, cursor } = command;
    const compiled = await this.saved.compile(workspaceId, segmentId);
    const state = (await this.status.of(workspaceId)).of(segmentId);
    if (state.status !== 'ready') {
      return this.pager.page(workspaceId, compiled, limit, cursor);
    }
    const after = decodeCursor(cursor, memberCursor)?.u;
    const found = await this.readModel.members(workspaceId, segmentId, after, limit + 1);
    const ids = found.slice(0, limit);
    const last = ids[ids.length - 1];
    return {
      users: await this.pager.views(workspaceId, ids),
      nextCursor: found.length > limit && last ? encodeCursor({ u: last }) : null,
    };
  }
}
