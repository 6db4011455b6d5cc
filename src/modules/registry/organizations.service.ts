// Organizations (组织): 两新组织, 群众团队 by kind, 业委会 (tied to an estate), 物业公司 and 驻区单位,
// placed anywhere from a street down to a micro-grid, with members drawn from the residents.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { decryptPii } from '../../shared/pii.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { loadInScope, pinyinKeys } from '../regions/index.ts';
import { checkCreditCode, checkMobile } from './checks.ts';
import { MEMBER_ROLES, ORG_KINDS, ORG_LEVELS, ORG_SUBKINDS, partyLedOf, subkindProblem, type OrganizationInput, type OrgKind } from './organizations.model.ts';
import * as repo from './organizations.repository.ts';
import { isUniqueViolation } from './places.repository.ts';
import { auditSafe, duplicate, regionRef, resolvePlacement, throwFirst } from './places.common.ts';
import type { OrganizationDetailView, OrganizationMemberView, OrganizationView, Page } from './places.views.ts';
import {  recordChange, ENTITY_NAMES, invalidField, loadScoped, MEASURES, piiColumns } from './registry.common.ts';
import type { RowProblem } from './sheet.ts';

export const ORG_FIELDS: Record<string, Bilingual> = {
  regionId: { zh: '所在区域', en: 'region' },
  kind: { zh: '组织类型', en: 'kind' },
  subkind: { zh: '细分类型', en: 'subkind' },
  name: { zh: '名称', en: 'name' },
  creditCode: { zh: '统一社会信用代码', en: 'credit code' },
  address: { zh: '地址', en: 'address' },
  leaderName: { zh: '负责人', en: 'leader' },
  contactMobile: { zh: '联系电话', en: 'contact mobile' },
  estateId: { zh: '所属小区', en: 'estate' },
  description: { zh: '简介', en: 'description' },
};

export const orgMeasures = (kind: string) => [MEASURES.organizations, MEASURES.organizationsByKind(kind)];

export function normalizeOrg(input: OrganizationInput): { ok: true; value: OrganizationInput } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const v: OrganizationInput = { ...input, name: input.name?.trim() ?? '', address: (input.address ?? '').trim(), description: (input.description ?? '').trim(), subkind: input.subkind || null };
  if (!v.name) problems.push({ column: 'name', reason: { zh: '必填', en: 'required' } });
  if (!(v.kind in ORG_KINDS)) problems.push({ column: 'kind', reason: { zh: `只能是 ${Object.values(ORG_KINDS).join('/')}`, en: `one of ${Object.keys(ORG_KINDS).join('/')}` } });
  else {
    const sub = subkindProblem(v.kind, v.subkind);
    if (sub) problems.push({ column: 'subkind', reason: sub });
    if (v.kind === 'ownersCommittee' && !v.estateId) problems.push({ column: 'estateId', reason: { zh: '业委会须指定所属小区', en: "an owners' committee needs its estate" } });
  }
  if (v.creditCode) {
    const c = checkCreditCode(v.creditCode);
    if (c.ok) v.creditCode = c.value;
    else problems.push({ column: 'creditCode', reason: c.reason });
  } else v.creditCode = null;
  if (v.contactMobile) {
    const m = checkMobile(v.contactMobile);
    if (m.ok) v.contactMobile = m.value;
    else problems.push({ column: 'contactMobile', reason: m.reason });
  } else v.contactMobile = null;
  v.leaderName = v.leaderName?.trim() || null;
  return problems.length ? { ok: false, problems } : { ok: true, value: v };
}

/** An estate and an organization belong together when one's region contains the other's. */
export const estateFits = (estatePath: string, orgPath: string) => estatePath.startsWith(orgPath) || orgPath.startsWith(estatePath);

