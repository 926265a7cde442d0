// Lint warnings through the running system: POST /v1/segments/validate (errors as a 200 for
// the builder, warnings once valid), and the same warnings on preview, create and update.
import { waitFor } from '@seg/testing';
import { api, createWorkspace, type TestWorkspace } from './support/api';

interface Warning {
  path: string;
  code: string;
  message: string;
  related?: string[];
}
interface Check {
  valid: boolean;
  errors: Array<{ path: string; message: string }>;
  warnings: Warning[];
}

let workspace: TestWorkspace;
const plan = (operator: string, value?: unknown) => ({
  type: 'customAttribute',
  source: 'sdk',
  key: 'plan',
  operator,
  value,
});
const and = (...conditions: unknown[]) => ({ type: 'group', operator: 'and', conditions });
const call = <T>(method: string, path: string, body?: unknown) =>
  api<T>(method, path, { key: workspace.secretKey, body });
const validate = (body: unknown) => call<Check>('POST', '/v1/segments/validate', body);

beforeAll(async () => {
  workspace = await createWorkspace('segments lint');
  for (const [userId, value] of [
    ['u1', 'pro'],
    ['u2', 'free'],
  ]) {
    const sent = await api('POST', '/v1/identify', {
      key: workspace.publicKey,
      body: { userId, traits: { plan: value } },
    });
    expect(sent.status).toBe(202);
  }
  // The catalog records the trait's type and values once the identifies are applied.
  await waitFor(
    async () => {
      const catalog = await call<Array<{ key: string; sampleValues: unknown[] }>>(
        'GET',
        '/v1/attributes',
      );
      return catalog.body.find((entry) => entry.key === 'plan')?.sampleValues.length === 2;
    },
    { what: 'plan in the catalog with both values' },
  );
});

describe('segment lint', () => {
  it('warns about a contradiction, naming both filters', async () => {
    const response = await validate({ rules: and(plan('equals', 'pro'), plan('equals', 'free')) });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      valid: true,
      errors: [],
      warnings: [
        {
          path: 'rules.conditions[1]',
          code: 'contradiction',
          message: expect.stringContaining("cannot equal 'pro' and 'free'"),
          related: ['rules.conditions[0]'],
        },
      ],
    });
  });

  it('says which value no user has and the near one they do', async () => {
    const response = await validate({ rules: and(plan('equals', 'prro')) });
    expect(response.body.warnings).toEqual([
      expect.objectContaining({
        code: 'unseenValue',
        path: 'rules.conditions[0]',
        message: expect.stringContaining("'prro' has 0 users; did you mean 'pro'?"),
      }),
    ]);
    // Comparisons ignore case: 'PRO' is a value users have.
    expect((await validate({ rules: and(plan('equals', 'PRO')) })).body.warnings).toEqual([]);
  });

  it('answers invalid rules with their errors as a 200, and a bad body with a 400', async () => {
    const invalid = await validate({ rules: and(plan('greaterThan', 3)) });
    expect(invalid.status).toBe(200);
    expect(invalid.body).toEqual({
      valid: false,
      errors: [{ path: 'rules.conditions[0].operator', message: expect.any(String) }],
      warnings: [],
    });
    const badBody = await call<{ details: Array<{ path: string }> }>(
      'POST',
      '/v1/segments/validate',
      { rules: and(), segmentId: 5, extra: true },
    );
    expect(badBody.status).toBe(400);
    expect(badBody.body.details.map((d) => d.path).sort()).toEqual(['extra', 'segmentId']);
    const missing = await call<{ details: Array<{ path: string }> }>(
      'POST',
      '/v1/segments/validate',
      {},
    );
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([expect.objectContaining({ path: 'rules' })]);
  });

  it('checks an edited segment for cycles', async () => {
    const first = await call<{ id: string }>('POST', '/v1/segments', { name: 'A', rules: and() });
    const second = await call<{ id: string }>('POST', '/v1/segments', {
      name: 'B',
      rules: and({ type: 'segment', segmentId: first.body.id, operator: 'in' }),
    });
    const cycle = await validate({
      segmentId: first.body.id,
      rules: and({ type: 'segment', segmentId: second.body.id, operator: 'in' }),
    });
    expect(cycle.body).toMatchObject({ valid: false, errors: [{ path: 'rules' }] });
  });

  it('returns the warnings with the preview and with the saved segment', async () => {
    const rules = and(
      { type: 'attribute', attribute: 'sessions', operator: 'greaterThanOrEqual', value: 0 },
      plan('in', ['pro', 'free']),
      plan('in', ['free', 'pro']),
    );
    const expected = [
      expect.objectContaining({ code: 'alwaysTrue', path: 'rules.conditions[0]' }),
      expect.objectContaining({ code: 'duplicate', path: 'rules.conditions[2]' }),
    ];
    const preview = await call<{ count: number; warnings: Warning[] }>(
      'POST',
      '/v1/segments/preview',
      { rules },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.count).toBe(2);
    expect(preview.body.warnings).toEqual(expected);
    const created = await call<{ id: string; warnings: Warning[] }>('POST', '/v1/segments', {
      name: 'Everyone, twice',
      rules,
    });
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual(expected);
    const renamed = await call<{ warnings: Warning[] }>('PUT', `/v1/segments/${created.body.id}`, {
      name: 'Everyone, still twice',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.warnings).toEqual(expected);
    const fixed = await call<{ warnings: Warning[] }>('PUT', `/v1/segments/${created.body.id}`, {
      rules: and(plan('in', ['pro', 'free'])),
    });
    expect(fixed.body.warnings).toEqual([]);
    // A read has no warnings: they are about a write.
    const read = await call<Record<string, unknown>>('GET', `/v1/segments/${created.body.id}`);
    expect(read.body).not.toHaveProperty('warnings');
  });
});
