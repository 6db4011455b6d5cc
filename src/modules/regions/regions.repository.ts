// All queries of the regions module. Every read goes through a ScopedDb; the few unscoped
// functions are named so and used only where the scope cannot apply (telling 403 from 404,
// building the global locate index, system start-up).
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { regionCounters, regions } from './regions.tables.ts';

export type RegionRow = typeof regions.$inferSelect;
export type NewRegionRow = typeof regions.$inferInsert;
export type RegionListRow = Omit<RegionRow, 'boundary'> & { childCount: number };

// Qualified by hand: drizzle leaves single-table columns unqualified, which inside this subquery
// would bind to the inner alias.
const activeChildCount = sql<number>`(SELECT count(*)::int FROM regions c WHERE c.parent_id = "regions"."id" AND c.archived_at IS NULL)`;
// List views never carry boundaries: they are the heavy part of a row.
const listColumns = {
  id: regions.id,
  code: regions.code,
  name: regions.name,
  level: regions.level,
  kind: regions.kind,
  parentId: regions.parentId,
  path: regions.path,
  namePinyin: regions.namePinyin,
  nameInitials: regions.nameInitials,
  minLng: regions.minLng,
  minLat: regions.minLat,
  maxLng: regions.maxLng,
  maxLat: regions.maxLat,
  attributes: regions.attributes,
  version: regions.version,
  createdAt: regions.createdAt,
  updatedAt: regions.updatedAt,
  archivedAt: regions.archivedAt,
  childCount: activeChildCount,
};

export async function findById(sdb: ScopedDb, id: number): Promise<RegionRow | null> {
  const [row] = await sdb.db.select().from(regions).where(and(eq(regions.id, id), sdb.inScope(regions.path)));
  return row ?? null;
}

export async function findByCode(sdb: ScopedDb, code: string): Promise<RegionRow | null> {
  const [row] = await sdb.db.select().from(regions).where(and(eq(regions.code, code), sdb.inScope(regions.path)));
  return row ?? null;
}

export async function findManyByCode(sdb: ScopedDb, codes: string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  const out: RegionRow[] = [];
  for (let i = 0; i < codes.length; i += 5000) {
    out.push(...(await sdb.db.select().from(regions).where(and(inArray(regions.code, codes.slice(i, i + 5000)), sdb.inScope(regions.path)))));
  }
  return out;
}

/** Ids and paths only (no boundaries): what counter updates need. */
export async function findPathsByCode(sdb: ScopedDb, codes: string[]): Promise<{ id: number; code: string; path: string }[]> {
  const out: { id: number; code: string; path: string }[] = [];
  for (let i = 0; i < codes.length; i += 5000) {
    out.push(
      ...(await sdb.db
        .select({ id: regions.id, code: regions.code, path: regions.path })
        .from(regions)
        .where(and(inArray(regions.code, codes.slice(i, i + 5000)), sdb.inScope(regions.path)))),
    );
  }
  return out;
}

/** Light rows (no boundaries) by code, in scope: what bulk imports need to place their rows. */
export async function findPlacementsByCode(sdb: ScopedDb, codes: string[]): Promise<RegionPlacementRow[]> {
  const out: RegionPlacementRow[] = [];
  for (let i = 0; i < codes.length; i += 5000) {
    out.push(
      ...(await sdb.db
        .select({ id: regions.id, code: regions.code, name: regions.name, level: regions.level, path: regions.path, archivedAt: regions.archivedAt })
        .from(regions)
        .where(and(inArray(regions.code, codes.slice(i, i + 5000)), sdb.inScope(regions.path)))),
    );
  }
  return out;
}
export type RegionPlacementRow = { id: number; code: string; name: string; level: number; path: string; archivedAt: Date | null };

/** Unscoped: only to answer "outside your scope" (403) rather than "no such region" (404). */
export async function unscopedExists(db: DbOrTx, id: number): Promise<boolean> {
  const [row] = await db.select({ id: regions.id }).from(regions).where(eq(regions.id, id));
  return !!row;
}

/** Unscoped: codes are unique system-wide, so uniqueness must look everywhere. */
export async function unscopedCodesTaken(db: DbOrTx, codes: string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < codes.length; i += 5000) {
    const rows = await db.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes.slice(i, i + 5000)));
    rows.forEach((r) => taken.add(r.code));
  }
  return taken;
}

