// Queries of the care-group list (特殊人群类别). City-wide configuration: not region-bound, so no
// scope filter; who may change it is decided in the service.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { careGroups } from './people.tables.ts';

export type CareGroupRow = typeof careGroups.$inferSelect;

export async function listCareGroups(db: DbOrTx): Promise<CareGroupRow[]> {
  return db.select().from(careGroups).orderBy(asc(careGroups.sort), asc(careGroups.code));
}

export async function findCareGroup(db: DbOrTx, code: string): Promise<CareGroupRow | undefined> {
  const [r] = await db.select().from(careGroups).where(eq(careGroups.code, code));
  return r;
}

/** Inserts unless the code exists; false when it did. */
export async function insertCareGroup(db: DbOrTx, row: typeof careGroups.$inferInsert): Promise<boolean> {
  const res = await db.insert(careGroups).values(row).onConflictDoNothing().returning({ code: careGroups.code });
  return res.length > 0;
}

export async function updateCareGroup(db: DbOrTx, code: string, patch: Partial<typeof careGroups.$inferInsert>): Promise<CareGroupRow | undefined> {
  const [r] = await db.update(careGroups).set(patch).where(eq(careGroups.code, code)).returning();
  return r;
}
