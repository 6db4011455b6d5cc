// The supervision board on hand-made rows: open yellow and red cases grouped by the unit holding
// them (the department while it responds or handles, else the desk), counts per state, the cases
// red first with how late they are; green, closed and out-of-scope cases left out.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/modules/calendar/index.ts';
import type { SupervisionBoard } from '../../src/modules/cases/cases.supervision.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
const api = (url: string) => `/api/v1${url}`;
const MIN = 60_000;
const HOUR = 60 * MIN;

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

interface Place {
  community: { id: number; path: string; name: string };
  street: { id: number; path: string; name: string };
  micro: { id: number; path: string; name: string };
}
async function placeOf(username: string): Promise<Place> {
  const [community] = await rows<Place['community'] & { parent_id: number }>(
    sql`SELECT r.id, r.path, r.name, r.parent_id FROM regions r JOIN users u ON u.scope_region_id = r.id WHERE u.username = ${username}`,
  );
  const [street] = await rows<Place['street']>(sql`SELECT id, path, name FROM regions WHERE id = ${community.parent_id}`);
  const [micro] = await rows<Place['micro']>(sql`SELECT id, path, name FROM regions WHERE path LIKE ${`${community.path}%`} AND level = 6 ORDER BY code LIMIT 1`);
  return { community, street, micro };
}

interface Row {
  code: string;
  place: Place;
  status: string;
  stage: string | null;
  timerState: string;
  /** Minutes from now (negative = past). */
  warnIn: number;
  deadlineIn: number;
  departmentId?: number | null;
  desk?: 'community' | 'street';
  supervisionCount?: number;
}
let now: number;
async function insertCase(r: Row): Promise<number> {
  const desk = r.desk === 'street' ? r.place.street : r.place.community;
  const [{ id }] = await rows<{ id: number }>(sql`INSERT INTO cases
      (code, source, title, region_id, region_path, desk_region_id, desk_region_path, level, status, stage, stage_started_at, stage_warn_at, stage_deadline_at, timer_state, department_id, supervision_count)
    VALUES (${r.code}, 'patrol', ${`督办看板 ${r.code}`}, ${r.place.micro.id}, ${r.place.micro.path}, ${desk.id}, ${desk.path}, ${r.desk ?? 'community'}, ${r.status}, ${r.stage},
      ${new Date(now - 5 * 24 * HOUR)}, ${new Date(now + r.warnIn * MIN)}, ${new Date(now + r.deadlineIn * MIN)}, ${r.timerState}, ${r.departmentId ?? null}, ${r.supervisionCount ?? 0})
    RETURNING id`);
  return Number(id);
}

const ids: Record<string, number> = {};
let A: Place;
let B: Place;
let cgj: number;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of ['sq01', 'sq02', 'jd01', 'jm01', 'bm01']) cookies[u] = await t.login(u);
  A = await placeOf('sq01');
  B = await placeOf('sq02');
  cgj = Number((await rows<{ id: number }>(sql`SELECT department_id AS id FROM users WHERE username = 'bm01'`))[0].id);
  now = Date.now();
  const cases: Row[] = [
    { code: 'A-RED-DESK', place: A, status: 'registered', stage: 'dispatch', timerState: 'red', warnIn: -180, deadlineIn: -120, supervisionCount: 1 },
    { code: 'A-YELLOW-DESK', place: A, status: 'registered', stage: 'dispatch', timerState: 'yellow', warnIn: -10, deadlineIn: 60 },
    { code: 'A-RED-DEPT', place: A, status: 'handling', stage: 'handle', timerState: 'red', warnIn: -30 * 60, deadlineIn: -26 * 60, departmentId: null, supervisionCount: 2 },
    // Handled by the department, waiting for verification: the desk holds it now.
    { code: 'A-RED-VERIFY', place: A, status: 'handled', stage: 'verify', timerState: 'red', warnIn: -90, deadlineIn: -30 },
    { code: 'A-YELLOW-RESPOND', place: A, status: 'dispatched', stage: 'respond', timerState: 'yellow', warnIn: -5, deadlineIn: 30 },
    // Left out: green, closed (a stale colour on a case without a clock), and a sibling's case.
    { code: 'A-GREEN', place: A, status: 'handling', stage: 'handle', timerState: 'green', warnIn: 600, deadlineIn: 900 },
    { code: 'A-CLOSED', place: A, status: 'closed', stage: null, timerState: 'red', warnIn: -600, deadlineIn: -300 },
    { code: 'B-RED-DESK', place: B, status: 'registered', stage: 'dispatch', timerState: 'red', warnIn: -100, deadlineIn: -50 },
  ];
  for (const c of cases) ids[c.code] = await insertCase({ ...c, departmentId: ['A-RED-DEPT', 'A-YELLOW-RESPOND', 'A-RED-VERIFY'].includes(c.code) ? cgj : null });
});
afterAll(() => t?.close());

