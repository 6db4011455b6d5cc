// Structural changes to the tree: move a subtree, merge two sibling grids, split a grid. Each runs
// in one transaction: paths, counters, boundaries and audit rows change together or not at all.
import { reassignFollowers, rewriteFollowerPaths } from './regions.followers.ts';
import type { LineString } from 'geojson';
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { centroidOf, differenceOf, GeometryError, splitByLine, unionBoundaries } from './geometry.ts';
import { LocateIndex } from './locate-index.ts';
import { detail, loadWritable, scopeOf } from './regions.access.ts';
import { assertInsideParent, assertNoSiblingOverlap } from './regions.geo-checks.ts';
import { bumpBoundaryVersion, invalidateLocateIndex } from './regions.locate.ts';
import type { Boundary } from './regions.model.ts';
import { auditSnapshot, pathIds, type RegionDetail } from './regions.presenter.ts';
import * as repo from './regions.repository.ts';
import { boundaryColumns, insertChecked } from './regions.write.ts';
import { pinyinKeys } from './pinyin.ts';

/** Moves a region's counters from one ancestor chain to another. */
async function shiftCounters(db: DbOrTx, regionId: number, fromPath: string, toPath: string): Promise<void> {
  const own = (await repo.countersOf(db, [regionId])).get(regionId) ?? {};
  const from = pathIds(fromPath).filter((id) => id !== regionId);
  const to = pathIds(toPath).filter((id) => id !== regionId);
  for (const [measure, value] of Object.entries(own)) {
    await repo.addToCounters(db, from, measure, -value);
    await repo.addToCounters(db, to, measure, value);
  }
}

async function moveUnder(sdb: ScopedDb, ctx: RequestContext, row: repo.RegionRow, parent: repo.RegionRow): Promise<repo.RegionRow> {
  const newPath = `${parent.path}${row.id}/`;
  await repo.rewritePaths(sdb.db, row.path, newPath);
  await rewriteFollowerPaths(sdb.db, row.path, newPath);
  const moved = await repo.updateRegion(sdb, row.id, row.version, { parentId: parent.id });
  if (!moved) throw new AppError('REGION_VERSION_CONFLICT');
  await shiftCounters(sdb.db, row.id, row.path, newPath);
  await recordAudit(sdb.db, ctx, {
    action: 'region.move',
    entityType: 'region',
    entityId: row.id,
    regionPath: moved.path,
    before: auditSnapshot(row),
    after: auditSnapshot(moved),
  });
  return moved;
}

export async function moveRegion(db: Db, ctx: RequestContext, id: number, newParentId: number): Promise<RegionDetail> {
  assertPermission(ctx, 'regions.write');
  return db.transaction(async (tx) => {
    const sdb = scopeOf(tx, ctx);
    const row = await loadWritable(sdb, id, { structural: true });
    const parent = await loadWritable(sdb, newParentId);
    if (parent.level !== row.level - 1) throw new AppError('REGION_MOVE_INVALID', { reason: 'level' });
    if (parent.path.startsWith(row.path)) throw new AppError('REGION_MOVE_INVALID', { reason: 'cycle' });
    if (parent.id === row.parentId) throw new AppError('REGION_MOVE_INVALID', { reason: 'same parent' });
    if (row.boundary) {
      assertInsideParent(row.boundary as Boundary, parent);
      await assertNoSiblingOverlap(sdb, { key: String(row.id), name: row.name, boundary: row.boundary as Boundary }, parent.id, [row.id]);
    }
    const moved = await moveUnder(sdb, ctx, row, parent);
    await bumpBoundaryVersion(tx);
    invalidateLocateIndex(db);
    return detail(sdb, moved, ctx);
  });
}

/** Merges sibling grid `otherId` into grid `id`: children move over, boundaries unite, the other is archived. */
export async function mergeGrids(db: Db, ctx: RequestContext, id: number, otherId: number): Promise<RegionDetail> {
  assertPermission(ctx, 'regions.write');
  if (id === otherId) throw new AppError('REGION_MERGE_INVALID', { reason: 'same region' });
  return db.transaction(async (tx) => {
    const sdb = scopeOf(tx, ctx);
    const keep = await loadWritable(sdb, id, { structural: true });
    const gone = await loadWritable(sdb, otherId, { structural: true });
    if (keep.level !== 5 || gone.level !== 5) throw new AppError('REGION_MERGE_INVALID', { reason: 'grids only' });
    if (keep.parentId !== gone.parentId) throw new AppError('REGION_MERGE_INVALID', { reason: 'not siblings' });
    for (const child of await repo.listChildren(sdb, gone.id, true)) {
      const full = await repo.findById(sdb, child.id);
      if (full) await moveUnder(sdb, ctx, full, keep);
    }
    // Rows placed directly on the absorbed grid, and its own counters, follow it into the kept grid.
    await reassignFollowers(tx, gone.id, { id: keep.id, path: keep.path });
    const goneCounters = (await repo.countersOf(tx, [gone.id])).get(gone.id) ?? {};
    for (const [measure, value] of Object.entries(goneCounters)) {
      await repo.addToCounters(tx, [keep.id], measure, value);
      await repo.addToCounters(tx, [gone.id], measure, -value);
    }
    const union = keep.boundary && gone.boundary ? unionBoundaries([keep.boundary as Boundary, gone.boundary as Boundary]) : ((keep.boundary ?? gone.boundary) as Boundary | null);
    const kept = await repo.updateRegion(sdb, keep.id, keep.version, { ...boundaryColumns(union) });
    const archived = await repo.updateRegion(sdb, gone.id, gone.version, {
      archivedAt: new Date(),
      attributes: { ...(gone.attributes as object), mergedInto: keep.id },
    });
    if (!kept || !archived) throw new AppError('REGION_VERSION_CONFLICT');
    await recordAudit(tx, ctx, { action: 'region.merge', entityType: 'region', entityId: keep.id, regionPath: kept.path, before: auditSnapshot(keep), after: { ...auditSnapshot(kept), absorbed: gone.id } });
    await recordAudit(tx, ctx, { action: 'region.mergedInto', entityType: 'region', entityId: gone.id, regionPath: archived.path, before: auditSnapshot(gone), after: auditSnapshot(archived) });
    await bumpBoundaryVersion(tx);
    invalidateLocateIndex(db);
    return detail(sdb, kept, ctx);
  });
}

