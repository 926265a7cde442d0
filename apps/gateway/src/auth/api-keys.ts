import type { KeyKind } from '@seg/http-shapes';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX_BY_KIND: Record<KeyKind, string> = { public: 'pk_', secret: 'sk_' };
const KEY_PATTERN = /^(pk|sk)_[A-Za-z0-9]{20,64}$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` base62 characters from the CSPRNG, without modulo bias. */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: bytes above are dropped so every character is equally likely.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** A new key: the prefix plus 32 base62 characters (≈ 190 bits). */
export function generateKey(kind: KeyKind): string {
  return `${PREFIX_BY_KIND[kind]}${randomBase62(32)}`;
}

export function generateWorkspaceId(): string {
  return `ws_${randomBase62(20)}`;
}

/** The kind a well-formed key announces by its prefix; undefined for anything else. */
export function keyKindOf(key: string): KeyKind | undefined {
  const match = KEY_PATTERN.exec(key);
  if (!match) return undefined;
  return match[1] === 'pk' ? 'public' : 'secret';
}

/** Keys are stored only as this hash (they are random, so no salt or slow hash is needed). */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Constant-time comparison of two secrets of any length. */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(
    createHash('sha256').update(a).digest(),
    createHash('sha256').update(b).digest(),
  );
}
