// Buildings (楼栋): in an estate, or directly in a grid or micro-grid. A building's region lies
// inside its estate's region; its units (单元) exist as rows 1..unitCount.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { loadInScope, regionSummariesByIds } from '../regions/index.ts';
import * as repo from './buildings.repository.ts';
import { isUniqueViolation } from './estates.repository.ts';
import * as estatesRepo from './estates.repository.ts';
import type { BuildingInput, BuildingPatchInput } from './housing.schema.ts';
import type { BuildingDetailView, BuildingUse, BuildingView, Occupancy, Page, RegionRef } from './housing.views.ts';
import { recordChange, ENTITY_NAMES, invalidField, loadScoped, MEASURES, placeIn } from './registry.common.ts';

export const BUILDING_LEVELS = [5, 6] as const;
const F = { number: { zh: '楼栋编号', en: 'building number' }, estate: { zh: '小区', en: 'estate' }, unitCount: { zh: '单元数', en: 'unit count' }, floors: { zh: '层数', en: 'floors' } };

export const buildingMeasures = (b: { archivedAt: Date | null }): string[] => (b.archivedAt ? [] : [MEASURES.buildings]);

export async function regionRef(sdb: ScopedDb, id: number): Promise<RegionRef | null> {
  const [r] = await regionSummariesByIds(sdb, [id]);
  return r ? { id: r.id, code: r.code, name: r.name, level: r.level } : null;
}

export function emptyOccupancy(): Record<Occupancy, number> {
  return { owner: 0, rental: 0, vacant: 0, commercial: 0 };
}

export function listBuildingsOfEstate(sdb: ScopedDb, estateId: number) {
  return repo.listBuildingsOfEstate(sdb, estateId);
}

export async function presentBuildings(db: DbOrTx, rows: repo.BuildingRow[]): Promise<BuildingView[]> {
  const estates = await repo.estateNames(db, [...new Set(rows.map((r) => r.estateId).filter((x): x is number => x !== null))]);
  return rows.map((r) => ({
    id: r.id,
    regionId: r.regionId,
    estateId: r.estateId,
    estateName: r.estateId ? (estates.get(r.estateId)?.name ?? null) : null,
    number: r.number,
    address: r.address,
    floors: r.floors,
    basementFloors: r.basementFloors,
    unitCount: r.unitCount,
    use: r.use as BuildingUse,
    builtYear: r.builtYear,
    lng: r.lng,
    lat: r.lat,
    version: r.version,
    archived: r.archivedAt !== null,
  }));
}

export async function loadBuilding(sdb: ScopedDb, id: number): Promise<repo.BuildingRow> {
  return loadScoped('building', () => repo.findBuilding(sdb, id), () => repo.unscopedBuildingExists(sdb.db, id));
}

export const duplicateBuilding = (number: string) => new AppError('REGISTRY_DUPLICATE', { entity: ENTITY_NAMES.building, key: number });

/** The estate a building may join: visible, active, and its region containing the building's. */
export async function checkEstateFor(sdb: ScopedDb, estateId: number, buildingPath: string): Promise<estatesRepo.EstateRow> {
  const estate = await loadScoped('estate', () => estatesRepo.findEstate(sdb, estateId), () => estatesRepo.unscopedEstateExists(sdb.db, estateId));
  if (estate.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.estate });
  if (!buildingPath.startsWith(estate.regionPath)) {
    throw new AppError('REGISTRY_PLACEMENT', { reason: { zh: `楼栋所在网格不在小区「${estate.name}」所属区域内`, en: `the building's grid is not inside the region of estate ${estate.name}` } });
  }
  return estate;
}

export async function listBuildings(db: Db, ctx: RequestContext, q: { regionId?: number; estateId?: number; q?: string; includeArchived?: boolean; limit?: number; offset?: number }): Promise<Page<BuildingView>> {
  const sdb = scoped(db, ctx.actor.scope);
  const regionPath = q.regionId ? (await loadInScope(sdb, q.regionId)).path : undefined;
  const { rows, total } = await repo.listBuildings(sdb, { ...q, regionPath }, q.limit ?? 50, q.offset ?? 0);
  return { items: await presentBuildings(db, rows), total };
}

export async function getBuilding(db: Db, ctx: RequestContext, id: number): Promise<BuildingDetailView> {
  const sdb = scoped(db, ctx.actor.scope);
  const row = await loadBuilding(sdb, id);
  const [view] = await presentBuildings(db, [row]);
  const counts = { dwellings: 0, residents: 0, byOccupancy: emptyOccupancy() };
  for (const c of await repo.buildingCounts(sdb, id)) {
    counts.dwellings += c.dwellings;
    counts.residents += c.residents;
    if (c.occupancy in counts.byOccupancy) counts.byOccupancy[c.occupancy as Occupancy] += c.dwellings;
  }
  return {
    ...view,
    units: (await repo.listUnits(db, id)).map((u) => ({ id: u.id, number: u.number, label: u.label })),
    estate: row.estateId ? { id: row.estateId, name: view.estateName ?? '' } : null,
    region: await regionRef(sdb, row.regionId),
    counts,
  };
}

