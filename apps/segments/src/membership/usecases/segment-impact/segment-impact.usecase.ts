import { Injectable } from '@nestjs/common';
import {
  DomainError,
  type ErrorDetail,
  type ParsedRequestOf,
  type ResponseOf,
  zodIssuesToDetails,
} from '@seg/contracts';
import { BusClient } from '@seg/platform';
import type { CompiledSegment } from '@seg/segment-engine';
import { z } from 'zod';
import { MembershipStatus } from '../../../read-model/membership-status';
import { MemberStore } from '../../../reads/member-store';
import { SegmentInputValidator } from '../../../segments/segment-input';
import { CompiledSegments } from '../../compiled-segments';
import { SavedSegment } from '../../saved-segment';
import { SegmentImpact } from '../../segment-impact';

export type SegmentImpactCommand = ParsedRequestOf<'segments.segment.impact'>;

const impactBody = z.strictObject({ rules: z.unknown() });

/**
 * "Edit impact before saving" (#18 item 1): for a saved segment and draft rules, the users
 * who would join and leave, and for each experience using the segment (asked of the
 * experiences service, which owns audiences) its reach before → after. The rules are
 * validated as an update of this segment would be; the figures come from `SegmentImpact`
 * (the read model for current members, the draft evaluated the preview's way).
 */
@Injectable()
export class SegmentImpactUseCase {
  constructor(
    private readonly saved: SavedSegment,
    private readonly validator: SegmentInputValidator,
    private readonly compiled: CompiledSegments,
    private readonly status: MembershipStatus,
    private readonly store: MemberStore,
    private readonly bus: BusClient,
    private readonly impact: SegmentImpact,
  ) {}

  async execute(command: SegmentImpactCommand): Promise<ResponseOf<'segments.segment.impact'>> {
    const { workspaceId, segmentId } = command;
    const started = performance.now();
    await this.saved.compile(workspaceId, segmentId); // 404 first
    const draft = await this.compileDraft(workspaceId, segmentId, command.body);
    const [{ experiences }, status] = await Promise.all([
      this.bus.request('experiences.segmentAudience.list', { workspaceId, segmentId }),
      this.status.of(workspaceId),
    ]);
    const needed = new Set([segmentId, ...experiences.flatMap((e) => e.segmentIds)]);
    const compiled = await this.compiled.get(workspaceId, [...needed]);
    const segments = new Map(
      [...compiled].map(([id, found]) => [
        id,
        { compiled: found, ready: status.of(id).status === 'ready' },
      ]),
    );
    const answer = await this.impact.answer({
      workspaceId,
      segmentId,
      draft,
      segments,
      audiences: experiences.map((experience) => experience.segmentIds),
      started,
    });
    return {
      join: answer.join,
      leave: answer.leave,
      experiences: experiences.map((experience, i) => ({
        id: experience.id,
        name: experience.name,
        status: experience.status,
        ...answer.reach[i]!,
      })),
      exact: answer.share >= 1,
      scanned: answer.share,
      asOf: answer.now.toISOString(),
    };
  }

  /** The draft rules, validated as an update of this segment would be (cycles included). */
  private async compileDraft(
    workspaceId: string,
    segmentId: string,
    body: Record<string, unknown>,
  ): Promise<CompiledSegment> {
    const details: ErrorDetail[] = [];
    const parsed = impactBody.safeParse(body);
    if (!parsed.success) details.push(...zodIssuesToDetails(parsed.error));
    if (body['rules'] === undefined) details.push({ path: 'rules', message: 'is required' });
    let rules;
    if (body['rules'] !== undefined) {
      try {
        const input = await this.validator.forUpdate(workspaceId, segmentId, {
          rules: body['rules'],
        });
        rules = input.rules;
      } catch (error) {
        if (!(error instanceof DomainError) || !error.details) throw error;
        details.push(...error.details);
      }
    }
    if (!parsed.success || !rules || details.length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'Invalid impact request', details);
    }
    const catalog = await this.store.catalog(workspaceId);
    return this.compiled.compileRules(workspaceId, rules, catalog);
  }
}
