// Agreement (issue 14): random users, events and segment edits (fast-check, seeded) driven
// through the real services over HTTP; once nothing is pending, the membership read model
// (members paging and the user's segments while `ready`), the batch pipelines (the preview of
// the same rules) and the one-user evaluator (explain, user by user) give the same members
// for every segment. Short in `npm test`: AGREEMENT_RUNS (default 3) runs of ≤ 16 steps.
import { waitFor } from '@seg/testing';
import fc from 'fast-check';
import { api, createWorkspace, type TestWorkspace } from './support/api';

const USERS = ['ag-1', 'ag-2', 'ag-3', 'ag-4', 'ag-5', 'ag-6'];
const PLANS = ['pro', 'free', 'team'];
const EVENTS = ['Agreed A', 'Agreed B'];
const DAY = 86_400_000;
const RUNS = Number(process.env['AGREEMENT_RUNS'] ?? 3);
const SEED = Number(process.env['AGREEMENT_SEED'] ?? 20261201);

type Condition =
  | { kind: 'plan'; plan: string }
  | { kind: 'seats'; min: number }
  | { kind: 'event'; name: string; atLeast: number; lastDays: number | null }
  | { kind: 'segment'; index: number; in: boolean };
interface Rules {
  operator: 'and' | 'or';
  conditions: Condition[];
}
type Step =
  | { kind: 'identify'; user: number; plan: string; seats: number }
  | { kind: 'track'; user: number; name: string; daysAgo: number }
  | { kind: 'create'; rules: Rules }
  | { kind: 'edit'; index: number; rules: Rules }
  | { kind: 'delete'; index: number };

const condition: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ kind: fc.constant('plan' as const), plan: fc.constantFrom(...PLANS) }),
  fc.record({ kind: fc.constant('seats' as const), min: fc.integer({ min: 0, max: 20 }) }),
  fc.record({
    kind: fc.constant('event' as const),
    name: fc.constantFrom(...EVENTS),
    atLeast: fc.integer({ min: 1, max: 2 }),
    // Event timestamps are whole days ago (never near a 7-day edge during a run).
    lastDays: fc.constantFrom(null, 7),
  }),
  fc.record({
    kind: fc.constant('segment' as const),
    index: fc.nat({ max: 5 }),
    in: fc.boolean(),
  }),
);
const rules: fc.Arbitrary<Rules> = fc.record({
  operator: fc.constantFrom('and' as const, 'or' as const),
  conditions: fc.array(condition, { minLength: 1, maxLength: 3 }),
});
const identify = fc.record({
  kind: fc.constant('identify' as const),
  user: fc.nat({ max: USERS.length - 1 }),
  plan: fc.constantFrom(...PLANS),
  seats: fc.integer({ min: 0, max: 20 }),
});
const track = fc.record({
  kind: fc.constant('track' as const),
  user: fc.nat({ max: USERS.length - 1 }),
  name: fc.constantFrom(...EVENTS),
  daysAgo: fc.constantFrom(1, 2, 3, 10, 20),
});
const userStep: fc.Arbitrary<Step> = fc.oneof(identify, track);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: identify },
  { weight: 3, arbitrary: track },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), rules }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('edit' as const), index: fc.nat({ max: 5 }), rules }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), index: fc.nat({ max: 5 }) }),
  },
);
/** Mixed steps, then user changes only (the read model must follow them without an edit). */
const scenario = fc
  .tuple(
    fc.array(step, { minLength: 4, maxLength: 10 }),
    fc.array(userStep, { minLength: 3, maxLength: 6 }),
  )
  .map(([mixed, tail]) => [...mixed, ...tail]);

class Run {
  private readonly segments: string[] = [];
  private readonly profiles = new Map<string, { plan: string; seats: number }>();
  private readonly tracked = new Map<string, number>();
  private messages = 0;

  constructor(private readonly ws: TestWorkspace) {}

