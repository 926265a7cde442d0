import { Injectable } from '@nestjs/common';

/** Counts bus messages being handled so shutdown can wait for them to finish. */
@Injectable()
export class InflightTracker {
  private count = 0;
  private waiters: Array<() => void> = [];

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.count += 1;
    try {
      return await work();
    } finally {
      this.count -= 1;
      if (this.count === 0) this.waiters.splice(0).forEach((resolve) => resolve());
    }
  }

  get inflight(): number {
    return this.count;
  }

  /** Resolves once nothing is in flight, or after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** Process-wide tracker: handler decorators run outside Nest's injector. */
export const inflightTracker = new InflightTracker();
