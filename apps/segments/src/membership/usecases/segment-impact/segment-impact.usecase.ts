import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  type ErrorDetail,
  type ParsedRequestOf,
  type ResponseOf,
  zodIssuesToDetails,
} from '@seg/contracts';
import { APP_CONFIG, BusClient } from '@seg/platform';
import { SAMPLE_BUCKETS, sampleBucket } from '@seg/profile-store';
import {
  allMembersOnce,
  buildPlan,
  type CompiledSegment,
  type SegmentDataSource,
} from '@seg/segment-engine';
import { z } from 'zod';
import type { SegmentsConfig } from '../../../config';
import { MembershipStatus } from '../../../read-model/membership-status';
import { ReadModelRepository } from '../../../read-model/read-model.repository';
import { MemberStore } from '../../../reads/member-store';
import { SegmentInputValidator } from '../../../segments/segment-input';
import { CompiledSegments } from '../../compiled-segments';
import { CHUNK_SIZE } from '../../member-pager';
import { SavedSegment } from '../../saved-segment';
import { impactFigures, type MemberSet } from './impact-figures';

export type SegmentImpactCommand = ParsedRequestOf<'segments.segment.impact'>;

const impactBody = z.strictObject({ rules: z.unknown() });
/** userIds listed per side. */
const SAMPLE_SIZE = 10;
/** Kept from the budget for what follows the scan (the read model's rows, the figures). */
const TAIL_MS = 150;

/**
 * "Edit impact before saving" (#18 item 1): for a saved segment and draft rules, the users
 * who would join and leave, and for each experience using the segment its reach before →
 * after. Current members come from the membership read model (evaluated on the fly, like
 * every other answer, while the segment is not `ready`); the draft's from the engine's
 * pipelines, the preview's way: the whole workspace in one pass when it is small, otherwise
 * sample bucket by sample bucket within `PREVIEW_BUDGET_MS`, the figures then scaled from the
 * share scanned (`exact: false`).
 */
@Injectable()
export class SegmentImpactUseCase {
  constructor(
    @Inject(APP_CONFIG) private readonly config: SegmentsConfig,
    private readonly saved: SavedSegment,
    private readonly validator: SegmentInputValidator,
    private readonly compiled: CompiledSegments,
    private readonly status: MembershipStatus,
    private readonly readModel: ReadModelRepository,
    private readonly store: MemberStore,
    private readonly bus: BusClient,
  ) {}

