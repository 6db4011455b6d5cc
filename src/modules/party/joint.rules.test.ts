import { describe, expect, it } from 'vitest';
import { attendanceRate, daysBetween, decisionsDone, isCalendarDate, isCurrent, overlaps, partnershipStatus, todayInChina } from './joint.rules.ts';

describe('joint committee rules', () => {
  it('checks calendar days', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });

  it('today is China’s calendar day', () => {
    expect(todayInChina(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(todayInChina(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });

  it('attendance rate: present over listed, null for nobody', () => {
    expect(attendanceRate([])).toEqual({ present: 0, total: 0, rate: null });
    expect(attendanceRate([{ present: true }, { present: false }, { present: true }])).toEqual({ present: 2, total: 3, rate: 0.6667 });
    expect(attendanceRate([{ present: true }])).toEqual({ present: 1, total: 1, rate: 1 });
    expect(decisionsDone([{ done: true }, { done: false }])).toBe(1);
  });

  it('current on both end days, not a day outside', () => {
    expect(isCurrent('2026-01-01', '2026-06-30', '2026-01-01')).toBe(true);
    expect(isCurrent('2026-01-01', '2026-06-30', '2026-06-30')).toBe(true);
    expect(isCurrent('2026-01-01', '2026-06-30', '2025-12-31')).toBe(false);
    expect(isCurrent('2026-01-01', '2026-06-30', '2026-07-01')).toBe(false);
    expect(isCurrent(null, null, '2026-07-01')).toBe(true);
  });

  it('partnership status and overlap', () => {
    const p = { startOn: '2026-01-01', endOn: '2026-12-31', archived: false };
    expect(partnershipStatus(p, '2025-12-31')).toBe('upcoming');
    expect(partnershipStatus(p, '2026-01-01')).toBe('active');
    expect(partnershipStatus(p, '2026-12-31')).toBe('active');
    expect(partnershipStatus(p, '2027-01-01')).toBe('ended');
    expect(partnershipStatus({ ...p, archived: true }, '2026-06-01')).toBe('archived');
    expect(overlaps(p, { startOn: '2026-12-31', endOn: null })).toBe(true);
    expect(overlaps(p, { startOn: '2027-01-01', endOn: null })).toBe(false);
    expect(overlaps({ startOn: '2020-01-01', endOn: null }, p)).toBe(true);
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
  });
});
