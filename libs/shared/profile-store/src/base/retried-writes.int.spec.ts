import mongoose, { Connection, mongo } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { isDuplicateKeyError } from '../util/duplicate-key';
import { retryBusy } from '../util/write-retry';
import { RetriedWrites } from './retried-writes';

// Against the real FerretDB: the duplicate-key errors are the ones it really answers.
describe('RetriedWrites and duplicate keys', () => {
  let connection: Connection;
  let keys: mongo.Collection<{ _id: string; n: number }>;
  let writes: RetriedWrites<{ _id: string; n: number }>;

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(process.env['MONGODB_URI'] as string, {
        dbName: `t_writes_${randomBytes(4).toString('hex')}`,
      })
      .asPromise();
    keys = connection.collection('keys');
    writes = new RetriedWrites(keys);
    await writes.insertOne({ _id: 'a', n: 1 });
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('insertNew answers the indexes refused as duplicates and inserts the others', async () => {
    const refused = await writes.insertNew([
      { _id: 'b', n: 2 },
      { _id: 'a', n: 99 },
      { _id: 'c', n: 3 },
    ]);
    expect([...refused]).toEqual([1]);
    expect(await keys.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2 },
      { _id: 'c', n: 3 },
    ]);
    expect([...(await writes.insertNew([{ _id: 'd', n: 4 }]))]).toEqual([]);
  });

  it('recognises a single and a bulk duplicate, and nothing else', async () => {
    const single = await keys.insertOne({ _id: 'a', n: 0 }).catch((error: unknown) => error);
    expect(isDuplicateKeyError(single)).toBe(true);
    const bulk = await keys
      .insertMany([{ _id: 'a', n: 0 }], { ordered: false })
      .catch((error: unknown) => error);
    expect(isDuplicateKeyError(bulk)).toBe(true);
    const other = await keys
      .updateOne({ _id: 'a' }, { $inc: { n: 'x' as unknown as number } })
      .catch((error: unknown) => error);
    expect(other).toBeInstanceOf(Error);
    expect(isDuplicateKeyError(other)).toBe(false);
    expect(isDuplicateKeyError(new Error('E11000 in the text only'))).toBe(false);
    expect(isDuplicateKeyError(null)).toBe(false);
  });
});

describe('retryBusy', () => {
  const busy = () => new Error('database is locked (SQLITE_BUSY)');

  it('retries a write refused as busy until it succeeds', async () => {
    let calls = 0;
    const result = await retryBusy(async () => {
      calls += 1;
      if (calls < 3) throw busy();
      return 'written';
    });
    expect({ result, calls }).toEqual({ result: 'written', calls: 3 });
  });

  it('gives up after the attempts and rethrows any other error at once', async () => {
    let calls = 0;
    await expect(
      retryBusy(async () => {
        calls += 1;
        throw busy();
      }, 2),
    ).rejects.toThrow('SQLITE_BUSY');
    expect(calls).toBe(2);
    calls = 0;
    await expect(
      retryBusy(async () => {
        calls += 1;
        throw new Error('other');
      }),
    ).rejects.toThrow('other');
    expect(calls).toBe(1);
  });
});
