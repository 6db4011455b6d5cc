// The pure verdicts of the weekly rules on their edges (the API tests drive the same edges through
// the database): stationed teams' visit days and fixed day, paired deputies' lookback.
import { describe, expect, it } from 'vitest';
import { deputyFlagged } from './rules.deputies.ts';
import { pgArray, stationedVerdict } from './rules.stationed.ts';

describe('stationed team verdict', () => {
  it('needs two visit days, one of them the fixed day', () => {
    expect(stationedVerdict(['2026-11-02'], [1], 2, 2)).toEqual({ fixedDayVisited: false, compliant: false });
    expect(stationedVerdict(['2026-11-02', '2026-11-04'], [1, 3], 2, 2)).toEqual({ fixedDayVisited: false, compliant: false });
    expect(stationedVerdict(['2026-11-03'], [2], 2, 2)).toEqual({ fixedDayVisited: true, compliant: false });
    expect(stationedVerdict(['2026-11-03', '2026-11-05'], [2, 4], 2, 2)).toEqual({ fixedDayVisited: true, compliant: true });
    expect(stationedVerdict(['2026-11-02', '2026-11-04'], [1, 3], 3, 2)).toEqual({ fixedDayVisited: true, compliant: true });
  });

  it('reads arrays from either driver', () => {
    expect(pgArray(['2026-11-02', '2026-11-03'])).toEqual(['2026-11-02', '2026-11-03']);
    expect(pgArray('{2026-11-02,2026-11-03}')).toEqual(['2026-11-02', '2026-11-03']);
    expect(pgArray('{}')).toEqual([]);
    expect(pgArray(null)).toEqual([]);
  });
});

describe('paired deputy lookback', () => {
  const report = new Date('2026-10-29T10:00:00+08:00');
  it('counts a visit exactly four weeks before, not four weeks and a minute', () => {
    expect(deputyFlagged(report, new Date('2026-10-01T10:00:00+08:00'), 4)).toBe(false);
    expect(deputyFlagged(report, new Date('2026-10-01T09:59:00+08:00'), 4)).toBe(true);
    expect(deputyFlagged(report, report, 4)).toBe(false);
    expect(deputyFlagged(report, null, 4)).toBe(true);
  });
});
