// The excellent cut of the quarterly reviews: top 20 % by ceil(n × share), ties at the cut included.
import { describe, expect, it } from 'vitest';
import { excellentCut, rankByScore } from './reviews.ranking.ts';

const subjects = (scores: number[]) => scores.map((score, i) => ({ id: i + 1, name: `对象${String(i + 1).padStart(2, '0')}`, score }));
const excellentIds = (r: ReturnType<typeof rankByScore>) => r.items.filter((i) => i.excellent).map((i) => i.id);

describe('excellent cut', () => {
  it('is ceil(n × share) without float noise', () => {
    expect([1, 4, 5, 6, 9, 10, 11, 15, 20].map((n) => excellentCut(n, 0.2))).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 4]);
    expect(excellentCut(0, 0.2)).toBe(0);
    expect(excellentCut(3, 1)).toBe(3);
  });

  it('5 subjects: one excellent', () => {
    const r = rankByScore(subjects([80, 95, 70, 90, 60]), 0.2);
    expect(r.cut).toBe(1);
    expect(excellentIds(r)).toEqual([2]);
    expect(r.items.map((i) => i.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(r.tiesAtCut).toBe(false);
  });

  it('6 subjects: two excellent (ceil 1.2)', () => {
    const r = rankByScore(subjects([80, 95, 70, 90, 60, 85]), 0.2);
    expect(r.cut).toBe(2);
    expect(excellentIds(r)).toEqual([2, 4]);
    expect(r.excellentCount).toBe(2);
  });

  it('10 subjects: two excellent, and a tie at the cut makes three', () => {
    const plain = rankByScore(subjects([91, 92, 93, 94, 95, 96, 97, 98, 99, 100]), 0.2);
    expect(excellentIds(plain)).toEqual([10, 9]);
    expect(plain.tiesAtCut).toBe(false);
    const tied = rankByScore(subjects([91, 92, 93, 94, 95, 96, 97, 99, 99, 100]), 0.2);
    expect(tied.cut).toBe(2);
    expect(excellentIds(tied).sort()).toEqual([10, 8, 9].sort());
    expect(tied.excellentCount).toBe(3);
    expect(tied.tiesAtCut).toBe(true);
    expect(tied.items.slice(0, 4).map((i) => i.rank)).toEqual([1, 2, 2, 4]);
    // A tie just below the cut changes nothing.
    const below = rankByScore(subjects([91, 92, 93, 94, 95, 96, 97, 97, 99, 100]), 0.2);
    expect(below.excellentCount).toBe(2);
  });

  it('nobody scored: nobody excellent', () => {
    expect(rankByScore([], 0.2)).toEqual({ items: [], cut: 0, excellentCount: 0, tiesAtCut: false });
  });
});
