import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { BusClient, decodeCursor, encodeCursor } from '@seg/platform';
import { z } from 'zod';
import { MembershipStatus } from '../../../read-model/membership-status';
import { SegmentRepository } from '../../segment.repository';
import { toSegmentView } from '../../segment-view';

export type ListSegmentsCommand = ParsedRequestOf<'segments.segment.list'>;

const listCursor = z.object({ c: z.iso.datetime(), i: z.string().min(1).max(200) });

const sizeOf = (state: { size: number; status: 'ready' | 'computing' | 'failed' } | undefined) => ({
  size: state?.size ?? 0,
  sizeStatus: state?.status ?? 'computing',
});

/**
 * Segments in creation order, each with `usedBy` (experiences, asked of the experiences
 * service in one request per page) and `referencedBy` (segments whose rules use it).
 */
@Injectable()
export class ListSegmentsUseCase {
  constructor(
    private readonly segments: SegmentRepository,
    private readonly bus: BusClient,
    private readonly membership: MembershipStatus,
  ) {}

  async execute(command: ListSegmentsCommand): Promise<ResponseOf<'segments.segment.list'>> {
    const { workspaceId, limit } = command;
    const after = decodeCursor(command.cursor, listCursor);
    const docs = await this.segments.page(
      workspaceId,
      limit + 1,
      after && { createdAt: new Date(after.c), id: after.i },
    );
    const page = docs.slice(0, limit);
    const ids = page.map((doc) => doc._id);
    const [usage, referencing, status] = ids.length
      ? await Promise.all([
          this.bus.request('experiences.segmentUsage.list', { workspaceId, segmentIds: ids }),
          this.segments.referencing(workspaceId, ids),
          this.membership.of(workspaceId),
        ])
      : [{ usedBy: {} as Record<string, string[]> }, new Map<string, string[]>(), undefined];
    const last = page[page.length - 1];
    return {
      segments: page.map((doc) => ({
        ...toSegmentView(doc),
        usedBy: usage.usedBy[doc._id] ?? [],
        referencedBy: referencing.get(doc._id) ?? [],
        // The read model's size (lags while `sizeStatus` is `computing`).
        ...sizeOf(status?.of(doc._id)),
      })),
      nextCursor:
        docs.length > limit && last
          ? encodeCursor({ c: last.createdAt.toISOString(), i: last._id })
          : null,
    };
  }
}
