import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { dropDatabase, testConfig } from '@seg/testing';
import { AppModule } from '../app.module';
import { integrationsEnvSchema } from '../config';
import { SecretBox } from '../crypto/secret-box';
import { ConnectionRepository } from './connection.repository';
import { connectionId } from './connection.schema';
import { PutConnectionUseCase } from './usecases/put-connection/put-connection.usecase';

// Re-keying a connection (PUT with a new token) while its previous run winds down
// (the worker frees the connection and records the outcome on it). On FerretDB an
// update rewrites the whole document it read, so without mutual exclusion the run's
// bookkeeping wrote the old secret back and the next run succeeded with the old key.
jest.setTimeout(60_000);

describe('re-keying a connection while its run winds down', () => {
  const config = integrationsEnvSchema.parse(testConfig());
  const workspaceId = 'ws_rekeyrace01';
  let api: INestApplicationContext;

  beforeAll(async () => {
    api = await NestFactory.createApplicationContext(AppModule.register(config), { logger: false });
    await api.init();
  });

  afterAll(async () => {
    await api?.close();
    await dropDatabase(config);
  });

  const put = (accessToken: string) =>
    api.get(PutConnectionUseCase).execute({
      workspaceId,
      provider: 'hubspot',
      input: { accessToken, apiBaseUrl: 'http://127.0.0.1:9/' },
    });
  const storedKey = async () => {
    const connection = await api.get(ConnectionRepository).get(workspaceId, 'hubspot');
    if (!connection) throw new Error('connection missing');
    return api.get(SecretBox).openOrNull(connection.secret, connectionId(workspaceId, 'hubspot'));
  };

  it('keeps the new key whatever the interleaving with the run finishing', async () => {
    const connections = api.get(ConnectionRepository);
    const kept: string[] = [];
    const states: Array<Record<string, unknown> | null> = [];
    for (let round = 0; round < 15; round += 1) {
      await put(`pat-old-${round}`);
      const runId = `run_rekey${round}`;
      expect(await connections.claimActiveRun(workspaceId, 'hubspot', runId)).toBe(true);
      // The worker finishing the run and the user re-keying, at the same time.
      const secret = (await connections.get(workspaceId, 'hubspot'))?.secret;
      await Promise.all([
        connections.finishRun(workspaceId, 'hubspot', runId, {
          status: 'connected',
          syncState: { lastModified: round },
          ...(secret ? { secret } : {}),
        }),
        put(`pat-new-${round}`),
      ]);
      kept.push((await storedKey()) ?? 'unreadable');
      // The old key's cursor never outlives the re-key (another account's dates).
      states.push((await connections.get(workspaceId, 'hubspot'))?.syncState ?? null);
    }
    expect(kept).toEqual(Array.from({ length: 15 }, (_, round) => `pat-new-${round}`));
    expect(states).toEqual(Array.from({ length: 15 }, () => ({})));
    const connection = await connections.get(workspaceId, 'hubspot');
    expect(connection).toMatchObject({ activeRunId: null, lastRunId: 'run_rekey14' });
  });
});
