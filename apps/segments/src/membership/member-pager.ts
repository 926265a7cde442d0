import { Injectable } from '@nestjs/common';
import type { SegmentMemberView } from '@seg/contracts';
import {
  buildPlan,
  type CompiledSegment,
  countMembers,
  type Doc,
  listMembers,
  type SegmentDataSource,
} from '@seg/segment-engine';
import { decodeCursor, encodeCursor } from '@seg/platform';
import { z } from 'zod';
import { MemberStore } from '../reads/member-store';

/**
 * Users per `$in` chunk. Fewer, larger commands suit FerretDB (each command scans); 20 000
 * userIds of ≤ 256 characters (≈ 5 MB) stay below MongoDB's 16 MB command limit.
 */
export const CHUNK_SIZE = 20_000;

/** Members are ordered by userId; the cursor is the last userId of the previous page. */
export const memberCursor = z.object({ u: z.string().min(1).max(256) });

export interface MemberPageResult {
  users: SegmentMemberView[];
  nextCursor: string | null;
}

/** Runs a compiled segment as aggregation pipelines (the batch way): pages of members, counts. */
@Injectable()
export class MemberPager {
  constructor(private readonly store: MemberStore) {}

  /** Count and one page at the same instant, each event query run once for both. */
  async preview(
    workspaceId: string,
    compiled: CompiledSegment,
    limit: number,
    cursor: string | undefined,
    now = new Date(),
  ): Promise<MemberPageResult & { count: number }> {
    const source = sharingEventQueries(this.store.dataSource(workspaceId));
    const [count, page] = await Promise.all([
      this.count(workspaceId, compiled, now, source),
      this.page(workspaceId, compiled, limit, cursor, now, source),
    ]);
    return { count, ...page };
  }

  async page(
    workspaceId: string,
    compiled: CompiledSegment,
    limit: number,
    cursor: string | undefined,
    now = new Date(),
    source: SegmentDataSource = this.store.dataSource(workspaceId),
  ): Promise<MemberPageResult> {
    const after = decodeCursor(cursor, memberCursor)?.u ?? null;
    const plan = buildPlan(compiled, { workspaceId, now });
    // One more than asked: a full page is the last one when nothing follows it.
    const found = await listMembers(plan, source, {
      limit: limit + 1,
      after,
      chunkSize: CHUNK_SIZE,
    });
    const ids = found.userIds.slice(0, limit);
    const users = await this.views(workspaceId, ids);
    const last = ids[ids.length - 1];
    return {
      users,
      nextCursor: found.userIds.length > limit && last ? encodeCursor({ u: last }) : null,
    };
  }

  /** These members as listed (name, email, last activity), in the order given. */
  async views(workspaceId: string, ids: readonly string[]): Promise<SegmentMemberView[]> {
    const summaries = new Map(
      (await this.store.summaries(workspaceId, ids)).map((user) => [user.userId, user]),
    );
    return ids.map((userId): SegmentMemberView => {
      const user = summaries.get(userId);
      return {
        userId,
        name: user?.name ?? null,
        email: user?.email ?? null,
        lastActivityAt: user?.lastActivityAt ? user.lastActivityAt.toISOString() : null,
      };
    });
  }

  count(
    workspaceId: string,
    compiled: CompiledSegment,
    now = new Date(),
    source: SegmentDataSource = this.store.dataSource(workspaceId),
  ): Promise<number> {
    const plan = buildPlan(compiled, { workspaceId, now });
    return countMembers(plan, source, { chunkSize: CHUNK_SIZE });
  }
}

/** A data source whose identical event pipelines (same plan, same instant) run once. */
function sharingEventQueries(source: SegmentDataSource): SegmentDataSource {
  const results = new Map<string, Promise<Doc[]>>();
  return {
    aggregateProfiles: (pipeline) => source.aggregateProfiles(pipeline),
    aggregateEvents: (pipeline) => {
      const key = JSON.stringify(pipeline);
      let result = results.get(key);
      if (!result) {
        result = collect(source.aggregateEvents(pipeline));
        results.set(key, result);
      }
      return result;
    },
  };
}

async function collect(result: ReturnType<SegmentDataSource['aggregateEvents']>): Promise<Doc[]> {
  const resolved = await result;
  if (Array.isArray(resolved)) return resolved;
  const docs: Doc[] = [];
  for await (const doc of resolved as AsyncIterable<Doc>) docs.push(doc);
  return docs;
}
