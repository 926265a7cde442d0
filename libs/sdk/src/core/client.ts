import { backoffDelay, retryAfterMs } from './backoff';
import { uuid } from './ids';
import {
  type Clock,
  type InteractionInput,
  MAX_BATCH_MESSAGES,
  type Message,
  type Options,
  type Outgoing,
  type Properties,
  type TargetedExperiences,
  type Traits,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from './types';

/** Where waiting messages are kept between flushes (memory, or the browser's storage). */
export interface QueueStore {
  load(): Outgoing[];
  save(items: readonly Outgoing[]): void;
}

/** Per call on servers: whose message this is (browsers use the identified user). */
export interface CallOptions {
  userId?: string;
}

type Outcome = 'sent' | 'rejected' | 'failed';
/** A message as a call makes it, before it gets its id and time (each kind of the union). */
type Unstamped<T> = T extends unknown ? Omit<T, 'messageId' | 'timestamp'> : never;

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // On servers a pending flush must not keep the process alive (close() sends the rest).
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const fetchTransport: Transport = async (request) => {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    keepalive: request.keepalive,
  });
  return {
    status: response.status,
    header: (name) => response.headers.get(name),
    json: () => response.json() as Promise<unknown>,
  };
};

/**
 * The SDK's engine, shared by the browser and the Node builds: messages get their
 * `messageId` and `timestamp` when the call is made, wait in a bounded queue, and leave in
 * batches (by count, size or time) that are retried with backoff (honouring `Retry-After`)
 * until the API takes them, with the same `messageId`s, so a retry never counts twice.
 */
export class Client {
  protected userId: string | undefined;
  private readonly queue: Outgoing[];
  private readonly options: Required<
    Pick<Options, 'flushAt' | 'flushInterval' | 'maxBatchBytes' | 'maxQueueSize' | 'maxRetries'>
  >;
  private readonly transport: Transport;
  private readonly clock: Clock;
  private readonly random: () => number;
  private timer: unknown;
  private timerDue = 0;
  private draining: Promise<void> | undefined;
  private lastAnswer:
    { userId: string; etag: string | null; experiences: TargetedExperiences } | undefined;

  constructor(
    private readonly settings: Options,
    private readonly store: QueueStore,
  ) {
    this.options = {
      flushAt: Math.min(MAX_BATCH_MESSAGES, settings.flushAt ?? 20),
      flushInterval: settings.flushInterval ?? 5_000,
      maxBatchBytes: Math.min(settings.maxBatchBytes ?? 500_000, 1_000_000),
      maxQueueSize: settings.maxQueueSize ?? 1_000,
      maxRetries: settings.maxRetries ?? 6,
    };
    this.transport = settings.transport ?? fetchTransport;
    this.clock = settings.clock ?? realClock;
    this.random = settings.random ?? Math.random;
    this.queue = [...store.load()];
    if (this.queue.length > 0) this.schedule(0);
  }

  identify(userId: string, traits?: Traits): void {
    this.userId = userId;
    this.enqueueMessage({ type: 'identify', userId, ...(traits ? { traits } : {}) });
  }

  track(event: string, properties?: Properties, options?: CallOptions): void {
    this.enqueueMessage({
      type: 'track',
      userId: this.who(options),
      event,
      ...(properties ? { properties } : {}),
    });
  }

  page(name?: string, properties?: Properties, options?: CallOptions): void {
    this.enqueueMessage({
      type: 'page',
      userId: this.who(options),
      ...(name === undefined ? {} : { name }),
      ...(properties ? { properties } : {}),
    });
  }

  recordInteraction(experienceId: string, input: InteractionInput, options?: CallOptions): void {
    this.enqueue({
      kind: 'interaction',
      interaction: { ...input, experienceId, userId: this.who(options), ...this.stamp() },
    });
  }

  /**
   * The published experiences targeting the user now. Conditional (`If-None-Match`): an
   * unchanged answer costs a bodiless 304. When the API refuses (429) or cannot be reached,
   * the last answer is kept.
   */
  async experiences(options?: CallOptions): Promise<TargetedExperiences> {
    const userId = this.who(options);
    const kept = this.lastAnswer?.userId === userId ? this.lastAnswer : undefined;
    try {
      const response = await this.transport({
        method: 'GET',
        url: `${this.settings.host}/v1/users/${encodeURIComponent(userId)}/experiences`,
        headers: { ...this.auth(), ...(kept?.etag ? { 'if-none-match': kept.etag } : {}) },
      });
      if (response.status === 304 && kept) return kept.experiences;
      if (response.status !== 200) return kept?.experiences ?? [];
      const { experiences } = (await response.json()) as { experiences: TargetedExperiences };
      this.lastAnswer = { userId, etag: response.header('etag'), experiences };
      return experiences;
    } catch {
      return kept?.experiences ?? [];
    }
  }

  /** Sends everything queued now; resolves once it is sent, refused, or retried to the end. */
  flush(keepalive = false): Promise<void> {
    return this.start(true, keepalive);
  }

  private start(all: boolean, keepalive = false): Promise<void> {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.draining ??= this.drain(all, keepalive).finally(() => {
      this.draining = undefined;
      // What could not be sent, or is short of a full batch, waits for the interval.
      if (this.queue.length > 0) this.schedule(this.options.flushInterval);
    });
    return this.draining;
  }

