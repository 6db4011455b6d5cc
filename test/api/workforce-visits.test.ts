// Visits (走访) from a phone: check-in by one's own worker record into a region where one holds a
// current position, flagged when outside the region's boundary; one open visit at a time; the
// residents and households seen; a finding turned into a case in the case loop at the visit's
// point; the phone page; lists with filters. Sibling communities stay out.
import { sql, type SQL } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import type { MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundaryContains } from '../../src/modules/regions/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { idNumber } from '../support/residents.ts';

let t: TestApp;
let admin: string;
let sq01: string;
let sq02: string;
let walker: string; // a grid worker scoped to sq01's community, posted to `grid` only
let wgy01: string; // a grid worker scoped to `grid`
interface R { id: number; code: string; name: string; path: string; level: number }
let community: R;
let grid: R;
let grid2: R;
let micro: R;
let siblingGrid: R;
let inside: [number, number];
let outside: [number, number];
let walkerWorker: { id: number };
let categoryId: number;
const people: Record<string, { id: number; householdId: number | null }> = {};

async function rows<T>(q: SQL): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const region = async (where: SQL) => (await rows<R>(sql`SELECT id, code, name, path, level FROM regions WHERE ${where} ORDER BY code LIMIT 1`))[0];
const call = (cookie: string, method: InjectOptions['method'], url: string, payload?: object) => t.as(cookie, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
async function ok<T = any>(res: { statusCode: number; body: string; json(): any }, status = 200): Promise<T> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json();
}
const codeOf = (res: { json(): any }) => res.json().code;

/** A point strictly inside a region's boundary: its vertex average if inside, else a scan of its box. */
async function pointIn(id: number): Promise<[number, number]> {
  const [{ boundary }] = await rows<{ boundary: Polygon | MultiPolygon | string }>(sql`SELECT boundary FROM regions WHERE id = ${id}`);
  const b = (typeof boundary === 'string' ? JSON.parse(boundary) : boundary) as Polygon | MultiPolygon;
  const ring = (b.type === 'Polygon' ? b.coordinates[0] : b.coordinates[0][0]).slice(0, -1);
  const avg: [number, number] = [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
  if (boundaryContains(b, avg[0], avg[1])) return avg;
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
    const p: [number, number] = [Math.min(...xs) + ((Math.max(...xs) - Math.min(...xs)) * i) / 20, Math.min(...ys) + ((Math.max(...ys) - Math.min(...ys)) * j) / 20];
    if (boundaryContains(b, p[0], p[1])) return p;
  }
  throw new Error('no inner point');
}

async function resident(name: string, regionId: number, seq: number, over: object = {}) {
  const r = await ok(await call(admin, 'POST', '/residents', { name, ethnicity: '汉族', idNumber: idNumber('1975-05-05', seq), residenceType: 'registered', householdRole: 'other', regionId, ...over }), 201);
  return { id: r.id as number, householdId: (r.householdId ?? null) as number | null };
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [admin, sq01, sq02, wgy01] = [await t.login('admin'), await t.login('sq01'), await t.login('sq02'), await t.login('wgy01')];
  const scopeCode = (u: string) => t.demo!.city.accounts.find((a) => a.username === u)!.scopeCode!;
  community = await region(sql`code = ${scopeCode('sq01')}`);
  grid = await region(sql`code = ${scopeCode('wgy01')}`);
  grid2 = await region(sql`parent_id = ${community.id} AND id <> ${grid.id} AND boundary IS NOT NULL`);
  micro = await region(sql`parent_id = ${grid.id}`);
  siblingGrid = await region(sql`parent_id = (SELECT id FROM regions WHERE code = ${scopeCode('sq02')})`);
  inside = await pointIn(micro.id);
  outside = [inside[0] + 1, inside[1] + 1];
  categoryId = Number((await rows<{ id: number }>(sql`SELECT id FROM case_categories WHERE code = '0101'`))[0].id);

  const user = await ok(await call(admin, 'POST', '/users', { username: 'walker', displayName: '走访员', password: 'Walk2026pw', roles: ['gridWorker'], scopeRegionId: community.id }), 201);
  walker = await t.login('walker', 'Walk2026pw');
  walkerWorker = await ok(await call(sq01, 'POST', '/workforce/workers', { name: '走访员', userId: user.id, regionId: community.id }), 201);
  await ok(await call(sq01, 'POST', '/workforce/positions', { workerId: walkerWorker.id, kind: 'gridWorkerFullTime', regionId: grid.id, startOn: '2026-01-01' }), 201);

  people.head = await resident('户主甲', micro.id, 11, { householdRole: 'head' });
  people.spouse = await resident('配偶甲', micro.id, 12, { householdRole: 'spouse', householdId: people.head.householdId });
  people.child = await resident('子女甲', micro.id, 13, { householdRole: 'child', householdId: people.head.householdId });
  people.single = await resident('独居乙', micro.id, 14, { householdRole: 'head' });
  people.elsewhere = await resident('别格丙', grid2.id, 15);
  people.sibling = await resident('邻社丁', siblingGrid.id, 16);
});
afterAll(() => t.close());

