// Working-time arithmetic on the seeded official calendar (read from the migration itself, so the
// seed is checked too): hand-made edge cases, then properties over random instants of 2025–2026.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar, isWeekend, localDay, parseDay, stageClock, type SpecialDay, type TimeUnit } from './calendar.ts';

const migration = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations/0006_holiday_calendar.sql');
const SEED: SpecialDay[] = [...fs.readFileSync(migration, 'utf8').matchAll(/\('(\d{4}-\d{2}-\d{2})', '(holiday|workday)', '([^']*)'\)/g)].map((m) => ({
  day: m[1],
  kind: m[2] as SpecialDay['kind'],
  name: m[3],
}));
const cal = buildCalendar(SEED);

/** A Shanghai wall-clock time, e.g. at('2026-02-13 20:00'). */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
/** The Shanghai wall-clock time of an instant, 'YYYY-MM-DD HH:mm'. */
const wall = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const add = (start: string, n: number, unit: TimeUnit) => wall(cal.add(at(start), n, unit));

describe('the seeded calendar (0006_holiday_calendar.sql)', () => {
  it('holds the State Council calendars of 2025 and 2026', () => {
    const count = (year: string, kind: string) => SEED.filter((d) => d.day.startsWith(year) && d.kind === kind).length;
    // 2025: 元旦 1 + 春节 8 + 清明 3 + 劳动节 5 + 端午 3 + 国庆中秋 8; workdays 1/26, 2/8, 4/27, 9/28, 10/11.
    expect([count('2025', 'holiday'), count('2025', 'workday')]).toEqual([28, 5]);
    // 2026: 元旦 3 + 春节 9 + 清明 3 + 劳动节 5 + 端午 3 + 中秋 3 + 国庆 7; workdays 1/4, 2/14, 2/28, 5/9, 9/20, 10/10.
    expect([count('2026', 'holiday'), count('2026', 'workday')]).toEqual([33, 6]);
    expect(SEED.filter((d) => d.kind === 'workday').map((d) => d.day)).toEqual([
      '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ]);
    for (const d of SEED) {
      expect(parseDay(d.day), d.day).not.toBeNull();
      if (d.kind === 'workday') expect(isWeekend(d.day), d.day).toBe(true);
      expect(d.name, d.day).not.toBe('');
    }
    expect(new Set(SEED.map((d) => d.day)).size).toBe(SEED.length);
  });

  it('knows working days: weekdays, holidays, adjusted Saturdays and Sundays', () => {
    expect(cal.isWorkday('2026-03-16')).toBe(true); // an ordinary Monday
    expect(cal.isWorkday('2026-03-14')).toBe(false); // an ordinary Saturday
    expect(cal.isWorkday('2026-02-16')).toBe(false); // Monday in 春节
    expect(cal.isWorkday('2026-02-14')).toBe(true); // Saturday worked before 春节
    expect(cal.isWorkday('2026-01-04')).toBe(true); // Sunday worked after 元旦
    expect(cal.isWorkday('2026-02-21')).toBe(false); // Saturday inside 春节 (a holiday row on a weekend)
    expect(cal.isWorkday('2025-10-08')).toBe(false); // 国庆中秋 2025, 8 days
    expect(cal.isWorkday('2027-10-01')).toBe(true); // an unpublished year: the weekday rule (a Friday)
    expect(() => cal.isWorkday('2026-02-30')).toThrow(RangeError);
  });
});

describe('working days: due at 17:30 of the n-th working day after the start’s day', () => {
  it('Friday evening with 1 working day is due Monday 17:30', () => {
    expect(add('2026-03-13 20:00', 1, 'workingDays')).toBe('2026-03-16 17:30');
  });
  it('the time of day does not matter: Friday morning is also due Monday 17:30', () => {
    expect(add('2026-03-13 09:00', 1, 'workingDays')).toBe('2026-03-16 17:30');
    expect(add('2026-03-13 17:30', 1, 'workingDays')).toBe('2026-03-16 17:30');
    expect(add('2026-03-11 10:00', 1, 'workingDays')).toBe('2026-03-12 17:30');
    expect(add('2026-03-11 10:00', 5, 'workingDays')).toBe('2026-03-18 17:30');
  });
  it('a start on a weekend counts from the next working day', () => {
    expect(add('2026-03-14 11:00', 1, 'workingDays')).toBe('2026-03-16 17:30');
  });
  it('on the eve of 春节 2026 the adjusted Saturday counts, then the holiday is skipped', () => {
    expect(add('2026-02-13 16:00', 1, 'workingDays')).toBe('2026-02-14 17:30');
    expect(add('2026-02-13 16:00', 2, 'workingDays')).toBe('2026-02-24 17:30');
    expect(add('2026-02-14 10:00', 1, 'workingDays')).toBe('2026-02-24 17:30');
  });
  it('over 国庆 the week is skipped and the adjusted Saturday after it counts', () => {
    expect(add('2026-09-30 10:00', 1, 'workingDays')).toBe('2026-10-08 17:30');
    expect(add('2026-09-30 10:00', 3, 'workingDays')).toBe('2026-10-10 17:30');
    expect(add('2025-09-30 10:00', 1, 'workingDays')).toBe('2025-10-09 17:30');
  });
  it('crossing the year end into 元旦 2026 and its working Sunday', () => {
    expect(add('2025-12-31 16:00', 1, 'workingDays')).toBe('2026-01-04 17:30');
    expect(add('2025-12-31 16:00', 2, 'workingDays')).toBe('2026-01-05 17:30');
  });
});

describe('working hours: 08:30–12:00 and 14:00–17:30', () => {
  it('walks over the lunch break', () => {
    expect(add('2026-03-16 11:00', 2, 'workingHours')).toBe('2026-03-16 15:00');
    expect(add('2026-03-16 12:30', 1, 'workingHours')).toBe('2026-03-16 15:00');
    expect(add('2026-03-16 10:00', 2, 'workingHours')).toBe('2026-03-16 12:00'); // ends at the block's end, not 14:00
  });
  it('a start before 08:30 counts from 08:30', () => {
    expect(add('2026-03-16 07:00', 1, 'workingHours')).toBe('2026-03-16 09:30');
    expect(add('2026-03-16 00:00', 7, 'workingHours')).toBe('2026-03-16 17:30');
  });
  it('a start exactly at 17:30 counts from the next working morning; a walk may end at 17:30', () => {
    expect(add('2026-03-16 17:30', 1, 'workingHours')).toBe('2026-03-17 09:30');
    expect(add('2026-03-16 16:30', 1, 'workingHours')).toBe('2026-03-16 17:30');
    expect(add('2026-03-13 17:30', 2, 'workingHours')).toBe('2026-03-16 10:30'); // Friday → Monday
  });
  it('skips 春节 from the adjusted Saturday and crosses the year end onto a working Sunday', () => {
    expect(add('2026-02-14 16:00', 3, 'workingHours')).toBe('2026-02-24 10:00');
    expect(add('2025-12-31 16:00', 3, 'workingHours')).toBe('2026-01-04 10:00');
  });
  it('fractions are minutes', () => {
    expect(add('2026-03-16 08:30', 0.5, 'workingHours')).toBe('2026-03-16 09:00');
  });
});

describe('natural hours and between', () => {
  it('natural hours ignore the calendar', () => {
    expect(add('2026-02-14 20:00', 24, 'naturalHours')).toBe('2026-02-15 20:00');
    expect(cal.between(at('2026-02-14 20:00'), at('2026-02-15 08:00'), 'naturalHours')).toBe(12);
  });
  it('between measures on the same clocks, never negative', () => {
    expect(cal.between(at('2026-03-13 17:00'), at('2026-03-16 09:30'), 'workingHours')).toBe(1.5);
    expect(cal.between(at('2026-03-13 09:00'), at('2026-03-16 17:30'), 'workingDays')).toBe(1);
    expect(cal.between(at('2026-03-11 10:00'), at('2026-03-11 17:00'), 'workingDays')).toBe(0);
    expect(cal.between(at('2026-03-16 12:00'), at('2026-03-16 14:00'), 'workingHours')).toBe(0);
    expect(cal.between(at('2026-03-16 15:00'), at('2026-03-16 09:00'), 'workingHours')).toBe(0);
    expect(cal.between(at('2026-02-13 08:00'), at('2026-02-25 08:00'), 'workingHours')).toBe(21); // Fri, Sat 2/14, Tue 2/24
  });
});

describe('stage clocks: warning at 80 % in the stage’s own unit', () => {
  it('1 working day from Friday evening: warning Monday 16:06 (5.6 of 7 working hours), due 17:30', () => {
    const c = stageClock(cal, at('2026-03-13 20:00'), 1, 'workingDays');
    expect([wall(c.warnAt), wall(c.deadlineAt)]).toEqual(['2026-03-16 16:06', '2026-03-16 17:30']);
  });
  it('5 working hours from Monday 09:00: warning 15:00, due 16:00', () => {
    const c = stageClock(cal, at('2026-03-16 09:00'), 5, 'workingHours');
    expect([wall(c.warnAt), wall(c.deadlineAt)]).toEqual(['2026-03-16 15:00', '2026-03-16 16:00']);
  });
  it('24 natural hours: warning after 19 h 12 min', () => {
    const c = stageClock(cal, at('2026-02-14 20:00'), 24, 'naturalHours');
    expect([wall(c.warnAt), wall(c.deadlineAt)]).toEqual(['2026-02-15 15:12', '2026-02-15 20:00']);
  });
  it('2 working days before 春节 2026: the warning falls after the holiday', () => {
    const c = stageClock(cal, at('2026-02-13 10:00'), 2, 'workingDays');
    // 11.2 of 14 h: Saturday 2/14 gives 7 h, Tuesday 2/24 the other 4.2 h (08:30–12:00, 14:00–14:42).
    expect([wall(c.warnAt), wall(c.deadlineAt)]).toEqual(['2026-02-24 14:42', '2026-02-24 17:30']);
  });
});

describe('bad input', () => {
  it('refuses negative and non-finite amounts', () => {
    expect(() => cal.add(at('2026-03-16 09:00'), -1, 'workingHours')).toThrow(RangeError);
    expect(() => cal.add(at('2026-03-16 09:00'), Number.NaN, 'workingDays')).toThrow(RangeError);
    expect(() => cal.add(at('2026-03-16 09:00'), Number.POSITIVE_INFINITY, 'naturalHours')).toThrow(RangeError);
  });
  it('zero is the start itself', () => {
    expect(add('2026-03-14 03:00', 0, 'workingDays')).toBe('2026-03-14 03:00');
  });
  it('a calendar without working days stops instead of looping', () => {
    const days: SpecialDay[] = [];
    for (let t = Date.UTC(2030, 0, 1); t < Date.UTC(2032, 0, 1); t += 86_400_000) days.push({ day: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name: 'x' });
    expect(() => buildCalendar(days).add(at('2030-01-01 09:00'), 1, 'workingHours')).toThrow(/no working day/);
  });
  it('parses only real dates', () => {
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay('2024-02-29')).not.toBeNull();
    expect(parseDay('2026-13-01')).toBeNull();
    expect(parseDay('2026-1-01')).toBeNull();
    expect(localDay(at('2026-03-16 23:59'))).toBe('2026-03-16');
    expect(localDay(at('2026-03-17 00:00'))).toBe('2026-03-17');
  });
});

describe('properties over 2025–2026', () => {
  const instant = fc.integer({ min: at('2025-01-01 00:00').getTime(), max: at('2026-12-20 00:00').getTime() }).map((t) => new Date(t));
  const unit = fc.constantFrom<TimeUnit>('workingDays', 'workingHours', 'naturalHours');
  // Whole minutes of up to 15 days' worth in each unit.
  const amount = fc.integer({ min: 0, max: 15 * 7 * 60 }).map((m) => m / 60);
  const inOffice = (d: Date) => {
    const hm = wall(d).slice(11);
    return ((hm >= '08:30' && hm <= '12:00') || (hm >= '14:00' && hm <= '17:30')) && cal.isWorkday(localDay(d));
  };

  it('between(start, add(start, n)) = n', () => {
    fc.assert(fc.property(instant, amount, unit, (s, n, u) => Math.abs(cal.between(s, cal.add(s, n, u), u) - n) < 1e-6), { numRuns: 400 });
  });
  it('add is monotone in the amount and in the start', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 5 * 86_400_000 }), amount, amount, unit, (s, dt, n1, n2, u) => {
        const [lo, hi] = n1 <= n2 ? [n1, n2] : [n2, n1];
        const later = new Date(s.getTime() + dt);
        return cal.add(s, lo, u) <= cal.add(s, hi, u) && cal.add(s, lo, u) <= cal.add(later, lo, u);
      }),
      { numRuns: 400 },
    );
  });
  it('working deadlines land in office hours of a working day; whole working days at 17:30', () => {
    fc.assert(
      fc.property(instant, amount.filter((n) => n > 0), (s, n) => inOffice(cal.add(s, n, 'workingHours')) && inOffice(cal.add(s, n, 'workingDays'))),
      { numRuns: 400 },
    );
    fc.assert(fc.property(instant, fc.integer({ min: 1, max: 20 }), (s, n) => wall(cal.add(s, n, 'workingDays')).endsWith('17:30')), { numRuns: 200 });
  });
  it('working hours add up over consecutive spans', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 20 * 86_400_000 }), fc.integer({ min: 0, max: 20 * 86_400_000 }), (a, d1, d2) => {
        const b = new Date(a.getTime() + d1);
        const c = new Date(b.getTime() + d2);
        const sum = cal.between(a, b, 'workingHours') + cal.between(b, c, 'workingHours');
        return Math.abs(sum - cal.between(a, c, 'workingHours')) < 1e-9;
      }),
      { numRuns: 300 },
    );
  });
  it('the warning comes before the deadline and never before the start', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), unit, (s, n, u) => {
        const c = stageClock(cal, s, n, u);
        return s <= c.warnAt && c.warnAt < c.deadlineAt;
      }),
      { numRuns: 300 },
    );
  });
});
