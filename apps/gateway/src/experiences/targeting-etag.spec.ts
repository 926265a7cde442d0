import { answerEtag, etagMatches } from './targeting-etag';

describe('targeting ETags', () => {
  const answer = { experiences: [{ id: 'exp_1', name: 'Tour', type: 'tour', steps: [] }] };

  it('gives equal answers equal strong tags, and different answers different ones', () => {
    const tag = answerEtag(answer);
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(answerEtag(structuredClone(answer))).toBe(tag);
    expect(answerEtag({ experiences: [] })).not.toBe(tag);
  });

  it.each([
    ['the tag itself', (tag: string) => tag, true],
    ['its weak form', (tag: string) => `W/${tag}`, true],
    ['a list holding it', (tag: string) => `"other", ${tag}`, true],
    ['*', () => '*', true],
    ['another tag', () => '"other"', false],
    ['the tag without quotes', (tag: string) => tag.slice(1, -1), false],
    ['nothing', () => '', false],
  ])('If-None-Match with %s: %s', (_name, header, matches) => {
    const tag = answerEtag(answer);
    expect(etagMatches(header(tag), tag)).toBe(matches);
  });

  it('no header never matches', () => {
    expect(etagMatches(undefined, answerEtag(answer))).toBe(false);
  });
});
