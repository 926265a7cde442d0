import { KeyCache } from './key-cache';

describe('KeyCache', () => {
  let now = 0;
  const clock = () => now;

  beforeEach(() => {
    now = 1_000;
  });

  it('answers cached workspaces and unknown keys until they expire', () => {
    const cache = new KeyCache(30_000, 10, clock);
    cache.set('a', 'ws_1');
    cache.set('b', null, 5_000);
    expect(cache.get('a')).toBe('ws_1');
    expect(cache.get('b')).toBeNull();
    expect(cache.get('c')).toBeUndefined();
    now += 5_000;
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('ws_1');
    now += 25_000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('forgets on delete and stays within its size', () => {
    const cache = new KeyCache(30_000, 2, clock);
    cache.set('a', 'ws_1');
    cache.set('b', 'ws_2');
    cache.set('c', 'ws_3');
    expect(cache.get('a')).toBeUndefined();
    cache.delete('b');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')).toBe('ws_3');
  });

  it('caches nothing with a zero TTL', () => {
    const cache = new KeyCache(0, 10, clock);
    cache.set('a', 'ws_1');
    expect(cache.get('a')).toBeUndefined();
  });
});
