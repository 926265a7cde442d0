import type {
  ActivityGuard,
  AttributeCatalogEntry,
  AttributeCatalogRepository,
  CatalogKey,
  EventCatalogEntry,
  EventCatalogRepository,
  EventRepository,
  InboxEntry,
  InboxRepository,
  ProfileRepository,
  RejectedValue,
  RejectedValueRepository,
  StoredEvent,
} from '@seg/profile-store';
import type { ProfileDocument, ValueType } from '@seg/segment-engine';
import { RecordingBus } from '@seg/testing';
import { Types } from 'mongoose';
import type { AttributeFreshness, AttributeRef } from '../catalog/freshness/attribute-freshness';
import { AttributeTypes } from '../catalog/attribute-types';
import type { InboxApplier } from '../ingestion/inbox-applier';
import { ApplyMessagesUseCase } from '../ingestion/usecases/apply-messages/apply-messages.usecase';
import type { InteractionReceiptRepository } from '../interactions/interaction-receipt.repository';
import type { KeptRecordRepository, SourceAttributesWriter } from '@seg/profile-store/writes';
import { IdentityCache } from '../writing/identity-cache';
import { KeptPresence } from '../writing/kept-presence';
import { UserLanes } from '../writing/user-lanes';

/** No vendor record kept (the use-case specs do not sync; the integration tests do). */
export function noKeptRecords(): KeptRecordRepository {
  return {
    any: async () => false,
    matching: async () => [],
    forget: async () => undefined,
  } as unknown as KeptRecordRepository;
}

/** A source writer that must not be called by specs without kept records. */
export function unusedSourceWriter(): SourceAttributesWriter {
  return {
    setSourceAttributes: async () => {
      throw new Error('no kept records in the use-case specs');
    },
  } as unknown as SourceAttributesWriter;
}

/**
 * A deep copy keeping Dates and ObjectIds (structuredClone makes Dates of another
 * realm under Jest, which `instanceof Date` in the code under test would not see).
 */
export function clone<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (value instanceof Types.ObjectId) return new Types.ObjectId(value.toHexString()) as T;
  if (Array.isArray(value)) return value.map(clone) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])) as T;
  }
  return value;
}

/**
 * Plain in-memory stand-ins for the users service's repositories, for the
 * use-case specs: only the calls the use cases make, with the same answers
 * (unique keys where the collections have unique indexes).
 */
class InMemoryProfiles {
  readonly documents: ProfileDocument[] = [];
  /** Runs before each guarded write: a spec changes the profile there to play a concurrent writer. */
  beforeGuardedWrite?: (profile: ProfileDocument) => void;

  asRepository(): ProfileRepository {
    return this as unknown as ProfileRepository;
  }

  async findByUserId(workspaceId: string, userId: string) {
    const found = this.find(workspaceId, userId);
    return found ? clone(found) : null;
  }

  async findByUserIds(workspaceId: string, userIds: string[]) {
    return [...new Set(userIds)]
      .map((userId) => this.find(workspaceId, userId))
      .filter((found): found is ProfileDocument => found !== undefined)
      .map((found) => clone(found));
  }

  /** Answers the userIds that already had a profile (left as they were). */
  async insertNew(workspaceId: string, profiles: ProfileDocument[]) {
    const existed = new Set<string>();
    for (const profile of profiles) {
      if (this.find(workspaceId, profile.userId)) existed.add(profile.userId);
      else this.documents.push(clone({ ...profile, workspaceId }));
    }
    return existed;
  }

  /** `$set` (dotted paths) only while the activity fields are those the caller read. */
  async setGuarded(
    workspaceId: string,
    userId: string,
    guard: ActivityGuard,
    set: Record<string, unknown>,
  ) {
    const found = this.find(workspaceId, userId);
    if (found) this.beforeGuardedWrite?.(found);
    if (
      !found ||
      found.lastActivityAt.getTime() !== guard.lastActivityAt.getTime() ||
      found.sessions !== guard.sessions
    ) {
      return false;
    }
    for (const [path, value] of Object.entries(set)) {
      const keys = path.split('.');
      const last = keys.pop() as string;
      let target = found as unknown as Record<string, unknown>;
      for (const key of keys) target = (target[key] ??= {}) as Record<string, unknown>;
      target[last] = clone(value);
    }
    return true;
  }

