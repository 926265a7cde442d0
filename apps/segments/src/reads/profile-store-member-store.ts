import { Injectable, Optional } from '@nestjs/common';
import {
  AttributeCatalogRepository,
  AttributeCoverageRepository,
  AttributeWriteRepository,
  EventRepository,
  ProfileRepository,
  SampleBucketBackfill,
} from '@seg/profile-store';
import type {
  CatalogEntry,
  Doc,
  EventDocument,
  EventSource,
  Pipeline,
  ProfileDocument,
  SegmentDataSource,
} from '@seg/segment-engine';
import type { PipelineStage } from 'mongoose';
import { type CatalogSample, EventKey, MemberStore, MemberSummary } from './member-store';

/** MemberStore over the profile store's repositories (read-only; every query workspace-scoped). */
@Injectable()
export class ProfileStoreMemberStore extends MemberStore {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly events: EventRepository,
    private readonly attributes: AttributeCatalogRepository,
    private readonly backfill: SampleBucketBackfill,
    // The users service's coverage counts and last writes (the lint's freshness); benches
    // that build this store by hand go without.
    @Optional() private readonly coverage?: AttributeCoverageRepository,
    @Optional() private readonly writes?: AttributeWriteRepository,
  ) {
    super();
  }

  /** Once true it stays true (the backfill is recorded once, and new documents get a bucket). */
  private ready = false;

  dataSource(workspaceId: string): SegmentDataSource {
    // The engine's pipelines are plain objects of the MongoDB/FerretDB subset.
    const stages = (pipeline: Pipeline) => pipeline as unknown as PipelineStage[];
    return {
      aggregateProfiles: (pipeline) => this.profiles.aggregate<Doc>(workspaceId, stages(pipeline)),
      aggregateEvents: (pipeline) => this.events.aggregate<Doc>(workspaceId, stages(pipeline)),
    };
  }

  findProfile(workspaceId: string, userId: string): Promise<ProfileDocument | null> {
    return this.profiles.findByUserId(workspaceId, userId);
  }

  async findUserEvents(
    workspaceId: string,
    userId: string,
    keys: readonly EventKey[],
  ): Promise<EventDocument[]> {
    if (keys.length === 0) return [];
    // Event sources are validated on write; the engine's specs carry them as strings.
    const pairs = keys.map((key) => ({ source: key.source as EventSource, name: key.name }));
    const byName = pairs.length === 1 ? pairs[0] : { $or: pairs };
    return this.events.find(workspaceId, { userId, ...byName });
  }

  async profilesAfter(
    workspaceId: string,
    afterUserId: string | null,
    limit: number,
  ): Promise<ProfileDocument[]> {
    // workspaceId (first $match, added by the repository) is the pushed-down equality; the
    // range and the sort run on that workspace's profiles (FerretDB pushes no range or sort).
    const match = afterUserId === null ? {} : { userId: { $gt: afterUserId } };
    return this.profiles.aggregate<ProfileDocument>(workspaceId, [
      { $match: match },
      { $sort: { userId: 1 } },
      { $limit: limit },
    ]);
  }

  async profilesOf(workspaceId: string, userIds: readonly string[]): Promise<ProfileDocument[]> {
    // By `_id` (which embeds the workspace): served by the primary key on every backend.
    return this.profiles.findByUserIds(workspaceId, [...userIds]);
  }

  async eventsOfUsers(
    workspaceId: string,
    userIds: readonly string[],
    keys: readonly EventKey[],
  ): Promise<EventDocument[]> {
    if (keys.length === 0 || userIds.length === 0) return [];
    const users = userIds.length === 1 ? userIds[0] : { $in: [...userIds] };
    // One query per (source, name): each is a pushed-down equality on FerretDB.
    const perKey = await Promise.all(
      keys.map((key) =>
        this.events.find(workspaceId, {
          source: key.source as EventSource,
          name: key.name,
          userId: users,
        } as never),
      ),
    );
    return perKey.flat();
  }

  async summaries(workspaceId: string, userIds: readonly string[]): Promise<MemberSummary[]> {
    const found = await this.profiles.findByUserIds(workspaceId, [...userIds]);
    return found.map((profile) => ({
      userId: profile.userId,
      name: profile.name ?? null,
      email: profile.email ?? null,
      lastActivityAt: profile.lastActivityAt ?? null,
    }));
  }

  countUsersUpTo(workspaceId: string, max: number): Promise<number> {
    return this.profiles.countUpTo(workspaceId, max + 1);
  }

  async bucketsReady(): Promise<boolean> {
    this.ready ||= await this.backfill.isDone();
    return this.ready;
  }

  async catalog(workspaceId: string): Promise<CatalogEntry[]> {
    return (await this.attributes.listAll(workspaceId)).map(({ source, key, type }) => ({
      source,
      key,
      type,
    }));
  }

  async catalogSamples(workspaceId: string): Promise<CatalogSample[]> {
    const [entries, snapshot, writes] = await Promise.all([
      this.attributes.listAll(workspaceId),
      this.coverage?.get(workspaceId) ?? null,
      this.writes?.listAll(workspaceId) ?? [],
    ]);
    const id = (source: string | null, key: string) => `${source ?? 'native'}/${key}`;
    const counted = new Map(
      (snapshot?.attributes ?? []).map((entry) => [id(entry.source, entry.key), entry.users]),
    );
    const written = new Map(writes.map((entry) => [id(entry.source, entry.key), entry]));
    return entries.map(({ source, key, type, sampleValues }) => {
      const users = counted.get(id(source, key));
      const last = written.get(id(source, key))?.lastWrittenAt;
      return {
        source,
        key,
        type,
        sampleValues,
        ...(users !== undefined && snapshot && snapshot.users > 0
          ? { coverage: users / snapshot.users }
          : {}),
        // Attributes written before writes were recorded have none: unknown, not "never".
        ...(last ? { lastWrittenAt: new Date(last) } : {}),
      };
    });
  }
}
