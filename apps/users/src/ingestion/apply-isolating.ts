import { Logger } from '@nestjs/common';
import { isTransientDatabaseError } from '@seg/platform';
import type { InboxEntry } from '@seg/profile-store';
import type { ApplyMessagesUseCase } from './usecases/apply-messages/apply-messages.usecase';

const logger = new Logger('InboxApplier');

/** What could not be applied of a chunk, by entry id. */
export interface ApplyOutcome {
  /** Entries that failed on their own (a bad entry): counted, and passed over in the end. */
  failed: Set<string>;
  /** Entries the database could not take (a restart): tried again, never counted. */
  unavailable: Set<string>;
}

/**
 * Applies entries of one workspace. The database being briefly away (a restart, a closed
 * connection) is not the entries' fault: they are all answered `unavailable`, to be tried again
 * as they are. Any other failure is isolated by halves, so that one bad entry costs a few tries
 * (about 2·log₂ n), not one try per entry of its chunk.
 */
export async function applyIsolating(
  apply: Pick<ApplyMessagesUseCase, 'execute'>,
  workspaceId: string,
  entries: InboxEntry[],
  outcome: ApplyOutcome = { failed: new Set(), unavailable: new Set() },
): Promise<ApplyOutcome> {
  if (entries.length === 0) return outcome;
  try {
    await apply.execute(workspaceId, entries);
  } catch (error) {
    if (isTransientDatabaseError(error)) {
      logger.warn(
        { err: error, workspaceId, count: entries.length },
        'Apply failed: database unreachable, trying again',
      );
      for (const entry of entries) outcome.unavailable.add(String(entry._id));
      return outcome;
    }
    if (entries.length === 1) {
      logger.error(
        { err: error, workspaceId, messageId: entries[0]?.messageId },
        'Apply of one entry failed',
      );
      outcome.failed.add(String(entries[0]?._id));
      return outcome;
    }
    logger.error({ err: error, workspaceId, count: entries.length }, 'Apply failed');
    const half = Math.ceil(entries.length / 2);
    await applyIsolating(apply, workspaceId, entries.slice(0, half), outcome);
    await applyIsolating(apply, workspaceId, entries.slice(half), outcome);
  }
  return outcome;
}
