import type { AttributeCatalogItem, ConnectionView } from '@seg/contracts';
import { withSourceSync } from './list-attributes.usecase';

const item = (source: AttributeCatalogItem['source'], key: string): AttributeCatalogItem => ({
  category: source ? 'customAttribute' : 'attribute',
  source,
  key,
  type: 'string',
  sampleValues: [],
  rejectedCount: 0,
  coverage: null,
  lastWrittenAt: null,
});

const connection = (over: Partial<ConnectionView>): ConnectionView => ({
  provider: 'hubspot',
  settings: {},
  status: 'connected',
  intervalMinutes: 60,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  lastRun: null,
  lastSucceededAt: null,
  ...over,
});

const failedRun = {
  id: 'run_2',
  provider: 'hubspot' as const,
  status: 'failed' as const,
  trigger: 'schedule' as const,
  queuedAt: '2026-11-30T10:00:00.000Z',
  startedAt: '2026-11-30T10:00:01.000Z',
  finishedAt: '2026-11-30T10:00:09.000Z',
  attempts: 3,
  stats: { fetched: 0, created: 0, updated: 0, skipped: 0, failed: 0, unmatched: 0 },
  error: 'HubSpot answered 401',
};

describe('withSourceSync', () => {
  it("gives each attribute its source's connection: last success, latest run failed; null without one", () => {
    const items = [
      item(null, 'email'),
      item('sdk', 'plan'),
      item('hubspot', 'stage'),
      item('customerio', 'x'),
    ];
    const result = withSourceSync(items, [
      connection({
        status: 'error',
        lastRun: failedRun,
        lastSucceededAt: '2026-11-29T10:00:00.000Z',
      }),
    ]);
    expect(result.map((entry) => entry.sync)).toEqual([
      null,
      null,
      {
        provider: 'hubspot',
        status: 'error',
        intervalMinutes: 60,
        lastSucceededAt: '2026-11-29T10:00:00.000Z',
        latestRunFailed: true,
        latestRunError: 'HubSpot answered 401',
      },
      null,
    ]);
  });

  it('leaves `sync` out when the connections could not be read', () => {
    expect(withSourceSync([item('hubspot', 'stage')], undefined)[0]).not.toHaveProperty('sync');
  });
});
