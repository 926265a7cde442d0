import { inferAttributeType, normalizeAttributeValue } from './normalize';
import { answerToken, summarizeInteractions } from './profile';

describe('normalizeAttributeValue', () => {
  it.each([
    ['number', '42', 42],
    ['number', ' 4.5 ', 4.5],
    ['number', 7, 7],
    ['boolean', 'true', true],
    ['boolean', false, false],
    ['string', 12, '12'],
    ['date', '2026-01-02T03:04:05Z', new Date('2026-01-02T03:04:05Z')],
    ['list', ['a', 'b'], ['a', 'b']],
    ['list', 'a;b', ['a', 'b']],
    ['string', null, null],
  ] as const)('%s ← %p', (type, raw, expected) => {
    expect(normalizeAttributeValue(type, raw)).toEqual({ ok: true, value: expected });
  });
  it.each([
    ['number', 'forty'],
    ['number', ''],
    ['boolean', 'yes'],
    ['date', 'tomorrow'],
    ['list', [1, 2]],
    ['string', { a: 1 }],
  ] as const)('refuses %s ← %p', (type, raw) => {
    expect(normalizeAttributeValue(type, raw)).toEqual({ ok: false });
  });
});

describe('inferAttributeType', () => {
  it.each([
    ['x', 'string'],
    ['2026-01-02', 'string'],
    ['2026-01-02T10:00:00Z', 'date'],
    [3, 'number'],
    [true, 'boolean'],
    [['a'], 'list'],
    [null, undefined],
  ])('%p → %p', (value, type) => expect(inferAttributeType(value)).toBe(type));
});

describe('summarizeInteractions', () => {
  it('flattens interactions into queryable arrays', () => {
    const s = summarizeInteractions([
      { experienceId: 'e1', seenAt: new Date(), answers: [{ stepId: 's', values: ['a'] }] },
      { experienceId: 'e2', completedAt: new Date() },
      { experienceId: 'e3' },
    ]);
    expect(s).toEqual({
      seen: ['e1', 'e2'],
      completed: ['e2'],
      answers: [answerToken('e1', 's'), answerToken('e1', 's', 'a')],
    });
    expect(answerToken('a","b', 'c')).not.toBe(answerToken('a', 'b","c'));
  });
});
