import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DomainError, type ResponseOf } from '@seg/contracts';
import { APP_CONFIG, decodeCursor, encodeCursor } from '@seg/platform';
import { SAMPLE_BUCKETS } from '@seg/profile-store';
import {
  allMembersOnce,
  buildPlan,
  type CompiledSegment,
  compareUserIds,
  estimateFromSample,
  type SegmentDataSource,
} from '@seg/segment-engine';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SegmentsConfig } from '../config';
import { MemberStore } from '../reads/member-store';
import { CHUNK_SIZE, MemberPager } from './member-pager';
import { PreviewCountRepository } from './preview-count.repository';

/** The preview's answer; the use case adds the lint's warnings. */
type PreviewAnswer = Omit<ResponseOf<'segments.segment.preview'>, 'warnings'>;
type CountAnswer = ResponseOf<'segments.count.get'>;

/** Background counts running at once in this process (each one a pass over the workspace). */
const COUNTS_IN_FLIGHT = 2;
/** A `running` count not updated for this long was lost (its process stopped): `failed`. */
const STALE_COUNT_MS = 120_000;
/** How often a count in progress says it is alive. */
const HEARTBEAT_MS = 30_000;
/** Counts are kept this long, then removed when the workspace starts another. */
const COUNT_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * A sliced preview's cursor: the bucket and userId of the last member listed (`u` null: start
 * of bucket `b`), the instant the first page was computed at (`t`: relative windows stay put
 * while paging), and the background count (`c`) the first page started.
 */
const bucketCursor = z.object({
  b: z
    .number()
    .int()
    .min(0)
    .max(SAMPLE_BUCKETS - 1),
  u: z.string().min(1).max(256).nullable(),
  t: z.number().int().min(0),
  c: z.string().max(40).nullable(),
});
/** An exact preview's cursor (MemberPager's): the last userId. */
const exactCursor = z.object({ u: z.string().min(1).max(256) });
const previewCursor = z.union([bucketCursor, exactCursor]);
type BucketCursor = z.output<typeof bucketCursor>;

/** What one sliced scan found: from `start`, `scanned` buckets, `found` members, the page. */
interface SliceScan {
  now: Date;
  start: number;
  page: Array<{ bucket: number; userId: string }>;
  /** A member beyond the page was seen: the page is complete. */
  full: boolean;
  found: number;
  scanned: number;
}

/**
 * "Preview at any size" (api.md): the segment's compiled pipelines run one sample bucket at a
 * time (buckets in a fixed order, starting where the cursor points) until every bucket is
 * scanned or `PREVIEW_BUDGET_MS` has passed. Members are listed in (bucket, userId) order, so
 * paging to the end lists each exactly once whatever each page's budget allowed. A count
 * left unfinished is made exact in the background (`preview_counts`). Workspaces of at most
 * `PREVIEW_EXACT_MAX_USERS` users, and any workspace until every document has its bucket,
 * are previewed exactly in one pass (ordered by userId), as before.
 */
@Injectable()
export class SampledPreview implements OnApplicationShutdown {
  private readonly logger = new Logger(SampledPreview.name);
  private readonly running = new Set<Promise<void>>();
  private readonly waiting: Array<() => void> = [];
  private active = 0;
  private closing = false;
  /** How long the work after a sliced scan took lately, in ms (kept from the next budgets). */
  private tailMs = 100;

  constructor(
    @Inject(APP_CONFIG) private readonly config: SegmentsConfig,
    private readonly store: MemberStore,
    private readonly pager: MemberPager,
    private readonly counts: PreviewCountRepository,
  ) {}

  async preview(
    workspaceId: string,
    compiled: CompiledSegment,
    limit: number,
    cursor: string | undefined,
  ): Promise<PreviewAnswer> {
    const position = decodeCursor(cursor, previewCursor);
    const sliced = position === undefined ? !(await this.isSmall(workspaceId)) : 'b' in position;
    if (!sliced) {
      const exact = await this.pager.preview(workspaceId, compiled, limit, cursor);
      return { ...exact, exact: true, scanned: 1 };
    }
    return this.sliced(
      workspaceId,
      compiled,
      limit,
      position !== undefined && 'b' in position ? position : undefined,
    );
  }