  /** Every user exists with attributes of the catalog's types before any segment. */
  async start(): Promise<void> {
    for (const i of USERS.keys()) {
      await this.apply({
        kind: 'identify',
        user: i,
        plan: PLANS[i % PLANS.length] as string,
        seats: i,
      });
    }
    await this.apply({ kind: 'track', user: 0, name: EVENTS[0] as string, daysAgo: 1 });
    await this.apply({ kind: 'track', user: 1, name: EVENTS[1] as string, daysAgo: 2 });
    await this.ingested();
  }

  async apply(s: Step): Promise<void> {
    switch (s.kind) {
      case 'identify': {
        const userId = USERS[s.user] as string;
        const response = await api('POST', '/v1/identify', {
          key: this.ws.publicKey,
          body: { userId, traits: { plan: s.plan, seats: s.seats } },
        });
        expect(response.status).toBe(202);
        this.profiles.set(userId, { plan: s.plan, seats: s.seats });
        return;
      }
      case 'track': {
        const userId = USERS[s.user] as string;
        this.messages += 1;
        const response = await api('POST', '/v1/track', {
          key: this.ws.publicKey,
          body: {
            userId,
            event: s.name,
            timestamp: new Date(Date.now() - s.daysAgo * DAY).toISOString(),
            messageId: `${this.ws.id}-${this.messages}`,
          },
        });
        expect(response.status).toBe(202);
        this.tracked.set(userId, (this.tracked.get(userId) ?? 0) + 1);
        return;
      }
      case 'create': {
        const body = this.rulesOf(s.rules);
        const created = await api<{ id: string }>('POST', '/v1/segments', {
          key: this.ws.secretKey,
          body: { name: `Agreement ${this.segments.length + 1}`, rules: body },
        });
        expect(created.status).toBe(201);
        this.segments.push(created.body.id);
        return;
      }
      case 'edit': {
        const id = this.pick(s.index);
        if (!id) return;
        const edited = await api('PUT', `/v1/segments/${id}`, {
          key: this.ws.secretKey,
          body: { rules: this.rulesOf(s.rules, id) },
        });
        // 400: the edit would make a cycle.
        expect([200, 400]).toContain(edited.status);
        return;
      }
      case 'delete': {
        const id = this.pick(s.index);
        if (!id) return;
        const deleted = await api('DELETE', `/v1/segments/${id}?confirm=true`, {
          key: this.ws.secretKey,
        });
        // 409: another segment references it.
        expect([200, 409]).toContain(deleted.status);
        if (deleted.status === 200) this.segments.splice(this.segments.indexOf(id), 1);
        return;
      }
    }
  }

  /** The users service has applied every identify and track (ingestion is asynchronous). */
  async ingested(): Promise<void> {
    for (const userId of USERS) {
      const want = this.profiles.get(userId);
      const events = this.tracked.get(userId) ?? 0;
      await waitFor(
        async () => {
          const profile = await api<{ custom?: { sdk?: { plan?: string; seats?: number } } }>(
            'GET',
            `/v1/users/${userId}`,
            { key: this.ws.secretKey },
          );
          const sdk = profile.body.custom?.sdk;
          if (profile.status !== 200 || sdk?.plan !== want?.plan || sdk?.seats !== want?.seats) {
            return undefined;
          }
          const list = await api<{ events: unknown[] }>(
            'GET',
            `/v1/users/${userId}/events?limit=100`,
            { key: this.ws.secretKey },
          );
          return list.body.events.length === events ? true : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 100, what: `${userId} ingested` },
      );
    }
  }

