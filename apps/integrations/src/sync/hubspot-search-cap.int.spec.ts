import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  dropDatabase,
  FakeHubSpot,
  testConfig,
  waitFor,
  startUsersService,
  type ServiceProcess,
} from '@seg/testing';
import type { RunView } from '@seg/contracts';
import { AppModule } from '../app.module';
import { integrationsEnvSchema } from '../config';
import { PutConnectionUseCase } from '../connections/usecases/put-connection/put-connection.usecase';
import { ListRunsUseCase } from '../runs/usecases/list-runs/list-runs.usecase';
import { RequestSyncUseCase } from '../runs/usecases/request-sync/request-sync.usecase';
import { WorkerModule } from '../worker.module';

// HubSpot's search pages through at most 10,000 results a query. The fake and the
// provider are given a cap of 200 here so that 450 changed contacts cross it twice.
jest.setTimeout(40_000);

const SEARCH_CAP = 200;
const CONTACTS = 450;

describe('HubSpot incremental sync at the search result cap (worker + fake HubSpot)', () => {
  let users: ServiceProcess | undefined;
  const config = integrationsEnvSchema.parse({
    ...testConfig(),
    SYNC_BACKOFF_MS: '200',
    SYNC_ATTEMPTS: '3',
    HUBSPOT_SEARCH_RESULT_CAP: String(SEARCH_CAP),
  });
  const workspaceId = 'ws_hubspotcap01';
  const hubspot = new FakeHubSpot();
  hubspot.searchCap = SEARCH_CAP;
  const start = Date.now() - 3_600_000;
  let api: INestApplicationContext;
  let worker: INestApplicationContext;

  async function syncToEnd(): Promise<RunView> {
    const { runId } = await api
      .get(RequestSyncUseCase)
      .execute({ workspaceId, provider: 'hubspot', trigger: 'manual' });
    return waitFor(
      async () => {
        const runs = await api
          .get(ListRunsUseCase)
          .execute({ workspaceId, provider: 'hubspot', limit: 10 });
        const run = runs.find((r) => r.id === runId);
        return run && (run.status === 'succeeded' || run.status === 'failed') ? run : undefined;
      },
      { timeoutMs: 30_000, what: `run ${runId} to finish` },
    );
  }
  /** The `lastmodifieddate ≥` value and `after` of each search sent since `index`. */
  const searchesSince = (index: number) =>
    hubspot.searches.slice(index).map((search) => ({
      since: Number(search.filterGroups?.[0]?.filters?.[0]?.value),
      after: search.after,
    }));

  beforeAll(async () => {
    // The users service writes the pages (the only writer of profiles).
    users = await startUsersService(config);
    await hubspot.start();
    api = await NestFactory.createApplicationContext(AppModule.register(config), { logger: false });
    worker = await NestFactory.createApplicationContext(WorkerModule.register(config), {
      logger: false,
    });
    await Promise.all([api.init(), worker.init()]);
    for (let i = 0; i < CONTACTS; i += 1) {
      hubspot.addContact({ email: `cap${i}@example.com` }, new Date(start + i));
    }
    await api.get(PutConnectionUseCase).execute({
      workspaceId,
      provider: 'hubspot',
      input: { accessToken: hubspot.accessToken, apiBaseUrl: hubspot.url },
    });
    // The first run pages every contact (no search); it sets the cursor the next one searches from.
    const first = await syncToEnd();
    expect(first).toMatchObject({ status: 'succeeded', stats: { fetched: CONTACTS } });
  }, 200_000);

  afterAll(async () => {
    await users?.stop();
    await worker.close();
    await api.close();
    await hubspot.stop();
    await dropDatabase(config);
  });

  it('restarts the search from the last timestamp seen each time it reaches the cap', async () => {
    const modifiedAt = (i: number) => start + 60_000 + i * 1_000;
    const contacts = [...hubspot.contacts];
    contacts.forEach((contact, i) => {
      hubspot.updateContact(contact.id, { firstname: `changed ${i}` }, new Date(modifiedAt(i)));
    });
    const before = hubspot.searches.length;

    const run = await syncToEnd();
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1 });
    // Pages of 100: contacts 0–199, then from the 200th's timestamp (index 199, read again)
    // 199–398, then from index 398: 398–449. 450 contacts, two read twice.
    expect(searchesSince(before)).toEqual([
      { since: start + CONTACTS - 1, after: undefined },
      { since: start + CONTACTS - 1, after: '100' },
      { since: modifiedAt(199), after: undefined },
      { since: modifiedAt(199), after: '100' },
      { since: modifiedAt(398), after: undefined },
    ]);
    expect(run.stats.fetched).toBe(CONTACTS + 2);
  });

  it('fails the run with a clear error when more results than the cap share one timestamp', async () => {
    const shared = new Date(start + 3_000_000);
    for (const contact of hubspot.contacts) {
      hubspot.updateContact(contact.id, { firstname: 'same moment' }, shared);
    }
    const before = hubspot.searches.length;

    const run = await syncToEnd();
    expect(run).toMatchObject({ status: 'failed', attempts: 1 });
    expect(run.error).toMatch(
      /More than 200 HubSpot contacts share one lastmodifieddate; the search cannot page past them/,
    );
    // It restarted once from that timestamp, met the cap again without moving on, and stopped.
    const since = searchesSince(before).map((search) => search.since);
    expect(since[since.length - 1]).toBe(shared.getTime());
    expect(new Set(since).size).toBe(2);
  });
});
