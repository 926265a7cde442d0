import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { MemberPager } from '../../member-pager';
import { SavedSegment } from '../../saved-segment';

export type CountMembersCommand = ParsedRequestOf<'segments.members.count'>;

@Injectable()
export class CountMembersUseCase {
  constructor(
    private readonly saved: SavedSegment,
    private readonly pager: MemberPager,
  ) {}

  async execute(command: CountMembersCommand): Promise<ResponseOf<'segments.members.count'>> {
    const compiled = await this.saved.compile(command.workspaceId, command.segmentId);
    return { count: await this.pager.count(command.workspaceId, compiled) };
  }
}
