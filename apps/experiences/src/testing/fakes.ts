import type { CreateExperienceInput, Experience } from '@seg/contracts';
import { RecordingBus } from '@seg/testing';
import { AudienceSegmentsValidator } from '../experiences/audience-segments.validator';
import { ExperienceChanges } from '../experiences/experience-changes';
import type { ExperienceRepository } from '../experiences/experience.repository';
import type { ExperienceDocument } from '../experiences/experience.schema';
import type { InteractionRepository } from '../interactions/interaction.repository';
import type { InteractionDocument } from '../interactions/interaction.schema';
import { CreateExperienceUseCase } from '../experiences/usecases/create-experience/create-experience.usecase';
import { PublishedExperiencesCache } from '../targeting/published-experiences.cache';

export { RecordingBus };

/**
 * Plain in-memory stand-ins for this service's repositories and the bus, for the
 * use-case specs: only the calls the use cases make, with the same answers.
 */
export class InMemoryExperiences {
  readonly documents: ExperienceDocument[] = [];

  asRepository(): ExperienceRepository {
    return this as unknown as ExperienceRepository;
  }

  async insert(workspaceId: string, document: Omit<ExperienceDocument, 'workspaceId'>) {
    this.documents.push(structuredClone({ ...document, workspaceId }));
  }

  async findById(workspaceId: string, experienceId: string) {
    const found = this.of(workspaceId).find((d) => d.experienceId === experienceId);
    return found ? structuredClone(found) : null;
  }

  /** `$set` only (with dotted paths), the one operator the use cases send. */
  async updateOne(
    workspaceId: string,
    filter: { experienceId: string },
    update: { $set: Record<string, unknown> },
  ) {
    const found = this.of(workspaceId).find((d) => d.experienceId === filter.experienceId);
    if (!found) return { matched: 0, modified: 0, upserted: 0 };
    for (const [path, value] of Object.entries(update.$set)) {
      const keys = path.split('.');
      const last = keys.pop() as string;
      let target = found as unknown as Record<string, unknown>;
      for (const key of keys) target = target[key] as Record<string, unknown>;
      target[last] = structuredClone(value);
    }
    return { matched: 1, modified: 1, upserted: 0 };
  }

  async deleteMany(workspaceId: string, filter: { experienceId: string }) {
    const before = this.documents.length;
    const kept = this.documents.filter(
      (d) => d.workspaceId !== workspaceId || d.experienceId !== filter.experienceId,
    );
    this.documents.splice(0, this.documents.length, ...kept);
    return before - kept.length;
  }

  async page(workspaceId: string, limit: number, afterId?: string) {
    return this.sorted(workspaceId)
      .filter((d) => afterId === undefined || d.experienceId > afterId)
      .slice(0, limit);
  }

  async findPublished(workspaceId: string) {
    return this.sorted(workspaceId).filter((d) => d.status === 'published');
  }

  async findUsingSegments(workspaceId: string, segmentIds: string[]) {
    return this.sorted(workspaceId).filter((d) =>
      d.audience.segmentIds.some((id) => segmentIds.includes(id)),
    );
  }

  private of(workspaceId: string) {
    return this.documents.filter((d) => d.workspaceId === workspaceId);
  }

  private sorted(workspaceId: string) {
    return this.of(workspaceId)
      .map((d) => structuredClone(d))
      .sort((a, b) => (a.experienceId < b.experienceId ? -1 : 1));
  }
}

/** Recorded interactions, unique by (workspace, messageId) like the collection's index. */
class InMemoryInteractions {
  readonly documents: InteractionDocument[] = [];

  asRepository(): InteractionRepository {
    return this as unknown as InteractionRepository;
  }

  async insertOnce(workspaceId: string, document: Omit<InteractionDocument, 'workspaceId'>) {
    const stored = this.documents.find(
      (d) => d.workspaceId === workspaceId && d.messageId === document.messageId,
    );
    if (stored) return { stored, duplicate: true };
    const fresh = { ...document, workspaceId };
    this.documents.push(fresh);
    return { stored: fresh, duplicate: false };
  }

  async *forExperience(workspaceId: string, experienceId: string) {
    for (const d of this.documents) {
      if (d.workspaceId === workspaceId && d.experienceId === experienceId)
        yield structuredClone(d);
    }
  }
}

/** The experiences service's collaborators wired as the module wires them, over the fakes. */
export function experiencesWorld(options: { missingSegments?: string[] } = {}) {
  const experiences = new InMemoryExperiences();
  const interactions = new InMemoryInteractions();
  const missing = new Set(options.missingSegments ?? []);
  const bus = new RecordingBus({
    'segments.segment.exists': (payload: { segmentIds: string[] }) => ({
      missing: payload.segmentIds.filter((id) => missing.has(id)),
    }),
  });
  const published = new PublishedExperiencesCache(experiences.asRepository());
  const changes = new ExperienceChanges(published, bus.asBusClient());
  const validator = new AudienceSegmentsValidator(bus.asBusClient());
  const create = new CreateExperienceUseCase(experiences.asRepository(), validator, changes);
  return {
    experiences,
    interactions,
    bus,
    published,
    changes,
    validator,
    /** Creates a draft through CreateExperienceUseCase: a one-step tour for everyone unless told. */
    createExperience(
      workspaceId: string,
      experience: Partial<CreateExperienceInput> = {},
    ): Promise<Experience> {
      return create.execute({ workspaceId, experience: { ...aTour, ...experience } });
    },
    /**
     * Creates them one after the other, a few milliseconds apart: ids are time-ordered
     * to the millisecond, so these come back in this order from a page.
     */
    async createInOrder(
      workspaceId: string,
      experiences: Array<Partial<CreateExperienceInput>>,
    ): Promise<Experience[]> {
      const created: Experience[] = [];
      for (const experience of experiences) {
        created.push(await this.createExperience(workspaceId, experience));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return created;
    },
  };
}

/** The smallest valid experience: a one-step tour for everyone. */
const aTour: CreateExperienceInput = {
  name: 'Tour',
  type: 'tour',
  steps: [{ id: 's', kind: 'message' }],
  audience: { mode: 'all' },
};
