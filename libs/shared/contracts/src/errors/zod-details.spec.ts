import { z } from 'zod';
import { formatPath, zodIssuesToDetails } from './zod-details';

describe('zodIssuesToDetails', () => {
  const schema = z.strictObject({
    name: z.string(),
    age: z.number(),
    rules: z.strictObject({ conditions: z.array(z.strictObject({ operator: z.string() })) }),
  });

  const detailsOf = (input: unknown, prefix?: string) => {
    const parsed = schema.safeParse(input);
    if (parsed.success) throw new Error('expected the input to be refused');
    return zodIssuesToDetails(parsed.error, prefix);
  };

  it('reports each unknown key at its own path, a missing key and a wrong type at theirs', () => {
    const details = detailsOf(
      {
        age: 'old',
        extra: 1,
        other: 2,
        rules: { conditions: [{ operator: 'is', nested: true }] },
      },
      'body',
    );
    expect(details).toHaveLength(5);
    expect(details).toEqual(
      expect.arrayContaining([
        {
          path: 'body.name',
          message: expect.stringMatching(/expected string, received undefined/),
        },
        { path: 'body.age', message: expect.stringMatching(/expected number, received string/) },
        { path: 'body.extra', message: 'unknown field' },
        { path: 'body.other', message: 'unknown field' },
        { path: 'body.rules.conditions[0].nested', message: 'unknown field' },
      ]),
    );
  });

  it('without a prefix, paths start at the field; the root itself is "(root)"', () => {
    expect(detailsOf({ name: 'n', age: 1, rules: { conditions: [] }, extra: 1 })).toEqual([
      { path: 'extra', message: 'unknown field' },
    ]);
    expect(detailsOf(null)).toEqual([{ path: '(root)', message: expect.any(String) }]);
    expect(formatPath([], 'query')).toBe('query');
    expect(formatPath(['conditions', 2, 'operator'], 'rules')).toBe('rules.conditions[2].operator');
  });
});
