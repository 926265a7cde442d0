import fc from 'fast-check';
import { compileSegment } from './compile-segment';
import { evaluate } from '../evaluate/evaluate';
import { explain } from '../explain/explain';
import { buildPlan } from '../plan/build-plan';
import { countMembers, listAllMembers } from '../plan/execute';
import { compareUserIds } from '../plan/order';
import type { SegmentRules } from '../rules/types';
import { validateSegmentRules } from '../validation/validate';
import { type Db, MongoClient } from 'mongodb';
import { freshDbName, mongoUri, sourceFor } from '../testing/test-db.test-helper';
import {
  eventArb,
  P_CATALOG,
  P_NOW,
  P_WS,
  profileArb,
  REFERENCE_IDS,
  rulesArb,
} from '../testing/arbitraries.test-helper';

const RUNS = Number(process.env.ENGINE_PROPERTY_RUNS ?? 60);
const SEED = Number(process.env.ENGINE_PROPERTY_SEED ?? 20261129);
const RULES_PER_DATASET = 5;

const datasetArb = fc.integer({ min: 1, max: 12 }).chain((n) => {
  const ids = Array.from(
    { length: n },
    (_, i) => `u${String(i).padStart(2, '0')}${i % 3 === 0 ? 'é' : ''}`,
  );
  return fc.record({
    profiles: fc.tuple(...ids.map(profileArb)),
    events: fc
      .tuple(...ids.map((id) => fc.array(eventArb(id), { maxLength: 6 })))
      .map((lists) => lists.flat()),
  });
});

const caseArb = fc.record({
  data: datasetArb,
  references: fc.tuple(rulesArb(false), rulesArb(false)),
  rules: fc.array(rulesArb(true), { minLength: RULES_PER_DATASET, maxLength: RULES_PER_DATASET }),
});

describe('differential: compiled plan on FerretDB ≡ one-user evaluator', () => {
  let client: MongoClient;
  let t: { db: Db; source: ReturnType<typeof sourceFor> };
  beforeAll(async () => {
    client = await MongoClient.connect(mongoUri());
    const db = client.db(freshDbName('engine_prop'));
    t = { db, source: sourceFor(db) };
  });
  afterAll(async () => {
    await t?.db.dropDatabase();
    await client?.close();
  });

  it(`agrees on random profiles, events and rules (${RUNS} datasets × ${RULES_PER_DATASET} rules, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ data, references, rules }) => {
        const profiles = t.db.collection('profiles');
        const events = t.db.collection('events');
        await profiles.deleteMany({});
        await events.deleteMany({});
        await profiles.insertMany(data.profiles.map((p) => ({ ...p })));
        // A profile of another workspace with the same userId must never leak in.
        await profiles.insertOne({ ...data.profiles[0], workspaceId: 'other' });
        if (data.events.length) await events.insertMany(data.events.map((e) => ({ ...e })));

        const segments: Record<string, SegmentRules> = {};
        REFERENCE_IDS.forEach((id, i) => (segments[id] = references[i]));
        for (const r of rules) {
          const valid = validateSegmentRules(r, {
            catalog: P_CATALOG,
            segmentExists: (id) => id in segments,
          });
          if (!valid.ok)
            throw new Error(`generator made invalid rules: ${JSON.stringify(valid.errors)}`);
          const compiled = compileSegment(r, {
            catalog: P_CATALOG,
            resolveSegment: (id) => segments[id],
          });
          const expected = data.profiles
            .filter((profile) => {
              const input = {
                profile,
                events: data.events.filter((e) => e.userId === profile.userId),
                now: P_NOW,
              };
              const result = evaluate(compiled, input);
              expect(explain(compiled, input).result).toBe(result);
              return result;
            })
            .map((p) => p.userId)
            .sort(compareUserIds);
          const plan = buildPlan(compiled, { workspaceId: P_WS, now: P_NOW });
          const listed = await listAllMembers(plan, t.source, { pageSize: 3, chunkSize: 4 });
          if (JSON.stringify(listed) !== JSON.stringify(expected)) {
            throw new Error(
              `mismatch for ${JSON.stringify(r)}\nbatch: ${listed}\none-user: ${expected}`,
            );
          }
          expect(await countMembers(plan, t.source, { chunkSize: 4 })).toBe(expected.length);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 600_000);
});
