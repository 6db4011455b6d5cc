// Dwellings (房屋): a room of a building, in one of its units and floors. The dwelling's region is
// the building's. Occupancy feeds the counters: dwellings, dwellings.vacant and rentals.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAudit, recordAuditMany } from '../audit/index.ts';
import { loadInScope } from '../regions/index.ts';
import type { BuildingRow } from './buildings.repository.ts';
import { loadBuilding, presentBuildings } from './buildings.service.ts';
import * as repo from './dwellings.repository.ts';
import { isUniqueViolation } from './estates.repository.ts';
import type { DwellingInput, DwellingPatchInput, GenerateInput } from './housing.schema.ts';
import { dwellingAddress, type DwellingDetailView, type DwellingUse, type DwellingView, type GenerateResult, type Occupancy, type Occupant, type Page } from './housing.views.ts';
import { CounterDeltas, recordChange, ENTITY_NAMES, invalidField, loadScoped, MEASURES } from './registry.common.ts';
import { activeRentalOf, presentRentals } from './rentals.service.ts';

const F = {
  unit: { zh: '单元', en: 'unit' },
  floor: { zh: '楼层', en: 'floor' },
  number: { zh: '房号', en: 'room number' },
  area: { zh: '面积', en: 'area' },
  occupancy: { zh: '居住状态', en: 'occupancy' },
};

/** The measures a dwelling adds one to: every active dwelling, the vacant ones, the rented ones. */
export function dwellingMeasures(d: { archivedAt: Date | null; occupancy: string }): string[] {
  if (d.archivedAt) return [];
  const m: string[] = [MEASURES.dwellings];
  if (d.occupancy === 'vacant') m.push(MEASURES.vacantDwellings);
  if (d.occupancy === 'rental') m.push(MEASURES.rentals);
  return m;
}

export function presentDwellings(rows: repo.DwellingFull[]): DwellingView[] {
  return rows.map((r) => ({
    id: r.id,
    regionId: r.regionId,
    buildingId: r.buildingId,
    buildingNumber: r.buildingNumber,
    estateId: r.estateId,
    estateName: r.estateName,
    unitNumber: r.unitNumber,
    floor: r.floor,
    number: r.number,
    area: r.area === null ? null : Number(r.area),
    use: r.use as DwellingUse,
    occupancy: r.occupancy as Occupancy,
    address: dwellingAddress(r.estateName, r.buildingNumber, r.unitNumber, r.number),
    version: r.version,
    archived: r.archivedAt !== null,
  }));
}

export function presentOccupants(rows: Awaited<ReturnType<typeof repo.occupantsOf>>): Occupant[] {
  return rows.map((r) => ({ id: r.id, name: r.name, idNumberMasked: r.idNumberMasked, householdRole: r.householdRole, tags: r.tags ?? [] }));
}

export async function loadDwelling(sdb: ScopedDb, id: number): Promise<repo.DwellingFull> {
  return loadScoped('dwelling', () => repo.findDwelling(sdb, id), () => repo.unscopedDwellingExists(sdb.db, id));
}

/** Unit, floor, area checks against the building; the same for the API and imports (column = sheet key). */
export function dwellingCheck(b: Pick<BuildingRow, 'unitCount' | 'floors' | 'basementFloors'>, d: { unitNumber: number; floor: number; area?: number | null }): { column: 'unit' | 'floor' | 'area'; field: Bilingual; reason: Bilingual } | null {
  if (d.unitNumber < 1 || d.unitNumber > b.unitCount) return { column: 'unit', field: F.unit, reason: { zh: `应在 1–${b.unitCount} 之间`, en: `must be within 1–${b.unitCount}` } };
  if (d.floor === 0 || d.floor > b.floors || d.floor < -b.basementFloors) {
    const low = b.basementFloors ? `-${b.basementFloors}` : '1';
    return { column: 'floor', field: F.floor, reason: { zh: `应在 ${low}–${b.floors} 之间（没有第 0 层）`, en: `must be within ${low}–${b.floors} (no floor 0)` } };
  }
  if (d.area !== undefined && d.area !== null && !(d.area > 0)) return { column: 'area', field: F.area, reason: { zh: '须大于 0', en: 'must be greater than 0' } };
  return null;
}

export function dwellingProblem(b: Pick<BuildingRow, 'unitCount' | 'floors' | 'basementFloors'>, d: { unitNumber: number; floor: number; area?: number | null }): AppError | null {
  const p = dwellingCheck(b, d);
  return p ? invalidField(p.field, p.reason) : null;
}

const duplicate = (key: string) => new AppError('REGISTRY_DUPLICATE', { entity: ENTITY_NAMES.dwelling, key });

