// Scope by construction: repositories receive a ScopedDb, never a bare handle plus a scope they
// might forget. Every region-bound query filters through `inScope`, which is the only way to get
// at the handle's region condition.
import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import type { DbOrTx } from '../db/engine.ts';
import type { Scope } from './context.ts';

export interface ScopedDb {
  readonly db: DbOrTx;
  readonly scope: Scope;
  /** SQL condition: the row's region path lies in the scope's subtree. */
  inScope(pathColumn: AnyColumn | SQL): SQL;
  /** Is a region path (already loaded) inside the scope? */
  covers(path: string): boolean;
  /** Same scope on another handle (a transaction). */
  with(tx: DbOrTx): ScopedDb;
}

export function scoped(db: DbOrTx, scope: Scope): ScopedDb {
  return {
    db,
    scope,
    inScope: (col) => (scope.path === '/' ? sql`true` : sql`${col} LIKE ${escapeLike(scope.path) + '%'}`),
    covers: (path) => path.startsWith(scope.path),
    with: (tx) => scoped(tx, scope),
  };
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
