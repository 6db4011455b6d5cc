// Code → id lookups for the loader, through the regions module's public surface.
import type { Db } from '../db/engine.ts';
import { findRegionByCodeSystem } from '../modules/regions/index.ts';

export async function findRegionIdsByCode(db: Db, codes: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const c of new Set(codes)) {
    const row = await findRegionByCodeSystem(db, c);
    if (row) out.set(c, row.id);
  }
  return out;
}
