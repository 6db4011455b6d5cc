// The pledge transition table and the service-hours rule, on the edges of their ranges.
import { describe, expect, it } from 'vitest';
import { activeOn, isDay, PLEDGE_TRANSITIONS, pledgeTransition, serviceHoursProblem, shanghaiToday, type PledgeStatus } from './registrations.model.ts';

const today = '2026-06-15';
const registeredOn = '2026-01-01';
const pledge = (status: PledgeStatus, dueOn = '2026-06-15') => ({ status, dueOn, fulfilledOn: status === 'kept' ? '2026-06-01' : null, evidence: status === 'kept' ? '照片' : '' });

describe('pledge transitions', () => {
  it('the table: pending to anything; kept and missed only back to pending (kept may be amended)', () => {
    expect(PLEDGE_TRANSITIONS).toEqual({ pending: ['pending', 'kept', 'missed'], kept: ['kept', 'pending'], missed: ['pending'] });
    const allowed = (from: PledgeStatus, to: PledgeStatus) => pledgeTransition(pledge(from, '2026-06-01'), { status: to, evidence: '记录' }, today, registeredOn).ok;
    expect([allowed('kept', 'missed'), allowed('missed', 'kept'), allowed('missed', 'missed')]).toEqual([false, false, false]);
    expect([allowed('pending', 'kept'), allowed('pending', 'missed'), allowed('kept', 'pending'), allowed('missed', 'pending'), allowed('kept', 'kept')]).toEqual([true, true, true, true, true]);
  });

  it('kept: needs evidence; the day defaults to today and lies between the registration and today', () => {
    expect(pledgeTransition(pledge('pending'), { status: 'kept' }, today, registeredOn).ok).toBe(false);
    expect(pledgeTransition(pledge('pending'), { status: 'kept', evidence: '  ' }, today, registeredOn).ok).toBe(false);
    expect(pledgeTransition(pledge('pending'), { status: 'kept', evidence: ' 验收单 ' }, today, registeredOn)).toEqual({ ok: true, value: { status: 'kept', fulfilledOn: today, evidence: '验收单' } });
    const on = (fulfilledOn: string) => pledgeTransition(pledge('pending'), { status: 'kept', evidence: 'x', fulfilledOn }, today, registeredOn).ok;
    expect([on('2025-12-31'), on('2026-01-01'), on('2026-06-15'), on('2026-06-16'), on('2026-02-30')]).toEqual([false, true, true, false, false]);
  });

  it('missed: not on the due day, from the day after', () => {
    const missed = (dueOn: string) => pledgeTransition(pledge('pending', dueOn), { status: 'missed' }, today, registeredOn).ok;
    expect([missed('2026-06-16'), missed('2026-06-15'), missed('2026-06-14')]).toEqual([false, false, true]);
  });

  it('back to pending clears the fulfilment day', () => {
    expect(pledgeTransition(pledge('kept'), { status: 'pending' }, today, registeredOn)).toEqual({ ok: true, value: { status: 'pending', fulfilledOn: null, evidence: '照片' } });
  });
});

describe('service hours', () => {
  it('more than 0, at most 24, in tenths', () => {
    const ok = (h: number) => serviceHoursProblem(h) === null;
    expect([0, 0.05, 0.1, 1.25, 2.5, 23.9, 24, 24.1, -1, Number.NaN].map(ok)).toEqual([false, false, true, false, true, true, true, false, false, false]);
  });
});

describe('days', () => {
  it('calendar days only; today in Asia/Shanghai', () => {
    expect(['2026-02-28', '2026-02-29', '2028-02-29', '2026-13-01', '2026-1-01'].map(isDay)).toEqual([true, false, true, false, false]);
    expect(shanghaiToday(new Date('2026-06-14T15:59:59Z'))).toBe('2026-06-14');
    expect(shanghaiToday(new Date('2026-06-14T16:00:00Z'))).toBe('2026-06-15');
  });

  it('a registration is active from its day to the day before it ends', () => {
    const r = { registeredOn: '2026-03-01', deregisteredOn: '2026-03-31' };
    expect(['2026-02-28', '2026-03-01', '2026-03-30', '2026-03-31'].map((d) => activeOn(r, d))).toEqual([false, true, true, false]);
    expect(activeOn({ registeredOn: '2026-03-01', deregisteredOn: null }, '2030-01-01')).toBe(true);
  });
});