export async function listDwellings(db: Db, ctx: RequestContext, q: { regionId?: number; buildingId?: number; occupancy?: string; q?: string; includeArchived?: boolean; limit?: number; offset?: number }): Promise<Page<DwellingView>> {
  const sdb = scoped(db, ctx.actor.scope);
  const regionPath = q.regionId ? (await loadInScope(sdb, q.regionId)).path : undefined;
  const { rows, total } = await repo.listDwellings(sdb, { ...q, regionPath }, q.limit ?? 50, q.offset ?? 0);
  return { items: presentDwellings(rows), total };
}

export async function getDwelling(db: Db, ctx: RequestContext, id: number): Promise<DwellingDetailView> {
  const sdb = scoped(db, ctx.actor.scope);
  const row = await loadDwelling(sdb, id);
  const building = await loadBuilding(sdb, row.buildingId);
  const rental = await activeRentalOf(db, id);
  return {
    ...presentDwellings([row])[0],
    building: (await presentBuildings(db, [building]))[0],
    estate: row.estateId ? { id: row.estateId, name: row.estateName ?? '' } : null,
    rental: rental ? (await presentRentals(db, [rental]))[0] : null,
    residents: presentOccupants(await repo.occupantsOf(db, [id])),
  };
}

async function activeBuilding(sdb: ScopedDb, id: number): Promise<BuildingRow> {
  const b = await loadBuilding(sdb, id);
  if (b.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.building });
  return b;
}

async function reload(db: DbOrTx, id: number): Promise<DwellingView> {
  return presentDwellings(await repo.dwellingsByIds(db, [id]))[0];
}

export async function createDwelling(db: Db, ctx: RequestContext, input: DwellingInput): Promise<DwellingView> {
  assertPermission(ctx, 'registry.write');
  const number = input.number.trim();
  if (!number) throw invalidField(F.number, { zh: '不能为空', en: 'must not be empty' });
  const id = await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const b = await activeBuilding(sdb, input.buildingId);
    const problem = dwellingProblem(b, input);
    if (problem) throw problem;
    const key = `${b.number}-${input.unitNumber}-${number}`;
    if ((await repo.findDwellingsByKey(tx, [{ buildingId: b.id, unitNumber: input.unitNumber, number }])).length) throw duplicate(key);
    const [d] = await repo
      .insertDwellings(tx, [
        { regionId: b.regionId, regionPath: b.regionPath, buildingId: b.id, unitNumber: input.unitNumber, floor: input.floor, number, area: input.area ?? null, use: input.use ?? 'residential', occupancy: input.occupancy ?? 'vacant' },
      ])
      .catch((e) => {
        throw isUniqueViolation(e) ? duplicate(key) : e;
      });
    await recordChange(tx, ctx, 'dwelling.create', 'dwelling', null, d, { measures: dwellingMeasures, snapshot: (r) => r });
    return d.id;
  });
  return reload(db, id);
}

export async function updateDwelling(db: Db, ctx: RequestContext, id: number, input: DwellingPatchInput): Promise<DwellingView> {
  assertPermission(ctx, 'registry.write');
  await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const before = await loadDwelling(sdb, id);
    if (before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.dwelling });
    await repo.lockDwelling(tx, id);
    const patch: Partial<repo.NewDwellingRow> = {};
    const buildingId = input.buildingId ?? before.buildingId;
    const b = await activeBuilding(sdb, buildingId);
    if (buildingId !== before.buildingId) {
      if (await repo.countResidentsIn(tx, id)) throw new AppError('REGISTRY_IN_USE', { entity: ENTITY_NAMES.dwelling, reason: { zh: '有居民居住，不能改换楼栋', en: 'residents live there; cannot change building' } });
      if (await activeRentalOf(tx, id)) throw new AppError('REGISTRY_IN_USE', { entity: ENTITY_NAMES.dwelling, reason: { zh: '有在租的租约', en: 'an active lease' } });
      Object.assign(patch, { buildingId, regionId: b.regionId, regionPath: b.regionPath });
    }
    if (input.number !== undefined) {
      patch.number = input.number.trim();
      if (!patch.number) throw invalidField(F.number, { zh: '不能为空', en: 'must not be empty' });
    }
    const next = { unitNumber: input.unitNumber ?? before.unitNumber, floor: input.floor ?? before.floor, area: input.area, number: patch.number ?? before.number };
    const problem = dwellingProblem(b, next);
    if (problem) throw problem;
    if (patch.buildingId !== undefined || patch.number !== undefined || input.unitNumber !== undefined) {
      const clash = (await repo.findDwellingsByKey(tx, [{ buildingId, unitNumber: next.unitNumber, number: next.number }])).some((d) => d.id !== id);
      if (clash) throw duplicate(`${b.number}-${next.unitNumber}-${next.number}`);
    }
    if (input.occupancy !== undefined && input.occupancy !== 'rental' && before.occupancy === 'rental' && (await activeRentalOf(tx, id))) {
      throw invalidField(F.occupancy, { zh: '租约未结束，请先结束租约', en: 'the lease is still running; end it first' });
    }
    for (const k of ['unitNumber', 'floor', 'area', 'use', 'occupancy'] as const) if (input[k] !== undefined) (patch as Record<string, unknown>)[k] = input[k];
    const after = await repo.updateDwelling(tx, id, input.version, patch).catch((e) => {
      throw isUniqueViolation(e) ? duplicate(next.number) : e;
    });
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    const deltas = new CounterDeltas();
    deltas.change({ path: before.regionPath, measures: dwellingMeasures(before) }, { path: after.regionPath, measures: dwellingMeasures(after) });
    await deltas.flush(tx);
    const { buildingNumber: _b, estateId: _e, estateName: _n, ...plainBefore } = before;
    await recordAudit(tx, ctx, { action: 'dwelling.update', entityType: 'dwelling', entityId: id, regionPath: after.regionPath, before: plainBefore, after });
  });
  return reload(db, id);
}

