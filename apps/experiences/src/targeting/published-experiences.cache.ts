import { Injectable } from '@nestjs/common';
import type { TargetedExperience } from '@seg/contracts';
import { toStepView } from '../experiences/experience.mapper';
import { ExperienceRepository } from '../experiences/experience.repository';
import type { ExperienceDocument } from '../experiences/experience.schema';

interface PublishedExperience {
  experience: TargetedExperience;
  mode: 'all' | 'segments';
  segmentIds: string[];
}

export interface PublishedSet {
  experiences: PublishedExperience[];
  /** Every segment listed by a published audience, once: what targeting asks about. */
  segmentIds: string[];
}

/**
 * A safety net only: every instance drops a workspace's entry on every
 * `experience.updated` (broadcast to all instances) and this one on its own writes.
 */
const TTL_MS = 5_000;

interface Entry {
  loadedAt: number;
  value: Promise<PublishedSet>;
  refreshing?: boolean;
}

/**
 * The published experiences per workspace, loaded once and shared by concurrent requests.
 * Past the TTL an entry is still served while a reload runs in the background (events
 * already keep it fresh; no request waits on the safety net), and a reload that finds
 * the same set keeps the same object, so answers cached against it stay valid.
 */
@Injectable()
export class PublishedExperiencesCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly experiences: ExperienceRepository) {}

  get(workspaceId: string): Promise<PublishedSet> {
    const entry = this.entries.get(workspaceId);
    if (!entry) return this.start(workspaceId).value;
    if (Date.now() - entry.loadedAt >= TTL_MS && !entry.refreshing) {
      this.refresh(workspaceId, entry);
    }
    return entry.value;
  }

  private start(workspaceId: string): Entry {
    const fresh: Entry = { loadedAt: Date.now(), value: this.load(workspaceId) };
    this.entries.set(workspaceId, fresh);
    // A failed load is not kept: the next request tries again.
    fresh.value.catch(() => {
      if (this.entries.get(workspaceId) === fresh) this.entries.delete(workspaceId);
    });
    return fresh;
  }

  private refresh(workspaceId: string, stale: Entry): void {
    stale.refreshing = true;
    const startedAt = Date.now();
    Promise.all([stale.value, this.load(workspaceId)]).then(
      ([before, after]) => {
        // Dropped meanwhile (an event): the next request loads afresh.
        if (this.entries.get(workspaceId) !== stale) return;
        const same = JSON.stringify(before) === JSON.stringify(after);
        this.entries.set(workspaceId, {
          loadedAt: startedAt,
          value: same ? stale.value : Promise.resolve(after),
        });
      },
      () => {
        stale.refreshing = false;
      },
    );
  }

  invalidate(workspaceId: string): void {
    this.entries.delete(workspaceId);
  }

  clear(): void {
    this.entries.clear();
  }

  private async load(workspaceId: string): Promise<PublishedSet> {
    const documents = await this.experiences.findPublished(workspaceId);
    const experiences = documents.map(toPublished);
    const segmentIds = [...new Set(experiences.flatMap((experience) => experience.segmentIds))];
    return { experiences, segmentIds };
  }
}

function toPublished(document: ExperienceDocument): PublishedExperience {
  return {
    experience: {
      id: document.experienceId,
      name: document.name,
      type: document.type,
      steps: document.steps.map(toStepView),
    },
    mode: document.audience.mode,
    segmentIds: document.audience.mode === 'segments' ? [...document.audience.segmentIds] : [],
  };
}
