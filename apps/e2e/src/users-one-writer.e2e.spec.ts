// One writer per profile (issue 13), through the running system: the HubSpot sync hands
// its pages to the users service instead of writing profiles itself, so SDK identifies
// and a sync of the same users at the same moment lose nothing (on FerretDB an update
// rewrites the whole document it read), and a kept HubSpot contact is applied as soon as
// its user is identified, without waiting for the next sync.
import { FakeHubSpot, waitFor } from '@seg/testing';
import { MongoClient } from 'mongodb';
import { api, createWorkspace, TestWorkspace } from './support/api';

interface Run {
  id: string;
  status: string;
  stats: Record<string, number>;
  error?: string;
}

interface StoredProfile {
  userId: string;
  custom?: Record<string, Record<string, unknown> | undefined>;
}

jest.setTimeout(300_000);

const USERS = 1_000;
/** Rounds of identifies sent while the sync runs, each with a trait of its own. */
const ROUNDS = 4;
const BATCH = 500;

describe('one writer per profile', () => {
  const crowd = new FakeHubSpot();
  const keeping = new FakeHubSpot();
  let mongo: MongoClient;

  beforeAll(async () => {
    await crowd.start();
    await keeping.start();
    mongo = await MongoClient.connect(process.env['E2E_MONGODB_URI'] as string);
  });

  afterAll(async () => {
    await mongo?.close();
    await crowd.stop();
    await keeping.stop();
  });

  const profilesOf = (workspaceId: string) =>
    mongo
      .db(process.env['E2E_MONGODB_DB'])
      .collection<StoredProfile>('profiles')
      .find({ workspaceId }, { projection: { _id: 0, userId: 1, custom: 1 } })
      .toArray();

  async function connectAndSync(ws: TestWorkspace, hubspot: FakeHubSpot): Promise<string> {
    const put = await api('PUT', '/v1/integrations/hubspot', {
      key: ws.secretKey,
      body: { accessToken: hubspot.accessToken, apiBaseUrl: hubspot.url },
    });
    expect(put.status).toBe(200);
    const sync = await api<{ runId: string }>('POST', '/v1/integrations/hubspot/sync', {
      key: ws.secretKey,
    });
    expect(sync.status).toBe(202);
    return sync.body.runId;
  }

  async function finishedRun(ws: TestWorkspace, runId: string): Promise<Run> {
    return (await waitFor(
      async () =>
        (await api<Run[]>('GET', '/v1/integrations/hubspot/runs', { key: ws.secretKey })).body.find(
          (r) => r.id === runId,
        ),
      {
        until: (run) => run?.status === 'succeeded' || run?.status === 'failed',
        timeoutMs: 60_000,
        intervalMs: 200,
        what: `run ${runId} finished`,
      },
    )) as Run;
  }

  async function send(ws: TestWorkspace, messages: unknown[]): Promise<void> {
    for (let i = 0; i < messages.length; i += BATCH) {
      const response = await api('POST', '/v1/batch', {
        key: ws.publicKey,
        body: { batch: messages.slice(i, i + BATCH) },
      });
      expect(response.status).toBe(202);
    }
  }

  it('concurrent SDK identifies and a HubSpot sync of the same 1,000 users lose nothing', async () => {
    const ws = await createWorkspace('one writer: concurrent sync and identifies');
    const ids = Array.from({ length: USERS }, (_, i) => i);
    // The users exist first (so that the sync matches every one of them by email).
    await send(
      ws,
      ids.map((i) => ({
        type: 'identify',
        userId: `cu${i}`,
        traits: { email: `crowd${i}@example.com`, r0: i },
      })),
    );
    await waitFor(async () => (await profilesOf(ws.id)).length, {
      until: (count) => count === USERS,
      timeoutMs: 30_000,
      intervalMs: 250,
      what: `${USERS} profiles`,
    });
    for (const i of ids) {
      crowd.addContact({ email: `crowd${i}@example.com`, firstname: `F${i}`, num_employees: i });
    }

    // The sync and the identifies at the same moment, on the same profiles.
    const runId = await connectAndSync(ws, crowd);
    const rounds = Array.from({ length: ROUNDS }, (_, r) =>
      send(
        ws,
        ids.map((i) => ({ type: 'identify', userId: `cu${i}`, traits: { [`r${r + 1}`]: i } })),
      ),
    );
    await Promise.all(rounds);
    const run = await finishedRun(ws, runId);
    expect(run).toMatchObject({ status: 'succeeded' });

    const complete = (profile: StoredProfile) => {
      const i = Number(profile.userId.slice(2));
      const sdk = profile.custom?.['sdk'] ?? {};
      const fromHubSpot = profile.custom?.['hubspot'] ?? {};
      for (let r = 0; r <= ROUNDS; r += 1) if (sdk[`r${r}`] !== i) return false;
      return fromHubSpot['firstname'] === `F${i}` && fromHubSpot['num_employees'] === i;
    };
    // Everything accepted is applied shortly after (under a loaded `npm test` the inbox can
    // take a minute to drain: answered as soon as complete); a lost change never comes back.
    const profiles = await waitFor(() => profilesOf(ws.id), {
      until: (found) => found.length === USERS && found.every(complete),
      timeoutMs: 90_000,
      intervalMs: 500,
      what: 'every user with every SDK trait and every HubSpot property',
    }).catch(async () => profilesOf(ws.id));
    const incomplete = profiles.filter((profile) => !complete(profile));
    const lost = {
      sdk: incomplete.filter((p) => Object.keys(p.custom?.['sdk'] ?? {}).length < ROUNDS + 1)
        .length,
      hubspot: incomplete.filter((p) => p.custom?.['hubspot']?.['firstname'] === undefined).length,
    };
    expect({ incomplete: incomplete.length, lost, first: incomplete.slice(0, 2) }).toEqual({
      incomplete: 0,
      lost: { sdk: 0, hubspot: 0 },
      first: [],
    });
    expect(profiles).toHaveLength(USERS);
  });

  it('applies a kept HubSpot contact within 2 s of its user being identified', async () => {
    const ws = await createWorkspace('one writer: kept contact');
    keeping.addContact({ email: 'Kept.Person@Example.com', lifecyclestage: 'evangelist' });
    const run = await finishedRun(ws, await connectAndSync(ws, keeping));
    // No user has that email yet: the contact is kept.
    expect(run).toMatchObject({ status: 'succeeded' });
    expect(run.stats['unmatched']).toBeGreaterThanOrEqual(1);
    // A segment on the contact's HubSpot property (its key is in the catalog now).
    const segment = await api<{ id: string }>('POST', '/v1/segments', {
      key: ws.secretKey,
      body: {
        name: 'HubSpot evangelists',
        rules: {
          type: 'group',
          operator: 'and',
          conditions: [
            {
              type: 'customAttribute',
              source: 'hubspot',
              key: 'lifecyclestage',
              operator: 'equals',
              value: 'evangelist',
            },
          ],
        },
      },
    });
    expect(segment.status).toBe(201);

    const identified = await api('POST', '/v1/identify', {
      key: ws.publicKey,
      body: { userId: 'kept-1', traits: { email: 'kept.person@example.com' } },
    });
    expect(identified.status).toBe(202);
    const deadline = Date.now() + 2_000;
    const profile = await waitFor(
      async () =>
        (
          await api<{ custom: Record<string, Record<string, unknown>> }>(
            'GET',
            '/v1/users/kept-1',
            { key: ws.secretKey },
          )
        ).body,
      {
        until: (body) => body?.custom?.['hubspot']?.['lifecyclestage'] === 'evangelist',
        timeoutMs: 2_000,
        intervalMs: 50,
        what: 'the kept contact applied to kept-1',
      },
    );
    expect(profile.custom['hubspot']).toMatchObject({ email: 'Kept.Person@Example.com' });
    const count = await waitFor(
      async () =>
        (
          await api<{ count: number }>('GET', `/v1/segments/${segment.body.id}/count`, {
            key: ws.secretKey,
          })
        ).body.count,
      {
        until: (n) => n === 1,
        timeoutMs: Math.max(100, deadline - Date.now()),
        intervalMs: 50,
        what: 'the segment count within 2 s of the identify',
      },
    );
    expect(count).toBe(1);
  });
});
