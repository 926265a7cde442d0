import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@seg/platform';
import { SAMPLE_BUCKETS, sampleBucket } from '@seg/profile-store';
import {
  allMembersOnce,
  buildPlan,
  type CompiledSegment,
  type SegmentDataSource,
} from '@seg/segment-engine';
import type { SegmentsConfig } from '../config';
import { ReadModelRepository } from '../read-model/read-model.repository';
import { MemberStore } from '../reads/member-store';
import { CHUNK_SIZE } from './member-pager';
import {
  type ImpactFigures,
  impactFigures,
  type MemberSet,
} from './usecases/segment-impact/impact-figures';

/** userIds listed per side. */
const SAMPLE_SIZE = 10;
/** Kept from the budget for what follows the scan (the read model's rows, the figures). */
const TAIL_MS = 150;

export interface ImpactQuestion {
  workspaceId: string;
  /** The saved segment being edited. */
  segmentId: string;
  /** Its draft rules, compiled. */
  draft: CompiledSegment;
  /**
   * The saved segments whose members are needed (this one and the others of each audience),
   * each with whether the read model is `ready` for it; one missing was deleted: nobody.
   */
  segments: ReadonlyMap<string, { compiled: CompiledSegment; ready: boolean }>;
  /** Each experience's audience segments, in the answer's order. */
  audiences: ReadonlyArray<readonly string[]>;
  /** When the request began (`performance.now()`): the budget counts from there. */
  started: number;
}

export interface ImpactAnswer extends ImpactFigures {
  /** The share of the users evaluated (1: all, the figures are exact). */
  share: number;
  now: Date;
}

/**
 * An edit's impact, the preview's way (`sampled-preview.ts`): members of `ready` segments come
 * from the membership read model (read while the rest runs); the draft, and any segment
 * being recomputed, are evaluated by the engine's pipelines — the whole workspace in one pass
 * when it has at most `PREVIEW_EXACT_MAX_USERS` users (or buckets are not backfilled yet),
 * otherwise sample bucket after sample bucket until every one is scanned or the next would
 * likely end past `PREVIEW_BUDGET_MS`; the figures are then scaled from the share scanned.
 */
@Injectable()
export class SegmentImpact {
  constructor(
    @Inject(APP_CONFIG) private readonly config: SegmentsConfig,
    private readonly readModel: ReadModelRepository,
    private readonly store: MemberStore,
  ) {}

  async answer(question: ImpactQuestion): Promise<ImpactAnswer> {
    const { workspaceId, segmentId } = question;
    const now = new Date();
    const fromReadModel = new Map<string, Promise<string[]>>();
    const evaluated = new Map<string, CompiledSegment>();
    for (const [id, { compiled, ready }] of question.segments) {
      if (!ready) {
        evaluated.set(id, compiled);
        continue;
      }
      const read = this.readModel.memberIds(workspaceId, id);
      read.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
      fromReadModel.set(id, read);
    }
    const toEvaluate = [question.draft, ...evaluated.values()];
    const source = this.store.dataSource(workspaceId);
    const scan = (await this.isSmall(workspaceId))
      ? await this.evaluateAll(workspaceId, toEvaluate, now, source)
      : await this.evaluateBuckets(workspaceId, toEvaluate, now, source, question.started);
    const [draftMembers, ...others] = scan.members;
    const evaluatedSets = new Map([...evaluated.keys()].map((id, i) => [id, others[i]!]));
    const rows = new Map(
      await Promise.all(
        [...fromReadModel].map(async ([id, ids]) => [id, new Set(await ids)] as const),
      ),
    );
    const sets = new Map<string, MemberSet>();
    const setOf = (id: string): MemberSet => {
      let set = sets.get(id);
      if (set) return set;
      const read = rows.get(id);
      const found = evaluatedSets.get(id);
      set = read
        ? { ids: read, full: true }
        : found
          ? { ids: found, full: scan.share >= 1 }
          : { ids: new Set<string>(), full: true };
      sets.set(id, set);
      return set;
    };
    const buckets = scan.buckets;
    const figures = impactFigures({
      share: scan.share,
      evaluated: buckets ? (userId) => buckets.has(sampleBucket(workspaceId, userId)) : () => true,
      current: setOf(segmentId),
      draft: draftMembers!,
      audiences: question.audiences.map((ids) => ids.filter((id) => id !== segmentId).map(setOf)),
      sampleSize: SAMPLE_SIZE,
    });
    return { ...figures, share: scan.share, now };
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
