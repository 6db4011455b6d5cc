// Queries of the paired deputies' accountability rule: the deputies' positions in a subtree over
// a period, and for (deputy, grid, report time) triples the deputy's latest visit into the grid at
// or before the report, all triples in one statement.
import { sql } from 'drizzle-orm';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import type { Span } from './week.ts';

export interface DeputyPositionRow {
  position_id: number;
  worker_id: number;
  worker_name: string;
  sending_unit: string;
  sending_unit_kind: string | null;
  department_id: number | null;
  department_name: string | null;
  region_id: number;
  region_name: string;
  region_path: string;
  start_on: string;
  end_on: string | null;
}

export async function deputyPositions(sdb: ScopedDb, path: string, period: Span): Promise<DeputyPositionRow[]> {
  const prefix = path === '/' ? sql`true` : sql`p.region_path LIKE ${escapeLike(path) + '%'}`;
  const res = await sdb.db.execute(sql`
    SELECT p.id AS position_id, p.worker_id, w.name AS worker_name, w.sending_unit, w.sending_unit_kind, w.department_id,
      d.name AS department_name, p.region_id, r.name AS region_name, p.region_path, p.start_on::text AS start_on, p.end_on::text AS end_on
    FROM positions p
    JOIN workers w ON w.id = p.worker_id
    JOIN regions r ON r.id = p.region_id
    LEFT JOIN departments d ON d.id = w.department_id
    WHERE p.kind = 'pairedDeputy' AND p.archived_at IS NULL
      AND p.start_on <= ${period.to}::date AND (p.end_on IS NULL OR p.end_on >= ${period.from}::date)
      AND ${prefix} AND ${sdb.inScope(sql`p.region_path`)}
    ORDER BY p.id`);
  return (res as unknown as { rows: DeputyPositionRow[] }).rows.map((r) => ({
    ...r,
    position_id: Number(r.position_id),
    worker_id: Number(r.worker_id),
    department_id: r.department_id === null ? null : Number(r.department_id),
    region_id: Number(r.region_id),
  }));
}

/**
 * The latest visit of each worker into each grid at or before each instant, in input order.
 * A visit checked in outside the grid's boundary is no visit into the grid.
 */
export async function lastVisitsBefore(sdb: ScopedDb, triples: readonly { workerId: number; gridPath: string; at: Date }[]): Promise<(Date | null)[]> {
  if (triples.length === 0) return [];
  const res = await sdb.db.execute(sql`
    SELECT x.i, (
      SELECT max(v.check_in_at) FROM visits v
      WHERE v.worker_id = x.worker_id AND v.check_in_at <= x.at AND v.archived_at IS NULL AND v.check_in_outside IS NOT TRUE
        AND left(v.region_path, length(x.grid_path)) = x.grid_path AND ${sdb.inScope(sql`v.region_path`)}
    ) AS last_visit
    FROM unnest(${sql.param(triples.map((t) => t.workerId))}::int[], ${sql.param(triples.map((t) => t.gridPath))}::text[],
      ${sql.param(triples.map((t) => t.at.toISOString()))}::timestamptz[]) WITH ORDINALITY AS x(worker_id, grid_path, at, i)
    ORDER BY x.i`);
  return (res as unknown as { rows: { i: number; last_visit: Date | string | null }[] }).rows.map((r) => (r.last_visit === null ? null : new Date(r.last_visit)));
}
