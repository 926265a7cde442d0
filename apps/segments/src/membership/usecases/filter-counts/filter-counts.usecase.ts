import { Injectable } from '@nestjs/common';
import {
  DomainError,
  type ErrorDetail,
  type ParsedRequestOf,
  zodIssuesToDetails,
} from '@seg/contracts';
import { z } from 'zod';
import { SegmentInputValidator } from '../../../segments/segment-input';
import { CompiledSegments } from '../../compiled-segments';
import { FilterCountScan, type FilterCountsAnswer } from './filter-count-scan';

export type FilterCountsCommand = ParsedRequestOf<'segments.filters.count'>;

const countsBody = z.strictObject({ rules: z.unknown().optional() });

/**
 * The builder's per-filter counts of draft rules: for every node, the users it matches on its
 * own and the running total of its group, and the filter that empties the segment. Validated
 * as the preview's rules (one 400 naming every path).
 */
@Injectable()
export class FilterCountsUseCase {
  constructor(
    private readonly validator: SegmentInputValidator,
    private readonly compiled: CompiledSegments,
    private readonly scan: FilterCountScan,
  ) {}

  async execute({ workspaceId, body }: FilterCountsCommand): Promise<FilterCountsAnswer> {
    const details: ErrorDetail[] = [];
    const parsed = countsBody.safeParse(body);
    if (!parsed.success) details.push(...zodIssuesToDetails(parsed.error));
    let checked: Awaited<ReturnType<SegmentInputValidator['rulesOnly']>> | undefined;
    if (body['rules'] === undefined) {
      details.push({ path: 'rules', message: 'is required' });
    } else {
      try {
        checked = await this.validator.rulesOnly(workspaceId, body['rules']);
      } catch (error) {
        if (!(error instanceof DomainError) || !error.details) throw error;
        details.push(...error.details);
      }
    }
    if (!checked || details.length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'Invalid filter counts request', details);
    }
    const compiled = await this.compiled.compileRules(workspaceId, checked.rules, checked.catalog);
    return this.scan.count(workspaceId, compiled);
  }
}
