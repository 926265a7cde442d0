import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { inflightTracker } from './inflight-tracker';

/** How long replies and acks of the last handlers get to leave before channels close. */
const FLUSH_GRACE_MS = 200;

/**
 * Lets messages being handled finish before the bus connection closes. Nest
 * sends a handler's reply just after the handler resolves, so once nothing is
 * in flight a short grace period lets those last replies be published.
 */
@Injectable()
export class ShutdownDrain implements BeforeApplicationShutdown {
  async beforeApplicationShutdown(): Promise<void> {
    await inflightTracker.drain(10_000);
    await new Promise((resolve) => setTimeout(resolve, FLUSH_GRACE_MS));
  }
}
