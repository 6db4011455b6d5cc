// The shape rules of the organization tree, as data and pure functions (tested in orgs.rules.test.ts):
// which kinds may sit under which, at which levels of the governance tree, how an organization is
// attached, and the dates of a temporary branch. The service loads rows and asks these.
import type { Bilingual } from '../../shared/errors.ts';
import { ATTACH_KINDS, PARTY_ORG_KINDS, type AttachKind, type PartyOrgKind } from './party.model.ts';

export const ORG_FIELDS = {
  parentId: { zh: '上级党组织', en: 'parent organization' },
  kind: { zh: '组织类型', en: 'kind' },
  name: { zh: '名称', en: 'name' },
  regionId: { zh: '所在区域', en: 'region' },
  attachKind: { zh: '依托类型', en: 'attached to' },
  estateId: { zh: '小区', en: 'estate' },
  buildingId: { zh: '楼栋', en: 'building' },
  institutionId: { zh: '驻区单位', en: 'resident institution' },
  joint: { zh: '大工委/大党委', en: 'joint committee' },
  establishedOn: { zh: '成立日期', en: 'established on' },
  startOn: { zh: '开始日期', en: 'start date' },
  endOn: { zh: '结束日期', en: 'end date' },
  note: { zh: '备注', en: 'note' },
  officers: { zh: '班子成员', en: 'officers' },
} satisfies Record<string, Bilingual>;
export type OrgField = keyof typeof ORG_FIELDS;

export interface Problem {
  field: OrgField;
  reason: Bilingual;
}

/**
 * Which kinds may be the parent of each kind. A street working committee heads the tree (the
 * district committee above it lies outside the grid tree); a group (党小组) always belongs to a
 * branch, general branch or temporary branch. Other kinds may be roots too: an institution's own
 * organization often reports to a superior outside the area.
 */
export const PARENT_KINDS: Record<PartyOrgKind, readonly PartyOrgKind[]> = {
  streetWorkingCommittee: [],
  committee: ['streetWorkingCommittee', 'committee'],
  generalBranch: ['streetWorkingCommittee', 'committee'],
  branch: ['streetWorkingCommittee', 'committee', 'generalBranch'],
  temporaryBranch: ['streetWorkingCommittee', 'committee', 'generalBranch'],
  group: ['generalBranch', 'branch', 'temporaryBranch'],
};
export const PARENT_REQUIRED: ReadonlySet<PartyOrgKind> = new Set(['group']);

/** Levels of the governance tree (street 3, community 4, grid 5, micro-grid 6) a kind may sit at. */
export const ORG_LEVELS: Record<PartyOrgKind, readonly number[]> = {
  streetWorkingCommittee: [3],
  committee: [3, 4, 5, 6],
  generalBranch: [3, 4, 5, 6],
  branch: [3, 4, 5, 6],
  temporaryBranch: [3, 4, 5, 6],
  group: [3, 4, 5, 6],
};

/** Only committees take part-time members from resident institutions (大工委 / 大党委). */
export const JOINT_KINDS: ReadonlySet<PartyOrgKind> = new Set(['streetWorkingCommittee', 'committee']);

