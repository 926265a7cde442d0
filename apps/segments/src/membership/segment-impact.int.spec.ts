import { getConnectionToken } from '@nestjs/mongoose';
import {
  ProfileRepository,
  SAMPLE_BUCKETS,
  SampleBucketBackfill,
  sampleBucket,
} from '@seg/profile-store';
import { compileSegment, type ProfileDocument, type SegmentRules } from '@seg/segment-engine';
import { deleteBusTopology, dropDatabase, startTestApp, testConfig } from '@seg/testing';
import type { Connection } from 'mongoose';
import { AppModule } from '../app.module';
import { type SegmentsConfig, segmentsEnvSchema } from '../config';
import { ReadModelRepository } from '../read-model/read-model.repository';
import { MEMBERSHIP_MODEL, type MembershipDocument } from '../read-model/read-model.schemas';
import { MemberStore } from '../reads/member-store';
import { type ImpactQuestion, SegmentImpact } from './segment-impact';

// Edit impact the sliced way against the real FerretDB: the segments service booted with a
// 1 ms budget (one sample bucket scanned) over a workspace whose every bucket holds the same
// 10 users by position, so the estimate from any bucket is the truth. Per bucket: users 0–3
// are members now (read-model rows, written by hand as check-membership.int.spec does), users
// 0 and 4 are in the audience's other segment, the draft takes sessions 2–6 (users 2–6). So
// per bucket 3 join (4, 5, 6), 2 leave (0, 1); the reach of the segment alone goes 4 → 5, of
// the segment with the other one {0–4} → {0, 2–6}: 5 → 6. The same service with no budget
// to speak of must answer the same figures exactly.
jest.setTimeout(120_000);

const WS = 'ws_impactsliced01';
const PER_BUCKET = 10;
const SAVED = 'seg_impactsaved01';
const OTHER = 'seg_impactother01';
const DRAFT: SegmentRules = {
  type: 'group',
  operator: 'and',
  conditions: [{ type: 'attribute', attribute: 'sessions', operator: 'between', value: [2, 6] }],
};

function usersByBucket(): string[][] {
  const buckets: string[][] = Array.from({ length: SAMPLE_BUCKETS }, () => []);
  for (let i = 0, filled = 0; filled < SAMPLE_BUCKETS; i++) {
    const userId = `imp-${String(i).padStart(5, '0')}`;
    const bucket = buckets[sampleBucket(WS, userId)]!;
    if (bucket.length === PER_BUCKET) continue;
    bucket.push(userId);
    if (bucket.length === PER_BUCKET) filled += 1;
  }
  return buckets;
}

describe('edit impact, sliced (sample buckets, time budget), on FerretDB', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>['app'];
  let config: SegmentsConfig;

  beforeAll(async () => {
    config = segmentsEnvSchema.parse({
      ...testConfig({}),
      PREVIEW_BUDGET_MS: '1',
      PREVIEW_EXACT_MAX_USERS: '100',
    });
    ({ app } = await startTestApp({
      service: 'segments',
      config,
      module: AppModule.register(config),
      consumeBus: false,
    }));
    const connection = app.get<Connection>(getConnectionToken());
    const now = Date.now();
    const profiles: ProfileDocument[] = [];
    const rows: MembershipDocument[] = [];
    for (const ids of usersByBucket()) {
      ids.forEach((userId, i) => {
        profiles.push({
          workspaceId: WS,
          userId,
          createdAt: new Date(now - 86_400_000),
          lastActivityAt: new Date(now - 3_600_000),
          sessions: i,
          tags: [],
          custom: {},
          experiences: { seen: [], completed: [], answers: [] },
        });
        const segmentIds = [...(i < 4 ? [SAVED] : []), ...(i === 0 || i === 4 ? [OTHER] : [])];
        if (segmentIds.length) {
          rows.push({
            _id: `${WS}:${userId}`,
            workspaceId: WS,
            userId,
            segmentIds,
            nextChangeAt: null,
            evaluatedAt: new Date(now),
            dataAt: null,
          });
        }
      });
    }
    await new ProfileRepository(connection.model('Profile') as never).insertNew(WS, profiles);
    await new SampleBucketBackfill(connection).run();
    await connection.model(MEMBERSHIP_MODEL).insertMany(rows);
  });

  afterAll(async () => {
    await app?.close();
    if (config) {
      await deleteBusTopology(config, ['segments']);
      await dropDatabase(config);
    }
  });

  const question = (): ImpactQuestion => {
    const anything = compileSegment({ type: 'group', operator: 'and', conditions: [] }, {});
    return {
      workspaceId: WS,
      segmentId: SAVED,
      draft: compileSegment(DRAFT, {}),
      // Both ready: their members are the rows above (their rules are not evaluated).
      segments: new Map([
        [SAVED, { compiled: anything, ready: true }],
        [OTHER, { compiled: anything, ready: true }],
      ]),
      audiences: [[SAVED], [OTHER, SAVED]],
      started: performance.now(),
    };
  };
  const expected = {
    join: 3 * SAMPLE_BUCKETS,
    leave: 2 * SAMPLE_BUCKETS,
    reach: [
      { before: 4 * SAMPLE_BUCKETS, after: 5 * SAMPLE_BUCKETS },
      { before: 5 * SAMPLE_BUCKETS, after: 6 * SAMPLE_BUCKETS },
    ],
  };

  it('with a 1 ms budget scans a share of the buckets and scales it to the truth', async () => {
    const answer = await app.get(SegmentImpact).answer(question());
    expect(answer.share).toBeGreaterThan(0);
    expect(answer.share).toBeLessThan(1);
    expect({ join: answer.join.count, leave: answer.leave.count, reach: answer.reach }).toEqual(
      expected,
    );
    // Samples are users of the buckets scanned: joiners are positions 4–6, leavers 0–1.
    const position = new Map(usersByBucket().flatMap((ids) => ids.map((id, i) => [id, i])));
    expect(answer.join.sample.length).toBeGreaterThan(0);
    for (const id of answer.join.sample) expect([4, 5, 6]).toContain(position.get(id));
    for (const id of answer.leave.sample) expect([0, 1]).toContain(position.get(id));
  });

  it('with no budget to speak of answers the same figures exactly', async () => {
    const exact = new SegmentImpact(
      { ...config, PREVIEW_BUDGET_MS: 60_000 },
      app.get(ReadModelRepository),
      app.get(MemberStore),
    );
    const answer = await exact.answer(question());
    expect(answer.share).toBe(1);
    expect({ join: answer.join.count, leave: answer.leave.count, reach: answer.reach }).toEqual(
      expected,
    );
    expect(answer.join.sample).toHaveLength(10);
  });
});
