// Creating and editing single regions: create, update (rename, kind, boundary, attributes),
// archive and restore. Every change is audited in the same transaction.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { putSetting } from '../settings/index.ts';
import { bboxOf } from './geometry.ts';
import { checkRegionCode, childCode } from './codes.ts';
import { detail, loadInScope, loadWritable, scopeOf, sizeRulesKey } from './regions.access.ts';
import { assertChildrenInside, assertInsideParent, assertNoSiblingOverlap, assertValidBoundary } from './regions.geo-checks.ts';
import { bumpBoundaryVersion, invalidateLocateIndex } from './regions.locate.ts';
import { levelName, REGION_KINDS, type Boundary, type RegionLevel } from './regions.model.ts';
import { auditSnapshot, pathIds, type RegionDetail } from './regions.presenter.ts';
import * as repo from './regions.repository.ts';
import { pinyinKeys } from './pinyin.ts';
import type { SizeRules } from './size-rules.ts';

export interface CreateRegionInput {
  parentId: number | null;
  name: string;
  kind?: string;
  code?: string;
  boundary?: Boundary | null;
  attributes?: Record<string, unknown>;
}

export function assertKind(level: RegionLevel, kind: string): void {
  if (!REGION_KINDS[level].includes(kind)) throw new AppError('REGION_KIND_INVALID', { kind, level: levelName(level) });
}

export function boundaryColumns(b: Boundary | null | undefined) {
  if (!b) return { boundary: null, minLng: null, minLat: null, maxLng: null, maxLat: null };
  const [minLng, minLat, maxLng, maxLat] = bboxOf(b);
  return { boundary: b, minLng, minLat, maxLng, maxLat };
}

/** The lowest free child code under a parent. */
async function nextChildCode(db: DbOrTx, level: RegionLevel, parentCode: string, kind: string): Promise<string> {
  for (let seq = 1; ; seq += 20) {
    const candidates = Array.from({ length: 20 }, (_, i) => childCode(level, parentCode, kind, seq + i)).filter((c): c is string => !!c);
    if (candidates.length === 0) throw new AppError('REGION_CODE_INVALID', { code: '-', level: levelName(level), rule: 'sequence exhausted' });
    const taken = await repo.unscopedCodesTaken(db, candidates);
    const free = candidates.find((c) => !taken.has(c));
    if (free) return free;
  }
}

export async function createRegion(db: Db, ctx: RequestContext, input: CreateRegionInput): Promise<RegionDetail> {
  assertPermission(ctx, 'regions.write');
  const row = await db.transaction((tx) => insertChecked(tx, ctx, input));
  invalidateLocateIndex(db);
  return detail(scopeOf(db, ctx), row, ctx);
}

/** Creates one region inside the caller's transaction, with every check and the audit row. */
export async function insertChecked(tx: DbOrTx, ctx: RequestContext, input: CreateRegionInput): Promise<repo.RegionRow> {
  const name = input.name.trim();
  if (!name) throw new AppError('VALIDATION_FAILED', { detail: 'name' });
  {
    const sdb = scopeOf(tx, ctx);
    let parent: repo.RegionRow | null = null;
    if (input.parentId === null) {
      // A new city root is a system administrator's act.
      if (ctx.actor.scope.path !== '/') throw new AppError('SCOPE_DENIED');
    } else parent = await loadWritable(sdb, input.parentId);
    const level = (parent ? parent.level + 1 : 1) as RegionLevel;
    if (level > 6) throw new AppError('REGION_LEVEL_INVALID', { child: '-', parent: levelName(6) });
    const kind = input.kind ?? REGION_KINDS[level][0];
    assertKind(level, kind);
    let code = input.code?.trim();
    if (code) {
      const broken = checkRegionCode(level, code, parent?.code ?? null);
      if (broken) throw new AppError('REGION_CODE_INVALID', { code, level: levelName(level), rule: broken });
      if ((await repo.unscopedCodesTaken(tx, [code])).size) throw new AppError('REGION_CODE_TAKEN', { code });
    } else {
      if (!parent) throw new AppError('REGION_CODE_INVALID', { code: '', level: levelName(1), rule: 'required' });
      code = await nextChildCode(tx, level, parent.code, kind);
    }
    if (input.boundary) {
      assertValidBoundary(input.boundary);
      assertInsideParent(input.boundary, parent);
      await assertNoSiblingOverlap(sdb, { key: 'new', name, boundary: input.boundary }, parent?.id ?? null, []);
    }
    const keys = pinyinKeys(name);
    const row = await repo.insertRegion(tx, {
      code,
      name,
      level,
      kind,
      parentId: parent?.id ?? null,
      parentPath: parent?.path ?? null,
      namePinyin: keys.full,
      nameInitials: keys.initials,
      attributes: input.attributes ?? {},
      ...boundaryColumns(input.boundary),
    });
    if (input.boundary) await bumpBoundaryVersion(tx);
    await recordAudit(tx, ctx, { action: 'region.create', entityType: 'region', entityId: row.id, regionPath: row.path, after: auditSnapshot(row) });
    return row;
  }
}