const LEVEL_ZH: Record<number, string> = { 1: '市', 2: '区县', 3: '街道', 4: '社区', 5: '网格', 6: '微网格' };
const LEVEL_EN: Record<number, string> = { 1: 'city', 2: 'district', 3: 'street', 4: 'community', 5: 'grid', 6: 'micro-grid' };

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isDay(v: string): boolean {
  if (!DAY_RE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Today in Asia/Shanghai (UTC+8 all year). */
export function todayShanghai(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export const isKind = (k: string): k is PartyOrgKind => k in PARTY_ORG_KINDS;
export const isAttachKind = (k: string): k is AttachKind => k in ATTACH_KINDS;

/** Which attachment the ids point at, when the caller did not say. */
export function inferAttachKind(v: { estateId?: number | null; buildingId?: number | null; institutionId?: number | null }): AttachKind {
  if (v.institutionId) return 'institution';
  if (v.buildingId) return 'building';
  if (v.estateId) return 'estate';
  return 'region';
}

export interface OrgShape {
  kind: string;
  name: string;
  attachKind: string;
  estateId: number | null;
  buildingId: number | null;
  institutionId: number | null;
  joint: boolean;
  establishedOn: string | null;
  startOn: string | null;
  endOn: string | null;
}

/** Problems with an organization's own fields (no rows needed), first one first. */
export function shapeProblems(v: OrgShape, today: string): Problem[] {
  const out: Problem[] = [];
  if (!isKind(v.kind)) out.push({ field: 'kind', reason: { zh: `只能是 ${Object.values(PARTY_ORG_KINDS).join('/')}`, en: `one of ${Object.keys(PARTY_ORG_KINDS).join('/')}` } });
  if (!v.name.trim()) out.push({ field: 'name', reason: { zh: '必填', en: 'required' } });
  else if (v.name.trim().length > 100) out.push({ field: 'name', reason: { zh: '不能超过 100 个字', en: 'at most 100 characters' } });
  if (!isAttachKind(v.attachKind)) out.push({ field: 'attachKind', reason: { zh: `只能是 ${Object.values(ATTACH_KINDS).join('/')}`, en: `one of ${Object.keys(ATTACH_KINDS).join('/')}` } });
  else {
    const needs: Record<AttachKind, 'estateId' | 'buildingId' | 'institutionId' | null> = { region: null, estate: 'estateId', building: 'buildingId', institution: 'institutionId' };
    const need = needs[v.attachKind];
    if (need && !v[need]) out.push({ field: need, reason: { zh: `依托${ATTACH_KINDS[v.attachKind]}时必填`, en: `required when attached to a ${v.attachKind}` } });
    for (const f of ['estateId', 'buildingId', 'institutionId'] as const) {
      if (f !== need && v[f]) out.push({ field: f, reason: { zh: `依托${ATTACH_KINDS[v.attachKind]}时不能填写`, en: `not allowed when attached to a ${v.attachKind}` } });
    }
    if (v.kind === 'streetWorkingCommittee' && v.attachKind !== 'region') out.push({ field: 'attachKind', reason: { zh: '党工委只能设在街道', en: 'a street working committee sits on a street' } });
  }
  if (v.joint && isKind(v.kind) && !JOINT_KINDS.has(v.kind)) out.push({ field: 'joint', reason: { zh: '只有党工委、党委可以是大工委/大党委', en: 'only a street working committee or a committee can be joint' } });
  if (v.establishedOn && v.establishedOn > today) out.push({ field: 'establishedOn', reason: { zh: '不能晚于今天', en: 'cannot be in the future' } });
  if (v.kind === 'temporaryBranch') {
    if (!v.startOn) out.push({ field: 'startOn', reason: { zh: '临时党支部须填写开始日期', en: 'a temporary branch needs a start date' } });
    else if (v.endOn && v.endOn < v.startOn) out.push({ field: 'endOn', reason: { zh: '不能早于开始日期', en: 'cannot be before the start date' } });
  } else {
    if (v.startOn) out.push({ field: 'startOn', reason: { zh: '只有临时党支部有开始日期', en: 'only a temporary branch has a start date' } });
    if (v.endOn) out.push({ field: 'endOn', reason: { zh: '只有临时党支部有结束日期', en: 'only a temporary branch has an end date' } });
  }
  return out;
}

/** Can an organization of `kind` sit at a region of `level`? */
export function levelProblem(kind: PartyOrgKind, level: number, regionName: string): Problem | null {
  const allowed = ORG_LEVELS[kind];
  if (allowed.includes(level)) return null;
  return {
    field: 'regionId',
    reason: {
      zh: `${PARTY_ORG_KINDS[kind]}只能设在${allowed.map((l) => LEVEL_ZH[l]).join('、')}，${regionName} 是${LEVEL_ZH[level] ?? level}`,
      en: `a ${kind} sits on a ${allowed.map((l) => LEVEL_EN[l]).join(', ')}; ${regionName} is a ${LEVEL_EN[level] ?? level}`,
    },
  };
}

export interface ParentRef {
  id: number;
  kind: string;
  name: string;
  regionPath: string;
  archived: boolean;
}

/** Can `parent` hold an organization of `kind` placed at `path`? (Cycles are checked with the rows.) */
export function parentProblem(kind: PartyOrgKind, path: string, parent: ParentRef | null): Problem | null {
  if (!parent) {
    return PARENT_REQUIRED.has(kind) ? { field: 'parentId', reason: { zh: '党小组须隶属于党支部或党总支', en: 'a group belongs to a branch or general branch' } } : null;
  }
  if (parent.archived) return { field: 'parentId', reason: { zh: `${parent.name} 已撤销`, en: `${parent.name} is archived` } };
  const allowed = PARENT_KINDS[kind];
  if (!isKind(parent.kind) || !allowed.includes(parent.kind)) {
    return {
      field: 'parentId',
      reason: allowed.length
        ? { zh: `${PARTY_ORG_KINDS[kind]}的上级只能是${allowed.map((k) => PARTY_ORG_KINDS[k]).join('、')}`, en: `a ${kind}'s parent must be a ${allowed.join(' or ')}` }
        : { zh: `${PARTY_ORG_KINDS[kind]}没有上级党组织`, en: `a ${kind} has no parent organization` },
    };
  }
  if (!path.startsWith(parent.regionPath)) {
    return { field: 'parentId', reason: { zh: `上级 ${parent.name} 须设在同级或更高一级区域`, en: `the parent ${parent.name} must sit on the same or a higher region` } };
  }
  return null;
}
