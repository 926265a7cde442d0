import { pageQuery } from './page-query';

describe('pageQuery', () => {
  it('defaults limit to 50, reads it from query text, keeps the cursor', () => {
    expect(pageQuery.parse({})).toEqual({ limit: 50 });
    expect(pageQuery.parse({ limit: '7', cursor: 'abc' })).toEqual({ limit: 7, cursor: 'abc' });
    expect(pageQuery.parse({ limit: 1_000 })).toEqual({ limit: 1_000 });
  });

  it('refuses limits outside 1–1000, an empty or oversized cursor and unknown keys', () => {
    const refused = (input: unknown) =>
      pageQuery.safeParse(input).error?.issues.map((issue) => issue.path.join('.'));
    expect(refused({ limit: '0' })).toEqual(['limit']);
    expect(refused({ limit: 1_001 })).toEqual(['limit']);
    expect(refused({ limit: 'abc' })).toEqual(['limit']);
    expect(refused({ limit: 2.5 })).toEqual(['limit']);
    expect(refused({ cursor: '' })).toEqual(['cursor']);
    expect(refused({ cursor: 'x'.repeat(2_001) })).toEqual(['cursor']);
    expect(refused({ offset: 3 })).toEqual(['']);
  });
});