  /** The background count `countId` of this workspace (404 when there is none). */
  async count(workspaceId: string, countId: string): Promise<CountAnswer> {
    const found = await this.counts.findById(workspaceId, countId);
    if (!found) throw new DomainError('NOT_FOUND', `Count ${countId} not found`);
    const lost =
      found.status === 'running' && Date.now() - found.updatedAt.getTime() > STALE_COUNT_MS;
    const status = lost ? 'failed' : found.status;
    const share = found.bucketsScanned / SAMPLE_BUCKETS;
    return {
      status,
      scanned: share,
      count:
        status === 'done'
          ? found.found
          : estimateFromSample(found.found, Math.max(share, 0.01)).estimate,
      exact: status === 'done',
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const wake of this.waiting.splice(0)) wake();
    await Promise.allSettled([...this.running]);
  }

  private async isSmall(workspaceId: string): Promise<boolean> {
    if (!(await this.store.bucketsReady())) return true;
    const max = this.config.PREVIEW_EXACT_MAX_USERS;
    return (await this.store.countUsersUpTo(workspaceId, max)) <= max;
  }

  private bucketMembers(
    workspaceId: string,
    compiled: CompiledSegment,
    now: Date,
    bucket: number,
    source: SegmentDataSource,
  ): Promise<string[]> {
    const plan = buildPlan(compiled, { workspaceId, now, sampleBucket: bucket });
    return allMembersOnce(plan, source, { chunkSize: CHUNK_SIZE });
  }

  private async sliced(
    workspaceId: string,
    compiled: CompiledSegment,
    limit: number,
    position: BucketCursor | undefined,
  ): Promise<PreviewAnswer> {
    const started = performance.now();
    // The budget is for the whole answer: what follows the scan (the page's user reads, the
    // background count's record) is kept from it, as long as it took lately.
    const deadline = started + this.config.PREVIEW_BUDGET_MS - this.tailMs;
    const now = position ? new Date(position.t) : new Date();
    const start = position?.b ?? 0;
    const after = position?.u ?? null;
    const source = this.store.dataSource(workspaceId);
    const page: Array<{ bucket: number; userId: string }> = [];
    let full = false; // a member beyond the page was seen: the page is complete
    let found = 0;
    let scanned = 0;
    // From the cursor's bucket to the last, then the first ones (for the count only): every
    // bucket is a uniform sample, so any set of them estimates the whole.
    while (scanned < SAMPLE_BUCKETS) {
      const bucket = (start + scanned) % SAMPLE_BUCKETS;
      const members = await this.bucketMembers(workspaceId, compiled, now, bucket, source);
      found += members.length;
      scanned += 1;
      if (bucket >= start && !full) {
        for (const userId of members) {
          if (bucket === start && after !== null && compareUserIds(userId, after) <= 0) continue;
          if (page.length === limit) {
            full = true;
            break;
          }
          page.push({ bucket, userId });
        }
      }
      // Stop when the next bucket would likely end past the budget (buckets cost about the
      // same: they are uniform slices), so the answer lands within it rather than one bucket
      // after it.
      const at = performance.now();
      if (at + (at - started) / scanned > deadline) break;
    }
    const tailStarted = performance.now();
    try {
      return await this.answerOf(workspaceId, compiled, position, {
        now,
        start,
        page,
        full,
        found,
        scanned,
      });
    } finally {
      // An average that follows the last answers (a slow one does not stick for long).
      this.tailMs = 0.7 * this.tailMs + 0.3 * (performance.now() - tailStarted);
    }
  }

