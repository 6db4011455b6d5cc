// The pure formulas of the case measures: rates and their empty cases, stage averages, leaves
// summed into child regions and persons, periods in Shanghai time; and docs/measures.md naming
// every measure the code defines, so the written formulas and the code cannot drift apart.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addInto,
  averageHours,
  childOf,
  COUNT_KEYS,
  COUNT_NAMES,
  emptyCounts,
  emptyFigures,
  groupFigures,
  periodOf,
  personFigures,
  RATE_DEFS,
  rates,
  ratio,
  STAGE_SPANS,
  sumFigures,
  toRow,
  withWhistles,
  type LeafFigures,
  type MeasureCounts,
} from './cases.measures.ts';

const counts = (c: Partial<MeasureCounts>): MeasureCounts => ({ ...emptyCounts(), ...c });
const figures = (c: Partial<MeasureCounts>, stages: Partial<LeafFigures['stages']> = {}): LeafFigures => ({ counts: counts(c), stages: { ...emptyFigures().stages, ...stages } });

describe('rates', () => {
  it('are fractions to 4 places, empty when nothing was measured', () => {
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(0, 5)).toBe(0);
    expect(ratio(5, 5)).toBe(1);
    expect(ratio(0, 0)).toBeNull();
  });

  it('follow the written formulas', () => {
    // 8 due, 6 closed (5 on time), 2 overdue; 10 dispatched, 7 on time, 1 returned, 3 extended;
    // 4 handled, 1 reworked; 5 feedback, 3 满意 + 1 基本满意; 12 registered, 3 first by the public;
    // whistles 4 calls: 2 on time, 1 late, 0 missed, 1 pending.
    const r = rates(counts({ due: 8, closed: 6, closedOnTime: 5, overdue: 2, dispatched: 10, respondedOnTime: 7, returned: 1, extended: 3, handled: 4, reworked: 1, feedback: 5, satisfied: 4, dissatisfied: 1, registered: 12, publicFirst: 3, whistleCalls: 4, whistleOnTime: 2, whistleLate: 1 }));
    expect(r).toEqual({
      closeRate: 0.75, // 6 / 8
      onTimeCloseRate: 0.625, // 5 / 8
      responseRate: 0.7, // 7 / 10
      satisfactionRate: 0.8, // (3 + 1) / 5
      reworkRate: 0.25, // 1 / 4
      returnRate: 0.1, // 1 / 10
      extensionRate: 0.3, // 3 / 10
      overdueRate: 0.25, // 2 / 8
      missedReportRate: 0.25, // 3 / 12
      checkInRate: 0.6667, // 2 / (2 + 1 + 0): the pending call waits
    });
  });

  it('about grids and whistles do not apply to a person', () => {
    const c = counts({ registered: 4, publicFirst: 1, whistleOnTime: 1, whistleLate: 1, due: 2, closed: 1 });
    expect(rates(c, { person: true })).toMatchObject({ missedReportRate: null, checkInRate: null, closeRate: 0.5 });
    expect(toRow('person', 7, '张三', figures({ registered: 4, publicFirst: 1 })).rates.missedReportRate).toBeNull();
    expect(toRow('region', 7, '一网格', figures({ registered: 4, publicFirst: 1 })).rates.missedReportRate).toBe(0.25);
    expect(toRow('region', 7, '一网格', figures({ registered: 4, publicFirst: 1 }), { person: true }).rates.missedReportRate).toBeNull();
  });

  it('every rate divides two counts (or the decided whistle calls)', () => {
    for (const d of RATE_DEFS) {
      expect(COUNT_KEYS).toContain(d.numerator);
      if (d.denominator !== 'whistleDecided') expect(COUNT_KEYS).toContain(d.denominator);
    }
  });
});

describe('stage averages', () => {
  it('average natural hours over the cases that completed the span, 2 places', () => {
    const avg = averageHours({ ...emptyFigures().stages, reportToRegister: { n: 5, seconds: 7 * 3600 + 1 }, acceptToHandle: { n: 3, seconds: 100 * 3600 } });
    expect(avg.reportToRegister).toBe(1.4); // 25 201 s / 5 / 3600 = 1.40006
    expect(avg.acceptToHandle).toBe(33.33);
    expect(avg.verifyToClose).toBeNull();
  });

  it('sum as totals over counts, not as averages of averages', () => {
    // 1 case of 10 h in one grid, 3 cases of 2 h in another: 16 h / 4 = 4 h (not (10 + 2) / 2 = 6).
    const a = figures({}, { acceptToHandle: { n: 1, seconds: 10 * 3600 } });
    const b = figures({}, { acceptToHandle: { n: 3, seconds: 6 * 3600 } });
    expect(averageHours(sumFigures([a, b]).stages).acceptToHandle).toBe(4);
  });
});

