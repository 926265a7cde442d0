// The Audience step's overlap in Chromium against the running system (issue 18 item 7): a
// fresh install, six users and two overlapping segments through the API, a published
// "Onboarding tour" for Admins; a new experience selecting Pro plan and Admins shows what
// each adds on its own beside it and "Overlaps with: Onboarding tour — 2 users (50%)".
import { waitFor } from '@seg/testing';
import { api } from './support/api';
import { dashboardSuite } from './support/dashboard-suite';

jest.setTimeout(90_000);

const ADMIN = { name: 'Ada Lovelace', email: 'ada@acme.test', password: 'a long enough secret' };
/** ov-0..2 are on the pro plan, ov-2..3 are admins (ov-2 is both), ov-4..5 neither. */
const USERS = 6;

describe('dashboard: audience overlap in Chromium', () => {
  const suite = dashboardSuite('dashboard-overlap');

  it('shows what each selected segment adds and the overlap with a published experience', async () => {
    const { page, gateway } = suite;
    await suite.createFirstAccount(ADMIN);
    const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown) => {
      const response = await suite.call(page, method, path, body);
      return { status: response.status(), body: (await response.json()) as T };
    };
    const { publicKey } = (await call<{ publicKey: string }>('GET', '/v1/workspaces/current/keys'))
      .body;
    const batch = Array.from({ length: USERS }, (_, i) => ({
      type: 'identify',
      userId: `ov-${i}`,
      traits: {
        name: `Person ${i}`,
        plan: i <= 2 ? 'pro' : 'free',
        role: i === 2 || i === 3 ? 'admin' : 'member',
      },
    }));
    expect(
      (await api('POST', '/v1/batch', { key: publicKey, baseUrl: gateway.url, body: { batch } }))
        .status,
    ).toBe(202);
    await waitFor(
      async () =>
        (await call<{ items: unknown[] }>('GET', '/v1/users?limit=100')).body.items.length,
      { until: (n) => n === USERS, timeoutMs: 20_000, what: `${USERS} users` },
    );
    const segment = (name: string, key: string, value: string) =>
      waitFor(
        async () => {
          const created = await call<{ id: string }>('POST', '/v1/segments', {
            name,
            rules: {
              type: 'group',
              operator: 'and',
              conditions: [
                { type: 'customAttribute', source: 'sdk', key, operator: 'equals', value },
              ],
            },
          });
          return created.status === 201 ? created.body.id : undefined;
        },
        { timeoutMs: 20_000, what: `segment ${name}` },
      );
    await segment('Pro plan', 'plan', 'pro');
    const admins = await segment('Admins', 'role', 'admin');
    const tour = await call<{ id: string }>('POST', '/v1/experiences', {
      name: 'Onboarding tour',
      type: 'tour',
      steps: [{ id: 's1', kind: 'message', text: 'Welcome' }],
      audience: { mode: 'segments', segmentIds: [admins] },
    });
    expect(tour.status).toBe(201);
    expect((await call('POST', `/v1/experiences/${tour.body.id}/publish`)).status).toBe(200);

    await page.goto(`${gateway.url}/experiences/new`);
    const audience = page.getByRole('region', { name: 'Audience' });
    await audience.getByRole('radio', { name: 'Specific users' }).check();
    await audience.getByRole('checkbox', { name: 'Pro plan' }).check();
    await audience.getByRole('checkbox', { name: 'Admins' }).check();
    // Pro plan {0,1,2} or Admins {2,3}: 4 users; Pro plan alone brings 2, Admins 1.
    const row = (name: string) =>
      audience.getByRole('listitem').filter({ has: page.getByRole('checkbox', { name }) });
    await row('Pro plan').getByText('adds 2 on its own').waitFor();
    await row('Admins').getByText('adds 1 on its own').waitFor();
    const overlap = page.getByRole('region', { name: 'Overlap with other experiences' });
    await overlap.getByText('Onboarding tour — 2 users (50%)').waitFor();
    await overlap.getByText(/Of 4 users in this audience/).waitFor();
    await audience.scrollIntoViewIfNeeded();
    await suite.shot('audience-overlap');
  });
});
