import type { DiscoveryService } from '@nestjs/core';
import type { DependencyCheck } from '../health/dependency-check';
import { workerHostsOf } from './worker-drain';

/** Up while this process's worker of `queue` runs (not closed, not closing); Redis has its own check. */
export class QueueWorkerCheck implements DependencyCheck {
  readonly name: string;

  constructor(
    private readonly queue: string,
    private readonly discovery: DiscoveryService,
  ) {
    this.name = `queue:${queue}`;
  }

  async check(): Promise<boolean> {
    const host = workerHostsOf(this.discovery).find((h) => h.worker.name === this.queue);
    return host !== undefined && host.worker.isRunning() && !host.worker.closing;
  }
}
