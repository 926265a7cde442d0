import { WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';

/** The BullMQ processors of this process (every provider that is a WorkerHost). */
export function workerHostsOf(discovery: DiscoveryService): WorkerHost[] {
  return discovery
    .getProviders()
    .map((wrapper) => wrapper.instance as unknown)
    .filter((instance): instance is WorkerHost => instance instanceof WorkerHost);
}

/**
 * Closes every worker before any connection does: BullMQ's close lets the current
 * jobs finish (processors hear 'closing' and may stop at a safe point), so the bus
 * and database they use are still there until the last one ends.
 */
@Injectable()
export class WorkerDrain implements BeforeApplicationShutdown {
  constructor(private readonly discovery: DiscoveryService) {}

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(workerHostsOf(this.discovery).map((host) => host.worker.close()));
  }
}
