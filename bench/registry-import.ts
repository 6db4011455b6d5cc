// Importing residents from CSV through the real engine (runImport: streaming read, every check of
// the sheet, AES-GCM encryption and keyed hashes, households, counters, one audit row per batch,
// skip-invalid batches of 2,000 in their own transactions) against PostgreSQL COPY in the same run.
// The baseline is COPY of the very rows the import stored (ciphertexts, hashes, masks, pinyin: a
// dump of `residents` taken after the import) into a fresh `LIKE residents INCLUDING ALL` table, i.e.
// the same rows into the same indexes, with none of the import's work. Also, as a second figure,
// COPY of the raw CSV into a table of 10 text columns (no indexes, no checks, no encryption).
// Run alone: `npx tsx bench/registry-import.ts [rows] [pglite|postgres]`.
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { generateDemoCity, type DemoCity } from '../src/demo/index.ts';
import { PERMISSIONS } from '../src/modules/accounts/permissions.ts';
import { importRegions } from '../src/modules/regions/index.ts';
import { runImport } from '../src/modules/registry/import/run.ts';
import { SHEETS } from '../src/modules/registry/sheets.ts';
import { systemContext } from '../src/shared/context.ts';
import { OUT_DIR, openPgliteBench, openServerBench, type BenchDatabase, type EngineName } from './lib/engines.ts';
import { writeResidentsCsv, CSV_HEADER } from './lib/residents-csv.ts';
import { log, msSince, nowNs } from './lib/util.ts';

export interface RegistryImportResult {
  engine: EngineName;
  rows: number;
  households: number;
  csvBytes: number;
  batch: number;
  importMs: number;
  importPerSec: number;
  added: number;
  rejected: number;
  reimportMs: number;
  reimportUnchanged: number;
  /** Baseline: COPY of the stored rows into an indexed copy of `residents`. */
  copyStoredMs: number;
  copyStoredPerSec: number;
  /** copyStoredMs / importMs (goal ≥ 0.3). */
  ratio: number;
  /** Second figure: COPY of the raw CSV into a bare text table. */
  copyCsvMs: number;
  copyCsvPerSec: number;
  ratioCsv: number;
  regionsMs: number;
}

const ctx = () => systemContext('bench', PERMISSIONS);

export const microGridCodes = (city: DemoCity) => city.regions.filter((r) => r.level === 6).map((r) => r.code);

async function copyCsvBaseline(b: BenchDatabase, file: string): Promise<number> {
  // One statement per call: PGlite prepares each query and refuses several commands in one.
  await b.raw.query('DROP TABLE IF EXISTS residents_copy_baseline');
  await b.raw.query(`CREATE TABLE residents_copy_baseline (${CSV_HEADER.map((_, i) => `c${i} text`).join(', ')})`);
  const t = nowNs();
  if (b.engine === 'postgres') {
    const pool = (b.database.db as unknown as { $client: pg.Pool }).$client;
    const c = await pool.connect();
    try {
      await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), c.query(copyFrom('COPY residents_copy_baseline FROM STDIN (FORMAT csv, HEADER true)')));
    } finally {
      c.release();
    }
  } else {
    const client = (b.database.db as unknown as { $client: PGlite }).$client;
    await client.query(`COPY residents_copy_baseline FROM '/dev/blob' (FORMAT csv, HEADER true)`, [], { blob: new Blob([fs.readFileSync(file)]) });
  }
  return msSince(t);
}

/**
 * The baseline: COPY of the rows exactly as the importer stored them into a fresh
 * `LIKE residents INCLUDING ALL` (same columns, defaults, primary key and all 9 secondary indexes).
 * Only the COPY into the new table is timed, not the dump.
 */
async function copyStoredBaseline(b: BenchDatabase): Promise<number> {
  await b.raw.query('DROP TABLE IF EXISTS residents_copy_indexed');
  await b.raw.query('CREATE TABLE residents_copy_indexed (LIKE residents INCLUDING ALL)');
  try {
    if (b.engine === 'postgres') {
      const dump = path.join(OUT_DIR, `residents-stored-${process.pid}.copy`);
      const pool = (b.database.db as unknown as { $client: pg.Pool }).$client;
      const c = await pool.connect();
      try {
        await pipeline(c.query(copyTo('COPY residents TO STDOUT')), fs.createWriteStream(dump));
        await c.query('CHECKPOINT');
        const t = nowNs();
        await pipeline(fs.createReadStream(dump, { highWaterMark: 1 << 20 }), c.query(copyFrom('COPY residents_copy_indexed FROM STDIN')));
        return msSince(t);
      } finally {
        c.release();
        fs.rmSync(dump, { force: true });
      }
    }
    const client = (b.database.db as unknown as { $client: PGlite }).$client;
    const dumped = await client.query(`COPY residents TO '/dev/blob'`);
    if (!dumped.blob) throw new Error('PGlite returned no blob for COPY TO');
    await client.query('CHECKPOINT');
    const t = nowNs();
    await client.query(`COPY residents_copy_indexed FROM '/dev/blob'`, [], { blob: dumped.blob });
    return msSince(t);
  } finally {
    await b.raw.query('DROP TABLE IF EXISTS residents_copy_indexed');
  }
}

