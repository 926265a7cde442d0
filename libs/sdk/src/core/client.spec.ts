import { backoffDelay, retryAfterMs } from './backoff';
import { Client, memoryStore, type QueueStore } from './client';
import type { Clock, Outgoing, SdkError, TransportRequest, TransportResponse } from './types';

/** Time that moves only when the test says so; timers fire in order. */
class FakeClock implements Clock {
  private time = Date.parse('2026-12-01T10:00:00.000Z');
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 1;

  now = () => this.time;
  setTimeout = (callback: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  };

  /** Moves time forward by `ms`, firing each due timer (and what it schedules) in order. */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = until;
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

interface Sent {
  at: number;
  request: TransportRequest;
  body: { batch?: Array<{ messageId: string; type: string; timestamp: string }> } & Record<
    string,
    unknown
  >;
}

/** Answers each request with the next scripted status (then 202); records what was sent. */
function fakeTransport(
  clock: FakeClock,
  script: Array<number | 'network' | [number, string]> = [],
) {
  const sent: Sent[] = [];
  const transport = async (request: TransportRequest): Promise<TransportResponse> => {
    sent.push({ at: clock.now(), request, body: request.body ? JSON.parse(request.body) : {} });
    const next = script.shift() ?? 202;
    if (next === 'network') throw new TypeError('fetch failed');
    const [status, retryAfter] = Array.isArray(next) ? next : [next, null];
    return {
      status,
      header: (name) => (name === 'retry-after' ? retryAfter : null),
      json: async () => ({ accepted: 1, duplicates: 0, rejected: [] }),
    };
  };
  return { sent, transport };
}

function setup(
  script: Array<number | 'network' | [number, string]> = [],
  options: Partial<ConstructorParameters<typeof Client>[0]> = {},
  store: QueueStore = memoryStore(),
) {
  const clock = new FakeClock();
  const { sent, transport } = fakeTransport(clock, script);
  const errors: SdkError[] = [];
  const client = new Client(
    {
      writeKey: 'pk_test',
      host: 'https://api.test',
      transport,
      clock,
      random: () => 0.5,
      onError: (error) => errors.push(error),
      ...options,
    },
    store,
  );
  return { clock, sent, client, errors };
}

const messageIds = (sent: Sent[]) =>
  sent.flatMap((s) => (s.body.batch ?? []).map((m) => m.messageId));

describe('SDK client', () => {
  it('stamps each message when the call is made, with a messageId, in the wire format', async () => {
    const { clock, sent, client } = setup();
    client.identify('u1', { plan: 'pro' });
    await clock.advance(1_000);
    client.track('Clicked', { button: 'buy' });
    client.page('Pricing');
    await client.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0].request).toMatchObject({
      method: 'POST',
      url: 'https://api.test/v1/batch',
      headers: { authorization: 'Bearer pk_test', 'content-type': 'application/json' },
    });
    const batch = sent[0].body.batch ?? [];
    expect(batch).toEqual([
      expect.objectContaining({
        type: 'identify',
        userId: 'u1',
        traits: { plan: 'pro' },
        timestamp: '2026-12-01T10:00:00.000Z',
      }),
      expect.objectContaining({
        type: 'track',
        userId: 'u1',
        event: 'Clicked',
        timestamp: '2026-12-01T10:00:01.000Z',
      }),
      expect.objectContaining({ type: 'page', userId: 'u1', name: 'Pricing' }),
    ]);
    expect(new Set(batch.map((m) => m.messageId)).size).toBe(3);
  });

  it('batches by count: flushAt messages leave at once, the rest after flushInterval', async () => {
    const { clock, sent, client } = setup([], { flushAt: 3, flushInterval: 10_000 });
    client.identify('u1');
    for (let i = 0; i < 4; i++) client.track(`e${i}`);
    await clock.advance(0);
    expect(sent.map((s) => s.body.batch?.length)).toEqual([3]);
    await clock.advance(9_999);
    expect(sent).toHaveLength(1);
    await clock.advance(1);
    expect(sent.map((s) => s.body.batch?.length)).toEqual([3, 2]);
  });

  it('batches by size: no body over maxBatchBytes', async () => {
    const { sent, client } = setup([], { maxBatchBytes: 2_000, flushAt: 500 });
    client.identify('u1');
    for (let i = 0; i < 20; i++) client.track('Big', { text: 'x'.repeat(300) });
    await client.flush();
    expect(sent.length).toBeGreaterThan(3);
    for (const s of sent) expect((s.request.body ?? '').length).toBeLessThanOrEqual(2_000);
    expect(messageIds(sent)).toHaveLength(21);
  });

  it('never sends more than 500 messages in one batch', async () => {
    const { sent, client } = setup([], { flushAt: 10_000, maxQueueSize: 5_000 });
    client.identify('u1');
    for (let i = 0; i < 1_200; i++) client.track('e');
    await client.flush();
    expect(Math.max(...sent.map((s) => s.body.batch?.length ?? 0))).toBe(500);
    expect(messageIds(sent)).toHaveLength(1_201);
  });

  it('retries 5xx and network errors with exponential backoff and the same messageIds', async () => {
    const { clock, sent, client } = setup([503, 'network', 500, 202]);
    client.identify('u1');
    const flushed = client.flush();
    await clock.advance(60_000);
    await flushed;
    expect(sent).toHaveLength(4);
    // random() = 0.5: three quarters of 500·2ⁿ ms between attempts.
    const gaps = sent.slice(1).map((s, i) => s.at - sent[i].at);
    expect(gaps).toEqual([375, 750, 1_500]);
    expect(new Set(sent.map((s) => JSON.stringify(messageIds([s])))).size).toBe(1);
  });

