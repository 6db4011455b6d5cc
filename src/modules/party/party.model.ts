// Vocabulary of party building (党建), with the Chinese labels offices use: organization kinds and
// where each may sit, member kinds, officer roles, and the configurable ranges of the rules.
import type { Bilingual } from '../../shared/errors.ts';

export const PARTY_ORG_KINDS = {
  streetWorkingCommittee: '党工委',
  committee: '党委',
  generalBranch: '党总支',
  branch: '党支部',
  group: '党小组',
  temporaryBranch: '临时党支部',
} as const;
export type PartyOrgKind = keyof typeof PARTY_ORG_KINDS;

/** Where an organization is attached: a region of the tree, an estate or building in it, or a resident institution. */
export const ATTACH_KINDS = { region: '区域', estate: '小区', building: '楼栋', institution: '驻区单位' } as const;
export type AttachKind = keyof typeof ATTACH_KINDS;

export const MEMBER_KINDS = { inService: '在职党员', retired: '退休党员', mobile: '流动党员', seasonal: '候鸟党员' } as const;
export type MemberKind = keyof typeof MEMBER_KINDS;

export const MEMBER_STANDINGS = { full: '正式党员', probationary: '预备党员' } as const;
export const LEFT_REASONS = { transferredOut: '组织关系转出', deceased: '去世', other: '其他' } as const;

export const OFFICER_ROLES = { secretary: '书记', deputySecretary: '副书记', committeeMember: '委员' } as const;
export type OfficerRole = keyof typeof OFFICER_ROLES;

/**
 * The rules' ranges (settings key `party.rules`, editable): a branch of more than
 * `branchMaxMembers` should become a general branch or committee; a liaison household links
 * `householdsPerLiaison` households; a party group leader links `liaisonsPerLeader` liaison households.
 */
export interface PartyRules {
  branchMaxMembers: number;
  householdsPerLiaison: { min: number; max: number };
  liaisonsPerLeader: { min: number; max: number };
}
export const DEFAULT_PARTY_RULES: PartyRules = {
  branchMaxMembers: 100,
  householdsPerLiaison: { min: 30, max: 50 },
  liaisonsPerLeader: { min: 5, max: 10 },
};
export const PARTY_RULES_SETTING = 'party.rules';

/** Bilingual entity names, for errors. */
export const PARTY_ENTITIES = {
  partyOrg: { zh: '党组织', en: 'Party organization' },
  partyMember: { zh: '党员', en: 'Party member' },
  liaisonHousehold: { zh: '党员中心户', en: 'Liaison household' },
  householdLink: { zh: '联户', en: 'Household link' },
  jointMember: { zh: '兼职委员', en: 'Part-time committee member' },
  jointMeeting: { zh: '联席会议', en: 'Joint meeting' },
  partnership: { zh: '结对共建', en: 'Partnership' },
  leaderContact: { zh: '三联系', en: 'Leader contact' },
  dualRegistration: { zh: '双报到', en: 'Dual registration' },
  pioneerPost: { zh: '党员先锋岗', en: 'Pioneer post' },
  pledge: { zh: '承诺事项', en: 'Pledge' },
} satisfies Record<string, Bilingual>;
export type PartyEntity = keyof typeof PARTY_ENTITIES;
