// Intake over HTTP: the real app (buildApp) listening on a port, a grid worker (wgy01) logged in,
// 8 concurrent clients (Node's fetch, keep-alive) filing patrol reports at random points of the
// grid worker's grid with random subcategories through POST /api/v1/cases — field checks,
// locate, desk, code counter, case + event + audit in one transaction, the CaseDetail answer —
// for a fixed time; then the same with the duplicate hint a reporting client asks for next
// (GET /cases/:id/similar). Baseline on the server: pgbench inserting rows shaped like cases
// (a LIKE copy of the table with all its indexes) with the same concurrency, in the same run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Polygon } from 'geojson';
import type { DemoCity } from '../src/demo/index.ts';
import { DEMO_PASSWORD } from '../src/demo/load.ts';
import { allCategoryRows } from '../src/modules/cases/cases.bulk.repository.ts';
import { buildApp } from '../src/server/app.ts';
import type { BenchDatabase, EngineName } from './lib/engines.ts';
import { OUT_DIR } from './lib/engines.ts';
import { latencyStats, log, msSince, nowNs, rng, type LatencyStats } from './lib/util.ts';

export interface IntakePhase {
  requests: number;
  created: number;
  perSec: number;
  latency: LatencyStats;
  errors: number;
  firstError?: string;
}

export interface IntakeResult {
  engine: EngineName;
  seconds: number;
  concurrency: number;
  casesBefore: number;
  /** POST /cases only. */
  report: IntakePhase;
  /** POST /cases, then GET /cases/:id/similar (one intake with its duplicate hint). */
  withHint: IntakePhase;
  /** POST /cases from one client: does concurrency raise the rate at all? */
  single?: IntakePhase;
}

export interface PgbenchResult {
  seconds: number;
  clients: number;
  threads: number;
  tps: number;
  transactions: number;
  latency: LatencyStats | null;
  command: string;
}

/** Points inside the micro-grids of a grid, and the subcategories, for report bodies. */
function bodies(city: DemoCity, gridCode: string, categories: { id: number; nameZh: string }[], seed: number): () => Record<string, unknown> {
  const rand = rng(seed);
  const micro = city.regions.filter((r) => r.parentCode === gridCode && r.level === 6);
  const grid = city.regions.find((r) => r.code === gridCode)!;
  const rings = (micro.length ? micro : [grid]).map((r) => (r.boundary as Polygon).coordinates[0].slice(0, -1));
  let n = 0;
  return () => {
    const ring = rings[Math.floor(rand() * rings.length)];
    const cx = ring.reduce((s, p) => s + p[0], 0) / ring.length;
    const cy = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    const i = Math.floor(rand() * ring.length);
    const [a, b] = [ring[i], ring[(i + 1) % ring.length]];
    let u = rand();
    let v = rand();
    if (u + v > 1) [u, v] = [1 - u, 1 - v];
    const c = categories[Math.floor(rand() * categories.length)];
    return {
      source: 'patrol',
      title: `${grid.name}巡查发现${c.nameZh}`,
      description: `压测上报第 ${++n} 件：${c.nameZh}，请核实处理。`,
      categoryId: c.id,
      lng: +(cx + 0.9 * (u * (a[0] - cx) + v * (b[0] - cx))).toFixed(6),
      lat: +(cy + 0.9 * (u * (a[1] - cy) + v * (b[1] - cy))).toFixed(6),
    };
  };
}