describe('assembly', () => {
  it('places a leaf path under the child it lies in, or on the parent itself', () => {
    expect(childOf('/1/2/', '/1/2/3/4/5/')).toBe(3);
    expect(childOf('/1/2/', '/1/2/')).toBe('self');
    expect(childOf('/1/2/', '/1/20/3/')).toBeNull();
    expect(childOf('/', '/1/2/')).toBe(1);
  });

  it('sums leaves into groups and keeps totals additive', () => {
    const leaves = [
      { key: '/1/2/3/7/', figures: figures({ reported: 2, due: 2, closed: 1 }) },
      { key: '/1/2/3/8/', figures: figures({ reported: 1, due: 1, closed: 1 }) },
      { key: '/1/2/4/9/', figures: figures({ reported: 5 }) },
      { key: '/1/2/', figures: figures({ reported: 1 }) },
    ];
    const g = groupFigures(leaves, (k) => childOf('/1/2/', k) ?? undefined);
    expect(g.get(3)!.counts).toMatchObject({ reported: 3, due: 3, closed: 2 });
    expect(g.get(4)!.counts.reported).toBe(5);
    expect(g.get('self')!.counts.reported).toBe(1);
    expect(sumFigures(g.values()).counts.reported).toBe(9);
    // Leaves are not changed by grouping.
    expect(leaves[0].figures.counts.reported).toBe(2);
  });

  it('a person is their handling plus the patrol cases they reported', () => {
    const handled = figures({ reported: 9, registered: 9, publicFirst: 4, handled: 3, closed: 2, due: 2 }, { acceptToHandle: { n: 3, seconds: 3600 } });
    const reported = figures({ reported: 5, registered: 4, handled: 99 }, { acceptToHandle: { n: 9, seconds: 99 } });
    const p = personFigures(handled, reported);
    // Reporter counts come from the patrol side only; everything else from the handling side.
    expect(p.counts).toMatchObject({ reported: 5, registered: 4, publicFirst: 0, handled: 3, closed: 2, due: 2 });
    expect(p.stages.acceptToHandle).toEqual({ n: 3, seconds: 3600 });
    expect(personFigures(undefined, reported).counts).toMatchObject({ reported: 5, handled: 0 });
    expect(personFigures(handled, undefined).counts).toMatchObject({ reported: 0, handled: 3 });
  });

  it('whistle counts replace the group’s and addInto can take only some counts', () => {
    const f = withWhistles(figures({ whistleCalls: 7, closed: 1 }), counts({ whistleCalls: 2, whistleOnTime: 1, whistleMissed: 1 }));
    expect(f.counts).toMatchObject({ whistleCalls: 2, whistleOnTime: 1, whistleMissed: 1, closed: 1 });
    expect(withWhistles(figures({ whistleCalls: 7 }), undefined).counts.whistleCalls).toBe(0);
    const acc = addInto(emptyFigures(), figures({ reported: 2, closed: 3 }, { verifyToClose: { n: 1, seconds: 60 } }), ['reported']);
    expect(acc.counts).toMatchObject({ reported: 2, closed: 0 });
    expect(acc.stages.verifyToClose.n).toBe(0);
  });
});

describe('periods (Asia/Shanghai)', () => {
  it('are whole days from 00:00 +08:00, half-open at the day after the last', () => {
    const p = periodOf('2026-03-01', '2026-03-31', new Date());
    if (typeof p === 'string') throw new Error(p);
    expect(p.start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });

  it('default to this month up to today, in Shanghai time', () => {
    // 2026-03-31 17:00 UTC is already 1 April in Shanghai.
    const p = periodOf(undefined, undefined, new Date('2026-03-31T17:00:00Z'));
    expect(typeof p !== 'string' && [p.from, p.to]).toEqual(['2026-04-01', '2026-04-01']);
    const q = periodOf(undefined, '2026-02-14', new Date());
    expect(typeof q !== 'string' && [q.from, q.to]).toEqual(['2026-02-01', '2026-02-14']);
    const r = periodOf('2026-01-01', undefined, new Date('2026-05-20T04:00:00Z'));
    expect(typeof r !== 'string' && [r.from, r.to]).toEqual(['2026-01-01', '2026-05-20']);
  });

  it('refuse impossible days, reversed and overlong periods', () => {
    expect(periodOf('2026-02-29', '2026-03-01', new Date())).toBe('badDay');
    expect(typeof periodOf('2028-02-29', '2028-03-01', new Date())).toBe('object'); // a leap year
    expect(periodOf('2026-13-01', '2026-12-01', new Date())).toBe('badDay');
    expect(periodOf('2026-03-02', '2026-03-01', new Date())).toBe('reversed');
    expect(typeof periodOf('2026-03-01', '2026-03-01', new Date())).toBe('object');
    expect(periodOf('2020-01-01', '2026-01-01', new Date())).toBe('tooLong');
  });
});

describe('docs/measures.md', () => {
  const doc = fs.readFileSync(new URL('../../../docs/measures.md', import.meta.url), 'utf8');
  it('defines every count, rate and stage span the code computes', () => {
    for (const k of COUNT_KEYS) {
      expect(doc, k).toContain(`\`${k}\``);
      expect(doc, k).toContain(COUNT_NAMES[k].zh);
    }
    for (const d of RATE_DEFS) {
      expect(doc, d.key).toContain(`| ${d.zh} | \`${d.key}\` |`);
      // The formula column names the same numerator and denominator as the code.
      const line = doc.split('\n').find((l) => l.includes(`\`${d.key}\``))!;
      expect(line, d.key).toContain(d.numerator);
    }
    for (const s of STAGE_SPANS) expect(doc, s.key).toContain(`| ${s.zh} | \`${s.key}\` |`);
  });
});
