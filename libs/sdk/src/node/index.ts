import { Client, memoryStore } from '../core/client';
import type { Options } from '../core/types';

export type * from '../core/types';
export type { CallOptions } from '../core/client';

/**
 * The server client: the same calls as in the browser, each naming its user with
 * `{ userId }` (or the last `identify`), a bounded in-memory queue (10,000 by default), and
 * `close()` to send what is left before the process exits. A secret or a public key works.
 */
export class NodeClient extends Client {
  constructor(options: Options) {
    super({ maxQueueSize: 10_000, flushAt: 100, ...options }, memoryStore());
  }

  /** Sends everything still queued (retrying as configured); call it on shutdown. */
  async close(): Promise<void> {
    let before = Number.POSITIVE_INFINITY;
    // Each flush either empties the queue or gives up on what the API would not take.
    while (this.pending > 0 && this.pending < before) {
      before = this.pending;
      await this.flush();
    }
    this.stopTimer();
  }
}

export function createClient(options: Options): NodeClient {
  return new NodeClient(options);
}
