// ISO weeks, quarters and periods in Shanghai time: the edges the weekly rules stand on.
import { describe, expect, it } from 'vitest';
import { isoWeekday, parsePeriod, parseQuarter, parseWeek, quarterOf, weekOf, weekOfDay } from './week.ts';

describe('ISO weeks in Shanghai time', () => {
  it('runs from Monday 00:00 to the next Monday 00:00 (+08:00)', () => {
    const w = parseWeek('2026-W47')!;
    expect(w.from).toBe('2026-11-16');
    expect(w.to).toBe('2026-11-22');
    expect(isoWeekday(w.from)).toBe(1);
    expect(isoWeekday(w.to)).toBe(7);
    expect(w.start.toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(w.end.toISOString()).toBe('2026-11-22T16:00:00.000Z');
  });

  it('puts Sunday 23:59 in the week and Monday 00:00 in the next', () => {
    expect(weekOf(new Date('2026-11-22T23:59:00+08:00'))).toBe('2026-W47');
    expect(weekOf(new Date('2026-11-23T00:00:00+08:00'))).toBe('2026-W48');
    // The same instants in UTC fall on Sunday afternoon: only Shanghai time decides.
    expect(weekOf(new Date('2026-11-22T16:00:00Z'))).toBe('2026-W48');
    expect(weekOf(new Date('2026-11-22T15:59:59Z'))).toBe('2026-W47');
  });

  it('handles weeks that straddle years and week 53', () => {
    expect(weekOfDay('2026-01-01')).toBe('2026-W01'); // a Thursday
    expect(weekOfDay('2027-01-01')).toBe('2026-W53'); // a Friday: 2026 is a long year
    expect(weekOfDay('2024-12-30')).toBe('2025-W01');
    expect(parseWeek('2026-W53')!.from).toBe('2026-12-28');
    expect(parseWeek('2025-W53')).toBeNull();
    expect(parseWeek('2025-W01')!.from).toBe('2024-12-30');
    expect(parseWeek('2026-W00')).toBeNull();
    expect(parseWeek('2026-47')).toBeNull();
    for (let i = 1; i <= 52; i++) {
      const w = `2026-W${String(i).padStart(2, '0')}`;
      expect(weekOfDay(parseWeek(w)!.from)).toBe(w);
      expect(weekOfDay(parseWeek(w)!.to)).toBe(w);
    }
  });
});

describe('quarters and periods', () => {
  it('parses quarters', () => {
    const q = parseQuarter('2026Q3')!;
    expect([q.from, q.to]).toEqual(['2026-07-01', '2026-09-30']);
    expect(parseQuarter('2026Q4')!.to).toBe('2026-12-31');
    expect(parseQuarter('2026Q5')).toBeNull();
    expect(quarterOf(new Date('2026-09-30T23:59:00+08:00'))).toBe('2026Q3');
    expect(quarterOf(new Date('2026-10-01T00:00:00+08:00'))).toBe('2026Q4');
  });

  it('reads inclusive day periods', () => {
    const p = parsePeriod('2026-11-01', '2026-11-30', new Date());
    expect(p).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
    expect(typeof p === 'object' && p.end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(parsePeriod('2026-11-30', '2026-11-01', new Date())).toBe('reversed');
    expect(parsePeriod('2026-02-30', undefined, new Date())).toBe('badDay');
    expect(parsePeriod(undefined, '2026-11-20', new Date())).toMatchObject({ from: '2026-11-01' });
  });
});
