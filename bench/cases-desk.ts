// The dispatch desk at city scale: with the city's tree and a year of its cases loaded (the demo
// loader, ≈ 1,000,000 cases), the service behind GET /cases?view=desk (listCases in
// cases.read.ts: filters, scope, the desk's queue ordered returned-first then by stage deadline,
// the page presented with region and category names) is called as the dispatchers of random
// communities and streets, and GET /cases?view=mine as the handlers of random departments.
// Goal: p99 < 100 ms on the PostgreSQL server.
import { PERMISSIONS } from '../src/modules/accounts/permissions.ts';
import { permissionsOf } from '../src/modules/accounts/index.ts';
import { listCases } from '../src/modules/cases/cases.read.ts';
import { systemContext, type RequestContext } from '../src/shared/context.ts';
import type { BenchDatabase } from './lib/engines.ts';
import { latencyStats, msSince, nowNs, rng, type LatencyStats } from './lib/util.ts';

export interface DeskCall {
  kind: string;
  stats: LatencyStats;
  /** Mean items on the page and mean total the queue holds. */
  items: number;
  total: number;
  desks: number;
}

export interface DeskResult {
  cases: number;
  events: number;
  open: number;
  waiting: number;
  calls: DeskCall[];
  worstP99Ms: number;
}

const ctxAs = (roles: string[], scope: { regionId: number | null; path: string }, departmentId: number | null = null): RequestContext => {
  const base = systemContext('bench', PERMISSIONS);
  return { ...base, actor: { ...base.actor, roles, permissions: permissionsOf(roles) as Set<string>, scope, departmentId } } as RequestContext;
};

/** Calls taking turns between kinds (so all see the same background load), a random desk each time. */
export async function runDeskBench(b: BenchDatabase, opts: { reps: number; warmup: number }): Promise<DeskResult> {
  const q = <T>(text: string) => b.raw.query<T>(text).then((r) => r.rows);
  const [counts] = await q<{ cases: number; events: number; open: number; waiting: number }>(`SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM case_events) AS events,
    (SELECT count(*)::int FROM cases WHERE status NOT IN ('closed', 'rejected', 'merged')) AS open, (SELECT count(*)::int FROM cases WHERE status IN ('reported', 'registered')) AS waiting`);
  const regions = await q<{ id: number; path: string; level: number }>('SELECT id, path, level FROM regions WHERE level IN (2, 3, 4) AND archived_at IS NULL ORDER BY id');
  const departments = await q<{ id: number; regionId: number; path: string }>('SELECT d.id, r.id AS "regionId", r.path FROM departments d JOIN regions r ON r.id = d.service_area_id ORDER BY d.id');
  const pools: { kind: string; ctxs: RequestContext[]; view: 'desk' | 'mine' }[] = [
    { kind: 'desk: community (社区受理台)', view: 'desk', ctxs: regions.filter((r) => r.level === 4).map((r) => ctxAs(['communityStaff'], { regionId: r.id, path: r.path })) },
    { kind: 'desk: street (街道受理台)', view: 'desk', ctxs: regions.filter((r) => r.level === 3).map((r) => ctxAs(['streetStaff'], { regionId: r.id, path: r.path })) },
    { kind: 'desk: district (区指挥中心)', view: 'desk', ctxs: regions.filter((r) => r.level === 2).map((r) => ctxAs(['districtStaff'], { regionId: r.id, path: r.path })) },
    { kind: 'mine: department handler (部门)', view: 'mine', ctxs: departments.map((d) => ctxAs(['departmentHandler'], { regionId: d.regionId, path: d.path }, d.id)) },
  ];
  const rand = rng(99);
  const pick = (ctxs: RequestContext[]) => ctxs[Math.floor(rand() * ctxs.length)];
  for (let i = 0; i < opts.warmup; i++) for (const p of pools) await listCases(b.database.db, pick(p.ctxs), { view: p.view });
  const samples = pools.map(() => [] as number[]);
  const items = pools.map(() => 0);
  const totals = pools.map(() => 0);
  for (let i = 0; i < opts.reps; i++) {
    for (const [k, p] of pools.entries()) {
      const ctx = pick(p.ctxs);
      const t0 = nowNs();
      const page = await listCases(b.database.db, ctx, { view: p.view });
      samples[k].push(msSince(t0));
      items[k] += page.items.length;
      totals[k] += page.total;
    }
  }
  const calls = pools.map((p, k) => ({ kind: p.kind, stats: latencyStats(samples[k]), items: items[k] / opts.reps, total: totals[k] / opts.reps, desks: p.ctxs.length }));
  return { ...counts, calls, worstP99Ms: Math.max(...calls.map((c) => c.stats.p99Ms)) };
}
