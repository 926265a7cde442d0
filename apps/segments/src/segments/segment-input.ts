import { Injectable } from '@nestjs/common';
import { DomainError, type ErrorDetail, zodIssuesToDetails } from '@seg/contracts';
import {
  type CatalogEntry,
  type CustomAttributeCondition,
  findSegmentCycle,
  referencedSegmentIds,
  type RuleGroup,
  type SegmentRules,
  validateSegmentRules,
} from '@seg/segment-engine';
import { z } from 'zod';
import { MemberStore } from '../reads/member-store';
import { SegmentRepository } from './segment.repository';

const name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters');
const description = z.string().max(1_000, 'must be at most 1000 characters').nullable().optional();

const createBody = z.strictObject({ name, description, rules: z.unknown().optional() });
const updateBody = z.strictObject({
  name: name.optional(),
  description,
  rules: z.unknown().optional(),
});

/** A validated write: only the fields given. `description: null` clears it. */
export interface SegmentInput {
  name?: string;
  description?: string | null;
  rules?: SegmentRules;
  references?: string[];
  attributeTypes?: CatalogEntry[];
}

/**
 * Validates a segment body as a whole — name, description and rules (against the live
 * attribute catalog and the workspace's segments, cycles included) — so that one 400 names
 * every offending path.
 */
@Injectable()
export class SegmentInputValidator {
  constructor(
    private readonly segments: SegmentRepository,
    private readonly members: MemberStore,
  ) {}

  async forCreate(workspaceId: string, body: Record<string, unknown>): Promise<SegmentInput> {
    return this.validate(workspaceId, body, createBody, true);
  }

  async forUpdate(
    workspaceId: string,
    segmentId: string,
    body: Record<string, unknown>,
  ): Promise<SegmentInput> {
    return this.validate(workspaceId, body, updateBody, false, segmentId);
  }

  /** Rules only (preview): validated like a saved segment's, `rules.…` paths. */
  async rulesOnly(
    workspaceId: string,
    rules: unknown,
  ): Promise<{ rules: SegmentRules; catalog: CatalogEntry[] }> {
    const catalog = await this.members.catalog(workspaceId);
    const known = await this.segments.versions(workspaceId);
    const result = validateSegmentRules(rules, {
      catalog,
      segmentExists: (id) => known.has(id),
    });
    if (!result.ok) throw invalid(result.errors);
    return { rules: result.rules, catalog };
  }

  private async validate(
    workspaceId: string,
    body: Record<string, unknown>,
    schema: typeof createBody | typeof updateBody,
    rulesRequired: boolean,
    segmentId?: string,
  ): Promise<SegmentInput> {
    const details: ErrorDetail[] = [];
    const parsed = schema.safeParse(body);
    if (!parsed.success) details.push(...zodIssuesToDetails(parsed.error));
    if (rulesRequired && body['rules'] === undefined) {
      details.push({ path: 'rules', message: 'is required' });
    }
    const input: SegmentInput = {};
    if (body['rules'] !== undefined) {
      const [catalog, definitions] = await Promise.all([
        this.members.catalog(workspaceId),
        this.segments.definitions(workspaceId),
      ]);
      const rulesById = new Map(definitions.map((def) => [def._id, def.rules]));
      const result = validateSegmentRules(body['rules'], {
        catalog,
        segmentExists: (id) => rulesById.has(id),
        segmentId,
      });
      if (!result.ok) details.push(...result.errors);
      else {
        if (segmentId) {
          const cycle = findSegmentCycle(segmentId, result.rules, (id) => rulesById.get(id));
          if (cycle) {
            details.push({
              path: 'rules',
              message: `segment references would make a cycle: ${cycle.join(' → ')}`,
            });
          }
        }
        input.rules = result.rules;
        input.references = referencedSegmentIds(result.rules);
        input.attributeTypes = attributeTypesOf(result.rules, catalog);
      }
    }
    if (details.length > 0 || !parsed.success) throw invalid(details);
    if (parsed.data.name !== undefined) input.name = parsed.data.name;
    if (parsed.data.description !== undefined) input.description = parsed.data.description;
    return input;
  }
}

function invalid(details: ErrorDetail[]): DomainError {
  return new DomainError('VALIDATION_FAILED', 'Invalid segment', details);
}

/** The catalog entries of the custom attributes a rules tree uses. */
function attributeTypesOf(rules: SegmentRules, catalog: readonly CatalogEntry[]): CatalogEntry[] {
  const used = new Set<string>();
  const walk = (group: RuleGroup) => {
    for (const item of group.conditions) {
      if (item.type === 'group') walk(item);
      else if (item.type === 'customAttribute') {
        const c: CustomAttributeCondition = item;
        used.add(`${c.source}\u0000${c.key}`);
      }
    }
  };
  walk(rules);
  return catalog
    .filter((entry) => used.has(`${entry.source}\u0000${entry.key}`))
    .map(({ source, key, type }) => ({ source, key, type }));
}
