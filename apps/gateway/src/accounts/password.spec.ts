import { scryptSync } from 'node:crypto';
import { dummyHash, hashPassword, verifyAgainstDummy, verifyPassword } from './password';

describe('password hashing', () => {
  it('stores scrypt with its parameters and a fresh salt, never the password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$65536\$8\$2\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('horse');
  });

  it('is scrypt as specified: the stored key is scrypt(password, salt) at those parameters', async () => {
    // Computed apart from the module's own code path, with the synchronous function.
    const stored = await hashPassword('correct horse battery');
    const [, N, r, p, salt, key] = stored.split('$');
    const expected = scryptSync('correct horse battery', Buffer.from(salt ?? '', 'base64'), 32, {
      N: Number(N),
      r: Number(r),
      p: Number(p),
      maxmem: 256 * 1024 * 1024,
    });
    expect(key).toBe(expected.toString('base64'));
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('refuses malformed hashes instead of throwing', async () => {
    for (const bad of [
      '',
      'plain',
      'scrypt$1$2$3$x',
      'bcrypt$65536$8$2$c2FsdA==$a2V5',
      'scrypt$0$8$2$c2FsdA==$a2V5',
      'scrypt$65536$8$2$c2FsdA==$',
    ]) {
      expect(await verifyPassword('anything at all', bad)).toBe(false);
    }
  });

  it('spends the same scrypt work on an unknown account and always answers false', async () => {
    // Same work = a hash at the same parameters and key length (no timed assertion).
    const params = (stored: string) => stored.split('$').slice(0, 4).join('$');
    const keyLength = (stored: string) => Buffer.from(stored.split('$')[5] ?? '', 'base64').length;
    const real = await hashPassword('correct horse battery');
    const dummy = await dummyHash();
    expect(params(dummy)).toBe(params(real));
    expect(keyLength(dummy)).toBe(keyLength(real));
    expect(await verifyAgainstDummy('correct horse battery')).toBe(false);
  });
});
