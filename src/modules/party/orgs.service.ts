// Party organizations (党组织): a tree of street working committees, committees, general branches,
// branches, groups and temporary branches, each attached to a region of the governance tree
// (street, community, grid, micro-grid), to an estate or building in it, or to a resident
// institution (驻区单位). The shape rules live in orgs.rules.ts; here rows are loaded and checked.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import { WHOLE_SYSTEM, type RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { loadInScope } from '../regions/index.ts';
import { ENTITY_NAMES } from '../registry/index.ts';
import { loadPartyScoped, partyArchived, partyConflict, partyInvalid, partyNotFound } from './party.common.ts';
import { ATTACH_KINDS, OFFICER_ROLES, PARTY_ENTITIES, PARTY_ORG_KINDS, type OfficerRole, type PartyOrgKind } from './party.model.ts';
import * as repo from './orgs.repository.ts';
import { inferAttachKind, isDay, levelProblem, ORG_FIELDS, PARENT_KINDS, parentProblem, shapeProblems, todayShanghai, type OrgField, type OrgShape, type Problem } from './orgs.rules.ts';
import type { PartyOrgDetail, PartyOrgInput, PartyOrgView } from './orgs.views.ts';
import { endRegistrationOf } from './registrations.service.ts';
import { orgWarnings, getPartyRules } from './rules.service.ts';

const fail = (p: Problem): never => {
  throw partyInvalid(ORG_FIELDS[p.field], p.reason);
};
export const invalidOrgField = (field: OrgField, zh: string, en: string) => partyInvalid(ORG_FIELDS[field], { zh, en });

export const loadOrg = (sdb: ScopedDb, id: number) => loadPartyScoped('partyOrg', () => repo.findOrg(sdb, id), () => repo.unscopedOrgExists(sdb.db, id));

/** An active organization in scope, for members and officers to point at. */
export async function loadActiveOrg(sdb: ScopedDb, id: number): Promise<repo.OrgListRow> {
  const org = await loadOrg(sdb, id);
  if (org.archivedAt) throw partyArchived('partyOrg');
  return org;
}

function buildingName(r: repo.OrgListRow): string {
  const n = r.buildingNumber ?? '';
  return [r.buildingEstate, /[栋幢号楼座]$/.test(n) ? n : `${n}栋`].filter(Boolean).join(' ');
}

export async function present(db: DbOrTx, rows: repo.OrgListRow[]): Promise<PartyOrgView[]> {
  const ids = rows.map((r) => r.id);
  const counts = await repo.memberCounts(db, ids);
  const secretaries = new Map((await repo.officersOf(db, ids)).filter((o) => o.role === 'secretary').map((o) => [o.orgId, { memberId: o.memberId, name: o.name }]));
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    kind: r.kind,
    kindLabel: PARTY_ORG_KINDS[r.kind as PartyOrgKind] ?? r.kind,
    name: r.name,
    attachKind: r.attachKind,
    attachKindLabel: ATTACH_KINDS[r.attachKind as keyof typeof ATTACH_KINDS] ?? r.attachKind,
    region: { id: r.regionId, name: r.regionName, level: r.regionLevel, path: r.regionPath },
    estate: r.estateId ? { id: r.estateId, name: r.estateName ?? '' } : null,
    building: r.buildingId ? { id: r.buildingId, name: buildingName(r) } : null,
    institution: r.institutionId ? { id: r.institutionId, name: r.institutionName ?? '' } : null,
    joint: r.joint,
    establishedOn: r.establishedOn,
    startOn: r.startOn,
    endOn: r.endOn,
    note: r.note,
    secretary: secretaries.get(r.id) ?? null,
    memberCount: counts.get(r.id)?.direct ?? 0,
    memberCountTotal: counts.get(r.id)?.total ?? 0,
    version: r.version,
    archivedAt: r.archivedAt ? r.archivedAt.toISOString() : null,
  }));
}

export interface OrgQuery {
  regionId?: number;
  kind?: string;
  q?: string;
  includeArchived?: boolean;
}

export async function listPartyOrgs(db: Db, ctx: RequestContext, q: OrgQuery): Promise<{ items: PartyOrgView[]; total: number }> {
  const sdb = scoped(db, ctx.actor.scope);
  const regionPath = q.regionId ? (await loadInScope(sdb, q.regionId)).path : undefined;
  const rows = await repo.listOrgs(sdb, { regionPath, kind: q.kind, q: q.q?.trim() || undefined, includeArchived: q.includeArchived });
  const items = await present(db, rows);
  return { items, total: items.length };
}

