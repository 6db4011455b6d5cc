// The party rules as pure functions (tested in rules.logic.test.ts): reading and checking the
// configurable ranges (settings key `party.rules`), and the warnings each rule raises, with the
// numbers behind them and a message in zh and en.
import type { Bilingual } from '../../shared/errors.ts';
import { DEFAULT_PARTY_RULES, type PartyRules } from './party.model.ts';
import type { PartyWarning } from './rules.views.ts';

export const RULE_FIELDS = {
  branchMaxMembers: { zh: '党支部党员人数上限', en: 'branch member limit' },
  householdsPerLiaison: { zh: '党员中心户联系户数', en: 'households per liaison household' },
  liaisonsPerLeader: { zh: '党小组长联系中心户数', en: 'liaison households per group leader' },
} satisfies Record<keyof PartyRules, Bilingual>;

const isCount = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max;
const isRange = (v: unknown, max: number): v is { min: number; max: number } =>
  !!v && typeof v === 'object' && isCount((v as { min: unknown }).min, max) && isCount((v as { max: unknown }).max, max);

/** The stored rules over the defaults: a missing or malformed part falls back to its default. */
export function effectiveRules(stored: unknown): PartyRules {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<Record<keyof PartyRules, unknown>>;
  return {
    branchMaxMembers: isCount(s.branchMaxMembers, 100_000) ? s.branchMaxMembers : DEFAULT_PARTY_RULES.branchMaxMembers,
    householdsPerLiaison: isRange(s.householdsPerLiaison, 10_000) && s.householdsPerLiaison.min <= s.householdsPerLiaison.max ? { ...s.householdsPerLiaison } : { ...DEFAULT_PARTY_RULES.householdsPerLiaison },
    liaisonsPerLeader: isRange(s.liaisonsPerLeader, 10_000) && s.liaisonsPerLeader.min <= s.liaisonsPerLeader.max ? { ...s.liaisonsPerLeader } : { ...DEFAULT_PARTY_RULES.liaisonsPerLeader },
  };
}

/** The first thing wrong with rules someone wants to save, or null. */
export function rulesProblem(r: PartyRules): { field: Bilingual; reason: Bilingual } | null {
  if (!isCount(r.branchMaxMembers, 100_000)) return { field: RULE_FIELDS.branchMaxMembers, reason: { zh: '应为 1 到 100000 的整数', en: 'a whole number from 1 to 100000' } };
  for (const key of ['householdsPerLiaison', 'liaisonsPerLeader'] as const) {
    const v = r[key];
    if (!isRange(v, 10_000)) return { field: RULE_FIELDS[key], reason: { zh: '下限和上限应为 1 到 10000 的整数', en: 'min and max are whole numbers from 1 to 10000' } };
    if (v.min > v.max) return { field: RULE_FIELDS[key], reason: { zh: `下限 ${v.min} 大于上限 ${v.max}`, en: `min ${v.min} is above max ${v.max}` } };
  }
  return null;
}

/** A branch of more than `max` members (its groups' members included) should be reorganized. */
export const branchTooLarge = (members: number, rules: PartyRules) => members > rules.branchMaxMembers;

/** A temporary branch is past its end the day after its end date. */
export const temporaryExpired = (endOn: string | null, today: string) => endOn !== null && endOn < today;

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

type Ref = { id: number; name: string };
type Where = Ref | null;

export function branchTooLargeWarning(org: Ref, region: Where, members: number, rules: PartyRules): PartyWarning {
  const max = rules.branchMaxMembers;
  return {
    kind: 'branchTooLarge',
    severity: 'warning',
    subject: { type: 'partyOrg', id: org.id, name: org.name },
    region,
    numbers: { members, max },
    message: {
      zh: `${org.name} 有党员 ${members} 名，超过 ${max} 名，应改设党总支或党委`,
      en: `${org.name} has ${members} members, more than ${max}: it should become a general branch or a committee`,
    },
  };
}

export function temporaryExpiredWarning(org: Ref, region: Where, endOn: string, today: string): PartyWarning {
  const days = daysBetween(endOn, today);
  return {
    kind: 'temporaryBranchExpired',
    severity: 'warning',
    subject: { type: 'partyOrg', id: org.id, name: org.name },
    region,
    numbers: { endOn, daysPast: days },
    message: {
      zh: `临时党支部 ${org.name} 已于 ${endOn} 到期（超过 ${days} 天），应撤销或延期`,
      en: `temporary branch ${org.name} ended on ${endOn} (${days} days ago): archive it or extend it`,
    },
  };
}

export function gridWithoutOrgWarning(grid: Ref, community: Where): PartyWarning {
  return {
    kind: 'gridWithoutOrg',
    severity: 'warning',
    subject: { type: 'region', id: grid.id, name: grid.name },
    region: community,
    numbers: { orgs: 0 },
    message: { zh: `网格 ${grid.name} 未建立党组织`, en: `grid ${grid.name} has no party organization` },
  };
}

export function estateWithoutOrgWarning(estate: Ref, region: Where): PartyWarning {
  return {
    kind: 'estateWithoutOrg',
    severity: 'warning',
    subject: { type: 'estate', id: estate.id, name: estate.name },
    region,
    numbers: { orgs: 0 },
    message: { zh: `小区 ${estate.name} 未建立党组织`, en: `estate ${estate.name} has no party organization` },
  };
}

export function partyLedWarning(committee: Ref, region: Where, partyMembers: number, members: number): PartyWarning {
  return {
    kind: 'partyLedOwnersCommittee',
    severity: 'info',
    subject: { type: 'organization', id: committee.id, name: committee.name },
    region,
    numbers: { partyMembers, members },
    message: {
      zh: `${committee.name} 成员 ${members} 人中党员 ${partyMembers} 人，过半，为红色业委会`,
      en: `${committee.name}: ${partyMembers} of ${members} members are party members, a majority: party-led (红色业委会)`,
    },
  };
}
