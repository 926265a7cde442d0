import { Inject, Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { ReadModelRepository } from '../../../read-model/read-model.repository';
import { HISTORY_DAYS } from '../../../read-model/history-retention';
import { SegmentRepository } from '../../../segments/segment.repository';
import { editViews, segmentNotFound } from '../../../segments/segment-view';
import { SavedSegment } from '../../saved-segment';
import { changeCursorOf, changeView, nextChangeCursor } from '../user-segment-history/change-page';

export type SegmentHistoryCommand = ParsedRequestOf<'segments.segment.history'>;

/**
 * A segment's size per day (within the retention), its edits (version, when, who) over the same
 * days, and its entered/exited changes, newest first.
 */
@Injectable()
export class SegmentHistoryUseCase {
  constructor(
    private readonly saved: SavedSegment,
    private readonly readModel: ReadModelRepository,
    private readonly segments: SegmentRepository,
    @Inject(HISTORY_DAYS) private readonly days: number,
  ) {}

  async execute(command: SegmentHistoryCommand): Promise<ResponseOf<'segments.segment.history'>> {
    const { workspaceId, segmentId, limit } = command;
    await this.saved.compile(workspaceId, segmentId);
    const after = changeCursorOf(command.cursor);
    const since = new Date(Date.now() - this.days * 86_400_000);
    const fromDay = since.toISOString().slice(0, 10);
    const [document, sizes, found] = await Promise.all([
      this.segments.findById(workspaceId, segmentId),
      this.readModel.dailySizes(workspaceId, segmentId, fromDay),
      this.readModel.changesPage(workspaceId, { segmentId }, after, limit + 1),
    ]);
    if (!document) throw segmentNotFound(segmentId);
    return {
      sizes,
      edits: editViews(document, new Date(`${fromDay}T00:00:00.000Z`)),
      changes: found.slice(0, limit).map(changeView),
      nextCursor: nextChangeCursor(found, limit),
    };
  }
}
