import { impactFigures, type MemberSet } from './impact-figures';

const set = (ids: string[], full = true): MemberSet => ({ ids: new Set(ids), full });
const all = () => true;

describe('impactFigures', () => {
  it('counts joins and leaves, samples them in userId order, and each reach before → after', () => {
    const figures = impactFigures({
      share: 1,
      evaluated: all,
      current: set(['a', 'b', 'c']),
      draft: new Set(['c', 'd', 'e', 'b2']),
      audiences: [[], [set(['a', 'x'])], [set(['d']), set(['y'], false)]],
      sampleSize: 2,
    });
    expect(figures.join).toEqual({ count: 3, sample: ['b2', 'd'] });
    expect(figures.leave).toEqual({ count: 2, sample: ['a', 'b'] });
    expect(figures.reach).toEqual([
      { before: 3, after: 4 }, // {a,b,c} → {c,d,e,b2}
      { before: 4, after: 6 }, // {a,b,c,x} → {a,x,c,d,e,b2}
      { before: 5, after: 5 }, // {a,b,c,d,y} → {c,d,e,b2,y}
    ]);
  });

  it('scales what was evaluated on a share of the users, and keeps a before the read model knows whole', () => {
    // Users "in" the evaluated half are those starting with "h".
    const evaluated = (id: string) => id.startsWith('h');
    const figures = impactFigures({
      share: 0.5,
      evaluated,
      current: set(['h1', 'h2', 'o1', 'o2']),
      draft: new Set(['h2', 'h3', 'h4']),
      audiences: [[set(['o9'])], [set(['h9'], false)]],
      sampleSize: 10,
    });
    // Evaluated: joins {h3, h4}, leaves {h1} → ×2.
    expect(figures.join).toEqual({ count: 4, sample: ['h3', 'h4'] });
    expect(figures.leave).toEqual({ count: 2, sample: ['h1'] });
    // Full sets: before exact (5), after = 5 + (2 − 1) × 2.
    expect(figures.reach[0]).toEqual({ before: 5, after: 7 });
    // A set known only on the evaluated half: before {h1, h2, h9} × 2 = 6, after 6 + 2.
    expect(figures.reach[1]).toEqual({ before: 6, after: 8 });
  });
});
