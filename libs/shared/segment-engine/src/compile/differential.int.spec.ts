// Three-way differential test: for random datasets and rules, the compiled pipelines on the
// real FerretDB, the one-user evaluator and an independent reference evaluator (written from
// the spec alone, src/testing/reference/) must find the same members.
import fc from 'fast-check';
import { type Db, Double, MongoClient } from 'mongodb';
import { compileSegment } from './compile-segment';
import { evaluate } from '../evaluate/evaluate';
import { explain } from '../explain/explain';
import { buildPlan } from '../plan/build-plan';
import { allMembersOnce, countMembers, listAllMembers } from '../plan/execute';
import { compareUserIds } from '../plan/order';
import type { SegmentRules } from '../rules/types';
import { validateSegmentRules } from '../validation/validate';
import { freshDbName, mongoUri, sourceFor } from '../testing/test-db.test-helper';
import {
  differentialCaseArb,
  P_CATALOG,
  P_WS,
  REFERENCE_IDS,
  type Stored,
} from '../testing/arbitraries.test-helper';
import { referenceMembers } from '../testing/reference/reference-evaluator.test-helper';

const RUNS = Number(process.env.ENGINE_PROPERTY_RUNS ?? 60);
// A new seed every run (so runs explore), printed so that any failure can be replayed.
const SEED = process.env.ENGINE_PROPERTY_SEED
  ? Number(process.env.ENGINE_PROPERTY_SEED)
  : Math.floor(Math.random() * 2 ** 31);
const RULES_PER_CASE = 5;

/** The document as the database should store it: integers as BSON Double when asked. */
function toStored<T>({ document, integersAsDouble }: Stored<T>): T {
  const convert = (value: unknown): unknown => {
    if (typeof value === 'number' && Number.isInteger(value) && integersAsDouble)
      return new Double(value);
    if (Array.isArray(value) || value instanceof Date || value === null) return value;
    if (typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v)]));
    return value;
  };
  const stored = convert(document) as T;
  // Every stored profile and event carries its user's sample bucket, as the profile store
  // writes them (the engine only filters by it: any function of the user will do here).
  const owner = document as { userId?: unknown };
  return typeof owner.userId === 'string'
    ? { ...stored, sampleBucket: bucketOf(owner.userId) }
    : stored;
}

/** A test-only bucket of a user: 0–6 from its characters. */
function bucketOf(userId: string): number {
  let sum = 0;
  for (const char of userId) sum = (sum * 31 + (char.codePointAt(0) ?? 0)) % 7919;
  return sum % 7;
}

const sorted = (ids: string[]) => [...ids].sort();

describe('differential: pipelines on FerretDB ≡ one-user evaluator ≡ reference evaluator', () => {
  let client: MongoClient;
  let t: { db: Db; source: ReturnType<typeof sourceFor> };
  beforeAll(async () => {
    client = await MongoClient.connect(mongoUri());
    const db = client.db(freshDbName('engine_prop'));
    t = { db, source: sourceFor(db) };
    console.log(
      `differential: seed ${SEED}, ${RUNS} runs (replay: ENGINE_PROPERTY_SEED=${SEED} ENGINE_PROPERTY_RUNS=${RUNS})`,
    );
  });
  afterAll(async () => {
    await t?.db.dropDatabase();
    await client?.close();
  });

  it('stores a BSON Double apart from an Int32 of the same value', async () => {
    const numbers = t.db.collection('double_check');
    await numbers.insertMany([{ n: new Double(42) }, { n: 42 }]);
    expect(await numbers.countDocuments({ n: { $type: 'double' } })).toBe(1);
    expect(await numbers.countDocuments({ n: { $type: 'int' } })).toBe(1);
  });

  it(`agrees on random profiles, events and rules (${RUNS} datasets × ${RULES_PER_CASE} rules, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(differentialCaseArb(RULES_PER_CASE), async (testCase) => {
        const { now, data, references, rules } = testCase;
        const profiles = data.profiles.map((p) => p.document);
        const events = data.events.map((e) => e.document);
        await t.db.collection('profiles').deleteMany({});
        await t.db.collection('events').deleteMany({});
        await t.db
          .collection('profiles')
          .insertMany([...data.profiles, data.foreignTwin].map(toStored));
        if (events.length) await t.db.collection('events').insertMany(data.events.map(toStored));

        const segments: Record<string, SegmentRules> = {};
        REFERENCE_IDS.forEach((id, i) => (segments[id] = references[i]));
        for (const r of [...references, ...rules]) {
          const valid = validateSegmentRules(r, {
            catalog: P_CATALOG,
            segmentExists: (id) => id in segments,
          });
          if (!valid.ok)
            throw new Error(`generator made invalid rules: ${JSON.stringify(valid.errors)}`);
        }
        const world = {
          workspaceId: P_WS,
          now,
          catalog: P_CATALOG,
          segments,
          events: events,
        };
        const allProfiles = [...profiles, data.foreignTwin.document];

        const buckets = [...new Set(profiles.map((p) => bucketOf(p.userId)))];
        for (const [ruleIndex, r] of rules.entries()) {
          const compiled = compileSegment(r, {
            catalog: P_CATALOG,
            resolveSegment: (id) => segments[id],
          });
          const oneUser = profiles
            .filter((profile) => {
              const input = {
                profile,
                // What the services fetch: the user's events of this workspace.
                events: events.filter((e) => e.workspaceId === P_WS && e.userId === profile.userId),
                now,
              };
              const result = evaluate(compiled, input);
              expect(explain(compiled, input).result).toBe(result);
              return result;
            })
            .map((p) => p.userId)
            .sort(compareUserIds);
          const plan = buildPlan(compiled, { workspaceId: P_WS, now });
          const batch = await listAllMembers(plan, t.source, { pageSize: 3, chunkSize: 4 });
          const reference = referenceMembers(r, allProfiles, world);
          const agree =
            JSON.stringify(batch) === JSON.stringify(oneUser) &&
            JSON.stringify(sorted(batch)) === JSON.stringify(reference);
          if (!agree) {
            throw new Error(
              [
                `members differ at now=${now.toISOString()} for ${JSON.stringify(r)}`,
                `batch (FerretDB): ${JSON.stringify(batch)}`,
                `one-user:         ${JSON.stringify(oneUser)}`,
                `reference:        ${JSON.stringify(reference)}`,
              ].join('\n'),
            );
          }
          expect(await countMembers(plan, t.source, { chunkSize: 4 })).toBe(oneUser.length);
          // The preview's way (first rule of each case, for time): the same pipelines bucket by
          // bucket; the buckets together find exactly the members, each once.
          if (ruleIndex === 0) {
            const byBucket: string[] = [];
            for (const bucket of buckets) {
              const scoped = buildPlan(compiled, { workspaceId: P_WS, now, sampleBucket: bucket });
              byBucket.push(...(await allMembersOnce(scoped, t.source, { chunkSize: 4 })));
            }
            expect(byBucket.sort(compareUserIds)).toEqual(oneUser);
          }
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  }, 600_000);
});
