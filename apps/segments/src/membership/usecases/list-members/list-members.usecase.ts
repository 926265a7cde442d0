import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { MemberPager } from '../../member-pager';
import { SavedSegment } from '../../saved-segment';

export type ListMembersCommand = ParsedRequestOf<'segments.members.list'>;

/** A saved segment's members, ordered by userId, paged by cursor. */
@Injectable()
export class ListMembersUseCase {
  constructor(
    private readonly saved: SavedSegment,
    private readonly pager: MemberPager,
  ) {}

  async execute(command: ListMembersCommand): Promise<ResponseOf<'segments.members.list'>> {
    const compiled = await this.saved.compile(command.workspaceId, command.segmentId);
    return this.pager.page(command.workspaceId, compiled, command.limit, command.cursor);
  }
}
