// The workforce's benchmark for `npm run bench` (bench/run.ts): the weekly 5-3-10 compliance of
// every grid worker of the whole `city` (tens of thousands of workers with positions, a year of
// visits) on the PostgreSQL server, goal < 2 s for a full week. A fresh database gets the city's
// tree (no residents: visits name synthetic resident ids from pools sized like the population)
// and the demo's workforce through the demo loader (generator + COPY), timed on the way; then
// `compute5310(db, ctx, { week })` — the service behind GET /workforce/rules/5310 — runs for the
// last full week, interleaved with a baseline measured in the same run: the plain scan of that
// week's visits (`count(*), sum(people_count)` over the check-in range). Writes its own section
// of RESULTS.md between markers: `BENCH_ONLY=workforce npm run bench` refreshes only this section.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DemoScale } from '../src/demo/index.ts';
import { loadDemoCity } from '../src/demo/load.ts';
import { loadWorkforce } from '../src/demo/load-workforce.ts';
import { syntheticPools } from '../src/demo/party.pool.ts';
import { PERMISSIONS } from '../src/modules/accounts/index.ts';
import { compute5310, parseWeek, weekOf } from '../src/modules/workforce/index.ts';
import { systemContext } from '../src/shared/context.ts';
import { OUT_DIR, engineVersion, openServerBench, probeServer } from './lib/engines.ts';
import { errMsg, fmtMs, fmtRate, log, measureInterleaved, msSince, nowNs, type LatencyStats } from './lib/util.ts';

const QUICK = !!process.env.BENCH_QUICK;
export const SIZES = QUICK ? { scale: 'district' as DemoScale, reps: 5, warmup: 1 } : { scale: 'city' as DemoScale, reps: 20, warmup: 2 };
const GOAL_MS = 2000;

export interface WorkforceBenchResults {
  scale: DemoScale;
  server?: string;
  treeMs?: number;
  loadMs?: number;
  rows?: Record<string, number>;
  week?: string;
  weekVisits?: number;
  weekPeople?: number;
  board?: { workers: number; compliant: number; rate: number | null };
  /** Timed on the heap as the loader writes it (each worker's year together), then in check-in order. */
  layouts: { layout: string; compute: LatencyStats; baseline: LatencyStats }[];
  clusterMs?: number;
  errors: string[];
  loadAvg: { at: string; load1: number }[];
}