  private find(workspaceId: string, userId: string) {
    return this.documents.find((d) => d.workspaceId === workspaceId && d.userId === userId);
  }
}

/** Inbox entries unique by (workspace, messageId); the ids marked applied. */
export class InMemoryInbox {
  readonly entries: InboxEntry[] = [];
  readonly applied: string[] = [];

  asRepository(): InboxRepository {
    return this as unknown as InboxRepository;
  }

  async accept(workspaceId: string, entries: Omit<InboxEntry, 'workspaceId' | '_id'>[]) {
    const stored: InboxEntry[] = [];
    for (const entry of entries) {
      const taken = this.entries.some(
        (e) => e.workspaceId === workspaceId && e.messageId === entry.messageId,
      );
      if (taken) continue;
      const fresh = { ...entry, _id: new Types.ObjectId(), workspaceId };
      this.entries.push(fresh);
      stored.push(fresh);
    }
    return stored;
  }

  async markApplied(_workspaceId: string, ids: Types.ObjectId[]) {
    this.applied.push(...ids.map(String));
  }
}

/** Events keyed by their inbox entry's id. */
class InMemoryEvents {
  readonly documents: StoredEvent[] = [];

  asRepository(): EventRepository {
    return this as unknown as EventRepository;
  }

  async insertIdempotent(workspaceId: string, events: StoredEvent[]) {
    const inserted: number[] = [];
    events.forEach((event, index) => {
      if (this.documents.some((d) => String(d._id) === String(event._id))) return;
      this.documents.push({ ...event, workspaceId });
      inserted.push(index);
    });
    return inserted;
  }

  async countByName(workspaceId: string, source: string, name: string) {
    return this.documents.filter(
      (d) => d.workspaceId === workspaceId && d.source === source && d.name === name,
    ).length;
  }
}

/** Event names per source: `$inc` the count, `$max` the last seen time. */
class InMemoryEventCatalog {
  readonly entries: EventCatalogEntry[] = [];

  asRepository(): EventCatalogRepository {
    return this as unknown as EventCatalogRepository;
  }

  async record(
    workspaceId: string,
    entries: Array<Pick<EventCatalogEntry, 'source' | 'name' | 'count' | 'lastSeenAt'>>,
  ) {
    for (const entry of entries) {
      const found = this.entries.find(
        (e) => e.workspaceId === workspaceId && e.source === entry.source && e.name === entry.name,
      );
      if (!found) this.entries.push({ ...entry, workspaceId } as EventCatalogEntry);
      else {
        found.count += entry.count;
        if (entry.lastSeenAt > found.lastSeenAt) found.lastSeenAt = entry.lastSeenAt;
      }
    }
  }

  async setCount(
    workspaceId: string,
    entry: Pick<EventCatalogEntry, 'source' | 'name' | 'count' | 'lastSeenAt'>,
  ) {
    const found = this.entries.find(
      (e) => e.workspaceId === workspaceId && e.source === entry.source && e.name === entry.name,
    );
    if (!found) this.entries.push({ ...entry, workspaceId } as EventCatalogEntry);
    else {
      found.count = entry.count;
      if (entry.lastSeenAt > found.lastSeenAt) found.lastSeenAt = entry.lastSeenAt;
    }
  }
}

/** Custom attributes, one type per (workspace, source, key), the first declaration winning. */
export class InMemoryAttributeCatalog {
  readonly entries: AttributeCatalogEntry[] = [];

  asRepository(): AttributeCatalogRepository {
    return this as unknown as AttributeCatalogRepository;
  }

  async listAll(workspaceId: string) {
    return this.entries
      .filter((e) => e.workspaceId === workspaceId)
      .sort((a, b) => a.source.localeCompare(b.source) || a.key.localeCompare(b.key))
      .map((e) => clone(e));
  }

  async declare(workspaceId: string, entries: Array<CatalogKey & { type: ValueType }>) {
    for (const entry of entries) {
      if (!this.find(workspaceId, entry)) {
        this.entries.push({
          ...entry,
          workspaceId,
          sampleValues: [],
          rejectedCount: 0,
          createdAt: new Date(),
        });
      }
    }
    return entries.map((entry) => clone(this.find(workspaceId, entry) ?? entry));
  }

