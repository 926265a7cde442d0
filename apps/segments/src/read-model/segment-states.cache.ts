import { Injectable } from '@nestjs/common';
import { ReadModelRepository } from './read-model.repository';
import type { SegmentStateDocument } from './read-model.schemas';

/**
 * How old this process's copy of a workspace's segment states may be before it is re-read
 * (in the background: the request does not wait). A stale copy is safe for targeting: a
 * state is trusted only when its versions equal the segment's current ones, which the
 * segment's own edit changes (heard at once); an older copy only sends more segments to the
 * evaluator, until the next re-read shows the finished recomputation.
 */
export const STATES_FRESHNESS_MS = 1_000;
const MAX_WORKSPACES = 5_000;

interface Entry {
  loadedAt: number;
  states: ReadonlyMap<string, SegmentStateDocument>;
  refreshing?: Promise<void>;
}

/** The read model's segment states per workspace, in memory, for targeting. */
@Injectable()
export class SegmentStatesCache {
  private readonly workspaces = new Map<string, Entry>();

  constructor(private readonly repository: ReadModelRepository) {}

  async of(workspaceId: string): Promise<ReadonlyMap<string, SegmentStateDocument>> {
    let entry = this.workspaces.get(workspaceId);
    if (!entry) {
      const states = await this.load(workspaceId);
      entry = this.workspaces.get(workspaceId) ?? this.store(workspaceId, states, Date.now());
      return entry.states;
    }
    if (Date.now() - entry.loadedAt > STATES_FRESHNESS_MS && !entry.refreshing) {
      const current = entry;
      const startedAt = Date.now();
      current.refreshing = this.load(workspaceId)
        .then((states) => {
          this.store(workspaceId, states, startedAt);
        })
        .catch(() => undefined)
        .finally(() => {
          current.refreshing = undefined;
        });
    }
    return entry.states;
  }

  private async load(workspaceId: string): Promise<Map<string, SegmentStateDocument>> {
    const states = await this.repository.states(workspaceId);
    return new Map(states.map((state) => [state._id, state]));
  }

  private store(
    workspaceId: string,
    states: ReadonlyMap<string, SegmentStateDocument>,
    loadedAt: number,
  ): Entry {
    const entry: Entry = { loadedAt, states };
    this.workspaces.delete(workspaceId);
    this.workspaces.set(workspaceId, entry);
    if (this.workspaces.size > MAX_WORKSPACES) {
      const oldest = this.workspaces.keys().next().value;
      if (oldest !== undefined) this.workspaces.delete(oldest);
    }
    return entry;
  }
}