export async function runWorkforceBenches(): Promise<WorkforceBenchResults> {
  const out: WorkforceBenchResults = { scale: SIZES.scale, layouts: [], errors: [], loadAvg: [] };
  const noteLoad = (at: string) => out.loadAvg.push({ at, load1: Math.round(os.loadavg()[0] * 100) / 100 });
  noteLoad('start');
  const probe = await probeServer();
  if (!probe.ok) {
    out.errors.push(`PostgreSQL server not reachable (${probe.reason}): nothing measured`);
    return out;
  }
  const b = await openServerBench();
  try {
    out.server = (await engineVersion(b)).split(' on ')[0];
    const db = b.database.db;
    const ctx = systemContext('bench', PERMISSIONS);
    let t = nowNs();
    log(`workforce: loading the ${SIZES.scale} tree (regions, departments, accounts)…`);
    const { city } = await loadDemoCity(db, { scale: SIZES.scale, population: false, cases: false });
    out.treeMs = msSince(t);
    noteLoad('after tree');
    t = nowNs();
    let shown = 0;
    const loaded = await loadWorkforce(db, ctx, city, {
      pools: syntheticPools(city),
      onProgress: (done, total) => {
        if (done < shown + total / 5 && done !== total) return;
        shown = done;
        log(`workforce: ${done} / ${total} communities (${fmtMs(msSince(t))})`);
      },
    });
    out.loadMs = msSince(t);
    out.rows = loaded.counts;
    noteLoad('after load');
    log(`workforce: loaded ${Object.entries(loaded.counts).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')} in ${fmtMs(out.loadMs)}`);
    // The last full ISO week before the load date.
    const week = weekOf(new Date(Date.parse(loaded.end) - 7 * 86_400_000));
    const span = parseWeek(week)!;
    out.week = week;
    const scan = 'SELECT count(*)::int AS visits, coalesce(sum(people_count), 0)::int AS people FROM visits WHERE check_in_at >= $1 AND check_in_at < $2';
    const [w] = (await b.raw.query<{ visits: number; people: number }>(scan, [span.start, span.end])).rows;
    out.weekVisits = w.visits;
    out.weekPeople = w.people;
    const first = await compute5310(db, ctx, { week });
    out.board = { workers: first.summary.workers, compliant: first.summary.compliant, rate: first.summary.rate };
    log(`workforce: 5-3-10 for ${week}: ${first.summary.workers.toLocaleString('en')} workers, ${first.summary.compliant.toLocaleString('en')} compliant; ${w.visits.toLocaleString('en')} visits that week`);
    const time = async (layout: string) => {
      const m = await measureInterleaved(
        {
          compute: () => compute5310(db, ctx, { week }),
          baseline: () => b.raw.query(scan, [span.start, span.end]),
        },
        SIZES.reps,
        SIZES.warmup,
      );
      out.layouts.push({ layout, ...m });
      noteLoad(`after timing (${layout})`);
      log(`workforce (${layout}): compute5310 median ${fmtMs(m.compute.medianMs)}, p99 ${fmtMs(m.compute.p99Ms)}; baseline scan median ${fmtMs(m.baseline.medianMs)}`);
    };
    await time('as loaded');
    // A live system writes visits as they happen: its heap is in check-in order, a week's visits
    // together. The loader writes each worker's year in one run; CLUSTER gives the heap the live order.
    t = nowNs();
    await b.raw.query('CLUSTER visits USING visits_check_in_idx');
    await b.raw.query('ANALYZE visits');
    out.clusterMs = msSince(t);
    await time('in check-in order');
  } catch (e) {
    out.errors.push(errMsg(e));
    log(`workforce bench FAILED: ${errMsg(e)}`);
  } finally {
    await b.dispose().catch(() => undefined);
  }
  return out;
}

export const SECTION_BEGIN = '<!-- workforce-bench:begin -->';
export const SECTION_END = '<!-- workforce-bench:end -->';

