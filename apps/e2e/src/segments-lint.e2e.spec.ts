// Lint warnings through the running system: POST /v1/segments/validate (errors as a 200 for
// the builder, warnings once valid), and the same warnings on preview, create and update.
import { waitFor } from '@seg/testing';
import { MongoClient } from 'mongodb';
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

  // What the lint learns from the users service's counts (coverage, last writes) and from the
  // read model (a referenced segment's size): a workspace of its own, 10 users.
  describe('with what the data says', () => {
    let data: TestWorkspace;
    const custom = (key: string, operator: string, value?: unknown) => ({
      type: 'customAttribute',
      source: 'sdk',
      key,
      operator,
      value,
    });
    const check = (rules: unknown) =>
      api<Check>('POST', '/v1/segments/validate', { key: data.secretKey, body: { rules } });

    beforeAll(async () => {
      data = await createWorkspace('segments lint data');
      const batch = Array.from({ length: 10 }, (_, i) => ({
        type: 'identify',
        userId: `d${i}`,
        // One user in ten has `rare`; one has `legacy` (moved 40 days back below).
        traits: { plan: 'pro', ...(i === 0 ? { rare: 'yes', legacy: 'old' } : {}) },
      }));
      expect(
        (await api('POST', '/v1/batch', { key: data.publicKey, body: { batch } })).status,
      ).toBe(202);
      await waitFor(
        async () => {
          const catalog = await api<
            Array<{ key: string; coverage: { share: number } | null; lastWrittenAt: string | null }>
          >('GET', '/v1/attributes', { key: data.secretKey });
          const entry = (key: string) => catalog.body.find((item) => item.key === key);
          return entry('rare')?.coverage?.share === 0.1 && Boolean(entry('legacy')?.lastWrittenAt);
        },
        { timeoutMs: 30_000, what: 'rare counted on 1 of 10 users, legacy written' },
      );
    }, 60_000);

    it('warns that a negation in an OR matches almost everyone, from the counted coverage', async () => {
      const rules = {
        type: 'group',
        operator: 'or',
        conditions: [custom('rare', 'notEquals', 'yes'), custom('plan', 'equals', 'pro')],
      };
      const answer = await check(rules);
      expect(answer.body.warnings).toEqual([
        expect.objectContaining({
          code: 'broadNegation',
          path: 'rules.conditions[0]',
          message: expect.stringContaining('90% of users have no rare (sdk)'),
        }),
      ]);
    });

    it('warns about an attribute no value was written for in 30 days', async () => {
      const mongo = await MongoClient.connect(process.env['E2E_MONGODB_URI'] as string);
      try {
        const moved = await mongo
          .db(process.env['E2E_MONGODB_DB'])
          .collection('attribute_writes')
          .updateOne(
            { _id: `${data.id}/sdk/legacy` as never },
            { $set: { lastWrittenAt: new Date(Date.now() - 40 * 86_400_000) } },
          );
        expect(moved.matchedCount).toBe(1);
      } finally {
        await mongo.close();
      }
      const answer = await check(and(custom('legacy', 'equals', 'old')));
      expect(answer.body.warnings).toEqual([
        expect.objectContaining({
          code: 'staleAttribute',
          message: 'no user has had a value written for legacy (sdk) for 40 days',
        }),
      ]);
      // Fresh attributes say nothing.
      expect((await check(and(custom('plan', 'equals', 'pro')))).body.warnings).toEqual([]);
    });

    it('warns about a filter on a segment that has no members, once its size is ready', async () => {
      const nobody = await api<{ id: string }>('POST', '/v1/segments', {
        key: data.secretKey,
        body: { name: 'Nobody', rules: and(custom('plan', 'equals', 'enterprise')) },
      });
      expect(nobody.status).toBe(201);
      await waitFor(
        async () =>
          (
            await api<{ status: string; count: number }>(
              'GET',
              `/v1/segments/${nobody.body.id}/count`,
              { key: data.secretKey },
            )
          ).body.status,
        { until: (status) => status === 'ready', timeoutMs: 30_000, what: 'Nobody ready' },
      );
      const answer = await check(
        and({ type: 'segment', operator: 'in', segmentId: nobody.body.id }),
      );
      expect(answer.body.warnings).toEqual([
        expect.objectContaining({
          code: 'emptySegment',
          path: 'rules.conditions[0]',
          message: 'the segment it names has no members: this filter matches nobody',
        }),
      ]);
    });
  });
});