const board = async (cookie: string, query = '') => {
  const res = await t.as(cookie, { method: 'GET', url: api(`/cases/supervision${query}`) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SupervisionBoard;
};
const codesOf = (b: SupervisionBoard) => b.units.flatMap((u) => u.cases.map((c) => c.code));

describe('GET /cases/supervision', () => {
  it('groups the community’s late cases by the unit holding them, red first', async () => {
    const b = await board(cookies.sq01);
    expect([b.red, b.yellow]).toEqual([3, 2]);
    expect(b.units.map((u) => [u.kind, u.id, u.name, u.level, u.red, u.yellow])).toEqual([
      ['desk', A.community.id, A.community.name, 'community', 2, 1],
      ['department', cgj, expect.stringContaining('城市管理'), null, 1, 1],
    ]);
    const [desk, dept] = b.units;
    // Red before yellow; among reds the earliest deadline first.
    expect(desk.cases.map((c) => c.code)).toEqual(['A-RED-DESK', 'A-RED-VERIFY', 'A-YELLOW-DESK']);
    expect(dept.cases.map((c) => c.code)).toEqual(['A-RED-DEPT', 'A-YELLOW-RESPOND']);
    expect(codesOf(b)).not.toContain('A-GREEN');
    expect(codesOf(b)).not.toContain('A-CLOSED');
    expect(codesOf(b)).not.toContain('B-RED-DESK');
  });

  it('says how late each red case is, in plain and in office hours', async () => {
    const b = await board(cookies.sq01);
    const all = b.units.flatMap((u) => u.cases);
    const red = all.find((c) => c.code === 'A-RED-DEPT')!;
    expect(red).toMatchObject({ id: ids['A-RED-DEPT'], status: 'handling', stage: 'handle', timerState: 'red', level: 'community', supervisionCount: 2, region: { id: A.micro.id, name: A.micro.name } });
    expect(red.stageDeadlineAt).toBe(new Date(now - 26 * HOUR).toISOString());
    expect(red.overdue!.naturalHours).toBeCloseTo(26, 0);
    const cal = await loadCalendar(t.database.db);
    expect(red.overdue!.workingHours).toBeCloseTo(cal.between(new Date(now - 26 * HOUR), new Date(), 'workingHours'), 0);
    expect(all.find((c) => c.code === 'A-YELLOW-DESK')!.overdue).toBeNull();
  });

  it('the street sees both communities, and can narrow to one', async () => {
    const both = await board(cookies.jd01);
    expect(both.red).toBe(4);
    expect(both.units.map((u) => u.id)).toEqual(expect.arrayContaining([A.community.id, B.community.id, cgj]));
    const narrowed = await board(cookies.jd01, `?regionId=${A.community.id}`);
    expect(codesOf(narrowed).sort()).toEqual(['A-RED-DEPT', 'A-RED-DESK', 'A-RED-VERIFY', 'A-YELLOW-DESK', 'A-YELLOW-RESPOND']);
    const onlyB = await board(cookies.sq02);
    expect(codesOf(onlyB)).toEqual(['B-RED-DESK']);
  });

  it('a department handler reads the board of its district', async () => {
    const b = await board(cookies.bm01);
    expect(codesOf(b)).toEqual(expect.arrayContaining(['A-RED-DEPT', 'B-RED-DESK']));
  });

  it('refuses a region outside the scope, an unknown region, and callers without cases.read', async () => {
    const other = await t.as(cookies.sq01, { method: 'GET', url: api(`/cases/supervision?regionId=${B.community.id}`) });
    expect([other.statusCode, other.json().code]).toEqual([403, 'SCOPE_DENIED']);
    const unknown = await t.as(cookies.sq01, { method: 'GET', url: api('/cases/supervision?regionId=99999999') });
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'REGION_NOT_FOUND']);
    const resident = await t.as(cookies.jm01, { method: 'GET', url: api('/cases/supervision') });
    expect([resident.statusCode, resident.json().code]).toEqual([403, 'PERMISSION_DENIED']);
    expect((await t.app.inject({ method: 'GET', url: api('/cases/supervision') })).statusCode).toBe(401);
    expect((await t.as(cookies.sq01, { method: 'GET', url: api('/cases/supervision?regionId=x') })).json().code).toBe('VALIDATION_FAILED');
  });

  it('lists at most 100 cases per unit while counting them all', async () => {
    await t.database.db.execute(sql`INSERT INTO cases
        (code, source, title, region_id, region_path, desk_region_id, desk_region_path, level, status, stage, stage_started_at, stage_warn_at, stage_deadline_at, timer_state)
      SELECT 'S-' || g, 'patrol', '街道积压 ' || g, ${A.micro.id}, ${A.micro.path}, ${A.street.id}, ${A.street.path}, 'street', 'registered', 'dispatch',
        ${new Date(now - 10 * HOUR)}, ${new Date(now - 5 * HOUR)}, ${new Date(now - 2 * HOUR)}::timestamptz + g * interval '1 minute', CASE WHEN g % 10 = 0 THEN 'red' ELSE 'yellow' END
      FROM generate_series(1, 105) AS g`);
    const b = await board(cookies.jd01);
    const street = b.units.find((u) => u.kind === 'desk' && u.id === A.street.id)!;
    expect([street.level, street.red, street.yellow, street.cases.length, b.perUnit]).toEqual(['street', 10, 95, 100, 100]);
    expect(street.cases.slice(0, 10).every((c) => c.timerState === 'red')).toBe(true);
    expect(street.cases[10].timerState).toBe('yellow');
    // The street's backlog tops the board: it has the most red cases.
    expect(b.units[0].id).toBe(A.street.id);
  });
});
