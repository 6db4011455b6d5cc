// Helpers shared by places, organizations and assets: where a row goes (a region id, or a point
// located in the tree), audit snapshots without ciphertext, and the duplicate-key error.
import { AppError, type Bilingual } from '../../shared/errors.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { locatePointsInScope } from '../regions/index.ts';
import { ENTITY_NAMES, invalidField, placeIn, type Placement, type RegistryEntity } from './registry.common.ts';
import type { RowProblem } from './sheet.ts';
import type { RegionRef } from './places.views.ts';

const LEVEL_ZH: Record<number, string> = { 4: '社区', 5: '网格', 6: '微网格' };

/** The deepest region among `located` (deepest first) whose level is allowed, as a placement. */
export function pickLocated(located: { id: number; path: string; level: number; name: string }[], levels: readonly number[]): Placement | null {
  const r = located.find((l) => levels.includes(l.level));
  return r ? { id: r.id, path: r.path, level: r.level, name: r.name } : null;
}

export const noRegionAtPoint = (levels: readonly number[]): Bilingual => ({
  zh: `该坐标不在您管辖的任何${levels.map((l) => LEVEL_ZH[l] ?? l).join('/')}内`,
  en: 'the point lies in no region of yours at an allowed level',
});

/**
 * Where a row is placed: the given region (checked for scope, level, archived), else the deepest
 * allowed region containing the point. Locating before a transaction uses the cached index.
 */
export async function resolvePlacement(sdb: ScopedDb, where: { regionId?: number | null; lng?: number | null; lat?: number | null }, levels: readonly number[]): Promise<Placement> {
  if (where.regionId) return placeIn(sdb, where.regionId, levels);
  if (where.lng != null && where.lat != null) {
    const [located] = await locatePointsInScope(sdb, [{ lng: where.lng, lat: where.lat }]);
    const p = pickLocated(located, levels);
    if (!p) throw new AppError('REGISTRY_PLACEMENT', { reason: noRegionAtPoint(levels) });
    return p;
  }
  throw invalidField({ zh: '所在区域', en: 'region' }, { zh: '须给出区域或经纬度', en: 'give a region or a longitude/latitude' });
}

export const regionRef = (r: { regionId: number; regionCode: string; regionName: string; regionLevel: number }): RegionRef => ({
  id: r.regionId,
  code: r.regionCode,
  name: r.regionName,
  level: r.regionLevel,
});

/** A row as the audit log may hold it: ciphertext and lookup hashes dropped, masks kept. */
export function auditSafe<T extends Record<string, unknown>>(row: T | null | undefined): Record<string, unknown> | null {
  if (!row) return null;
  return Object.fromEntries(Object.entries(row).filter(([k]) => !/(Enc|Hash)$/.test(k)));
}

export const duplicate = (entity: RegistryEntity, key: string) => new AppError('REGISTRY_DUPLICATE', { entity: ENTITY_NAMES[entity], key });

/** The first problem of a normalization, as the API's 400. */
export function throwFirst(problems: RowProblem[], labels: Record<string, Bilingual>): never {
  const p = problems[0];
  throw invalidField(labels[p.column] ?? { zh: p.column, en: p.column }, p.reason);
}

export const range = (v: number | null | undefined, min: number, max: number) => v == null || (Number.isFinite(v) && v >= min && v <= max);

/** Longitude/latitude checks shared by every entity with a map pin. */
export function coordinateProblems(lng: number | null | undefined, lat: number | null | undefined, required: boolean): RowProblem[] {
  const out: RowProblem[] = [];
  if (required && lng == null) out.push({ column: 'lng', reason: { zh: '必填', en: 'required' } });
  if (required && lat == null) out.push({ column: 'lat', reason: { zh: '必填', en: 'required' } });
  if (!range(lng, -180, 180)) out.push({ column: 'lng', reason: { zh: '经度应在 -180 到 180 之间', en: 'longitude must be within -180..180' } });
  if (!range(lat, -90, 90)) out.push({ column: 'lat', reason: { zh: '纬度应在 -90 到 90 之间', en: 'latitude must be within -90..90' } });
  if ((lng == null) !== (lat == null) && !required) out.push({ column: lng == null ? 'lng' : 'lat', reason: { zh: '经度和纬度须同时填写', en: 'give both longitude and latitude' } });
  return out;
}

