// Targeting through the running system: `all`, OR of segments, drafts and empty
// audiences never, live segment and experience edits, segment deletion (detach).
// Users enter segments through their interactions (experience conditions), so this
// also runs interactions → users service → profile → segments service.
import { waitFor } from '@seg/testing';
import { api, ApiResponse, createWorkspace, TestWorkspace } from './support/api';

interface Experience {
  id: string;
  audience: { mode: 'all' } | { mode: 'segments'; segmentIds: string[] };
  status: string;
  targetsNobody: boolean;
}

const steps = [{ id: 's1', kind: 'message' }];

describe('experiences: targeting', () => {
  let ws: TestWorkspace;
  const secret = (body?: unknown) => ({ key: ws.secretKey, body });
  let markerOne: string;
  let markerTwo: string;
  let segA: string;
  let segB: string;
  let segEdit: string;

  async function experience(
    name: string,
    audience: Experience['audience'],
    publish = true,
  ): Promise<string> {
    const created = await api<Experience>(
      'POST',
      '/v1/experiences',
      secret({ name, type: 'announcement', steps, audience }),
    );
    expect(created.status).toBe(201);
    if (publish) {
      expect(
        (await api('POST', `/v1/experiences/${created.body.id}/publish`, secret())).status,
      ).toBe(200);
    }
    return created.body.id;
  }

  async function segment(name: string, conditions: unknown[]): Promise<string> {
    const created = await api<{ id: string }>(
      'POST',
      '/v1/segments',
      secret({ name, rules: { type: 'group', operator: 'or', conditions } }),
    );
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    return created.body.id;
  }

  async function interact(userId: string, experienceId: string, type: string, stepId?: string) {
    const response = await api('POST', '/v1/interactions', {
      key: ws.publicKey,
      body: { userId, experienceId, type, ...(stepId ? { stepId } : {}) },
    });
    expect(response.status).toBe(202);
  }

  async function isMember(segmentId: string, userId: string): Promise<boolean> {
    const response = await api<{ member: boolean }>(
      'GET',
      `/v1/segments/${segmentId}/users/${encodeURIComponent(userId)}`,
      secret(),
    );
    return response.status === 200 && response.body.member;
  }

  async function targeted(userId: string): Promise<string[]> {
    const response: ApiResponse<{ experiences: Array<{ id: string }> }> = await api(
      'GET',
      `/v1/users/${encodeURIComponent(userId)}/experiences`,
      { key: ws.publicKey },
    );
    expect(response.status).toBe(200);
    return response.body.experiences.map((experience) => experience.id).sort();
  }

  const seenOf = (experienceId: string) => ({ type: 'experience', experienceId, operator: 'seen' });
  const completedOf = (experienceId: string) => ({
    type: 'experience',
    experienceId,
    operator: 'completed',
  });

  beforeAll(async () => {
    ws = await createWorkspace('Experiences targeting');
    // Drafts that users interact with: their interactions put users into segments.
    markerOne = await experience('marker one', { mode: 'all' }, false);
    markerTwo = await experience('marker two', { mode: 'all' }, false);
    segA = await segment('saw marker one', [seenOf(markerOne)]);
    segB = await segment('saw marker two', [seenOf(markerTwo)]);
    segEdit = await segment('completed marker one', [completedOf(markerOne)]);
    await interact('u-one', markerOne, 'seen');
    await interact('u-two', markerTwo, 'seen');
    await interact('u-none', markerTwo, 'stepCompleted', 's1'); // in B too, for deletion
    await interact('u-outside', markerOne, 'seen');
    // Wait until the users service has applied them (asynchronous, through the bus).
    for (const [segmentId, userId] of [
      [segA, 'u-one'],
      [segB, 'u-two'],
      [segB, 'u-none'],
      [segA, 'u-outside'],
    ] as const) {
      await waitFor(() => isMember(segmentId, userId), {
        timeoutMs: 10_000,
        what: `${userId} in segment ${segmentId}`,
      });
    }
  });

  it('targets `all`, and the OR of segments; never drafts or an empty segment list', async () => {
    const all = await experience('for all', { mode: 'all' });
    const either = await experience('A or B', { mode: 'segments', segmentIds: [segA, segB] });
    const onlyA = await experience('A only', { mode: 'segments', segmentIds: [segA] });
    const draft = await experience('draft', { mode: 'all' }, false);
    const nobody = await experience('nobody', { mode: 'segments', segmentIds: [] });

    const one = await targeted('u-one');
    expect(one).toEqual(expect.arrayContaining([all, either, onlyA]));
    const two = await targeted('u-two');
    expect(two).toEqual(expect.arrayContaining([all, either]));
    expect(two).not.toContain(onlyA);
    // An unknown user gets the `all` ones only.
    const unknown = await targeted('never-seen-user');
    expect(unknown).toEqual(expect.arrayContaining([all]));
    for (const ids of [one, two, unknown]) {
      expect(ids).not.toContain(draft);
      expect(ids).not.toContain(nobody);
      expect(ids).not.toContain(markerOne);
    }
    expect(unknown).not.toContain(either);

    const answer = await api<{ experiences: unknown[] }>('GET', '/v1/users/u-one/experiences', {
      key: ws.publicKey,
    });
    expect(answer.body.experiences).toContainEqual({
      id: all,
      name: 'for all',
      type: 'announcement',
      steps,
    });
  });

  it('reflects publish / unpublish at once', async () => {
    const id = await experience('toggled', { mode: 'all' });
    expect(await targeted('u-one')).toContain(id);
    await api('POST', `/v1/experiences/${id}/unpublish`, secret());
    expect(await targeted('u-one')).not.toContain(id);
    await api('POST', `/v1/experiences/${id}/publish`, secret());
    expect(await targeted('u-one')).toContain(id);
    await api('DELETE', `/v1/experiences/${id}`, secret());
    expect(await targeted('u-one')).not.toContain(id);
  });

  it('reflects an experience audience edit at once', async () => {
    const id = await experience('audience edit', { mode: 'segments', segmentIds: [segB] });
    expect(await targeted('u-one')).not.toContain(id);
    const updated = await api(
      'PUT',
      `/v1/experiences/${id}`,
      secret({ audience: { mode: 'all' } }),
    );
    expect(updated.status).toBe(200);
    expect(await targeted('u-one')).toContain(id);
  });

  it('reflects a segment edit within 1 second, with no republish', async () => {
    const id = await experience('segment edit', { mode: 'segments', segmentIds: [segEdit] });
    expect(await targeted('u-one')).not.toContain(id);
    const edited = await api(
      'PUT',
      `/v1/segments/${segEdit}`,
      secret({ rules: { type: 'group', operator: 'or', conditions: [seenOf(markerOne)] } }),
    );
    expect(edited.status).toBe(200);
    const returnedAt = Date.now();
    const after = await waitFor(() => targeted('u-one'), {
      until: (ids) => ids.includes(id),
      timeoutMs: 1_000,
      what: 'the edited segment reflected in targeting',
    });
    expect(after).toContain(id);
    expect(Date.now() - returnedAt).toBeLessThanOrEqual(1_000);
  });

  it("reflects a user's own change at once, though answers are reused between page loads", async () => {
    const id = await experience('user change', { mode: 'segments', segmentIds: [segA] });
    // Asked until an answer comes from the gateway's cache (X-Cache: hit): answers are kept
    // only once the workspace's last segment change is 500 ms old (the guard against
    // broadcast skew), so the first ones may not be.
    const cached = await waitFor(
      async () => {
        const response = await api<{ experiences: Array<{ id: string }> }>(
          'GET',
          '/v1/users/u-late/experiences',
          { key: ws.publicKey },
        );
        return {
          cache: response.headers.get('x-cache'),
          ids: response.body.experiences.map((e) => e.id),
        };
      },
      {
        until: (answer) => answer.cache === 'hit',
        timeoutMs: 5_000,
        what: 'an answer from the cache',
      },
    );
    expect(cached.ids).not.toContain(id);
    await interact('u-late', markerOne, 'seen');
    // Applied asynchronously by the users service; its user.updated drops the cached answer
    // (without that, the 30 s safety TTL would keep the old answer past this deadline).
    const after = await waitFor(() => targeted('u-late'), {
      until: (ids) => ids.includes(id),
      timeoutMs: 5_000,
      what: "u-late's own change reflected in targeting",
    });
    expect(after).toContain(id);
  });

  it('deleting a used segment: 409, then with confirm it is detached and reported', async () => {
    const ws2Either = await experience('A or B (deletion)', {
      mode: 'segments',
      segmentIds: [segA, segB],
    });
    const onlyB = await experience('B only (deletion)', { mode: 'segments', segmentIds: [segB] });
    expect(await targeted('u-two')).toEqual(expect.arrayContaining([ws2Either, onlyB]));

    const usage = await api<{ segments: Array<{ id: string; usedBy: string[] }> }>(
      'GET',
      '/v1/segments?limit=1000',
      secret(),
    );
    expect(usage.body.segments.find((s) => s.id === segB)?.usedBy).toEqual(
      expect.arrayContaining([ws2Either, onlyB]),
    );

    const refused = await api('DELETE', `/v1/segments/${segB}`, secret());
    expect(refused.status).toBe(409);
    expect(await targeted('u-two')).toEqual(expect.arrayContaining([ws2Either, onlyB]));

    const deleted = await api<{ experiences: Array<{ id: string; targetsNobody: boolean }> }>(
      'DELETE',
      `/v1/segments/${segB}?confirm=true`,
      secret(),
    );
    expect(deleted.status).toBe(200);
    expect(deleted.body.experiences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: ws2Either, targetsNobody: false }),
        expect.objectContaining({ id: onlyB, targetsNobody: true }),
      ]),
    );

    const left = await api<Experience>('GET', `/v1/experiences/${onlyB}`, secret());
    expect(left.body).toMatchObject({
      status: 'published',
      audience: { mode: 'segments', segmentIds: [] },
      targetsNobody: true,
    });
    const either = await api<Experience>('GET', `/v1/experiences/${ws2Either}`, secret());
    expect(either.body.audience).toEqual({ mode: 'segments', segmentIds: [segA] });

    // Never widened to everyone; u-two (only in B) lost both; u-one keeps "A or B".
    for (const userId of ['u-one', 'u-two', 'u-none', 'never-seen-user']) {
      expect(await targeted(userId)).not.toContain(onlyB);
    }
    expect(await targeted('u-two')).not.toContain(ws2Either);
    expect(await targeted('u-one')).toContain(ws2Either);
  });

  it('answers for the public and the secret key only', async () => {
    expect((await api('GET', '/v1/users/u-one/experiences')).status).toBe(401);
    expect(
      (await api('GET', '/v1/users/u-one/experiences', { key: ws.publicKey, basic: true })).status,
    ).toBe(200);
  });
});
