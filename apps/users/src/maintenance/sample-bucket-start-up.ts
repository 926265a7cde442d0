import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SampleBucketBackfill } from '@seg/profile-store';

/**
 * At start-up, in the background: gives profiles and events stored before `sampleBucket`
 * existed their bucket (`SampleBucketBackfill`: idempotent, one lookup once it has finished).
 * The segments service slices previews by bucket only once it is recorded as done.
 */
@Injectable()
export class SampleBucketStartUp implements OnApplicationBootstrap {
  private readonly logger = new Logger(SampleBucketStartUp.name);
  private running?: Promise<void>;

  constructor(private readonly backfill: SampleBucketBackfill) {}

  onApplicationBootstrap(): void {
    this.running = this.backfill.run().then(
      (result) => {
        if (!result.skipped) {
          this.logger.log(
            `sampleBucket backfill done: ${result.profiles} profiles, ${result.events} events`,
          );
        }
      },
      // Not fatal: the next start resumes where it stopped (only documents without a bucket).
      (error: unknown) => this.logger.warn(`sampleBucket backfill stopped: ${String(error)}`),
    );
  }

  /** Resolves once this start's backfill has ended (tests). */
  async done(): Promise<void> {
    await this.running;
  }
}
