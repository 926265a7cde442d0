import { Injectable } from '@nestjs/common';
import {
  DomainError,
  type ParsedRequestOf,
  type ResponseOf,
  zodIssuesToDetails,
} from '@seg/contracts';
import { z } from 'zod';
import { SegmentInputValidator } from '../../segment-input';
import { SegmentLinter } from '../../segment-linter';

export type ValidateRulesCommand = ParsedRequestOf<'segments.rules.validate'>;

const validateBody = z.strictObject({
  rules: z.unknown().refine((rules) => rules !== undefined, 'is required'),
  /** The segment being edited: its self-references and cycles are errors. */
  segmentId: z.string().min(1).max(200).optional(),
});

/**
 * The builder's live check of draft rules: the errors a save would answer with (as a 200, so
 * the editor can show them beside each filter) and the lint's warnings once they are valid.
 * A body that is not `{ rules, segmentId? }` is a 400.
 */
@Injectable()
export class ValidateRulesUseCase {
  constructor(
    private readonly validator: SegmentInputValidator,
    private readonly linter: SegmentLinter,
  ) {}

  async execute({
    workspaceId,
    body,
  }: ValidateRulesCommand): Promise<ResponseOf<'segments.rules.validate'>> {
    const parsed = validateBody.safeParse({ ...body, rules: body['rules'] });
    if (!parsed.success) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'Invalid validate request',
        zodIssuesToDetails(parsed.error),
      );
    }
    const { rules, segmentId } = parsed.data;
    try {
      const checked = segmentId
        ? (await this.validator.forUpdate(workspaceId, segmentId, { rules })).rules!
        : (await this.validator.rulesOnly(workspaceId, rules)).rules;
      return { valid: true, errors: [], warnings: await this.linter.lint(workspaceId, checked) };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'VALIDATION_FAILED' && error.details) {
        return { valid: false, errors: error.details, warnings: [] };
      }
      throw error;
    }
  }
}
