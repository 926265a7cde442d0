import { Injectable, Logger } from '@nestjs/common';
import { IngestMessage, ingestMessageSchema, IngestSource, UserUpdatedEvent } from '@seg/contracts';
import {
  AttributeCatalogRepository,
  EventCatalogRepository,
  EventRepository,
  InboxEntry,
  InboxRepository,
  mapConcurrently,
  ProfileRepository,
  RejectedValue,
  RejectedValueRepository,
  StoredEvent,
} from '@seg/profile-store';
import {
  type KeptRecordDocument,
  KeptRecordRepository,
  SourceAttributesWriter,
} from '@seg/profile-store/writes';
import type { AttributeObject, CustomSource, ProfileDocument } from '@seg/segment-engine';
import { BusClient } from '@seg/platform';
import { AttributeTypes } from '../../../catalog/attribute-types';
import {
  AttributeFreshness,
  type AttributeRef,
  writtenAttributes,
} from '../../../catalog/freshness/attribute-freshness';
import { IdentityCache } from '../../../writing/identity-cache';
import { KeptPresence } from '../../../writing/kept-presence';
import { UserLanes } from '../../../writing/user-lanes';
import { ActivityMessage, foldMessages } from '../../profile-fold';
import { flattenTraits, normalizeProperties } from '../../values';

const MAX_GUARD_RETRIES = 5;
/** Profile updates of one chunk in flight at once (sequential, they dominated applying); few
 * enough to leave FerretDB's pool of 50 room for sync pages and the read model (ferretdb.md). */
const PROFILE_WRITE_CONCURRENCY = 8;

interface Parsed {
  entry: InboxEntry;
  message: IngestMessage;
  timestamp: Date;
  /** The batch's source (`users.messages.accept`), stored in the payload; `sdk` when absent. */
  source: IngestSource;
}

/** Users a chunk created or gave an email: kept vendor records may be waiting for them. */
interface Identified {
  created: Set<string>;
  emails: Map<string, string>;
}

/** Track calls of each source become events of this source. */
const EVENT_SOURCE = { sdk: 'jimo', segment: 'segment' } as const;

/**
 * Applies stored inbox entries of one workspace to events, profiles and the
 * catalogs, then marks them applied. Safe to run twice on the same entries:
 * events are keyed by the entry id, activity only moves forward, and a session
 * is never started by a timestamp that is not ahead of the latest activity.
 */