  /** The answer of a scan: the page's users, the cursor, and the count or its estimate. */
  private async answerOf(
    workspaceId: string,
    compiled: CompiledSegment,
    position: BucketCursor | undefined,
    { now, start, page, full, found, scanned }: SliceScan,
  ): Promise<PreviewAnswer> {
    const forwardDone = start + scanned >= SAMPLE_BUCKETS;
    const last = page[page.length - 1];
    const next: Pick<BucketCursor, 'b' | 'u'> | null =
      full && last
        ? { b: last.bucket, u: last.userId }
        : forwardDone
          ? null
          : { b: start + scanned, u: null };
    const views = this.pager.views(
      workspaceId,
      page.map((member) => member.userId),
    );

    if (scanned === SAMPLE_BUCKETS) {
      return {
        users: await views,
        nextCursor: next && encodeCursor({ ...next, t: now.getTime(), c: null }),
        count: found,
        exact: true,
        scanned: 1,
      };
    }
    let countId = position?.c ?? null;
    let users: Awaited<typeof views>;
    if (countId !== null) {
      // A later page: the first page's count may be done by now.
      const [background, listed] = await Promise.all([
        this.counts.findById(workspaceId, countId),
        views,
      ]);
      users = listed;
      if (background?.status === 'done') {
        return {
          users,
          nextCursor: next && encodeCursor({ ...next, t: now.getTime(), c: countId }),
          count: background.found,
          exact: true,
          scanned: 1,
        };
      }
    } else {
      [countId, users] = await Promise.all([
        this.startCount(workspaceId, compiled, now, scanned, found),
        views,
      ]);
    }
    const { estimate, interval } = estimateFromSample(found, scanned / SAMPLE_BUCKETS);
    return {
      users,
      nextCursor: next && encodeCursor({ ...next, t: now.getTime(), c: countId }),
      count: estimate,
      exact: false,
      scanned: scanned / SAMPLE_BUCKETS,
      interval,
      countId,
    };
  }

  /** Records a count and finishes it in the background; answers its id. */
  private async startCount(
    workspaceId: string,
    compiled: CompiledSegment,
    now: Date,
    bucketsScanned: number,
    found: number,
  ): Promise<string> {
    const id = `cnt_${randomBytes(8).toString('hex')}`;
    const at = new Date();
    await this.counts.insert(workspaceId, {
      _id: id,
      status: 'running',
      bucketsScanned,
      found,
      createdAt: at,
      updatedAt: at,
    });
    // A heartbeat while queued and running: a count whose process stopped goes stale.
    const heartbeat = setInterval(() => {
      void this.counts.touch(workspaceId, id).catch(() => undefined);
    }, HEARTBEAT_MS);
    heartbeat.unref();
    const task = this.finishCount(workspaceId, id, compiled, now)
      .catch(async (error: unknown) => {
        this.logger.warn(`count ${id} failed: ${String(error)}`);
        await this.counts
          .progress(workspaceId, id, { status: 'failed', bucketsScanned, found })
          .catch(() => undefined);
      })
      .finally(() => {
        clearInterval(heartbeat);
        this.running.delete(task);
      });
    this.running.add(task);
    return id;
  }

  /**
   * The exact count: the segment's whole-workspace pipelines (`MemberPager.count`, the batch
   * way) at the preview's instant. Measured on FerretDB (bench `segments.preview --small`):
   * 4.8 s for the whole workspace against 17 s bucket by bucket (100 times the per-query cost),
   * so the buckets the preview scanned are not reused. Its progress stays at the preview's.
   */
  private async finishCount(
    workspaceId: string,
    id: string,
    compiled: CompiledSegment,
    now: Date,
  ): Promise<void> {
    // Off the answer's path: the workspace's old counts go.
    await this.counts.deleteMany(workspaceId, {
      createdAt: { $lt: new Date(Date.now() - COUNT_RETENTION_MS) },
    });
    await this.slot();
    try {
      if (this.closing) throw new Error('the service is stopping');
      const count = await this.pager.count(workspaceId, compiled, now);
      await this.counts.progress(workspaceId, id, {
        status: 'done',
        bucketsScanned: SAMPLE_BUCKETS,
        found: count,
      });
    } finally {
      this.release();
    }
  }

  private async slot(): Promise<void> {
    if (this.active < COUNTS_IN_FLIGHT || this.closing) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
  }

  private release(): void {
    this.active -= 1;
    this.waiting.shift()?.();
  }
}
