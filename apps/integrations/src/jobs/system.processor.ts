import { Processor } from '@nestjs/bullmq';
import { RequestIdWorkerHost } from '@seg/platform';
import { queueContracts } from '@seg/contracts';
import type { Job } from 'bullmq';
import { hostname } from 'node:os';

/** Liveness of the workers: an `echo` job round trip proves Redis and a worker are there. */
@Processor('integrations.system')
export class SystemProcessor extends RequestIdWorkerHost {
  async process(job: Job): Promise<{ echoed: string; worker: string }> {
    if (job.name !== 'echo') throw new Error(`Unknown job ${job.name}`);
    const payload = queueContracts['integrations.system'].echo.parse(job.data);
    return { echoed: payload.message, worker: `${hostname()}:${process.pid}` };
  }
}
