// Vocabulary and rules of dual registration (双报到) that need no database: registration kinds,
// the pledge transition table, calendar days in Asia/Shanghai and the service-hours rule.
import type { Bilingual } from '../../shared/errors.ts';

export const REGISTRATION_KINDS = { organization: '单位党组织报到', member: '在职党员报到' } as const;
export type RegistrationKind = keyof typeof REGISTRATION_KINDS;

export const PLEDGE_STATUSES = { pending: '待兑现', kept: '已兑现', missed: '未兑现' } as const;
export type PledgeStatus = keyof typeof PLEDGE_STATUSES;
const PLEDGE_STATUS_EN: Record<PledgeStatus, string> = { pending: 'pending', kept: 'kept', missed: 'missed' };
export const pledgeStatusName = (s: PledgeStatus): Bilingual => ({ zh: PLEDGE_STATUSES[s], en: PLEDGE_STATUS_EN[s] });

/**
 * The pledge workflow as data. A pending pledge is kept (with evidence and the day it was kept) or
 * missed (only once its due day has passed: on the due day it can still be kept). Kept and missed
 * go back to pending only to correct a mistake; a kept pledge may be re-saved to amend its evidence.
 */
export const PLEDGE_TRANSITIONS: Record<PledgeStatus, readonly PledgeStatus[]> = {
  pending: ['pending', 'kept', 'missed'],
  kept: ['kept', 'pending'],
  missed: ['pending'],
};

export interface PledgeChange {
  status: PledgeStatus;
  fulfilledOn?: string | null;
  evidence?: string | null;
}

/** Checks a pledge change against the table and its dates; returns the new columns or why not. */
export function pledgeTransition(
  current: { status: PledgeStatus; dueOn: string; fulfilledOn: string | null; evidence: string },
  change: PledgeChange,
  today: string,
  registeredOn: string,
): { ok: true; value: { status: PledgeStatus; fulfilledOn: string | null; evidence: string } } | { ok: false; reason: Bilingual } {
  const to = change.status;
  if (!PLEDGE_TRANSITIONS[current.status].includes(to)) {
    return { ok: false, reason: { zh: `「${PLEDGE_STATUSES[current.status]}」只能改为 ${PLEDGE_TRANSITIONS[current.status].map((s) => PLEDGE_STATUSES[s]).join('、')}`, en: `from ${current.status} only to ${PLEDGE_TRANSITIONS[current.status].join(', ')}` } };
  }
  const evidence = (change.evidence ?? current.evidence ?? '').trim();
  if (to === 'pending') return { ok: true, value: { status: 'pending', fulfilledOn: null, evidence: change.evidence === undefined ? current.evidence : evidence } };
  if (to === 'missed') {
    if (current.dueOn >= today) return { ok: false, reason: { zh: `期限 ${current.dueOn} 未过，仍可兑现`, en: `the due day ${current.dueOn} has not passed yet` } };
    return { ok: true, value: { status: 'missed', fulfilledOn: null, evidence } };
  }
  const fulfilledOn = change.fulfilledOn ?? current.fulfilledOn ?? today;
  if (!isDay(fulfilledOn)) return { ok: false, reason: { zh: `兑现日期 ${fulfilledOn} 不是有效日期`, en: `fulfilment day ${fulfilledOn} is not a calendar day` } };
  if (fulfilledOn > today) return { ok: false, reason: { zh: `兑现日期 ${fulfilledOn} 晚于今天`, en: `fulfilment day ${fulfilledOn} is in the future` } };
  if (fulfilledOn < registeredOn) return { ok: false, reason: { zh: `兑现日期 ${fulfilledOn} 早于报到日期 ${registeredOn}`, en: `fulfilment day ${fulfilledOn} is before the registration (${registeredOn})` } };
  if (!evidence) return { ok: false, reason: { zh: '兑现须填写佐证材料', en: 'keeping a pledge needs evidence' } };
  return { ok: true, value: { status: 'kept', fulfilledOn, evidence } };
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The calendar day in Asia/Shanghai at `now`, as YYYY-MM-DD. */
export const shanghaiToday = (now: Date = new Date()): string => new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Service records: more than 0 and at most 24 hours a day, in tenths of an hour (numeric(6,1)). */
export const MAX_SERVICE_HOURS = 24;
export function serviceHoursProblem(hours: number): Bilingual | null {
  if (!Number.isFinite(hours) || hours <= 0) return { zh: '须大于 0', en: 'must be more than 0' };
  if (hours > MAX_SERVICE_HOURS) return { zh: `一天最多 ${MAX_SERVICE_HOURS} 小时`, en: `at most ${MAX_SERVICE_HOURS} hours a day` };
  if (Math.abs(hours * 10 - Math.round(hours * 10)) > 1e-9) return { zh: '精确到 0.1 小时', en: 'in tenths of an hour' };
  return null;
}

/** Is a registration active on a day (registered on or before it, not yet deregistered)? */
export const activeOn = (r: { registeredOn: string; deregisteredOn: string | null }, day: string): boolean =>
  r.registeredOn <= day && (r.deregisteredOn === null || r.deregisteredOn > day);

export const REGISTRATION_FIELDS = {
  kind: { zh: '报到类型', en: 'kind' },
  partyOrgId: { zh: '党组织', en: 'party organization' },
  memberId: { zh: '党员', en: 'party member' },
  communityId: { zh: '报到社区', en: 'community' },
  registeredOn: { zh: '报到日期', en: 'registration day' },
  on: { zh: '注销日期', en: 'deregistration day' },
  reason: { zh: '注销原因', en: 'reason' },
  title: { zh: '名称', en: 'title' },
  dueOn: { zh: '承诺期限', en: 'due day' },
  servedOn: { zh: '服务日期', en: 'service day' },
  hours: { zh: '服务时长', en: 'hours' },
  activity: { zh: '服务内容', en: 'activity' },
  period: { zh: '统计期间', en: 'period' },
} satisfies Record<string, Bilingual>;
