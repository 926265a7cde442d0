import { Injectable } from '@nestjs/common';
import type { LintWarningView } from '@seg/contracts';
import { MAX_SAMPLE_VALUES } from '@seg/profile-store';
import {
  type AttributeSubject,
  type KnownValue,
  lintSegmentRules,
  type SegmentRules,
} from '@seg/segment-engine';
import { type CatalogSample, MemberStore } from '../reads/member-store';

/**
 * The engine's lint with what this service knows of the workspace's data: attribute types and
 * the values the catalog has recorded.
 *
 * Near matches ("'Prro' has 0 users, 'pro' has some") are claimed only for attributes whose
 * recorded values are fewer than the cap the users service stops at, since then every value
 * seen was recorded; the catalog has no per-value counts, so the message says which values
 * exist, not how many users have each.
 */
@Injectable()
export class SegmentLinter {
  constructor(private readonly members: MemberStore) {}

  async lint(workspaceId: string, rules: SegmentRules): Promise<LintWarningView[]> {
    const catalog = await this.members.catalogSamples(workspaceId);
    const bySubject = new Map(catalog.map((entry) => [`${entry.source}:${entry.key}`, entry]));
    return lintSegmentRules(rules, {
      catalog,
      knownValues: (subject) => completeValues(subject, bySubject),
    });
  }
}

function completeValues(
  subject: AttributeSubject,
  catalog: ReadonlyMap<string, CatalogSample>,
): KnownValue[] | undefined {
  if (subject.kind !== 'custom') return undefined;
  const entry = catalog.get(`${subject.source}:${subject.key}`);
  if (!entry || entry.type !== 'string' || entry.sampleValues.length >= MAX_SAMPLE_VALUES) {
    return undefined;
  }
  return entry.sampleValues
    .filter((value): value is string => typeof value === 'string')
    .map((value) => ({ value }));
}
