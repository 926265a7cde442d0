import { Injectable } from '@nestjs/common';
import {
  DomainError,
  type ErrorDetail,
  zodIssuesToDetails,
  pageBody,
  type ParsedRequestOf,
  type ResponseOf,
} from '@seg/contracts';
import { z } from 'zod';
import { CompiledSegments } from '../../compiled-segments';
import { SampledPreview } from '../../sampled-preview';
import { SegmentInputValidator } from '../../../segments/segment-input';
import { SegmentLinter } from '../../../segments/segment-linter';

export type PreviewSegmentCommand = ParsedRequestOf<'segments.segment.preview'>;

const previewBody = z.strictObject({
  rules: z.unknown().optional(),
  ...pageBody.shape,
});

/**
 * "Apply filters": unsaved rules → count (exact, or an estimate with a 95% interval and a
 * countId when the time budget ran out), a page of the members found, nextCursor.
 */
@Injectable()
export class PreviewSegmentUseCase {
  constructor(
    private readonly validator: SegmentInputValidator,
    private readonly compiled: CompiledSegments,
    private readonly sampled: SampledPreview,
    private readonly linter: SegmentLinter,
  ) {}

  async execute({
    workspaceId,
    body,
  }: PreviewSegmentCommand): Promise<ResponseOf<'segments.segment.preview'>> {
    const details: ErrorDetail[] = [];
    const parsed = previewBody.safeParse(body);
    if (!parsed.success) details.push(...zodIssuesToDetails(parsed.error));
    if (body['rules'] === undefined) details.push({ path: 'rules', message: 'is required' });
    let checked: Awaited<ReturnType<SegmentInputValidator['rulesOnly']>> | undefined;
    if (body['rules'] !== undefined) {
      try {
        checked = await this.validator.rulesOnly(workspaceId, body['rules']);
      } catch (error) {
        if (!(error instanceof DomainError) || !error.details) throw error;
        details.push(...error.details);
      }
    }
    if (!parsed.success || !checked || details.length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'Invalid preview request', details);
    }
    const compiled = await this.compiled.compileRules(workspaceId, checked.rules, checked.catalog);
    const [answer, warnings] = await Promise.all([
      this.sampled.preview(workspaceId, compiled, parsed.data.limit, parsed.data.cursor),
      this.linter.lint(workspaceId, checked.rules),
    ]);
    return { ...answer, warnings };
  }
}
