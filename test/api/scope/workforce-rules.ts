// Scope rows for weekly rules and reviews: one entry per route (see ../scope.test.ts for the harness).
// Each side gets a grid worker with a visit, a paired deputy with a public report in their grid, a
// stationed team with a member's visit, and a review of the deputy, written straight to the tables
// by the first probe of each row and removed again by its last: the workforce tables are part of
// the harness's snapshot, and these rows must not be there when it is compared.
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import type { Entry, ScopeKit, Side } from '../scope.test.ts';

interface Made {
  worker: number;
  deputy: number;
  team: number;
  review: number;
  workers: number[];
  positions: number[];
  visits: number[];
  cases: number[];
}

export function workforceRulesScopeRows(k: ScopeKit): Record<string, Entry> {
  const made: Partial<Record<'A' | 'B', Made>> = {};
  const id = async (q: ReturnType<typeof sql>) => Number((await k.rows<{ id: number }>(q))[0].id);
  const ints = (xs: number[]) => sql`${sql.param(xs)}::int[]`;

  async function makeSide(s: Side): Promise<Made> {
    const c = s.community;
    const worker = async (name: string) => id(sql`INSERT INTO workers (region_id, region_path, name, sending_unit) VALUES (${c.id}, ${c.path}, ${name}, ${`派出单位${s.key}`}) RETURNING id`);
    const position = async (w: number, kind: string, r: { id: number; path: string }, teamId: number | null = null) =>
      id(sql`INSERT INTO positions (region_id, region_path, worker_id, kind, team_id, is_leader, start_on) VALUES (${r.id}, ${r.path}, ${w}, ${kind}, ${teamId}, ${teamId !== null}, '2026-01-01') RETURNING id`);
    const visit = async (w: number, r: { id: number; path: string }, teamId: number | null = null) =>
      id(sql`INSERT INTO visits (region_id, region_path, worker_id, team_id, check_in_at, check_out_at, check_in_outside, people_count)
        VALUES (${r.id}, ${r.path}, ${w}, ${teamId}, '2026-11-03T01:00:00Z', '2026-11-03T04:00:00Z', false, 1) RETURNING id`);
    const w = await worker(`规则${s.key}网格员`);
    const d = await worker(`规则${s.key}双副`);
    const m = await worker(`规则${s.key}驻村队员`);
    const team = await id(sql`INSERT INTO stationed_teams (region_id, region_path, name, start_on) VALUES (${c.id}, ${c.path}, ${`规则${s.key}驻村队`}, '2026-01-01') RETURNING id`);
    const positions = [await position(w, 'gridWorkerFullTime', s.grid), await position(d, 'pairedDeputy', s.grid), await position(m, 'stationedMember', c, team)];
    const visits = [await visit(w, s.micro), await visit(m, c, team)];
    await k.rows(sql`INSERT INTO visit_people (visit_id, resident_id) VALUES (${visits[0]}, ${s.reg.main.id})`);
    const caseId = await id(sql`INSERT INTO cases (code, source, title, region_id, region_path, desk_region_id, desk_region_path, reported_at)
      VALUES (${`WFR-SCOPE-${s.key}`}, 'resident', ${`问责范围${s.key}`}, ${s.micro.id}, ${s.micro.path}, ${c.id}, ${c.path}, '2026-10-20T02:00:00Z') RETURNING id`);
    const review = await id(sql`INSERT INTO reviews (region_id, region_path, quarter, subject_kind, subject_id, direction, score)
      VALUES (${c.id}, ${c.path}, '2026Q4', 'pairedDeputy', ${d}, 'communityRatesSubject', 90) RETURNING id`);
    return { worker: w, deputy: d, team, review, workers: [w, d, m], positions, visits, cases: [caseId] };
  }

  const carrier = k.get('/workforce/rules');
  const prepare = k.probe('prepare rule fixtures on each side', carrier, async (res) => {
    expect(res.statusCode, res.body).toBe(200);
    const sides = k.sides();
    for (const s of [sides.A, sides.B]) if (!made[s.key]) made[s.key] = await makeSide(s);
  });
  const cleanup = k.probe('remove the fixtures again', carrier, async () => {
    for (const key of ['A', 'B'] as const) {
      const m = made[key];
      if (!m) continue;
      await k.rows(sql`DELETE FROM visit_people WHERE visit_id = ANY(${ints(m.visits)})`);
      await k.rows(sql`DELETE FROM visits WHERE id = ANY(${ints(m.visits)})`);
      await k.rows(sql`DELETE FROM positions WHERE id = ANY(${ints(m.positions)})`);
      await k.rows(sql`DELETE FROM workers WHERE id = ANY(${ints(m.workers)})`);
      await k.rows(sql`DELETE FROM stationed_teams WHERE id = ${m.team}`);
      await k.rows(sql`DELETE FROM reviews WHERE id = ${m.review}`);
      await k.rows(sql`DELETE FROM cases WHERE id = ANY(${ints(m.cases)})`);
      delete made[key];
    }
  });
  const of = (key: 'A' | 'B') => made[key]!;
  /** Fixture ids are known only after `prepare` ran: URLs and bodies are read when sent. */
  const lazy = (method: InjectOptions['method'], url: () => string, payload?: () => object): InjectOptions => {
    const req = { method } as InjectOptions;
    Object.defineProperty(req, 'url', { get: () => `/api/v1${url()}`, enumerable: true });
    if (payload) Object.defineProperty(req, 'payload', { get: payload, enumerable: true });
    return req;
  };
  const around = (probes: ReturnType<ScopeKit['probe']>[]) => [prepare, ...probes, cleanup];
  const W = 'week=2026-W45';
  const board = (b: { items: { worker: { id: number } }[] }) => b.items.map((i) => i.worker.id);
  const teams = (b: { items: { team: { id: number } }[] }) => b.items.map((i) => i.team.id);
  const deputies = (b: { items: { deputy: { id: number } }[] }) => b.items.map((i) => i.deputy.id);
  const subjects = (b: { items: { subject: { id: number } }[] }) => b.items.map((i) => i.subject.id);
  const reviewRow = (key: 'A' | 'B', communityKey: 'A' | 'B', direction: string) => () => ({
    quarter: '2026Q4',
    subjectKind: 'pairedDeputy',
    subjectId: of(key).deputy,
    direction,
    communityId: k.sides()[communityKey].community.id,
    score: 60,
  });

  return {
    'GET /api/v1/workforce/rules': {
      cross: () => [k.probe('one set for the whole system', k.get('/workforce/rules'), k.expectStatus(200, (b) => expect(b.entries).toBeGreaterThan(0)))],
      street: () => [k.probe('read', k.get('/workforce/rules'), k.expectStatus(200))],
    },
    'PUT /api/v1/workforce/rules': {
      // Only whole-system staff: a settings.write holder scoped to one community is refused.
      cross: () => [
        k.probe('change the bar for everyone', k.put('/workforce/rules', { entries: 1, hoursPerEntry: 1, residents: 1, teamVisits: 1, teamMinMembers: 1, deputyLookbackWeeks: 1, excellentShare: 1 }), k.scopeDenied('settings.write')),
      ],
      street: () => [k.probe('street may not', k.put('/workforce/rules', { entries: 1, hoursPerEntry: 1, residents: 1, teamVisits: 1, teamMinMembers: 1, deputyLookbackWeeks: 1, excellentShare: 1 }), k.permissionDenied)],
    },
    'GET /api/v1/workforce/rules/5310': {
      cross: (me, them) =>
        around([
          k.probe('their grid', k.get(`/workforce/rules/5310?regionId=${them.grid.id}&${W}`), k.scopeDenied()),
          k.probe('their community', k.get(`/workforce/rules/5310?regionId=${them.community.id}&${W}`), k.scopeDenied()),
          k.probe('my scope', k.get(`/workforce/rules/5310?${W}`), k.listWithout(board, (s) => new Set([of(s.key).worker]), (s) => [of(s.key).worker])),
        ]),
      street: (side) => around([k.probe('a community grid', k.get(`/workforce/rules/5310?regionId=${side.grid.id}&${W}`), k.expectStatus(200, (b, s) => expect(board(b)).toContain(of(s.key).worker)))]),
    },
    'GET /api/v1/workforce/rules/5310/export': {
      cross: (me, them) =>
        around([
          k.probe('their community', k.get(`/workforce/rules/5310/export?regionId=${them.community.id}&${W}`), k.scopeDenied()),
          k.probe('my community', k.get(`/workforce/rules/5310/export?regionId=${me.community.id}&${W}`), (res) => {
            expect(res.statusCode).toBe(200);
            expect(res.headers['content-type']).toContain('spreadsheetml');
          }),
        ]),
      street: (side) => around([k.probe('a community', k.get(`/workforce/rules/5310/export?regionId=${side.community.id}&${W}`), k.expectStatus(200))]),
    },
    'GET /api/v1/workforce/rules/stationed': {
      cross: (me, them) =>
        around([
          k.probe('their community', k.get(`/workforce/rules/stationed?regionId=${them.community.id}&${W}`), k.scopeDenied()),
          k.probe('my scope', k.get(`/workforce/rules/stationed?${W}`), k.listWithout(teams, (s) => new Set([of(s.key).team]), (s) => [of(s.key).team])),
        ]),
      street: (side) => around([k.probe('a community', k.get(`/workforce/rules/stationed?regionId=${side.community.id}&${W}`), k.expectStatus(200, (b, s) => expect(teams(b)).toContain(of(s.key).team)))]),
    },
    'GET /api/v1/workforce/rules/paired-deputies': {
      cross: (me, them) =>
        around([
          k.probe('their grid', k.get(`/workforce/rules/paired-deputies?regionId=${them.grid.id}&from=2026-10-01&to=2026-10-31`), k.scopeDenied()),
          k.probe('my scope', k.get('/workforce/rules/paired-deputies?from=2026-10-01&to=2026-10-31'), k.listWithout(deputies, (s) => new Set([of(s.key).deputy]), (s) => [of(s.key).deputy])),
        ]),
      street: (side) =>
        around([
          k.probe('a community', k.get(`/workforce/rules/paired-deputies?regionId=${side.community.id}&from=2026-10-01&to=2026-10-31`), k.expectStatus(200, (b, s) => expect(deputies(b)).toContain(of(s.key).deputy))),
        ]),
    },
    'GET /api/v1/workforce/reviews': {
      cross: (me, them) =>
        around([
          k.probe('their community', k.get(`/workforce/reviews?regionId=${them.community.id}`), k.scopeDenied()),
          k.probe('my scope', k.get('/workforce/reviews?quarter=2026Q4'), k.listWithout(k.itemIds, (s) => new Set([of(s.key).review]), (s) => [of(s.key).review])),
        ]),
      street: (side) => around([k.probe('a community', k.get(`/workforce/reviews?regionId=${side.community.id}`), k.expectStatus(200, (b, s) => expect(k.itemIds(b)).toContain(of(s.key).review)))]),
    },
    'POST /api/v1/workforce/reviews': {
      cross: (me, them) =>
        around([
          k.probe('rate their deputy for their community', lazy('POST', () => '/workforce/reviews', reviewRow(them.key, them.key, 'communityRatesSubject')), k.scopeDenied()),
          k.probe('rate their deputy for my community', lazy('POST', () => '/workforce/reviews', reviewRow(them.key, me.key, 'communityRatesSubject')), k.scopeDenied()),
          k.probe('rate their community for their deputy', lazy('POST', () => '/workforce/reviews', reviewRow(them.key, them.key, 'subjectRatesCommunity')), k.scopeDenied()),
        ]),
      street: (side) => [prepare, k.probe('rate a community for its deputy', lazy('POST', () => '/workforce/reviews', reviewRow(side.key, side.key, 'subjectRatesCommunity')), k.expectStatus(201))],
      streetWrites: true,
    },
    'GET /api/v1/workforce/reviews/ranking': {
      cross: (me, them) =>
        around([
          k.probe('their community', k.get(`/workforce/reviews/ranking?quarter=2026Q4&regionId=${them.community.id}`), k.scopeDenied()),
          k.probe('my scope', k.get('/workforce/reviews/ranking?quarter=2026Q4&subjectKind=pairedDeputy'), k.listWithout(subjects, (s) => new Set([of(s.key).deputy]), (s) => [of(s.key).deputy])),
        ]),
      street: (side) =>
        around([k.probe('a community', k.get(`/workforce/reviews/ranking?quarter=2026Q4&regionId=${side.community.id}`), k.expectStatus(200, (b, s) => expect(subjects(b)).toContain(of(s.key).deputy)))]),
    },
  };
}