describe('check-in and check-out', () => {
  let visit: { id: number };

  it('checks in inside the boundary (not flagged); a second open visit is refused', async () => {
    visit = await ok(await call(walker, 'POST', '/workforce/visits/check-in', { regionId: grid.id, lng: inside[0], lat: inside[1] }), 201);
    expect(visit).toMatchObject({ worker: { id: walkerWorker.id, name: '走访员' }, region: { id: grid.id }, purpose: 'patrol', checkInOutside: false, checkOutAt: null, peopleCount: 0 });
    const again = await call(walker, 'POST', '/workforce/visits/check-in', { regionId: grid.id, lng: inside[0], lat: inside[1] });
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'WORKFORCE_VISIT_OPEN']);
    expect(again.json().details).toEqual({ visitId: visit.id, regionId: grid.id });
    const twice = await Promise.all([1, 2].map(() => call(walker, 'POST', '/workforce/visits/check-in', { regionId: micro.id })));
    expect(twice.map((r) => r.statusCode)).toEqual([409, 409]);
    const open = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM visits WHERE worker_id = ${walkerWorker.id} AND check_out_at IS NULL`);
    expect(open[0].n).toBe(1);
  });

  it('shows the phone page: the worker, positions, the open visit and the grid with its boundary', async () => {
    const me = await ok(await call(walker, 'GET', '/workforce/me'));
    expect(me.worker.id).toBe(walkerWorker.id);
    expect(me.positions.map((p: { kind: string }) => p.kind)).toEqual(['gridWorkerFullTime']);
    expect(me.openVisit.id).toBe(visit.id);
    expect(me.grids).toHaveLength(1);
    expect(me.grids[0]).toMatchObject({ id: grid.id, level: 5, positionKinds: ['gridWorkerFullTime'] });
    expect(['Polygon', 'MultiPolygon']).toContain(me.grids[0].boundary.type);
    // Someone without a worker record gets an empty page.
    expect(await ok(await call(sq01, 'GET', '/workforce/me'))).toEqual({ worker: null, positions: [], openVisit: null, grids: [] });
  });

  it('checks out far away: the check-out is flagged; only the visit’s own worker may', async () => {
    const mine = await ok(await call(sq01, 'POST', '/workforce/workers', { name: '网格员王', userId: (await rows<{ id: number }>(sql`SELECT id FROM users WHERE username = 'wgy01'`))[0].id, regionId: community.id }), 201);
    await ok(await call(sq01, 'POST', '/workforce/positions', { workerId: mine.id, kind: 'gridWorkerPartTime', regionId: grid.id, startOn: '2026-01-01' }), 201);
    const notOwn = await call(wgy01, 'POST', `/workforce/visits/${visit.id}/check-out`, { lng: inside[0], lat: inside[1] });
    expect([notOwn.statusCode, codeOf(notOwn)]).toEqual([403, 'WORKFORCE_VISIT_NOT_OWN']);
    // Community staff may log visits of their own (they hold workforce.visit), not check out another's.
    const staff = await call(sq01, 'POST', `/workforce/visits/${visit.id}/check-out`, {});
    expect(codeOf(staff)).toBe('WORKFORCE_VISIT_NOT_OWN');
    expect(codeOf(await call(await t.login('bm01'), 'POST', `/workforce/visits/${visit.id}/check-out`, {}))).toBe('PERMISSION_DENIED');
    const out = await ok(await call(walker, 'POST', `/workforce/visits/${visit.id}/check-out`, { lng: outside[0], lat: outside[1], notes: '走访完毕' }));
    expect(out).toMatchObject({ checkInOutside: false, checkOutOutside: true, notes: '走访完毕' });
    expect(out.durationMinutes).toBe(0);
    const again = await call(walker, 'POST', `/workforce/visits/${visit.id}/check-out`, {});
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'WORKFORCE_VISIT_CLOSED']);
  });

  it('flags a check-in outside the boundary; without a position the flag is null', async () => {
    const far = await ok(await call(walker, 'POST', '/workforce/visits/check-in', { regionId: grid.id, lng: outside[0], lat: outside[1] }), 201);
    expect(far.checkInOutside).toBe(true);
    await ok(await call(walker, 'POST', `/workforce/visits/${far.id}/check-out`, {}));
    // A micro-grid of one's grid is one's grid too.
    const noPoint = await ok(await call(walker, 'POST', '/workforce/visits/check-in', { regionId: micro.id }), 201);
    expect(noPoint).toMatchObject({ checkInOutside: null, checkInLng: null, region: { id: micro.id, level: 6 } });
    const out = await ok(await call(walker, 'POST', `/workforce/visits/${noPoint.id}/check-out`, {}));
    expect(out.checkOutOutside).toBeNull();
    const half = await call(walker, 'POST', '/workforce/visits/check-in', { regionId: grid.id, lng: inside[0] });
    expect([half.statusCode, codeOf(half)]).toEqual([400, 'WORKFORCE_FIELD_INVALID']);
  });

  it('refuses a grid where the worker holds no position, the sibling community, and callers without a worker record', async () => {
    const other = await call(walker, 'POST', '/workforce/visits/check-in', { regionId: grid2.id, lng: inside[0], lat: inside[1] });
    expect([other.statusCode, codeOf(other)]).toEqual([403, 'WORKFORCE_VISIT_NOT_POSTED']);
    const community_ = await call(walker, 'POST', '/workforce/visits/check-in', { regionId: community.id });
    expect(codeOf(community_)).toBe('WORKFORCE_VISIT_NOT_POSTED');
    const sibling = await call(walker, 'POST', '/workforce/visits/check-in', { regionId: siblingGrid.id });
    expect([sibling.statusCode, codeOf(sibling)]).toEqual([403, 'SCOPE_DENIED']);
    const lz01 = await t.login('lz01');
    const nobody = await call(lz01, 'POST', '/workforce/visits/check-in', { regionId: micro.id });
    expect([nobody.statusCode, codeOf(nobody)]).toEqual([404, 'WORKFORCE_NOT_A_WORKER']);
    expect(codeOf(await call(sq01, 'POST', '/workforce/visits/check-in', { regionId: grid.id }))).toBe('WORKFORCE_NOT_A_WORKER');
    expect(codeOf(await call(await t.login('bm01'), 'POST', '/workforce/visits/check-in', { regionId: grid.id }))).toBe('PERMISSION_DENIED');
  });

  it('an ended position no longer opens its grid', async () => {
    const [p] = await rows<{ id: number; version: number }>(sql`SELECT id, version FROM positions WHERE worker_id = ${walkerWorker.id}`);
    const second = await ok(await call(sq01, 'POST', '/workforce/positions', { workerId: walkerWorker.id, kind: 'informant', regionId: grid2.id, startOn: '2026-01-01', endOn: '2026-02-01' }), 201);
    expect(second.current).toBe(false);
    expect(codeOf(await call(walker, 'POST', '/workforce/visits/check-in', { regionId: grid2.id }))).toBe('WORKFORCE_VISIT_NOT_POSTED');
    expect(p.id).toBeGreaterThan(0);
  });
});

describe('people seen and findings', () => {
  let visit: { id: number; version: number };

  beforeAll(async () => {
    visit = await ok(await call(walker, 'POST', '/workforce/visits/check-in', { regionId: grid.id, lng: inside[0], lat: inside[1] }), 201);
  });

  it('records residents and households of the region; the count is the distinct residents seen', async () => {
    const detail = await ok(await call(walker, 'PUT', `/workforce/visits/${visit.id}/people`, { residentIds: [people.single.id, people.spouse.id], householdIds: [people.head.householdId] }));
    // 独居乙, and the household of three (配偶甲 listed twice counts once).
    expect(detail.peopleCount).toBe(4);
    // 配偶甲 is a member of the household listed: recorded (and shown) under the household.
    expect(detail.residents.map((r: { name: string }) => r.name)).toEqual(['独居乙']);
    // The household is kept as its members at the time: one row each, carrying the household.
    const members = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM visit_people WHERE visit_id = ${visit.id} AND household_id = ${people.head.householdId} AND resident_id IS NOT NULL`);
    expect(members[0].n).toBe(3);
    expect(detail.households).toEqual([{ id: people.head.householdId, number: expect.any(String), head: { id: people.head.id, name: '户主甲' } }]);
    const replaced = await ok(await call(walker, 'PUT', `/workforce/visits/${visit.id}/people`, { residentIds: [people.single.id], householdIds: [] }));
    expect(replaced.peopleCount).toBe(1);
    const stored = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM visit_people WHERE visit_id = ${visit.id}`);
    expect(stored[0].n).toBe(1);
  });

  it('refuses people of another grid (400) and of the sibling community (403), changing nothing', async () => {
    const elsewhere = await call(walker, 'PUT', `/workforce/visits/${visit.id}/people`, { residentIds: [people.elsewhere.id], householdIds: [] });
    expect([elsewhere.statusCode, codeOf(elsewhere)]).toEqual([400, 'WORKFORCE_FIELD_INVALID']);
    expect(elsewhere.json().message).toContain('别格丙');
    const sibling = await call(walker, 'PUT', `/workforce/visits/${visit.id}/people`, { residentIds: [people.sibling.id], householdIds: [] });
    expect([sibling.statusCode, codeOf(sibling)]).toEqual([403, 'SCOPE_DENIED']);
    const v = await ok(await call(walker, 'GET', `/workforce/visits/${visit.id}`));
    expect(v.peopleCount).toBe(1);
    expect(v.residents.map((r: { id: number }) => r.id)).toEqual([people.single.id]);
  });

  it('turns a finding into a case in the case loop, at the visit’s check-in point', async () => {
    const f = await ok(await call(walker, 'POST', `/workforce/visits/${visit.id}/findings`, { description: '楼道堆放杂物，存在消防隐患', toCase: { categoryId } }), 201);
    expect(f.case.code).toMatch(/\S+/);
    const c = await ok(await call(sq01, 'GET', `/cases/${f.case.id}`));
    expect(c).toMatchObject({ code: f.case.code, source: 'patrol', status: 'reported', lng: inside[0], lat: inside[1], title: '楼道堆放杂物，存在消防隐患', category: { id: categoryId } });
    expect(c.region.id).toBe(micro.id);
    const [reporter] = await rows<{ reporter_user_id: number }>(sql`SELECT reporter_user_id FROM cases WHERE id = ${f.case.id}`);
    expect(Number(reporter.reporter_user_id)).toBe((await rows<{ id: number }>(sql`SELECT id FROM users WHERE username = 'walker'`))[0].id);
    // At the finding's own point when it has one.
    const at = [inside[0] + 0.00001, inside[1]];
    const g = await ok(await call(walker, 'POST', `/workforce/visits/${visit.id}/findings`, { description: '路灯不亮', lng: at[0], lat: at[1], toCase: { categoryId, title: '路灯损坏' } }), 201);
    const c2 = await ok(await call(sq01, 'GET', `/cases/${g.case.id}`));
    expect([c2.lng, c2.lat, c2.title]).toEqual([at[0], at[1], '路灯损坏']);
    const v = await ok(await call(sq01, 'GET', `/workforce/visits/${visit.id}`));
    expect(v.findings.map((x: { case: { id: number } }) => x.case.id)).toEqual([f.case.id, g.case.id]);
  });

  it('turns an earlier finding into a case once; the sibling community cannot see the visit', async () => {
    const f = await ok(await call(walker, 'POST', `/workforce/visits/${visit.id}/findings`, { description: '井盖松动' }), 201);
    expect(f.case).toBeNull();
    const made = await ok(await call(walker, 'POST', `/workforce/visits/${visit.id}/findings/${f.id}/case`, { categoryId }), 201);
    expect(made.case.id).toBeGreaterThan(0);
    const again = await call(walker, 'POST', `/workforce/visits/${visit.id}/findings/${f.id}/case`, { categoryId });
    expect([again.statusCode, codeOf(again)]).toEqual([409, 'WORKFORCE_FINDING_HAS_CASE']);
    expect(again.json().message).toContain(made.case.code);
    expect(codeOf(await call(sq02, 'GET', `/workforce/visits/${visit.id}`))).toBe('SCOPE_DENIED');
    expect(codeOf(await call(sq02, 'GET', `/cases/${made.case.id}`))).toBe('SCOPE_DENIED');
  });

  it('needs a location to file a case: neither the finding nor the check-in had one', async () => {
    await ok(await call(walker, 'POST', `/workforce/visits/${visit.id}/check-out`, { lng: inside[0], lat: inside[1] }));
    const blind = await ok(await call(walker, 'POST', '/workforce/visits/check-in', { regionId: grid.id }), 201);
    const before = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases`);
    const res = await call(walker, 'POST', `/workforce/visits/${blind.id}/findings`, { description: '无位置的问题', toCase: { categoryId } });
    expect([res.statusCode, codeOf(res)]).toEqual([400, 'WORKFORCE_LOCATION_REQUIRED']);
    expect((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases`))[0].n).toBe(before[0].n);
    expect((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM visit_findings WHERE visit_id = ${blind.id}`))[0].n).toBe(0);
    await ok(await call(walker, 'POST', `/workforce/visits/${blind.id}/check-out`, {}));
  });

  it('may be completed for 24 hours after check-out, not after', async () => {
    const done = await ok(await call(walker, 'POST', '/workforce/visits/check-in', { regionId: grid.id }), 201);
    await ok(await call(walker, 'POST', `/workforce/visits/${done.id}/check-out`, {}));
    const ago = async (minutes: number) => rows(sql`UPDATE visits SET check_out_at = now() - make_interval(mins => ${minutes}) WHERE id = ${done.id}`);
    await ago(24 * 60 - 1);
    await ok(await call(walker, 'PUT', `/workforce/visits/${done.id}/people`, { residentIds: [people.single.id], householdIds: [] }));
    await ago(24 * 60 + 1);
    const late = await call(walker, 'PUT', `/workforce/visits/${done.id}/people`, { residentIds: [], householdIds: [] });
    expect([late.statusCode, codeOf(late)]).toEqual([409, 'WORKFORCE_VISIT_LOCKED']);
    expect(codeOf(await call(walker, 'POST', `/workforce/visits/${done.id}/findings`, { description: '迟到的记录' }))).toBe('WORKFORCE_VISIT_LOCKED');
    expect((await ok(await call(walker, 'GET', `/workforce/visits/${done.id}`))).peopleCount).toBe(1);
  });
});

