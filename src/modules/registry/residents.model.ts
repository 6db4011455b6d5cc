// The resident's vocabulary and input shape, shared by the API (create/update), the sheet
// (template, import parse, export) and the bulk writer. Labels are the Chinese words offices use.

export const GENDERS = { male: '男', female: '女' } as const;
export const RESIDENCE_TYPES = { registered: '户籍人口', migrant: '流动人口', foreign: '境外人员' } as const;
export const ID_TYPES = { idCard: '居民身份证', passport: '护照', hkMacauPermit: '港澳居民居住证', taiwanPermit: '台湾居民居住证', foreignPermanent: '外国人永久居留身份证' } as const;
export const HOUSEHOLD_ROLES = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙子女',
  grandparent: '祖父母',
  sibling: '兄弟姐妹',
  tenant: '租客',
  other: '其他',
} as const;
export const POLITICAL_STATUSES = {
  partyMember: '中共党员',
  probationaryMember: '中共预备党员',
  leagueMember: '共青团员',
  democraticParty: '民主党派',
  masses: '群众',
  other: '其他',
} as const;
export const LEFT_REASONS = { movedOut: '迁出', deceased: '死亡', other: '其他' } as const;

export type Gender = keyof typeof GENDERS;
export type ResidenceType = keyof typeof RESIDENCE_TYPES;
export type IdType = keyof typeof ID_TYPES;
export type HouseholdRole = keyof typeof HOUSEHOLD_ROLES;
export type PoliticalStatus = keyof typeof POLITICAL_STATUSES;

/**
 * A resident as entered by a form or a sheet row, after format checks. Place: either a dwelling
 * (by id from the API, or by address parts from a sheet) or, for people without a registered
 * dwelling, just a grid/micro-grid. Household: join the household headed by `householdHeadIdNumber`
 * (a sheet) or `householdId` (the API); a 'head' founds their own.
 */
export interface ResidentInput {
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string;
  idType: IdType;
  idNumber: string;
  mobile: string | null;
  residenceType: ResidenceType;
  regionId?: number;
  regionCode?: string;
  dwellingId?: number | null;
  /** Sheet address of the dwelling, resolved within the region: estate name ('' = none), building number, unit, room. */
  dwellingRef?: { estate: string; building: string; unit: number; room: string } | null;
  householdId?: number | null;
  householdHeadIdNumber?: string | null;
  householdRole: HouseholdRole;
  employer: string;
  politicalStatus: PoliticalStatus;
  tags: string[];
  seasonal: boolean;
  note: string;
}

/** Reverse lookup of a Chinese label (or the code itself) to its code. */
export function codeOf<T extends Record<string, string>>(labels: T, value: string): keyof T | undefined {
  const v = value.trim();
  if (v in labels) return v as keyof T;
  for (const [k, label] of Object.entries(labels)) if (label === v) return k as keyof T;
  return undefined;
}
