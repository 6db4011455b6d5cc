// Subtree listing latency under the street with the most grids: the service calls a street
// page makes (children list, map features two levels down) against the bare prefix query.
import { PERMISSIONS } from '../src/modules/accounts/permissions.ts';
import { listChildren, subtreeGeoJson } from '../src/modules/regions/index.ts';
import { systemContext } from '../src/shared/context.ts';
import type { BenchDatabase } from './lib/engines.ts';
import { log, measureInterleaved, type LatencyStats } from './lib/util.ts';

export interface SubtreeBenchResult {
  street: { id: number; name: string; path: string; communities: number; grids: number; subtreeRows: number };
  analyzed: boolean;
  listChildren: LatencyStats & { items: number };
  subtreeGeoJson: LatencyStats & { features: number; bytes: number };
  rawPrefix: LatencyStats & { rows: number; sql: string };
  rawFeatures: LatencyStats & { rows: number; sql: string };
}

export async function runSubtreeBench(b: BenchDatabase, opts: { reps: number; warmup: number; analyze: boolean }): Promise<SubtreeBenchResult> {
  const q = b.raw.query;
  if (opts.analyze) await q('ANALYZE');
  const { rows } = await q<{ id: number; name: string; path: string; communities: string; grids: string }>(
    `SELECT s.id, s.name, s.path, count(DISTINCT c.id)::text AS communities, count(g.id)::text AS grids
       FROM regions s JOIN regions c ON c.parent_id = s.id JOIN regions g ON g.parent_id = c.id
      WHERE s.level = 3 AND g.level = 5 GROUP BY s.id, s.name, s.path ORDER BY count(g.id) DESC, s.id LIMIT 1`,
  );
  const s = rows[0];
  const id = Number(s.id);
  const rawSql = `SELECT id FROM regions WHERE path LIKE '${s.path}%'`;
  const featSql = `SELECT * FROM regions WHERE path LIKE '${s.path}%' AND path <> '${s.path}' AND level <= 5 AND archived_at IS NULL`;
  const subtreeRows = (await q(rawSql)).rows.length;
  const ctx = systemContext('bench', PERMISSIONS);
  const db = b.database.db;
  log(`  ${b.engine}: street ${s.name} (id ${id}): ${s.communities} communities, ${s.grids} grids, ${subtreeRows} regions in subtree; ${opts.reps} reps each${opts.analyze ? ' (after ANALYZE)' : ''}`);

  const items = (await listChildren(db, ctx, id, false)).length;
  const fc = await subtreeGeoJson(db, ctx, id, 2);
  const featRows = (await q(featSql)).rows.length;
  // Taking turns call by call, so each sees the same share of any other load on the machine.
  const m = await measureInterleaved(
    {
      lc: () => listChildren(db, ctx, id, false),
      sg: () => subtreeGeoJson(db, ctx, id, 2),
      rp: () => q(rawSql),
      rf: () => q(featSql),
    },
    opts.reps,
    opts.warmup,
  );
  const { lc, sg, rp, rf } = m;
  log(`  ${b.engine}: listChildren p50 ${lc.medianMs.toFixed(2)} ms, subtreeGeoJson p50 ${sg.medianMs.toFixed(2)} ms, prefix query p50 ${rp.medianMs.toFixed(2)} ms`);
  return {
    street: { id, name: s.name, path: s.path, communities: Number(s.communities), grids: Number(s.grids), subtreeRows },
    analyzed: opts.analyze,
    listChildren: { ...lc, items },
    subtreeGeoJson: { ...sg, features: fc.features.length, bytes: JSON.stringify(fc).length },
    rawPrefix: { ...rp, rows: subtreeRows, sql: rawSql },
    rawFeatures: { ...rf, rows: featRows, sql: featSql },
  };
}