describe('stationed team visits and lists', () => {
  it('a stationed member visits the team’s community, counted for the team', async () => {
    const team = await ok(await call(sq01, 'POST', '/workforce/teams', { name: '驻社区工作队', regionId: community.id, sendingUnit: '区民政局', startOn: '2026-01-01' }), 201);
    const user = await ok(await call(admin, 'POST', '/users', { username: 'stationed', displayName: '驻队员', password: 'Stay2026pw', roles: ['gridWorker'], scopeRegionId: community.id }), 201);
    const w = await ok(await call(sq01, 'POST', '/workforce/workers', { name: '驻队员', userId: user.id, regionId: community.id, sendingUnitKind: 'department', sendingUnit: '区民政局' }), 201);
    await ok(await call(sq01, 'POST', '/workforce/positions', { workerId: w.id, kind: 'stationedMember', teamId: team.id, isLeader: true, startOn: '2026-01-01' }), 201);
    const cookie = await t.login('stationed', 'Stay2026pw');
    const v = await ok(await call(cookie, 'POST', '/workforce/visits/check-in', { regionId: grid2.id }), 201);
    expect(v).toMatchObject({ team: { id: team.id }, purpose: 'stationed', purposeLabel: '驻点走访' });
    await ok(await call(cookie, 'POST', `/workforce/visits/${v.id}/check-out`, {}));
    const wrongTeam = await call(cookie, 'POST', '/workforce/visits/check-in', { regionId: grid2.id, teamId: team.id + 1000 });
    expect(codeOf(wrongTeam)).toBe('WORKFORCE_VISIT_NOT_POSTED');
    const me = await ok(await call(cookie, 'GET', '/workforce/me'));
    expect(me.grids).toMatchObject([{ id: community.id, level: 4, teamId: team.id, positionKinds: ['stationedMember'] }]);
  });

  it('filters by worker, region, period and outside only; the sibling sees none', async () => {
    const all = await ok(await call(sq01, 'GET', `/workforce/visits?workerId=${walkerWorker.id}`));
    expect(all.total).toBe(6);
    const flagged = await ok(await call(sq01, 'GET', `/workforce/visits?workerId=${walkerWorker.id}&outside=true`));
    expect(flagged.total).toBe(2);
    expect(flagged.items.every((v: { checkInOutside: boolean; checkOutOutside: boolean }) => v.checkInOutside || v.checkOutOutside)).toBe(true);
    const inMicro = await ok(await call(sq01, 'GET', `/workforce/visits?regionId=${micro.id}`));
    expect(inMicro.total).toBe(1);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await ok(await call(sq01, 'GET', `/workforce/visits?workerId=${walkerWorker.id}&from=${today}&to=${today}`))).total).toBe(6);
    expect((await ok(await call(sq01, 'GET', `/workforce/visits?workerId=${walkerWorker.id}&to=2026-01-01`))).total).toBe(0);
    expect(codeOf(await call(sq01, 'GET', '/workforce/visits?from=2026-13-01'))).toBe('WORKFORCE_FIELD_INVALID');
    expect((await ok(await call(sq02, 'GET', '/workforce/visits'))).total).toBe(0);
    expect(codeOf(await call(sq02, 'GET', `/workforce/visits?regionId=${grid.id}`))).toBe('SCOPE_DENIED');
  });
});
