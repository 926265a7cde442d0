// Experiences: create / list / get / update / delete, publish / unpublish, bad input.
import { api, createWorkspace, TestWorkspace } from './support/api';

interface Experience {
  id: string;
  name: string;
  type: string;
  steps: Array<{ id: string; kind: string; question?: string; options?: string[] }>;
  audience: { mode: 'all' } | { mode: 'segments'; segmentIds: string[] };
  status: 'draft' | 'published';
  targetsNobody: boolean;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

const survey = {
  name: 'NPS survey',
  type: 'survey',
  steps: [
    { id: 'intro', kind: 'message' },
    { id: 'q1', kind: 'question', question: 'How useful?', options: ['Very useful', 'Meh'] },
  ],
  audience: { mode: 'all' },
};

describe('experiences: CRUD', () => {
  let workspace: TestWorkspace;
  const secret = () => ({ key: workspace.secretKey });

  beforeAll(async () => {
    workspace = await createWorkspace('Experiences CRUD');
  });

  it('creates a draft with an exp_ id and reads it back', async () => {
    const created = await api<Experience>('POST', '/v1/experiences', { ...secret(), body: survey });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^exp_[A-Za-z0-9]{8,40}$/),
      name: 'NPS survey',
      type: 'survey',
      steps: survey.steps,
      audience: { mode: 'all' },
      status: 'draft',
      targetsNobody: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      publishedAt: null,
    });
    const read = await api<Experience>('GET', `/v1/experiences/${created.body.id}`, secret());
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('updates some fields, keeps the others', async () => {
    const { body: created } = await api<Experience>('POST', '/v1/experiences', {
      ...secret(),
      body: survey,
    });
    const updated = await api<Experience>('PUT', `/v1/experiences/${created.id}`, {
      ...secret(),
      body: { name: 'Renamed', type: 'tour' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.id, name: 'Renamed', type: 'tour' });
    expect(updated.body.steps).toEqual(survey.steps);
  });

  it('publishes and unpublishes', async () => {
    const { body: created } = await api<Experience>('POST', '/v1/experiences', {
      ...secret(),
      body: survey,
    });
    const published = await api<Experience>(
      'POST',
      `/v1/experiences/${created.id}/publish`,
      secret(),
    );
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    const unpublished = await api<Experience>(
      'POST',
      `/v1/experiences/${created.id}/unpublish`,
      secret(),
    );
    expect(unpublished.status).toBe(200);
    expect(unpublished.body.status).toBe('draft');
  });

  it('deletes: then 404', async () => {
    const { body: created } = await api<Experience>('POST', '/v1/experiences', {
      ...secret(),
      body: survey,
    });
    const deleted = await api('DELETE', `/v1/experiences/${created.id}`, secret());
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: created.id, deleted: true });
    expect((await api('GET', `/v1/experiences/${created.id}`, secret())).status).toBe(404);
    expect((await api('DELETE', `/v1/experiences/${created.id}`, secret())).status).toBe(404);
  });

  it('answers 404 for unknown or malformed ids', async () => {
    for (const id of ['exp_doesnotexist00', 'nope']) {
      const response = await api('GET', `/v1/experiences/${id}`, secret());
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: 'NotFound' });
      expect((await api('POST', `/v1/experiences/${id}/publish`, secret())).status).toBe(404);
    }
  });

  it('pages in creation order with an opaque cursor', async () => {
    const own = await createWorkspace('Experiences paging');
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { body } = await api<Experience>('POST', '/v1/experiences', {
        key: own.secretKey,
        body: { ...survey, name: `E${i}` },
      });
      ids.push(body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await api<{ experiences: Experience[]; nextCursor: string | null }>(
        'GET',
        `/v1/experiences?limit=2${query}`,
        { key: own.secretKey },
      );
      expect(page.status).toBe(200);
      expect(page.body.experiences.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.experiences.map((experience) => experience.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect((await api('GET', '/v1/experiences?limit=0', { key: own.secretKey })).status).toBe(400);
    expect((await api('GET', '/v1/experiences?cursor=zzz', { key: own.secretKey })).status).toBe(
      400,
    );
  });

  it('keeps workspaces apart', async () => {
    const { body: created } = await api<Experience>('POST', '/v1/experiences', {
      ...secret(),
      body: survey,
    });
    const other = await createWorkspace('Other');
    expect(
      (await api('GET', `/v1/experiences/${created.id}`, { key: other.secretKey })).status,
    ).toBe(404);
  });

  it('takes the secret key only', async () => {
    expect((await api('GET', '/v1/experiences', { key: workspace.publicKey })).status).toBe(403);
    expect((await api('GET', '/v1/experiences')).status).toBe(401);
  });

  describe('bad input: 400 naming each path, nothing written', () => {
    async function expect400(body: unknown, paths: string[]) {
      const before = await api<{ experiences: Experience[] }>(
        'GET',
        '/v1/experiences?limit=1000',
        secret(),
      );
      const response = await api<{ error: string; details: Array<{ path: string }> }>(
        'POST',
        '/v1/experiences',
        { ...secret(), body },
      );
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('ValidationError');
      expect(response.body.details.map((detail) => detail.path)).toEqual(
        expect.arrayContaining(paths),
      );
      const after = await api<{ experiences: Experience[] }>(
        'GET',
        '/v1/experiences?limit=1000',
        secret(),
      );
      expect(after.body.experiences.length).toBe(before.body.experiences.length);
    }

    it('steps without ids, with duplicate or unsafe ids', async () => {
      await expect400(
        {
          ...survey,
          steps: [
            { kind: 'message' },
            { id: 'a', kind: 'message' },
            { id: 'a', kind: 'message' },
            { id: '$where', kind: 'message' },
          ],
        },
        ['body.steps[0].id', 'body.steps[2].id', 'body.steps[3].id'],
      );
    });

    it('unknown type, missing name, question without its text, no steps', async () => {
      await expect400({ ...survey, type: 'popup', name: '' }, ['body.type', 'body.name']);
      await expect400({ ...survey, steps: [{ id: 'q', kind: 'question' }] }, [
        'body.steps[0].question',
      ]);
      await expect400({ ...survey, steps: [] }, ['body.steps']);
    });

    it('bad audiences: unknown mode, malformed or unknown segment ids', async () => {
      await expect400({ ...survey, audience: { mode: 'everyone' } }, ['body.audience.mode']);
      await expect400({ ...survey, audience: { mode: 'segments', segmentIds: ['x'] } }, [
        'body.audience.segmentIds[0]',
      ]);
      await expect400(
        { ...survey, audience: { mode: 'segments', segmentIds: ['seg_doesnotexist00'] } },
        ['audience.segmentIds[0]'],
      );
    });

    it('an update with an unknown segment changes nothing', async () => {
      const { body: created } = await api<Experience>('POST', '/v1/experiences', {
        ...secret(),
        body: survey,
      });
      const response = await api('PUT', `/v1/experiences/${created.id}`, {
        ...secret(),
        body: { name: 'x', audience: { mode: 'segments', segmentIds: ['seg_doesnotexist00'] } },
      });
      expect(response.status).toBe(400);
      const read = await api<Experience>('GET', `/v1/experiences/${created.id}`, secret());
      expect(read.body).toEqual(created);
    });
  });
});
