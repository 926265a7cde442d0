import { Injectable } from '@nestjs/common';
import { type Combination, MembershipCombinations } from './membership-combinations';

/** A snapshot younger than this answers as is. */
export const SNAPSHOT_FRESH_MS = 15_000;
/** Older, up to this age, it still answers while a new one is taken in the background. */
export const SNAPSHOT_STALE_MS = 120_000;
const MAX_WORKSPACES = 200;

export interface MembershipSnapshot {
  combinations: Combination[];
  takenAt: Date;
}

interface Entry {
  /** The segment definitions and read-model states it was taken under. */
  signature: string;
  value: Promise<MembershipSnapshot>;
  takenAt: number;
  refreshing?: boolean;
}

/**
 * Per workspace, the read model grouped by each user's whole set of segments (one grouped
 * read of the workspace's rows, `MembershipCombinations.of(ws, null)`): every audience
 * overlap question of the workspace is then a sum over a few hundred sets, in memory. It is
 * taken again when `signature` (the segments' versions and the read model's states) differs,
 * so a segment edit or a finished recomputation is never answered from an older snapshot;
 * and when older than SNAPSHOT_FRESH_MS (15 s: user changes show within that, `asOf` says
 * when it was taken), in the background up to SNAPSHOT_STALE_MS, then waited for.
 */
@Injectable()
export class MembershipSnapshots {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly combinations: MembershipCombinations) {}

  get(workspaceId: string, signature: string): Promise<MembershipSnapshot> {
    const entry = this.entries.get(workspaceId);
    const age = entry ? Date.now() - entry.takenAt : Infinity;
    if (!entry || entry.signature !== signature || age > SNAPSHOT_STALE_MS) {
      return this.take(workspaceId, signature).value;
    }
    if (age > SNAPSHOT_FRESH_MS && !entry.refreshing) {
      entry.refreshing = true;
      const next = this.take(workspaceId, signature, entry);
      next.value.catch(() => {
        entry.refreshing = false;
      });
    }
    return entry.value;
  }

  private take(workspaceId: string, signature: string, stale?: Entry): Entry {
    const startedAt = Date.now();
    const value = this.combinations
      .of(workspaceId, null)
      .then((combinations) => ({ combinations, takenAt: new Date(startedAt) }));
    const entry: Entry = { signature, value, takenAt: startedAt };
    if (stale) {
      // Served until the new one is there.
      value.then(
        () => {
          if (this.entries.get(workspaceId) === stale) this.put(workspaceId, entry);
        },
        () => undefined,
      );
    } else {
      this.put(workspaceId, entry);
      value.catch(() => {
        if (this.entries.get(workspaceId) === entry) this.entries.delete(workspaceId);
      });
    }
    return entry;
  }

  private put(workspaceId: string, entry: Entry): void {
    this.entries.delete(workspaceId);
    this.entries.set(workspaceId, entry);
    if (this.entries.size > MAX_WORKSPACES) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
