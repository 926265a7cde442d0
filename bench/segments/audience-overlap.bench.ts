/**
 * Audience overlap benchmark (issue 18 item 7): what the segments service does for
 * `POST /v1/experiences/audience-overlap` over a generated `segment_memberships` collection
 * (the schema's own indexes): the cold answer (`MembershipSnapshots`: one `$match` on
 * `{ workspaceId }` + `$group` by each user's whole set of segments, in the database), then
 * warm answers (the snapshot summed in memory, `overlapCounts`) for several selections, and
 * the same figures computed from every row read (brute force): they must agree.
 *
 *   MONGODB_URI=mongodb://127.0.0.1:27117/ SWC_NODE_PROJECT=tsconfig.base.json \
 *     npx node -r @swc-node/register bench/segments/audience-overlap.bench.ts
 *
 * Env: BENCH_USERS (100000), BENCH_SEGMENTS (20), BENCH_SHAPE (`personas`: each user has one
 * of 40 typical sets of segments, plus noise; `independent`: each segment drawn on its own,
 * nearly one set per user, the worst case), BENCH_RUNS (3), MONGODB_URI (required),
 * BENCH_DB (default `bench_audience_overlap`; the rows are regenerated when their number or
 * shape differs).
 */
import mongoose, { type Model } from 'mongoose';
import { MembershipCombinations } from '../../apps/segments/src/read-model/membership-combinations';
import { overlapCounts } from '../../apps/segments/src/membership/usecases/audience-overlap/overlap-counts';
import { MembershipSnapshots } from '../../apps/segments/src/read-model/membership-snapshots';
import {
  type MembershipDocument,
  MembershipSchema,
} from '../../apps/segments/src/read-model/read-model.schemas';
import type { OverlapAudience } from '../../libs/shared/contracts/src';

const USERS = Number(process.env['BENCH_USERS'] ?? 100_000);
const SEGMENTS = Number(process.env['BENCH_SEGMENTS'] ?? 20);
const SHAPE = process.env['BENCH_SHAPE'] ?? 'personas';
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const WS = 'ws_benchoverlap01';

function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const segmentIds = Array.from(
  { length: SEGMENTS },
  (_, i) => `seg_bench${String(i).padStart(4, '0')}`,
);

function setsOf(): string[][] {
  const next = random(7);
  // Segment i's share of users when drawn on its own: 40% down to ~2%.
  const share = (i: number) => 0.4 / (1 + i);
  if (SHAPE === 'independent') {
    return Array.from({ length: USERS }, () => segmentIds.filter((_, i) => next() < share(i)));
  }
  const personas = Array.from({ length: 40 }, () => segmentIds.filter((_, i) => next() < share(i)));
  return Array.from({ length: USERS }, () => {
    const base = personas[Math.floor(next() * personas.length)];
    // One segment in ten users differs from the persona.
    if (next() >= 0.1) return base;
    const flip = segmentIds[Math.floor(next() * SEGMENTS)];
    return (base.includes(flip) ? base.filter((id) => id !== flip) : [...base, flip]).sort();
  });
}

async function seed(model: Model<MembershipDocument>): Promise<void> {
  const marker = `${USERS}:${SEGMENTS}:${SHAPE}`;
  const meta = mongoose.connection.db!.collection<{ _id: string; marker: string }>('bench_meta');
  if ((await meta.findOne({ _id: 'rows' }))?.marker === marker) return;
  await model.deleteMany({});
  await model.syncIndexes();
  const sets = setsOf();
  const startedAt = Date.now();
  for (let i = 0; i < USERS; i += 1_000) {
    await model.insertMany(
      sets.slice(i, i + 1_000).map((set, j) => {
        const userId = `user-${String(i + j).padStart(7, '0')}`;
        return {
          _id: `${WS}:${userId}`,
          workspaceId: WS,
          userId,
          segmentIds: set,
          nextChangeAt: null,
          evaluatedAt: new Date(),
          dataAt: null,
        };
      }),
      { ordered: false },
    );
  }
  await meta.replaceOne({ _id: 'rows' }, { marker }, { upsert: true });
  console.log(`seeded ${USERS} rows (${SHAPE}) in ${Date.now() - startedAt} ms`);
}

async function main(): Promise<void> {
  const uri = process.env['MONGODB_URI'];
  if (!uri) throw new Error('MONGODB_URI is required');
  await mongoose.connect(uri, { dbName: process.env['BENCH_DB'] ?? 'bench_audience_overlap' });
  const model = mongoose.model<MembershipDocument>('SegmentMembership', MembershipSchema);
  await seed(model);
  const combinations = new MembershipCombinations(model);
  // The experience being edited: a large, a middling and a small segment; 10 other published
  // experiences of 1–3 segments each, one of them to All users.
  const selected = [segmentIds[0], segmentIds[3], segmentIds[12]];
  const others = Array.from({ length: 10 }, (_, i) => ({
    key: `exp_${i}`,
    audience: (i === 0
      ? { mode: 'all' }
      : { mode: 'segments', segmentIds: segmentIds.slice(i, i + 1 + (i % 3)) }) as OverlapAudience,
  }));
  const audiences: OverlapAudience[] = [
    { mode: 'segments', segmentIds: selected },
    { mode: 'segments', segmentIds: [segmentIds[5]] },
    { mode: 'all' },
  ];

  const cold: number[] = [];
  let snapshot: Awaited<ReturnType<MembershipSnapshots['get']>> | undefined;
  for (let run = 0; run < RUNS; run++) {
    const startedAt = Date.now();
    snapshot = await new MembershipSnapshots(combinations).get(WS, 'bench');
    cold.push(Date.now() - startedAt);
  }
  const rows = await model.find({ workspaceId: WS }, { segmentIds: 1 }).lean().exec();
  for (const audience of audiences) {
    const startedAt = process.hrtime.bigint();
    const counts = overlapCounts(audience, snapshot!.combinations, others);
    const warmMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
    // Brute force: every row of the workspace, user by user.
    const brute = overlapCounts(
      audience,
      rows.map((row) => ({ segmentIds: row.segmentIds, users: 1 })),
      others,
    );
    const agree = JSON.stringify(brute) === JSON.stringify(counts);
    console.log(
      JSON.stringify({
        audience: audience.mode === 'all' ? 'all' : `${audience.segmentIds.length} segments`,
        shape: SHAPE,
        users: USERS,
        total: counts.total,
        members: counts.segments.map((s) => s.members),
        setsInSnapshot: snapshot!.combinations.length,
        coldMs: cold,
        warmMs: Number(warmMs.toFixed(2)),
        agreesWithBruteForce: agree,
      }),
    );
    if (!agree) process.exitCode = 1;
  }
  await mongoose.disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
