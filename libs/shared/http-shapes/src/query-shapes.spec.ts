import { runsLimitQuery } from './integrations.shapes';
import { pageQuery, segmentDeleteQuery } from './segments.shapes';
import { rotateKeyBody } from './workspaces.shapes';

describe('query and body shapes', () => {
  it('read numbers from query strings and fill the default page size', () => {
    expect(pageQuery.parse({ limit: '10' })).toEqual({ limit: 10 });
    expect(pageQuery.parse({})).toEqual({ limit: 50 });
    expect(pageQuery.parse({ cursor: 'abc' })).toEqual({ limit: 50, cursor: 'abc' });
    expect(runsLimitQuery.parse(undefined)).toBe(20);
  });

  it('refuse a page size out of range and unknown query parameters', () => {
    expect(pageQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(pageQuery.safeParse({ limit: '1001' }).success).toBe(false);
    expect(pageQuery.safeParse({ offset: '5' }).success).toBe(false);
    expect(runsLimitQuery.safeParse('101').success).toBe(false);
  });

  it('take confirm as the strings true or false only', () => {
    expect(segmentDeleteQuery.parse({})).toEqual({ confirm: 'false' });
    expect(segmentDeleteQuery.safeParse({ confirm: 'yes' }).success).toBe(false);
  });

  it('rotate only the public or the secret key', () => {
    expect(rotateKeyBody.safeParse({ kind: 'public' }).success).toBe(true);
    expect(rotateKeyBody.safeParse({ kind: 'admin' }).success).toBe(false);
  });
});
