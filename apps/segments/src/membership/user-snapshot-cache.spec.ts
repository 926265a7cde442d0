import type { ProfileDocument } from '@seg/segment-engine';
import { USER_SNAPSHOT_TTL_MS, UserSnapshotCache } from './user-snapshot-cache';

const profile = { userId: 'u1', sessions: 1 } as ProfileDocument;

describe('UserSnapshotCache', () => {
  it('serves a stored snapshot until its TTL runs out', () => {
    const cache = new UserSnapshotCache();
    cache.put('ws_1', 'u1', 1_000, profile, new Map([['jimo\u0000Signed up', []]]));
    expect(cache.get('ws_1', 'u1', 1_000 + USER_SNAPSHOT_TTL_MS)?.profile).toBe(profile);
    expect(cache.get('ws_1', 'u1', 1_001 + USER_SNAPSHOT_TTL_MS)).toBeUndefined();
    expect(cache.get('ws_2', 'u1', 1_000)).toBeUndefined();
  });

  it('drops a user on invalidation', () => {
    const cache = new UserSnapshotCache();
    cache.put('ws_1', 'u1', 1_000, profile, new Map());
    cache.invalidate('ws_1', 'u1', 1_500);
    expect(cache.get('ws_1', 'u1', 1_600)).toBeUndefined();
  });

  it('does not cache a read that started before an invalidation (racing update)', () => {
    const cache = new UserSnapshotCache();
    cache.invalidate('ws_1', 'u1', 2_000);
    cache.put('ws_1', 'u1', 1_999, profile, new Map());
    expect(cache.get('ws_1', 'u1', 2_100)).toBeUndefined();
    cache.put('ws_1', 'u1', 2_001, profile, new Map());
    expect(cache.get('ws_1', 'u1', 2_100)?.profile).toBe(profile);
  });

  it('merges event keys read later into the same snapshot', () => {
    const cache = new UserSnapshotCache();
    cache.put('ws_1', 'u1', 1_000, profile, new Map([['a', []]]));
    cache.put('ws_1', 'u1', 1_000, profile, new Map([['b', []]]));
    expect([...(cache.get('ws_1', 'u1', 1_100)?.events.keys() ?? [])]).toEqual(['a', 'b']);
  });

  it('drops a whole workspace, and refuses reads that started before, on a bulk write', () => {
    const cache = new UserSnapshotCache();
    cache.put('ws_1', 'u1', 1_000, profile, new Map());
    cache.put('ws_1', 'u2', 1_000, profile, new Map());
    cache.put('ws_10', 'u1', 1_000, profile, new Map());
    cache.invalidateWorkspace('ws_1', 1_500);
    expect(cache.get('ws_1', 'u1', 1_600)).toBeUndefined();
    expect(cache.get('ws_1', 'u2', 1_600)).toBeUndefined();
    expect(cache.get('ws_10', 'u1', 1_600)?.profile).toBe(profile);
    cache.put('ws_1', 'u1', 1_400, profile, new Map());
    expect(cache.get('ws_1', 'u1', 1_600)).toBeUndefined();
  });

  it('forgets everything on clear, including reads in flight', () => {
    const cache = new UserSnapshotCache();
    cache.put('ws_1', 'u1', 1_000, profile, new Map());
    cache.clear(1_500);
    expect(cache.get('ws_1', 'u1', 1_600)).toBeUndefined();
    cache.put('ws_2', 'u1', 1_400, profile, new Map());
    expect(cache.get('ws_2', 'u1', 1_600)).toBeUndefined();
  });
});
