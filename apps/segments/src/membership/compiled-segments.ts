import { Injectable, Logger } from '@nestjs/common';
import {
  type AttributeTypeLookup,
  type CatalogEntry,
  compileSegment,
  type CompiledSegment,
  type SegmentRules,
  SegmentReferenceError,
} from '@seg/segment-engine';
import { SegmentDefinition, SegmentRepository } from '../segments/segment.repository';

/**
 * How long this process trusts its copy of a workspace's segment versions: a safety net.
 * Its own writes, and `segment.updated`/`segment.deleted` from any instance (broadcast,
 * see CacheInvalidation), invalidate at once; a broadcast reconnect invalidates all.
 * (Re-reading every version is a scan of the workspace's segments on FerretDB.)
 */
export const FRESHNESS_MS = 5_000;
const MAX_WORKSPACES = 5_000;

interface CachedCompile {
  compiled: CompiledSegment;
  /** Version of every segment the compiled tree was built from (itself and references). */
  deps: Map<string, number>;
}

interface WorkspaceState {
  checkedAt: number;
  defs: Map<string, SegmentDefinition>;
  types: Map<string, CatalogEntry['type']>;
  compiled: Map<string, CachedCompile>;
  refreshing?: Promise<void>;
}

export interface WorkspaceSegments {
  compiled: Map<string, CompiledSegment>;
  /** Per compiled segment: the version of itself and of each segment it references. */
  deps: Map<string, Record<string, number>>;
  versions: Map<string, number>;
  names: Map<string, string>;
}

const typeKey = (source: string, key: string) => `${source}\u0000${key}`;

/**
 * Compiled segments per (workspace, segment, version), for targeting and member queries:
 * a compiled tree is reused while neither the segment nor any segment it references changed.
 */
@Injectable()
export class CompiledSegments {
  private readonly logger = new Logger(CompiledSegments.name);
  private readonly workspaces = new Map<string, WorkspaceState>();

  constructor(private readonly segments: SegmentRepository) {}

  /** The compiled segments among `ids` (unknown ones, and ones that cannot compile, left out). */
  async get(workspaceId: string, ids: readonly string[]): Promise<Map<string, CompiledSegment>> {
    const state = await this.fresh(workspaceId);
    const out = new Map<string, CompiledSegment>();
    for (const id of ids) {
      const compiled = this.compiledOf(workspaceId, state, id);
      if (compiled) out.set(id, compiled);
    }
    return out;
  }

  /**
   * Like `get`, with the versions each compiled tree was built from (the segment's and those
   * of the segments it references): targeting compares them with the read model's states.
   */
  async getWithDeps(
    workspaceId: string,
    ids: readonly string[],
  ): Promise<Map<string, { compiled: CompiledSegment; deps: ReadonlyMap<string, number> }>> {
    const state = await this.fresh(workspaceId);
    const out = new Map<string, { compiled: CompiledSegment; deps: ReadonlyMap<string, number> }>();
    for (const id of ids) {
      const compiled = this.compiledOf(workspaceId, state, id);
      const cached = state.compiled.get(id);
      if (compiled && cached) out.set(id, { compiled, deps: cached.deps });
    }
    return out;
  }

  /**
   * Every segment of the workspace that compiles, with its name (a rename bumps the
   * version, so the name is as fresh as the definition).
   */
  async all(
    workspaceId: string,
  ): Promise<{ compiled: Map<string, CompiledSegment>; names: Map<string, string> }> {
    const state = await this.fresh(workspaceId);
    const compiled = new Map<string, CompiledSegment>();
    const names = new Map<string, string>();
    for (const [id, def] of state.defs) {
      const one = this.compiledOf(workspaceId, state, id);
      if (!one) continue;
      compiled.set(id, one);
      names.set(id, def.name);
    }
    return { compiled, names };
  }

  /**
   * Every segment of the workspace as it is now (re-read first), for the membership read
   * model: compiled ones with the versions of every segment each was built from (`deps`), and
   * the current version of every segment (compiling or not). `reread: false` trusts this
   * process's copy (kept fresh by events, like targeting's).
   */
  async current(workspaceId: string, reread = true): Promise<WorkspaceSegments> {
    if (reread) this.invalidate(workspaceId);
    const state = await this.fresh(workspaceId);
    const compiled = new Map<string, CompiledSegment>();
    const deps = new Map<string, Record<string, number>>();
    const versions = new Map<string, number>();
    const names = new Map<string, string>();
    for (const [id, def] of state.defs) {
      versions.set(id, def.version);
      const one = this.compiledOf(workspaceId, state, id);
      const cached = state.compiled.get(id);
      if (!one || !cached) continue;
      compiled.set(id, one);
      deps.set(id, Object.fromEntries(cached.deps));
      names.set(id, def.name);
    }
    return { compiled, deps, versions, names };
  }

