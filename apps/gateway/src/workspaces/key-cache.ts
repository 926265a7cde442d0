/**
 * A small in-memory TTL cache of key hash → what the key resolves to (a workspace id, or the
 * workspace with its limits; `null` for an unknown key), bounded in size: the SDK endpoints
 * resolve a key per request.
 */
export class KeyCache<Value = string> {
  private readonly entries = new Map<string, { workspaceId: Value | null; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** `undefined` when not cached (or expired); `null` when cached as unknown. */
  get(keyHash: string): Value | null | undefined {
    const entry = this.entries.get(keyHash);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(keyHash);
      return undefined;
    }
    return entry.workspaceId;
  }

  set(keyHash: string, workspaceId: Value | null, ttlMs = this.ttlMs): void {
    if (ttlMs <= 0) return;
    this.entries.delete(keyHash);
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(keyHash, { workspaceId, expiresAt: this.now() + ttlMs });
  }

  delete(keyHash: string): void {
    this.entries.delete(keyHash);
  }

  /** Drops every entry whose value `matches` (e.g. every key of one workspace). */
  deleteWhere(matches: (value: Value) => boolean): void {
    for (const [keyHash, entry] of this.entries) {
      if (entry.workspaceId !== null && matches(entry.workspaceId)) this.entries.delete(keyHash);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