async function phase(base: string, cookie: string, body: () => Record<string, unknown>, opts: { seconds: number; concurrency: number; hint: boolean }): Promise<IntakePhase> {
  const samples: number[] = [];
  let errors = 0;
  let created = 0;
  let requests = 0;
  let firstError: string | undefined;
  const headers = { cookie, 'content-type': 'application/json' };
  const started = nowNs();
  const deadline = Date.now() + opts.seconds * 1000;
  const worker = async () => {
    while (Date.now() < deadline) {
      const t0 = nowNs();
      requests++;
      try {
        const res = await fetch(`${base}/api/v1/cases`, { method: 'POST', headers, body: JSON.stringify(body()) });
        const text = await res.text();
        if (res.status !== 201) throw new Error(`POST /cases ${res.status}: ${text.slice(0, 200)}`);
        if (opts.hint) {
          const id = (JSON.parse(text) as { id: number }).id;
          const sim = await fetch(`${base}/api/v1/cases/${id}/similar`, { headers: { cookie } });
          const simText = await sim.text();
          if (sim.status !== 200) throw new Error(`GET /cases/${id}/similar ${sim.status}: ${simText.slice(0, 200)}`);
        }
        created++;
        samples.push(msSince(t0));
      } catch (e) {
        errors++;
        firstError ??= e instanceof Error ? e.message : String(e);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const ms = msSince(started);
  return { requests, created, perSec: (created / ms) * 1000, latency: latencyStats(samples.length ? samples : [0]), errors, ...(firstError ? { firstError } : {}) };
}

/** The app on a port over the bench database, a logged-in grid worker, two timed phases. */
export async function runIntakeBench(b: BenchDatabase, city: DemoCity, opts: { seconds: number; concurrency: number; warmup: number }): Promise<IntakeResult> {
  const app = await buildApp({ db: b.database.db, webDist: null, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'wgy01', password: DEMO_PASSWORD }) });
    if (login.status !== 200) throw new Error(`login wgy01: ${login.status} ${await login.text()}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('wangge_session='))!;
    const gridCode = city.accounts.find((a) => a.username === 'wgy01')!.scopeCode!;
    const categories = (await allCategoryRows(b.database.db)).filter((c) => c.parentCode && !c.archivedAt);
    const body = bodies(city, gridCode, categories, 4242);
    const [{ n: casesBefore }] = (await b.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows;
    await phase(base, cookie, body, { seconds: opts.warmup, concurrency: opts.concurrency, hint: true });
    log(`${b.engine}: intake over HTTP, ${opts.concurrency} clients, ${opts.seconds} s per phase (after ${casesBefore.toLocaleString('en')} cases)…`);
    const report = await phase(base, cookie, body, { seconds: opts.seconds, concurrency: opts.concurrency, hint: false });
    const withHint = await phase(base, cookie, body, { seconds: opts.seconds, concurrency: opts.concurrency, hint: true });
    const single = await phase(base, cookie, body, { seconds: opts.seconds, concurrency: 1, hint: false });
    return { engine: b.engine, seconds: opts.seconds, concurrency: opts.concurrency, casesBefore, report, withHint, single };
  } finally {
    await app.close();
  }
}

/**
 * pgbench on the same server and database: 8 clients, 2 threads, a custom script inserting one row
 * into `bench_cases` (LIKE cases INCLUDING ALL: the same columns, defaults and indexes), one row
 * per transaction, per-transaction latencies logged (-l) for the percentiles.
 */
export function runPgbench(b: BenchDatabase, opts: { seconds: number; clients: number; threads: number }): PgbenchResult {
  if (!b.url) throw new Error('pgbench needs the server database URL');
  const dir = path.join(OUT_DIR, `pgbench-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const script = path.join(dir, 'insert-case.sql');
  fs.writeFileSync(
    script,
    [
      '\\set cat random(10, 70)',
      '\\set lng random(0, 99999)',
      '\\set lat random(0, 99999)',
      "INSERT INTO bench_cases (code, source, category_id, urgency, status, title, description, region_id, region_path, lng, lat, address, level, desk_region_id, desk_region_path, reporter_user_id, reported_at, created_at, updated_at)",
      "  VALUES (gen_random_uuid()::text, 'patrol', :cat, 'normal', 'reported', '东园社区第1网格巡查发现暴露垃圾', '压测上报：暴露垃圾，请核实处理。', 21000, '/1/2/8/75/1036/21000/', 112.03 + :lng / 10000000.0, 22.91 + :lat / 10000000.0, '', 'community', 75, '/1/2/8/75/', 6, now(), now(), now());",
      '',
    ].join('\n'),
  );
  const args = ['-n', '-f', script, '-c', String(opts.clients), '-j', String(opts.threads), '-T', String(opts.seconds), '-l', '--log-prefix', path.join(dir, 'log'), b.url];
  const run = spawnSync('pgbench', args, { encoding: 'utf8', cwd: dir });
  if (run.status !== 0) throw new Error(`pgbench failed (${run.status}): ${(run.stderr || run.stdout).slice(0, 300)}`);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout)?.[1]);
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(run.stdout)?.[1]);
  const samples: number[] = [];
  for (const f of fs.readdirSync(dir).filter((x) => x.startsWith('log'))) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const parts = line.split(' ');
      if (parts.length >= 6) samples.push(Number(parts[2]) / 1000);
    }
  }
  if (!process.env.BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
  return { seconds: opts.seconds, clients: opts.clients, threads: opts.threads, tps, transactions, latency: samples.length ? latencyStats(samples) : null, command: `pgbench ${args.slice(0, -1).map((a) => (a.startsWith(OUT_DIR) ? path.basename(a) : a)).join(' ')} <db>` };
}
