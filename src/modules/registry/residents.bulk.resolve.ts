// Lookups of the bulk resident writer, each one query per batch and cached for the whole import
// run: regions by code (a grid or micro-grid inside the caller's scope), dwellings by address
// under a grid, active care groups. Caches hang on the run's context (import/context.ts).
import type { DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { WHOLE_SYSTEM } from '../../shared/context.ts';
import type { Bilingual } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
// Light region rows by code/id without boundaries; the regions index does not re-export these yet.
import { findRegionsByCodes as findPlacementsByCode, regionRowsByIds as listByIds } from '../regions/index.ts';
import { listCareGroups } from './care-groups.repository.ts';
import { runCache } from './import/context.ts';
import { dwellingsUnderGrids } from './residents.bulk.repository.ts';

export interface RegionRef {
  id: number;
  code: string;
  path: string;
  /** The grid the region belongs to (itself for a grid): dwellings are looked up under it. */
  gridPath: string;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; reason: Bilingual };

const LEVEL_ZH: Record<number, string> = { 1: '市', 2: '区县', 3: '街道', 4: '社区', 5: '网格', 6: '微网格' };

function placement(r: { id: number; code: string; name: string; level: number; path: string; archivedAt: Date | string | null }): Resolved<RegionRef> {
  if (r.archivedAt) return { ok: false, reason: { zh: `${r.name}（${r.code}）已归档`, en: `${r.code} is archived` } };
  if (r.level !== 5 && r.level !== 6) {
    return { ok: false, reason: { zh: `${r.code} 是${LEVEL_ZH[r.level] ?? '区域'}，居民只能登记在网格或微网格`, en: `${r.code} is not a grid or micro-grid` } };
  }
  const gridPath = r.level === 5 ? r.path : r.path.slice(0, r.path.lastIndexOf('/', r.path.length - 2) + 1);
  return { ok: true, value: { id: r.id, code: r.code, path: r.path, gridPath } };
}

/** Regions by code: one query for the codes this run has not seen, another to tell "outside scope" from "no such code". */
export async function resolveRegionCodes(ctx: RequestContext, sdb: ScopedDb, codes: string[]): Promise<Map<string, Resolved<RegionRef>>> {
  const cache = runCache(ctx, 'residents.regionCodes', () => new Map<string, Resolved<RegionRef>>());
  const missing = [...new Set(codes.filter((c) => !cache.has(c)))];
  if (missing.length) {
    for (const r of await findPlacementsByCode(sdb, missing)) cache.set(r.code, placement(r));
    const notFound = missing.filter((c) => !cache.has(c));
    const elsewhere = new Set(notFound.length ? (await findPlacementsByCode(scoped(sdb.db, WHOLE_SYSTEM), notFound)).map((r) => r.code) : []);
    for (const c of notFound) {
      cache.set(
        c,
        elsewhere.has(c)
          ? { ok: false, reason: { zh: `网格 ${c} 不在您的管辖范围内`, en: `grid ${c} is outside your scope` } }
          : { ok: false, reason: { zh: `网格编码 ${c} 不存在`, en: `no region with code ${c}` } },
      );
    }
  }
  return cache;
}

/** Regions by id (API callers). */
export async function resolveRegionIds(ctx: RequestContext, sdb: ScopedDb, ids: number[]): Promise<Map<number, Resolved<RegionRef>>> {
  const cache = runCache(ctx, 'residents.regionIds', () => new Map<number, Resolved<RegionRef>>());
  const missing = [...new Set(ids.filter((i) => !cache.has(i)))];
  if (missing.length) {
    for (const r of await listByIds(sdb, missing)) cache.set(r.id, placement(r));
    for (const i of missing) if (!cache.has(i)) cache.set(i, { ok: false, reason: { zh: `区域 ${i} 不存在或不在管辖范围内`, en: `region ${i} not found or outside your scope` } });
  }
  return cache;
}

export interface DwellingRef {
  id: number;
  regionPath: string;
}

/** Building numbers are stored without 栋/幢/号楼 (the building sheet strips them); rooms without 室. */
const bareBuilding = (b: string) => b.trim().replace(/(号楼|[栋幢])$/u, '');
const bareRoom = (r: string) => r.trim().replace(/室$/u, '');
export const dwellingKey = (gridPath: string, estate: string, building: string, unit: number, room: string) =>
  `${gridPath}\u0000${estate.trim()}\u0000${bareBuilding(building)}\u0000${unit}\u0000${bareRoom(room)}`;

/** Loads (once per run) the dwellings under the grids of this batch; answers by address key. */
export async function dwellingsByAddress(ctx: RequestContext, sdb: ScopedDb, gridPaths: string[]): Promise<Map<string, DwellingRef>> {
  const c = runCache(ctx, 'residents.dwellings', () => ({ grids: new Set<string>(), byKey: new Map<string, DwellingRef>() }));
  const missing = [...new Set(gridPaths.filter((g) => !c.grids.has(g)))];
  if (missing.length) {
    for (const d of await dwellingsUnderGrids(sdb, missing)) c.byKey.set(dwellingKey(d.gridPath, d.estate, d.building, d.unit, d.room), { id: d.id, regionPath: d.regionPath });
    for (const g of missing) c.grids.add(g);
  }
  return c.byKey;
}

/** Active care-group codes, once per run. */
export async function activeCareGroupCodes(ctx: RequestContext, db: DbOrTx): Promise<Set<string>> {
  const c = runCache(ctx, 'residents.careGroups', () => ({ codes: null as Set<string> | null }));
  if (!c.codes) c.codes = new Set((await listCareGroups(db)).filter((g) => g.active).map((g) => g.code));
  return c.codes;
}