export async function createBuilding(db: Db, ctx: RequestContext, input: BuildingInput): Promise<BuildingView> {
  assertPermission(ctx, 'registry.write');
  const number = input.number.trim();
  if (!number) throw invalidField(F.number, { zh: '不能为空', en: 'must not be empty' });
  const row = await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const place = await placeIn(sdb, input.regionId, BUILDING_LEVELS);
    const estateId = input.estateId ?? null;
    if (estateId !== null) await checkEstateFor(sdb, estateId, place.path);
    if ((await repo.findBuildingsByKey(tx, [{ regionId: place.id, estateId, number }])).length) throw duplicateBuilding(number);
    const [b] = await repo
      .insertBuildings(tx, [
        {
          regionId: place.id,
          regionPath: place.path,
          estateId,
          number,
          address: input.address?.trim() ?? '',
          floors: input.floors,
          basementFloors: input.basementFloors ?? 0,
          unitCount: input.unitCount ?? 1,
          use: input.use ?? 'residential',
          builtYear: input.builtYear ?? null,
          lng: input.lng ?? null,
          lat: input.lat ?? null,
        },
      ])
      .catch((e) => {
        throw isUniqueViolation(e) ? duplicateBuilding(number) : e;
      });
    await repo.ensureUnits(tx, [{ buildingId: b.id, unitCount: b.unitCount }]);
    await recordChange(tx, ctx, 'building.create', 'building', null, b, { measures: buildingMeasures, snapshot: (r) => r });
    return b;
  });
  return (await presentBuildings(db, [row]))[0];
}

export async function updateBuilding(db: Db, ctx: RequestContext, id: number, input: BuildingPatchInput): Promise<BuildingView> {
  assertPermission(ctx, 'registry.write');
  const row = await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const before = await loadBuilding(sdb, id);
    if (before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.building });
    const patch: Partial<repo.NewBuildingRow> = {};
    let path = before.regionPath;
    let regionId = before.regionId;
    if (input.regionId !== undefined && input.regionId !== before.regionId) {
      // Dwellings, rentals and residents carry the building's region: move the building only while empty.
      const n = await repo.countActiveDwellingsOf(tx, id);
      if (n) throw new AppError('REGISTRY_IN_USE', { entity: ENTITY_NAMES.building, reason: { zh: `楼内已有 ${n} 套房屋，不能改换网格`, en: `${n} dwellings inside; cannot change its grid` } });
      const place = await placeIn(sdb, input.regionId, BUILDING_LEVELS);
      ({ path, id: regionId } = place);
      Object.assign(patch, { regionId, regionPath: path });
    }
    const estateId = input.estateId !== undefined ? input.estateId : before.estateId;
    if (estateId !== null && (estateId !== before.estateId || path !== before.regionPath)) await checkEstateFor(sdb, estateId, path);
    if (input.estateId !== undefined) patch.estateId = input.estateId;
    if (input.number !== undefined) {
      patch.number = input.number.trim();
      if (!patch.number) throw invalidField(F.number, { zh: '不能为空', en: 'must not be empty' });
    }
    const number = patch.number ?? before.number;
    if (patch.number !== undefined || patch.regionId !== undefined || patch.estateId !== undefined) {
      if ((await repo.findBuildingsByKey(tx, [{ regionId, estateId, number }])).some((b) => b.id !== id)) throw duplicateBuilding(number);
    }
    if (input.unitCount !== undefined && input.unitCount < before.unitCount) {
      const used = await repo.highestOccupiedUnit(tx, id);
      if (input.unitCount < used) throw invalidField(F.unitCount, { zh: `第 ${used} 单元还有房屋，不能减到 ${input.unitCount}`, en: `unit ${used} still holds dwellings; cannot go down to ${input.unitCount}` });
    }
    const span = input.floors !== undefined || input.basementFloors !== undefined ? await repo.occupiedFloorSpan(tx, id) : null;
    if (span && input.floors !== undefined && input.floors < span.top) throw invalidField(F.floors, { zh: `第 ${span.top} 层还有房屋`, en: `floor ${span.top} still holds dwellings` });
    if (span && input.basementFloors !== undefined && -input.basementFloors > span.bottom) throw invalidField(F.floors, { zh: `第 ${span.bottom} 层还有房屋`, en: `floor ${span.bottom} still holds dwellings` });
    for (const k of ['address', 'floors', 'basementFloors', 'unitCount', 'use', 'builtYear', 'lng', 'lat'] as const) {
      if (input[k] !== undefined) (patch as Record<string, unknown>)[k] = typeof input[k] === 'string' ? (input[k] as string).trim() : input[k];
    }
    const after = await repo.updateBuilding(tx, id, input.version, patch).catch((e) => {
      throw isUniqueViolation(e) ? duplicateBuilding(number) : e;
    });
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    if (after.unitCount > before.unitCount) await repo.ensureUnits(tx, [{ buildingId: id, unitCount: after.unitCount }]);
    if (after.unitCount < before.unitCount) await repo.dropUnitsAbove(tx, id, after.unitCount);
    await recordChange(tx, ctx, 'building.update', 'building', before, after, { measures: buildingMeasures, snapshot: (r) => r });
    return after;
  });
  return (await presentBuildings(db, [row]))[0];
}

export async function archiveBuilding(db: Db, ctx: RequestContext, id: number, version?: number): Promise<BuildingView> {
  assertPermission(ctx, 'registry.write');
  const row = await db.transaction(async (tx) => {
    const before = await loadBuilding(scoped(tx, ctx.actor.scope), id);
    if (before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.building });
    const n = await repo.countActiveDwellingsOf(tx, id);
    if (n) throw new AppError('REGISTRY_IN_USE', { entity: ENTITY_NAMES.building, reason: { zh: `还有 ${n} 套未注销的房屋`, en: `${n} active dwellings` } });
    const after = await repo.updateBuilding(tx, id, version ?? before.version, { archivedAt: new Date() });
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    await recordChange(tx, ctx, 'building.archive', 'building', before, null, { measures: buildingMeasures, snapshot: (r) => r });
    return after;
  });
  return (await presentBuildings(db, [row]))[0];
}
