import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { IngestMessage } from '@seg/contracts';
import { dropDatabase, testConfig } from '@seg/testing';
import { AppModule } from '../app.module';
import { usersEnvSchema } from '../config';
import { InboxApplier } from '../ingestion/inbox-applier';
import { AcceptMessagesUseCase } from '../ingestion/usecases/accept-messages/accept-messages.usecase';

/**
 * The users service's module on the real FerretDB and RabbitMQ (its own database and
 * bus namespace), without HTTP or a bus consumer, for the use-case specs.
 */
export async function startUsersContext(
  /** This service's own settings (`usersEnvSchema`), e.g. a shorter coverage refresh. */
  overrides: Record<string, string> = {},
): Promise<{
  app: INestApplicationContext;
  /** Accepts the messages and waits until they are applied to the profiles. */
  ingest(workspaceId: string, messages: IngestMessage[]): Promise<void>;
  close(): Promise<void>;
}> {
  const config = usersEnvSchema.parse({ ...testConfig(), ...overrides });
  const app = await NestFactory.createApplicationContext(AppModule.register(config), {
    logger: false,
  });
  await app.init();
  return {
    app,
    async ingest(workspaceId, messages) {
      await app.get(AcceptMessagesUseCase).execute({ workspaceId, messages });
      await app.get(InboxApplier).idle();
    },
    async close() {
      await app.close();
      await dropDatabase(config);
    },
  };
}

let sequence = 0;

/** An identify message with a unique messageId. */
export function identify(
  userId: string,
  timestamp: string,
  traits: Record<string, unknown> = {},
): IngestMessage {
  sequence += 1;
  return {
    type: 'identify',
    userId,
    messageId: `m-${userId}-${sequence}`,
    timestamp,
    traits,
  } as IngestMessage;
}
