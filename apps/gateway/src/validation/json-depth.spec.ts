import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';

const nested = (depth: number, open = '[', close = ']') =>
  JSON.parse(`${open.repeat(depth)}${close.repeat(depth)}`) as unknown;

describe('jsonDepthExceeds', () => {
  it('counts arrays and objects alike, scalars not at all', () => {
    expect(jsonDepthExceeds(nested(3), 3)).toBe(false);
    expect(jsonDepthExceeds(nested(4), 3)).toBe(true);
    expect(jsonDepthExceeds({ a: { b: { c: 1 } } }, 3)).toBe(false);
    expect(jsonDepthExceeds({ a: { b: { c: {} } } }, 3)).toBe(true);
    expect(jsonDepthExceeds('text', 0)).toBe(false);
    expect(jsonDepthExceeds(undefined, 0)).toBe(false);
  });

  it('finds the one deep branch among shallow ones', () => {
    const body = { wide: Array.from({ length: 1000 }, () => ({ x: 1 })), deep: nested(70) };
    expect(jsonDepthExceeds(body, MAX_JSON_DEPTH)).toBe(true);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(jsonDepthExceeds(nested(100_000), MAX_JSON_DEPTH)).toBe(true);
  });
});
