// Segment definitions through the running system: create / get / list / update / delete,
// each error path (validation with every path, unknown 404, name clash 409, cycle 400,
// in use 409) and safe deletion with the experiences service.
import { api, createWorkspace, type TestWorkspace } from './support/api';

interface Segment {
  id: string;
  name: string;
  description?: string;
  rules: unknown;
  version: number;
  createdAt: string;
  updatedAt: string;
}
interface ErrorBody {
  error: string;
  message: string;
  details?: Array<{ path: string; message: string }>;
  usedBy?: { segments: string[]; experiences: string[] };
}

let workspace: TestWorkspace;
const EVERYONE = { type: 'group', operator: 'and', conditions: [] };
const ACME = {
  type: 'group',
  operator: 'and',
  conditions: [{ type: 'attribute', attribute: 'email', operator: 'endsWith', value: '@acme.com' }],
};
const refersTo = (segmentId: string, operator: 'in' | 'notIn' = 'in') => ({
  type: 'group',
  operator: 'and',
  conditions: [{ type: 'segment', segmentId, operator }],
});

const call = <T = Segment>(method: string, path: string, body?: unknown) =>
  api<T>(method, path, { key: workspace.secretKey, body });

async function create(name: string, rules: unknown = EVERYONE): Promise<Segment> {
  const response = await call('POST', '/v1/segments', { name, rules });
  if (response.status !== 201) {
    throw new Error(`create ${name}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

const paths = (body: ErrorBody) => (body.details ?? []).map((detail) => detail.path).sort();

beforeAll(async () => {
  workspace = await createWorkspace('segments crud');
});

describe('segment definitions', () => {
  it('creates a segment (201, seg_ id, version 1) and reads it back', async () => {
    const response = await call('POST', '/v1/segments', {
      name: 'Acme users',
      description: 'Everyone at Acme',
      rules: ACME,
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^seg_[A-Za-z0-9]{8,40}$/),
      name: 'Acme users',
      description: 'Everyone at Acme',
      rules: ACME,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: response.body.createdAt,
      warnings: [],
    });
    // A read is the segment without the write's warnings.
    const { warnings, ...segment } = response.body as Segment & { warnings: unknown };
    expect(warnings).toEqual([]);
    const read = await call('GET', `/v1/segments/${response.body.id}`);
    expect(read).toMatchObject({ status: 200, body: segment });
    expect(read.body).not.toHaveProperty('warnings');
  });

  it('refuses a name already used in the workspace, ignoring case (409)', async () => {
    await create('Power users');
    const clash = await call<ErrorBody>('POST', '/v1/segments', {
      name: 'POWER USERS',
      rules: EVERYONE,
    });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ error: 'Conflict', details: [{ path: 'name' }] });
    // Another workspace may use the same name.
    const other = await createWorkspace('segments crud, other');
    const elsewhere = await api('POST', '/v1/segments', {
      key: other.secretKey,
      body: { name: 'Power users', rules: EVERYONE },
    });
    expect(elsewhere.status).toBe(201);
  });

  it('names every offending path in one 400', async () => {
    const response = await call<ErrorBody>('POST', '/v1/segments', {
      name: '',
      description: 'x'.repeat(1_001),
      color: 'red',
      rules: {
        type: 'group',
        operator: 'and',
        conditions: [
          { type: 'attribute', attribute: 'sessions', operator: 'contains', value: 'x' },
          { type: 'customAttribute', source: 'hubspot', key: 'nope', operator: 'equals', value: 1 },
          { type: 'segment', segmentId: 'seg_unknown00000000', operator: 'in' },
          { type: 'planet', value: 1 },
        ],
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('ValidationError');
    expect(paths(response.body)).toEqual(
      [
        'color',
        'description',
        'name',
        'rules.conditions[0].operator',
        'rules.conditions[1].key',
        'rules.conditions[2].segmentId',
        'rules.conditions[3].type',
      ].sort(),
    );
    const missing = await call<ErrorBody>('POST', '/v1/segments', { name: 'No rules' });
    expect(missing.status).toBe(400);
    expect(paths(missing.body)).toEqual(['rules']);
    const notAnObject = await call<ErrorBody>('POST', '/v1/segments', [1, 2]);
    expect(notAnObject.status).toBe(400);
  });

  it('updates name, description and rules: version + 1 and a new updatedAt', async () => {
    const segment = await create('To update');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const response = await call('PUT', `/v1/segments/${segment.id}`, {
      name: 'Updated',
      description: 'now with a description',
      rules: ACME,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: segment.id,
      name: 'Updated',
      description: 'now with a description',
      rules: ACME,
      version: 2,
      createdAt: segment.createdAt,
    });
    expect(Date.parse(response.body.updatedAt)).toBeGreaterThan(Date.parse(segment.updatedAt));
    const again = await call('PUT', `/v1/segments/${segment.id}`, { description: null });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(3);
    expect(again.body).not.toHaveProperty('description');
    expect(again.body.name).toBe('Updated');
    // Renaming onto another segment's name (any case) is a conflict; onto its own is not.
    await create('Taken name');
    const clash = await call<ErrorBody>('PUT', `/v1/segments/${segment.id}`, {
      name: 'taken NAME',
    });
    expect(clash.status).toBe(409);
    const own = await call('PUT', `/v1/segments/${segment.id}`, { name: 'UPDATED' });
    expect(own).toMatchObject({ status: 200, body: { name: 'UPDATED', version: 4 } });
    const invalid = await call<ErrorBody>('PUT', `/v1/segments/${segment.id}`, {
      rules: { type: 'group', operator: 'xor', conditions: [] },
    });
    expect(invalid.status).toBe(400);
    expect(paths(invalid.body)).toEqual(['rules.operator']);
  });

  it('answers 404 for an unknown segment', async () => {
    for (const [method, path, body] of [
      ['GET', '/v1/segments/seg_unknown00000000', undefined],
      ['PUT', '/v1/segments/seg_unknown00000000', { name: 'x' }],
      ['DELETE', '/v1/segments/seg_unknown00000000', undefined],
      ['GET', '/v1/segments/not-even-an-id', undefined],
    ] as const) {
      const response = await call<ErrorBody>(method, path, body);
      expect({ method, path, status: response.status, error: response.body.error }).toEqual({
        method,
        path,
        status: 404,
        error: 'NotFound',
      });
    }
  });

  it('refuses a reference cycle (400) and a self-reference', async () => {
    const a = await create('Cycle A');
    const b = await create('Cycle B', refersTo(a.id));
    const c = await create('Cycle C', refersTo(b.id, 'notIn'));
    const cycle = await call<ErrorBody>('PUT', `/v1/segments/${a.id}`, { rules: refersTo(c.id) });
    expect(cycle.status).toBe(400);
    expect(cycle.body.details).toEqual([
      { path: 'rules', message: expect.stringContaining(`${a.id} → ${c.id} → ${b.id} → ${a.id}`) },
    ]);
    const self = await call<ErrorBody>('PUT', `/v1/segments/${a.id}`, { rules: refersTo(a.id) });
    expect(self.status).toBe(400);
    expect(paths(self.body)).toEqual(['rules.conditions[0].segmentId']);
    expect((await call('GET', `/v1/segments/${a.id}`)).body.version).toBe(1);
  });

  it('rejects bad paging parameters', async () => {
    const response = await call<ErrorBody>('GET', '/v1/segments?limit=0');
    expect(response.status).toBe(400);
    const cursor = await call<ErrorBody>('GET', '/v1/segments?cursor=bogus');
    expect(cursor).toMatchObject({ status: 400, body: { details: [{ path: 'query.cursor' }] } });
  });

  it('never deletes a segment another segment references (409, even with confirm)', async () => {
    const base = await create('Referenced base');
    const user = await create('Referencing user', refersTo(base.id));
    for (const query of ['', '?confirm=true']) {
      const response = await call<ErrorBody>('DELETE', `/v1/segments/${base.id}${query}`);
      expect(response.status).toBe(409);
      expect(response.body.usedBy).toEqual({ segments: [user.id], experiences: [] });
    }
    // Once the referencing rules change, it can go.
    await call('PUT', `/v1/segments/${user.id}`, { rules: EVERYONE });
    const deleted = await call('DELETE', `/v1/segments/${base.id}`);
    expect(deleted).toMatchObject({
      status: 200,
      body: { id: base.id, deleted: true, experiences: [] },
    });
    expect((await call('GET', `/v1/segments/${base.id}`)).status).toBe(404);
  });
});

// These need the experiences service (usage and detach over the bus).
describe('segments and experiences', () => {
  async function createExperience(name: string, segmentIds: string[]): Promise<string> {
    const response = await call<{ id: string }>('POST', '/v1/experiences', {
      name,
      type: 'announcement',
      steps: [{ id: 's1', kind: 'message' }],
      audience: { mode: 'segments', segmentIds },
    });
    if (response.status !== 201) {
      throw new Error(`create experience: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body.id;
  }

  it('lists segments in creation order, paged, each with usedBy and referencedBy', async () => {
    const own = await createWorkspace('segments list');
    const as = <T>(method: string, path: string, body?: unknown) =>
      api<T>(method, path, { key: own.secretKey, body });
    const first = (await as<Segment>('POST', '/v1/segments', { name: 'One', rules: EVERYONE }))
      .body;
    const second = (
      await as<Segment>('POST', '/v1/segments', { name: 'Two', rules: refersTo(first.id) })
    ).body;
    const third = (await as<Segment>('POST', '/v1/segments', { name: 'Three', rules: ACME })).body;
    const experienceId = (
      await as<{ id: string }>('POST', '/v1/experiences', {
        name: 'Uses one',
        type: 'tour',
        steps: [{ id: 's1', kind: 'message' }],
        audience: { mode: 'segments', segmentIds: [first.id] },
      })
    ).body.id;
    type Page = {
      segments: Array<Segment & { usedBy: string[]; referencedBy: string[] }>;
      nextCursor: string | null;
    };
    const page1 = await as<Page>('GET', '/v1/segments?limit=2');
    expect(page1.status).toBe(200);
    expect(page1.body.segments.map((s) => [s.id, s.usedBy, s.referencedBy])).toEqual([
      [first.id, [experienceId], [second.id]],
      [second.id, [], []],
    ]);
    expect(page1.body.segments[0]).toMatchObject({ name: 'One', version: 1, rules: EVERYONE });
    const page2 = await as<Page>(
      'GET',
      `/v1/segments?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor as string)}`,
    );
    expect(page2.body.segments.map((s) => s.id)).toEqual([third.id]);
    expect(page2.body.nextCursor).toBeNull();
  });

  it('deletes with confirm=true where only experiences use it; each drops the reference', async () => {
    const target = await create('Used by experiences');
    const other = await create('Kept');
    const alone = await createExperience('Only the deleted segment', [target.id]);
    const shared = await createExperience('Two segments', [target.id, other.id]);

    const refused = await call<ErrorBody>('DELETE', `/v1/segments/${target.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.usedBy?.segments).toEqual([]);
    expect([...(refused.body.usedBy?.experiences ?? [])].sort()).toEqual([alone, shared].sort());

    const deleted = await call<{
      deleted: boolean;
      experiences: Array<{ id: string; name: string; targetsNobody: boolean }>;
    }>('DELETE', `/v1/segments/${target.id}?confirm=true`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toBe(true);
    expect([...deleted.body.experiences].sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [
        { id: alone, name: 'Only the deleted segment', targetsNobody: true },
        { id: shared, name: 'Two segments', targetsNobody: false },
      ].sort((x, y) => x.id.localeCompare(y.id)),
    );
    expect((await call('GET', `/v1/segments/${target.id}`)).status).toBe(404);
    const aloneNow = await call<{ audience: unknown }>('GET', `/v1/experiences/${alone}`);
    expect(aloneNow.body.audience).toEqual({ mode: 'segments', segmentIds: [] });
    const sharedNow = await call<{ audience: unknown }>('GET', `/v1/experiences/${shared}`);
    expect(sharedNow.body.audience).toEqual({ mode: 'segments', segmentIds: [other.id] });
  });

  it('deletes with replaceWith: the experiences get the replacement in its place, once', async () => {
    const target = await create('Replaced');
    const replacement = await create('Replacement');
    const other = await create('Stays beside');
    const alone = await createExperience('Only the replaced one', [target.id]);
    const both = await createExperience('Already has the replacement', [replacement.id, target.id]);
    const mixed = await createExperience('Replaced and another', [target.id, other.id]);

    const deleted = await call<{
      deleted: boolean;
      experiences: Array<{ id: string; targetsNobody: boolean; replacedWith?: string }>;
    }>('DELETE', `/v1/segments/${target.id}?confirm=true&replaceWith=${replacement.id}`);
    expect(deleted.status).toBe(200);
    expect([...deleted.body.experiences].sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [alone, both, mixed]
        .map((id) => ({
          id,
          name: expect.any(String),
          targetsNobody: false,
          replacedWith: replacement.id,
        }))
        .sort((x, y) => x.id.localeCompare(y.id)),
    );
    expect((await call('GET', `/v1/segments/${target.id}`)).status).toBe(404);
    const audience = async (id: string) =>
      (await call<{ audience: unknown }>('GET', `/v1/experiences/${id}`)).body.audience;
    expect(await audience(alone)).toEqual({ mode: 'segments', segmentIds: [replacement.id] });
    expect(await audience(both)).toEqual({ mode: 'segments', segmentIds: [replacement.id] });
    expect(await audience(mixed)).toEqual({
      mode: 'segments',
      segmentIds: [replacement.id, other.id],
    });
  });

  it('refuses a replacement that is unknown, the deleted one, or references it (400), changing nothing', async () => {
    const target = await create('Not replaced');
    const referencing = await create('References the deleted one', refersTo(target.id));
    const experience = await createExperience('Keeps its segment', [target.id]);
    const foreign = await createWorkspace('segments replace foreign');
    const elsewhere = (
      await api<Segment>('POST', '/v1/segments', {
        key: foreign.secretKey,
        body: { name: 'Other workspace', rules: EVERYONE },
      })
    ).body;

    for (const [replaceWith, message] of [
      ['seg_unknown00000000', 'does not exist'],
      [elsewhere.id, 'does not exist'],
      [target.id, 'another segment'],
      [referencing.id, 'references the deleted segment'],
    ] as const) {
      const response = await call<ErrorBody>(
        'DELETE',
        `/v1/segments/${target.id}?confirm=true&replaceWith=${replaceWith}`,
      );
      expect({ replaceWith, status: response.status, details: response.body.details }).toEqual({
        replaceWith,
        status: 400,
        details: [{ path: 'query.replaceWith', message: expect.stringContaining(message) }],
      });
    }
    const malformed = await call<ErrorBody>(
      'DELETE',
      `/v1/segments/${target.id}?confirm=true&replaceWith=not-a-segment`,
    );
    expect(malformed.status).toBe(400);
    expect(paths(malformed.body)).toEqual(['query.replaceWith']);

    expect((await call('GET', `/v1/segments/${target.id}`)).status).toBe(200);
    const now = await call<{ audience: unknown }>('GET', `/v1/experiences/${experience}`);
    expect(now.body.audience).toEqual({ mode: 'segments', segmentIds: [target.id] });
  });
});
