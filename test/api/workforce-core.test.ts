// The workforce core (网格力量): workers (a user, a resident, or only a name; mobiles masked),
// positions and where each kind may sit, paired deputies (two seats per grid, one town and one
// department), stationed teams (problems listed while they are built up), and each grid's team
// with its gaps. Sibling communities never reach each other's people.
import { sql, type SQL } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { makeDwellings } from '../support/residents.ts';

let t: TestApp;
let sq01: string;
let sq02: string;
let jd01: string;
let wgy01: string;
interface R { id: number; code: string; name: string; path: string; level: number }
let community: R;
let sibling: R;
let street: R;
let grid: R; // wgy01's grid
let grid2: R; // another grid of sq01's community
let micro: R; // a micro-grid of `grid`
let siblingGrid: R;
const users: Record<string, number> = {};

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

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [sq01, sq02, jd01, wgy01] = [await t.login('sq01'), await t.login('sq02'), await t.login('jd01'), await t.login('wgy01')];
  const scopeCode = (u: string) => t.demo!.city.accounts.find((a) => a.username === u)!.scopeCode!;
  community = await region(sql`code = ${scopeCode('sq01')}`);
  sibling = await region(sql`code = ${scopeCode('sq02')}`);
  street = await region(sql`code = ${scopeCode('jd01')}`);
  grid = await region(sql`code = ${scopeCode('wgy01')}`);
  grid2 = await region(sql`parent_id = ${community.id} AND id <> ${grid.id}`);
  micro = await region(sql`parent_id = ${grid.id}`);
  siblingGrid = await region(sql`parent_id = ${sibling.id}`);
  for (const u of await rows<{ id: number; username: string }>(sql`SELECT id, username FROM users`)) users[u.username] = u.id;
});
afterAll(() => t.close());

