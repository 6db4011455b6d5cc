// Places (场所): shops, enterprises, schools, hospitals … placed in a grid or micro-grid, found by
// name, pinyin initials or address. Natural key: the credit code when known, else (region, name,
// address). The contact's mobile is personal data: stored encrypted, shown masked.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { decryptPii } from '../../shared/pii.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { loadInScope, pinyinKeys } from '../regions/index.ts';
import { checkCreditCode, checkMobile } from './checks.ts';
import { auditSafe, coordinateProblems, duplicate, regionRef, resolvePlacement, throwFirst } from './places.common.ts';
import { PLACE_KINDS, PLACE_LEVELS, PLACE_STATUSES, type PlaceInput } from './places.model.ts';
import * as repo from './places.repository.ts';
import type { Page, PlacePiiView, PlaceView } from './places.views.ts';
import { auditReveal,  recordChange, ENTITY_NAMES, loadScoped, MEASURES, piiColumns } from './registry.common.ts';
import type { RowProblem } from './sheet.ts';

export const PLACE_FIELDS: Record<string, Bilingual> = {
  regionId: { zh: '所在网格', en: 'region' },
  name: { zh: '名称', en: 'name' },
  kind: { zh: '类型', en: 'kind' },
  address: { zh: '地址', en: 'address' },
  creditCode: { zh: '统一社会信用代码', en: 'credit code' },
  contactName: { zh: '联系人', en: 'contact' },
  contactMobile: { zh: '联系电话', en: 'contact mobile' },
  employees: { zh: '从业人数', en: 'employees' },
  lng: { zh: '经度', en: 'longitude' },
  lat: { zh: '纬度', en: 'latitude' },
  status: { zh: '状态', en: 'status' },
};

/** Checks and normalizes everything that needs no database; used by the API and the sheet. */
export function normalizePlace(input: PlaceInput): { ok: true; value: PlaceInput } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const v: PlaceInput = { ...input, name: input.name?.trim() ?? '', address: (input.address ?? '').trim() };
  if (!v.name) problems.push({ column: 'name', reason: { zh: '必填', en: 'required' } });
  if (!(v.kind in PLACE_KINDS)) problems.push({ column: 'kind', reason: { zh: `只能是 ${Object.values(PLACE_KINDS).join('/')}`, en: `one of ${Object.keys(PLACE_KINDS).join('/')}` } });
  if (v.status !== undefined && !(v.status in PLACE_STATUSES)) problems.push({ column: 'status', reason: { zh: '只能是 正常/停业', en: 'normal or closed' } });
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
  v.contactName = v.contactName?.trim() || null;
  if (v.employees != null && (!Number.isInteger(v.employees) || v.employees < 0)) problems.push({ column: 'employees', reason: { zh: '应为非负整数', en: 'must be a whole number ≥ 0' } });
  problems.push(...coordinateProblems(v.lng, v.lat, false));
  return problems.length ? { ok: false, problems } : { ok: true, value: v };
}

