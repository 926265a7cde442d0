import { Injectable } from '@nestjs/common';
import type { LintWarningView } from '@seg/contracts';
import { MAX_SAMPLE_VALUES } from '@seg/profile-store';
import {
  type AttributeSubject,
  type KnownValue,
  lintSegmentRules,
  type SegmentRules,
} from '@seg/segment-engine';
import { MembershipStatus } from '../read-model/membership-status';
import { type CatalogSample, MemberStore } from '../reads/member-store';

/**
 * The engine's lint with what this service knows of the workspace's data: attribute types, the
 * values the catalog has recorded, each custom attribute's coverage and last write (counted and
 * noted by the users service) and the size of every referenced segment whose read model is
 * ready (a segment being recomputed has no size to warn about).
 *
 * Near matches ("'Prro' has 0 users, 'pro' has some") are claimed only for attributes whose
 * recorded values are fewer than the cap the users service stops at, since then every value
 * seen was recorded; the catalog has no per-value counts, so the message says which values
 * exist, not how many users have each.
 */
@Injectable()
export class SegmentLinter {
  constructor(
    private readonly members: MemberStore,
    private readonly membership: MembershipStatus,
  ) {}

  async lint(workspaceId: string, rules: SegmentRules): Promise<LintWarningView[]> {
    const [catalog, status] = await Promise.all([
      this.members.catalogSamples(workspaceId),
      this.membership.of(workspaceId),
    ]);
    const bySubject = new Map(catalog.map((entry) => [`${entry.source}:${entry.key}`, entry]));
    const custom = (subject: AttributeSubject) =>
      subject.kind === 'custom' ? bySubject.get(`${subject.source}:${subject.key}`) : undefined;
    return lintSegmentRules(rules, {
      catalog,
      knownValues: (subject) => completeValues(subject, bySubject),
      coverage: (subject) => custom(subject)?.coverage,
      lastWrittenAt: (subject) => custom(subject)?.lastWrittenAt,
      segmentSize: (segmentId) => {
        const state = status.of(segmentId);
        return state.status === 'ready' ? state.size : undefined;
      },
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
