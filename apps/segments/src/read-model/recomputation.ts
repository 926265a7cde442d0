import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CompiledSegments, type WorkspaceSegments } from '../membership/compiled-segments';
import { MemberStore } from '../reads/member-store';
import { MembershipWriter } from './membership-writer';
import type { RecomputeJobData } from './membership-queue';
import { ReadModelRepository } from './read-model.repository';
import type { RecomputeDocument, SegmentStateDocument } from './read-model.schemas';

export const RECOMPUTE_PAGE_SIZE = Symbol('RECOMPUTE_PAGE_SIZE');

export type RecomputeOutcome =
  | { outcome: 'done'; processed: number }
  | { outcome: 'current' }
  | { outcome: 'superseded'; processed: number };

/** `id:version` of every segment, sorted: what a recomputation evaluates. */
export function signatureOf(versions: ReadonlyMap<string, number>): string {
  return [...versions]
    .map(([id, version]) => `${id}:${version}`)
    .sort()
    .join(',');
}

/** Whether a segment's stored state was computed from the current versions. */
export function isCurrent(
  state: Pick<SegmentStateDocument, 'deps'> | undefined,
  deps: Record<string, number> | undefined,
): boolean {
  if (!state || !deps) return false;
  const stored = Object.entries(state.deps);
  return (
    stored.length === Object.keys(deps).length &&
    stored.every(([id, version]) => deps[id] === version)
  );
}

/**
 * Re-evaluates every user of a workspace against every segment (a segment was created, edited
 * or deleted, or a sync changed users it did not name), page by page in userId order.
 *
 * - **Resumable**: after each page the checkpoint (`segment_recomputes`: cursor, processed,
 *   total) is saved; a job that died (kill -9: BullMQ's stalled-job check hands it to a worker
 *   again) or a retry resumes from the cursor when the segment versions are the same.
 * - **Superseded**: when a segment changes while it runs, it stops at the next page; the edit
 *   queued its own job (job id per segment version), which starts over with the new versions.
 * - **Idempotent**: a job whose versions are already computed (every state current) does nothing.
 * - Sizes are counted from the rows at the end, in the same lock as the states are written.
 */
@Injectable()
export class Recomputation {
  private readonly logger = new Logger(Recomputation.name);
  /** One recomputation per workspace at a time in this process. */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(
    private readonly compiled: CompiledSegments,
    private readonly store: MemberStore,
    private readonly repository: ReadModelRepository,
    private readonly writer: MembershipWriter,
    @Inject(RECOMPUTE_PAGE_SIZE) private readonly pageSize: number,
  ) {}

  async run(job: Pick<Job<RecomputeJobData>, 'id' | 'data' | 'updateProgress'>) {
    const { workspaceId } = job.data;
    const previous = this.running.get(workspaceId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.runAlone(job));
    const tail = run.catch(() => undefined);
    this.running.set(workspaceId, tail);
    try {
      return await run;
    } finally {
      if (this.running.get(workspaceId) === tail) this.running.delete(workspaceId);
    }
  }

  private async runAlone(
    job: Pick<Job<RecomputeJobData>, 'id' | 'data' | 'updateProgress'>,
  ): Promise<RecomputeOutcome> {
    const { workspaceId, force } = job.data;
    const dataAt = job.data.dataAt ? new Date(job.data.dataAt) : undefined;
    const jobId = String(job.id);
    const segments = await this.compiled.current(workspaceId);
    const base = signatureOf(segments.versions);
    const signature = force ? `${base}|${jobId}` : base;
    const stored = await this.repository.recompute(workspaceId);
    if (!force && (!stored || stored.failed) && (await this.allCurrent(workspaceId, segments))) {
      if (stored) await this.repository.deleteRecompute(workspaceId, stored.jobId);
      return { outcome: 'current' };
    }
    const now = new Date();
    const checkpoint: RecomputeDocument =
      stored && stored.signature === signature && !stored.failed
        ? { ...stored, jobId }
        : {
            _id: workspaceId,
            workspaceId,
            jobId,
            signature,
            cursor: null,
            processed: 0,
            total: await this.store.countUsersUpTo(workspaceId, 100_000_000),
            failed: false,
            startedAt: now,
            updatedAt: now,
          };
    await this.repository.saveRecompute(checkpoint);
    if (checkpoint.cursor !== null) {
      this.logger.log({ workspaceId, jobId, cursor: checkpoint.cursor }, 'Recomputation resumed');
    }

    for (;;) {
      const page = await this.writer.locked(workspaceId, async () => {
        const profiles = await this.store.profilesAfter(
          workspaceId,
          checkpoint.cursor,
          this.pageSize,
        );
        const last =
          profiles.length < this.pageSize ? null : (profiles[profiles.length - 1]?.userId ?? null);
        const existing = await this.repository.membershipsInRange(
          workspaceId,
          checkpoint.cursor,
          last,
        );
        await this.writer.apply(workspaceId, segments, profiles, existing, [], dataAt);
        return { last, count: profiles.length };
      });
      checkpoint.processed += page.count;
      checkpoint.total = Math.max(checkpoint.total, checkpoint.processed);
      checkpoint.updatedAt = new Date();
      if (page.last === null) break;
      checkpoint.cursor = page.last;
      await this.repository.saveRecompute(checkpoint);
      await job.updateProgress(checkpoint.processed / Math.max(1, checkpoint.total));
      const versions = (await this.compiled.current(workspaceId)).versions;
      if (signatureOf(versions) !== base) {
        this.logger.log({ workspaceId, jobId }, 'Recomputation superseded by a newer version');
        return { outcome: 'superseded', processed: checkpoint.processed };
      }
    }

    await this.writer.locked(workspaceId, async () => {
      const states = new Map<string, { deps: Record<string, number>; size: number }>();
      for (const [segmentId, deps] of segments.deps) {
        states.set(segmentId, {
          deps,
          size: await this.repository.countMembers(workspaceId, segmentId),
        });
      }
      await this.repository.completeStates(workspaceId, states, new Date());
      await this.repository.deleteRecompute(workspaceId, jobId);
    });
    await job.updateProgress(1);
    return { outcome: 'done', processed: checkpoint.processed };
  }

  /** The job gave up for good: the checkpoint says so (answers say `failed`). */
  async markFailed(workspaceId: string, jobId: string): Promise<void> {
    const stored = await this.repository.recompute(workspaceId);
    const now = new Date();
    await this.repository.saveRecompute({
      ...(stored ?? {
        _id: workspaceId,
        workspaceId,
        signature: 'failed',
        cursor: null,
        processed: 0,
        total: 0,
        startedAt: now,
      }),
      jobId,
      failed: true,
      updatedAt: now,
    });
  }

  private async allCurrent(workspaceId: string, segments: WorkspaceSegments): Promise<boolean> {
    const states = new Map(
      (await this.repository.states(workspaceId)).map((state) => [state._id, state]),
    );
    if (states.size !== segments.deps.size) return false;
    return [...segments.deps].every(([id, deps]) => isCurrent(states.get(id), deps));
  }
}
