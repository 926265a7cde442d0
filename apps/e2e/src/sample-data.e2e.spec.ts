// "Load sample data" through the whole running system (POST /v1/workspaces/current/sample-data,
// apps/gateway/src/sample-data/): an empty workspace gets users with events, custom attributes
// of every source (SDK, Segment.io, HubSpot, Customer.io), experiences and segments whose sizes
// are not zero; a concurrent load, a second load and a load into a workspace with data are
// refused (409); a viewer
// is refused (403), and so is a key. A gateway of its own (its own database for accounts and
// workspaces) gives the suite a fresh install, as the dashboard suites do.
import { randomBytes } from 'node:crypto';
import { waitFor } from '@seg/testing';
import { api } from './support/api';
import { startExtraGateway, type ExtraInstance } from './support/extra-instance';
import { DashboardSession } from './support/session';

const PASSWORD = 'a sample data password';

interface Loaded {
  users: number;
  events: number;
  pages: number;
  interactions: number;
  syncedRecords: { hubspot: number; customerio: number };
  segments: Array<{ id: string; name: string }>;
  experiences: Array<{ id: string; name: string; status: string }>;
}

describe('sample data', () => {
  let gateway: ExtraInstance;
  let admin: DashboardSession;
  let viewer: DashboardSession;
  let loaded: Loaded;

  beforeAll(async () => {
    const env = JSON.parse(process.env['E2E_SERVICE_ENV'] as string) as Record<string, string>;
    gateway = await startExtraGateway('gateway-sample-data', {
      MONGODB_DB: `${env['MONGODB_DB']}_sample_${randomBytes(3).toString('hex')}`,
    });
    admin = new DashboardSession(gateway.url);
    const signup = await admin.enter('/v1/auth/signup', {
      email: 'owner@sample.test',
      password: PASSWORD,
      name: 'Owner',
      workspaceName: 'Northwind',
    });
    expect(signup.status).toBe(201);
    const invite = await admin.call<{ token: string }>('POST', '/v1/team/invites', {
      body: { email: 'viewer@sample.test', role: 'viewer' },
    });
    expect(invite.status).toBe(201);
    viewer = new DashboardSession(gateway.url);
    const joined = await viewer.enter('/v1/auth/signup', {
      email: 'viewer@sample.test',
      password: PASSWORD,
      name: 'Viewer',
      token: invite.body.token,
    });
    expect(joined.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
  });

  it('refuses a viewer (403) and a key (401/403), writing nothing', async () => {
    const refused = await viewer.call('POST', '/v1/workspaces/current/sample-data');
    expect(refused.status).toBe(403);
    const created = await api<{ secretKey: string }>('POST', '/v1/workspaces', {
      key: process.env['E2E_ADMIN_TOKEN'],
      baseUrl: gateway.url,
      body: { name: 'Keys only' },
    });
    const keyed = await api('POST', '/v1/workspaces/current/sample-data', {
      key: created.body.secretKey,
      baseUrl: gateway.url,
    });
    expect([401, 403]).toContain(keyed.status);
    const users = await admin.call<{ items: unknown[] }>('GET', '/v1/users?limit=1');
    expect(users.body.items).toEqual([]);
  });

  it('loads users, events, attributes of every source, experiences and segments into an empty workspace', async () => {
    // Two at once (two clicks, two tabs): one loads, the other is refused.
    const both = await Promise.all([
      admin.call<Loaded>('POST', '/v1/workspaces/current/sample-data'),
      admin.call<Loaded>('POST', '/v1/workspaces/current/sample-data'),
    ]);
    expect(both.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const response = both.find((answer) => answer.status === 201) as (typeof both)[number];
    loaded = response.body;
    expect(loaded.users).toBe(40);
    expect(loaded.events).toBeGreaterThan(100);
    expect(loaded.interactions).toBeGreaterThan(20);
    expect(loaded.segments.map((s) => s.name)).toEqual([
      'Active this week',
      'Paying customers',
      'Power users',
      'Newsletter readers',
      'Finished the welcome tour',
      'Find reports very useful',
    ]);
    expect(loaded.experiences.map((e) => [e.name, e.status])).toEqual([
      ['Welcome tour', 'published'],
      ['How useful are reports?', 'published'],
      ['Scheduled exports are here', 'draft'],
    ]);

    // Every user is there when the call answers (the sync pages were matched to them).
    const users = await admin.call<{ items: Array<{ userId: string }> }>(
      'GET',
      '/v1/users?limit=100',
    );
    expect(users.body.items).toHaveLength(40);

    // Custom attributes of each source, in the catalog and on the profiles.
    const sources = await waitFor(
      async () => {
        const catalog = await admin.call<Array<{ category: string; source: string; key: string }>>(
          'GET',
          '/v1/attributes',
        );
        return new Set(
          catalog.body.filter((a) => a.category === 'customAttribute').map((a) => a.source),
        );
      },
      { until: (found) => found.size === 4, timeoutMs: 20_000, what: 'four custom sources' },
    );
    expect([...sources].sort()).toEqual(['customerio', 'hubspot', 'sdk', 'segment']);
    const bySource = new Map<string, number>();
    for (const { userId } of users.body.items.slice(0, 12)) {
      const profile = await admin.call<{ custom: Record<string, Record<string, unknown>> }>(
        'GET',
        `/v1/users/${userId}`,
      );
      for (const [source, values] of Object.entries(profile.body.custom)) {
        if (Object.keys(values).length > 0) bySource.set(source, (bySource.get(source) ?? 0) + 1);
      }
    }
    for (const source of ['sdk', 'segment', 'hubspot', 'customerio']) {
      expect(bySource.get(source)).toBeGreaterThan(0);
    }

    // Events of both sources, and a user's own events.
    const events = await admin.call<unknown>('GET', '/v1/events');
    const listed = JSON.stringify(events.body);
    for (const name of ['Signed Up', 'Report Exported', 'Email Opened', 'Order Completed']) {
      expect(listed).toContain(name);
    }
    const own = await admin.call<{ items?: unknown[]; events?: unknown[] }>(
      'GET',
      `/v1/users/${users.body.items[0]?.userId}/events?limit=5`,
    );
    expect((own.body.items ?? own.body.events ?? []).length).toBeGreaterThan(0);

    const experiences = await admin.call<{
      experiences: Array<{ steps: Array<{ kind: string; text?: string; question?: string }> }>;
    }>('GET', '/v1/experiences');
    expect(experiences.body.experiences).toHaveLength(3);
    // Every step says something (the editor showed the sample's messages empty).
    for (const step of experiences.body.experiences.flatMap((experience) => experience.steps)) {
      expect(step.kind === 'message' ? step.text : step.question).toEqual(expect.any(String));
    }

    // Every segment has members once the read model has caught up.
    for (const segment of loaded.segments) {
      const count = await waitFor(
        async () =>
          (
            await admin.call<{ count: number; status: string }>(
              'GET',
              `/v1/segments/${segment.id}/count`,
            )
          ).body,
        {
          until: (answer) => answer.status === 'ready' && answer.count > 0,
          timeoutMs: 30_000,
          what: `members of ${segment.name}`,
        },
      );
      expect(count.count).toBeLessThan(40);
    }
  }, 120_000);

  it('refuses a second load (409) and leaves the data as it was', async () => {
    const again = await admin.call<{ message: string }>(
      'POST',
      '/v1/workspaces/current/sample-data',
    );
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/empty workspace|already loaded/);
    const segments = await admin.call<{ segments: unknown[] }>('GET', '/v1/segments');
    expect(segments.body.segments).toHaveLength(loaded.segments.length);
    const users = await admin.call<{ items: unknown[] }>('GET', '/v1/users?limit=100');
    expect(users.body.items).toHaveLength(40);
  });

  it('refuses a workspace that has data of its own (409), writing nothing', async () => {
    const created = await admin.call<{ id: string; publicKey: string }>('POST', '/v1/workspaces', {
      body: { name: 'Own data' },
    });
    expect(created.status).toBe(201);
    const workspaceId = created.body.id;
    const sent = await api('POST', '/v1/identify', {
      key: created.body.publicKey,
      baseUrl: gateway.url,
      body: { userId: 'mine', traits: { name: 'Mine' } },
    });
    expect(sent.status).toBe(202);
    await waitFor(
      async () =>
        (await admin.call<{ items: unknown[] }>('GET', '/v1/users?limit=5', { workspaceId })).body
          .items.length,
      { until: (n) => n === 1, timeoutMs: 20_000, what: 'the own user' },
    );
    const refused = await admin.call<{ message: string }>(
      'POST',
      '/v1/workspaces/current/sample-data',
      { workspaceId },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('empty workspace');
    const segments = await admin.call<{ segments: unknown[] }>('GET', '/v1/segments', {
      workspaceId,
    });
    expect(segments.body.segments).toEqual([]);
  });
});
