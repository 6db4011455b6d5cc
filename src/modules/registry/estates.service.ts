// Estates (小区): placed in a community or grid, with a property company or none. 三无 (unmanaged)
// is computed, never entered: no property company, no security and no enclosure.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { loadInScope, pinyinKeys } from '../regions/index.ts';
import { emptyOccupancy, listBuildingsOfEstate, presentBuildings, regionRef } from './buildings.service.ts';
import * as repo from './estates.repository.ts';
import type { EstateInput, EstatePatchInput } from './housing.schema.ts';
import type { EstateAge, EstateDetailView, EstateGeometry, EstateView, HousingCounts, Occupancy, Page } from './housing.views.ts';
import { recordChange, ENTITY_NAMES, invalidField, loadScoped, MEASURES, placeIn } from './registry.common.ts';

export const ESTATE_LEVELS = [4, 5] as const;
const F = { geometry: { zh: '位置/边界', en: 'geometry' }, propertyCompany: { zh: '物业公司', en: 'property company' }, name: { zh: '小区名称', en: 'estate name' } };

export const isUnmanaged = (e: { propertyCompanyId: number | null; hasSecurity: boolean; hasEnclosure: boolean }) => e.propertyCompanyId === null && !e.hasSecurity && !e.hasEnclosure;

/** The measures an estate adds one to while active. */
export function estateMeasures(e: { archivedAt: Date | null; unmanaged: boolean }): string[] {
  if (e.archivedAt) return [];
  return e.unmanaged ? [MEASURES.estates, MEASURES.unmanagedEstates] : [MEASURES.estates];
}

/** Checks a Point or Polygon in depth and gives the pin: the point itself, or the ring's vertex mean (as turf's centroid). */
export function checkGeometry(g: unknown): { geometry: EstateGeometry; lng: number; lat: number } {
  const bad = (zh: string, en: string) => invalidField(F.geometry, { zh, en });
  const pos = (p: unknown): [number, number] => {
    if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((v) => typeof v === 'number' && Number.isFinite(v))) throw bad('坐标须为有限数字 [经度, 纬度]', 'positions must be finite [lng, lat]');
    const [lng, lat] = p as number[];
    if (lng < -180 || lng > 180 || lat < -90 || lat > 90) throw bad('坐标超出经纬度范围', 'position outside WGS84 range');
    return [lng, lat];
  };
  const geo = g as { type?: string; coordinates?: unknown };
  if (geo?.type === 'Point') {
    const [lng, lat] = pos(geo.coordinates);
    return { geometry: { type: 'Point', coordinates: [lng, lat] }, lng, lat };
  }
  if (geo?.type !== 'Polygon' || !Array.isArray(geo.coordinates) || geo.coordinates.length === 0) throw bad('只接受 GeoJSON 点或多边形', 'only a GeoJSON Point or Polygon');
  const rings = (geo.coordinates as unknown[]).map((ring) => {
    if (!Array.isArray(ring) || ring.length < 4) throw bad('多边形的环至少 4 个点', 'a ring needs at least 4 positions');
    const pts = ring.map(pos);
    const [a, z] = [pts[0], pts[pts.length - 1]];
    if (a[0] !== z[0] || a[1] !== z[1]) throw bad('多边形的环须首尾闭合', 'a ring must be closed');
    return pts;
  });
  const outer = rings[0].slice(0, -1);
  const lng = outer.reduce((s, p) => s + p[0], 0) / outer.length;
  const lat = outer.reduce((s, p) => s + p[1], 0) / outer.length;
  return { geometry: { type: 'Polygon', coordinates: rings }, lng, lat };
}

export async function presentEstates(db: DbOrTx, rows: repo.EstateRow[]): Promise<EstateView[]> {
  const names = await repo.organizationNames(db, [...new Set(rows.map((r) => r.propertyCompanyId).filter((x): x is number => x !== null))]);
  return rows.map((r) => ({
    id: r.id,
    regionId: r.regionId,
    name: r.name,
    address: r.address,
    propertyCompany: r.propertyCompanyId ? { id: r.propertyCompanyId, name: names.get(r.propertyCompanyId) ?? '' } : null,
    hasSecurity: r.hasSecurity,
    hasEnclosure: r.hasEnclosure,
    unmanaged: r.unmanaged,
    age: r.age as EstateAge,
    builtYear: r.builtYear,
    geometry: (r.geometry as EstateGeometry | null) ?? null,
    lng: r.lng,
    lat: r.lat,
    version: r.version,
    archived: r.archivedAt !== null,
  }));
}

