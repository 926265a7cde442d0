import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { BusClient } from '@seg/platform';
import { isDuplicateKeyError } from '@seg/profile-store';
import { CompiledSegments } from '../../../membership/compiled-segments';
import { SegmentInputValidator } from '../../segment-input';
import { SegmentLinter } from '../../segment-linter';
import { SegmentRepository } from '../../segment.repository';
import type { SegmentDocument } from '../../segment.schema';
import { generateSegmentId, nameConflict, toSegmentView } from '../../segment-view';

export type CreateSegmentCommand = ParsedRequestOf<'segments.segment.create'>;

/** Creates a segment: validated rules, a name unique in the workspace (any case), version 1. */
@Injectable()
export class CreateSegmentUseCase {
  constructor(
    private readonly segments: SegmentRepository,
    private readonly validator: SegmentInputValidator,
    private readonly compiled: CompiledSegments,
    private readonly bus: BusClient,
    private readonly linter: SegmentLinter,
  ) {}

  async execute({
    workspaceId,
    body,
    editedBy,
  }: CreateSegmentCommand): Promise<ResponseOf<'segments.segment.create'>> {
    const input = await this.validator.forCreate(workspaceId, body);
    const name = input.name ?? '';
    const nameKey = name.toLowerCase();
    if (await this.segments.nameTaken(workspaceId, nameKey)) throw nameConflict(name);
    const now = new Date();
    const document: SegmentDocument = {
      _id: generateSegmentId(),
      workspaceId,
      name,
      nameKey,
      ...(input.description ? { description: input.description } : {}),
      rules: input.rules!,
      references: input.references ?? [],
      attributeTypes: input.attributeTypes ?? [],
      version: 1,
      edits: [{ version: 1, at: now, ...(editedBy ? { by: editedBy } : {}) }],
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.segments.insert(workspaceId, document);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw nameConflict(name);
      throw error;
    }
    this.compiled.invalidate(workspaceId);
    await this.bus.emit('segment.updated', { workspaceId, segmentId: document._id, version: 1 });
    return {
      ...toSegmentView(document),
      warnings: await this.linter.lint(workspaceId, document.rules),
    };
  }
}