export function toOrgView(r: repo.OrgListRow): OrganizationView {
  const subkinds = ORG_SUBKINDS[r.kind as OrgKind] ?? {};
  return {
    id: r.id,
    region: regionRef(r),
    kind: r.kind,
    kindLabel: ORG_KINDS[r.kind as OrgKind] ?? r.kind,
    subkind: r.subkind,
    subkindLabel: r.subkind ? (subkinds[r.subkind] ?? r.subkind) : null,
    name: r.name,
    creditCode: r.creditCode,
    address: r.address,
    leaderResidentId: r.leaderResidentId,
    leaderName: r.leaderName,
    contactMobile: r.contactMobileMasked,
    estate: r.estateId ? { id: r.estateId, name: r.estateName ?? '' } : null,
    placeId: r.placeId,
    partyLed: partyLedOf(r.kind, r.partyMembers, r.activeMembers),
    partyLedNote: r.kind === 'ownersCommittee' ? `党员 ${r.partyMembers}/${r.activeMembers} 人` : '',
    description: r.description,
    memberCount: r.memberCount,
    version: r.version,
    archived: r.archivedAt !== null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function orgColumns(v: OrganizationInput, where: { id: number; path: string }): repo.NewOrgRow {
  const mobile = piiColumns(v.contactMobile, 'mobile');
  return {
    regionId: where.id,
    regionPath: where.path,
    kind: v.kind,
    subkind: v.subkind ?? null,
    name: v.name,
    nameInitials: pinyinKeys(v.name).initials,
    creditCode: v.creditCode ?? null,
    address: v.address ?? '',
    leaderName: v.leaderName ?? null,
    contactMobileEnc: mobile.enc,
    contactMobileHash: mobile.hash,
    contactMobileMasked: mobile.masked,
    estateId: v.estateId ?? null,
    placeId: v.placeId ?? null,
    description: v.description ?? '',
  };
}

export interface OrgQuery {
  regionId?: number;
  kind?: string;
  subkind?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export async function orgFilters(sdb: ScopedDb, q: OrgQuery): Promise<repo.OrgFilters> {
  const regionPath = q.regionId ? (await loadInScope(sdb, q.regionId)).path : undefined;
  return { regionPath, kind: q.kind, subkind: q.subkind, q: q.q?.trim() || undefined };
}

export async function listOrganizations(db: Db, ctx: RequestContext, q: OrgQuery): Promise<Page<OrganizationView>> {
  const sdb = scoped(db, ctx.actor.scope);
  const { rows, total } = await repo.listOrgs(sdb, await orgFilters(sdb, q), q.limit ?? 50, q.offset ?? 0);
  return { items: rows.map(toOrgView), total };
}

export const loadOrg = (sdb: ScopedDb, id: number) => loadScoped('organization', () => repo.findOrg(sdb, id), () => repo.unscopedOrgExists(sdb.db, id));

export function toMemberView(m: repo.MemberRow): OrganizationMemberView {
  return { residentId: m.residentId, name: m.name, idNumber: m.idNumberMasked, role: m.role, roleLabel: MEMBER_ROLES[m.role as keyof typeof MEMBER_ROLES] ?? m.role, joinedOn: m.joinedOn };
}

export async function getOrganization(db: Db, ctx: RequestContext, id: number): Promise<OrganizationDetailView> {
  const sdb = scoped(db, ctx.actor.scope);
  const row = await loadOrg(sdb, id);
  const members = (await repo.listMembers(db, id)).map(toMemberView);
  return { ...toOrgView(row), members, leader: members.find((m) => m.residentId === row.leaderResidentId) ?? null };
}

/** The estate of an owners' committee: visible to the caller, active, in or around the region. */
async function checkEstate(sdb: ScopedDb, estateId: number | null | undefined, orgPath: string): Promise<void> {
  if (!estateId) return;
  const e = await loadScoped('estate', () => repo.findEstate(sdb, estateId), () => repo.unscopedEstateExists(sdb.db, estateId));
  if (e.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.estate });
  if (!estateFits(e.regionPath, orgPath)) throw invalidField(ORG_FIELDS.estateId, { zh: `小区 ${e.name} 不在该组织所在区域`, en: `estate ${e.name} is not in the organization's region` });
}

async function assertUnique(tx: DbOrTx, cols: repo.NewOrgRow, selfId: number | null): Promise<void> {
  const clash = (await repo.activeByKeys(tx, cols.creditCode ? [cols.creditCode] : [], [{ kind: cols.kind, regionId: cols.regionId, name: cols.name }])).find((r) => r.id !== selfId);
  if (clash) throw duplicate('organization', clash.creditCode && clash.creditCode === cols.creditCode ? clash.creditCode : cols.name);
}

async function guarded<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate('organization', name);
    throw e;
  }
}

