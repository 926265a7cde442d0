import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { MembershipStatus } from '../../../read-model/membership-status';
import { MemberPager } from '../../member-pager';
import { SavedSegment } from '../../saved-segment';

export type CountMembersCommand = ParsedRequestOf<'segments.members.count'>;

/**
 * A saved segment's count: the read model's size when it is `ready`; while a recomputation
 * runs (or after one failed) the segment is evaluated now, the batch way, with the status
 * and the recomputation's progress.
 */
@Injectable()
export class CountMembersUseCase {
  constructor(
    private readonly saved: SavedSegment,
    private readonly pager: MemberPager,
    private readonly status: MembershipStatus,
  ) {}

  async execute(command: CountMembersCommand): Promise<ResponseOf<'segments.members.count'>> {
    const { workspaceId, segmentId } = command;
    const compiled = await this.saved.compile(workspaceId, segmentId);
    const state = (await this.status.of(workspaceId)).of(segmentId);
    if (state.status === 'ready') {
      return { count: state.size, asOf: state.asOf.toISOString(), status: 'ready' };
    }
    const asOf = new Date();
    const count = await this.pager.count(workspaceId, compiled, asOf);
    return {
      count,
      asOf: asOf.toISOString(),
      status: state.status,
      ...(state.progress !== undefined && { progress: state.progress }),
    };
  }
}
