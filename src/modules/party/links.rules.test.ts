import { describe, expect, it } from 'vitest';
import { coverageRatio, rangeState, tally } from './links.rules.ts';
import { DEFAULT_PARTY_RULES } from './party.model.ts';

describe('link ranges', () => {
  it('a liaison household links 30–50 households: 29 and 51 are out, 30 and 50 in', () => {
    const r = DEFAULT_PARTY_RULES.householdsPerLiaison;
    expect([29, 30, 50, 51].map((n) => rangeState(n, r))).toEqual(['below', 'in', 'in', 'above']);
  });

  it('a party group leader links 5–10 liaison households: 4 and 11 are out, 5 and 10 in', () => {
    const r = DEFAULT_PARTY_RULES.liaisonsPerLeader;
    expect([4, 5, 10, 11].map((n) => rangeState(n, r))).toEqual(['below', 'in', 'in', 'above']);
  });

  it('tallies the out-of-range with their numbers', () => {
    const t = tally('liaison', [{ id: 1, name: 'a', count: 29 }, { id: 2, name: 'b', count: 30 }, { id: 3, name: 'c', count: 51 }, { id: 4, name: 'd', count: 0 }], { min: 30, max: 50 });
    expect(t).toMatchObject({ total: 4, below: 2, above: 1 });
    expect(t.out).toEqual([
      { kind: 'liaison', id: 1, name: 'a', count: 29, min: 30, max: 50, state: 'below' },
      { kind: 'liaison', id: 3, name: 'c', count: 51, min: 30, max: 50, state: 'above' },
      { kind: 'liaison', id: 4, name: 'd', count: 0, min: 30, max: 50, state: 'below' },
    ]);
  });

  it('coverage is a ratio with four places, null for nothing', () => {
    expect(coverageRatio(0, 0)).toBeNull();
    expect(coverageRatio(1, 3)).toBe(0.3333);
    expect(coverageRatio(80, 80)).toBe(1);
  });
});