@Injectable()
export class ApplyMessagesUseCase {
  private readonly logger = new Logger(ApplyMessagesUseCase.name);

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly events: EventRepository,
    private readonly eventCatalog: EventCatalogRepository,
    private readonly attributeCatalog: AttributeCatalogRepository,
    private readonly rejected: RejectedValueRepository,
    private readonly inbox: InboxRepository,
    private readonly attributeTypes: AttributeTypes,
    private readonly bus: BusClient,
    private readonly lanes: UserLanes,
    private readonly identities: IdentityCache,
    private readonly presence: KeptPresence,
    private readonly kept: KeptRecordRepository,
    private readonly sourceWriter: SourceAttributesWriter,
    private readonly freshness: AttributeFreshness,
  ) {}

  async execute(workspaceId: string, entries: InboxEntry[]): Promise<void> {
    // One drain loop per process applies chunks one after the other; each profile write
    // runs in its user's lane, so no other write of that profile (a sync page) overlaps it.
    await this.applyParsed(workspaceId, entries, this.parse(entries));
  }

  private async applyParsed(
    workspaceId: string,
    entries: InboxEntry[],
    parsed: Parsed[],
  ): Promise<void> {
    await this.storeEvents(workspaceId, parsed);
    const rejectedValues: Omit<RejectedValue, 'workspaceId'>[] = [];
    const byUser = await this.activityByUser(workspaceId, parsed, rejectedValues);
    const identified: Identified = { created: new Set(), emails: new Map() };
    const changed = await this.applyProfiles(workspaceId, byUser, rejectedValues, identified);
    await this.applyKeptRecords(workspaceId, identified, changed);
    this.noteWritten(workspaceId, byUser, identified);
    await this.keepRejected(workspaceId, rejectedValues);
    await this.inbox.markApplied(
      workspaceId,
      entries.map((entry) => entry._id),
    );
    const at = new Date().toISOString();
    await Promise.all(
      [...changed].map(([userId, changes]) =>
        this.bus.emit('user.updated', { workspaceId, userId, changes: [...changes], at }),
      ),
    );
  }

  /**
   * The attributes this chunk gave a value (the catalog's `lastWrittenAt`): activity on every
   * message, `createdAt` for new users, name, email and traits set to something non-null.
   */
  private noteWritten(
    workspaceId: string,
    byUser: Map<string, ActivityMessage[]>,
    identified: Identified,
  ): void {
    if (byUser.size === 0) return;
    const written: AttributeRef[] = [
      { source: null, key: 'lastActivityAt' },
      { source: null, key: 'sessions' },
    ];
    if (identified.created.size > 0) written.push({ source: null, key: 'createdAt' });
    for (const messages of byUser.values()) {
      for (const message of messages) {
        if (typeof message.name === 'string') written.push({ source: null, key: 'name' });
        if (typeof message.email === 'string') written.push({ source: null, key: 'email' });
        for (const trait of message.traits ?? []) {
          if (trait.value !== null) {
            written.push({ source: message.source ?? 'sdk', key: trait.path });
          }
        }
      }
    }
    this.freshness.noteWritten(workspaceId, written);
  }

  private parse(entries: InboxEntry[]): Parsed[] {
    const parsed: Parsed[] = [];
    for (const entry of entries) {
      const raw = JSON.parse(entry.payload) as unknown;
      const result = ingestMessageSchema.safeParse(raw);
      if (!result.success) {
        this.logger.error({ messageId: entry.messageId }, 'Unreadable inbox entry skipped');
        continue;
      }
      const source = (raw as { source?: unknown }).source === 'segment' ? 'segment' : 'sdk';
      parsed.push({
        entry,
        message: result.data,
        timestamp: new Date(result.data.timestamp),
        source,
      });
    }
    return parsed;
  }

  /** Track calls become `jimo` (or `segment`) events; the event catalog counts those newly stored. */
  private async storeEvents(workspaceId: string, parsed: Parsed[]): Promise<void> {
    const events: StoredEvent[] = [];
    for (const { entry, message, timestamp, source } of parsed) {
      if (message.type !== 'track') continue;
      events.push({
        _id: entry._id,
        workspaceId,
        userId: message.userId,
        source: EVENT_SOURCE[source],
        name: message.event,
        timestamp,
        properties: normalizeProperties(message.properties),
      });
    }
    const inserted = await this.events.insertIdempotent(workspaceId, events);
    const counts = new Map<
      string,
      { source: StoredEvent['source']; name: string; count: number; lastSeenAt: Date }
    >();
    for (const index of inserted) {
      const event = events[index] as StoredEvent;
      const key = `${event.source}\u0000${event.name}`;
      const entry = counts.get(key) ?? {
        source: event.source,
        name: event.name,
        count: 0,
        lastSeenAt: event.timestamp,
      };
      entry.count += 1;
      if (event.timestamp > entry.lastSeenAt) entry.lastSeenAt = event.timestamp;
      counts.set(key, entry);
    }
    await this.eventCatalog.record(workspaceId, [...counts.values()]);
    await this.recountAfterCrash(workspaceId, events, new Set(inserted));
  }

  /**
   * Events already stored when their entries are applied again means an apply was cut
   * short (a crash) after the events were inserted, and maybe before the catalog counted
   * them: the counts of those names are counted again from the events (rare: only entries
   * the sweep finds unapplied). One drain loop per process applies chunks one at a time.
   */
  private async recountAfterCrash(
    workspaceId: string,
    events: StoredEvent[],
    inserted: Set<number>,
  ): Promise<void> {
    const names = new Map<
      string,
      { source: StoredEvent['source']; name: string; lastSeenAt: Date }
    >();
    events.forEach((event, index) => {
      if (inserted.has(index)) return;
      const key = `${event.source}\u0000${event.name}`;
      const known = names.get(key);
      if (!known || event.timestamp > known.lastSeenAt) {
        names.set(key, { source: event.source, name: event.name, lastSeenAt: event.timestamp });
      }
    });
    for (const { source, name, lastSeenAt } of names.values()) {
      const count = await this.events.countByName(workspaceId, source, name);
      await this.eventCatalog.setCount(workspaceId, { source, name, count, lastSeenAt });
      this.logger.warn({ workspaceId, source, name, count }, 'Event count recounted after a crash');
    }
  }

  /** Every message as activity per user, identify traits normalised to their catalog types. */
  private async activityByUser(
    workspaceId: string,
    parsed: Parsed[],
    rejectedValues: Omit<RejectedValue, 'workspaceId'>[],
  ): Promise<Map<string, ActivityMessage[]>> {
    const byUser = new Map<string, ActivityMessage[]>();
    for (const { message, timestamp, source } of parsed) {
      const activity: ActivityMessage = { messageId: message.messageId, timestamp, source };
      if (message.type === 'identify') {
        const { name, email, ...rest } = message.traits;
        if (name !== undefined) activity.name = name === null ? null : String(name);
        if (email !== undefined) activity.email = email === null ? null : String(email);
        const normalized = await this.attributeTypes.normalize(
          workspaceId,
          source,
          flattenTraits(rest),
        );
        activity.traits = [];
        for (const item of normalized) {
          if (item.ok) activity.traits.push({ path: item.path, value: item.value });
          else {
            rejectedValues.push({
              userId: message.userId,
              source,
              key: item.path,
              expectedType: item.expectedType,
              value: JSON.stringify(item.raw),
              reason: item.reason,
              messageId: message.messageId,
              at: new Date(),
            });
          }
        }
        await this.attributeTypes.addSamples(workspaceId, source, activity.traits);
      }
      byUser.set(message.userId, [...(byUser.get(message.userId) ?? []), activity]);
    }
    return byUser;
  }

  /**
   * Vendor records kept for users this chunk created (Customer.io by id) or gave an
   * email (by email, lowercased): their attributes applied now, without waiting for a
   * sync (in the users' lanes already), then forgotten.
   */
  private async applyKeptRecords(
    workspaceId: string,
    identified: Identified,
    changed: Map<string, Set<UserUpdatedEvent['changes'][number]>>,
  ): Promise<void> {
    // Noted first: a sync page writing now matches these users, or this sees what it kept.
    for (const userId of identified.created) {
      await this.identities.noteUser(workspaceId, userId, identified.emails.get(userId));
    }
    for (const [userId, email] of identified.emails) {
      if (!identified.created.has(userId))
        await this.identities.noteUser(workspaceId, userId, email);
    }
    if (identified.created.size === 0 && identified.emails.size === 0) return;
    if (!(await this.presence.any(workspaceId))) return;
    const byEmail = new Map<string, string[]>();
    for (const [userId, email] of identified.emails) {
      const key = email.trim().toLowerCase();
      byEmail.set(key, [...(byEmail.get(key) ?? []), userId]);
    }
    const records = await this.kept.matching(workspaceId, {
      userIds: [...identified.created],
      emails: [...byEmail.keys()],
    });
    if (records.length === 0) return;
    // Per provider and user: a record matched by user id wins over one matched by email.
    const chosen = new Map<string, { record: KeptRecordDocument; byId: boolean }>();
    for (const record of records) {
      const users: Array<[string, boolean]> = [];
      if (record.userId && identified.created.has(record.userId)) users.push([record.userId, true]);
      for (const userId of record.email ? (byEmail.get(record.email) ?? []) : []) {
        users.push([userId, false]);
      }
      for (const [userId, byId] of users) {
        const key = `${record.provider}\u0000${userId}`;
        const current = chosen.get(key);
        if (!current || (byId && !current.byId)) chosen.set(key, { record, byId });
      }
    }
    const byProvider = new Map<KeptRecordDocument['provider'], Map<string, AttributeObject>>();
    for (const [key, { record }] of chosen) {
      const userId = key.slice(key.indexOf('\u0000') + 1);
      const updates = byProvider.get(record.provider) ?? new Map<string, AttributeObject>();
      updates.set(userId, record.attributes);
      byProvider.set(record.provider, updates);
    }
    for (const [provider, updates] of byProvider) {
      await this.sourceWriter.setSourceAttributes(
        workspaceId,
        provider,
        [...updates].map(([userId, attributes]) => ({ userId, attributes })),
        (users, write) => this.lanes.run(workspaceId, users, write),
      );
      this.freshness.noteWritten(
        workspaceId,
        [...updates.values()].flatMap((attributes) => writtenAttributes(provider, attributes)),
      );
      for (const userId of updates.keys()) {
        await this.identities.forgetFingerprint(workspaceId, provider, userId);
        const changes = changed.get(userId) ?? new Set();
        changes.add('attributes');
        changed.set(userId, changes);
      }
    }
    const applied = [...new Set([...chosen.values()].map(({ record }) => record._id))];
    await this.kept.forget(workspaceId, applied);
    this.presence.changed(workspaceId);
    this.logger.debug({ workspaceId, count: applied.length }, 'Kept vendor records applied');
  }

  /** Folds each user's messages into the profile; guarded writes retry on a concurrent change. */
  private async applyProfiles(
    workspaceId: string,
    byUser: Map<string, ActivityMessage[]>,
    rejectedValues: Omit<RejectedValue, 'workspaceId'>[],
    identified: Identified,
  ): Promise<Map<string, Set<UserUpdatedEvent['changes'][number]>>> {
    const changed = new Map<string, Set<UserUpdatedEvent['changes'][number]>>();
    const existing = new Map(
      (await this.profiles.findByUserIds(workspaceId, [...byUser.keys()])).map((profile) => [
        profile.userId,
        profile,
      ]),
    );
    const created: ProfileDocument[] = [];
    const record = (userId: string, result: ReturnType<typeof foldMessages>) => {
      for (const conflict of result.conflicts) {
        rejectedValues.push({
          userId,
          source: conflict.source,
          key: conflict.path,
          expectedType: 'object',
          value: JSON.stringify(conflict.value),
          reason: 'conflicts with the shape of an existing attribute',
          messageId: conflict.messageId,
          at: new Date(),
        });
      }
      if (result.changes.length > 0) changed.set(userId, new Set(result.changes));
      const email = result.set['email'];
      if (typeof email === 'string' && email !== '') identified.emails.set(userId, email);
    };
    const retry: string[] = [];
    const updates: Array<() => Promise<void>> = [];
    for (const [userId, messages] of byUser) {
      const current = existing.get(userId) ?? null;
      const result = foldMessages(workspaceId, userId, current, messages);
      if (!current) {
        created.push(result.profile);
        record(userId, result);
        if (typeof result.profile.email === 'string' && result.profile.email !== '') {
          identified.emails.set(userId, result.profile.email);
        }
      } else if (result.changes.length > 0 || result.conflicts.length > 0) {
        updates.push(async () => {
          const written = await this.lanes.run(workspaceId, [userId], () =>
            this.profiles.setGuarded(workspaceId, userId, current, result.set),
          );
          if (written) record(userId, result);
          else retry.push(userId);
        });
      }
    }
    // One user per write, different users in parallel (each write is guarded on its own).
    await mapConcurrently(updates, PROFILE_WRITE_CONCURRENCY, (update) => update());
    const taken = await this.profiles.insertNew(workspaceId, created);
    for (const profile of created) {
      if (!taken.has(profile.userId)) identified.created.add(profile.userId);
    }
    retry.push(...taken);
    for (const userId of retry) {
      record(userId, await this.applyWithRetries(workspaceId, userId, byUser.get(userId) ?? []));
    }
    return changed;
  }

  private async applyWithRetries(
    workspaceId: string,
    userId: string,
    messages: ActivityMessage[],
  ): Promise<ReturnType<typeof foldMessages>> {
    for (let attempt = 0; attempt < MAX_GUARD_RETRIES; attempt += 1) {
      const current = await this.profiles.findByUserId(workspaceId, userId);
      const result = foldMessages(workspaceId, userId, current, messages);
      if (!current) {
        if ((await this.profiles.insertNew(workspaceId, [result.profile])).size === 0)
          return result;
      } else if (
        await this.lanes.run(workspaceId, [userId], () =>
          this.profiles.setGuarded(workspaceId, userId, current, result.set),
        )
      ) {
        return result;
      }
    }
    throw new Error(`Profile ${userId} kept changing; left for the inbox sweep`);
  }

  private async keepRejected(
    workspaceId: string,
    values: Omit<RejectedValue, 'workspaceId'>[],
  ): Promise<void> {
    if (values.length === 0) return;
    await this.rejected.insertAll(workspaceId, values);
    const counts = new Map<string, { source: CustomSource; key: string; count: number }>();
    for (const value of values) {
      const id = `${value.source}\u0000${value.key}`;
      const entry = counts.get(id) ?? { source: value.source, key: value.key, count: 0 };
      entry.count += 1;
      counts.set(id, entry);
    }
    for (const { source, key, count } of counts.values()) {
      await this.attributeCatalog.countRejected(workspaceId, { source, key }, count);
    }
  }
}
