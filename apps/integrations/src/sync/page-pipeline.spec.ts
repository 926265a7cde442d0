import type { RunStats } from '@seg/contracts';
import { emptyStats } from '../runs/run.schema';
import { PagePipeline } from './page-pipeline';
import type { PageSink, PreparedPage } from './page-sender';
import type { VendorRecord } from './sync-provider';

interface Deferred {
  promise: Promise<RunStats>;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** A writer whose commits end when the test says so; records name their user. */
class ControlledWriter {
  readonly commits = new Map<string, Deferred>();
  readonly started: string[] = [];

  async prepare(records: VendorRecord[]): Promise<PreparedPage> {
    const stats = { ...emptyStats(), fetched: records.length };
    return { kind: 'records', records, stats, keys: records.map((r) => `u:${r.userId}`) };
  }

  async preparePending(): Promise<PreparedPage> {
    return { kind: 'kept', records: [], stats: emptyStats(), keys: [] };
  }

  commit(page: PreparedPage): Promise<RunStats> {
    const name = page.records.map((r) => r.userId).join(',');
    this.started.push(name);
    let resolve!: () => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<RunStats>((ok, ko) => {
      resolve = () => ok({ ...page.stats, created: page.records.length });
      reject = ko;
    });
    this.commits.set(name, { promise, resolve, reject });
    return promise;
  }
}

const page = (...users: string[]): VendorRecord[] =>
  users.map((userId) => ({ externalId: userId, userId, attributes: {} }));
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('PagePipeline', () => {
  let writer: ControlledWriter;
  let stats: RunStats;
  let saved: Array<{ checkpoint: Record<string, unknown>; stats: RunStats }>;
  let pipeline: PagePipeline;

  beforeEach(() => {
    writer = new ControlledWriter();
    stats = emptyStats();
    saved = [];
    pipeline = new PagePipeline(
      writer as PageSink,
      stats,
      async (s, checkpoint) => {
        saved.push({ checkpoint, stats: s });
      },
      4,
    );
  });

  it('overlaps writes but saves a checkpoint only once its page and every earlier one are written', async () => {
    await pipeline.push(page('a', 'b'), { after: 1 });
    await pipeline.push(page('c'), { after: 2 });
    await tick();
    // Both pages are being written at once.
    expect(writer.started).toEqual(['a,b', 'c']);
    writer.commits.get('c')?.resolve();
    await tick();
    expect(saved).toEqual([]); // page 2 done, page 1 not: nothing moves past page 1
    writer.commits.get('a,b')?.resolve();
    await pipeline.flush();
    expect(saved.map((s) => s.checkpoint)).toEqual([{ after: 1 }, { after: 2 }]);
    expect(saved[0]?.stats).toMatchObject({ fetched: 2, created: 2 });
    expect(saved[1]?.stats).toMatchObject({ fetched: 3, created: 3 });
    expect(stats).toMatchObject({ fetched: 3, created: 3 });
  });

  it('writes a user of a page only after an earlier page writing the same user', async () => {
    await pipeline.push(page('a', 'b'), { after: 1 });
    await pipeline.push(page('b', 'c'), { after: 2 });
    await tick();
    expect(writer.started).toEqual(['a,b']);
    writer.commits.get('a,b')?.resolve();
    await tick();
    expect(writer.started).toEqual(['a,b', 'b,c']);
    writer.commits.get('b,c')?.resolve();
    await pipeline.flush();
    expect(saved).toHaveLength(2);
  });

  it('holds fetching once too many records wait to be written', async () => {
    await pipeline.push(page('a', 'b'), { after: 1 });
    await pipeline.push(page('c', 'd'), { after: 2 });
    let third = false;
    const pushing = pipeline.push(page('e'), { after: 3 }).then(() => (third = true));
    await tick();
    expect(third).toBe(false);
    writer.commits.get('a,b')?.resolve();
    await pushing;
    expect(third).toBe(true);
    for (const name of ['c,d', 'e']) writer.commits.get(name)?.resolve();
    await pipeline.flush();
  });

  it('stops at the first failure: later pages are not saved, the error surfaces', async () => {
    await pipeline.push(page('a'), { after: 1 });
    await pipeline.push(page('b'), { after: 2 });
    await tick();
    writer.commits.get('b')?.resolve();
    writer.commits.get('a')?.reject(new Error('write failed'));
    await expect(pipeline.flush()).rejects.toThrow('write failed');
    await expect(pipeline.push(page('c'), { after: 3 })).rejects.toThrow('write failed');
    expect(saved).toEqual([]);
    expect(writer.started).toEqual(['a', 'b']);
  });

  it('on cancel, drops the pages not being written yet and keeps the checkpoint before them', async () => {
    await pipeline.push(page('a'), { after: 1 });
    await pipeline.push(page('b'), { after: 2 });
    await tick();
    // A third page is queued behind a user still being written (its write has not started).
    await pipeline.push(page('b', 'c'), { after: 3 });
    pipeline.cancel();
    writer.commits.get('a')?.resolve();
    writer.commits.get('b')?.resolve();
    await pipeline.settle();
    expect(writer.started).toEqual(['a', 'b']);
    expect(saved.map((s) => s.checkpoint)).toEqual([{ after: 1 }, { after: 2 }]);
  });
});