describe('workers', () => {
  let workerId: number;

  it('registers a user of the system as a worker, mobile masked; the full number is audited', async () => {
    const w = await ok(await call(sq01, 'POST', '/workforce/workers', { name: '王网格', mobile: '13912345678', userId: users.wgy01, regionId: community.id, note: '专职' }), 201);
    workerId = w.id;
    expect(w.mobileMasked).toBe('139****5678');
    expect(w.user).toMatchObject({ id: users.wgy01, username: 'wgy01' });
    expect(JSON.stringify(w)).not.toContain('13912345678');
    const list = await ok(await call(sq01, 'GET', `/workforce/workers?regionId=${community.id}`));
    expect(list.items.map((i: { id: number }) => i.id)).toContain(w.id);
    expect(JSON.stringify(list)).not.toContain('13912345678');
    const revealed = await ok(await call(sq01, 'POST', `/workforce/workers/${w.id}/reveal`));
    expect(revealed.mobile).toBe('13912345678');
    const [audit] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'pii.view' AND entity_type = 'worker' AND entity_id = ${String(w.id)}`);
    expect(audit.n).toBe(1);
    // A grid worker reads but may not see full numbers.
    expect(codeOf(await call(wgy01, 'POST', `/workforce/workers/${w.id}/reveal`))).toBe('PERMISSION_DENIED');
  });

  it('one active worker per user; a user outside the scope is refused; a bad mobile is named', async () => {
    const dup = await call(sq01, 'POST', '/workforce/workers', { name: '重复', userId: users.wgy01, regionId: community.id });
    expect([dup.statusCode, codeOf(dup)]).toEqual([409, 'WORKFORCE_DUPLICATE']);
    const foreign = await call(sq01, 'POST', '/workforce/workers', { name: '越界', userId: users.sq02, regionId: community.id });
    expect([foreign.statusCode, codeOf(foreign)]).toEqual([403, 'SCOPE_DENIED']);
    const bad = await call(sq01, 'POST', '/workforce/workers', { name: '错号', mobile: '12345', regionId: community.id });
    expect([bad.statusCode, codeOf(bad)]).toEqual([400, 'WORKFORCE_FIELD_INVALID']);
    expect(bad.json().message).toContain('手机号');
    const noPermission = await call(wgy01, 'POST', '/workforce/workers', { name: '网格员自建', regionId: grid.id });
    expect(codeOf(noPermission)).toBe('PERMISSION_DENIED');
  });

  it('updates with the version (409 when stale) and never leaks into the sibling community', async () => {
    const w = await ok(await call(sq01, 'GET', `/workforce/workers/${workerId}`));
    const up = await ok(await call(sq01, 'PATCH', `/workforce/workers/${workerId}`, { version: w.version, note: '专职网格员' }));
    expect(up.note).toBe('专职网格员');
    const stale = await call(sq01, 'PATCH', `/workforce/workers/${workerId}`, { version: w.version, note: 'x' });
    expect([stale.statusCode, codeOf(stale)]).toEqual([409, 'WORKFORCE_VERSION_CONFLICT']);
    expect(codeOf(await call(sq02, 'GET', `/workforce/workers/${workerId}`))).toBe('SCOPE_DENIED');
    expect(codeOf(await call(sq02, 'PATCH', `/workforce/workers/${workerId}`, { version: up.version, note: 'x' }))).toBe('SCOPE_DENIED');
    const theirs = await ok(await call(sq02, 'GET', '/workforce/workers'));
    expect(theirs.items.map((i: { id: number }) => i.id)).not.toContain(workerId);
    expect(codeOf(await call(sq01, 'GET', '/workforce/workers/999999'))).toBe('WORKFORCE_NOT_FOUND');
  });
});

describe('positions', () => {
  let chief: { id: number };
  let building: { buildingId: number };

  it('sits each kind where it may: grid kinds on a grid or micro-grid, heads on buildings, zone chiefs on a zone', async () => {
    chief = await ok(await call(sq01, 'POST', '/workforce/workers', { name: '李网格长', mobile: '13700000001', regionId: community.id }), 201);
    const p = await ok(await call(sq01, 'POST', '/workforce/positions', { workerId: chief.id, kind: 'gridChief', regionId: grid.id, startOn: '2026-01-01' }), 201);
    expect(p).toMatchObject({ kind: 'gridChief', kindLabel: '网格长', region: { id: grid.id, level: 5 }, current: true, endOn: null });
    // The same person holds a second position: patrol member in a micro-grid.
    await ok(await call(sq01, 'POST', '/workforce/positions', { workerId: chief.id, kind: 'patrolMember', regionId: micro.id, startOn: '2026-01-01' }), 201);
    const same = await call(sq01, 'POST', '/workforce/positions', { workerId: chief.id, kind: 'gridChief', regionId: grid.id, startOn: '2026-02-01' });
    expect([same.statusCode, codeOf(same)]).toEqual([409, 'WORKFORCE_DUPLICATE']);
    const onCommunity = await call(sq01, 'POST', '/workforce/positions', { workerId: chief.id, kind: 'gridChief', regionId: community.id, startOn: '2026-01-01' });
    expect([onCommunity.statusCode, codeOf(onCommunity)]).toEqual([400, 'WORKFORCE_POSITION_PLACE']);
    const headWithoutBuilding = await call(sq01, 'POST', '/workforce/positions', { workerId: chief.id, kind: 'buildingHead', regionId: grid.id, startOn: '2026-01-01' });
    expect(codeOf(headWithoutBuilding)).toBe('WORKFORCE_POSITION_PLACE');
    const zoneChiefWithoutZone = await call(sq01, 'POST', '/workforce/positions', { workerId: chief.id, kind: 'zoneChief', regionId: community.id, startOn: '2026-01-01' });
    expect(codeOf(zoneChiefWithoutZone)).toBe('WORKFORCE_POSITION_PLACE');
    const zone = await ok(await call(sq01, 'POST', `/regions/${community.id}/zones`, { name: '东片', gridIds: [grid.id], chiefUserId: null, deputyUserIds: [] }), 201);
    const zc = await ok(await call(sq01, 'POST', '/workforce/positions', { workerId: chief.id, kind: 'zoneChief', regionId: community.id, zoneId: zone.id, startOn: '2026-01-01' }), 201);
    expect(zc.zone).toEqual({ id: zone.id, name: '东片' });
    const bad = await call(sq01, 'POST', '/workforce/positions', { workerId: chief.id, kind: 'gridChief', regionId: grid.id, startOn: '2026-02-30' });
    expect(codeOf(bad)).toBe('WORKFORCE_FIELD_INVALID');
  });

  it('puts a building head on a building (the position lies in the building’s region) and a unit head on a unit', async () => {
    building = await makeDwellings(t, micro.id, { estate: '金桂园', building: '3栋', address: '金桂路1号', rooms: ['101'] });
    const [unit] = await rows<{ id: number }>(sql`INSERT INTO units (building_id, number, label) VALUES (${building.buildingId}, 1, '1单元') RETURNING id`);
    const head = await ok(await call(sq01, 'POST', '/workforce/workers', { name: '赵楼长', regionId: community.id }), 201);
    const p = await ok(await call(sq01, 'POST', '/workforce/positions', { workerId: head.id, kind: 'buildingHead', regionId: grid.id, buildingId: building.buildingId, startOn: '2026-01-01' }), 201);
    expect(p.region.id).toBe(micro.id);
    expect(p.building).toEqual({ id: building.buildingId, name: '金桂园 3栋' });
    const u = await ok(await call(sq01, 'POST', '/workforce/positions', { workerId: head.id, kind: 'unitHead', unitId: Number(unit.id), startOn: '2026-01-01' }), 201);
    expect(u.unit).toEqual({ id: Number(unit.id), name: '1单元' });
    expect(u.building.id).toBe(building.buildingId);
    const wrongRegion = await call(sq01, 'POST', '/workforce/positions', { workerId: head.id, kind: 'buildingHead', regionId: grid2.id, buildingId: building.buildingId, startOn: '2026-03-01' });
    expect(codeOf(wrongRegion)).toBe('WORKFORCE_FIELD_INVALID');
  });

  it('ends a position with an end date: gone from current lists, kept in the worker’s history', async () => {
    const list = await ok(await call(sq01, 'GET', `/workforce/positions?regionId=${grid.id}&kind=patrolMember&current=true`));
    const patrol = list.items.find((p: { workerId: number }) => p.workerId === chief.id);
    const early = await call(sq01, 'POST', `/workforce/positions/${patrol.id}/end`, { version: patrol.version, endOn: '2025-12-31' });
    expect(codeOf(early)).toBe('WORKFORCE_FIELD_INVALID');
    const ended = await ok(await call(sq01, 'POST', `/workforce/positions/${patrol.id}/end`, { version: patrol.version, endOn: '2026-01-15' }));
    expect(ended).toMatchObject({ endOn: '2026-01-15', current: false });
    const again = await call(sq01, 'POST', `/workforce/positions/${patrol.id}/end`, { endOn: '2026-01-20' });
    expect(codeOf(again)).toBe('WORKFORCE_ARCHIVED');
    const now = await ok(await call(sq01, 'GET', `/workforce/positions?regionId=${grid.id}&kind=patrolMember&current=true`));
    expect(now.items.map((p: { id: number }) => p.id)).not.toContain(patrol.id);
    const detail = await ok(await call(sq01, 'GET', `/workforce/workers/${chief.id}`));
    expect(detail.positions.find((p: { id: number }) => p.id === patrol.id)).toMatchObject({ current: false, endOn: '2026-01-15' });
    const listed = await ok(await call(sq01, 'GET', `/workforce/workers?q=李网格长`));
    expect(listed.items[0].positions.map((p: { id: number }) => p.id)).not.toContain(patrol.id);
  });

  it('keeps the sibling community out: their grid, their worker', async () => {
    expect(codeOf(await call(sq02, 'POST', '/workforce/positions', { workerId: chief.id, kind: 'patrolMember', regionId: siblingGrid.id, startOn: '2026-01-01' }))).toBe('SCOPE_DENIED');
    const theirs = await ok(await call(sq02, 'POST', '/workforce/workers', { name: '乙社区人员', regionId: sibling.id }), 201);
    expect(codeOf(await call(sq01, 'POST', '/workforce/positions', { workerId: theirs.id, kind: 'patrolMember', regionId: grid.id, startOn: '2026-01-01' }))).toBe('SCOPE_DENIED');
    const list = await ok(await call(sq02, 'GET', '/workforce/positions'));
    expect(list.items.filter((p: { region: { id: number } }) => [grid.id, micro.id, community.id].includes(p.region.id))).toEqual([]);
  });
});

describe('paired deputies (双副组长)', () => {
  const made: Record<string, number> = {};
  const deputy = (who: string, startOn: string, regionId = grid2.id) => call(jd01, 'POST', '/workforce/positions', { workerId: made[who], kind: 'pairedDeputy', regionId, startOn });

  beforeAll(async () => {
    const dept = (await rows<{ id: number; name: string }>(sql`SELECT id, name FROM departments ORDER BY id LIMIT 1`))[0];
    for (const [key, body] of Object.entries({
      town1: { name: '镇干部甲', sendingUnitKind: 'town', sendingUnit: '示范街道' },
      town2: { name: '镇干部乙', sendingUnitKind: 'town', sendingUnit: '示范街道' },
      dept1: { name: '部门干部甲', departmentId: dept.id },
      dept2: { name: '部门干部乙', sendingUnitKind: 'department', sendingUnit: '区住建局' },
      plain: { name: '无派出单位' },
    })) {
      made[key] = (await ok(await call(jd01, 'POST', '/workforce/workers', { ...body, regionId: street.id }), 201)).id;
    }
    const d = await ok(await call(jd01, 'GET', `/workforce/workers/${made.dept1}`));
    expect(d).toMatchObject({ sendingUnitKind: 'department', sendingUnit: dept.name, department: { id: dept.id, name: dept.name } });
  });

  it('needs a sending unit kind and sits on a grid only', async () => {
    const plain = await deputy('plain', '2026-01-01');
    expect([plain.statusCode, codeOf(plain)]).toEqual([400, 'WORKFORCE_DEPUTY_UNIT_REQUIRED']);
    expect(codeOf(await deputy('town1', '2026-01-01', community.id))).toBe('WORKFORCE_POSITION_PLACE');
    expect(codeOf(await deputy('town1', '2026-01-01', micro.id))).toBe('WORKFORCE_POSITION_PLACE');
  });

  it('one from the town and one from a department: two from the town refused, a third refused', async () => {
    await ok(await deputy('town1', '2026-01-01'), 201);
    const twoFromTown = await deputy('town2', '2026-01-01');
    expect([twoFromTown.statusCode, codeOf(twoFromTown)]).toEqual([409, 'WORKFORCE_DEPUTY_UNIT_TAKEN']);
    expect(twoFromTown.json().message).toContain('镇干部甲');
    // Half a pair is a gap of the grid.
    const half = await ok(await call(sq01, 'GET', `/workforce/grids/${grid2.id}/team`));
    expect(half.gaps.map((g: { kind: string }) => g.kind)).toContain('pairedDeputiesIncomplete');
    const d1 = await ok(await deputy('dept1', '2026-01-01'), 201);
    const third = await deputy('dept2', '2026-01-01');
    expect([third.statusCode, codeOf(third)]).toEqual([409, 'WORKFORCE_DEPUTIES_FULL']);
    // The department's deputy ends on 31 January: a successor starting that same day is still refused, one starting the next day sits.
    await ok(await call(jd01, 'POST', `/workforce/positions/${d1.id}/end`, { version: d1.version, endOn: '2026-01-31' }));
    expect(codeOf(await deputy('dept2', '2026-01-31'))).toBe('WORKFORCE_DEPUTIES_FULL');
    await ok(await deputy('dept2', '2026-02-01'), 201);
    const full = await ok(await call(sq01, 'GET', `/workforce/grids/${grid2.id}/team`));
    expect(full.pairedDeputies.map((p: { name: string }) => p.name).sort()).toEqual(['部门干部乙', '镇干部甲']);
    expect(full.gaps.map((g: { kind: string }) => g.kind)).not.toContain('pairedDeputiesIncomplete');
    // The community sees the town's cadres who serve its grid, with only its own positions.
    const seen = await ok(await call(sq01, 'GET', `/workforce/workers/${made.town1}`));
    expect(seen.positions.map((p: { region: { id: number } }) => p.region.id)).toEqual([grid2.id]);
    expect(codeOf(await call(sq01, 'PATCH', `/workforce/workers/${made.town1}`, { version: seen.version, note: 'x' }))).toBe('SCOPE_DENIED');
    expect(codeOf(await call(sq02, 'GET', `/workforce/workers/${made.town1}`))).toBe('SCOPE_DENIED');
  });
});

describe('stationed teams (驻村/驻社区团队)', () => {
  let team: { id: number; version: number };
  const member = async (name: string, isLeader = false, status = 201) => {
    const w = await ok(await call(sq01, 'POST', '/workforce/workers', { name, regionId: community.id, sendingUnitKind: 'department', sendingUnit: '区农业农村局' }), 201);
    return call(sq01, 'POST', '/workforce/positions', { workerId: w.id, kind: 'stationedMember', teamId: team.id, isLeader, startOn: '2026-01-01' }).then((r) => ok(r, status));
  };
  const problems = async () => (await ok(await call(sq01, 'GET', `/workforce/teams?regionId=${community.id}`))).items.find((x: { id: number }) => x.id === team.id).problems.map((p: { zh: string }) => p.zh);

  it('serves a community, Tuesday by default; a grid is refused', async () => {
    const onGrid = await call(sq01, 'POST', '/workforce/teams', { name: '驻格队', regionId: grid.id, startOn: '2026-01-01' });
    expect(codeOf(onGrid)).toBe('WORKFORCE_FIELD_INVALID');
    team = await ok(await call(sq01, 'POST', '/workforce/teams', { name: '区农业农村局驻社区工作队', regionId: community.id, sendingUnit: '区农业农村局', startOn: '2026-01-01' }), 201);
    expect(team).toMatchObject({ fixedWeekday: 2, members: [], leader: null, region: { id: community.id } });
    expect(codeOf(await call(sq01, 'POST', '/workforce/teams', { name: 'x', regionId: community.id, startOn: '2026-01-01', fixedWeekday: 8 }))).toBe('VALIDATION_FAILED');
  });

  it('lists what the team lacks while it is built up: 2 members is too few, 3 with a leader is complete', async () => {
    expect(await problems()).toEqual(['现有成员 0 人，少于 3 人', '未确定队长']);
    await member('队员一');
    await member('队长', true);
    expect(await problems()).toEqual(['现有成员 2 人，少于 3 人']);
    const second = await member('另一个队长', true, 409);
    expect(second.code).toBe('WORKFORCE_TEAM_LEADER_TAKEN');
    await member('队员三');
    expect(await problems()).toEqual([]);
    const view = (await ok(await call(sq01, 'GET', `/workforce/teams/${team.id}`)));
    expect(view.leader.name).toBe('队长');
    expect(view.members).toHaveLength(3);
    // The sibling community neither sees nor changes it.
    expect(codeOf(await call(sq02, 'GET', `/workforce/teams/${team.id}`))).toBe('SCOPE_DENIED');
    expect((await ok(await call(sq02, 'GET', '/workforce/teams'))).items.map((x: { id: number }) => x.id)).not.toContain(team.id);
    expect(codeOf(await call(sq02, 'PATCH', `/workforce/teams/${team.id}`, { version: view.version, fixedWeekday: 3 }))).toBe('SCOPE_DENIED');
  });

  it('moves its fixed day with the version, and ending it ends its members’ positions', async () => {
    const view = await ok(await call(sq01, 'GET', `/workforce/teams/${team.id}`));
    const up = await ok(await call(sq01, 'PATCH', `/workforce/teams/${team.id}`, { version: view.version, fixedWeekday: 4 }));
    expect(up.fixedWeekday).toBe(4);
    expect(codeOf(await call(sq01, 'PATCH', `/workforce/teams/${team.id}`, { version: view.version, fixedWeekday: 2 }))).toBe('WORKFORCE_VERSION_CONFLICT');
    const grid = await ok(await call(sq01, 'GET', `/workforce/grids/${grid2.id}/team`));
    expect(grid.stationedTeams.map((x: { id: number }) => x.id)).toContain(team.id);
    const ended = await ok(await call(sq01, 'POST', `/workforce/teams/${team.id}/end`, { version: up.version, endOn: '2026-03-31' }));
    expect(ended.endOn).toBe('2026-03-31');
    const open = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM positions WHERE team_id = ${team.id} AND (end_on IS NULL OR end_on > '2026-03-31')`);
    expect(open[0].n).toBe(0);
  });
});

