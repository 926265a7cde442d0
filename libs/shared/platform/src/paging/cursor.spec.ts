import { DomainError } from '@seg/contracts';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from './cursor';

describe('list cursors', () => {
  const position = z.object({ c: z.iso.datetime(), i: z.string().min(1) });

  it('decodes what it encoded, and nothing for the first page', () => {
    const last = { c: '2026-01-02T03:04:05.000Z', i: 'seg_abc' };
    const cursor = encodeCursor(last);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, position)).toEqual(last);
    expect(decodeCursor(undefined, position)).toBeUndefined();
    expect(decodeCursor('', position)).toBeUndefined();
  });

  it.each([
    ['not base64url JSON', 'zzz'],
    ['JSON of another shape', encodeCursor({ u: 'user-1' })],
    ['JSON that is not an object', encodeCursor(42)],
  ])('refuses %s with a 400 at query.cursor', (_label, cursor) => {
    let caught: unknown;
    try {
      decodeCursor(cursor, position);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Invalid cursor',
      details: [{ path: 'query.cursor', message: 'is not a cursor returned by this list' }],
    });
  });
});
