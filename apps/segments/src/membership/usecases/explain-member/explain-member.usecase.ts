import { Injectable } from '@nestjs/common';
import { DomainError, type ParsedRequestOf, type ResponseOf } from '@seg/contracts';
import { explain, nextChangeAt } from '@seg/segment-engine';
import { eventKeysOf } from '../../event-keys';
import { SavedSegment } from '../../saved-segment';
import { MemberStore } from '../../../reads/member-store';

export type ExplainMemberCommand = ParsedRequestOf<'segments.member.explain'>;

/** One user: member or not, and why (each node of the rules with its result; event counts). */
@Injectable()
export class ExplainMemberUseCase {
  constructor(
    private readonly saved: SavedSegment,
    private readonly store: MemberStore,
  ) {}

  async execute({
    workspaceId,
    segmentId,
    userId,
  }: ExplainMemberCommand): Promise<ResponseOf<'segments.member.explain'>> {
    const compiled = await this.saved.compile(workspaceId, segmentId);
    const profile = await this.store.findProfile(workspaceId, userId);
    if (!profile) throw new DomainError('NOT_FOUND', `User ${userId} not found`);
    const events = await this.store.findUserEvents(workspaceId, userId, eventKeysOf([compiled]));
    const input = { profile, events, now: new Date() };
    const explanation = explain(compiled, input);
    // Plain JSON (dates as ISO strings), as it leaves over the bus anyway.
    return {
      member: explanation.result,
      explanation: JSON.parse(JSON.stringify(explanation)) as Record<string, unknown>,
      nextChangeAt: nextChangeAt(compiled, input)?.toISOString() ?? null,
    };
  }
}