  /** The current version of each segment of the workspace (cached like the compiled ones). */
  async versions(workspaceId: string): Promise<Map<string, number>> {
    const state = await this.fresh(workspaceId);
    return new Map([...state.defs].map(([id, def]) => [id, def.version]));
  }

  /** Compiles unsaved rules (preview) against the workspace's current segments. */
  async compileRules(
    workspaceId: string,
    rules: SegmentRules,
    catalog: readonly CatalogEntry[],
  ): Promise<CompiledSegment> {
    const state = await this.fresh(workspaceId);
    return compileSegment(rules, {
      catalog,
      resolveSegment: (id) => state.defs.get(id)?.rules,
    });
  }

  /** Forget what this process knows of the workspace's segments (after an edit). */
  invalidate(workspaceId: string): void {
    const state = this.workspaces.get(workspaceId);
    if (state) state.checkedAt = 0;
  }

  /** Forget what this process knows of every workspace's segments. */
  invalidateAll(): void {
    for (const state of this.workspaces.values()) state.checkedAt = 0;
  }

  private async fresh(workspaceId: string): Promise<WorkspaceState> {
    let state = this.workspaces.get(workspaceId);
    if (!state) {
      if (this.workspaces.size >= MAX_WORKSPACES) this.evictOldest();
      state = { checkedAt: 0, defs: new Map(), types: new Map(), compiled: new Map() };
      this.workspaces.set(workspaceId, state);
    }
    if (Date.now() - state.checkedAt > FRESHNESS_MS) {
      const refreshing = (state.refreshing ??= this.refresh(workspaceId, state).finally(() => {
        state.refreshing = undefined;
      }));
      // Never loaded, or invalidated by an event: wait. Only past the safety-net age: serve
      // what is known while the versions are re-read (no request waits on the safety net).
      if (state.checkedAt === 0) await refreshing;
      else refreshing.catch(() => undefined);
    }
    return state;
  }

  private async refresh(workspaceId: string, state: WorkspaceState): Promise<void> {
    const startedAt = Date.now();
    const versions = await this.segments.versions(workspaceId);
    let changed = false;
    for (const id of [...state.defs.keys()]) {
      if (!versions.has(id)) {
        state.defs.delete(id);
        changed = true;
      }
    }
    const stale = [...versions].filter(([id, v]) => state.defs.get(id)?.version !== v);
    if (stale.length > 0) {
      for (const def of await this.segments.definitions(
        workspaceId,
        stale.map(([id]) => id),
      )) {
        state.defs.set(def._id, def);
      }
      changed = true;
    }
    if (changed) {
      state.types = new Map();
      for (const def of state.defs.values()) {
        for (const entry of def.attributeTypes ?? []) {
          state.types.set(typeKey(entry.source, entry.key), entry.type);
        }
      }
    }
    state.checkedAt = startedAt;
  }

  private compiledOf(
    workspaceId: string,
    state: WorkspaceState,
    id: string,
  ): CompiledSegment | undefined {
    const cached = state.compiled.get(id);
    if (cached && [...cached.deps].every(([dep, v]) => state.defs.get(dep)?.version === v)) {
      return cached.compiled;
    }
    const def = state.defs.get(id);
    if (!def) {
      state.compiled.delete(id);
      return undefined;
    }
    const deps = new Map<string, number>([[id, def.version]]);
    const catalog: AttributeTypeLookup = (source, key) => state.types.get(typeKey(source, key));
    try {
      const compiled = compileSegment(def.rules, {
        segmentId: id,
        catalog,
        resolveSegment: (ref) => {
          const found = state.defs.get(ref);
          if (found) deps.set(ref, found.version);
          return found?.rules;
        },
      });
      state.compiled.set(id, { compiled, deps });
      return compiled;
    } catch (error) {
      if (!(error instanceof SegmentReferenceError)) throw error;
      this.logger.warn({ workspaceId, segmentId: id, err: error }, 'Segment does not compile');
      return undefined;
    }
  }

  private evictOldest(): void {
    const oldest = this.workspaces.keys().next();
    if (!oldest.done) this.workspaces.delete(oldest.value);
  }
}
