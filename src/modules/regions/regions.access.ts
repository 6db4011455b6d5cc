// Loading regions for a caller: scope answers (403 vs 404), size rules, and presenting with
// counters and ancestors. Shared by the read and write services.
import type { Db, DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { getSetting } from '../settings/index.ts';
import * as repo from './regions.repository.ts';
import { pathIds, toDetail, toSummary, type RegionDetail, type RegionSummary } from './regions.presenter.ts';
import { DEFAULT_SIZE_RULES, type SizeRules } from './size-rules.ts';
import { locateIndexFor } from './regions.locate.ts';

export const scopeOf = (db: DbOrTx, ctx: RequestContext): ScopedDb => scoped(db, ctx.actor.scope);

/** Loads a region the caller may see, or answers why not. */
export async function loadInScope(sdb: ScopedDb, id: number): Promise<repo.RegionRow> {
  const row = await repo.findById(sdb, id);
  if (row) return row;
  if (await repo.unscopedExists(sdb.db, id)) throw new AppError('SCOPE_DENIED');
  throw new AppError('REGION_NOT_FOUND');
}

/** Writes need the row in scope and, for structural changes, not the caller's own scope root. */
export async function loadWritable(sdb: ScopedDb, id: number, opts: { structural?: boolean } = {}): Promise<repo.RegionRow> {
  const row = await loadInScope(sdb, id);
  if (opts.structural && sdb.scope.regionId === row.id) throw new AppError('SCOPE_DENIED');
  if (row.archivedAt) throw new AppError('REGION_ARCHIVED');
  return row;
}

export const sizeRulesKey = (cityId: number | null) => (cityId === null ? 'sizeRules' : `sizeRules:${cityId}`);

/** A city's size rules, else the system default, else the built-in figures. */
export async function sizeRulesFor(db: DbOrTx, path: string | null): Promise<SizeRules> {
  const cityId = path ? (pathIds(path)[0] ?? null) : null;
  if (cityId !== null) {
    const own = await getSetting<SizeRules>(db, sizeRulesKey(cityId));
    if (own) return own;
  }
  return (await getSetting<SizeRules>(db, sizeRulesKey(null))) ?? DEFAULT_SIZE_RULES;
}

export async function summaries(sdb: ScopedDb, rows: repo.RegionListRow[], rules?: SizeRules): Promise<RegionSummary[]> {
  if (rows.length === 0) return [];
  const counters = await repo.countersOf(sdb.db, rows.map((r) => r.id));
  const r = rules ?? (await sizeRulesFor(sdb.db, rows[0].path));
  return rows.map((row) => toSummary(row, counters.get(row.id), r));
}

/** Summaries (with child counts) of regions by id, in the handle's scope. */
export async function regionSummariesByIds(sdb: ScopedDb, ids: number[]): Promise<RegionSummary[]> {
  return summaries(sdb, await repo.listByIds(sdb, ids));
}

export async function detail(sdb: ScopedDb, row: repo.RegionRow, ctx: RequestContext): Promise<RegionDetail> {
  const rules = await sizeRulesFor(sdb.db, row.path);
  // Ancestors above the caller's scope are still named in the breadcrumb: knowing the names of the
  // regions that contain yours is not a leak, and a breadcrumb without them is confusing.
  const ancestorIds = pathIds(row.path).filter((id) => id !== row.id);
  const ancestorRows = await repo.listByIds(scoped(sdb.db, { regionId: null, path: '/' }), ancestorIds);
  const counters = await repo.countersOf(sdb.db, [row.id, ...ancestorIds]);
  const ancestors = ancestorRows.map((a) => toSummary(a, counters.get(a.id), rules));
  const childCount = await repo.countActiveChildren(sdb, row.id);
  return toDetail(row, { childCount, counters: counters.get(row.id) ?? {}, ancestors, rules, lang: ctx.lang });
}

/**
 * Bulk locate for imports, usable inside a transaction: for each point, the active regions that
 * contain it and lie in the handle's scope, deepest first. The process cache of the locate index is
 * keyed by the database handle, so a transaction builds its own: locate a whole batch in one call.
 */
export async function locatePointsInScope(sdb: ScopedDb, points: readonly { lng: number; lat: number }[]): Promise<repo.RegionPlacementRow[][]> {
  if (points.length === 0) return [];
  const index = await locateIndexFor(sdb.db as Db);
  const hits = points.map((p) => (Number.isFinite(p.lng) && Number.isFinite(p.lat) ? index.locateAll(p.lng, p.lat) : []));
  const ids = [...new Set(hits.flat().map((h) => h.id))];
  const rows = new Map((await repo.listByIds(sdb, ids)).map((r) => [r.id, r]));
  return hits.map((hs) =>
    hs
      .map((h) => rows.get(h.id))
      .filter((r): r is repo.RegionListRow => !!r && r.archivedAt === null)
      .map((r) => ({ id: r.id, code: r.code, name: r.name, level: r.level, path: r.path, archivedAt: r.archivedAt })),
  );
}

export type { Db };
