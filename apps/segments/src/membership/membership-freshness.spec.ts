import type { BusBroadcast } from '@seg/platform';
import type { MembershipQueue, PendingChanges } from '../read-model/membership-queue';
import type { MembershipDocument } from '../read-model/read-model.schemas';
import { MARK_MAX_AGE_MS, MembershipFreshness, RESYNC_SETTLE_MS } from './membership-freshness';

const WS = 'ws_fresh01';
const row = (dataAt: Date | null) => ({ dataAt }) as MembershipDocument;
const broadcast = { on: () => undefined, onReconnect: () => undefined } as unknown as BusBroadcast;

function freshness(pending: () => Promise<PendingChanges>) {
  const queue = { pendingChanges: pending } as unknown as MembershipQueue;
  return new MembershipFreshness(broadcast, queue);
}

/** Resynced (the queue read), and past the settle time. */
async function ready(pending: PendingChanges = { users: [], workspaces: [] }) {
  jest.useFakeTimers({ now: Date.parse('2026-12-01T12:00:00Z') });
  const instance = freshness(() => Promise.resolve(pending));
  instance.resync();
  await jest.advanceTimersByTimeAsync(RESYNC_SETTLE_MS + 1);
  return instance;
}

afterEach(() => {
  jest.useRealTimers();
});

describe('MembershipFreshness', () => {
  it('trusts a row unless a newer change of its user was heard; a confirming row drops the mark', async () => {
    const f = await ready();
    const at = new Date();
    expect(f.reflects(WS, 'u1', row(null))).toBe(true);
    expect(f.reflects(WS, 'u1', null)).toBe(false);
    f.heardUsers(WS, ['u1'], at.toISOString());
    expect(f.reflects(WS, 'u1', row(null))).toBe(false);
    expect(f.reflects(WS, 'u1', row(new Date(at.getTime() - 1)))).toBe(false);
    expect(f.reflects(WS, 'u2', row(null))).toBe(true);
    expect(f.pending).toBe(1);
    expect(f.reflects(WS, 'u1', row(at))).toBe(true);
    expect(f.pending).toBe(0);
    // An older announcement heard late changes nothing.
    f.heardUsers(WS, ['u1'], new Date(at.getTime() - 5_000).toISOString());
    expect(f.reflects(WS, 'u1', row(at))).toBe(true);
  });

  it('a sync naming nobody distrusts every older row of the workspace until its age passes', async () => {
    const f = await ready();
    const at = new Date();
    f.heardWorkspace(WS, at);
    expect(f.reflects(WS, 'any', row(null))).toBe(false);
    expect(f.reflects('ws_other01', 'any', row(null))).toBe(true);
    expect(f.reflects(WS, 'any', row(at))).toBe(true);
    f.sweep(Date.now() + MARK_MAX_AGE_MS + 1);
    expect(f.reflects(WS, 'any', row(null))).toBe(true);
  });

  it('forgets marks older than MARK_MAX_AGE_MS', async () => {
    const f = await ready();
    f.heardUsers(WS, ['old'], new Date().toISOString());
    jest.advanceTimersByTime(MARK_MAX_AGE_MS / 2);
    f.heardUsers(WS, ['young'], new Date().toISOString());
    f.sweep(Date.now() + MARK_MAX_AGE_MS / 2 + 1);
    expect(f.reflects(WS, 'old', row(null))).toBe(true);
    expect(f.reflects(WS, 'young', row(null))).toBe(false);
  });

  it('distrusts every row until the queue was read (retried) and the settle time passed; marks what it holds', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-01T12:00:00Z') });
    const at = new Date(Date.now() - 60_000).toISOString();
    let calls = 0;
    const f = freshness(async () => {
      calls += 1;
      if (calls === 1) throw new Error('redis down');
      return { users: [{ workspaceId: WS, userIds: ['queued'], dataAt: at }], workspaces: [] };
    });
    f.resync();
    await jest.advanceTimersByTimeAsync(10);
    expect(calls).toBe(1);
    expect(f.reflects(WS, 'u1', row(null))).toBe(false);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(2);
    expect(f.reflects(WS, 'u1', row(null))).toBe(false);
    await jest.advanceTimersByTimeAsync(RESYNC_SETTLE_MS + 1);
    expect(f.reflects(WS, 'u1', row(null))).toBe(true);
    expect(f.reflects(WS, 'queued', row(null))).toBe(false);
    expect(f.reflects(WS, 'queued', row(new Date(at)))).toBe(true);
    f.onModuleDestroy();
  });
});