export function renderWorkforceSection(r: WorkforceBenchResults, date: string): string {
  const md: string[] = [SECTION_BEGIN, '## Workforce: the weekly 5-3-10 board for a whole city', ''];
  const p = (s = '') => md.push(s);
  const cores = os.cpus().length;
  p(`Measured ${date}${QUICK ? ' (QUICK sizes: not comparable)' : ''} by \`bench/workforce.bench.ts\` (\`BENCH_ONLY=workforce npm run bench\` refreshes only this section) on ${r.server ?? 'the PostgreSQL server'}. ${cores} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}. 1-minute load average during the run: ${r.loadAvg.map((l) => `${l.at} ${l.load1}`).join(', ')}${r.loadAvg.some((l) => l.load1 > cores) ? ' — **other work was running on the machine** (other helpers\' builds and tests), so absolute figures are high and noisy; the ratio within this run is the result' : ''}.`);
  p();
  if (r.rows && r.layouts.length && r.board) {
    const rows = r.rows;
    p(`A fresh database on the server holds the \`${r.scale}\` tree (\`loadDemoCity({ scale: '${r.scale}', population: false, cases: false })\`, ${fmtMs(r.treeMs)}) and the demo's workforce, loaded by the demo loader (\`loadWorkforce\`: generator + COPY, secondary indexes of the visit tables built after the rows) from pools sized like the planned population — the residents themselves are not loaded, so visits name synthetic resident ids: ${rows.workers.toLocaleString('en')} workers holding ${rows.positions.toLocaleString('en')} positions (grid chiefs, full- and part-time grid workers, patrol members, informants, building heads, paired deputies, stationed teams), ${rows.visits.toLocaleString('en')} visits over a year with ${rows.visit_people.toLocaleString('en')} residents seen and ${rows.visit_findings.toLocaleString('en')} findings, loaded in ${fmtMs(r.loadMs)} (${fmtRate(((rows.visits + rows.visit_people) / (r.loadMs ?? 1)) * 1000, ' rows/s')} of visits and people, generation included).`);
    p();
    p(`Timed: \`compute5310(db, ctx, { week: '${r.week}' })\` for the whole city as the system (every grid chief and grid worker, full- and part-time: the service behind \`GET /api/v1/workforce/rules/5310\`, one set-based statement plus ranking), the last full week before the load date: ${r.board.workers.toLocaleString('en')} workers ranked, ${r.board.compliant.toLocaleString('en')} compliant (${((r.board.rate ?? 0) * 100).toFixed(1)} %), over the week's ${r.weekVisits?.toLocaleString('en')} visits (${r.weekPeople?.toLocaleString('en')} residents seen). Baseline in the same run, the calls taking turns: the plain scan of that week's visits, \`SELECT count(*), sum(people_count) FROM visits WHERE check_in_at >= $1 AND check_in_at < $2\`. ${SIZES.reps} calls each after ${SIZES.warmup} warm-up rounds, twice: on the heap as the loader writes it (each worker's year of visits together, so a week's visits are scattered over the whole table), and after \`CLUSTER visits USING visits_check_in_idx\` (${fmtMs(r.clusterMs)}), the order in which a live system writes visits (a week's visits together).`);
    p();
    p('| Heap order of visits | Call | n | median | p99 | mean | board ÷ scan (medians) | goal: < 2 s for a full week |');
    p('|---|---|---|---|---|---|---|---|');
    for (const l of r.layouts) {
      const ratio = `**${(l.compute.medianMs / l.baseline.medianMs).toFixed(1)}×**`;
      p(`| ${l.layout} | compute5310, whole city, one week | ${l.compute.n} | ${fmtMs(l.compute.medianMs)} | ${fmtMs(l.compute.p99Ms)} | ${fmtMs(l.compute.meanMs)} | ${ratio} | ${l.compute.medianMs < GOAL_MS ? 'met' : 'NOT met'} (median); ${l.compute.p99Ms < GOAL_MS ? 'met' : 'NOT met'} (p99) |`);
      p(`| ${l.layout} | baseline: scan of the week's visits | ${l.baseline.n} | ${fmtMs(l.baseline.medianMs)} | ${fmtMs(l.baseline.p99Ms)} | ${fmtMs(l.baseline.meanMs)} | – | – |`);
    }
    p();
    p('Beyond reading the week\'s visits the board finds every current rule position, joins each visit to its position\'s grid, counts the distinct residents seen per person through visit_people, and ranks.');
  } else p('Not measured (see the errors below).');
  p();
  for (const e of r.errors) p(`- ${e}`);
  if (r.errors.length) p();
  md.push(SECTION_END);
  return md.join('\n');
}

/** Replaces this section between its markers, or appends it. */
export function spliceWorkforceSection(doc: string, section: string): string {
  const a = doc.indexOf(SECTION_BEGIN);
  const b = doc.indexOf(SECTION_END);
  if (a >= 0 && b > a) return doc.slice(0, a) + section + doc.slice(b + SECTION_END.length);
  return `${doc.trimEnd()}\n\n${section}\n`;
}

/** Runs the benchmark and writes the raw figures and (unless QUICK) the section of RESULTS.md. */
export async function workforceBenches(root: string): Promise<void> {
  const started = new Date().toISOString();
  const r = await runWorkforceBenches();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'workforce-results.json'), JSON.stringify(r, null, 2));
  if (QUICK) return log('QUICK run: bench/RESULTS.md left as it was (raw figures in bench/out/workforce-results.json)');
  const file = path.join(root, 'bench', 'RESULTS.md');
  fs.writeFileSync(file, spliceWorkforceSection(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n', renderWorkforceSection(r, started)));
  log('wrote the workforce section of bench/RESULTS.md');
}
