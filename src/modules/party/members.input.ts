// Checks of a party member's own fields (no rows needed), with the bilingual field names errors
// carry. Tested in members.input.test.ts.
import type { Bilingual } from '../../shared/errors.ts';
import { checkMobile } from '../registry/index.ts';
import { MEMBER_KINDS, MEMBER_STANDINGS } from './party.model.ts';
import { isDay } from './orgs.rules.ts';

export const MEMBER_FIELDS = {
  name: { zh: '姓名', en: 'name' },
  gender: { zh: '性别', en: 'gender' },
  residentId: { zh: '关联居民', en: 'resident' },
  birthDate: { zh: '出生日期', en: 'birth date' },
  mobile: { zh: '手机号', en: 'mobile' },
  kind: { zh: '党员类型', en: 'kind' },
  orgId: { zh: '所在党组织', en: 'organization' },
  regionId: { zh: '居住区域', en: 'region' },
  joinedPartyOn: { zh: '入党日期', en: 'joined the party on' },
  standing: { zh: '党员身份', en: 'standing' },
  employer: { zh: '工作单位', en: 'employer' },
  institutionId: { zh: '驻区单位', en: 'resident institution' },
  skills: { zh: '特长', en: 'skills' },
  on: { zh: '日期', en: 'date' },
  reason: { zh: '原因', en: 'reason' },
} satisfies Record<string, Bilingual>;
export type MemberField = keyof typeof MEMBER_FIELDS;

export interface MemberProblem {
  field: MemberField;
  reason: Bilingual;
}

export interface MemberFields {
  name: string;
  gender: string;
  birthDate: string | null;
  mobile: string | null;
  kind: string;
  standing: string;
  joinedPartyOn: string | null;
  employer: string;
  skills: string[];
}

export const MAX_SKILLS = 20;
export const MAX_SKILL_LENGTH = 30;
/** The party admits people from eighteen (年满十八岁). */
export const MIN_JOIN_AGE = 18;

const addYears = (day: string, n: number) => `${String(Number(day.slice(0, 4)) + n).padStart(4, '0')}${day.slice(4)}`;

/** Cleans the fields and returns them, or the first problem. */
export function checkMemberFields(raw: MemberFields, today: string): { ok: true; value: MemberFields } | { ok: false; problem: MemberProblem } {
  const fail = (field: MemberField, zh: string, en: string) => ({ ok: false as const, problem: { field, reason: { zh, en } } });
  const name = raw.name.trim();
  if (!name) return fail('name', '必填', 'required');
  if (name.length > 50) return fail('name', '不能超过 50 个字', 'at most 50 characters');
  if (raw.gender !== 'male' && raw.gender !== 'female') return fail('gender', '只能是 男/女', 'male or female');
  if (!(raw.kind in MEMBER_KINDS)) return fail('kind', `只能是 ${Object.values(MEMBER_KINDS).join('/')}`, `one of ${Object.keys(MEMBER_KINDS).join('/')}`);
  if (!(raw.standing in MEMBER_STANDINGS)) return fail('standing', `只能是 ${Object.values(MEMBER_STANDINGS).join('/')}`, `one of ${Object.keys(MEMBER_STANDINGS).join('/')}`);
  for (const f of ['birthDate', 'joinedPartyOn'] as const) {
    const v = raw[f];
    if (v && !isDay(v)) return fail(f, '应为有效日期 YYYY-MM-DD', 'a real date, YYYY-MM-DD');
    if (v && v > today) return fail(f, '不能晚于今天', 'cannot be in the future');
  }
  if (raw.birthDate && raw.joinedPartyOn && raw.joinedPartyOn < addYears(raw.birthDate, MIN_JOIN_AGE)) {
    return fail('joinedPartyOn', `入党时应年满 ${MIN_JOIN_AGE} 周岁（出生于 ${raw.birthDate}）`, `must be at least ${MIN_JOIN_AGE} years after the birth date (${raw.birthDate})`);
  }
  let mobile: string | null = null;
  if (raw.mobile && raw.mobile.trim()) {
    const m = checkMobile(raw.mobile);
    if (!m.ok) return { ok: false, problem: { field: 'mobile', reason: m.reason } };
    mobile = m.value;
  }
  const employer = raw.employer.trim();
  if (employer.length > 100) return fail('employer', '不能超过 100 个字', 'at most 100 characters');
  const skills = [...new Set(raw.skills.map((s) => s.trim()).filter(Boolean))];
  if (skills.length > MAX_SKILLS) return fail('skills', `至多 ${MAX_SKILLS} 项`, `at most ${MAX_SKILLS}`);
  const long = skills.find((s) => s.length > MAX_SKILL_LENGTH);
  if (long) return fail('skills', `“${long.slice(0, 10)}…”超过 ${MAX_SKILL_LENGTH} 个字`, `"${long.slice(0, 10)}…" is longer than ${MAX_SKILL_LENGTH} characters`);
  return { ok: true, value: { ...raw, name, mobile, employer, skills } };
}
