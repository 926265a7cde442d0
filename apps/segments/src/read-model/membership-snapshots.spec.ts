import type { MembershipCombinations } from './membership-combinations';
import { MembershipSnapshots, SNAPSHOT_FRESH_MS, SNAPSHOT_STALE_MS } from './membership-snapshots';

describe('MembershipSnapshots', () => {
  let now = 1_000_000;
  let reads = 0;
  const combinations = {
    of: async () => {
      reads += 1;
      return [{ segmentIds: ['seg_a'], users: reads }];
    },
  } as unknown as MembershipCombinations;
  beforeEach(() => {
    reads = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
  });
  afterEach(() => jest.restoreAllMocks());

  it('reads once while fresh, again at once when the signature changes', async () => {
    const snapshots = new MembershipSnapshots(combinations);
    const [a, b] = await Promise.all([snapshots.get('ws', 's1'), snapshots.get('ws', 's1')]);
    expect(a).toBe(b);
    expect(reads).toBe(1);
    now += SNAPSHOT_FRESH_MS - 1;
    expect(await snapshots.get('ws', 's1')).toBe(a);
    const edited = await snapshots.get('ws', 's2');
    expect(edited.combinations[0].users).toBe(2);
    expect(edited.takenAt.getTime()).toBe(now);
  });

  it('answers a stale snapshot while taking the next one, and waits once too old', async () => {
    const snapshots = new MembershipSnapshots(combinations);
    const first = await snapshots.get('ws', 's1');
    now += SNAPSHOT_FRESH_MS + 1;
    expect(await snapshots.get('ws', 's1')).toBe(first);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toBe(2);
    const second = await snapshots.get('ws', 's1');
    expect(second.combinations[0].users).toBe(2);
    now += SNAPSHOT_STALE_MS + 1;
    const third = await snapshots.get('ws', 's1');
    expect(third.combinations[0].users).toBe(3);
  });
});