export interface UpdateRegionInput {
  version: number;
  name?: string;
  kind?: string;
  boundary?: Boundary | null;
  attributes?: Record<string, unknown>;
}

export async function updateRegion(db: Db, ctx: RequestContext, id: number, input: UpdateRegionInput): Promise<RegionDetail> {
  assertPermission(ctx, 'regions.write');
  return db.transaction(async (tx) => {
    const sdb = scopeOf(tx, ctx);
    const before = await loadWritable(sdb, id);
    const patch: Partial<repo.NewRegionRow> = {};
    if (input.name !== undefined) {
      const name = input.name.trim();
      if (!name) throw new AppError('VALIDATION_FAILED', { detail: 'name' });
      const keys = pinyinKeys(name);
      Object.assign(patch, { name, namePinyin: keys.full, nameInitials: keys.initials });
    }
    if (input.kind !== undefined) {
      assertKind(before.level as RegionLevel, input.kind);
      patch.kind = input.kind;
    }
    if (input.attributes !== undefined) patch.attributes = input.attributes;
    if (input.boundary !== undefined) {
      if (input.boundary) {
        assertValidBoundary(input.boundary);
        const parent = before.parentId ? await repo.findById(sdb, before.parentId) : null;
        assertInsideParent(input.boundary, parent);
        await assertNoSiblingOverlap(sdb, { key: String(id), name: before.name, boundary: input.boundary }, before.parentId, [id]);
        await assertChildrenInside(sdb, id, input.boundary, before.name);
      }
      Object.assign(patch, boundaryColumns(input.boundary));
      await bumpBoundaryVersion(tx);
    }
    const after = await repo.updateRegion(sdb, id, input.version, patch);
    if (!after) throw new AppError('REGION_VERSION_CONFLICT');
    await recordAudit(tx, ctx, {
      action: 'region.update',
      entityType: 'region',
      entityId: id,
      regionPath: after.path,
      before: auditSnapshot(before),
      after: auditSnapshot(after),
    });
    invalidateLocateIndex(db);
    return detail(sdb, after, ctx);
  });
}

/** Regions are never hard-deleted: archiving hides a region and keeps its history. */
export async function archiveRegion(db: Db, ctx: RequestContext, id: number): Promise<RegionDetail> {
  assertPermission(ctx, 'regions.write');
  return db.transaction(async (tx) => {
    const sdb = scopeOf(tx, ctx);
    const before = await loadWritable(sdb, id, { structural: true });
    const active = await repo.countActiveChildren(sdb, id);
    if (active > 0) throw new AppError('REGION_HAS_CHILDREN', { count: active });
    const after = await repo.updateRegion(sdb, id, before.version, { archivedAt: new Date() });
    if (!after) throw new AppError('REGION_VERSION_CONFLICT');
    await bumpBoundaryVersion(tx);
    await recordAudit(tx, ctx, { action: 'region.archive', entityType: 'region', entityId: id, regionPath: after.path, before: auditSnapshot(before), after: auditSnapshot(after) });
    invalidateLocateIndex(db);
    return detail(sdb, after, ctx);
  });
}

