// Assets (部件): public facilities with a 16-digit CJ/T 214 code (6 county + 2 category + 2
// subcategory + 6 serial), a map position that decides their region, and an owning department.
// A code not given is generated: the county of the located region + category + next serial.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { listDepartments, type DepartmentView } from '../accounts/index.ts';
import { loadInScope, locatePointsInScope } from '../regions/index.ts';
import * as repo from './assets.repository.ts';
import { ASSET_CATEGORIES, checkAssetCode } from './checks.ts';
import { auditSafe, coordinateProblems, duplicate, noRegionAtPoint, regionRef, throwFirst } from './places.common.ts';
import { ASSET_LEVELS, ASSET_STATUSES, type AssetInput } from './places.model.ts';
import { isUniqueViolation } from './places.repository.ts';
import type { AssetView, Page } from './places.views.ts';
import {  recordChange, ENTITY_NAMES, invalidField, loadScoped, MEASURES } from './registry.common.ts';
import type { RowProblem } from './sheet.ts';

export const ASSET_FIELDS: Record<string, Bilingual> = {
  code: { zh: '部件编码', en: 'asset code' },
  category: { zh: '大类', en: 'category' },
  subcategory: { zh: '小类', en: 'subcategory' },
  name: { zh: '名称', en: 'name' },
  lng: { zh: '经度', en: 'longitude' },
  lat: { zh: '纬度', en: 'latitude' },
  address: { zh: '地址', en: 'address' },
  departmentId: { zh: '权属部门', en: 'owning department' },
  status: { zh: '状态', en: 'status' },
};
export const assetMeasures = [MEASURES.assets];

/** The 6-digit county code of a region from its own code (12-digit area codes; grid codes embed the community's). */
export function countyOf(regionCode: string): string {
  return regionCode.length === 12 ? regionCode.slice(0, 6) : regionCode.slice(6, 12);
}

export function normalizeAsset(input: Partial<AssetInput>): { ok: true; value: AssetInput } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const v = { ...input, name: input.name?.trim() ?? '', address: (input.address ?? '').trim(), code: input.code?.trim() || null } as AssetInput;
  if (v.code) {
    const c = checkAssetCode(v.code);
    if (!c.ok) problems.push({ column: 'code', reason: c.reason });
    else {
      if (v.category && v.category !== c.value.category) problems.push({ column: 'category', reason: { zh: `与部件编码中的大类 ${c.value.category} 不符`, en: `differs from the code's category ${c.value.category}` } });
      if (v.subcategory && v.subcategory !== c.value.subcategory) problems.push({ column: 'subcategory', reason: { zh: `与部件编码中的小类 ${c.value.subcategory} 不符`, en: `differs from the code's subcategory ${c.value.subcategory}` } });
      v.category = c.value.category;
      v.subcategory = c.value.subcategory;
    }
  } else {
    if (!v.category || !(v.category in ASSET_CATEGORIES)) problems.push({ column: 'category', reason: { zh: '大类应为 01–06', en: 'category must be 01–06' } });
    if (!v.subcategory || !/^\d{2}$/.test(v.subcategory) || v.subcategory === '00') problems.push({ column: 'subcategory', reason: { zh: '小类应为 2 位数字（01–99）', en: 'subcategory must be 2 digits (01–99)' } });
  }
  if (!v.name) problems.push({ column: 'name', reason: { zh: '必填', en: 'required' } });
  if (v.status !== undefined && !(v.status in ASSET_STATUSES)) problems.push({ column: 'status', reason: { zh: `只能是 ${Object.values(ASSET_STATUSES).join('/')}`, en: `one of ${Object.keys(ASSET_STATUSES).join('/')}` } });
  problems.push(...coordinateProblems(v.lng, v.lat, true));
  return problems.length ? { ok: false, problems } : { ok: true, value: v };
}