/** Loads the city's regions, imports `rows` residents, re-imports them, and runs the baselines. Leaves the data in `b`. */
export async function runRegistryImportBench(b: BenchDatabase, city: DemoCity, rows: number, regionsLoaded = false): Promise<RegistryImportResult> {
  let regionsMs = 0;
  if (!regionsLoaded) {
    const t = nowNs();
    await importRegions(b.database.db, ctx(), city.regions);
    regionsMs = msSince(t);
    log(`${b.engine}: city regions loaded in ${(regionsMs / 1000).toFixed(1)} s`);
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `residents-${b.engine}-${rows}-${process.pid}.csv`);
  const gen = writeResidentsCsv(file, rows, microGridCodes(city), 7);
  log(`${b.engine}: generated ${gen.rows.toLocaleString('en')} residents in ${gen.households.toLocaleString('en')} households (${(gen.bytes / 2 ** 20).toFixed(0)} MB CSV)`);
  const sheet = SHEETS.resident!;
  const batch = Number(process.env.WANGGE_IMPORT_BATCH ?? 2000);
  try {
    // Both timed loads start from a fresh checkpoint, so neither pays for the other's dirty pages
    // (a checkpoint falling inside one of them moved the ratio by ±0.1 between runs).
    await b.raw.query('CHECKPOINT');
    let last = 0;
    const t = nowNs();
    const r = await runImport(b.database.db, ctx(), sheet, { path: file }, {
      mode: 'skip-invalid',
      fileName: file,
      batchSize: batch,
      onProgress: (c) => {
        if (c.processedRows - last >= 100_000) {
          last = c.processedRows;
          log(`${b.engine}: ${c.processedRows.toLocaleString('en')} rows, ${Math.round(c.processedRows / (msSince(t) / 1000)).toLocaleString('en')} rows/s`);
        }
      },
    });
    const importMs = msSince(t);
    if (r.rejected) log(`${b.engine}: ${r.rejected} rows rejected, first: ${JSON.stringify(r.problems.slice(0, 3))}`);
    log(`${b.engine}: import ${(importMs / 1000).toFixed(1)} s = ${Math.round((r.processedRows / importMs) * 1000).toLocaleString('en')} rows/s (added ${r.added})`);
    const t2 = nowNs();
    const again = await runImport(b.database.db, ctx(), sheet, { path: file }, { mode: 'skip-invalid', fileName: file, batchSize: batch });
    const reimportMs = msSince(t2);
    log(`${b.engine}: re-import ${(reimportMs / 1000).toFixed(1)} s (unchanged ${again.unchanged})`);
    const copyStoredMs = await copyStoredBaseline(b);
    log(`${b.engine}: baseline: COPY of the same stored rows into an indexed copy of residents ${(copyStoredMs / 1000).toFixed(1)} s (import ÷ COPY = ${(copyStoredMs / importMs).toFixed(2)})`);
    const copyCsvMs = await copyCsvBaseline(b, file);
    log(`${b.engine}: COPY of the raw CSV into a bare text table ${(copyCsvMs / 1000).toFixed(2)} s`);
    await b.raw.query('DROP TABLE IF EXISTS residents_copy_baseline');
    const importPerSec = (gen.rows / importMs) * 1000;
    return {
      engine: b.engine,
      rows: gen.rows,
      households: gen.households,
      csvBytes: gen.bytes,
      batch,
      importMs,
      importPerSec,
      added: r.added,
      rejected: r.rejected,
      reimportMs,
      reimportUnchanged: again.unchanged,
      copyStoredMs,
      copyStoredPerSec: (gen.rows / copyStoredMs) * 1000,
      ratio: copyStoredMs / importMs,
      copyCsvMs,
      copyCsvPerSec: (gen.rows / copyCsvMs) * 1000,
      ratioCsv: copyCsvMs / importMs,
      regionsMs,
    };
  } finally {
    if (!process.env.BENCH_KEEP) fs.rmSync(file, { force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 100_000);
  const engine = (process.argv[3] ?? 'postgres') as EngineName;
  const city = generateDemoCity({ scale: 'city' });
  const b = engine === 'postgres' ? await openServerBench() : await openPgliteBench(path.join(OUT_DIR, `registry-pglite-${process.pid}`));
  try {
    console.log(JSON.stringify(await runRegistryImportBench(b, city, rows), null, 2));
  } finally {
    await b.dispose();
  }
}
