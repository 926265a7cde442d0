import { Injectable } from '@nestjs/common';
import { CompiledSegments, type WorkspaceSegments } from '../membership/compiled-segments';
import { isCurrent } from './recomputation';
import { ReadModelRepository } from './read-model.repository';
import type { RecomputeDocument, SegmentStateDocument } from './read-model.schemas';

export type MembershipStatusName = 'ready' | 'computing' | 'failed';

export interface SegmentMembershipStatus {
  status: MembershipStatusName;
  /** 0–1 while computing. */
  progress?: number;
  /** The read model's size (final when `ready`). */
  size: number;
  /** When the size was last written. */
  asOf: Date;
}

export interface WorkspaceStatus {
  segments: WorkspaceSegments;
  recompute: RecomputeDocument | null;
  of(segmentId: string): SegmentMembershipStatus;
}

/**
 * Whether the read model can answer for a segment: `ready` when its state was computed from
 * the current versions of the segment and of every segment it references and no
 * recomputation of the workspace runs; otherwise `computing` (or `failed`), and answers about
 * that segment are evaluated on the fly.
 */
@Injectable()
export class MembershipStatus {
  constructor(
    private readonly compiled: CompiledSegments,
    private readonly repository: ReadModelRepository,
  ) {}

  async of(workspaceId: string): Promise<WorkspaceStatus> {
    const [segments, states, recompute] = await Promise.all([
      this.compiled.current(workspaceId, false),
      this.repository.states(workspaceId),
      this.repository.recompute(workspaceId),
    ]);
    const byId = new Map<string, SegmentStateDocument>(states.map((state) => [state._id, state]));
    const progress = recompute
      ? Math.min(1, recompute.processed / Math.max(1, recompute.total))
      : 0;
    return {
      segments,
      recompute,
      of: (segmentId) => {
        const state = byId.get(segmentId);
        const size = state?.size ?? 0;
        const asOf = state?.updatedAt ?? new Date();
        const current = isCurrent(state, segments.deps.get(segmentId));
        if (current && (!recompute || recompute.failed)) return { status: 'ready', size, asOf };
        if (recompute?.failed) return { status: 'failed', size, asOf };
        return { status: 'computing', progress, size, asOf };
      },
    };
  }
}
