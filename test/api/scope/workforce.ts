// Scope rows for workers, positions, teams, visits: one entry per route (see ../scope.test.ts for the harness).
//
// Fixtures: each side gets a worker (linked to the side's grid-worker account), a grid chief's
// position on its grid, a stationed team on its community led by that worker, an open visit in
// its grid with one resident seen and one finding. They are written straight to the tables by
// the first probe that needs them (no audit rows). The harness snapshots the workforce tables
// before any probe runs and compares after the street's reads, so the last street read of these
// rows (side B) removes the fixtures again; the street's writes, which run after the comparison,
// bring them back.
import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Actor, Entry, ScopeKit, Side } from '../scope.test.ts';

interface Fixture {
  worker: number;
  position: number;
  team: number;
  teamPosition: number;
  visit: number;
  finding: number;
}

export function workforceScopeRows(k: ScopeKit): Record<string, Entry> {
  const { probe, get, post, patch, put, scopeDenied, listWithout, itemIds, expectStatus, rows } = k;
  let made: Partial<Record<'A' | 'B', Fixture>> = {};
  const of = (key: 'A' | 'B') => made[key]!;
  const one = async <T>(q: ReturnType<typeof sql>) => (await rows<T>(q))[0];

  async function ensure(): Promise<void> {
    if (made.A && made.B) return;
    const sides = k.sides();
    for (const s of [sides.A, sides.B]) {
      const w = await one<{ id: number }>(sql`INSERT INTO workers (region_id, region_path, user_id, name, mobile_masked, sending_unit_kind, sending_unit)
        VALUES (${s.community.id}, ${s.community.path}, ${s.user.id}, ${`范围人员${s.key}`}, '139****0000', 'department', '区民政局') RETURNING id`);
      const p = await one<{ id: number }>(sql`INSERT INTO positions (region_id, region_path, worker_id, kind, start_on)
        VALUES (${s.grid.id}, ${s.grid.path}, ${w.id}, 'gridChief', '2026-01-01') RETURNING id`);
      const team = await one<{ id: number }>(sql`INSERT INTO stationed_teams (region_id, region_path, name, sending_unit, start_on)
        VALUES (${s.community.id}, ${s.community.path}, ${`范围驻队${s.key}`}, '区民政局', '2026-01-01') RETURNING id`);
      const tp = await one<{ id: number }>(sql`INSERT INTO positions (region_id, region_path, worker_id, kind, team_id, is_leader, start_on)
        VALUES (${s.community.id}, ${s.community.path}, ${w.id}, 'stationedMember', ${team.id}, true, '2026-01-01') RETURNING id`);
      const v = await one<{ id: number }>(sql`INSERT INTO visits (region_id, region_path, worker_id, check_in_at, check_in_lng, check_in_lat, check_in_outside, people_count)
        VALUES (${s.grid.id}, ${s.grid.path}, ${w.id}, now() - interval '1 hour', ${s.microPoint[0]}, ${s.microPoint[1]}, false, 1) RETURNING id`);
      await rows(sql`INSERT INTO visit_people (visit_id, resident_id) VALUES (${v.id}, ${s.reg.main.id})`);
      const f = await one<{ id: number }>(sql`INSERT INTO visit_findings (visit_id, description) VALUES (${v.id}, ${`范围发现${s.key}`}) RETURNING id`);
      made[s.key] = { worker: Number(w.id), position: Number(p.id), team: Number(team.id), teamPosition: Number(tp.id), visit: Number(v.id), finding: Number(f.id) };
    }
  }

  /** Removes the fixtures and whatever the street's writes hung on them. */
  async function drop(): Promise<void> {
    const all = Object.values(made);
    if (all.length === 0) return;
    const workers = all.map((f) => f.worker);
    const teams = all.map((f) => f.team);
    const list = (ids: number[]) => sql.join(ids.map((i) => sql`${i}`), sql`, `);
    await rows(sql`DELETE FROM visit_findings WHERE visit_id IN (SELECT id FROM visits WHERE worker_id IN (${list(workers)}))`);
    await rows(sql`DELETE FROM visit_people WHERE visit_id IN (SELECT id FROM visits WHERE worker_id IN (${list(workers)}))`);
    await rows(sql`DELETE FROM visits WHERE worker_id IN (${list(workers)})`);
    await rows(sql`DELETE FROM positions WHERE worker_id IN (${list(workers)}) OR team_id IN (${list(teams)})`);
    await rows(sql`DELETE FROM stationed_teams WHERE id IN (${list(teams)})`);
    await rows(sql`DELETE FROM workers WHERE id IN (${list(workers)})`);
    made = {};
  }

  const prepare = probe('prepare workforce fixtures', get('/workforce/me'), async (res) => {
    expect(res.statusCode, res.body).toBe(200);
    await ensure();
  });
  const cleanup = probe('remove workforce fixtures', get('/workforce/me'), async () => {
    await drop();
  });
  // URLs and bodies are read when the request is sent, after `prepare` ran.
  const lazy = (method: InjectOptions['method'], url: () => string, payload?: () => object): InjectOptions =>
    ({
      method,
      get url() {
        return `/api/v1${url()}`;
      },
      ...(payload
        ? {
            get payload() {
              return payload();
            },
          }
        : {}),
    }) as InjectOptions;
  const ids = (pick: keyof Fixture) => (s: Side) => new Set(made[s.key] ? [made[s.key]![pick]] : []);
  /** Visit writes: only a visit's own worker may; the sibling's staff lack the permission or the scope. */
  const refused = (res: LightMyRequestResponse, _a: Actor) => {
    expect(res.statusCode, res.body).toBe(403);
    expect(['SCOPE_DENIED', 'PERMISSION_DENIED']).toContain(res.json().code);
  };
  const noWorker = expectStatus(200, (b) => expect(b).toEqual({ worker: null, positions: [], openVisit: null, grids: [] }));
  // Ids the street's writes create, per side, for the writes that follow them.
  const created: Record<string, number> = {};
  const keep = (name: string, status: number) => (res: LightMyRequestResponse, _a: Actor, side: Side) => {
    expect(res.statusCode, res.body).toBe(status);
    created[`${name}${side.key}`] = res.json().id;
  };

  return {
    'GET /api/v1/workforce/workers': {
      cross: (me, them) => [
        prepare,
        probe('all in scope', get('/workforce/workers?limit=500'), listWithout(itemIds, ids('worker'), (m) => [of(m.key).worker])),
        probe('their community', get(`/workforce/workers?regionId=${them.community.id}`), scopeDenied()),
        probe('by their name', get(`/workforce/workers?q=${encodeURIComponent(`范围人员${them.key}`)}`), expectStatus(200, (b) => expect(b.total).toBe(0))),
        probe('grid chiefs of mine', get(`/workforce/workers?regionId=${me.community.id}&kind=gridChief`), listWithout(itemIds, ids('worker'))),
      ],
      street: (side) => [prepare, probe('a community', get(`/workforce/workers?regionId=${side.community.id}`), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(of(s.key).worker)))],
    },
    'POST /api/v1/workforce/workers': {
      cross: (me, them) => [
        probe('in their community', post('/workforce/workers', { name: '越界人员', regionId: them.community.id }), scopeDenied()),
        probe('their user as mine', post('/workforce/workers', { name: '越界人员', regionId: me.community.id, userId: them.user.id }), scopeDenied()),
        probe('their resident as mine', post('/workforce/workers', { name: '越界人员', regionId: me.community.id, residentId: them.reg.main.id }), scopeDenied()),
      ],
      street: (side) => [probe('in a community', post('/workforce/workers', { name: `街道登记${side.key}`, regionId: side.community.id, mobile: '13900001111' }), keep('worker', 201))],
      streetWrites: true,
    },
    'GET /api/v1/workforce/workers/:id': {
      cross: (_me, them) => [prepare, probe('their worker', lazy('GET', () => `/workforce/workers/${of(them.key).worker}`), scopeDenied())],
      street: (side) => [prepare, probe('a worker', lazy('GET', () => `/workforce/workers/${of(side.key).worker}`), expectStatus(200, (b) => expect(b.positions.length).toBe(2)))],
    },
    'PATCH /api/v1/workforce/workers/:id': {
      cross: (_me, them) => [prepare, probe('their worker', lazy('PATCH', () => `/workforce/workers/${of(them.key).worker}`, () => ({ version: 1, note: '越界' })), scopeDenied())],
      street: (side) => [prepare, probe('a worker', lazy('PATCH', () => `/workforce/workers/${of(side.key).worker}`, () => ({ version: 1, note: '街道修改' })), expectStatus(200))],
      streetWrites: true,
    },
    'POST /api/v1/workforce/workers/:id/archive': {
      cross: (_me, them) => [prepare, probe('their worker', lazy('POST', () => `/workforce/workers/${of(them.key).worker}/archive`, () => ({})), scopeDenied())],
      street: (side) => [probe('the one the street registered', lazy('POST', () => `/workforce/workers/${created[`worker${side.key}`]}/archive`, () => ({})), expectStatus(200))],
      streetWrites: true,
    },
    'POST /api/v1/workforce/workers/:id/reveal': {
      cross: (_me, them) => [prepare, probe('their worker’s mobile', lazy('POST', () => `/workforce/workers/${of(them.key).worker}/reveal`), scopeDenied())],
      street: (side) => [probe('a mobile (audited)', lazy('POST', () => `/workforce/workers/${created[`worker${side.key}`]}/reveal`), expectStatus(200, (b) => expect(b.mobile).toBe('13900001111')))],
      streetWrites: true,
    },
    'GET /api/v1/workforce/positions': {
      cross: (me, them) => [
        prepare,
        probe('all in scope', get('/workforce/positions'), listWithout(itemIds, ids('position'), (m) => [of(m.key).position])),
        probe('their grid', get(`/workforce/positions?regionId=${them.grid.id}`), scopeDenied()),
        probe('of their worker', lazy('GET', () => `/workforce/positions?workerId=${of(them.key).worker}`), expectStatus(200, (b) => expect(b.items).toEqual([]))),
        probe('mine, current', get(`/workforce/positions?regionId=${me.community.id}&current=true`), listWithout(itemIds, ids('teamPosition'))),
      ],
      street: (side) => [prepare, probe('a grid', get(`/workforce/positions?regionId=${side.grid.id}`), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(of(s.key).position)))],
    },
    'POST /api/v1/workforce/positions': {
      cross: (me, them) => [
        prepare,
        probe('my worker on their grid', lazy('POST', () => '/workforce/positions', () => ({ workerId: of(me.key).worker, kind: 'patrolMember', regionId: them.grid.id, startOn: '2026-01-01' })), scopeDenied()),
        probe('their worker on my grid', lazy('POST', () => '/workforce/positions', () => ({ workerId: of(them.key).worker, kind: 'patrolMember', regionId: me.grid.id, startOn: '2026-01-01' })), scopeDenied()),
        probe('head of their building', lazy('POST', () => '/workforce/positions', () => ({ workerId: of(me.key).worker, kind: 'buildingHead', buildingId: them.housing.building.id, startOn: '2026-01-01' })), scopeDenied()),
        probe('member of their team', lazy('POST', () => '/workforce/positions', () => ({ workerId: of(me.key).worker, kind: 'stationedMember', teamId: of(them.key).team, startOn: '2026-01-01' })), scopeDenied()),
      ],
      street: (side) => [
        prepare,
        probe('patrol member on a grid', lazy('POST', () => '/workforce/positions', () => ({ workerId: of(side.key).worker, kind: 'patrolMember', regionId: side.micro.id, startOn: '2026-01-01' })), keep('position', 201)),
      ],
      streetWrites: true,
    },
    'GET /api/v1/workforce/positions/:id': {
      cross: (_me, them) => [prepare, probe('their position', lazy('GET', () => `/workforce/positions/${of(them.key).position}`), scopeDenied())],
      street: (side) => [prepare, probe('a position', lazy('GET', () => `/workforce/positions/${of(side.key).position}`), expectStatus(200, (b) => expect(b.kind).toBe('gridChief')))],
    },
    'POST /api/v1/workforce/positions/:id/end': {
      cross: (_me, them) => [prepare, probe('their position', lazy('POST', () => `/workforce/positions/${of(them.key).position}/end`, () => ({ endOn: '2026-06-30' })), scopeDenied())],
      street: (side) => [probe('the one the street set', lazy('POST', () => `/workforce/positions/${created[`position${side.key}`]}/end`, () => ({ endOn: '2026-06-30' })), expectStatus(200, (b) => expect(b.endOn).toBe('2026-06-30')))],
      streetWrites: true,
    },
    'GET /api/v1/workforce/teams': {
      cross: (_me, them) => [
        prepare,
        probe('all in scope', get('/workforce/teams'), listWithout(itemIds, ids('team'), (m) => [of(m.key).team])),
        probe('their community', get(`/workforce/teams?regionId=${them.community.id}`), scopeDenied()),
      ],
      street: (side) => [prepare, probe('a community', get(`/workforce/teams?regionId=${side.community.id}`), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(of(s.key).team)))],
    },
    'POST /api/v1/workforce/teams': {
      cross: (_me, them) => [probe('in their community', post('/workforce/teams', { name: '越界驻队', regionId: them.community.id, startOn: '2026-01-01' }), scopeDenied())],
      street: (side) => [probe('in a community', post('/workforce/teams', { name: `街道驻队${side.key}`, regionId: side.community.id, startOn: '2026-01-01' }), keep('team', 201))],
      streetWrites: true,
    },
    'GET /api/v1/workforce/teams/:id': {
      cross: (_me, them) => [prepare, probe('their team', lazy('GET', () => `/workforce/teams/${of(them.key).team}`), scopeDenied())],
      street: (side) => [prepare, probe('a team', lazy('GET', () => `/workforce/teams/${of(side.key).team}`), expectStatus(200, (b) => expect(b.leader.name).toBe(`范围人员${side.key}`)))],
    },
    'PATCH /api/v1/workforce/teams/:id': {
      cross: (_me, them) => [prepare, probe('their team', lazy('PATCH', () => `/workforce/teams/${of(them.key).team}`, () => ({ version: 1, fixedWeekday: 3 })), scopeDenied())],
      street: (side) => [prepare, probe('a team', lazy('PATCH', () => `/workforce/teams/${of(side.key).team}`, () => ({ version: 1, fixedWeekday: 3 })), expectStatus(200, (b) => expect(b.fixedWeekday).toBe(3)))],
      streetWrites: true,
    },
    'POST /api/v1/workforce/teams/:id/end': {
      cross: (_me, them) => [prepare, probe('their team', lazy('POST', () => `/workforce/teams/${of(them.key).team}/end`, () => ({ endOn: '2026-06-30' })), scopeDenied())],
      street: (side) => [probe('the one the street made', lazy('POST', () => `/workforce/teams/${created[`team${side.key}`]}/end`, () => ({ endOn: '2026-06-30' })), expectStatus(200))],
      streetWrites: true,
    },
    'GET /api/v1/workforce/grids/:id/team': {
      cross: (_me, them) => [prepare, probe('their grid', get(`/workforce/grids/${them.grid.id}/team`), scopeDenied())],
      street: (side) => [prepare, probe('a grid', get(`/workforce/grids/${side.grid.id}/team`), expectStatus(200, (b, s) => expect(b.chief.map((p: { workerId: number }) => p.workerId)).toEqual([of(s.key).worker])))],
    },
    'GET /api/v1/workforce/grid-teams': {
      cross: (_me, them) => [
        prepare,
        probe('their community', get(`/workforce/grid-teams?regionId=${them.community.id}`), scopeDenied()),
        probe('mine', get('/workforce/grid-teams'), listWithout((b) => b.items.map((i: { grid: { id: number } }) => i.grid.id), (s) => s.subtreeIds)),
      ],
      street: (side) => [prepare, probe('a community', get(`/workforce/grid-teams?regionId=${side.community.id}`), expectStatus(200, (b, s) => expect(b.items.map((i: { grid: { id: number } }) => i.grid.id)).toContain(s.grid.id)))],
    },
    'GET /api/v1/workforce/me': {
      cross: () => [prepare, probe('staff have no worker record', get('/workforce/me'), noWorker)],
      street: () => [prepare, probe('the street neither', get('/workforce/me'), noWorker)],
    },
    'POST /api/v1/workforce/visits/check-in': {
      cross: (_me, them) => [probe('in their grid', post('/workforce/visits/check-in', { regionId: them.grid.id }), refused)],
      // Street staff may log visits of their own, but jd01 has no worker record: refused as such.
      street: (side) => [probe('staff without a worker record', post('/workforce/visits/check-in', { regionId: side.grid.id }), k.refusedWith(404, 'WORKFORCE_NOT_A_WORKER'))],
    },
    'POST /api/v1/workforce/visits/:id/check-out': {
      cross: (_me, them) => [prepare, probe('their visit', lazy('POST', () => `/workforce/visits/${of(them.key).visit}/check-out`, () => ({})), refused)],
    },
    'PUT /api/v1/workforce/visits/:id/people': {
      cross: (me, them) => [
        prepare,
        probe('their visit', lazy('PUT', () => `/workforce/visits/${of(them.key).visit}/people`, () => ({ residentIds: [me.reg.main.id], householdIds: [] })), refused),
      ],
    },
    'POST /api/v1/workforce/visits/:id/findings': {
      cross: (_me, them) => [prepare, probe('their visit', lazy('POST', () => `/workforce/visits/${of(them.key).visit}/findings`, () => ({ description: '越界记录' })), refused)],
    },
    'POST /api/v1/workforce/visits/:id/findings/:findingId/case': {
      cross: (_me, them) => [prepare, probe('their finding', lazy('POST', () => `/workforce/visits/${of(them.key).visit}/findings/${of(them.key).finding}/case`, () => ({})), refused)],
    },
    'GET /api/v1/workforce/visits': {
      cross: (_me, them) => [
        prepare,
        probe('all in scope', get('/workforce/visits?limit=500'), listWithout(itemIds, ids('visit'), (m) => [of(m.key).visit])),
        probe('their grid', get(`/workforce/visits?regionId=${them.grid.id}`), scopeDenied()),
        probe('of their worker', lazy('GET', () => `/workforce/visits?workerId=${of(them.key).worker}`), expectStatus(200, (b) => expect(b.total).toBe(0))),
      ],
      street: (side) => [prepare, probe('a community', get(`/workforce/visits?regionId=${side.community.id}`), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(of(s.key).visit)))],
    },
    'GET /api/v1/workforce/visits/:id': {
      cross: (_me, them) => [prepare, probe('their visit', lazy('GET', () => `/workforce/visits/${of(them.key).visit}`), scopeDenied())],
      // The last of these rows' street reads: on side B it removes the fixtures before the harness compares.
      street: (side) => [
        prepare,
        probe('a visit', lazy('GET', () => `/workforce/visits/${of(side.key).visit}`), expectStatus(200, (b) => expect(b.residents).toHaveLength(1))),
        ...(side.key === 'B' ? [cleanup] : []),
      ],
    },
  };
}
