// Locate: which micro-grid / grid / community contains a point. Served from an in-memory index
// built from all boundaries. Any process that changes a boundary bumps a version in the database,
// so other API processes rebuild too (checked at most once a second).
import type { Db, DbOrTx } from '../../db/engine.ts';
import { getSetting, putSetting } from '../settings/index.ts';
import { LocateIndex } from './locate-index.ts';
import type { Boundary } from './regions.model.ts';
import * as repo from './regions.repository.ts';

const VERSION_KEY = 'regions.boundaryVersion';
const CHECK_EVERY_MS = 1000;

interface Cached {
  index: LocateIndex;
  version: number;
  checkedAt: number;
  building?: Promise<LocateIndex>;
}
const cache = new WeakMap<object, Cached>();

/** Call inside the transaction that changes any boundary or archives a region. */
export async function bumpBoundaryVersion(tx: DbOrTx): Promise<void> {
  const v = (await getSetting<number>(tx, VERSION_KEY)) ?? 0;
  await putSetting(tx, VERSION_KEY, v + 1);
}

async function build(db: Db): Promise<LocateIndex> {
  // Communities and below: the levels a point is located to.
  const rows = await repo.unscopedBoundaries(db, 4);
  return new LocateIndex(rows.map((r) => ({ id: r.id, level: r.level, boundary: r.boundary as Boundary })));
}

export async function locateIndexFor(db: Db): Promise<LocateIndex> {
  const now = Date.now();
  let c = cache.get(db);
  if (c && now - c.checkedAt < CHECK_EVERY_MS) return c.index;
  const version = (await getSetting<number>(db, VERSION_KEY)) ?? 0;
  if (c && c.version === version) {
    c.checkedAt = now;
    return c.index;
  }
  const index = await build(db);
  c = { index, version, checkedAt: now };
  cache.set(db, c);
  return index;
}

/** Forget the in-process index now (after a local boundary change). */
export function invalidateLocateIndex(db: Db): void {
  cache.delete(db);
}