export type SplitInput = { line: LineString; names?: [string, string] } | { childIds: number[]; name: string };

/**
 * Splits a grid in two: by a drawn line (children go to the side holding their centroid) or by
 * naming the children that form the new grid (its boundary is their union).
 */
export async function splitGrid(db: Db, ctx: RequestContext, id: number, input: SplitInput): Promise<RegionDetail[]> {
  assertPermission(ctx, 'regions.write');
  const ids = await db.transaction(async (tx) => {
    const sdb = scopeOf(tx, ctx);
    const grid = await loadWritable(sdb, id, { structural: true });
    if (grid.level !== 5) throw new AppError('REGION_SPLIT_INVALID', { reason: 'grids only' });
    const children = await repo.listChildren(sdb, grid.id, false);
    // One query at a time: a transaction is one connection, and pg refuses overlapping queries on it.
    const fullChildren: repo.RegionRow[] = [];
    for (const c of children) {
      const full = await repo.findById(sdb, c.id);
      if (full) fullChildren.push(full);
    }
    let keepBoundary: Boundary | null;
    let newBoundary: Boundary | null;
    let moving: repo.RegionRow[];
    let newName: string;
    let keepName = grid.name;
    if ('line' in input) {
      if (!grid.boundary) throw new AppError('REGION_SPLIT_INVALID', { reason: 'no boundary' });
      let parts: Boundary[];
      try {
        parts = splitByLine(grid.boundary as Boundary, input.line);
      } catch (e) {
        if (e instanceof GeometryError) throw new AppError('REGION_SPLIT_INVALID', { reason: e.code === 'SPLIT_LINE_DOES_NOT_DIVIDE' ? 'line does not divide the grid' : e.code });
        throw e;
      }
      if (parts.length !== 2) throw new AppError('REGION_SPLIT_INVALID', { reason: parts.length < 2 ? 'line does not divide the grid' : `line cuts ${parts.length} pieces` });
      [keepBoundary, newBoundary] = parts;
      const side = new LocateIndex([{ id: 2, level: 5, boundary: newBoundary }]);
      moving = fullChildren.filter((c) => c.boundary && side.locateLevel(...centroidOf(c.boundary as Boundary), 5) === 2);
      newName = input.names?.[1]?.trim() || `${grid.name}（拆分）`;
      keepName = input.names?.[0]?.trim() || grid.name;
    } else {
      const wanted = new Set(input.childIds);
      moving = fullChildren.filter((c) => wanted.has(c.id));
      if (moving.length !== wanted.size) throw new AppError('REGION_SPLIT_INVALID', { reason: 'children must be active children of the grid' });
      if (moving.length === 0 || moving.length === fullChildren.length) throw new AppError('REGION_SPLIT_INVALID', { reason: 'choose some, not all, children' });
      const withB = moving.filter((c) => c.boundary).map((c) => c.boundary as Boundary);
      newBoundary = withB.length === moving.length ? unionBoundaries(withB) : null;
      keepBoundary = newBoundary && grid.boundary ? differenceOf(grid.boundary as Boundary, newBoundary) : (grid.boundary as Boundary | null);
      newName = input.name.trim();
      if (!newName) throw new AppError('VALIDATION_FAILED', { detail: 'name' });
    }
    const keys = keepName !== grid.name ? pinyinKeys(keepName) : null;
    const kept = await repo.updateRegion(sdb, grid.id, grid.version, {
      name: keepName,
      ...(keys ? { namePinyin: keys.full, nameInitials: keys.initials } : {}),
      ...boundaryColumns(keepBoundary),
    });
    if (!kept) throw new AppError('REGION_VERSION_CONFLICT');
    await recordAudit(tx, ctx, { action: 'region.split', entityType: 'region', entityId: grid.id, regionPath: kept.path, before: auditSnapshot(grid), after: auditSnapshot(kept) });
    // The new grid goes through the ordinary create path (code, checks, audit) in this transaction.
    const created = await insertChecked(tx, ctx, {
      parentId: grid.parentId,
      name: newName,
      kind: grid.kind,
      boundary: newBoundary,
      attributes: { ...(grid.attributes as object), splitFrom: grid.id },
    });
    for (const c of moving) {
      const fresh = await repo.findById(sdb, c.id);
      if (fresh) await moveUnder(sdb, ctx, fresh, created);
    }
    await bumpBoundaryVersion(tx);
    return [grid.id, created.id];
  });
  invalidateLocateIndex(db);
  const sdb = scopeOf(db, ctx);
  return Promise.all(ids.map(async (rid) => detail(sdb, (await repo.findById(sdb, rid))!, ctx)));
}