export async function getPartyOrg(db: Db, ctx: RequestContext, id: number): Promise<PartyOrgDetail> {
  const sdb = scoped(db, ctx.actor.scope);
  const row = await loadOrg(sdb, id);
  const [view] = await present(db, [row]);
  const children = await present(db, await repo.listOrgs(sdb, { ids: (await repo.activeChildren(db, id)).map((c) => c.id) }));
  const officers = (await repo.officersOf(db, [id])).map((o) => ({
    memberId: o.memberId,
    name: o.name,
    role: o.role,
    roleLabel: OFFICER_ROLES[o.role as OfficerRole] ?? o.role,
    fromOn: o.fromOn,
    org: { id: o.memberOrgId, name: o.memberOrgName },
  }));
  const warnings = row.archivedAt ? [] : orgWarnings(await getPartyRules(db), view, todayShanghai());
  return { ...view, officers, children, warnings };
}

interface Resolved {
  cols: Omit<repo.NewOrgRow, 'id'>;
  path: string;
}

const checkDay = (field: OrgField, v: string | null | undefined) => {
  if (v && !isDay(v)) fail({ field, reason: { zh: '应为有效日期 YYYY-MM-DD', en: 'a real date, YYYY-MM-DD' } });
};

/** Where the organization sits: the region itself, or the region of its estate, building or institution. */
async function placement(sdb: ScopedDb, shape: OrgShape, regionId: number | null | undefined): Promise<{ id: number; path: string; level: number; name: string }> {
  let attachedRegionId: number | null = null;
  if (shape.attachKind === 'estate') {
    const e = await loadAttached('estate', () => repo.findEstate(sdb, shape.estateId!), () => repo.unscopedEstateExists(sdb.db, shape.estateId!));
    if (e.archivedAt) fail({ field: 'estateId', reason: { zh: `小区 ${e.name} 已撤销`, en: `estate ${e.name} is archived` } });
    attachedRegionId = e.regionId;
  } else if (shape.attachKind === 'building') {
    const b = await loadAttached('building', () => repo.findBuilding(sdb, shape.buildingId!), () => repo.unscopedBuildingExists(sdb.db, shape.buildingId!));
    if (b.archivedAt) fail({ field: 'buildingId', reason: { zh: `楼栋 ${b.name} 已撤销`, en: `building ${b.name} is archived` } });
    attachedRegionId = b.regionId;
  } else if (shape.attachKind === 'institution') {
    const o = await loadAttached('organization', () => repo.findRegistryOrg(sdb, shape.institutionId!), () => repo.unscopedRegistryOrgExists(sdb.db, shape.institutionId!));
    if (o.kind !== 'residentInstitution') fail({ field: 'institutionId', reason: { zh: `${o.name} 不是驻区单位`, en: `${o.name} is not a resident institution` } });
    if (o.archivedAt) fail({ field: 'institutionId', reason: { zh: `${o.name} 已注销`, en: `${o.name} is archived` } });
    attachedRegionId = o.regionId;
  }
  if (attachedRegionId !== null && regionId && regionId !== attachedRegionId) {
    fail({ field: 'regionId', reason: { zh: `须为所依托${ATTACH_KINDS[shape.attachKind as keyof typeof ATTACH_KINDS]}所在的区域`, en: `must be the region of the ${shape.attachKind} it is attached to` } });
  }
  const id = attachedRegionId ?? regionId;
  if (!id) fail({ field: 'regionId', reason: { zh: '必填', en: 'required' } });
  const r = await loadInScope(sdb, id!);
  if (r.archivedAt) fail({ field: 'regionId', reason: { zh: `${r.name} 已撤销`, en: `${r.name} is archived` } });
  const lp = levelProblem(shape.kind as PartyOrgKind, r.level, r.name);
  if (lp) fail(lp);
  return { id: r.id, path: r.path, level: r.level, name: r.name };
}

/** A registry row the organization points at: SCOPE_DENIED outside the scope, the registry's not-found when absent. */
export async function loadAttached<T>(entity: 'estate' | 'building' | 'organization', find: () => Promise<T | undefined>, existsAnywhere: () => Promise<boolean>): Promise<T> {
  const row = await find();
  if (row) return row;
  throw (await existsAnywhere()) ? new AppError('SCOPE_DENIED') : new AppError('REGISTRY_NOT_FOUND', { entity: ENTITY_NAMES[entity] });
}

