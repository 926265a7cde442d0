// Targeting answers from the membership read model (issue 20 item 1), through the running
// system. Once the segments worker has computed a segment, a user's row of the read model
// decides targeting: a row that says "in" while the profile says "out" (written here, in a
// controlled way, over the worker's own row) targets the user — the profile was not what
// answered. The user's own identify is still reflected (the row is older than the change
// heard: evaluated), and a segment edit is at once (its state is of the old version).
import { MongoClient, type Collection } from 'mongodb';
import { waitFor } from '@seg/testing';
import { api, createWorkspace, type TestWorkspace } from './support/api';

interface Row {
  _id: string;
  workspaceId: string;
  userId: string;
  segmentIds: string[];
  nextChangeAt: Date | null;
  evaluatedAt: Date;
  dataAt: Date | null;
}

const planIs = (value: string) => ({
  type: 'group',
  operator: 'and',
  conditions: [{ type: 'customAttribute', source: 'sdk', key: 'plan', operator: 'equals', value }],
});

describe('targeting from the membership read model', () => {
  let ws: TestWorkspace;
  let mongo: MongoClient;
  let rows: Collection<Row>;
  let segmentId = '';
  let experienceId = '';

  async function identify(userId: string, plan: string): Promise<void> {
    const response = await api('POST', '/v1/identify', {
      key: ws.publicKey,
      body: { userId, traits: { name: userId, plan } },
    });
    expect(response.status).toBe(202);
  }

  async function targeted(userId: string): Promise<boolean> {
    const response = await api<{ experiences: Array<{ id: string }> }>(
      'GET',
      `/v1/users/${encodeURIComponent(userId)}/experiences`,
      { key: ws.publicKey },
    );
    expect(response.status).toBe(200);
    return response.body.experiences.some((experience) => experience.id === experienceId);
  }

  const rowOf = (userId: string) => rows.findOne({ _id: `${ws.id}:${userId}` });

  /** The worker's row once it reflects the user's last identify (`dataAt` set) and `segmentIds`. */
  const settledRow = (userId: string, segmentIds: string[]) =>
    waitFor(
      async () => {
        const row = await rowOf(userId);
        return row?.dataAt && row.segmentIds.join() === segmentIds.join() ? row : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 100, what: `${userId}'s row ${segmentIds.join()}` },
    );

  beforeAll(async () => {
    mongo = await MongoClient.connect(process.env['E2E_MONGODB_URI'] as string);
    rows = mongo.db(process.env['E2E_MONGODB_DB']).collection<Row>('segment_memberships');
    ws = await createWorkspace('targeting read model');
    await identify('rm-pro', 'pro');
    await identify('rm-free', 'free');
    await identify('rm-later', 'free');
    // The catalog knows `plan` once the users service applied an identify.
    const segment = await waitFor(
      async () => {
        const created = await api<{ id: string }>('POST', '/v1/segments', {
          key: ws.secretKey,
          body: { name: 'Pro', rules: planIs('pro') },
        });
        return created.status === 201 ? created.body : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 200, what: 'segment on sdk.plan' },
    );
    segmentId = segment.id;
    const experience = await api<{ id: string }>('POST', '/v1/experiences', {
      key: ws.secretKey,
      body: {
        name: 'For pro',
        type: 'announcement',
        steps: [{ id: 's1', kind: 'message' }],
        audience: { mode: 'segments', segmentIds: [segmentId] },
      },
    });
    expect(experience.status).toBe(201);
    experienceId = experience.body.id;
    expect(
      (
        await api('POST', `/v1/experiences/${experienceId}/publish`, {
          key: ws.secretKey,
        })
      ).status,
    ).toBe(200);
    // The read model has computed the segment (its state is of version 1).
    await waitFor(
      async () => {
        const count = await api<{ status: string; count: number }>(
          'GET',
          `/v1/segments/${segmentId}/count`,
          { key: ws.secretKey },
        );
        return count.body.status === 'ready' && count.body.count === 1 ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: 'read model ready' },
    );
    await settledRow('rm-pro', [segmentId]);
  });

  afterAll(async () => {
    await mongo?.close();
  });

  it('a row that says "in" targets the user whose profile says "out" (the row answered)', async () => {
    expect(await targeted('rm-pro')).toBe(true);
    const row = await settledRow('rm-free', []);
    // As if the worker had found rm-free in the segment, for the same data (same dataAt).
    await rows.updateOne({ _id: row._id }, { $set: { segmentIds: [segmentId] } });
    expect(await targeted('rm-free')).toBe(true);
  });

  it('the user\'s own identify is reflected, although the row said "in"', async () => {
    const row = await settledRow('rm-later', []);
    await rows.updateOne({ _id: row._id }, { $set: { segmentIds: [segmentId] } });
    expect(await targeted('rm-later')).toBe(true);
    // The identify makes the row older than the change heard: evaluated (free → basic: out)
    // until the worker writes the row for it (the timing is the users service's; the rule
    // itself, evaluated before the worker writes, is check-membership.int.spec.ts's).
    await identify('rm-later', 'basic');
    await waitFor(async () => ((await targeted('rm-later')) ? undefined : true), {
      timeoutMs: 10_000,
      intervalMs: 50,
      what: 'rm-later no longer targeted',
    });
    // The worker then writes the row for that change (and targeting keeps answering "out").
    await settledRow('rm-later', []);
    expect(await targeted('rm-later')).toBe(false);
  });

  it('a segment edit is live at once: its state is of the old version, so it is evaluated', async () => {
    // rm-free's row still says "in" (set above); its profile says free.
    const updated = await api<{ version: number }>('PUT', `/v1/segments/${segmentId}`, {
      key: ws.secretKey,
      body: { rules: planIs('enterprise') },
    });
    expect(updated).toMatchObject({ status: 200, body: { version: 2 } });
    const returnedAt = Date.now();
    expect(await targeted('rm-pro')).toBe(false);
    expect(await targeted('rm-free')).toBe(false);
    expect(Date.now() - returnedAt).toBeLessThan(1_000);
  });

  it("an answer a relative window decided is kept until the user's next flip (X-Cache: hit)", async () => {
    const segment = await api<{ id: string }>('POST', '/v1/segments', {
      key: ws.secretKey,
      body: {
        name: 'Active this week',
        rules: {
          type: 'group',
          operator: 'and',
          conditions: [
            {
              type: 'attribute',
              attribute: 'lastActivityAt',
              operator: 'withinLast',
              value: { amount: 7, unit: 'days' },
            },
          ],
        },
      },
    });
    expect(segment.status).toBe(201);
    const created = await api<{ id: string }>('POST', '/v1/experiences', {
      key: ws.secretKey,
      body: {
        name: 'For the active',
        type: 'announcement',
        steps: [{ id: 's1', kind: 'message' }],
        audience: { mode: 'segments', segmentIds: [segment.body.id] },
      },
    });
    expect(created.status).toBe(201);
    expect(
      (await api('POST', `/v1/experiences/${created.body.id}/publish`, { key: ws.secretKey }))
        .status,
    ).toBe(200);
    await waitFor(
      async () => {
        const count = await api<{ status: string; count: number }>(
          'GET',
          `/v1/segments/${segment.body.id}/count`,
          { key: ws.secretKey },
        );
        return count.body.status === 'ready' && count.body.count === 3 ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: 'read model ready' },
    );
    // Before, such an answer was never kept (reusable: false); now it is, until the row's
    // nextChangeAt (a week ahead).
    const cached = await waitFor(
      async () => {
        const response = await api<{ experiences: Array<{ id: string }> }>(
          'GET',
          '/v1/users/rm-pro/experiences',
          { key: ws.publicKey },
        );
        return {
          cache: response.headers.get('x-cache'),
          ids: response.body.experiences.map((experience) => experience.id),
        };
      },
      { until: (answer) => answer.cache === 'hit', timeoutMs: 5_000, what: 'a kept answer' },
    );
    expect(cached.ids).toContain(created.body.id);
  });
});
