// Queries of the case category catalogue (a few dozen rows, system-wide: not region-bound) and
// the department lookups its defaults resolve through.
import { and, asc, eq, inArray, isNull, notLike, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike } from '../../shared/scoped.ts';
import { departments } from '../accounts/accounts.tables.ts';
import { regions } from '../regions/regions.tables.ts';
import { caseCategories } from './cases.tables.ts';

export type CategoryRow = typeof caseCategories.$inferSelect;
export type NewCategoryRow = typeof caseCategories.$inferInsert;

export async function listCategories(db: DbOrTx): Promise<CategoryRow[]> {
  return db.select().from(caseCategories).orderBy(asc(caseCategories.sortOrder), asc(caseCategories.code));
}

export async function findCategory(db: DbOrTx, id: number): Promise<CategoryRow | undefined> {
  const [r] = await db.select().from(caseCategories).where(eq(caseCategories.id, id));
  return r;
}

export async function findCategoryByCode(db: DbOrTx, code: string): Promise<CategoryRow | undefined> {
  const [r] = await db.select().from(caseCategories).where(eq(caseCategories.code, code));
  return r;
}

/** Categories by id together with their parents (for names like 市容环境 / 暴露垃圾). */
export async function categoriesWithParents(db: DbOrTx, ids: readonly number[]): Promise<CategoryRow[]> {
  if (ids.length === 0) return [];
  const own = await db.select().from(caseCategories).where(inArray(caseCategories.id, [...ids]));
  const parentCodes = [...new Set(own.map((c) => c.parentCode).filter((c): c is string => !!c))];
  const parents = parentCodes.length ? await db.select().from(caseCategories).where(inArray(caseCategories.code, parentCodes)) : [];
  return [...own, ...parents];
}

/** Ids of a category and, for a top-level one, its subcategories (list filters). */
export async function categoryFamilyIds(db: DbOrTx, id: number): Promise<number[]> {
  const rows = await db
    .select({ id: caseCategories.id })
    .from(caseCategories)
    .where(or(eq(caseCategories.id, id), sql`${caseCategories.parentCode} = (SELECT code FROM case_categories WHERE id = ${id} AND parent_code IS NULL)`));
  return rows.map((r) => r.id);
}

export async function insertCategory(db: DbOrTx, row: NewCategoryRow): Promise<CategoryRow> {
  const [r] = await db.insert(caseCategories).values(row).returning();
  return r;
}

export async function updateCategory(db: DbOrTx, id: number, set: Partial<NewCategoryRow>): Promise<CategoryRow> {
  const [r] = await db
    .update(caseCategories)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(caseCategories.id, id))
    .returning();
  return r;
}

/**
 * Departments whose code ends with one of the suffixes (`445302-CGJ` → CGJ) and whose service area
 * contains the path, nearest service area first: "the CGJ serving this case's district".
 */
export async function departmentsServing(db: DbOrTx, path: string, suffixes: readonly string[]): Promise<{ id: number; code: string; name: string; suffix: string }[]> {
  if (suffixes.length === 0) return [];
  const rows = await db
    .select({ id: departments.id, code: departments.code, name: departments.name, areaPath: regions.path })
    .from(departments)
    .innerJoin(regions, eq(regions.id, departments.serviceAreaId))
    .where(and(sql`split_part(${departments.code}, '-', 2) IN (${sql.join(suffixes.map((x) => sql`${x}`), sql`, `)})`, sql`${path} LIKE ${regions.path} || '%'`))
    .orderBy(sql`length(${regions.path}) DESC`, asc(departments.id));
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, suffix: r.code.slice(r.code.lastIndexOf('-') + 1) }));
}

/** Active region roots (cities) outside a scope path: editing the one catalogue needs none. */
export async function rootsOutside(db: DbOrTx, scopePath: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(regions)
    .where(and(isNull(regions.parentId), isNull(regions.archivedAt), notLike(regions.path, `${escapeLike(scopePath)}%`)));
  return Number(r?.n ?? 0);
}
