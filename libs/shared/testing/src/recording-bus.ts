import type { EventPattern, RequestPattern } from '@seg/contracts';
import type { BusClient } from '@seg/platform';

/**
 * A stand-in for the bus in use-case specs: records what was emitted and
 * requested, and answers requests from `answers` (by pattern).
 */
export class RecordingBus {
  readonly emitted: Array<{ pattern: EventPattern; payload: unknown }> = [];
  readonly requested: Array<{ pattern: RequestPattern; payload: unknown }> = [];

  constructor(
    private readonly answers: Partial<Record<RequestPattern, (payload: never) => unknown>> = {},
  ) {}

  asBusClient(): BusClient {
    return this as unknown as BusClient;
  }

  async emit(pattern: EventPattern, payload: unknown): Promise<void> {
    this.emitted.push({ pattern, payload });
  }

  async request(pattern: RequestPattern, payload: unknown): Promise<unknown> {
    this.requested.push({ pattern, payload });
    const answer = this.answers[pattern];
    if (!answer) throw new Error(`No answer for ${pattern} in this spec`);
    return answer(payload as never);
  }

  patterns(): EventPattern[] {
    return this.emitted.map((event) => event.pattern);
  }
}