export async function listByIds(sdb: ScopedDb, ids: number[]): Promise<RegionListRow[]> {
  if (ids.length === 0) return [];
  return sdb.db.select(listColumns).from(regions).where(and(inArray(regions.id, ids), sdb.inScope(regions.path))).orderBy(asc(regions.level));
}

export async function listChildren(sdb: ScopedDb, parentId: number, includeArchived: boolean): Promise<RegionListRow[]> {
  const conds: SQL[] = [eq(regions.parentId, parentId), sdb.inScope(regions.path)];
  if (!includeArchived) conds.push(isNull(regions.archivedAt));
  return sdb.db.select(listColumns).from(regions).where(and(...conds)).orderBy(asc(regions.code));
}

/** The tops of the caller's scope: their scope region, or every city for the whole system. */
export async function listRoots(sdb: ScopedDb): Promise<RegionListRow[]> {
  const where = sdb.scope.regionId === null ? and(isNull(regions.parentId), isNull(regions.archivedAt)) : eq(regions.id, sdb.scope.regionId);
  return sdb.db.select(listColumns).from(regions).where(and(where, sdb.inScope(regions.path))).orderBy(asc(regions.code));
}

export async function search(sdb: ScopedDb, q: string, level: number | undefined, limit: number): Promise<RegionListRow[]> {
  const like = `%${escapeLike(q)}%`;
  const prefix = `${escapeLike(q.toLowerCase())}%`;
  let match: SQL;
  if (/^\d+$/.test(q)) match = sql`${regions.code} LIKE ${`${escapeLike(q)}%`}`;
  else if (/^[a-z]+$/i.test(q)) {
    match = sql`(${regions.nameInitials} LIKE ${prefix} OR ${regions.namePinyin} LIKE ${prefix} OR ${regions.name} ILIKE ${like})`;
  } else match = sql`${regions.name} ILIKE ${like}`;
  const conds: SQL[] = [match, sdb.inScope(regions.path), isNull(regions.archivedAt)];
  if (level) conds.push(eq(regions.level, level));
  return sdb.db
    .select(listColumns)
    .from(regions)
    .where(and(...conds))
    .orderBy(asc(regions.level), sql`length(${regions.name})`, asc(regions.code))
    .limit(limit);
}

/** Regions strictly below `root` down to `maxLevel`, with boundaries, for maps and exports. */
export async function listSubtree(sdb: ScopedDb, rootPath: string, maxLevel: number, includeRoot = false): Promise<RegionRow[]> {
  const conds: SQL[] = [
    sql`${regions.path} LIKE ${`${escapeLike(rootPath)}%`}`,
    sql`${regions.level} <= ${maxLevel}`,
    isNull(regions.archivedAt),
    sdb.inScope(regions.path),
  ];
  if (!includeRoot) conds.push(sql`${regions.path} <> ${rootPath}`);
  return sdb.db.select().from(regions).where(and(...conds)).orderBy(asc(regions.level), asc(regions.code));
}

export async function countActiveChildren(sdb: ScopedDb, id: number): Promise<number> {
  const [r] = await sdb.db
    .select({ n: sql<number>`count(*)::int` })
    .from(regions)
    .where(and(eq(regions.parentId, id), isNull(regions.archivedAt), sdb.inScope(regions.path)));
  return r.n;
}

export async function siblingsWithBoundary(sdb: ScopedDb, parentId: number | null, excludeIds: number[]): Promise<RegionRow[]> {
  const conds: SQL[] = [parentId === null ? isNull(regions.parentId) : eq(regions.parentId, parentId), isNull(regions.archivedAt), sql`${regions.boundary} IS NOT NULL`];
  if (excludeIds.length) conds.push(sql`${regions.id} NOT IN (${sql.join(excludeIds.map((i) => sql`${i}`), sql`, `)})`);
  return sdb.db.select().from(regions).where(and(...conds, sdb.inScope(regions.path)));
}

export async function insertRegion(db: DbOrTx, row: Omit<NewRegionRow, 'path'> & { parentPath: string | null }): Promise<RegionRow> {
  const { parentPath, ...values } = row;
  // The path needs the new id: insert with a placeholder, then set it, inside the caller's transaction.
  const [inserted] = await db.insert(regions).values({ ...values, path: '' }).returning({ id: regions.id });
  const path = `${parentPath ?? '/'}${inserted.id}/`;
  const [full] = await db.update(regions).set({ path }).where(eq(regions.id, inserted.id)).returning();
  return full;
}

