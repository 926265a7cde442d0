import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import {
  EventRepository,
  ProfileRepository,
  SAMPLE_BUCKETS,
  SampleBucketBackfill,
  sampleBucket,
  type StoredEvent,
} from '@seg/profile-store';
import type { ProfileDocument, SegmentRules } from '@seg/segment-engine';
import { deleteBusTopology, dropDatabase, startTestApp, testConfig, waitFor } from '@seg/testing';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { AppModule } from '../app.module';
import { type SegmentsConfig, segmentsEnvSchema } from '../config';
import { CreateSegmentUseCase } from '../segments/usecases/create-segment/create-segment.usecase';
import { CountMembersUseCase } from './usecases/count-members/count-members.usecase';
import { GetPreviewCountUseCase } from './usecases/get-preview-count/get-preview-count.usecase';
import { PreviewSegmentUseCase } from './usecases/preview-segment/preview-segment.usecase';
import { MemberPager } from './member-pager';
import { CompiledSegments } from './compiled-segments';

// "Preview at any size" against the real FerretDB: the segments service booted twice on one
// database, with a 1 ms budget (so a preview stops after its first bucket) and with a budget
// no scan reaches. The workspace has 12 users in every sample bucket, 3 of them members
// (sessions ≥ 5 and an invitation event): every bucket holds the same share of members, so
// an estimate from any set of buckets is the truth and the interval must contain it whatever
// buckets a run scans (how often the interval holds on uneven data is the estimator's own
// spec, libs/shared/segment-engine/src/sample/sample.spec.ts).
jest.setTimeout(120_000);

const WS = 'ws_slicedpreview01';
const PER_BUCKET = 12;
const MEMBERS_PER_BUCKET = 3;
const TRUE_COUNT = SAMPLE_BUCKETS * MEMBERS_PER_BUCKET;
const RULES: SegmentRules = {
  type: 'group',
  operator: 'and',
  conditions: [
    { type: 'attribute', attribute: 'sessions', operator: 'greaterThanOrEqual', value: 5 },
    {
      type: 'event',
      source: 'jimo',
      name: 'Invited teammate',
      occurrence: { operator: 'atLeast', count: 1 },
      period: { type: 'last', amount: 30, unit: 'days' },
    },
  ],
};

/** userIds chosen so that each bucket gets exactly PER_BUCKET users. */
function usersByBucket(): string[][] {
  const buckets: string[][] = Array.from({ length: SAMPLE_BUCKETS }, () => []);
  for (let i = 0, filled = 0; filled < SAMPLE_BUCKETS; i++) {
    const userId = `user-${String(i).padStart(5, '0')}`;
    const bucket = buckets[sampleBucket(WS, userId)] as string[];
    if (bucket.length === PER_BUCKET) continue;
    bucket.push(userId);
    if (bucket.length === PER_BUCKET) filled += 1;
  }
  return buckets;
}

interface Booted {
  app: INestApplication;
  config: SegmentsConfig;
}

async function boot(overrides: Record<string, string>, database?: string): Promise<Booted> {
  const base = testConfig(database ? { MONGODB_DB: database } : {});
  const config = segmentsEnvSchema.parse({
    ...base,
    ...overrides,
    PREVIEW_EXACT_MAX_USERS: '100',
  });
  const { app } = await startTestApp({
    service: 'segments',
    config,
    module: AppModule.register(config),
    consumeBus: false,
  });
  return { app, config };
}

