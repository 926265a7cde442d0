import { Injectable } from '@nestjs/common';
import { DomainError, type ParsedRequestOf, type ResponseOf } from '@seg/contracts';
import { BusClient } from '@seg/platform';
import { isDuplicateKeyError } from '@seg/profile-store';
import { CompiledSegments } from '../../../membership/compiled-segments';
import { SegmentInputValidator } from '../../segment-input';
import { SegmentLinter } from '../../segment-linter';
import { SegmentRepository } from '../../segment.repository';
import { SEGMENT_EDITS_KEPT, type SegmentDocument } from '../../segment.schema';
import { editsOf, nameConflict, segmentNotFound, toSegmentView } from '../../segment-view';

export type UpdateSegmentCommand = ParsedRequestOf<'segments.segment.update'>;

/**
 * Updates name / description / rules: `version` + 1 and `updatedAt`, then `segment.updated`
 * so that every cache (targeting included) drops the old definition.
 */
@Injectable()
export class UpdateSegmentUseCase {
  constructor(
    private readonly segments: SegmentRepository,
    private readonly validator: SegmentInputValidator,
    private readonly compiled: CompiledSegments,
    private readonly bus: BusClient,
    private readonly linter: SegmentLinter,
  ) {}

  async execute({
    workspaceId,
    segmentId,
    body,
    editedBy,
  }: UpdateSegmentCommand): Promise<ResponseOf<'segments.segment.update'>> {
    const existing = await this.segments.findById(workspaceId, segmentId);
    if (!existing) throw segmentNotFound(segmentId);
    const input = await this.validator.forUpdate(workspaceId, segmentId, body);
    const now = new Date();
    // The edit log, computed here: the versioned write below refuses a concurrent edit.
    const edits = [
      ...editsOf(existing),
      { version: existing.version + 1, at: now, ...(editedBy ? { by: editedBy } : {}) },
    ].slice(-SEGMENT_EDITS_KEPT);
    const set: Partial<SegmentDocument> = { updatedAt: now, edits };
    if (input.name !== undefined) {
      set.name = input.name;
      set.nameKey = input.name.toLowerCase();
      if (await this.segments.nameTaken(workspaceId, set.nameKey, segmentId)) {
        throw nameConflict(input.name);
      }
    }
    if (input.description) set.description = input.description;
    if (input.rules) {
      set.rules = input.rules;
      set.references = input.references ?? [];
      set.attributeTypes = input.attributeTypes ?? [];
    }
    const unset =
      input.description === null || input.description === '' ? ['description' as const] : [];
    let updated: SegmentDocument | null;
    try {
      updated = await this.segments.updateVersioned(
        workspaceId,
        segmentId,
        existing.version,
        set,
        unset,
      );
    } catch (error) {
      if (isDuplicateKeyError(error) && input.name !== undefined) throw nameConflict(input.name);
      throw error;
    }
    if (!updated) {
      if (!(await this.segments.findById(workspaceId, segmentId))) {
        throw segmentNotFound(segmentId);
      }
      throw new DomainError('CONFLICT', 'The segment was modified concurrently; retry');
    }
    this.compiled.invalidate(workspaceId);
    await this.bus.emit('segment.updated', {
      workspaceId,
      segmentId,
      version: updated.version,
    });
    // Warnings are about the rules as saved, whichever fields this write changed.
    return {
      ...toSegmentView(updated),
      warnings: await this.linter.lint(workspaceId, updated.rules),
    };
  }
}
