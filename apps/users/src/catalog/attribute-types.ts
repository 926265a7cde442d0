import { Injectable, Logger } from '@nestjs/common';
import {
  AttributeCatalogEntry,
  AttributeCatalogRepository,
  MAX_SAMPLE_VALUES,
} from '@seg/profile-store';
import {
  inferAttributeType,
  normalizeAttributeValue,
  type AttributeValue,
  type CustomSource,
  type ValueType,
} from '@seg/segment-engine';

interface KnownType {
  type: ValueType;
  samples: Set<string>;
}

export type Normalized =
  | { ok: true; path: string; value: AttributeValue }
  | { ok: false; path: string; raw: unknown; expectedType: ValueType | 'object'; reason: string };

const keyOf = (source: CustomSource, key: string) => `${source}\u0000${key}`;

/**
 * The catalog types of custom attributes, cached per workspace (a type never
 * changes once decided, so the cache only grows). Normalises values to their type.
 */
@Injectable()
export class AttributeTypes {
  private readonly logger = new Logger(AttributeTypes.name);
  private readonly cache = new Map<string, Map<string, KnownType>>();

  constructor(private readonly catalog: AttributeCatalogRepository) {}

  /**
   * Declares the types a vendor's own schema gives (HubSpot property definitions) for keys
   * not in the catalog yet; an existing entry keeps its type (first writer wins).
   */
  async declare(
    workspaceId: string,
    source: CustomSource,
    types: Record<string, ValueType>,
  ): Promise<void> {
    const known = await this.load(workspaceId);
    const fresh = Object.entries(types).filter(([key]) => !known.has(keyOf(source, key)));
    if (fresh.length === 0) return;
    const entries = await this.catalog.declare(
      workspaceId,
      fresh.map(([key, type]) => ({ source, key, type })),
    );
    for (const entry of entries) this.remember(known, entry);
  }

  /**
   * Normalises trait leaves of one source: unknown keys get the type of their first
   * non-null value (declared in the catalog; the first writer wins a race).
   */
  async normalize(
    workspaceId: string,
    source: CustomSource,
    leaves: Array<{ path: string; raw: unknown }>,
  ): Promise<Normalized[]> {
    const known = await this.load(workspaceId);
    const toDeclare = new Map<string, ValueType>();
    for (const { path, raw } of leaves) {
      if (known.has(keyOf(source, path)) || toDeclare.has(path)) continue;
      const type = inferAttributeType(raw);
      if (type) toDeclare.set(path, type);
    }
    if (toDeclare.size > 0) {
      const entries = await this.catalog.declare(
        workspaceId,
        [...toDeclare].map(([key, type]) => ({ source, key, type })),
      );
      for (const entry of entries) this.remember(known, entry);
    }
    return leaves.map(({ path, raw }) => {
      if (raw === null) return { ok: true, path, value: null };
      const entry = known.get(keyOf(source, path));
      if (!entry) {
        return { ok: false, path, raw, expectedType: 'string', reason: 'unsupported value' };
      }
      const result = normalizeAttributeValue(entry.type, raw);
      if (result.ok) return { ok: true, path, value: result.value };
      return {
        ok: false,
        path,
        raw,
        expectedType: entry.type,
        reason: `cannot be normalised to ${entry.type}`,
      };
    });
  }

  /**
   * Records a few distinct sample values per key while the catalog has few (a list
   * contributes its items). Best effort: samples never hold up applying messages.
   */
  async addSamples(
    workspaceId: string,
    source: CustomSource,
    values: Array<{ path: string; value: AttributeValue }>,
  ): Promise<void> {
    const known = await this.load(workspaceId);
    const byKey = new Map<string, AttributeValue[]>();
    for (const { path, value } of values) {
      const entry = known.get(keyOf(source, path));
      if (!entry || value === null) continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        const token = JSON.stringify(item);
        if (entry.samples.size >= MAX_SAMPLE_VALUES || entry.samples.has(token)) continue;
        entry.samples.add(token);
        byKey.set(path, [...(byKey.get(path) ?? []), item]);
      }
    }
    for (const [key, samples] of byKey) {
      try {
        await this.catalog.addSamples(workspaceId, { source, key }, samples);
      } catch (error) {
        this.logger.warn({ err: error, key }, 'Sample values not recorded');
      }
    }
  }

  private async load(workspaceId: string): Promise<Map<string, KnownType>> {
    let known = this.cache.get(workspaceId);
    if (!known) {
      known = new Map();
      for (const entry of await this.catalog.listAll(workspaceId)) this.remember(known, entry);
      this.cache.set(workspaceId, known);
    }
    return known;
  }

  private remember(known: Map<string, KnownType>, entry: AttributeCatalogEntry): void {
    known.set(keyOf(entry.source, entry.key), {
      type: entry.type,
      samples: new Set(entry.sampleValues.map((value) => JSON.stringify(value))),
    });
  }
}
