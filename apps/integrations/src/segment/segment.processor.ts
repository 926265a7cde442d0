import { Processor } from '@nestjs/bullmq';
import { RequestIdWorkerHost } from '@seg/platform';
import { queueContracts } from '@seg/contracts';
import type { Job } from 'bullmq';
import { SEGMENT_QUEUE } from '../jobs/segment-queue';
import {
  ApplyDeliveriesResult,
  ApplyDeliveriesUseCase,
} from './usecases/apply-deliveries/apply-deliveries.usecase';

/**
 * Segment.io deliveries stored by the webhook, applied through the users service.
 * One job at a time per worker, so deliveries are applied in the order received
 * (a delete after an identify of the same user stays after it).
 */
@Processor(SEGMENT_QUEUE, { concurrency: 1 })
export class SegmentProcessor extends RequestIdWorkerHost {
  constructor(private readonly applyDeliveries: ApplyDeliveriesUseCase) {
    super();
  }

  async process(job: Job): Promise<ApplyDeliveriesResult> {
    if (job.name !== 'apply') throw new Error(`Unknown job ${job.name}`);
    const payload = queueContracts[SEGMENT_QUEUE].apply.parse(job.data);
    return this.applyDeliveries.execute(payload);
  }
}
