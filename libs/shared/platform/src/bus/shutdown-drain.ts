import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { inflightTracker } from './inflight-tracker';

/** Lets messages being handled finish before the bus connection closes. */
@Injectable()
export class ShutdownDrain implements BeforeApplicationShutdown {
  async beforeApplicationShutdown(): Promise<void> {
    await inflightTracker.drain(10_000);
  }
}
