import { Injectable } from '@nestjs/common';
import { DomainError, type ParsedRequestOf, type ResponseOf } from '@seg/contracts';
import { BusClient } from '@seg/platform';
import { CompiledSegments } from '../../../membership/compiled-segments';
import { SegmentRepository } from '../../segment.repository';
import { segmentNotFound } from '../../segment-view';

export type DeleteSegmentCommand = ParsedRequestOf<'segments.segment.delete'>;

/**
 * Safe deletion. A segment that another segment's rules reference is never deleted (409
 * until those rules change). One used by experiences answers 409 listing them, unless
 * `confirm`: then each experience drops the reference first (one left with no segment
 * targets nobody) and the answer lists them. `replaceWith` puts another segment in its place
 * in those experiences (deduplicated) in the same step; it must exist in the workspace, not be
 * the deleted segment and not reference it, else 400 and nothing changes.
 */
@Injectable()
export class DeleteSegmentUseCase {
  constructor(
    private readonly segments: SegmentRepository,
    private readonly compiled: CompiledSegments,
    private readonly bus: BusClient,
  ) {}

  async execute({
    workspaceId,
    segmentId,
    confirm,
    replaceWith,
  }: DeleteSegmentCommand): Promise<ResponseOf<'segments.segment.delete'>> {
    const existing = await this.segments.findById(workspaceId, segmentId);
    if (!existing) throw segmentNotFound(segmentId);
    if (replaceWith !== undefined) await this.checkReplacement(workspaceId, segmentId, replaceWith);
    const [referencing, usage] = await Promise.all([
      this.segments.referencing(workspaceId, [segmentId]),
      this.bus.request('experiences.segmentUsage.list', { workspaceId, segmentIds: [segmentId] }),
    ]);
    const segments = referencing.get(segmentId) ?? [];
    const experiences = usage.usedBy[segmentId] ?? [];
    if (segments.length > 0) {
      throw new DomainError(
        'CONFLICT',
        `Segment ${segmentId} is referenced by other segments' rules; change those rules first`,
        undefined,
        { usedBy: { segments, experiences } },
      );
    }
    if (experiences.length > 0 && !confirm) {
      throw new DomainError(
        'CONFLICT',
        `Segment ${segmentId} is used by experiences; delete with confirm=true to detach it`,
        undefined,
        { usedBy: { segments, experiences } },
      );
    }
    // Detach first (even when none was listed: one may have been saved since), so that a
    // failure leaves the segment in place rather than experiences pointing at nothing.
    const detached = await this.bus.request('experiences.segment.detach', {
      workspaceId,
      segmentId,
      ...(replaceWith !== undefined ? { replaceWith } : {}),
    });
    await this.segments.deleteById(workspaceId, segmentId);
    this.compiled.invalidate(workspaceId);
    await this.bus.emit('segment.deleted', { workspaceId, segmentId });
    return { id: segmentId, deleted: true, experiences: detached.experiences };
  }

  private async checkReplacement(
    workspaceId: string,
    segmentId: string,
    replaceWith: string,
  ): Promise<void> {
    const invalid = (message: string) =>
      new DomainError('VALIDATION_FAILED', 'Invalid replacement segment', [
        { path: 'query.replaceWith', message },
      ]);
    if (replaceWith === segmentId) {
      throw invalid('must be another segment than the one deleted');
    }
    const replacement = await this.segments.findById(workspaceId, replaceWith);
    if (!replacement) throw invalid(`segment ${replaceWith} does not exist`);
    if (replacement.references.includes(segmentId)) {
      throw invalid(`segment ${replaceWith} references the deleted segment in its rules`);
    }
  }
}