describe('sliced preview (sample buckets, time budget) on FerretDB', () => {
  let tiny: Booted;
  let large: Booted;
  let members: string[] = [];
  let segmentId = '';

  beforeAll(async () => {
    tiny = await boot({ PREVIEW_BUDGET_MS: '1' });
    large = await boot({ PREVIEW_BUDGET_MS: '60000' }, tiny.config.MONGODB_DB);
    const connection = tiny.app.get<Connection>(getConnectionToken());
    const profiles = new ProfileRepository(connection.model('Profile') as never);
    const events = new EventRepository(connection.model('Event') as never);
    const now = Date.now();
    const day = 24 * 60 * 60 * 1000;
    const seeded: ProfileDocument[] = [];
    const invitations: StoredEvent[] = [];
    for (const ids of usersByBucket()) {
      ids.forEach((userId, i) => {
        // i < 3: member; 3–5: sessions without the event; 6–8: the event, too few sessions.
        const active = i < 6;
        const invited = i < 3 || (i >= 6 && i < 9);
        if (i < MEMBERS_PER_BUCKET) members.push(userId);
        seeded.push({
          workspaceId: WS,
          userId,
          name: `Name ${userId}`,
          createdAt: new Date(now - 100 * day),
          lastActivityAt: new Date(now - day),
          sessions: active ? 10 : 1,
          tags: [],
          custom: {},
          experiences: { seen: [], completed: [], answers: [] },
        });
        if (invited) {
          invitations.push({
            _id: new Types.ObjectId(),
            workspaceId: WS,
            userId,
            source: 'jimo',
            name: 'Invited teammate',
            timestamp: new Date(now - 2 * day),
            properties: {},
          });
        }
      });
    }
    // Through the profile store's own inserts: they give each document its bucket.
    await profiles.insertNew(WS, seeded);
    await events.insertIdempotent(WS, invitations);
    // What the users service does at start-up (nothing to fill here): records that every
    // document has its bucket, which the preview waits for before slicing.
    await new SampleBucketBackfill(connection).run();
    members = members.sort();
    const created = await large.app
      .get(CreateSegmentUseCase)
      .execute({ workspaceId: WS, body: { name: 'Active inviters', rules: RULES } });
    segmentId = created.id;
  });

  afterAll(async () => {
    await tiny?.app.close();
    await large?.app.close();
    if (tiny) {
      await deleteBusTopology(tiny.config, ['segments']);
      await deleteBusTopology(large.config, ['segments']);
      await dropDatabase(tiny.config);
    }
  });

  const preview = (booted: Booted, body: Record<string, unknown>) =>
    booted.app.get(PreviewSegmentUseCase).execute({ workspaceId: WS, body });

  it('with a 1 ms budget answers an estimate whose interval holds the true count', async () => {
    const answer = await preview(tiny, { rules: RULES, limit: 50 });
    expect(answer.exact).toBe(false);
    expect(answer.scanned).toBeGreaterThan(0);
    expect(answer.scanned).toBeLessThan(1);
    const [low, high] = answer.interval ?? [NaN, NaN];
    expect(low).toBeLessThanOrEqual(TRUE_COUNT);
    expect(high).toBeGreaterThanOrEqual(TRUE_COUNT);
    expect(answer.count).toBe(TRUE_COUNT);
    // The users listed are members found, in (bucket, userId) order.
    expect(answer.users.length).toBeGreaterThan(0);
    for (const user of answer.users) expect(members).toContain(user.userId);
    expect(answer.users[0]).toEqual(
      expect.objectContaining({ name: `Name ${answer.users[0]?.userId}` }),
    );

    // The exact count finishes in the background, equal to the full computation.
    const countId = answer.countId as string;
    expect(countId).toMatch(/^cnt_[0-9a-f]{16}$/);
    const counts = tiny.app.get(GetPreviewCountUseCase);
    const done = await waitFor(
      async () => {
        const state = await counts.execute({ workspaceId: WS, countId });
        return state.status === 'done' ? state : undefined;
      },
      { timeoutMs: 60_000, what: `count ${countId} to finish` },
    );
    const compiled = await tiny.app.get(CompiledSegments).compileRules(WS, RULES, []);
    const full = await tiny.app.get(MemberPager).count(WS, compiled);
    expect(full).toBe(TRUE_COUNT);
    expect(done).toEqual({ status: 'done', scanned: 1, count: full, exact: true });
  });

  // 40: pages end where the budget ran out (a bucket's 3 members never fill one); 2: pages
  // fill up inside a bucket, so the cursor points into the middle of one.
  it.each([40, 2])(
    'pages (limit %i) to the end listing every member exactly once',
    async (limit) => {
      const listed: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await preview(tiny, { rules: RULES, limit, ...(cursor ? { cursor } : {}) });
        expect(page.users.length).toBeLessThanOrEqual(limit);
        listed.push(...page.users.map((user) => user.userId));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
        expect(pages).toBeLessThanOrEqual(TRUE_COUNT + SAMPLE_BUCKETS);
      } while (cursor);
      expect([...listed].sort()).toEqual(members);
      expect(new Set(listed).size).toBe(listed.length);
      // Stable order: by bucket, then userId.
      const order = listed.map((userId) => [sampleBucket(WS, userId), userId] as const);
      const sorted = [...order].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
      expect(order).toEqual(sorted);
    },
  );

  it('with a budget no scan reaches is exact and equals the saved segment count', async () => {
    const answer = await preview(large, { rules: RULES, limit: 1000 });
    const saved = await large.app.get(CountMembersUseCase).execute({ workspaceId: WS, segmentId });
    expect(answer).toMatchObject({ exact: true, scanned: 1, count: saved.count });
    expect(answer.countId).toBeUndefined();
    expect(saved.count).toBe(TRUE_COUNT);
    expect(answer.users.map((user) => user.userId).sort()).toEqual(members);
  });

  it('answers 404 for a count of another workspace or an unknown id', async () => {
    const answer = await preview(tiny, { rules: RULES, limit: 1 });
    const counts = tiny.app.get(GetPreviewCountUseCase);
    await expect(
      counts.execute({ workspaceId: 'ws_another0000001', countId: answer.countId as string }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(counts.execute({ workspaceId: WS, countId: 'cnt_nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
