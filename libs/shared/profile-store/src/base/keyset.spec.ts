import { keysetAfter } from './keyset';

describe('keysetAfter', () => {
  it('ascending: a later sort key, or the same one and a greater tie-breaker', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(
      keysetAfter({ field: 'createdAt', order: 1, value: at }, { field: '_id', value: 'seg_b' }),
    ).toEqual({
      $or: [{ createdAt: { $gt: at } }, { createdAt: at, _id: { $gt: 'seg_b' } }],
    });
  });

  it('descending: an earlier sort key, or the same one and a greater tie-breaker', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(
      keysetAfter(
        { field: 'lastActivityAt', order: -1, value: at },
        { field: 'userId', value: 'u1' },
      ),
    ).toEqual({
      $or: [{ lastActivityAt: { $lt: at } }, { lastActivityAt: at, userId: { $gt: 'u1' } }],
    });
  });
});
