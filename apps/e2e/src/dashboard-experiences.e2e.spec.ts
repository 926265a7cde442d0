// The Experiences pages in Chromium against the whole running system, walked as dashboard.md
// describes them, by role and accessible name: a fresh install, users and two overlapping
// segments loaded through the API; New experience with a message and a question step; the
// Audience step with Specific users and two segments (combined reach and what each adds);
// Publish; the SDK's targeting (public key) gives it to a user in one segment and not to one
// in neither; interactions show in its results; switching to All users asks first, then it
// reaches everyone; an experience whose last segment is deleted says it targets nobody.
// A gateway of its own (its own database for accounts and workspaces) gives a fresh install.
// Screenshots of each page go under the run's log folder (printed at the end).
import { waitFor } from '@seg/testing';
import type { Page } from 'playwright-core';
import { api } from './support/api';
import { dashboardSuite } from './support/dashboard-suite';
import type { ExtraInstance } from './support/extra-instance';

// A whole flow per test: a loaded 2-core machine needs more than Jest's 30 s for some.
jest.setTimeout(90_000);

const ADMIN = { name: 'Grace Hopper', email: 'grace@acme.test', password: 'a long enough secret' };
/** exp-0..2 are on the pro plan, exp-2..3 are admins (exp-2 is both), exp-4..5 neither. */
const USERS = 6;
const plan = (i: number) => (i <= 2 ? 'pro' : 'free');
const role = (i: number) => (i === 2 || i === 3 ? 'admin' : 'member');