export async function archiveDwelling(db: Db, ctx: RequestContext, id: number, version?: number): Promise<DwellingView> {
  assertPermission(ctx, 'registry.write');
  await db.transaction(async (tx) => {
    const before = await loadDwelling(scoped(tx, ctx.actor.scope), id);
    if (before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.dwelling });
    await repo.lockDwelling(tx, id);
    const n = await repo.countResidentsIn(tx, id);
    if (n) throw new AppError('REGISTRY_IN_USE', { entity: ENTITY_NAMES.dwelling, reason: { zh: `还有 ${n} 位居民居住`, en: `${n} residents live there` } });
    if (await activeRentalOf(tx, id)) throw new AppError('REGISTRY_IN_USE', { entity: ENTITY_NAMES.dwelling, reason: { zh: '租约未结束', en: 'the lease is still running' } });
    const after = await repo.updateDwelling(tx, id, version ?? before.version, { archivedAt: new Date() });
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    const deltas = new CounterDeltas();
    deltas.change({ path: before.regionPath, measures: dwellingMeasures(before) }, null);
    await deltas.flush(tx);
    await recordAudit(tx, ctx, { action: 'dwelling.archive', entityType: 'dwelling', entityId: id, regionPath: before.regionPath, before: { ...after, archivedAt: null } });
  });
  return reload(db, id);
}

/**
 * Registers a new building's rooms at once: for every unit and every floor in the range, rooms
 * numbered floor × 100 + index (302 = floor 3, second room; basement B101 …). Existing numbers
 * are skipped, so running it again adds only what is missing.
 */
export async function generateDwellings(db: Db, ctx: RequestContext, buildingId: number, input: GenerateInput): Promise<GenerateResult> {
  assertPermission(ctx, 'registry.write');
  return db.transaction(async (tx) => {
    const b = await activeBuilding(scoped(tx, ctx.actor.scope), buildingId);
    const [from, to] = input.floors[0] <= input.floors[1] ? input.floors : [input.floors[1], input.floors[0]];
    for (const floor of [from, to]) {
      const p = dwellingProblem(b, { unitNumber: 1, floor: floor === 0 ? 1 : floor });
      if (p) throw p;
    }
    const taken = await repo.takenKeys(tx, b.id);
    const rows: repo.NewDwellingRow[] = [];
    let skipped = 0;
    for (let unit = 1; unit <= b.unitCount; unit++) {
      for (let floor = from; floor <= to; floor++) {
        if (floor === 0) continue;
        for (let i = 1; i <= input.perUnitPerFloor; i++) {
          const number = floor > 0 ? String(floor * 100 + i) : `B${-floor * 100 + i}`;
          if (taken.has(`${unit}:${number}`)) {
            skipped++;
            continue;
          }
          rows.push({ regionId: b.regionId, regionPath: b.regionPath, buildingId: b.id, unitNumber: unit, floor, number, area: input.area ?? null, use: input.use ?? 'residential', occupancy: 'vacant' });
        }
      }
    }
    if (rows.length > 20_000) throw invalidField(F.floor, { zh: '一次最多生成 20000 套', en: 'at most 20,000 dwellings at once' });
    const created = await repo.insertDwellings(tx, rows);
    const deltas = new CounterDeltas();
    for (const d of created) deltas.change(null, { path: d.regionPath, measures: dwellingMeasures(d) });
    await deltas.flush(tx);
    await recordAuditMany(
      tx,
      ctx,
      created.map((d) => ({ action: 'dwelling.create', entityType: 'dwelling', entityId: d.id, regionPath: d.regionPath, after: d })),
    );
    return { created: created.length, skipped };
  });
}