export async function loadEstate(sdb: ScopedDb, id: number): Promise<repo.EstateRow> {
  return loadScoped('estate', () => repo.findEstate(sdb, id), () => repo.unscopedEstateExists(sdb.db, id));
}

/** A property company the caller may see, of the right kind, still active. */
export async function checkPropertyCompany(sdb: ScopedDb, id: number): Promise<void> {
  const pc = await loadScoped('organization', () => repo.findPropertyCompany(sdb, id), () => repo.unscopedPropertyCompanyExists(sdb.db, id));
  if (pc.archivedAt) throw invalidField(F.propertyCompany, { zh: `${pc.name} 已注销`, en: `${pc.name} is archived` });
}

export async function listEstates(db: Db, ctx: RequestContext, q: { regionId?: number; q?: string; unmanaged?: boolean; age?: string; includeArchived?: boolean; limit?: number; offset?: number }): Promise<Page<EstateView>> {
  const sdb = scoped(db, ctx.actor.scope);
  const regionPath = q.regionId ? (await loadInScope(sdb, q.regionId)).path : undefined;
  const { rows, total } = await repo.listEstates(sdb, { ...q, regionPath }, q.limit ?? 50, q.offset ?? 0);
  return { items: await presentEstates(db, rows), total };
}

export async function getEstate(db: Db, ctx: RequestContext, id: number): Promise<EstateDetailView> {
  const sdb = scoped(db, ctx.actor.scope);
  const row = await loadEstate(sdb, id);
  const [view] = await presentEstates(db, [row]);
  const buildingRows = await listBuildingsOfEstate(sdb, id);
  const counts: HousingCounts = { buildings: buildingRows.filter((b) => !b.archivedAt).length, dwellings: 0, residents: 0, byOccupancy: emptyOccupancy() };
  for (const c of await repo.estateCounts(sdb, id)) {
    counts.dwellings += c.dwellings;
    counts.residents += c.residents;
    if (c.occupancy in counts.byOccupancy) counts.byOccupancy[c.occupancy as Occupancy] += c.dwellings;
  }
  return { ...view, region: await regionRef(sdb, row.regionId), buildings: await presentBuildings(db, buildingRows), counts };
}

function duplicate(name: string): AppError {
  return new AppError('REGISTRY_DUPLICATE', { entity: ENTITY_NAMES.estate, key: name });
}

export async function createEstate(db: Db, ctx: RequestContext, input: EstateInput): Promise<EstateView> {
  assertPermission(ctx, 'registry.write');
  const name = input.name.trim();
  if (!name) throw invalidField(F.name, { zh: '不能为空', en: 'must not be empty' });
  const geo = input.geometry ? checkGeometry(input.geometry) : null;
  const row = await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const place = await placeIn(sdb, input.regionId, ESTATE_LEVELS);
    const propertyCompanyId = input.propertyCompanyId ?? null;
    if (propertyCompanyId !== null) await checkPropertyCompany(sdb, propertyCompanyId);
    if ((await repo.findEstatesByName(tx, [{ regionId: place.id, name }])).length) throw duplicate(name);
    const fields = { propertyCompanyId, hasSecurity: input.hasSecurity ?? false, hasEnclosure: input.hasEnclosure ?? false };
    const r = await repo
      .insertEstate(tx, {
        regionId: place.id,
        regionPath: place.path,
        name,
        nameInitials: pinyinKeys(name).initials,
        address: input.address?.trim() ?? '',
        ...fields,
        unmanaged: isUnmanaged(fields),
        age: input.age ?? 'new',
        builtYear: input.builtYear ?? null,
        geometry: geo?.geometry ?? null,
        lng: geo?.lng ?? null,
        lat: geo?.lat ?? null,
      })
      .catch((e) => {
        throw repo.isUniqueViolation(e) ? duplicate(name) : e;
      });
    await recordChange(tx, ctx, 'estate.create', 'estate', null, r, { measures: estateMeasures, snapshot: (r) => r });
    return r;
  });
  return (await presentEstates(db, [row]))[0];
}

