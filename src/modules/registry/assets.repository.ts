// All queries of assets (部件). Reads filter by scope; codes are unique system-wide, so the code
// checks and the serial counter look everywhere.
import { keysIn } from '../../shared/sql-keys.ts';
import { and, asc, count, eq, gt, gte, inArray, isNull, like, lte, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { departments } from '../accounts/accounts.tables.ts';
import { regions } from '../regions/regions.tables.ts';
import { assets } from './places.tables.ts';

export type AssetRow = typeof assets.$inferSelect;
export type NewAssetRow = typeof assets.$inferInsert;
export type AssetListRow = AssetRow & { regionCode: string; regionName: string; regionLevel: number; departmentCode: string | null; departmentName: string | null };

export interface AssetFilters {
  regionPath?: string;
  category?: string;
  subcategory?: string;
  status?: string;
  departmentId?: number;
  bbox?: [number, number, number, number];
}

const select = (db: DbOrTx) =>
  db
    .select({ asset: assets, regionCode: regions.code, regionName: regions.name, regionLevel: regions.level, departmentCode: departments.code, departmentName: departments.name })
    .from(assets)
    .innerJoin(regions, eq(regions.id, assets.regionId))
    .leftJoin(departments, eq(departments.id, assets.departmentId));
type Joined = { asset: AssetRow; regionCode: string; regionName: string; regionLevel: number; departmentCode: string | null; departmentName: string | null };
const flat = ({ asset, ...rest }: Joined): AssetListRow => ({ ...asset, ...rest });

function where(sdb: ScopedDb, f: AssetFilters): SQL {
  const conds: SQL[] = [sdb.inScope(assets.regionPath), isNull(assets.archivedAt)];
  if (f.regionPath) conds.push(sql`${assets.regionPath} LIKE ${`${escapeLike(f.regionPath)}%`}`);
  if (f.category) conds.push(eq(assets.category, f.category));
  if (f.subcategory) conds.push(eq(assets.subcategory, f.subcategory));
  if (f.status) conds.push(eq(assets.status, f.status));
  if (f.departmentId) conds.push(eq(assets.departmentId, f.departmentId));
  if (f.bbox) {
    const [minLng, minLat, maxLng, maxLat] = f.bbox;
    conds.push(gte(assets.lng, minLng), lte(assets.lng, maxLng), gte(assets.lat, minLat), lte(assets.lat, maxLat));
  }
  return and(...conds)!;
}

export async function listAssets(sdb: ScopedDb, f: AssetFilters, limit: number, offset: number): Promise<{ rows: AssetListRow[]; total: number }> {
  const rows = await select(sdb.db).where(where(sdb, f)).orderBy(asc(assets.id)).limit(limit).offset(offset);
  const [{ n }] = await sdb.db.select({ n: count() }).from(assets).where(where(sdb, f));
  return { rows: rows.map(flat), total: Number(n) };
}

export async function pageAfter(sdb: ScopedDb, f: AssetFilters, afterId: number, limit: number): Promise<AssetListRow[]> {
  return (await select(sdb.db).where(and(where(sdb, f), gt(assets.id, afterId))).orderBy(asc(assets.id)).limit(limit)).map(flat);
}

export async function findAsset(sdb: ScopedDb, id: number): Promise<AssetListRow | undefined> {
  const [r] = await select(sdb.db).where(and(eq(assets.id, id), sdb.inScope(assets.regionPath)));
  return r ? flat(r) : undefined;
}

export async function unscopedAssetExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: assets.id }).from(assets).where(eq(assets.id, id));
  return !!r;
}

/** Unscoped: rows (archived included: a code is never reused) holding any of these codes. */
export async function byCodes(db: DbOrTx, codes: string[]): Promise<AssetRow[]> {
  if (codes.length === 0) return [];
  return db.select().from(assets).where(inArray(assets.code, codes));
}

/** Active assets by (category, subcategory, name, position): the key of rows imported without a code. */
export async function activeByShape(db: DbOrTx, keys: { category: string; subcategory: string; name: string; lng: number; lat: number }[]): Promise<AssetRow[]> {
  if (keys.length === 0) return [];
  return db
    .select()
    .from(assets)
    .where(
      and(
        isNull(assets.archivedAt),
        keysIn([sql`${assets.category}`, sql`${assets.subcategory}`, sql`${assets.name}`, sql`${assets.lng}`, sql`${assets.lat}`], ['text', 'text', 'text', 'float8', 'float8'], keys.map((k) => [k.category, k.subcategory, k.name, k.lng, k.lat])),
      ),
    );
}

/**
 * The highest serial used under a 10-digit prefix (county + category + subcategory), taken under a
 * transaction-scoped lock on the prefix so two writers cannot hand out the same number.
 */
export async function lockAndMaxSerial(db: DbOrTx, prefix: string): Promise<number> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(7340003, hashtext(${prefix}))`);
  const [r] = await db.select({ code: sql<string | null>`max(${assets.code})` }).from(assets).where(like(assets.code, `${prefix}%`));
  return r?.code ? Number(r.code.slice(10)) : 0;
}

export async function insertAssets(db: DbOrTx, rows: NewAssetRow[]): Promise<AssetRow[]> {
  if (rows.length === 0) return [];
  return db.insert(assets).values(rows).returning();
}

export async function updateAsset(db: DbOrTx, id: number, version: number, patch: Partial<NewAssetRow>): Promise<AssetRow | null> {
  const [r] = await db
    .update(assets)
    .set({ ...patch, version: sql`${assets.version} + 1`, updatedAt: new Date() })
    .where(and(eq(assets.id, id), eq(assets.version, version)))
    .returning();
  return r ?? null;
}