  /** Every segment's members, three ways, once they agree (or the last disagreement). */
  async agreement(): Promise<void> {
    let last = '';
    const agreed = await waitFor(
      async () => {
        for (const id of this.segments) {
          const answers = await this.threeWays(id);
          if (!answers) return undefined;
          const [readModel, ofUser, batch, oneUser] = answers;
          const same = [ofUser, batch, oneUser].every((other) => other === readModel);
          last = `${id}: read model ${readModel} / user segments ${ofUser} / batch ${batch} / one user ${oneUser}`;
          if (!same) return undefined;
        }
        return true;
      },
      { timeoutMs: 30_000, intervalMs: 250, what: 'agreement' },
    ).catch(() => false);
    expect(agreed ? 'agreed' : last).toBe('agreed');
  }

  private async threeWays(id: string): Promise<[string, string, string, string] | undefined> {
    const key = this.ws.secretKey;
    const before = await api<{ status: string }>('GET', `/v1/segments/${id}/count`, { key });
    if (before.body.status !== 'ready') return undefined;
    const members = await api<{ users: Array<{ userId: string }> }>(
      'GET',
      `/v1/segments/${id}/users?limit=100`,
      { key },
    );
    const segment = await api<{ rules: unknown }>('GET', `/v1/segments/${id}`, { key });
    const preview = await api<{ users: Array<{ userId: string }>; exact: boolean }>(
      'POST',
      '/v1/segments/preview',
      { key, body: { rules: segment.body.rules, limit: 100 } },
    );
    expect(preview.body.exact).toBe(true);
    const oneUser: string[] = [];
    const ofUser: string[] = [];
    for (const userId of USERS) {
      const explained = await api<{ member: boolean }>(
        'GET',
        `/v1/segments/${id}/users/${userId}`,
        { key },
      );
      if (explained.body.member) oneUser.push(userId);
      const profile = await api<{ segments: Array<{ id: string }> }>('GET', `/v1/users/${userId}`, {
        key,
      });
      if (profile.body.segments.some((s) => s.id === id)) ofUser.push(userId);
    }
    const after = await api<{ status: string }>('GET', `/v1/segments/${id}/count`, { key });
    if (after.body.status !== 'ready') return undefined;
    const ids = (users: Array<{ userId: string }>) =>
      users
        .map((u) => u.userId)
        .sort()
        .join(',');
    return [ids(members.body.users), ofUser.join(','), ids(preview.body.users), oneUser.join(',')];
  }

  private pick(index: number): string | undefined {
    return this.segments.length ? this.segments[index % this.segments.length] : undefined;
  }

  private rulesOf(r: Rules, self?: string): unknown {
    const conditions = r.conditions.flatMap((c): unknown[] => {
      switch (c.kind) {
        case 'plan':
          return [
            {
              type: 'customAttribute',
              source: 'sdk',
              key: 'plan',
              operator: 'equals',
              value: c.plan,
            },
          ];
        case 'seats':
          return [
            {
              type: 'customAttribute',
              source: 'sdk',
              key: 'seats',
              operator: 'greaterThan',
              value: c.min,
            },
          ];
        case 'event':
          return [
            {
              type: 'event',
              source: 'jimo',
              name: c.name,
              occurrence: { operator: 'atLeast', count: c.atLeast },
              ...(c.lastDays !== null && {
                period: { type: 'last', amount: c.lastDays, unit: 'days' },
              }),
            },
          ];
        case 'segment': {
          const id = this.pick(c.index);
          return id && id !== self
            ? [{ type: 'segment', segmentId: id, operator: c.in ? 'in' : 'notIn' }]
            : [];
        }
      }
    });
    return { type: 'group', operator: r.operator, conditions };
  }
}

describe('membership agreement (read model, batch pipelines, one-user evaluator)', () => {
  it('agrees on every segment after random users, events and segment edits', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (steps) => {
        const run = new Run(await createWorkspace('segments agreement'));
        await run.start();
        await run.apply({
          kind: 'create',
          rules: { operator: 'and', conditions: [{ kind: 'plan', plan: 'pro' }] },
        });
        for (const s of steps) await run.apply(s);
        await run.ingested();
        await run.agreement();
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 240_000);
});