export async function updateEstate(db: Db, ctx: RequestContext, id: number, input: EstatePatchInput): Promise<EstateView> {
  assertPermission(ctx, 'registry.write');
  const row = await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const before = await loadEstate(sdb, id);
    if (before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.estate });
    const patch: Partial<repo.NewEstateRow> = {};
    let place = { id: before.regionId, path: before.regionPath };
    if (input.regionId !== undefined && input.regionId !== before.regionId) {
      place = await placeIn(sdb, input.regionId, ESTATE_LEVELS);
      const outside = await repo.countBuildingsOutside(tx, id, place.path);
      if (outside) throw new AppError('REGISTRY_IN_USE', { entity: ENTITY_NAMES.estate, reason: { zh: `有 ${outside} 栋楼不在新区域内`, en: `${outside} buildings lie outside the new region` } });
      Object.assign(patch, { regionId: place.id, regionPath: place.path });
    }
    if (input.name !== undefined) {
      const name = input.name.trim();
      if (!name) throw invalidField(F.name, { zh: '不能为空', en: 'must not be empty' });
      Object.assign(patch, { name, nameInitials: pinyinKeys(name).initials });
    }
    const name = patch.name ?? before.name;
    if (patch.name !== undefined || patch.regionId !== undefined) {
      const clash = (await repo.findEstatesByName(tx, [{ regionId: place.id, name }])).filter((e) => e.id !== id);
      if (clash.length) throw duplicate(name);
    }
    if (input.propertyCompanyId !== undefined && input.propertyCompanyId !== before.propertyCompanyId) {
      if (input.propertyCompanyId !== null) await checkPropertyCompany(sdb, input.propertyCompanyId);
      patch.propertyCompanyId = input.propertyCompanyId;
    }
    if (input.address !== undefined) patch.address = input.address.trim();
    if (input.hasSecurity !== undefined) patch.hasSecurity = input.hasSecurity;
    if (input.hasEnclosure !== undefined) patch.hasEnclosure = input.hasEnclosure;
    if (input.age !== undefined) patch.age = input.age;
    if (input.builtYear !== undefined) patch.builtYear = input.builtYear;
    if (input.geometry !== undefined) {
      const geo = input.geometry ? checkGeometry(input.geometry) : null;
      Object.assign(patch, { geometry: geo?.geometry ?? null, lng: geo?.lng ?? null, lat: geo?.lat ?? null });
    }
    patch.unmanaged = isUnmanaged({ ...before, ...patch } as repo.EstateRow);
    const after = await repo.updateEstate(tx, id, input.version, patch).catch((e) => {
      throw repo.isUniqueViolation(e) ? duplicate(name) : e;
    });
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    await recordChange(tx, ctx, 'estate.update', 'estate', before, after, { measures: estateMeasures, snapshot: (r) => r });
    return after;
  });
  return (await presentEstates(db, [row]))[0];
}

export async function archiveEstate(db: Db, ctx: RequestContext, id: number, version?: number): Promise<EstateView> {
  assertPermission(ctx, 'registry.write');
  const row = await db.transaction(async (tx) => {
    const before = await loadEstate(scoped(tx, ctx.actor.scope), id);
    if (before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.estate });
    const n = await repo.countActiveBuildingsOf(tx, id);
    if (n) throw new AppError('REGISTRY_IN_USE', { entity: ENTITY_NAMES.estate, reason: { zh: `还有 ${n} 栋未注销的楼栋`, en: `${n} active buildings` } });
    const after = await repo.updateEstate(tx, id, version ?? before.version, { archivedAt: new Date() });
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    await recordChange(tx, ctx, 'estate.archive', 'estate', before, null, { measures: estateMeasures, snapshot: (r) => r });
    return after;
  });
  return (await presentEstates(db, [row]))[0];
}