export function toPlaceView(r: repo.PlaceListRow): PlaceView {
  return {
    id: r.id,
    region: regionRef(r),
    name: r.name,
    kind: r.kind,
    kindLabel: PLACE_KINDS[r.kind as keyof typeof PLACE_KINDS] ?? r.kind,
    address: r.address,
    creditCode: r.creditCode,
    contactName: r.contactName,
    contactMobile: r.contactMobileMasked,
    employees: r.employees,
    buildingId: r.buildingId,
    lng: r.lng,
    lat: r.lat,
    status: r.status as PlaceView['status'],
    version: r.version,
    archived: r.archivedAt !== null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The stored columns of a normalized input (placement and personal data included). */
export function placeColumns(v: PlaceInput, where: { id: number; path: string }): repo.NewPlaceRow {
  const mobile = piiColumns(v.contactMobile, 'mobile');
  return {
    regionId: where.id,
    regionPath: where.path,
    name: v.name,
    nameInitials: pinyinKeys(v.name).initials,
    kind: v.kind,
    address: v.address ?? '',
    creditCode: v.creditCode ?? null,
    contactName: v.contactName ?? null,
    contactMobileEnc: mobile.enc,
    contactMobileHash: mobile.hash,
    contactMobileMasked: mobile.masked,
    employees: v.employees ?? null,
    buildingId: v.buildingId ?? null,
    lng: v.lng ?? null,
    lat: v.lat ?? null,
    status: v.status ?? 'normal',
  };
}

export const placeMeasures = [MEASURES.places];

export interface PlaceQuery {
  regionId?: number;
  kind?: string;
  status?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export async function placeFilters(sdb: ScopedDb, q: PlaceQuery): Promise<repo.PlaceFilters> {
  const regionPath = q.regionId ? (await loadInScope(sdb, q.regionId)).path : undefined;
  return { regionPath, kind: q.kind, status: q.status, q: q.q?.trim() || undefined };
}

export async function listPlaces(db: Db, ctx: RequestContext, q: PlaceQuery): Promise<Page<PlaceView>> {
  const sdb = scoped(db, ctx.actor.scope);
  const { rows, total } = await repo.listPlaces(sdb, await placeFilters(sdb, q), q.limit ?? 50, q.offset ?? 0);
  return { items: rows.map(toPlaceView), total };
}

const load = (sdb: ScopedDb, id: number) => loadScoped('place', () => repo.findPlace(sdb, id), () => repo.unscopedPlaceExists(sdb.db, id));

export async function getPlace(db: Db, ctx: RequestContext, id: number): Promise<PlaceView> {
  return toPlaceView(await load(scoped(db, ctx.actor.scope), id));
}

export async function revealPlacePii(db: Db, ctx: RequestContext, id: number): Promise<PlacePiiView> {
  return db.transaction(async (tx) => {
    const row = await load(scoped(tx, ctx.actor.scope), id);
    await auditReveal(tx, ctx, { entityType: 'place', entityId: id, regionPath: row.regionPath, fields: ['contactMobile'], subject: row.name });
    return { id, contactMobile: row.contactMobileEnc ? decryptPii(row.contactMobileEnc) : null };
  });
}

/** Refuses a second active place with the same natural key (credit code, else region+name+address). */
async function assertUnique(tx: DbOrTx, cols: repo.NewPlaceRow, selfId: number | null): Promise<void> {
  if (cols.creditCode) {
    const clash = (await repo.activeByCreditCodes(tx, [cols.creditCode])).find((r) => r.id !== selfId);
    if (clash) throw duplicate('place', cols.creditCode);
    return;
  }
  const clash = (await repo.activeByNameKeys(tx, [{ regionId: cols.regionId, name: cols.name, address: cols.address ?? '' }])).find((r) => r.id !== selfId);
  if (clash) throw duplicate('place', `${cols.name} ${cols.address ?? ''}`.trim());
}

async function guarded<T>(cols: repo.NewPlaceRow, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    // Two simultaneous writers both passed the check; the unique index caught the second.
    if (repo.isUniqueViolation(e)) throw duplicate('place', cols.creditCode ?? cols.name);
    throw e;
  }
}

export async function createPlace(db: Db, ctx: RequestContext, input: PlaceInput): Promise<PlaceView> {
  assertPermission(ctx, 'registry.write');
  const n = normalizePlace(input);
  if (!n.ok) throwFirst(n.problems, PLACE_FIELDS);
  const sdb = scoped(db, ctx.actor.scope);
  const where = await resolvePlacement(sdb, n.value, PLACE_LEVELS);
  const cols = placeColumns(n.value, where);
  const id = await guarded(cols, () =>
    db.transaction(async (tx) => {
      await assertUnique(tx, cols, null);
      const [row] = await repo.insertPlaces(tx, [cols]);
      await recordChange(tx, ctx, 'place.create', 'place', null, row, { measures: () => placeMeasures, snapshot: auditSafe });
      return row.id;
    }),
  );
  return getPlace(db, ctx, id);
}

export async function updatePlace(db: Db, ctx: RequestContext, id: number, version: number, patch: Partial<PlaceInput>): Promise<PlaceView> {
  assertPermission(ctx, 'registry.write');
  const sdb = scoped(db, ctx.actor.scope);
  const before = await load(sdb, id);
  if (before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.place });
  const merged: PlaceInput = {
    name: before.name,
    kind: before.kind as PlaceInput['kind'],
    address: before.address,
    creditCode: before.creditCode,
    contactName: before.contactName,
    contactMobile: before.contactMobileEnc ? decryptPii(before.contactMobileEnc) : null,
    employees: before.employees,
    buildingId: before.buildingId,
    lng: before.lng,
    lat: before.lat,
    status: before.status as PlaceInput['status'],
    ...patch,
  };
  const n = normalizePlace(merged);
  if (!n.ok) throwFirst(n.problems, PLACE_FIELDS);
  // A new region moves the place; a new pin alone does not (the pin may sit on a street edge).
  const where = patch.regionId ? await resolvePlacement(sdb, { regionId: patch.regionId }, PLACE_LEVELS) : { id: before.regionId, path: before.regionPath };
  const cols = placeColumns(n.value, where);
  await guarded(cols, () =>
    db.transaction(async (tx) => {
      await assertUnique(tx, cols, id);
      const after = await repo.updatePlace(tx, id, version, cols);
      if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
      await recordChange(tx, ctx, 'place.update', 'place', before, after, { measures: () => placeMeasures, snapshot: auditSafe });
    }),
  );
  return getPlace(db, ctx, id);
}

export async function archivePlace(db: Db, ctx: RequestContext, id: number, version?: number): Promise<void> {
  assertPermission(ctx, 'registry.write');
  await db.transaction(async (tx) => {
    const before = await load(scoped(tx, ctx.actor.scope), id);
    if (before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.place });
    const after = await repo.updatePlace(tx, id, version ?? before.version, { archivedAt: new Date() });
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    await recordChange(tx, ctx, 'place.archive', 'place', before, null, { measures: () => placeMeasures, snapshot: auditSafe });
  });
}
