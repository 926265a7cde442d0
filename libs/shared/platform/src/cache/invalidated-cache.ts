import { standardMetrics } from '../metrics/standard-metrics';

export interface CachedEntry<V> {
  value: V;
  /** When the read that produced the value started. */
  loadedAt: number;
}

/**
 * How long after an invalidation a cache of another service's answers keeps refusing
 * them: that service's instances may hear the same broadcast event a little later.
 */
export const BROADCAST_SETTLE_MS = 500;

export interface InvalidatedCacheOptions {
  /** Names the cache on `/metrics` (`cache_requests_total{cache, result}`); unnamed caches are not counted. */
  name?: string;
  /** A safety net: how long an entry may be used without any invalidation. */
  ttlMs: number;
  maxEntries: number;
  /**
   * Refuse values read less than this long after an invalidation too: for caches of
   * answers from other services, whose own instances may hear the same event a little
   * later than this process did (broadcast skew). 0 for values read from the database.
   */
  settleMs?: number;
}

/**
 * Per-user values of a workspace (`scope` = workspace id, `key` = user id) kept until
 * an invalidation drops them: one user, a whole workspace, or everything. A value read
 * before an invalidation is refused (put answers false), so a read racing a write never
 * hides that write. Eviction: oldest first beyond `maxEntries`.
 */
export class InvalidatedCache<V> {
  private readonly entries = new Map<string, CachedEntry<V>>();
  private readonly invalidatedAt = new Map<string, number>();
  private readonly scopeInvalidatedAt = new Map<string, number>();
  private clearedAt = 0;

  constructor(private readonly options: InvalidatedCacheOptions) {}

  get(scope: string, key: string, now = Date.now()): CachedEntry<V> | undefined {
    const id = `${scope}/${key}`;
    let entry = this.entries.get(id);
    if (entry && now - entry.loadedAt > this.options.ttlMs) {
      this.entries.delete(id);
      entry = undefined;
    }
    if (this.options.name !== undefined) {
      standardMetrics.cacheRequests.inc({
        cache: this.options.name,
        result: entry ? 'hit' : 'miss',
      });
    }
    return entry;
  }

  /** Stores what a read that started at `loadedAt` found, unless invalidated since. */
  put(scope: string, key: string, value: V, loadedAt: number): boolean {
    const id = `${scope}/${key}`;
    const settled = loadedAt - (this.options.settleMs ?? 0);
    if (
      this.clearedAt >= settled ||
      (this.scopeInvalidatedAt.get(scope) ?? 0) >= settled ||
      (this.invalidatedAt.get(id) ?? 0) >= settled
    ) {
      return false;
    }
    this.entries.delete(id);
    this.entries.set(id, { value, loadedAt });
    if (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return true;
  }

  invalidate(scope: string, key: string, now = Date.now()): void {
    const id = `${scope}/${key}`;
    this.entries.delete(id);
    this.invalidatedAt.set(id, now);
    // Marks only matter for reads in flight; forget old ones.
    if (this.invalidatedAt.size > this.options.maxEntries) {
      for (const [markId, at] of this.invalidatedAt) {
        if (now - at > this.options.ttlMs) this.invalidatedAt.delete(markId);
      }
    }
  }

  invalidateScope(scope: string, now = Date.now()): void {
    const prefix = `${scope}/`;
    for (const id of this.entries.keys()) {
      if (id.startsWith(prefix)) this.entries.delete(id);
    }
    this.scopeInvalidatedAt.set(scope, now);
  }

  clear(now = Date.now()): void {
    this.entries.clear();
    this.clearedAt = now;
  }
}
