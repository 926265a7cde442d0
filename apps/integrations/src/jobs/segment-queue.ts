import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { JobPayload } from '@seg/contracts';
import { jobRequestContext } from '@seg/platform';
import type { Queue } from 'bullmq';

export const SEGMENT_QUEUE = 'integrations.segment';
export type SegmentJobData = JobPayload<typeof SEGMENT_QUEUE, 'apply'>;

/** Producer side of the Segment.io queue: stored deliveries to apply. */
@Injectable()
export class SegmentQueue {
  constructor(@InjectQueue(SEGMENT_QUEUE) private readonly queue: Queue<SegmentJobData>) {}

  async enqueueApply(workspaceId: string, deliveryIds: string[], jobId: string): Promise<void> {
    await this.queue.add('apply', { workspaceId, deliveryIds, ...jobRequestContext() }, { jobId });
  }
}