/** Bulk insert for imports: ids are drawn from the sequence first so paths are written once. */
export async function insertRegionsBulk(db: DbOrTx, rows: (NewRegionRow & { id: number })[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(regions).values(rows.slice(i, i + 500));
}

export async function reserveIds(db: DbOrTx, n: number): Promise<number[]> {
  if (n === 0) return [];
  // Both drivers answer execute() with { rows }, though their declared types differ.
  const res = (await db.execute(sql`SELECT nextval('regions_id_seq')::int AS id FROM generate_series(1, ${n})`)) as unknown as { rows: { id: number }[] };
  return res.rows.map((r) => r.id);
}

export async function updateRegion(sdb: ScopedDb, id: number, version: number, patch: Partial<NewRegionRow>): Promise<RegionRow | null> {
  const [row] = await sdb.db
    .update(regions)
    .set({ ...patch, version: sql`${regions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(regions.id, id), eq(regions.version, version), sdb.inScope(regions.path)))
    .returning();
  return row ?? null;
}

/** Rewrites the path prefix of a whole subtree (move). */
export async function rewritePaths(db: DbOrTx, oldPrefix: string, newPrefix: string): Promise<number> {
  const res = await db
    .update(regions)
    .set({ path: sql`${newPrefix} || substr(${regions.path}, ${oldPrefix.length + 1})`, updatedAt: new Date() })
    .where(sql`${regions.path} LIKE ${`${escapeLike(oldPrefix)}%`}`)
    .returning({ id: regions.id });
  return res.length;
}

export async function countersOf(db: DbOrTx, ids: number[]): Promise<Map<number, Record<string, number>>> {
  const out = new Map<number, Record<string, number>>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db.select().from(regionCounters).where(inArray(regionCounters.regionId, ids.slice(i, i + 5000)));
    for (const r of rows) {
      const m = out.get(r.regionId) ?? {};
      m[r.measure] = r.value;
      out.set(r.regionId, m);
    }
  }
  return out;
}

/** Adds `delta` to a measure on every listed region (a leaf and its ancestors), creating rows as needed. */
export async function addToCounters(db: DbOrTx, regionIds: number[], measure: string, delta: number): Promise<void> {
  if (regionIds.length === 0 || delta === 0) return;
  await db
    .insert(regionCounters)
    .values(regionIds.map((regionId) => ({ regionId, measure, value: delta })))
    .onConflictDoUpdate({
      target: [regionCounters.regionId, regionCounters.measure],
      set: { value: sql`${regionCounters.value} + ${delta}` },
    });
}

/** Unscoped: the locate index covers the whole tree; answers are filtered by scope afterwards. */
export async function unscopedBoundaries(db: DbOrTx, minLevel: number): Promise<Pick<RegionRow, 'id' | 'level' | 'boundary'>[]> {
  return db
    .select({ id: regions.id, level: regions.level, boundary: regions.boundary })
    .from(regions)
    .where(and(sql`${regions.level} >= ${minLevel}`, isNull(regions.archivedAt), sql`${regions.boundary} IS NOT NULL`));
}

export async function unscopedCount(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(regions);
  return r.n;
}

/** Adds many deltas at once (bulk loads): one multi-row upsert per 1,000 (region, measure) pairs. */
export async function addToCountersBulk(db: DbOrTx, deltas: { regionId: number; measure: string; value: number }[]): Promise<void> {
  if (deltas.length === 0) return;
  // Three arrays, one statement: a bulk import applies hundreds of deltas per batch, and building
  // a multi-row INSERT through the query builder cost more Node time than the database spent on it.
  await db.execute(sql`
    INSERT INTO region_counters (region_id, measure, value)
    SELECT * FROM unnest(${sql.param(deltas.map((d) => d.regionId))}::int[], ${sql.param(deltas.map((d) => d.measure))}::text[], ${sql.param(deltas.map((d) => d.value))}::bigint[])
    ON CONFLICT (region_id, measure) DO UPDATE SET value = region_counters.value + excluded.value`);
}
