// The registry's benchmarks for `npm run bench` (bench/run.ts): (1) 1,000,000 residents imported
// from CSV through the real engine on the PostgreSQL server against COPY of the same stored rows
// into an indexed copy of `residents` in the same run (and COPY of the raw CSV as a second
// figure), and the embedded engine's figures on a smaller file; (2) name search at city scale
// (the server database topped up to ≈ 2.4 M residents). Writes its own section of RESULTS.md
// between markers, so `BENCH_ONLY=registry npm run bench` refreshes it without the others.
import fs from 'node:fs';
import path from 'node:path';
import { generateDemoCity } from '../src/demo/index.ts';
import { PERMISSIONS } from '../src/modules/accounts/permissions.ts';
import { runImport } from '../src/modules/registry/import/run.ts';
import { SHEETS } from '../src/modules/registry/sheets.ts';
import { systemContext } from '../src/shared/context.ts';
import { OUT_DIR, openPgliteBench, openServerBench, probeServer } from './lib/engines.ts';
import { writeResidentsCsv } from './lib/residents-csv.ts';
import { errMsg, fmtMs, fmtRate, log, msSince, nowNs } from './lib/util.ts';
import { microGridCodes, runRegistryImportBench, type RegistryImportResult } from './registry-import.ts';
import { runRegistrySearchBench, type RegistrySearchResult } from './registry-search.ts';

export interface RegistryBenchResults {
  server?: RegistryImportResult;
  pglite?: RegistryImportResult;
  search?: RegistrySearchResult & { topUpMs: number; topUpRows: number };
  errors: string[];
}

const QUICK = !!process.env.BENCH_QUICK;
export const SIZES = QUICK ? { server: 50_000, pglite: 20_000, city: 120_000, reps: 20, warmup: 3 } : { server: 1_000_000, pglite: 200_000, city: 2_400_000, reps: 200, warmup: 20 };

export async function runRegistryBenches(): Promise<RegistryBenchResults> {
  const out: RegistryBenchResults = { errors: [] };
  const city = generateDemoCity({ scale: 'city' });
  const probe = await probeServer();
  if (!probe.ok) out.errors.push(`PostgreSQL server not reachable (${probe.reason}): server figures skipped`);
  else {
    const b = await openServerBench();
    try {
      out.server = await runRegistryImportBench(b, city, SIZES.server);
      // Top up to city scale for the search benchmark, through the same engine.
      const topUpRows = SIZES.city - out.server.rows;
      const file = path.join(OUT_DIR, `residents-topup-${process.pid}.csv`);
      writeResidentsCsv(file, topUpRows, microGridCodes(city), 11, 5_000_000);
      log(`postgres: topping up to ${SIZES.city.toLocaleString('en')} residents for the search benchmark…`);
      const t = nowNs();
      const r = await runImport(b.database.db, systemContext('bench', PERMISSIONS), SHEETS.resident!, { path: file }, { mode: 'skip-invalid', fileName: file });
      const topUpMs = msSince(t);
      if (!process.env.BENCH_KEEP) fs.rmSync(file, { force: true });
      log(`postgres: top-up ${r.added.toLocaleString('en')} rows in ${fmtMs(topUpMs)}`);
      const s = await runRegistrySearchBench(b, { reps: SIZES.reps, warmup: SIZES.warmup });
      out.search = { ...s, topUpMs, topUpRows };
      log(`postgres: name search worst p99 ${fmtMs(s.worstP99Ms)} over ${s.residents.toLocaleString('en')} residents`);
    } catch (e) {
      out.errors.push(`server: ${errMsg(e)}`);
      log(`registry bench (server) FAILED: ${errMsg(e)}`);
    } finally {
      await b.dispose().catch(() => undefined);
    }
  }
  try {
    const b = await openPgliteBench(path.join(OUT_DIR, `registry-pglite-${process.pid}`));
    try {
      out.pglite = await runRegistryImportBench(b, city, SIZES.pglite);
    } finally {
      await b.dispose().catch(() => undefined);
    }
  } catch (e) {
    out.errors.push(`pglite: ${errMsg(e)}`);
    log(`registry bench (PGlite) FAILED: ${errMsg(e)}`);
  }
  return out;
}

export const SECTION_BEGIN = '<!-- registry-bench:begin -->';
export const SECTION_END = '<!-- registry-bench:end -->';