  it('honours Retry-After on 429 (seconds or an HTTP date)', async () => {
    const { clock, sent, client } = setup([
      [429, '7'],
      [429, new Date(Date.parse('2026-12-01T10:00:30.000Z')).toUTCString()],
      202,
    ]);
    client.identify('u1');
    const flushed = client.flush();
    await clock.advance(120_000);
    await flushed;
    expect(sent.map((s) => s.at - sent[0].at)).toEqual([0, 7_000, 30_000]);
  });

  it('does not retry other 4xx: the batch is reported to onError and dropped', async () => {
    const { sent, client, errors } = setup([400]);
    client.identify('u1');
    await client.flush();
    expect(sent).toHaveLength(1);
    expect(errors).toEqual([expect.objectContaining({ kind: 'rejected', status: 400, count: 1 })]);
    expect(client.pending).toBe(0);
  });

  it('keeps what it could not send after maxRetries, and sends it at a later flush', async () => {
    const { clock, sent, client } = setup(['network', 'network', 'network'], {
      maxRetries: 2,
      flushInterval: 1_000,
    });
    client.identify('u1');
    const flushed = client.flush();
    await clock.advance(10_000);
    await flushed;
    expect(client.pending).toBe(0);
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map((s) => JSON.stringify(messageIds([s])))).size).toBe(1);
  });

  it('bounds the queue: the oldest are dropped first, and counted', async () => {
    const { client, errors, sent } = setup(['network', 'network'], {
      maxQueueSize: 3,
      maxRetries: 0,
      flushAt: 100,
    });
    client.identify('u1');
    for (let i = 0; i < 4; i++) client.track(`e${i}`);
    expect(client.pending).toBe(3);
    expect(errors).toEqual([
      expect.objectContaining({ kind: 'dropped', count: 1 }),
      expect.objectContaining({ kind: 'dropped', count: 1 }),
    ]);
    await client.flush();
    await client.flush();
    expect(sent.at(-1)?.body.batch?.map((m) => (m as unknown as { event: string }).event)).toEqual([
      'e1',
      'e2',
      'e3',
    ]);
  });

  it('sends a queue loaded from its store (the next page load), and saves what remains', async () => {
    const saved: Outgoing[][] = [];
    const first = setup(
      ['network'],
      { maxRetries: 0 },
      { load: () => [], save: (items) => saved.push([...items]) },
    );
    first.client.identify('u1');
    first.client.track('Offline');
    await first.client.flush();
    const left = saved.at(-1) ?? [];
    expect(left).toHaveLength(2);
    const second = setup([], {}, { load: () => left, save: () => undefined });
    await second.clock.advance(0);
    expect(messageIds(second.sent)).toEqual(
      left.map((i) => (i.kind === 'message' ? i.message.messageId : '')),
    );
  });

  it('sends interactions one per request, retried with their messageId', async () => {
    // The identify's batch goes first (202), then the interaction: 503, then 202.
    const { clock, sent, client } = setup([202, 503, 202]);
    client.identify('u1');
    client.recordInteraction('exp_1', { type: 'answered', stepId: 'q1', answer: 'Yes' });
    await clock.advance(5_000);
    expect(sent.map((s) => s.request.url.replace('https://api.test', ''))).toEqual([
      '/v1/batch',
      '/v1/interactions',
      '/v1/interactions',
    ]);
    const interactions = sent.slice(1);
    const bodies = interactions.map((s) => s.body);
    expect(bodies[0]).toMatchObject({
      userId: 'u1',
      experienceId: 'exp_1',
      type: 'answered',
      stepId: 'q1',
      answer: 'Yes',
    });
    expect(new Set(bodies.map((b) => b['messageId'])).size).toBe(1);
  });

  it('asks for experiences conditionally and keeps the last answer on 304, 429 and errors', async () => {
    const clock = new FakeClock();
    const requests: TransportRequest[] = [];
    const answers: Array<TransportResponse | Error> = [
      {
        status: 200,
        header: (n) => (n === 'etag' ? '"v1"' : null),
        json: async () => ({ experiences: [{ id: 'exp_1' }] }),
      },
      { status: 304, header: () => null, json: async () => ({}) },
      { status: 429, header: () => '3', json: async () => ({}) },
      new TypeError('offline'),
    ];
    const client = new Client(
      {
        writeKey: 'pk_test',
        host: 'https://api.test',
        clock,
        transport: async (request) => {
          requests.push(request);
          const next = answers.shift();
          if (next instanceof Error) throw next;
          return next!;
        },
      },
      memoryStore(),
    );
    client.identify('u 1');
    const first = await client.experiences();
    expect(first).toEqual([{ id: 'exp_1' }]);
    expect(requests[0]).toMatchObject({
      method: 'GET',
      url: 'https://api.test/v1/users/u%201/experiences',
    });
    expect(requests[0].headers['if-none-match']).toBeUndefined();
    expect(await client.experiences()).toEqual(first);
    expect(requests[1].headers['if-none-match']).toBe('"v1"');
    expect(await client.experiences()).toEqual(first);
    expect(await client.experiences()).toEqual(first);
  });

  it('needs a user for a call that names none', () => {
    const { client } = setup();
    expect(() => client.track('x')).toThrow('identify');
    expect(() => client.track('x', {}, { userId: 'server-user' })).not.toThrow();
  });
});

describe('backoff', () => {
  it('doubles up to a ceiling, with jitter between half and all of it', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, () => 0))).toEqual([250, 500, 1_000, 2_000]);
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, () => 0.999_999))).toEqual([
      500, 1_000, 2_000, 4_000,
    ]);
    expect(backoffDelay(20, () => 1)).toBe(30_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-12-01T10:00:00.000Z');
    expect(retryAfterMs('12', now)).toBe(12_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 10:00:05 GMT', now)).toBe(5_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
