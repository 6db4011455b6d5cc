// Rows of other modules that are placed in the tree (residents, buildings, places …) keep a copy
// of their region's materialized path for one-prefix scope checks. When a subtree moves (move,
// merge, split) those copies must move with it in the same transaction, or scope and counters
// would point at the old place. Modules register such tables here; regions stays ignorant of them.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike } from '../../shared/scoped.ts';

/** A table's pair of columns holding a region id and that region's path copy. */
export interface FollowerColumns {
  table: string;
  idColumn: string;
  pathColumn: string;
}

const followers = new Map<string, FollowerColumns>();

/**
 * Registers tables whose `region_id` / `region_path` follow their region; a table with another
 * pair (e.g. a case's desk region) registers it as FollowerColumns.
 */
export function registerRegionFollower(...tables: (string | FollowerColumns)[]): void {
  for (const t of tables) {
    const f = typeof t === 'string' ? { table: t, idColumn: 'region_id', pathColumn: 'region_path' } : t;
    followers.set(`${f.table}.${f.pathColumn}`, f);
  }
}

/** A subtree's path prefix changed: rewrite every follower row under it. */
export async function rewriteFollowerPaths(db: DbOrTx, oldPrefix: string, newPrefix: string): Promise<void> {
  for (const { table, pathColumn } of followers.values()) {
    const p = sql.identifier(pathColumn);
    await db.execute(
      sql`UPDATE ${sql.identifier(table)} SET ${p} = ${newPrefix} || substr(${p}, ${oldPrefix.length + 1}) WHERE ${p} LIKE ${`${escapeLike(oldPrefix)}%`}`,
    );
  }
}

/** Rows placed directly on a region that is absorbed (merge) move to the region that absorbs it. */
export async function reassignFollowers(db: DbOrTx, from: number, to: { id: number; path: string }): Promise<void> {
  for (const { table, idColumn, pathColumn } of followers.values()) {
    await db.execute(sql`UPDATE ${sql.identifier(table)} SET ${sql.identifier(idColumn)} = ${to.id}, ${sql.identifier(pathColumn)} = ${to.path} WHERE ${sql.identifier(idColumn)} = ${from}`);
  }
}
