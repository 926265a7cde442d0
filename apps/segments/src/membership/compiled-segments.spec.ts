import { evaluate, type SegmentRules } from '@seg/segment-engine';
import type { SegmentDefinition, SegmentRepository } from '../segments/segment.repository';
import { CompiledSegments, FRESHNESS_MS } from './compiled-segments';

const WS = 'ws_cachetest0001';
const group = (conditions: unknown[]): SegmentRules =>
  ({ type: 'group', operator: 'and', conditions }) as SegmentRules;
const sessionsAbove = (value: number) =>
  group([{ type: 'attribute', attribute: 'sessions', operator: 'greaterThan', value }]);

/** An in-memory stand-in for the two repository reads the cache makes. */
function fakeRepository(defs: Map<string, SegmentDefinition>) {
  const calls = { versions: 0, definitions: 0 };
  const repository = {
    versions: async () => {
      calls.versions += 1;
      // A real read takes time: a request that does not wait for it sees the old state.
      await new Promise((resolve) => setTimeout(resolve, 5));
      return new Map([...defs].map(([id, def]) => [id, def.version]));
    },
    definitions: async (_ws: string, ids?: string[]) => {
      calls.definitions += 1;
      return [...defs.values()].filter((def) => !ids || ids.includes(def._id));
    },
  };
  return { repository: repository as unknown as SegmentRepository, calls };
}

const def = (id: string, version: number, rules: SegmentRules): SegmentDefinition => ({
  _id: id,
  name: id,
  version,
  rules,
  attributeTypes: [],
});

describe('CompiledSegments', () => {
  it('reuses a compiled segment until it or a segment it references changes', async () => {
    const defs = new Map([
      ['seg_base', def('seg_base', 1, sessionsAbove(5))],
      [
        'seg_user',
        def('seg_user', 1, group([{ type: 'segment', segmentId: 'seg_base', operator: 'in' }])),
      ],
    ]);
    const { repository, calls } = fakeRepository(defs);
    const cache = new CompiledSegments(repository);

    // 10 sessions: in the segment while seg_base asks for more than 5, out once it asks for 50.
    const user = { profile: { userId: 'u1', sessions: 10 }, now: new Date() };
    const first = (await cache.get(WS, ['seg_user'])).get('seg_user');
    const again = (await cache.get(WS, ['seg_user'])).get('seg_user');
    expect(again).toBe(first);
    expect(calls.versions).toBe(1);
    expect(first && evaluate(first, user)).toBe(true);

    // The referenced segment changes: the referencing one is compiled again, from the new rules.
    defs.set('seg_base', def('seg_base', 2, sessionsAbove(50)));
    cache.invalidate(WS);
    const after = (await cache.get(WS, ['seg_user'])).get('seg_user');
    expect(after).not.toBe(first);
    expect(after && evaluate(after, user)).toBe(false);
  });

  it('re-checks versions after FRESHNESS_MS even without an event, without making a request wait', async () => {
    const defs = new Map([['seg_a', def('seg_a', 1, sessionsAbove(1))]]);
    const { repository, calls } = fakeRepository(defs);
    const cache = new CompiledSegments(repository);
    await cache.get(WS, ['seg_a']);
    await cache.get(WS, ['seg_a']);
    expect(calls.versions).toBe(1);
    const later = Date.now() + FRESHNESS_MS + 1;
    const clock = jest.spyOn(Date, 'now').mockReturnValue(later);
    try {
      defs.delete('seg_a');
      await cache.get(WS, ['seg_a']); // served at once; the versions are re-read behind it
      expect(calls.versions).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect((await cache.get(WS, ['seg_a'])).size).toBe(0);
      expect(calls.versions).toBe(2);
    } finally {
      clock.mockRestore();
    }
  });

  it('waits for the versions after an invalidation (an edit is never served stale)', async () => {
    const defs = new Map([['seg_a', def('seg_a', 1, sessionsAbove(1))]]);
    const { repository } = fakeRepository(defs);
    const cache = new CompiledSegments(repository);
    expect((await cache.get(WS, ['seg_a'])).size).toBe(1);
    defs.delete('seg_a');
    cache.invalidate(WS);
    expect((await cache.get(WS, ['seg_a'])).size).toBe(0);
  });

  it('leaves out unknown ids and segments that no longer compile', async () => {
    const defs = new Map([
      [
        'seg_dangling',
        def('seg_dangling', 1, group([{ type: 'segment', segmentId: 'seg_gone', operator: 'in' }])),
      ],
    ]);
    const { repository } = fakeRepository(defs);
    const cache = new CompiledSegments(repository);
    expect([...(await cache.get(WS, ['seg_dangling', 'seg_unknown'])).keys()]).toEqual([]);
  });
});