export function renderRegistrySection(r: RegistryBenchResults, date: string): string {
  const md: string[] = [SECTION_BEGIN, '## Registry: resident import and name search', ''];
  const p = (s = '') => md.push(s);
  p(`Measured ${date}${QUICK ? ' (QUICK sizes: not comparable)' : ''} by \`bench/registry.bench.ts\` (\`BENCH_ONLY=registry npm run bench\` refreshes only this section).`);
  p();
  p('### Import of residents from CSV');
  p();
  p('Synthetic residents (`bench/lib/residents-csv.ts`: households of 1–5 with the head first and members naming the head, valid GB 11643 ID numbers, mobiles for ~75%, care-group tags for ~8%, grid after grid over the demo city\'s 14,392 micro-grids) written to a CSV at bench time, imported with `runImport` exactly as `wangge registry import` does: streaming read, every check of the resident sheet, AES-256-GCM of ID numbers and mobiles (random 96-bit IV each) plus keyed hashes, pinyin keys, household founding and linking, counters, one audit row per batch, mode skip-invalid, batches of 2,000 each in its own transaction.');
  p();
  p('**Baseline (the goal\'s "same rows loaded by COPY", same run):** after the import, `residents` is dumped with `COPY … TO` and the dump is loaded with `COPY … FROM` into a fresh `CREATE TABLE … (LIKE residents INCLUDING ALL)` — the very rows the import stored (ciphertexts, hashes, masks, pinyin) into the same primary key and 9 secondary indexes; only that COPY is timed. Ratio = COPY time ÷ import time (goal ≥ 0.3). It is still a favourable baseline for COPY: the import also writes the households (≈ 0.55 per resident), counters and audit rows, looks rows up by hash first (all of them, or on large runs those a Bloom filter of the registry may hold), and does all the checking and encryption. Each of the two timed loads starts right after a `CHECKPOINT`. **Second figure:** COPY of the raw CSV into a table of 10 text columns without indexes (pg-copy-streams on the server, `COPY FROM \'/dev/blob\'` in PGlite): it only shows what parsing CSV costs the server, not what storing residents costs.');
  p();
  p('| Engine | Rows | Import | rows/s | Re-import (all unchanged) | Baseline: COPY of the stored rows into indexed `residents` copy | COPY ÷ import (goal ≥ 0.3) | Raw CSV COPY into text table | CSV COPY ÷ import |');
  p('|---|---|---|---|---|---|---|---|---|');
  for (const x of [r.server, r.pglite]) {
    if (!x) continue;
    p(`| ${x.engine === 'postgres' ? 'PG server' : 'PGlite'} | ${x.rows.toLocaleString('en')} (${x.households.toLocaleString('en')} households, ${(x.csvBytes / 2 ** 20).toFixed(0)} MB) | ${fmtMs(x.importMs)} | ${fmtRate(x.importPerSec)} | ${fmtMs(x.reimportMs)} = ${fmtRate((x.reimportUnchanged / x.reimportMs) * 1000)} | ${fmtMs(x.copyStoredMs)} = ${fmtRate(x.copyStoredPerSec)} | **${x.ratio.toFixed(3)}** ${x.ratio >= 0.3 ? 'met' : 'NOT met'} | ${fmtMs(x.copyCsvMs)} = ${fmtRate(x.copyCsvPerSec)} | ${x.ratioCsv.toFixed(3)} |`);
  }
  p();
  p('Where the time goes and what was done (2-core machine: Node and the PostgreSQL backend share it). Before this work the server import took 138 s for 1,000,000 rows (7.2 k/s, 0.19 of the indexed COPY), the re-import 132 s, the 1.4 M top-up below 218 s. The import is CPU-bound in Node (≈ 81 s of Node CPU for 1 M rows against ≈ 45 s in the server backend, measured with `process.cpuUsage` and `/proc`), so the work went into removing Node CPU from the path of the database and overlapping the rest with it: (1) the existing-resident lookup joined `households` through a hash join over the whole table for every batch (the planner\'s statistics on a table being filled were stale): quadratic over an import (63 ms per batch at 300 k rows and growing); it is now a correlated probe of `households_head_uq` (11 ms per batch of misses); (2) the engine yields to the event loop every 64 rows while a batch is in the database, so that batch\'s replies are taken up (and its next statement sent) at once instead of after the whole next batch is parsed: 11.7 → 8.1 s for 100 k rows on its own; (3) the keyed hashes, pinyin and, while a run is adding rows, the AES-GCM ciphertexts are made per row as it is read (`residents.bulk.prepare.ts`), i.e. while the previous batch\'s statements run; a run that finds its rows already stored stops encrypting ahead; (4) AES-GCM takes its random IVs from a pooled CSPRNG buffer (each IV used once) and reuses key objects: ≈ 8 → 4 µs per value. Measured and dropped: batches of 5,000 (no gain) or 1,000 (slower), a larger V8 young generation (no gain), issuing the batch\'s statements together with `Promise.all` (pg 8 warns about queries queued on a busy client, and the gain was within noise). `synchronous_commit = off` was not used: a batch\'s job progress and audit row are reported as committed, and ≈ 500 commit flushes per million rows are not where the time goes. PGlite runs the database on the importing thread, so overlap cannot help there: its figure is unchanged (32.7 → 32.2 s). What remains, per row: ≈ 80 µs of Node CPU (from a profile: CSV parse and the sheet\'s checks ≈ 20, hashing + encryption + pinyin ≈ 25, the bulk writer ≈ 11, building statements through Drizzle and pg ≈ 12, garbage collection ≈ 14) and ≈ 45 µs in the server (inserts into 10 indexes, two on random 64-character hashes; the lookup by hash; households; `nextval` per row; counters). With two cores the floor is ≈ (Node + server CPU) ÷ 2 ≈ 63 s; getting there needs less work per row. Since then: counters go through one `unnest` statement per batch instead of a Drizzle multi-row insert, row preparations hang off the row instead of a WeakMap, and a member reuses the head’s ID hash; across runs the ratio moved between 0.29 and 0.30 with the machine’s noise (±3–5 %), at the edge of the goal. Then (5) a worker thread that parsed and checked whole rows gained nothing here (96 s against 86–90 s in-thread): cloning the parsed rows back cost the main thread about what it saved. Since (2026-11-21), measured on the same 1,000,000-row file, the import went from 0.29–0.30 of COPY to the figure in the table: (6) the CSV is parsed by papaparse\'s parser fed chunk by chunk (`import/csv-records.ts`) instead of csv-parse\'s stream: 9.3 s → 2.1 s of main-thread time for the file; the re-import (which writes nothing) fell from 72 s to 52–67 s with it; (7) for files of 20,000+ rows the residents\' keyed hashes, AES-GCM ciphertexts and pinyin are made per batch on a worker thread (`import/prepare-parallel.ts`): only strings cross the thread boundary, and the engine keeps two batches ahead of the one being written, so reading, checking, preparing and writing overlap; (8) new residents go in by COPY on the batch\'s own connection, inside its transaction (`src/db/copy.ts`: the server inserts COPY rows in multi-row heap batches), and the batch\'s ids come from literally named sequences (`nextval(pg_get_serial_sequence(…))` looked the sequence up once per row: 7 ms per 2,000 ids against 0.9 ms); (9) a run of 50,000+ rows into a registry at most 4× its size reads the stored ID hashes once into a Bloom filter (`residents.bulk.known.ts`, 16 bits per hash, ≈ 0.5 % false positives) and looks up in the database only the rows that may be stored, plus heads named from outside their batch; an initial load thus skips the lookup that cost ≈ 20 µs per row on the import\'s one connection. If someone else stores a person of the file meanwhile, the batch\'s COPY meets the unique hash index and the engine writes that batch again with exact lookups (tested in both modes). Measured and dropped: `synchronous_commit = off` per batch (no gain), yielding every 8 or 16 rows instead of 64 (within noise), the hash columns in the "C" collation (the databases here are C.UTF-8 already: 2,000 lookups took the same time). Since this machine\'s speed drifts by ±20 % within minutes (the same 200,000-row import took 19.6–28 s in consecutive runs), the bench now takes a `CHECKPOINT` before each of the two timed loads, so that neither pays for the other\'s dirty pages: one run without it put a checkpoint inside the COPY and showed 0.40. What remains is mostly the database: the import\'s single connection spends about as long in the residents COPY as the baseline does, plus the households, counters, audit row and job progress of each batch.');
  p();
  p('**The city demo end to end on the server** (`DATABASE_URL=… wangge demo --scale city`, before the year of cases existed; niced, while eight other processes were compiling and testing on the same two cores, load average 10–20): 1 h 15 min 47 s for the tree, 2,417,141 residents in 857,277 households, 1,374,108 dwellings, 147,696 rentals, 24,583 places and 7,476 organizations; the city\'s `residents` counter equals the count of active rows (2,417,141). An earlier run had stopped at 1.06 M residents on a duplicate foreign passport number (fixed: passports are drawn unique like ID numbers).');
  p();
  if (r.search) {
    const s = r.search;
    p('### Name search at city scale');
    p();
    p(`The server database above, topped up through the same importer by ${s.topUpRows.toLocaleString('en')} residents (${fmtMs(s.topUpMs)}) to ${s.residents.toLocaleString('en')} residents, then \`ANALYZE\`. Each case calls \`listResidents(db, ctx, { q, limit: 20 })\` (the service behind \`GET /api/v1/residents?q=…\`: search branches, scope filter, capped total, page with regions and dwellings) ${SIZES.reps} times after ${SIZES.warmup} warm-up calls, all cases taking turns. Community scope: ${s.community.name} (${s.community.residents.toLocaleString('en')} residents).`);
    p();
    p('| Scope | q | Kind | Total (capped?) | median | p99 | goal p99 < 50 ms |');
    p('|---|---|---|---|---|---|---|');
    for (const c of s.cases) p(`| ${c.scope} | \`${c.q}\` | ${c.kind} | ${c.total.toLocaleString('en')}${c.capped ? ' (capped)' : ''} | ${fmtMs(c.stats.medianMs)} | ${fmtMs(c.stats.p99Ms)} | ${c.stats.p99Ms < 50 ? 'met' : 'NOT met'} |`);
    p();
  }
  for (const e of r.errors) p(`- ${e}`);
  if (r.errors.length) p();
  md.push(SECTION_END);
  return md.join('\n');
}

/** Replaces the section between the markers, or appends it. */
export function spliceSection(doc: string, section: string): string {
  const a = doc.indexOf(SECTION_BEGIN);
  const b = doc.indexOf(SECTION_END);
  if (a >= 0 && b > a) return doc.slice(0, a) + section + doc.slice(b + SECTION_END.length);
  return `${doc.trimEnd()}\n\n${section}\n`;
}