describe('dashboard: Experiences in Chromium', () => {
  const suite = dashboardSuite('dashboard-experiences');
  const { shot } = suite;
  let gateway: ExtraInstance;
  let page: Page;
  let publicKey: string;
  let experienceId: string;
  const segmentIds: Record<string, string> = {};
  beforeAll(() => {
    ({ gateway, page } = suite);
  });

  /** A call with the page's session, as the dashboard makes it. */
  const sessionCall = async <T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const response = await suite.call(page, method, path, body);
    return { status: response.status(), body: (await response.json()) as T };
  };

  /** What the SDK gets for a user now (the public key, as the browser SDK asks). */
  const targeted = async (userId: string) => {
    const answer = await api<{ experiences: Array<{ id: string }> }>(
      'GET',
      `/v1/users/${userId}/experiences`,
      { key: publicKey, baseUrl: gateway.url },
    );
    expect(answer.status).toBe(200);
    return answer.body.experiences.map((experience) => experience.id);
  };

  it('a fresh install: Create account, users and two overlapping segments through the API', async () => {
    await suite.createFirstAccount(ADMIN);
    publicKey = (await sessionCall<{ publicKey: string }>('GET', '/v1/workspaces/current/keys'))
      .body.publicKey;

    const batch = Array.from({ length: USERS }, (_, i) => ({
      type: 'identify',
      userId: `exp-${i}`,
      traits: { name: `Person ${i}`, email: `p${i}@acme.test`, plan: plan(i), role: role(i) },
    }));
    const sent = await api('POST', '/v1/batch', {
      key: publicKey,
      baseUrl: gateway.url,
      body: { batch },
    });
    expect(sent.status).toBe(202);
    await waitFor(
      async () =>
        (await sessionCall<Array<{ key: string }>>('GET', '/v1/attributes')).body.filter(
          (attribute) => attribute.key === 'plan' || attribute.key === 'role',
        ).length,
      { until: (n) => n === 2, timeoutMs: 20_000, what: 'plan and role in the catalog' },
    );
    await waitFor(
      async () =>
        (await sessionCall<{ items: unknown[] }>('GET', '/v1/users?limit=100')).body.items.length,
      { until: (n) => n === USERS, timeoutMs: 20_000, what: `${USERS} users` },
    );
    const segment = async (name: string, key: string, value: string) => {
      const created = await sessionCall<{ id: string }>('POST', '/v1/segments', {
        name,
        rules: {
          type: 'group',
          operator: 'and',
          conditions: [{ type: 'customAttribute', source: 'sdk', key, operator: 'equals', value }],
        },
      });
      expect(created.status).toBe(201);
      segmentIds[name] = created.body.id;
    };
    await segment('Pro plan', 'plan', 'pro');
    await segment('Admins', 'role', 'admin');
    await segment('Churn risk', 'plan', 'churned');

    await page.getByRole('link', { name: 'Experiences' }).click();
    await page.waitForURL(/\/experiences$/);
    await page.getByText('No experience yet').waitFor();
    await shot('experiences-empty');
  });

  it('New experience: steps, Specific users with two segments, their reach; Save; Publish', async () => {
    await page.getByRole('link', { name: 'New experience' }).click();
    await page.waitForURL(/\/experiences\/new$/);
    await page.getByRole('textbox', { name: 'Name' }).fill('Feedback survey');
    await page.getByRole('combobox', { name: 'Type' }).selectOption({ label: 'Survey' });
    const first = page.getByRole('group', { name: 'Step 1' });
    await first
      .getByRole('textbox', { name: 'Message' })
      .fill('We are improving exports. Two quick questions?');
    await page.getByRole('button', { name: 'Add question step' }).click();
    const second = page.getByRole('group', { name: 'Step 2' });
    await second.getByRole('textbox', { name: 'Question' }).fill('How useful are exports?');
    await second.getByRole('textbox', { name: 'Option 1' }).fill('Very useful');
    await second.getByRole('textbox', { name: 'Option 2' }).fill('Not useful');

    const audience = page.getByRole('region', { name: 'Audience' });
    await audience.getByRole('radio', { name: 'Specific users' }).check();
    await audience.getByRole('textbox', { name: 'Search segments' }).fill('pro');
    await audience.getByRole('checkbox', { name: 'Pro plan' }).check();
    await audience.getByRole('textbox', { name: 'Search segments' }).fill('');
    await audience.getByRole('checkbox', { name: 'Admins' }).check();
    // exp-0, 1, 2 (pro) or exp-2, 3 (admins): 4 users; Pro plan adds 2, Admins adds 1.
    const reach = page.getByRole('region', { name: 'Reach' });
    await reach.getByText(/^4 users/).waitFor();
    const adds = reach.getByRole('table', { name: 'What each segment adds' });
    await adds.getByRole('row', { name: /Pro plan.*\+2/ }).waitFor();
    await adds.getByRole('row', { name: /Admins.*\+1/ }).waitFor();
    await reach.getByText(/1 user is in more than one selected segment/).waitFor();
    await shot('experience-new-audience');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/experiences\/exp_/);
    experienceId = new URL(page.url()).pathname.split('/').pop() as string;
    const saved = await sessionCall<Record<string, unknown>>(
      'GET',
      `/v1/experiences/${experienceId}`,
    );
    expect(saved.body).toMatchObject({
      name: 'Feedback survey',
      type: 'survey',
      status: 'draft',
      steps: [
        { kind: 'message', text: 'We are improving exports. Two quick questions?' },
        {
          kind: 'question',
          question: 'How useful are exports?',
          options: ['Very useful', 'Not useful'],
        },
      ],
      audience: { mode: 'segments', segmentIds: [segmentIds['Pro plan'], segmentIds['Admins']] },
    });

    // Publishing to segments asks nothing.
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('button', { name: 'Unpublish' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('targets a user in one of the segments, not one in neither', async () => {
    await waitFor(() => targeted('exp-0'), {
      until: (ids) => ids.includes(experienceId),
      timeoutMs: 10_000,
      what: 'exp-0 (Pro plan) targeted',
    });
    await waitFor(() => targeted('exp-3'), {
      until: (ids) => ids.includes(experienceId),
      timeoutMs: 10_000,
      what: 'exp-3 (Admins) targeted',
    });
    expect(await targeted('exp-5')).not.toContain(experienceId);
  });

  it("shows the users who saw, completed and answered, and the answers' spread", async () => {
    const interact = (body: Record<string, unknown>) =>
      api('POST', '/v1/interactions', {
        key: publicKey,
        baseUrl: gateway.url,
        body: { experienceId, ...body },
      });
    const [question] = (
      await sessionCall<{ steps: Array<{ id: string; kind: string }> }>(
        'GET',
        `/v1/experiences/${experienceId}`,
      )
    ).body.steps.filter((step) => step.kind === 'question');
    for (const userId of ['exp-0', 'exp-2', 'exp-3']) {
      expect((await interact({ userId, type: 'seen' })).status).toBe(202);
    }
    await interact({
      userId: 'exp-0',
      type: 'answered',
      stepId: question.id,
      answer: 'Very useful',
    });
    await interact({
      userId: 'exp-2',
      type: 'answered',
      stepId: question.id,
      answer: 'Very useful',
    });
    await interact({
      userId: 'exp-3',
      type: 'answered',
      stepId: question.id,
      answer: 'Not useful',
    });
    await interact({ userId: 'exp-0', type: 'stepCompleted', stepId: question.id });

    // The stats API behind the panel; an unknown experience is a 404.
    const stats = await sessionCall<{ users: Record<string, number> }>(
      'GET',
      `/v1/experiences/${experienceId}/stats`,
    );
    expect(stats.body.users).toEqual({ seen: 3, completed: 1, answered: 3 });
    expect((await sessionCall('GET', '/v1/experiences/exp_unknown00000/stats')).status).toBe(404);

    await page.reload();
    const results = page.getByRole('region', { name: 'Results' });
    await results.getByRole('group', { name: 'Saw it' }).getByText('3', { exact: true }).waitFor();
    await results
      .getByRole('group', { name: 'Completed' })
      .getByText('1', { exact: true })
      .waitFor();
    await results
      .getByRole('group', { name: 'Answered' })
      .getByText('3', { exact: true })
      .waitFor();
    const spread = results.getByRole('list', { name: 'Distribution of How useful are exports?' });
    await spread
      .getByRole('listitem')
      .filter({ hasText: 'Very useful' })
      .getByText('2 · 67%')
      .waitFor();
    await spread
      .getByRole('listitem')
      .filter({ hasText: 'Not useful' })
      .getByText('1 · 33%')
      .waitFor();
    await shot('experience-published-results');
  });

  it('switching to All users asks first, then reaches a user in neither segment', async () => {
    const audience = page.getByRole('region', { name: 'Audience' });
    await audience.getByRole('radio', { name: 'All users' }).check();
    await page
      .getByRole('region', { name: 'Reach' })
      .getByText(/^6 users/)
      .waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Show to all users?' });
    await dialog.getByText(/every user of the workspace \(6 users\)/).waitFor();
    await shot('experience-all-users-confirm');
    expect(await targeted('exp-5')).not.toContain(experienceId);
    await dialog.getByRole('button', { name: 'Save for all users' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('All changes saved').waitFor();
    await waitFor(() => targeted('exp-5'), {
      until: (ids) => ids.includes(experienceId),
      timeoutMs: 10_000,
      what: 'exp-5 targeted once the audience is All users',
    });
  });

  it('an experience whose last segment is deleted says it targets nobody', async () => {
    const churn = await sessionCall<{ id: string }>('POST', '/v1/experiences', {
      name: 'Win-back offer',
      type: 'announcement',
      steps: [{ id: 'offer', kind: 'message', text: '20% off your next month' }],
      audience: { mode: 'segments', segmentIds: [segmentIds['Churn risk']] },
    });
    expect(churn.status).toBe(201);
    await page.getByRole('link', { name: 'Experiences', exact: true }).first().click();
    await page.waitForURL(/\/experiences$/);
    const row = page.getByRole('row', { name: /Win-back offer/ });
    await row.getByText('Churn risk').waitFor();

    // Part 1's dialog: Delete lists the experience that would be left with no segment.
    await page.getByRole('link', { name: 'Users & Segments' }).click();
    await page.getByRole('tab', { name: 'Segments' }).click();
    await page
      .getByRole('row', { name: /Churn risk/ })
      .getByRole('button', { name: 'Delete' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Delete Churn risk?' });
    await dialog.getByText(/Win-back offer/).waitFor();
    await dialog.getByRole('button', { name: 'Delete segment' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('link', { name: 'Experiences', exact: true }).first().click();
    await page.waitForURL(/\/experiences$/);
    await page
      .getByRole('row', { name: /Win-back offer/ })
      .getByText('Targets nobody: no segment')
      .waitFor();
    await page
      .getByRole('row', { name: /Feedback survey/ })
      .getByText('All users')
      .waitFor();
    await page
      .getByRole('row', { name: /Feedback survey/ })
      .getByText('6 users')
      .waitFor();
    await shot('experiences');
    await page.getByRole('link', { name: 'Win-back offer' }).click();
    await page.getByText('This experience targets nobody').waitFor();
    await shot('experience-targets-nobody');
  });
});
