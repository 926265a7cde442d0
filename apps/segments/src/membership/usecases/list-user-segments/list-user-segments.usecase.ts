import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { CompiledSegments } from '../../compiled-segments';
import { CheckMembershipUseCase } from '../check-membership/check-membership.usecase';

export type ListUserSegmentsCommand = ParsedRequestOf<'segments.membership.ofUser'>;

/**
 * The profile's "segments the user is in": CheckMembershipUseCase's one-user evaluation
 * over every segment of the workspace (compiled copies from the cache, one profile read and
 * only the events the segments count). Sorted by name, then id.
 */
@Injectable()
export class ListUserSegmentsUseCase {
  constructor(
    private readonly compiled: CompiledSegments,
    private readonly membership: CheckMembershipUseCase,
  ) {}

  async execute({
    workspaceId,
    userId,
  }: ListUserSegmentsCommand): Promise<ResponseOf<'segments.membership.ofUser'>> {
    const { compiled, names } = await this.compiled.all(workspaceId);
    const ids = await this.membership.memberOf(workspaceId, userId, compiled);
    const segments = ids.map((id) => ({ id, name: names.get(id) ?? '' }));
    segments.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return { segments };
  }
}