  /** Forgets the user (and the queue's unsent messages stay theirs). */
  reset(): void {
    this.userId = undefined;
    this.lastAnswer = undefined;
  }

  /** Stops the flush timer (a closing server client). */
  protected stopTimer(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Messages waiting to be sent (for tests and a graceful close). */
  get pending(): number {
    return this.queue.length;
  }

  protected who(options?: CallOptions): string {
    const userId = options?.userId ?? this.userId;
    if (!userId) throw new Error('No user: call identify(userId) first, or pass { userId }');
    return userId;
  }

  private stamp() {
    return { messageId: uuid(), timestamp: new Date(this.clock.now()).toISOString() };
  }

  private enqueueMessage(message: Unstamped<Message>): void {
    this.enqueue({ kind: 'message', message: { ...message, ...this.stamp() } as Message });
  }

  private enqueue(item: Outgoing): void {
    this.queue.push(item);
    const over = this.queue.length - this.options.maxQueueSize;
    if (over > 0) {
      this.queue.splice(0, over);
      this.settings.onError?.({
        kind: 'dropped',
        message: 'queue full: oldest dropped',
        count: over,
      });
    }
    this.store.save(this.queue);
    const waiting = this.queue.filter((i) => i.kind === 'message').length;
    if (item.kind === 'interaction' || waiting >= this.options.flushAt) this.sendFullBatches();
    else this.schedule(this.options.flushInterval);
  }

  /** A full batch (or an interaction) leaves now; a partial batch waits for the interval. */
  private sendFullBatches(): void {
    if (this.draining) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = this.clock.now();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.start(false);
    }, 0);
  }

  /** A flush in `ms`, unless one is due sooner (or running: it sends everything queued). */
  private schedule(ms: number): void {
    const due = this.clock.now() + ms;
    if (this.draining || (this.timer !== undefined && this.timerDue <= due)) return;
    this.clock.clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
  }

  private async drain(all: boolean, keepalive: boolean): Promise<void> {
    while (this.queue.length > 0) {
      const items = this.nextBatch();
      // Complete: an interaction, flushAt messages, or a batch cut short by size or by an
      // interaction behind it.
      const full =
        items[0].kind === 'interaction' ||
        items.length >= this.options.flushAt ||
        items.length < this.queue.length;
      if (!all && !full) break;
      const outcome = await this.send(items, keepalive);
      if (outcome === 'failed') break;
      for (const item of items) {
        const at = this.queue.indexOf(item);
        if (at >= 0) this.queue.splice(at, 1);
      }
      this.store.save(this.queue);
    }
  }

  /** The oldest interaction alone, or the oldest messages that fit one batch. */
  private nextBatch(): Outgoing[] {
    if (this.queue[0].kind === 'interaction') return [this.queue[0]];
    const batch: Outgoing[] = [];
    let bytes = 20;
    for (const item of this.queue) {
      if (item.kind !== 'message') break;
      const size = JSON.stringify(item.message).length + 1;
      if (
        batch.length > 0 &&
        (batch.length >= this.options.flushAt || bytes + size > this.options.maxBatchBytes)
      ) {
        break;
      }
      batch.push(item);
      bytes += size;
    }
    return batch;
  }

  private async send(items: Outgoing[], keepalive: boolean): Promise<Outcome> {
    const [first] = items;
    const request: TransportRequest =
      first.kind === 'interaction'
        ? {
            method: 'POST',
            url: `${this.settings.host}/v1/interactions`,
            headers: {},
            body: JSON.stringify(first.interaction),
          }
        : {
            method: 'POST',
            url: `${this.settings.host}/v1/batch`,
            headers: {},
            body: JSON.stringify({
              batch: items.map((i) => (i.kind === 'message' ? i.message : null)),
            }),
          };
    request.headers = { ...this.auth(), 'content-type': 'application/json' };
    request.keepalive = keepalive;
    for (let attempt = 0; ; attempt++) {
      let response: TransportResponse | undefined;
      try {
        response = await this.transport(request);
      } catch {
        // A network error: retried like a 5xx.
      }
      if (response && response.status < 300) {
        await this.reportRejected(response);
        return 'sent';
      }
      if (response && response.status !== 429 && response.status < 500) {
        this.settings.onError?.({
          kind: 'rejected',
          status: response.status,
          message: `the API refused ${items.length} message(s) with ${response.status}`,
          count: items.length,
        });
        return 'rejected';
      }
      if (attempt >= this.options.maxRetries || keepalive) return 'failed';
      const wait =
        retryAfterMs(response?.header('retry-after') ?? null, this.clock.now()) ??
        backoffDelay(attempt, this.random);
      await new Promise<void>((resolve) => this.clock.setTimeout(resolve, wait));
    }
  }

  /** A batch is taken as a whole; messages it refused one by one are reported. */
  private async reportRejected(response: TransportResponse): Promise<void> {
    if (response.status !== 202) return;
    const body = (await response.json().catch(() => undefined)) as
      { rejected?: unknown[] } | undefined;
    const count = body?.rejected?.length ?? 0;
    if (count > 0) {
      this.settings.onError?.({
        kind: 'rejected',
        status: 400,
        message: 'messages refused by the API',
        count,
      });
    }
  }

  private auth(): Record<string, string> {
    return { authorization: `Bearer ${this.settings.writeKey}` };
  }
}

/** A queue kept in memory only (servers). */
export function memoryStore(): QueueStore {
  return { load: () => [], save: () => undefined };
}
