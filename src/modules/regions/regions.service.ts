// Reading the governance tree: roots, children, search, details, map features, history, locate.
import type { FeatureCollection } from 'geojson';
import type { Db, DbOrTx } from '../../db/engine.ts';
import { WHOLE_SYSTEM, type RequestContext } from '../../shared/context.ts';
import { scoped } from '../../shared/scoped.ts';
import { AppError } from '../../shared/errors.ts';
import { listAudit } from '../audit/index.ts';
import { detail, loadInScope, scopeOf, sizeRulesFor, summaries } from './regions.access.ts';
import { locateIndexFor } from './regions.locate.ts';
import type { RegionDetail, RegionSummary } from './regions.presenter.ts';
import * as repo from './regions.repository.ts';
import { evaluateSize } from './size-rules.ts';

export async function listRoots(db: Db, ctx: RequestContext): Promise<RegionSummary[]> {
  const sdb = scopeOf(db, ctx);
  return summaries(sdb, await repo.listRoots(sdb));
}

export async function getRegion(db: Db, ctx: RequestContext, id: number): Promise<RegionDetail> {
  const sdb = scopeOf(db, ctx);
  return detail(sdb, await loadInScope(sdb, id), ctx);
}

export async function listChildren(db: DbOrTx, ctx: RequestContext, id: number, includeArchived: boolean): Promise<RegionSummary[]> {
  const sdb = scopeOf(db, ctx);
  const parent = await loadInScope(sdb, id);
  return summaries(sdb, await repo.listChildren(sdb, parent.id, includeArchived));
}

export async function searchRegions(
  db: Db,
  ctx: RequestContext,
  q: string,
  level: number | undefined,
  limit: number,
): Promise<(RegionSummary & { ancestorNames: string[] })[]> {
  const sdb = scopeOf(db, ctx);
  const query = q.trim();
  if (!query) return [];
  const rows = await repo.search(sdb, query, level, limit);
  const items = await summaries(sdb, rows);
  // One query for every ancestor of every hit, to show where each hit sits.
  const ancestorIds = [...new Set(rows.flatMap((r) => r.path.split('/').filter(Boolean).map(Number)))];
  // Ancestor names above the scope are shown on purpose (see regions.access.ts `detail`).
  const names = new Map((await repo.listByIds(scoped(db, WHOLE_SYSTEM), ancestorIds)).map((a) => [a.id, a.name]));
  return items.map((item, i) => ({
    ...item,
    ancestorNames: rows[i].path
      .split('/')
      .filter(Boolean)
      .map(Number)
      .filter((aid) => aid !== item.id)
      .map((aid) => names.get(aid) ?? ''),
  }));
}

/** The subtree under a region as GeoJSON, `depth` levels down, for the map. */
export async function subtreeGeoJson(db: Db, ctx: RequestContext, id: number, depth: number): Promise<FeatureCollection> {
  const sdb = scopeOf(db, ctx);
  const root = await loadInScope(sdb, id);
  const rows = await repo.listSubtree(sdb, root.path, Math.min(6, root.level + depth));
  const rules = await sizeRulesFor(db, root.path);
  const counters = await repo.countersOf(db, rows.map((r) => r.id));
  return {
    type: 'FeatureCollection',
    features: rows
      .filter((r) => r.boundary)
      .map((r) => ({
        type: 'Feature',
        id: r.id,
        geometry: r.boundary as GeoJSON.Geometry,
        properties: {
          id: r.id,
          code: r.code,
          name: r.name,
          level: r.level,
          kind: r.kind,
          parentId: r.parentId,
          sizeStatus: evaluateSize(r.level, r.attributes as Record<string, unknown>, counters.get(r.id), rules).status,
        },
      })),
  };
}

export async function regionHistory(db: Db, ctx: RequestContext, id: number) {
  const sdb = scopeOf(db, ctx);
  const row = await loadInScope(sdb, id);
  return listAudit(sdb, { entityType: 'region', entityId: String(row.id), limit: 200, offset: 0 });
}

export interface LocateResult {
  community: RegionSummary | null;
  grid: RegionSummary | null;
  microGrid: RegionSummary | null;
}

export async function locatePoint(db: Db, ctx: RequestContext, lng: number, lat: number): Promise<LocateResult> {
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lng) > 180 || Math.abs(lat) > 90) {
    throw new AppError('VALIDATION_FAILED', { detail: 'lng/lat' });
  }
  const index = await locateIndexFor(db);
  const hits = index.locateAll(lng, lat);
  const ids = hits.map((h) => h.id);
  const sdb = scopeOf(db, ctx);
  // Hits outside the caller's scope drop out here: the index is global, the answer is not.
  const rows = await repo.listByIds(sdb, ids);
  const items = await summaries(sdb, rows);
  const byLevel = (level: number) => items.find((s) => s.level === level) ?? null;
  return { community: byLevel(4), grid: byLevel(5), microGrid: byLevel(6) };
}
