import { Provider } from '@nestjs/common';
import { QueueEvents } from 'bullmq';
import type { IntegrationsConfig } from '../config';

/** The users service's queue of sync pages (it writes them; this app only produces). */
export const SYNC_PAGES_QUEUE = 'users.sync-pages' as const;
export const SYNC_PAGES_EVENTS = Symbol('SYNC_PAGES_EVENTS');

/** The queue's completion events, one listener for every run of this process. */
export function syncPagesEventsProvider(config: IntegrationsConfig): Provider {
  return {
    provide: SYNC_PAGES_EVENTS,
    useFactory: async () => {
      const events = new QueueEvents(SYNC_PAGES_QUEUE, {
        connection: { url: config.REDIS_URL },
        prefix: `${config.BUS_PREFIX}:bull`,
      });
      await events.waitUntilReady();
      return events;
    },
  };
}
