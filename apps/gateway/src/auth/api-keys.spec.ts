import {
  generateKey,
  generateWorkspaceId,
  hashKey,
  keyKindOf,
  randomBase62,
  secretsEqual,
} from './api-keys';

describe('api keys', () => {
  it('generates prefixed keys with at least 128 bits of randomness', () => {
    const key = generateKey('public');
    expect(key).toMatch(/^pk_[A-Za-z0-9]{32}$/);
    // 32 base62 characters ≈ 190 bits.
    expect(32 * Math.log2(62)).toBeGreaterThan(128);
    expect(generateKey('secret')).toMatch(/^sk_/);
    expect(new Set(Array.from({ length: 1000 }, () => generateKey('secret'))).size).toBe(1000);
  });

  it('generates workspace ids the contracts accept', () => {
    expect(generateWorkspaceId()).toMatch(/^ws_[A-Za-z0-9]{8,40}$/);
  });

  it('uses every base62 character', () => {
    expect(new Set(randomBase62(5000)).size).toBe(62);
  });

  it('tells the kind by the prefix and refuses anything else', () => {
    expect(keyKindOf(generateKey('public'))).toBe('public');
    expect(keyKindOf(generateKey('secret'))).toBe('secret');
    for (const bad of [
      '',
      'pk_',
      'pk_short',
      'xk_aaaaaaaaaaaaaaaaaaaaaaaa',
      'sk_aaaa aaaaaaaaaaaaaaaaaaaa',
    ]) {
      expect(keyKindOf(bad)).toBeUndefined();
    }
  });

  it('hashes keys with sha256', () => {
    expect(hashKey('pk_x')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashKey('pk_x')).toBe(hashKey('pk_x'));
    expect(hashKey('pk_x')).not.toBe(hashKey('pk_y'));
  });

  it('compares secrets of any length', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
  });
});