export function toAssetView(r: repo.AssetListRow): AssetView {
  return {
    id: r.id,
    region: regionRef(r),
    code: r.code,
    category: r.category,
    categoryLabel: ASSET_CATEGORIES[r.category as keyof typeof ASSET_CATEGORIES]?.zh ?? r.category,
    subcategory: r.subcategory,
    name: r.name,
    department: r.departmentId ? { id: r.departmentId, code: r.departmentCode ?? '', name: r.departmentName ?? '' } : null,
    address: r.address,
    lng: r.lng,
    lat: r.lat,
    status: r.status as AssetView['status'],
    statusLabel: ASSET_STATUSES[r.status as keyof typeof ASSET_STATUSES] ?? r.status,
    attributes: r.attributes as Record<string, unknown>,
    version: r.version,
    archived: r.archivedAt !== null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export interface AssetQuery {
  regionId?: number;
  category?: string;
  subcategory?: string;
  status?: string;
  departmentId?: number;
  bbox?: string;
  limit?: number;
  offset?: number;
}

export async function assetFilters(sdb: ScopedDb, q: AssetQuery): Promise<repo.AssetFilters> {
  const regionPath = q.regionId ? (await loadInScope(sdb, q.regionId)).path : undefined;
  let bbox: repo.AssetFilters['bbox'];
  if (q.bbox) {
    const n = q.bbox.split(',').map(Number);
    if (n.length !== 4 || n.some((x) => !Number.isFinite(x)) || n[0] > n[2] || n[1] > n[3]) throw new AppError('VALIDATION_FAILED', { detail: 'bbox=minLng,minLat,maxLng,maxLat' });
    bbox = n as [number, number, number, number];
  }
  return { regionPath, category: q.category, subcategory: q.subcategory, status: q.status, departmentId: q.departmentId, bbox };
}

export async function listAssets(db: Db, ctx: RequestContext, q: AssetQuery): Promise<Page<AssetView>> {
  const sdb = scoped(db, ctx.actor.scope);
  const { rows, total } = await repo.listAssets(sdb, await assetFilters(sdb, q), q.limit ?? 50, q.offset ?? 0);
  return { items: rows.map(toAssetView), total };
}

const load = (sdb: ScopedDb, id: number) => loadScoped('asset', () => repo.findAsset(sdb, id), () => repo.unscopedAssetExists(sdb.db, id));

export async function getAsset(db: Db, ctx: RequestContext, id: number): Promise<AssetView> {
  return toAssetView(await load(scoped(db, ctx.actor.scope), id));
}

/** Departments the caller can see, for checking an owning department (a handful per district). */
export const visibleDepartments = (db: DbOrTx, ctx: RequestContext): Promise<DepartmentView[]> => listDepartments(db as Db, ctx);

async function checkDepartment(db: Db, ctx: RequestContext, departmentId: number | null | undefined): Promise<void> {
  if (!departmentId) return;
  if (!(await visibleDepartments(db, ctx)).some((d) => d.id === departmentId)) throw new AppError('DEPARTMENT_NOT_FOUND');
}

async function locate(sdb: ScopedDb, lng: number, lat: number) {
  const [located] = await locatePointsInScope(sdb, [{ lng, lat }]);
  const region = located.find((l) => (ASSET_LEVELS as readonly number[]).includes(l.level));
  if (!region) throw new AppError('REGISTRY_PLACEMENT', { reason: noRegionAtPoint(ASSET_LEVELS) });
  return region;
}

export function countyMismatch(code: string, regionCode: string): Bilingual | null {
  const county = countyOf(regionCode);
  return code.slice(0, 6) === county ? null : { zh: `编码中的县级代码 ${code.slice(0, 6)} 与所在区县 ${county} 不符`, en: `county ${code.slice(0, 6)} in the code differs from the region's county ${county}` };
}

/** Hands out the next codes under a prefix inside the transaction (serials are never reused). */
export class AssetCodeSequence {
  private readonly next = new Map<string, number>();
  constructor(private readonly tx: DbOrTx) {}
  async take(prefix: string): Promise<string> {
    let n = this.next.get(prefix);
    if (n === undefined) n = (await repo.lockAndMaxSerial(this.tx, prefix)) + 1;
    if (n > 999999) throw invalidField(ASSET_FIELDS.code, { zh: `${prefix} 下的序号已用完`, en: `serials under ${prefix} are exhausted` });
    this.next.set(prefix, n + 1);
    return `${prefix}${String(n).padStart(6, '0')}`;
  }
}

export async function createAsset(db: Db, ctx: RequestContext, input: Partial<AssetInput>): Promise<AssetView> {
  assertPermission(ctx, 'registry.write');
  const n = normalizeAsset(input);
  if (!n.ok) throwFirst(n.problems, ASSET_FIELDS);
  const v = n.value;
  const sdb = scoped(db, ctx.actor.scope);
  const region = await locate(sdb, v.lng, v.lat);
  await checkDepartment(db, ctx, v.departmentId);
  if (v.code) {
    const bad = countyMismatch(v.code, region.code);
    if (bad) throw invalidField(ASSET_FIELDS.code, bad);
  }
  const id = await guarded(v.code ?? '', () =>
    db.transaction(async (tx) => {
      let code = v.code;
      if (code) {
        if ((await repo.byCodes(tx, [code])).length) throw duplicate('asset', code);
      } else code = await new AssetCodeSequence(tx).take(`${countyOf(region.code)}${v.category}${v.subcategory}`);
      const [row] = await repo.insertAssets(tx, [{ ...assetColumns(v, region), code }]);
      await recordChange(tx, ctx, 'asset.create', 'asset', null, row, { measures: () => assetMeasures, snapshot: auditSafe });
      return row.id;
    }),
  );
  return getAsset(db, ctx, id);
}

export function assetColumns(v: AssetInput, region: { id: number; path: string }): Omit<repo.NewAssetRow, 'code'> {
  return {
    regionId: region.id,
    regionPath: region.path,
    category: v.category,
    subcategory: v.subcategory,
    name: v.name,
    departmentId: v.departmentId ?? null,
    address: v.address ?? '',
    lng: v.lng,
    lat: v.lat,
    status: v.status ?? 'normal',
    attributes: v.attributes ?? {},
  };
}

async function guarded<T>(key: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicate('asset', key);
    throw e;
  }
}

/** Changes an asset; its code (and so its category) is its identity and stays. A new position re-locates it. */
export async function updateAsset(db: Db, ctx: RequestContext, id: number, version: number, patch: Partial<Omit<AssetInput, 'code' | 'category' | 'subcategory'>>): Promise<AssetView> {
  assertPermission(ctx, 'registry.write');
  const sdb = scoped(db, ctx.actor.scope);
  const before = await load(sdb, id);
  if (before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.asset });
  const merged = { code: before.code, category: before.category, subcategory: before.subcategory, name: before.name, lng: before.lng, lat: before.lat, address: before.address, departmentId: before.departmentId, status: before.status, attributes: before.attributes, ...patch } as AssetInput;
  const n = normalizeAsset(merged);
  if (!n.ok) throwFirst(n.problems, ASSET_FIELDS);
  const moved = n.value.lng !== before.lng || n.value.lat !== before.lat;
  const region = moved ? await locate(sdb, n.value.lng, n.value.lat) : { id: before.regionId, path: before.regionPath, code: before.regionCode };
  const bad = countyMismatch(before.code, region.code);
  if (bad) throw new AppError('REGISTRY_PLACEMENT', { reason: bad });
  if (patch.departmentId !== undefined && patch.departmentId !== before.departmentId) await checkDepartment(db, ctx, patch.departmentId);
  await db.transaction(async (tx) => {
    const after = await repo.updateAsset(tx, id, version, assetColumns(n.value, region));
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    await recordChange(tx, ctx, 'asset.update', 'asset', before, after, { measures: () => assetMeasures, snapshot: auditSafe });
  });
  return getAsset(db, ctx, id);
}

export async function archiveAsset(db: Db, ctx: RequestContext, id: number, version?: number): Promise<void> {
  assertPermission(ctx, 'registry.write');
  await db.transaction(async (tx) => {
    const before = await load(scoped(tx, ctx.actor.scope), id);
    if (before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.asset });
    const after = await repo.updateAsset(tx, id, version ?? before.version, { archivedAt: new Date() });
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    await recordChange(tx, ctx, 'asset.archive', 'asset', before, null, { measures: () => assetMeasures, snapshot: auditSafe });
  });
}