  async execute(command: SegmentImpactCommand): Promise<ResponseOf<'segments.segment.impact'>> {
    const { workspaceId, segmentId } = command;
    const started = performance.now();
    await this.saved.compile(workspaceId, segmentId); // 404 first
    const draft = await this.compileDraft(workspaceId, segmentId, command.body);
    const now = new Date();

    const [{ experiences }, status, small] = await Promise.all([
      this.bus.request('experiences.segmentAudience.list', { workspaceId, segmentId }),
      this.status.of(workspaceId),
      this.isSmall(workspaceId),
    ]);
    // Every segment whose members are needed: this one and the others of each audience.
    const needed = [segmentId];
    for (const experience of experiences) {
      for (const id of experience.segmentIds) if (!needed.includes(id)) needed.push(id);
    }
    const compiledById = await this.compiled.get(workspaceId, needed);
    // Ready segments: the read model's rows (read while the draft is evaluated); the others
    // (computing, failed) are evaluated with the draft, over the same users.
    const fromReadModel = new Map<string, Promise<string[]>>();
    const evaluatedNow = new Map<string, CompiledSegment>();
    for (const id of needed) {
      const found = compiledById.get(id);
      if (!found) continue; // a deleted segment still listed: nobody
      if (status.of(id).status === 'ready') {
        const read = this.readModel.memberIds(workspaceId, id);
        read.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
        fromReadModel.set(id, read);
      } else evaluatedNow.set(id, found);
    }
    const toEvaluate = [draft, ...evaluatedNow.values()];
    const source = this.store.dataSource(workspaceId);
    const scan = small
      ? await this.evaluateAll(workspaceId, toEvaluate, now, source)
      : await this.evaluateBuckets(workspaceId, toEvaluate, now, source, started);
    const [draftMembers, ...others] = scan.members;
    const evaluatedSets = new Map([...evaluatedNow.keys()].map((id, i) => [id, others[i]!]));
    const rows = new Map(
      await Promise.all(
        [...fromReadModel].map(async ([id, ids]) => [id, new Set(await ids)] as const),
      ),
    );
    const setOf = (id: string): MemberSet => {
      const read = rows.get(id);
      if (read) return { ids: read, full: true };
      const found = evaluatedSets.get(id);
      return found ? { ids: found, full: scan.share >= 1 } : { ids: new Set(), full: true };
    };

    const buckets = scan.buckets;
    const figures = impactFigures({
      share: scan.share,
      evaluated: buckets ? (userId) => buckets.has(sampleBucket(workspaceId, userId)) : () => true,
      current: setOf(segmentId),
      draft: draftMembers!,
      audiences: experiences.map((experience) =>
        experience.segmentIds.filter((id) => id !== segmentId).map(setOf),
      ),
      sampleSize: SAMPLE_SIZE,
    });
    return {
      join: figures.join,
      leave: figures.leave,
      experiences: experiences.map((experience, i) => ({
        id: experience.id,
        name: experience.name,
        status: experience.status,
        ...figures.reach[i]!,
      })),
      exact: scan.share >= 1,
      scanned: scan.share,
      asOf: now.toISOString(),
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
        rules = (await this.validator.forUpdate(workspaceId, segmentId, { rules: body['rules'] }))
          .rules;
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

  /** As the preview decides: small workspaces (or buckets not yet backfilled) in one pass. */
  private async isSmall(workspaceId: string): Promise<boolean> {
    if (!(await this.store.bucketsReady())) return true;
    const max = this.config.PREVIEW_EXACT_MAX_USERS;
    return (await this.store.countUsersUpTo(workspaceId, max)) <= max;
  }

  private async evaluateAll(
    workspaceId: string,
    segments: CompiledSegment[],
    now: Date,
    source: SegmentDataSource,
  ): Promise<Scan> {
    const members = await Promise.all(
      segments.map(async (compiled) => {
        const plan = buildPlan(compiled, { workspaceId, now });
        return new Set(await allMembersOnce(plan, source, { chunkSize: CHUNK_SIZE }));
      }),
    );
    return { members, share: 1, buckets: null };
  }

  /**
   * Bucket after bucket (0, 1, …: each a uniform 1% slice of the users) until all are scanned
   * or the next one would likely end past the budget; at least one is always scanned.
   */
  private async evaluateBuckets(
    workspaceId: string,
    segments: CompiledSegment[],
    now: Date,
    source: SegmentDataSource,
    started: number,
  ): Promise<Scan> {
    const deadline = started + this.config.PREVIEW_BUDGET_MS - TAIL_MS;
    const members = segments.map(() => new Set<string>());
    const buckets = new Set<number>();
    const scanStarted = performance.now();
    for (let bucket = 0; bucket < SAMPLE_BUCKETS; bucket++) {
      const found = await Promise.all(
        segments.map((compiled) =>
          allMembersOnce(buildPlan(compiled, { workspaceId, now, sampleBucket: bucket }), source, {
            chunkSize: CHUNK_SIZE,
          }),
        ),
      );
      found.forEach((ids, i) => ids.forEach((id) => members[i]!.add(id)));
      buckets.add(bucket);
      const at = performance.now();
      if (at + (at - scanStarted) / buckets.size > deadline) break;
    }
    const share = buckets.size / SAMPLE_BUCKETS;
    return { members, share, buckets: share >= 1 ? null : buckets };
  }
}

interface Scan {
  /** Per segment evaluated, its members among the users evaluated. */
  members: Set<string>[];
  share: number;
  /** The buckets scanned (null: every user). */
  buckets: Set<number> | null;
}
