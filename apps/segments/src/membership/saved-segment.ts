import { Injectable } from '@nestjs/common';
import { DomainError } from '@seg/contracts';
import type { CompiledSegment } from '@seg/segment-engine';
import { SegmentRepository } from '../segments/segment.repository';
import { segmentNotFound } from '../segments/segment-view';
import { CompiledSegments } from './compiled-segments';

/** A saved segment, compiled (404 when the workspace has no such segment). */
@Injectable()
export class SavedSegment {
  constructor(
    private readonly compiled: CompiledSegments,
    private readonly segments: SegmentRepository,
  ) {}

  async compile(workspaceId: string, segmentId: string): Promise<CompiledSegment> {
    let found = (await this.compiled.get(workspaceId, [segmentId])).get(segmentId);
    if (!found) {
      // Maybe created a moment ago by another instance: look again without the cache.
      this.compiled.invalidate(workspaceId);
      found = (await this.compiled.get(workspaceId, [segmentId])).get(segmentId);
    }
    if (found) return found;
    if (await this.segments.findById(workspaceId, segmentId)) {
      throw new DomainError('INTERNAL', `Segment ${segmentId} does not compile`);
    }
    throw segmentNotFound(segmentId);
  }
}
