// The 5-3-10 rule as one set-based statement: every holder of a grid position in the subtree for
// the week, their checked-out entries into that grid, the entries long enough (and not checked in
// outside the boundary), the distinct residents seen, compliance and rank (households seen were
// recorded as their members when the visit was logged). One statement is the point for a city's week. The benchmark runs it
// for tens of thousands of workers over a year of visits: visits are reached per position through
// visits_worker_idx (worker_id, check_in_at) with the week as the range, so other weeks cost
// nothing; visit_people through its visit index.
import { sql } from 'drizzle-orm';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import type { Span } from './week.ts';

export interface Rule5310Params {
  /** Subtree prefix of the report (already checked against the scope). */
  path: string;
  week: Span;
  kinds: readonly string[];
  entries: number;
  minutesPerEntry: number;
  residents: number;
}

export interface Rule5310Row {
  rank: number;
  worker_id: number;
  worker_name: string;
  region_id: number;
  region_name: string;
  region_level: number;
  kind: string;
  entries: number;
  qualifying: number;
  hours: number;
  residents: number;
  compliant: boolean;
}

export async function rule5310Rows(sdb: ScopedDb, p: Rule5310Params): Promise<Rule5310Row[]> {
  const S = sql`${p.week.start.toISOString()}::timestamptz`;
  const E = sql`${p.week.end.toISOString()}::timestamptz`;
  const kinds = sql`${sql.param([...p.kinds])}::text[]`;
  const prefix = p.path === '/' ? sql`true` : sql`p.region_path LIKE ${escapeLike(p.path) + '%'}`;
  const query = sql`
    WITH pos AS (
      -- One row per person and grid; a person holding two kinds in one grid counts once, under the first kind listed.
      SELECT DISTINCT ON (p.worker_id, p.region_id) p.worker_id, p.region_id, p.region_path, p.kind
      FROM positions p
      WHERE p.kind = ANY(${kinds}) AND p.archived_at IS NULL
        AND p.start_on <= ${p.week.to}::date AND (p.end_on IS NULL OR p.end_on >= ${p.week.from}::date)
        AND ${prefix} AND ${sdb.inScope(sql`p.region_path`)}
      ORDER BY p.worker_id, p.region_id, array_position(${kinds}, p.kind)
    ),
    ent AS (
      SELECT pos.worker_id, pos.region_id, v.id AS visit_id, v.check_out_at - v.check_in_at AS dur,
        (v.check_out_at - v.check_in_at >= ${p.minutesPerEntry}::int * interval '1 minute' AND v.check_in_outside IS NOT TRUE) AS ok
      FROM pos
      JOIN visits v ON v.worker_id = pos.worker_id AND v.check_in_at >= ${S} AND v.check_in_at < ${E}
        AND v.check_out_at IS NOT NULL AND v.archived_at IS NULL
        AND left(v.region_path, length(pos.region_path)) = pos.region_path
    ),
    agg AS (
      SELECT worker_id, region_id, count(*)::int AS entries, (count(*) FILTER (WHERE ok))::int AS qualifying,
        (sum(EXTRACT(EPOCH FROM dur)) / 3600)::float8 AS hours
      FROM ent GROUP BY worker_id, region_id
    ),
    seen AS (
      -- Residents seen, each person once across the week. Households listed on a visit were
      -- recorded as their members at the time (visit_people rows carrying both), so this needs
      -- no registry join; the covering index (visit_id, resident_id) answers it alone.
      SELECT e.worker_id, e.region_id, count(DISTINCT vp.resident_id)::int AS residents
      FROM ent e
      JOIN visit_people vp ON vp.visit_id = e.visit_id AND vp.resident_id IS NOT NULL
      GROUP BY e.worker_id, e.region_id
    ),
    board AS (
      SELECT pos.worker_id, w.name AS worker_name, pos.region_id, r.name AS region_name, r.level AS region_level, pos.kind,
        COALESCE(a.entries, 0) AS entries, COALESCE(a.qualifying, 0) AS qualifying, COALESCE(a.hours, 0)::float8 AS hours,
        COALESCE(s.residents, 0) AS residents,
        (COALESCE(a.qualifying, 0) >= ${p.entries}::int AND COALESCE(s.residents, 0) >= ${p.residents}::int) AS compliant
      FROM pos
      JOIN workers w ON w.id = pos.worker_id AND (w.archived_at IS NULL OR w.archived_at >= ${S})
      JOIN regions r ON r.id = pos.region_id
      LEFT JOIN agg a ON a.worker_id = pos.worker_id AND a.region_id = pos.region_id
      LEFT JOIN seen s ON s.worker_id = pos.worker_id AND s.region_id = pos.region_id
    )
    SELECT rank() OVER (ORDER BY compliant DESC, qualifying DESC, residents DESC)::int AS rank, board.*
    FROM board
    ORDER BY compliant DESC, qualifying DESC, residents DESC, worker_name, worker_id, region_id`;
  // JIT compiles this statement for longer than it runs (as for the case measures); and a city's
  // week (150 k entries, about a million resident links) sorts in memory with more than the default 4 MB
  // instead of spilling to disk.
  const res = await sdb.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL jit = off`);
    await tx.execute(sql`SET LOCAL work_mem = '128MB'`);
    return tx.execute(query);
  });
  return (res as unknown as { rows: Rule5310Row[] }).rows.map((r) => ({
    ...r,
    rank: Number(r.rank),
    worker_id: Number(r.worker_id),
    region_id: Number(r.region_id),
    region_level: Number(r.region_level),
    entries: Number(r.entries),
    qualifying: Number(r.qualifying),
    hours: Number(r.hours),
    residents: Number(r.residents),
  }));
}
