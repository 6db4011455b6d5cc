// Stationed teams' weekly visits in one statement: teams of the subtree active in the week, their
// members in the week, and the Shanghai days on which a member visited (a visit tagged with the
// team, or any visit into the team's community or village).
import { sql } from 'drizzle-orm';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import type { Span } from './week.ts';

export interface StationedRow {
  team_id: number;
  team_name: string;
  sending_unit: string;
  fixed_weekday: number;
  region_id: number;
  region_name: string;
  members: number;
  visits: number;
  days: string[] | string | null;
  weekdays: number[] | string | null;
}

export async function stationedRows(sdb: ScopedDb, path: string, week: Span): Promise<StationedRow[]> {
  const S = sql`${week.start.toISOString()}::timestamptz`;
  const E = sql`${week.end.toISOString()}::timestamptz`;
  const prefix = path === '/' ? sql`true` : sql`t.region_path LIKE ${escapeLike(path) + '%'}`;
  // Shanghai wall time of the check-in: UTC+8 all year, so a fixed shift (no time-zone data needed).
  const local = sql`((v.check_in_at AT TIME ZONE 'UTC') + interval '8 hours')`;
  const res = await sdb.db.execute(sql`
    WITH team AS (
      SELECT t.id, t.name, t.sending_unit, t.fixed_weekday, t.region_id, t.region_path
      FROM stationed_teams t
      WHERE (t.archived_at IS NULL OR t.archived_at >= ${S})
        AND t.start_on <= ${week.to}::date AND (t.end_on IS NULL OR t.end_on >= ${week.from}::date)
        AND ${prefix} AND ${sdb.inScope(sql`t.region_path`)}
    ),
    member AS (
      SELECT DISTINCT team.id AS team_id, p.worker_id
      FROM team JOIN positions p ON p.team_id = team.id AND p.kind = 'stationedMember' AND p.archived_at IS NULL
        AND p.start_on <= ${week.to}::date AND (p.end_on IS NULL OR p.end_on >= ${week.from}::date)
    ),
    visit AS (
      SELECT DISTINCT m.team_id, v.id, (${local})::date AS day, EXTRACT(ISODOW FROM ${local})::int AS weekday
      FROM member m
      JOIN team ON team.id = m.team_id
      JOIN visits v ON v.worker_id = m.worker_id AND v.check_in_at >= ${S} AND v.check_in_at < ${E} AND v.archived_at IS NULL
        AND (v.team_id = team.id OR left(v.region_path, length(team.region_path)) = team.region_path)
    )
    SELECT team.id AS team_id, team.name AS team_name, team.sending_unit, team.fixed_weekday, team.region_id, r.name AS region_name,
      (SELECT count(*)::int FROM member m WHERE m.team_id = team.id) AS members,
      (SELECT count(*)::int FROM visit x WHERE x.team_id = team.id) AS visits,
      (SELECT array_agg(DISTINCT x.day::text ORDER BY x.day::text) FROM visit x WHERE x.team_id = team.id) AS days,
      (SELECT array_agg(DISTINCT x.weekday) FROM visit x WHERE x.team_id = team.id) AS weekdays
    FROM team JOIN regions r ON r.id = team.region_id
    ORDER BY r.path, team.name, team.id`);
  return (res as unknown as { rows: StationedRow[] }).rows;
}