export async function createOrganization(db: Db, ctx: RequestContext, input: OrganizationInput): Promise<OrganizationDetailView> {
  assertPermission(ctx, 'registry.write');
  const n = normalizeOrg(input);
  if (!n.ok) throwFirst(n.problems, ORG_FIELDS);
  const sdb = scoped(db, ctx.actor.scope);
  const where = await resolvePlacement(sdb, { regionId: n.value.regionId }, ORG_LEVELS);
  await checkEstate(sdb, n.value.estateId, where.path);
  const cols = orgColumns(n.value, where);
  const id = await guarded(cols.name, () =>
    db.transaction(async (tx) => {
      await assertUnique(tx, cols, null);
      const [row] = await repo.insertOrgs(tx, [cols]);
      await recordChange(tx, ctx, 'organization.create', 'organization', null, row, { measures: (r) => orgMeasures(r.kind), snapshot: auditSafe });
      return row.id;
    }),
  );
  return getOrganization(db, ctx, id);
}

export async function updateOrganization(db: Db, ctx: RequestContext, id: number, version: number, patch: Partial<OrganizationInput>): Promise<OrganizationDetailView> {
  assertPermission(ctx, 'registry.write');
  const sdb = scoped(db, ctx.actor.scope);
  const before = await loadOrg(sdb, id);
  if (before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.organization });
  const merged: OrganizationInput = {
    regionId: before.regionId,
    kind: before.kind as OrgKind,
    subkind: before.subkind,
    name: before.name,
    creditCode: before.creditCode,
    address: before.address,
    leaderName: before.leaderName,
    contactMobile: before.contactMobileEnc ? decryptPii(before.contactMobileEnc) : null,
    estateId: before.estateId,
    placeId: before.placeId,
    description: before.description,
    ...patch,
  };
  // Changing the kind drops a subkind that belonged to the old kind unless a new one is given.
  if (patch.kind && patch.kind !== before.kind && patch.subkind === undefined) merged.subkind = null;
  const n = normalizeOrg(merged);
  if (!n.ok) throwFirst(n.problems, ORG_FIELDS);
  const where = patch.regionId && patch.regionId !== before.regionId ? await resolvePlacement(sdb, { regionId: patch.regionId }, ORG_LEVELS) : { id: before.regionId, path: before.regionPath };
  if (n.value.estateId !== before.estateId || where.id !== before.regionId) await checkEstate(sdb, n.value.estateId, where.path);
  const cols = { ...orgColumns(n.value, where), leaderResidentId: before.leaderResidentId };
  // A leader chosen among the members keeps their name; only a free-text leader may be renamed.
  if (before.leaderResidentId && patch.leaderName === undefined) cols.leaderName = before.leaderName;
  await guarded(cols.name, () =>
    db.transaction(async (tx) => {
      await assertUnique(tx, cols, id);
      const after = await repo.updateOrg(tx, id, version, cols);
      if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
      await recordChange(tx, ctx, 'organization.update', 'organization', before, after, { measures: (r) => orgMeasures(r.kind), snapshot: auditSafe });
    }),
  );
  return getOrganization(db, ctx, id);
}

export async function archiveOrganization(db: Db, ctx: RequestContext, id: number, version?: number): Promise<void> {
  assertPermission(ctx, 'registry.write');
  await db.transaction(async (tx) => {
    const before = await loadOrg(scoped(tx, ctx.actor.scope), id);
    if (before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.organization });
    const after = await repo.updateOrg(tx, id, version ?? before.version, { archivedAt: new Date() });
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    await recordChange(tx, ctx, 'organization.archive', 'organization', before, null, { measures: (r) => orgMeasures(r.kind), snapshot: auditSafe });
  });
}