  async addSamples(workspaceId: string, key: CatalogKey, values: unknown[]) {
    const found = this.find(workspaceId, key);
    if (found) found.sampleValues.push(...values);
  }

  async countRejected(workspaceId: string, key: CatalogKey, count: number) {
    const found = this.find(workspaceId, key);
    if (found) found.rejectedCount += count;
  }

  private find(workspaceId: string, key: CatalogKey) {
    return this.entries.find(
      (e) => e.workspaceId === workspaceId && e.source === key.source && e.key === key.key,
    );
  }
}

class InMemoryRejectedValues {
  readonly documents: RejectedValue[] = [];

  asRepository(): RejectedValueRepository {
    return this as unknown as RejectedValueRepository;
  }

  async insertAll(workspaceId: string, values: Omit<RejectedValue, 'workspaceId'>[]) {
    this.documents.push(...values.map((value) => ({ ...value, workspaceId })));
  }
}

/** The applied interaction messageIds, once each. */
class InMemoryReceipts {
  readonly applied: Array<{ workspaceId: string; messageId: string; userId: string }> = [];

  asRepository(): InteractionReceiptRepository {
    return this as unknown as InteractionReceiptRepository;
  }

  async wasApplied(workspaceId: string, messageId: string) {
    return this.applied.some((r) => r.workspaceId === workspaceId && r.messageId === messageId);
  }

  async markApplied(workspaceId: string, messageId: string, userId: string) {
    if (!(await this.wasApplied(workspaceId, messageId))) {
      this.applied.push({ workspaceId, messageId, userId });
    }
  }
}

/** Records what it was handed instead of applying it. */
export class RecordingApplier {
  readonly enqueued: InboxEntry[] = [];

  asApplier(): InboxApplier {
    return this as unknown as InboxApplier;
  }

  readonly storedAgain: string[] = [];

  async enqueue(entries: InboxEntry[]): Promise<void> {
    this.enqueued.push(...entries);
  }

  async enqueueStored(_workspaceId: string, messageIds: string[]): Promise<void> {
    this.storedAgain.push(...messageIds);
  }
}

/** Records the attributes noted as written (AttributeFreshness without its stores and timers). */
export class RecordingFreshness {
  readonly written: Array<{ workspaceId: string; source: string | null; key: string }> = [];
  readonly changed: string[] = [];

  asFreshness(): AttributeFreshness {
    return {
      noteWritten: (workspaceId: string, attributes: Iterable<AttributeRef>) => {
        for (const { source, key } of attributes) this.written.push({ workspaceId, source, key });
        this.changed.push(workspaceId);
      },
      markChanged: (workspaceId: string) => void this.changed.push(workspaceId),
      requestRecount: () => undefined,
    } as unknown as AttributeFreshness;
  }
}

/** The users service's stores and bus as fakes, with ApplyMessagesUseCase wired as the module wires it. */
export function usersWorld() {
  const profiles = new InMemoryProfiles();
  const inbox = new InMemoryInbox();
  const events = new InMemoryEvents();
  const eventCatalog = new InMemoryEventCatalog();
  const attributeCatalog = new InMemoryAttributeCatalog();
  const rejected = new InMemoryRejectedValues();
  const receipts = new InMemoryReceipts();
  const bus = new RecordingBus();
  const lanes = new UserLanes();
  const kept = noKeptRecords();
  const applyMessages = new ApplyMessagesUseCase(
    profiles.asRepository(),
    events.asRepository(),
    eventCatalog.asRepository(),
    attributeCatalog.asRepository(),
    rejected.asRepository(),
    inbox.asRepository(),
    new AttributeTypes(attributeCatalog.asRepository()),
    bus.asBusClient(),
    lanes,
    new IdentityCache(),
    new KeptPresence(kept),
    kept,
    unusedSourceWriter(),
    new RecordingFreshness().asFreshness(),
  );
  return {
    lanes,
    profiles,
    inbox,
    events,
    eventCatalog,
    attributeCatalog,
    rejected,
    receipts,
    bus,
    applyMessages,
  };
}
