import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import type { CompiledSegment } from '@seg/segment-engine';
import { MembershipStatus } from '../../../read-model/membership-status';
import { ReadModelRepository } from '../../../read-model/read-model.repository';
import { membershipKey } from '../../../read-model/read-model.schemas';
import { MembershipFreshness } from '../../membership-freshness';
import { CheckMembershipUseCase } from '../check-membership/check-membership.usecase';

export type ListUserSegmentsCommand = ParsedRequestOf<'segments.membership.ofUser'>;

/**
 * The profile's "segments the user is in", sorted by name, then id: the user's row of the read
 * model for every `ready` segment; evaluated now (CheckMembershipUseCase's one-user
 * evaluation) for segments being recomputed, and for all when the user has no row yet, the
 * row does not reflect the newest change heard of (MembershipFreshness), or its
 * `nextChangeAt` has passed (a relative window flipped and the worker has not caught up).
 */
@Injectable()
export class ListUserSegmentsUseCase {
  constructor(
    private readonly status: MembershipStatus,
    private readonly readModel: ReadModelRepository,
    private readonly membership: CheckMembershipUseCase,
    private readonly freshness: MembershipFreshness,
  ) {}

  async execute({
    workspaceId,
    userId,
  }: ListUserSegmentsCommand): Promise<ResponseOf<'segments.membership.ofUser'>> {
    const [status, row] = await Promise.all([
      this.status.of(workspaceId),
      this.readModel.membership(workspaceId, membershipKey(workspaceId, userId)),
    ]);
    const { compiled, names } = status.segments;
    const trusted =
      row !== null &&
      this.freshness.reflects(workspaceId, userId, row) &&
      (row.nextChangeAt === null || row.nextChangeAt.getTime() > Date.now());
    const live = new Map<string, CompiledSegment>();
    const ids: string[] = [];
    for (const [id, segment] of compiled) {
      if (trusted && status.of(id).status === 'ready') {
        if (row.segmentIds.includes(id)) ids.push(id);
      } else {
        live.set(id, segment);
      }
    }
    ids.push(...(await this.membership.memberOf(workspaceId, userId, live)));
    const segments = ids.map((id) => ({ id, name: names.get(id) ?? '' }));
    segments.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return { segments };
  }
}
