// Name search at city scale: the residents list's service function (listResidents: scope filter,
// search branches, capped count, page context) with a name prefix in the search box, for common
// and rare surnames, in a whole-city scope and in one community's scope. Interleaved calls, so
// all cases see the same background load; goal p99 < 50 ms on the PostgreSQL server.
import { PERMISSIONS } from '../src/modules/accounts/permissions.ts';
import { listResidents } from '../src/modules/registry/residents.search.ts';
import { systemContext, type RequestContext } from '../src/shared/context.ts';
import type { BenchDatabase } from './lib/engines.ts';
import { measureInterleaved, type LatencyStats } from './lib/util.ts';

export interface SearchCase {
  scope: string;
  q: string;
  kind: string;
  total: number;
  capped: boolean;
  items: number;
  stats: LatencyStats;
}

export interface RegistrySearchResult {
  residents: number;
  community: { name: string; residents: number };
  cases: SearchCase[];
  worstP99Ms: number;
}

const QUERIES: { q: string; kind: string }[] = [
  { q: '王', kind: 'common surname (1 character)' },
  { q: '王伟', kind: 'common surname + given name' },
  { q: '欧阳', kind: 'rare surname' },
  { q: '诸葛明', kind: 'rare surname + given name' },
  { q: 'ww', kind: 'pinyin initials of a common name (王伟 …)' },
];

export async function runRegistrySearchBench(b: BenchDatabase, opts: { reps: number; warmup: number }): Promise<RegistrySearchResult> {
  await b.raw.query('ANALYZE residents');
  const [{ n }] = (await b.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM residents')).rows;
  const [community] = (
    await b.raw.query<{ id: number; path: string; name: string; residents: number }>(
      `SELECT r.id, r.path, r.name, c.value::int AS residents FROM regions r JOIN region_counters c ON c.region_id = r.id AND c.measure = 'residents' WHERE r.level = 4 ORDER BY c.value DESC LIMIT 1`,
    )
  ).rows;
  const city = systemContext('bench', PERMISSIONS);
  const local: RequestContext = { ...city, actor: { ...city.actor, roles: ['communityStaff'], scope: { regionId: community.id, path: community.path } } };
  const scopes: [string, RequestContext][] = [
    ['whole city', city],
    [`community (${community.name})`, local],
  ];
  const fns: Record<string, () => Promise<unknown>> = {};
  const meta = new Map<string, { scope: string; q: string; kind: string; ctx: RequestContext }>();
  for (const [scope, ctx] of scopes) {
    for (const { q, kind } of QUERIES) {
      const key = `${scope}|${q}`;
      meta.set(key, { scope, q, kind, ctx });
      fns[key] = () => listResidents(b.database.db, ctx, { q, limit: 20 });
    }
  }
  const stats = await measureInterleaved(fns, opts.reps, opts.warmup);
  const cases: SearchCase[] = [];
  for (const [key, m] of meta) {
    const page = await listResidents(b.database.db, m.ctx, { q: m.q, limit: 20 });
    cases.push({ scope: m.scope, q: m.q, kind: m.kind, total: page.total, capped: page.totalCapped, items: page.items.length, stats: stats[key] });
  }
  return { residents: n, community: { name: community.name, residents: community.residents }, cases, worstP99Ms: Math.max(...cases.map((c) => c.stats.p99Ms)) };
}
