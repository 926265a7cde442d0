import {
  generateKey,
  generateWorkspaceId,
  hashKey,
  keyKindOf,
  randomBase62,
  secretsEqual,
} from './api-keys';

describe('api keys', () => {
  it('generates prefixed keys whose 32 characters each take any of the 62 values', () => {
    expect(generateKey('public')).toMatch(/^pk_[A-Za-z0-9]{32}$/);
    expect(generateKey('secret')).toMatch(/^sk_[A-Za-z0-9]{32}$/);
    // 32 independent base62 characters ≈ 190 bits. Every position is seen taking all 62
    // values over 3,000 keys (a fixed or narrowed position would show; chance of a false
    // failure: about 32 × 62 × (61/62)^3000, below 1e-17).
    const keys = Array.from({ length: 3_000 }, () => generateKey('secret').slice(3));
    expect(new Set(keys).size).toBe(keys.length);
    for (let position = 0; position < 32; position += 1) {
      expect(new Set(keys.map((key) => key[position])).size).toBe(62);
    }
  });

  it('generates workspace ids the contracts accept', () => {
    expect(generateWorkspaceId()).toMatch(/^ws_[A-Za-z0-9]{8,40}$/);
  });

  it('draws every base62 character equally often (no modulo bias)', () => {
    // 124,000 characters: 2,000 of each expected (σ ≈ 44). Taking bytes modulo 62 without
    // dropping 248..255 would give the first 8 characters 25% more (≈ 2,500).
    const counts = new Map<string, number>();
    for (const character of randomBase62(124_000)) {
      counts.set(character, (counts.get(character) ?? 0) + 1);
    }
    expect(counts.size).toBe(62);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(1_700);
      expect(count).toBeLessThan(2_300);
    }
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

  it('hashes keys with sha256, as hex', () => {
    // Digests computed apart from this code: printf '<key>' | sha256sum
    expect(hashKey('pk_x')).toBe(
      '8af88aab766ac12a33abf1af0006889ceb574e295e16dfd2e78b93ba282baec6',
    );
    expect(hashKey('sk_0123456789abcdefghijABCDEFGHIJ')).toBe(
      '0a5105d553255c4edccbc6d5063c1ad3136d046550c71ca4301c31b90ac6717e',
    );
  });

  it('compares secrets of any length', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abd')).toBe(false);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
    expect(secretsEqual('', '')).toBe(true);
    expect(secretsEqual('', 'a')).toBe(false);
  });
});
