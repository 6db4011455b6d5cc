// Fixtures for the workforce rules and reviews: workers, positions, teams, visits and cases
// written straight to the tables (exact timestamps matter on the rules' edges, and the tests do
// not depend on the workers and visits endpoints).
import { sql, type SQL } from 'drizzle-orm';
import type { TestApp } from './app.ts';

export interface Place {
  id: number;
  path: string;
  name: string;
  level: number;
}

export async function q<T = Record<string, unknown>>(t: TestApp, query: SQL): Promise<T[]> {
  return ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

export async function place(t: TestApp, id: number): Promise<Place> {
  const [r] = await q<Place>(t, sql`SELECT id, path, name, level FROM regions WHERE id = ${id}`);
  return { ...r, id: Number(r.id), level: Number(r.level) };
}

/** A fresh region under `parentId` (through the API, as admin): no demo data lives in it. */
export async function freshRegion(t: TestApp, admin: string, parentId: number, name: string): Promise<Place> {
  const res = await t.as(admin, { method: 'POST', url: '/api/v1/regions', payload: { parentId, name } });
  if (res.statusCode !== 201) throw new Error(`region ${name}: ${res.statusCode} ${res.body}`);
  return place(t, res.json().id);
}

export async function userId(t: TestApp, username: string): Promise<number> {
  return Number((await q<{ id: number }>(t, sql`SELECT id FROM users WHERE username = ${username}`))[0].id);
}

export async function worker(t: TestApp, at: Place, name: string, o: { userId?: number; sendingUnit?: string; sendingUnitKind?: string; departmentId?: number } = {}): Promise<number> {
  const [r] = await q<{ id: number }>(t, sql`INSERT INTO workers (region_id, region_path, name, user_id, sending_unit, sending_unit_kind, department_id)
    VALUES (${at.id}, ${at.path}, ${name}, ${o.userId ?? null}, ${o.sendingUnit ?? ''}, ${o.sendingUnitKind ?? null}, ${o.departmentId ?? null}) RETURNING id`);
  return Number(r.id);
}

export async function position(
  t: TestApp,
  workerId: number,
  kind: string,
  at: Place,
  o: { startOn?: string; endOn?: string | null; teamId?: number; isLeader?: boolean; archived?: boolean } = {},
): Promise<number> {
  const [r] = await q<{ id: number }>(t, sql`INSERT INTO positions (region_id, region_path, worker_id, kind, team_id, is_leader, start_on, end_on, archived_at)
    VALUES (${at.id}, ${at.path}, ${workerId}, ${kind}, ${o.teamId ?? null}, ${o.isLeader ?? false}, ${o.startOn ?? '2026-01-01'}, ${o.endOn ?? null},
      ${o.archived ? new Date().toISOString() : null}) RETURNING id`);
  return Number(r.id);
}

export async function team(t: TestApp, at: Place, name: string, o: { fixedWeekday?: number; sendingUnit?: string; startOn?: string; endOn?: string | null } = {}): Promise<number> {
  const [r] = await q<{ id: number }>(t, sql`INSERT INTO stationed_teams (region_id, region_path, name, sending_unit, fixed_weekday, start_on, end_on)
    VALUES (${at.id}, ${at.path}, ${name}, ${o.sendingUnit ?? ''}, ${o.fixedWeekday ?? 2}, ${o.startOn ?? '2026-01-01'}, ${o.endOn ?? null}) RETURNING id`);
  return Number(r.id);
}

/** A visit; times are ISO with offset (e.g. '2026-11-02T09:00+08:00'); `out` null = still open. */
export async function visit(
  t: TestApp,
  workerId: number,
  at: Place,
  checkIn: string,
  out: string | null,
  o: { outside?: boolean | null; teamId?: number; residents?: number[]; households?: number[] } = {},
): Promise<number> {
  const [r] = await q<{ id: number }>(t, sql`INSERT INTO visits (region_id, region_path, worker_id, team_id, check_in_at, check_out_at, check_in_outside, people_count)
    VALUES (${at.id}, ${at.path}, ${workerId}, ${o.teamId ?? null}, ${new Date(checkIn).toISOString()}, ${out === null ? null : new Date(out).toISOString()},
      ${o.outside === undefined ? false : o.outside}, ${o.residents?.length ?? 0}) RETURNING id`);
  const id = Number(r.id);
  for (const resident of o.residents ?? []) await q(t, sql`INSERT INTO visit_people (visit_id, resident_id) VALUES (${id}, ${resident})`);
  // A household is recorded as its members at the time, as PUT /workforce/visits/:id/people does.
  for (const household of o.households ?? []) {
    await q(t, sql`INSERT INTO visit_people (visit_id, resident_id, household_id) SELECT ${id}, r.id, r.household_id FROM residents r WHERE r.household_id = ${household} AND r.archived_at IS NULL`);
  }
  return id;
}

let caseSeq = 0;
/** A case written straight to the table (the desk is the community above the region). */
export async function caseAt(t: TestApp, at: Place, desk: Place, source: string, reportedAt: string, status = 'reported'): Promise<{ id: number; code: string }> {
  const code = `WFR-${String(++caseSeq).padStart(4, '0')}`;
  const [r] = await q<{ id: number; code: string }>(t, sql`INSERT INTO cases (code, source, title, region_id, region_path, desk_region_id, desk_region_path, reported_at, status)
    VALUES (${code}, ${source}, ${`问责测试${code}`}, ${at.id}, ${at.path}, ${desk.id}, ${desk.path}, ${new Date(reportedAt).toISOString()}, ${status}) RETURNING id, code`);
  return { id: Number(r.id), code: r.code };
}

/** Resident ids for visit_people: the rules count distinct ids; the registry is not involved. */
export const people = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