/**
 * Checks an organization's fields against the rows they name. `keptParentId`: the parent it
 * already has, which may lie above the caller's scope (a community committee under the street's
 * working committee) and is read without the scope; a new parent must be in scope.
 */
async function resolve(sdb: ScopedDb, v: PartyOrgInput, selfId: number | null, keptParentId: number | null = null): Promise<Resolved> {
  for (const f of ['establishedOn', 'startOn', 'endOn'] as const) checkDay(f, v[f]);
  const shape: OrgShape = {
    kind: v.kind,
    name: (v.name ?? '').trim(),
    attachKind: v.attachKind ?? inferAttachKind(v),
    estateId: v.estateId ?? null,
    buildingId: v.buildingId ?? null,
    institutionId: v.institutionId ?? null,
    joint: v.joint ?? false,
    establishedOn: v.establishedOn ?? null,
    startOn: v.startOn ?? null,
    endOn: v.endOn ?? null,
  };
  const problems = shapeProblems(shape, todayShanghai());
  if (problems.length) fail(problems[0]);
  const kind = shape.kind as PartyOrgKind;
  const where = await placement(sdb, shape, v.regionId);
  let parent: repo.OrgListRow | null = null;
  if (v.parentId) {
    if (v.parentId === selfId) fail({ field: 'parentId', reason: { zh: '不能以自身为上级', en: 'cannot be its own parent' } });
    parent = v.parentId === keptParentId ? ((await repo.findOrg(scoped(sdb.db, WHOLE_SYSTEM), v.parentId)) ?? null) : await loadOrg(sdb, v.parentId);
    if (!parent) throw partyNotFound('partyOrg');
    if (selfId && (await repo.ancestorIds(sdb.db, parent.id)).includes(selfId)) {
      fail({ field: 'parentId', reason: { zh: `${parent.name} 是本组织的下级，不能作为上级`, en: `${parent.name} lies under this organization and cannot be its parent` } });
    }
  }
  const pp = parentProblem(kind, where.path, parent && { id: parent.id, kind: parent.kind, name: parent.name, regionPath: parent.regionPath, archived: parent.archivedAt !== null });
  if (pp) fail(pp);
  return {
    path: where.path,
    cols: {
      regionId: where.id,
      regionPath: where.path,
      parentId: parent?.id ?? null,
      kind,
      name: shape.name,
      attachKind: shape.attachKind,
      estateId: shape.estateId,
      buildingId: shape.buildingId,
      institutionId: shape.institutionId,
      joint: shape.joint,
      establishedOn: shape.establishedOn,
      startOn: shape.startOn,
      endOn: shape.endOn,
      note: (v.note ?? '').trim(),
    },
  };
}

async function assertNameFree(tx: DbOrTx, cols: Resolved['cols'], selfId: number | null): Promise<void> {
  if (await repo.sameName(tx, cols.regionId, cols.name, selfId)) throw new AppError('PARTY_DUPLICATE', { entity: PARTY_ENTITIES.partyOrg, key: cols.name });
}

export async function createPartyOrg(db: Db, ctx: RequestContext, input: PartyOrgInput): Promise<PartyOrgDetail> {
  assertPermission(ctx, 'party.write');
  const id = await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const { cols } = await resolve(sdb, input, null);
    // A parent being archived at the same moment must not end up with a new child.
    if (cols.parentId) await repo.lockOrg(tx, cols.parentId);
    await assertNameFree(tx, cols, null);
    const row = await repo.insertOrg(tx, cols);
    await recordAudit(tx, ctx, { action: 'partyOrg.create', entityType: 'partyOrg', entityId: row.id, regionPath: row.regionPath, after: row });
    return row.id;
  });
  return getPartyOrg(db, ctx, id);
}

export type OrgPatch = Partial<PartyOrgInput> & { version: number };

