// The forecast of a segment (#18 "why, and until when"): who leaves and who joins by time alone
// in the next 24 hours and 7 days, through the running system. Users are ingested over HTTP with
// past timestamps, so each one's flip instant is known by hand; the forecast must give exactly
// those figures once the read model is ready (the users it evaluates come from it).
import { waitFor } from '@seg/testing';
import { api, createWorkspace, type TestWorkspace } from './support/api';

interface Forecast {
  asOf: string;
  timeDependent: boolean;
  next24h: { leave: number; join: number };
  next7d: { leave: number; join: number };
  exact: boolean;
  candidates: number;
  evaluated: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let ws: TestWorkspace;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

async function createSegment(name: string, conditions: unknown[]): Promise<string> {
  const created = await api<{ id: string }>('POST', '/v1/segments', {
    key: ws.secretKey,
    body: { name, rules: { type: 'group', operator: 'and', conditions } },
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

const forecast = async (segmentId: string) => {
  const answer = await api<Forecast>('GET', `/v1/segments/${segmentId}/forecast`, {
    key: ws.secretKey,
  });
  expect(answer.status).toBe(200);
  return answer.body;
};

const readyCount = (segmentId: string, expected: number) =>
  waitFor(
    async () => {
      const answer = await api<{ count: number; status: string }>(
        'GET',
        `/v1/segments/${segmentId}/count`,
        { key: ws.secretKey },
      );
      return answer.body.status === 'ready' && answer.body.count === expected ? true : undefined;
    },
    { timeoutMs: 20_000, intervalMs: 100, what: `ready count ${expected} of ${segmentId}` },
  );

beforeAll(async () => {
  ws = await createWorkspace('forecast');
  const invited = (userId: string, at: string) => ({
    type: 'track',
    userId,
    event: 'Invited teammate',
    timestamp: at,
  });
  const identify = (userId: string, plan: string, at: string) => ({
    type: 'identify',
    userId,
    traits: { plan },
    timestamp: at,
  });
  const batch = [
    // "Invited teammate in the last 7 days": each leaves 7 days after their last invite.
    identify('leaves-in-12h', 'free', ago(8 * DAY)),
    invited('leaves-in-12h', ago(7 * DAY - 12 * HOUR)),
    identify('leaves-in-3d', 'free', ago(8 * DAY)),
    invited('leaves-in-3d', ago(4 * DAY)),
    invited('leaves-in-3d', ago(5 * DAY)),
    identify('never-invited', 'free', ago(8 * DAY)),
    identify('invited-long-ago', 'free', ago(20 * DAY)),
    invited('invited-long-ago', ago(10 * DAY)),
    // "plan pro and no activity in the last 3 days": joins 3 days after their last activity.
    identify('joins-in-6h', 'pro', ago(2 * DAY + 18 * HOUR)),
    identify('joins-in-2d', 'pro', ago(DAY)),
    identify('already-quiet', 'pro', ago(4 * DAY)),
  ];
  const sent = await api('POST', '/v1/batch', { key: ws.publicKey, body: { batch } });
  expect(sent.status).toBe(202);
  await waitFor(
    async () => {
      const users = await api<{ items: unknown[] }>('GET', '/v1/users?limit=50', {
        key: ws.secretKey,
      });
      return users.body.items.length === 7 ? true : undefined;
    },
    { timeoutMs: 20_000, what: 'the 7 users' },
  );
});

it('counts members leaving as their window expires, within 24 h and within 7 days', async () => {
  const id = await createSegment('Invited lately', [
    {
      type: 'event',
      source: 'jimo',
      name: 'Invited teammate',
      period: { type: 'last', amount: 7, unit: 'days' },
    },
  ]);
  await readyCount(id, 2);
  const answer = await forecast(id);
  expect(answer).toMatchObject({
    timeDependent: true,
    exact: true,
    next24h: { leave: 1, join: 0 },
    next7d: { leave: 2, join: 0 },
  });
  // Only the users whose membership can change were read (the read model's nextChangeAt).
  expect(answer.candidates).toBe(2);
});

it('counts users joining as their last activity slides out of a "not within" window', async () => {
  const id = await createSegment('Quiet pros', [
    { type: 'customAttribute', source: 'sdk', key: 'plan', operator: 'equals', value: 'pro' },
    {
      type: 'attribute',
      attribute: 'lastActivityAt',
      operator: 'notWithinLast',
      value: { amount: 3, unit: 'days' },
    },
  ]);
  await readyCount(id, 1);
  expect(await forecast(id)).toMatchObject({
    timeDependent: true,
    exact: true,
    next24h: { leave: 0, join: 1 },
    next7d: { leave: 0, join: 2 },
  });
});

it('says time alone changes nobody in a segment without a relative window, and 404s unknown ids', async () => {
  const id = await createSegment('Pros', [
    { type: 'customAttribute', source: 'sdk', key: 'plan', operator: 'equals', value: 'pro' },
  ]);
  expect(await forecast(id)).toMatchObject({
    timeDependent: false,
    exact: true,
    next24h: { leave: 0, join: 0 },
    next7d: { leave: 0, join: 0 },
    candidates: 0,
  });
  const missing = await api('GET', '/v1/segments/seg_doesnotexist0000/forecast', {
    key: ws.secretKey,
  });
  expect(missing.status).toBe(404);
});
