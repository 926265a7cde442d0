import { inspect } from 'node:util';

/**
 * What a test handler received, for this library's own bus specs (the testing library's
 * `waitFor` is built on this library, so it cannot be used here). Waiting is driven by
 * the arrivals themselves, not by polling: `next` resolves on the first item, received
 * or to come, that matches, and fails after the deadline with everything received.
 */
export class Inbox<T> {
  readonly items: T[] = [];
  private readonly waiters: Array<{ match: (item: T) => boolean; resolve: (item: T) => void }> = [];

  push(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(item)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(item);
      }
    }
  }

  next(match: (item: T) => boolean, what: string, timeoutMs = 5_000): Promise<T> {
    const found = this.items.find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        match,
        resolve: (item: T) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for ${what}; received: ${inspect(this.items, { depth: 4, breakLength: Infinity })}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}
