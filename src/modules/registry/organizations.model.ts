// Vocabulary of organizations (组织): kinds, their subkinds and member roles, with the Chinese
// labels offices use. Which subkinds a kind allows is decided here, once, for API and import.
import type { Bilingual } from '../../shared/errors.ts';

export const ORG_KINDS = {
  newOrganization: '两新组织',
  communityTeam: '群众团队',
  ownersCommittee: '业委会',
  propertyCompany: '物业公司',
  residentInstitution: '驻区单位',
} as const;
export type OrgKind = keyof typeof ORG_KINDS;

export const ORG_SUBKINDS: Record<OrgKind, Record<string, string>> = {
  newOrganization: { enterprise: '非公企业', social: '社会组织' },
  communityTeam: { consultation: '协商议事', mediation: '调解法务', culture: '文体', mutualAid: '互助', volunteer: '志愿服务' },
  ownersCommittee: {},
  propertyCompany: {},
  residentInstitution: { agency: '机关', enterprise: '企业', school: '学校', hospital: '医院', other: '其他' },
};

/** Kinds whose subkind must be given (a team is always of some kind). */
export const SUBKIND_REQUIRED: ReadonlySet<OrgKind> = new Set(['communityTeam']);

export const MEMBER_ROLES = { leader: '负责人', director: '主任', deputy: '副职', secretary: '秘书', member: '成员' } as const;
export type MemberRole = keyof typeof MEMBER_ROLES;
/** Roles that make a member the organization's leader: at most one member holds one of them. */
export const LEADER_ROLES: ReadonlySet<MemberRole> = new Set(['leader', 'director']);

/** Organizations may serve a street or community, or sit in a grid or micro-grid. */
export const ORG_LEVELS = [3, 4, 5, 6] as const;

/**
 * 红色业委会: an owners' committee is party-led when party members (正式或预备党员) are a majority
 * of its members, i.e. more than half (exactly half is not). Other kinds: null (not applicable).
 */
export function partyLedOf(kind: string, partyMembers: number, members: number): boolean | null {
  if (kind !== 'ownersCommittee') return null;
  return partyMembers * 2 > members;
}

/** Checks a kind/subkind pair; returns the reason it is wrong, or null. */
export function subkindProblem(kind: OrgKind, subkind: string | null | undefined): Bilingual | null {
  const allowed = ORG_SUBKINDS[kind];
  const keys = Object.keys(allowed);
  if (!subkind) return SUBKIND_REQUIRED.has(kind) ? { zh: `${ORG_KINDS[kind]}须填写细分类型（${Object.values(allowed).join('/')}）`, en: `${kind} needs a subkind (${keys.join('/')})` } : null;
  if (keys.length === 0) return { zh: `${ORG_KINDS[kind]}没有细分类型`, en: `${kind} has no subkinds` };
  if (!keys.includes(subkind)) return { zh: `${ORG_KINDS[kind]}的细分类型只能是 ${Object.values(allowed).join('/')}`, en: `subkind of ${kind} must be one of ${keys.join('/')}` };
  return null;
}

export interface OrganizationInput {
  regionId: number;
  kind: OrgKind;
  subkind?: string | null;
  name: string;
  creditCode?: string | null;
  address?: string;
  leaderName?: string | null;
  contactMobile?: string | null;
  estateId?: number | null;
  placeId?: number | null;
  description?: string;
}

export interface MemberInput {
  residentId: number;
  role: MemberRole;
  joinedOn?: string | null;
}
