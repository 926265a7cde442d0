import { Injectable } from '@nestjs/common';
import type { IdentityIndex } from '@seg/profile-store/writes';

/** An index is read again after this long (other instances' new users become visible). */
const INDEX_TTL_MS = 10 * 60_000;

interface Cached {
  index: Promise<IdentityIndex>;
  readAt: number;
}

/**
 * Identity indexes (who is in a workspace, by user id and lowercased email, and the
 * fingerprint of each user's `custom.<provider>`) of running syncs, one per workspace
 * and provider, read once (one streaming pass) and kept up to date with what this
 * process writes: new users, changed emails, and vendor attributes applied on identify.
 */
@Injectable()
export class IdentityCache {
  private readonly cached = new Map<string, Cached>();

  get(
    workspaceId: string,
    provider: string,
    read: () => Promise<IdentityIndex>,
    fresh = false,
  ): Promise<IdentityIndex> {
    const key = `${workspaceId}\u0000${provider}`;
    const hit = this.cached.get(key);
    if (hit && !fresh && Date.now() - hit.readAt < INDEX_TTL_MS) return hit.index;
    const index = read();
    const entry = { index, readAt: Date.now() };
    this.cached.set(key, entry);
    index.catch(() => {
      if (this.cached.get(key) === entry) this.cached.delete(key);
    });
    return index;
  }

  /** A user this process created or whose email it changed. */
  async noteUser(workspaceId: string, userId: string, email: string | null | undefined) {
    for (const index of await this.indexesOf(workspaceId)) {
      index.userIds.add(userId);
      if (typeof email === 'string' && email !== '') {
        const key = email.trim().toLowerCase();
        const known = index.byEmail.get(key) ?? [];
        if (!known.includes(userId)) index.byEmail.set(key, [...known, userId]);
      }
    }
  }

  /** A user's `custom.<provider>` written outside a sync page (kept record applied). */
  async forgetFingerprint(workspaceId: string, provider: string, userId: string) {
    const hit = this.cached.get(`${workspaceId}\u0000${provider}`);
    if (!hit) return;
    const index = await hit.index.catch(() => null);
    if (index) {
      index.fingerprints.delete(userId);
      index.withSource.add(userId);
    }
  }

  private async indexesOf(workspaceId: string): Promise<IdentityIndex[]> {
    const found: IdentityIndex[] = [];
    for (const [key, hit] of this.cached) {
      if (!key.startsWith(`${workspaceId}\u0000`)) continue;
      const index = await hit.index.catch(() => null);
      if (index) found.push(index);
    }
    return found;
  }
}