export async function updatePartyOrg(db: Db, ctx: RequestContext, id: number, patch: OrgPatch): Promise<PartyOrgDetail> {
  assertPermission(ctx, 'party.write');
  const { version, ...changes } = patch;
  await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    await repo.lockOrg(tx, id);
    const before = await loadOrg(sdb, id);
    if (before.archivedAt) throw partyArchived('partyOrg');
    const current: PartyOrgInput = {
      parentId: before.parentId,
      kind: before.kind,
      name: before.name,
      regionId: before.regionId,
      attachKind: before.attachKind,
      estateId: before.estateId,
      buildingId: before.buildingId,
      institutionId: before.institutionId,
      joint: before.joint,
      establishedOn: before.establishedOn,
      startOn: before.startOn,
      endOn: before.endOn,
      note: before.note,
    };
    const merged: PartyOrgInput = { ...current, ...changes };
    // A new attachment replaces the old one: its ids and region come from the change alone.
    const attachChanged = ['attachKind', 'estateId', 'buildingId', 'institutionId'].some((k) => k in changes);
    if (attachChanged) {
      for (const k of ['estateId', 'buildingId', 'institutionId'] as const) if (!(k in changes)) merged[k] = null;
      if (!('attachKind' in changes)) merged.attachKind = undefined;
      if (!('regionId' in changes)) merged.regionId = null;
    } else if ('regionId' in changes && before.attachKind !== 'region') {
      fail({ field: 'regionId', reason: { zh: '依托小区、楼栋或驻区单位的组织随其所在区域', en: 'an organization attached to an estate, building or institution sits where that is' } });
    }
    // A temporary branch turned into another kind drops its dates unless the change says otherwise.
    if (changes.kind && changes.kind !== 'temporaryBranch' && before.kind === 'temporaryBranch') {
      if (!('startOn' in changes)) merged.startOn = null;
      if (!('endOn' in changes)) merged.endOn = null;
    }
    const { cols, path } = await resolve(sdb, merged, id, before.parentId);
    for (const c of await repo.activeChildren(tx, id)) {
      if (!PARENT_KINDS[c.kind as PartyOrgKind]?.includes(cols.kind as PartyOrgKind)) {
        fail({ field: 'kind', reason: { zh: `下级 ${c.name}（${PARTY_ORG_KINDS[c.kind as PartyOrgKind] ?? c.kind}）不能隶属于${PARTY_ORG_KINDS[cols.kind as PartyOrgKind]}`, en: `the child ${c.name} (${c.kind}) cannot belong to a ${cols.kind}` } });
      }
      if (!c.regionPath.startsWith(path)) {
        fail({ field: 'regionId', reason: { zh: `下级 ${c.name} 不在新的区域内`, en: `the child ${c.name} lies outside the new region` } });
      }
    }
    await assertNameFree(tx, cols, id);
    const after = await repo.updateOrg(tx, id, version, cols);
    if (!after) throw partyConflict();
    const { regionName: _n, regionLevel: _l, estateName: _e, buildingNumber: _b, buildingEstate: _be, institutionName: _i, ...plain } = before;
    await recordAudit(tx, ctx, { action: 'partyOrg.update', entityType: 'partyOrg', entityId: id, regionPath: after.regionPath, before: plain, after });
  });
  return getPartyOrg(db, ctx, id);
}

export async function archivePartyOrg(db: Db, ctx: RequestContext, id: number, version: number): Promise<PartyOrgDetail> {
  assertPermission(ctx, 'party.write');
  await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    await repo.lockOrg(tx, id);
    const before = await loadOrg(sdb, id);
    if (before.archivedAt) throw partyArchived('partyOrg');
    const kids = await repo.activeChildren(tx, id);
    if (kids.length) throw new AppError('PARTY_IN_USE', { entity: PARTY_ENTITIES.partyOrg, reason: { zh: `还有 ${kids.length} 个下级组织`, en: `${kids.length} organizations still under it` } });
    const members = await repo.activeMemberCount(tx, id);
    if (members) throw new AppError('PARTY_IN_USE', { entity: PARTY_ENTITIES.partyOrg, reason: { zh: `还有 ${members} 名党员，请先转接组织关系`, en: `${members} members still in it; transfer them first` } });
    const after = await repo.updateOrg(tx, id, version, { archivedAt: new Date() });
    if (!after) throw partyConflict();
    // Officers are members of the subtree, which is now empty: no posts remain to keep.
    await repo.replaceOfficers(tx, id, []);
    await endRegistrationOf(tx, ctx, { partyOrgId: id }, todayShanghai(), '党组织撤销');
    await recordAudit(tx, ctx, { action: 'partyOrg.archive', entityType: 'partyOrg', entityId: id, regionPath: after.regionPath, before: { version: before.version }, after: { archivedAt: after.archivedAt } });
  });
  return getPartyOrg(db, ctx, id);
}
