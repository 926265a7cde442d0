import { Injectable, Logger } from '@nestjs/common';
import { INGEST_LIMITS, type IngestMessage, type SegmentApplyJobPayload } from '@seg/contracts';
import { BusClient } from '@seg/platform';
import { SegmentDeliveryRepository } from '../../segment-delivery.repository';
import { toSegmentAction } from './segment-message';

export interface ApplyDeliveriesResult {
  ingested: number;
  erased: number;
  skipped: number;
}

/**
 * Applies stored Segment.io deliveries through the users service, in the order
 * they were received: runs of identify/track/page go to `users.messages.accept`
 * with source `segment` (durable and idempotent by messageId there), a delete goes
 * to `users.user.erase` after everything before it. Each step marks its deliveries
 * applied; a bus failure throws, and the retried job takes up what is left (an
 * already accepted message is a duplicate for the users service, never applied twice).
 */
@Injectable()
export class ApplyDeliveriesUseCase {
  private readonly logger = new Logger(ApplyDeliveriesUseCase.name);

  constructor(
    private readonly deliveries: SegmentDeliveryRepository,
    private readonly bus: BusClient,
  ) {}

  async execute({
    workspaceId,
    deliveryIds,
  }: SegmentApplyJobPayload): Promise<ApplyDeliveriesResult> {
    const pending = new Map(
      (await this.deliveries.pending(workspaceId, deliveryIds)).map((d) => [d._id, d]),
    );
    // The job lists the ids in the order of the webhook body.
    const ordered = deliveryIds.flatMap((id) => pending.get(id) ?? []);
    const result: ApplyDeliveriesResult = { ingested: 0, erased: 0, skipped: 0 };
    let batch: Array<{ id: string; message: IngestMessage }> = [];
    const skipped = new Map<string, string>();

    const flush = async () => {
      if (batch.length === 0 && skipped.size === 0) return;
      if (batch.length > 0) {
        await this.bus.request('users.messages.accept', {
          workspaceId,
          source: 'segment',
          messages: batch.map((entry) => entry.message),
        });
        result.ingested += batch.length;
      }
      await this.deliveries.markApplied(
        workspaceId,
        [...batch.map((entry) => entry.id), ...skipped.keys()],
        skipped,
      );
      batch = [];
      skipped.clear();
    };

    for (const delivery of ordered) {
      const action = toSegmentAction(delivery, delivery.receivedAt);
      if (action.kind === 'skip') {
        this.logger.warn({ workspaceId, messageId: delivery.messageId }, action.reason);
        skipped.set(delivery._id, action.reason);
        result.skipped += 1;
      } else if (action.kind === 'ingest') {
        batch.push({ id: delivery._id, message: action.message });
        if (batch.length >= INGEST_LIMITS.maxBatchMessages) await flush();
      } else {
        await flush();
        await this.bus.request('users.user.erase', { workspaceId, userId: action.userId });
        await this.deliveries.markApplied(workspaceId, [delivery._id], new Map());
        result.erased += 1;
      }
    }
    await flush();
    return result;
  }
}