export async function restoreRegion(db: Db, ctx: RequestContext, id: number): Promise<RegionDetail> {
  assertPermission(ctx, 'regions.write');
  return db.transaction(async (tx) => {
    const sdb = scopeOf(tx, ctx);
    const before = await loadInScope(sdb, id);
    if (!before.archivedAt) return detail(sdb, before, ctx);
    if (before.parentId) {
      const parent = await loadInScope(sdb, before.parentId).catch(() => null);
      if (!parent || parent.archivedAt) throw new AppError('REGION_ARCHIVED');
    }
    if (before.boundary) {
      await assertNoSiblingOverlap(sdb, { key: String(id), name: before.name, boundary: before.boundary as Boundary }, before.parentId, [id]);
    }
    const after = await repo.updateRegion(sdb, id, before.version, { archivedAt: null });
    if (!after) throw new AppError('REGION_VERSION_CONFLICT');
    await bumpBoundaryVersion(tx);
    await recordAudit(tx, ctx, { action: 'region.restore', entityType: 'region', entityId: id, regionPath: after.path, before: auditSnapshot(before), after: auditSnapshot(after) });
    invalidateLocateIndex(db);
    return detail(sdb, after, ctx);
  });
}

/** Size rules for the city containing `regionId` (or the system default when null). */
export async function setSizeRules(db: Db, ctx: RequestContext, regionId: number | null, rules: SizeRules): Promise<void> {
  assertPermission(ctx, 'settings.write');
  await db.transaction(async (tx) => {
    let cityId: number | null = null;
    if (regionId !== null) {
      const row = await loadInScope(scopeOf(tx, ctx), regionId);
      cityId = pathIds(row.path)[0];
      // The rules apply to the whole city: only someone whose scope covers the city may set them.
      if (!`/${cityId}/`.startsWith(ctx.actor.scope.path)) throw new AppError('SCOPE_DENIED');
    } else if (ctx.actor.scope.path !== '/') throw new AppError('SCOPE_DENIED');
    await putSetting(tx, sizeRulesKey(cityId), rules);
    await recordAudit(tx, ctx, { action: 'settings.sizeRules', entityType: 'settings', entityId: sizeRulesKey(cityId), regionPath: cityId ? `/${cityId}/` : null, after: rules });
  });
}

/** Adds a delta to a measure on a region and all its ancestors (called by modules that own the counts). */
export async function adjustCounter(sdb: ScopedDb, regionId: number, measure: string, delta: number): Promise<void> {
  const row = await loadInScope(sdb, regionId);
  await repo.addToCounters(sdb.db, pathIds(row.path), measure, delta);
}

/**
 * Applies counter deltas recorded at leaves (by the leaf's path) to each leaf and all its
 * ancestors, summed first so a batch of thousands of rows costs one upsert per region × measure.
 * Runs in the caller's transaction: counters move with the rows they count.
 */
export async function applyCounterDeltas(tx: DbOrTx, deltas: Iterable<{ path: string; measure: string; value: number }>): Promise<void> {
  const sums = new Map<string, { regionId: number; measure: string; value: number }>();
  for (const d of deltas) {
    if (d.value === 0) continue;
    for (const regionId of pathIds(d.path)) {
      const k = `${regionId}:${d.measure}`;
      const cur = sums.get(k);
      if (cur) cur.value += d.value;
      else sums.set(k, { regionId, measure: d.measure, value: d.value });
    }
  }
  await repo.addToCountersBulk(tx, [...sums.values()].filter((s) => s.value !== 0));
}