describe('each grid’s team and its gaps', () => {
  it('names what a grid lacks and stops naming it once filled', async () => {
    const before = await ok(await call(sq01, 'GET', `/workforce/grids/${grid.id}/team`));
    expect(before.grid).toMatchObject({ id: grid.id, code: grid.code });
    expect(before.chief.map((p: { name: string }) => p.name)).toEqual(['李网格长']);
    const kinds = (v: { gaps: { kind: string }[] }) => v.gaps.map((g) => g.kind);
    expect(kinds(before)).toEqual(expect.arrayContaining(['noFullTime', 'noPatrol']));
    expect(kinds(before)).not.toContain('noChief');
    // The building of the earlier test has a head; a second one has none.
    const second = await makeDwellings(t, micro.id, { estate: '金桂园二期', building: '5栋', address: '金桂路5号', rooms: ['101'] });
    const headless = (await ok(await call(sq01, 'GET', `/workforce/grids/${grid.id}/team`))).gaps.find((g: { kind: string }) => g.kind === 'buildingsWithoutHead');
    expect(headless).toMatchObject({ count: 1, subjects: [{ id: second.buildingId, name: '金桂园二期 5栋' }] });

    const w = await ok(await call(sq01, 'GET', '/workforce/workers?q=王网格'));
    await ok(await call(sq01, 'POST', '/workforce/positions', { workerId: w.items[0].id, kind: 'gridWorkerFullTime', regionId: grid.id, startOn: '2026-01-01' }), 201);
    for (const name of ['联防甲', '联防乙']) {
      const p = await ok(await call(sq01, 'POST', '/workforce/workers', { name, regionId: community.id }), 201);
      await ok(await call(sq01, 'POST', '/workforce/positions', { workerId: p.id, kind: 'patrolMember', regionId: grid.id, startOn: '2026-01-01' }), 201);
    }
    const head = await ok(await call(sq01, 'POST', '/workforce/workers', { name: '钱楼长', regionId: community.id }), 201);
    await ok(await call(sq01, 'POST', '/workforce/positions', { workerId: head.id, kind: 'buildingHead', buildingId: second.buildingId, startOn: '2026-01-01' }), 201);
    const after = await ok(await call(sq01, 'GET', `/workforce/grids/${grid.id}/team`));
    expect(kinds(after)).not.toEqual(expect.arrayContaining(['noFullTime']));
    expect(kinds(after)).not.toContain('noPatrol');
    expect(kinds(after)).not.toContain('buildingsWithoutHead');
    expect(after.label).toBe('1 名网格长 + 1 名专业网格员 + 2 名联防员');
    expect(after.buildingHeads.map((p: { name: string }) => p.name).sort()).toEqual(['赵楼长', '钱楼长']);
  });

  it('lists every grid of a community with its gaps; a grid with nobody lacks a chief', async () => {
    const all = await ok(await call(sq01, 'GET', `/workforce/grid-teams?regionId=${community.id}`));
    const grids = await rows<{ id: number }>(sql`SELECT id FROM regions WHERE parent_id = ${community.id} AND level = 5 AND archived_at IS NULL`);
    expect(all.total).toBe(grids.length);
    const mine = all.items.find((i: { grid: { id: number } }) => i.grid.id === grid.id);
    expect(mine.chief.map((p: { name: string }) => p.name)).toEqual(['李网格长']);
    const empty = all.items.find((i: { grid: { id: number }; chief: unknown[] }) => i.grid.id !== grid.id && i.grid.id !== grid2.id);
    expect(empty.gaps.map((g: { kind: string }) => g.kind)).toEqual(expect.arrayContaining(['noChief', 'noFullTime', 'noPatrol']));
    const gapsOnly = await ok(await call(sq01, 'GET', `/workforce/grid-teams?regionId=${community.id}&gapsOnly=true`));
    expect(gapsOnly.items.every((i: { gaps: unknown[] }) => i.gaps.length > 0)).toBe(true);
    expect(codeOf(await call(sq02, 'GET', `/workforce/grids/${grid.id}/team`))).toBe('SCOPE_DENIED');
    expect(codeOf(await call(sq02, 'GET', `/workforce/grid-teams?regionId=${community.id}`))).toBe('SCOPE_DENIED');
    expect(codeOf(await call(sq01, 'GET', `/workforce/grids/${community.id}/team`))).toBe('WORKFORCE_FIELD_INVALID');
  });
});

describe('archiving a worker', () => {
  it('ends every open position and keeps the history', async () => {
    const w = await ok(await call(sq01, 'POST', '/workforce/workers', { name: '将离岗', regionId: community.id }), 201);
    await ok(await call(sq01, 'POST', '/workforce/positions', { workerId: w.id, kind: 'informant', regionId: grid.id, startOn: '2026-01-01' }), 201);
    const archived = await ok(await call(sq01, 'POST', `/workforce/workers/${w.id}/archive`, { version: w.version }));
    expect(archived.archivedAt).not.toBeNull();
    expect(archived.positions.every((p: { endOn: string | null }) => p.endOn !== null)).toBe(true);
    expect(codeOf(await call(sq01, 'POST', '/workforce/positions', { workerId: w.id, kind: 'informant', regionId: grid.id, startOn: '2026-01-01' }))).toBe('WORKFORCE_ARCHIVED');
    const list = await ok(await call(sq01, 'GET', '/workforce/workers?q=将离岗'));
    expect(list.total).toBe(0);
  });
});
