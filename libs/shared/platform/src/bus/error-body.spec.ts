import { DomainError } from '@seg/contracts';
import { MongoBulkWriteError, MongoNetworkError, MongoServerSelectionError } from 'mongodb';
import { DATABASE_RETRY_AFTER_SECONDS } from '../mongo/transient-error';
import { toErrorBody } from './bus-handlers';

describe('toErrorBody', () => {
  it('keeps a domain error as it is', () => {
    expect(toErrorBody(new DomainError('NOT_FOUND', 'Segment seg_1 not found'))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Segment seg_1 not found',
    });
  });

  it('answers an unreachable database as unavailable for a moment, not as a fault', () => {
    const refused = new MongoServerSelectionError(
      'connect ECONNREFUSED 127.0.0.1:27017',
      {} as never,
    );
    const closed = new MongoNetworkError('connection 2 to 127.0.0.1:27017 closed');
    // A bulk write reports the closed connection inside its own error.
    const bulk = new MongoBulkWriteError(closed, {
      insertedCount: 0,
      matchedCount: 0,
      modifiedCount: 0,
      deletedCount: 0,
      upsertedCount: 0,
      upsertedIds: {},
      insertedIds: {},
    } as never);
    for (const error of [refused, closed, bulk]) {
      expect(toErrorBody(error)).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        message: 'The database is unreachable for a moment; try again shortly',
        meta: { retryAfter: DATABASE_RETRY_AFTER_SECONDS },
      });
    }
  });

  it('answers anything else as an internal error with an id', () => {
    const body = toErrorBody(new TypeError('x is undefined'));
    expect(body.code).toBe('INTERNAL');
    expect(body.meta?.['errorId']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
