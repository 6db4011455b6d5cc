// Rows of other modules that are placed in the tree (residents, buildings, places …) keep a copy
// of their region's materialized path for one-prefix scope checks. When a subtree moves (move,
// merge, split) those copies must move with it in the same transaction, or scope and counters
// would point at the old place. Modules register such tables here; regions stays ignorant of them.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike } from '../../shared/scoped.ts';

/** Tables with `region_id` and `region_path` columns that follow their region. */
const followers = new Set<string>();

export function registerRegionFollower(...tables: string[]): void {
  for (const t of tables) followers.add(t);
}

/** A subtree's path prefix changed: rewrite every follower row under it. */
export async function rewriteFollowerPaths(db: DbOrTx, oldPrefix: string, newPrefix: string): Promise<void> {
  for (const t of followers) {
    await db.execute(
      sql`UPDATE ${sql.identifier(t)} SET region_path = ${newPrefix} || substr(region_path, ${oldPrefix.length + 1}) WHERE region_path LIKE ${`${escapeLike(oldPrefix)}%`}`,
    );
  }
}

/** Rows placed directly on a region that is absorbed (merge) move to the region that absorbs it. */
export async function reassignFollowers(db: DbOrTx, from: number, to: { id: number; path: string }): Promise<void> {
  for (const t of followers) {
    await db.execute(sql`UPDATE ${sql.identifier(t)} SET region_id = ${to.id}, region_path = ${to.path} WHERE region_id = ${from}`);
  }
}
