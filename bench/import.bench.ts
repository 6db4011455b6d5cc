// Loading the city tree: importRegions (every check on) into a fresh database, timed by phase
// through its progress callback, against raw loads of the very same rows into bare tables:
// COPY (PGlite: COPY FROM '/dev/blob'; server: psql \copy, since pg-copy-streams is not
// installed), COPY into a copy of the table with all its indexes, and multi-row INSERT.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PERMISSIONS } from '../src/modules/accounts/permissions.ts';
import { drizzle } from 'drizzle-orm/node-postgres';
import { canonicalJson, GENESIS_HASH, rowHash } from '../src/modules/audit/audit.hash.ts';
import { auditLog } from '../src/modules/audit/audit.tables.ts';
import { regions as regionsTable } from '../src/modules/regions/regions.tables.ts';
import { bboxOf, findSiblingOverlaps, outsideFraction, validateBoundary } from '../src/modules/regions/geometry.ts';
import { addCountsByCode, importRegions } from '../src/modules/regions/index.ts';
import { pinyinKeys } from '../src/modules/regions/pinyin.ts';
import type { Boundary, RegionInput } from '../src/modules/regions/regions.model.ts';
import { systemContext } from '../src/shared/context.ts';
import { hasPsql, OUT_DIR, type BenchDatabase } from './lib/engines.ts';
import { errMsg, log, msSince, nowNs } from './lib/util.ts';

export interface Phase {
  name: string;
  ms: number;
}

export interface RawLoad {
  method: string;
  ms: number;
  rows: number;
}

export interface ImportBenchResult {
  regions: number;
  ms: number;
  perSec: number;
  phases: Phase[];
  countersMs: number;
  counterRows: number;
  regionsBytes: number;
  auditBytes: number;
  auditRows: number;
  copyBare: RawLoad | null;
  copyIndexed: RawLoad | null;
  insertBare: RawLoad | null;
  /** INSERT … SELECT FROM jsonb_populate_recordset($1): one parameter per 1,000 rows, into the indexed copy. */
  jsonbIndexed: RawLoad | null;
  notes: string[];
}

export async function runImportBench(b: BenchDatabase, regions: RegionInput[]): Promise<ImportBenchResult> {
  const db = b.database.db;
  const ctx = systemContext('bench', PERMISSIONS);
  const events: { phase: string; done: number; total: number; t: bigint }[] = [];
  let lastLog = 0;
  const t0 = nowNs();
  await importRegions(db, ctx, regions, (phase, done, total) => {
    events.push({ phase, done, total, t: nowNs() });
    const s = msSince(t0);
    if (s - lastLog > 5000) {
      lastLog = s;
      log(`  ${b.engine}: importRegions ${phase} ${done}/${total}`);
    }
  });
  const t1 = nowNs();
  const ms = Number(t1 - t0) / 1e6;
  const phases = phasesFrom(t0, t1, events);
  log(`  ${b.engine}: importRegions ${regions.length} regions in ${(ms / 1000).toFixed(1)} s`);

  const counts: { code: string; measure: string; value: number }[] = [];
  for (const r of regions) {
    const a = r.attributes ?? {};
    if (r.level === 6 && typeof a.plannedResidents === 'number') counts.push({ code: r.code, measure: 'residents', value: a.plannedResidents });
    if (r.level === 5 && typeof a.plannedHouseholds === 'number') counts.push({ code: r.code, measure: 'households', value: a.plannedHouseholds });
  }
  const tc = nowNs();
  await addCountsByCode(db, ctx, counts);
  const countersMs = msSince(tc);

  const sizes = (await b.raw.query<{ r: string; a: string; n: string }>(
    "SELECT pg_total_relation_size('regions')::text AS r, pg_total_relation_size('audit_log')::text AS a, (SELECT count(*) FROM audit_log)::text AS n",
  )).rows[0];

  const notes: string[] = [];
  const baselines = await rawLoads(b, notes).catch((e) => {
    notes.push(`raw-load baselines failed: ${errMsg(e)}`);
    return { copyBare: null, copyIndexed: null, insertBare: null, jsonbIndexed: null };
  });
  return {
    regions: regions.length,
    ms,
    perSec: regions.length / (ms / 1000),
    phases,
    countersMs,
    counterRows: counts.length,
    regionsBytes: Number(sizes.r),
    auditBytes: Number(sizes.a),
    auditRows: Number(sizes.n),
    ...baselines,
    notes,
  };
}

/**
 * Phases from the progress callback of importRegions (regions.bulk.ts): 'check' fires once the
 * row checks are done; 'geometry' every 500 containment checks (done ≤ N) and then once per
 * sibling group (done > N, N = total/2); 'write' after each 1,000 inserted rows. Boundaries
 * between phases are therefore exact to within one callback interval (≤ 500 containment checks).
 */
function phasesFrom(t0: bigint, t1: bigint, events: { phase: string; done: number; total: number; t: bigint }[]): Phase[] {
  const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
  const check = events.find((e) => e.phase === 'check')?.t ?? t0;
  const geo = events.filter((e) => e.phase === 'geometry');
  const half = geo.length ? geo[0].total / 2 : 0;
  const containEnd = [...geo].reverse().find((e) => e.done <= half)?.t ?? check;
  const geoEnd = geo.length ? geo[geo.length - 1].t : containEnd;
  const writes = events.filter((e) => e.phase === 'write');
  const writeEnd = writes.length ? writes[writes.length - 1].t : geoEnd;
  return [
    { name: 'row checks + boundary validation', ms: ms(t0, check) },
    { name: 'code/parent look-ups + containment in parent', ms: ms(check, containEnd) },
    { name: 'sibling overlap checks', ms: ms(containEnd, geoEnd) },
    { name: 'ids, pinyin, row building + region INSERTs', ms: ms(geoEnd, writeEnd) },
    { name: 'audit chain (hash + INSERT) + commit', ms: ms(writeEnd, t1) },
  ];
}

/** The same work as the import's check phases, without a database: where the CPU goes. */
export function profileImportCpu(regions: RegionInput[]): Phase[] {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const time = (name: string, fn: () => void): Phase => {
    const t = nowNs();
    fn();
    return { name, ms: msSince(t) };
  };
  const groups = new Map<string, { key: string; boundary: Boundary }[]>();
  for (const r of regions) {
    if (!r.boundary) continue;
    const k = r.parentCode ?? '';
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push({ key: r.code, boundary: r.boundary });
  }
  let sink = 0;
  const at = new Date();
  const names = new Map<string, { full: string; initials: string }>();
  const out: Phase[] = [
    time('validateBoundary × all', () => {
      for (const r of regions) sink += validateBoundary(r.boundary).length;
    }),
    time('outsideFraction (child in parent) × all', () => {
      for (const r of regions) {
        const p = r.parentCode ? byCode.get(r.parentCode) : undefined;
        if (r.boundary && p?.boundary) sink += outsideFraction(r.boundary, p.boundary);
      }
    }),
    time('findSiblingOverlaps × every sibling group', () => {
      for (const items of groups.values()) sink += findSiblingOverlaps(items, 0.01).length;
    }),
    time('pinyinKeys × all names', () => {
      for (const r of regions) names.set(r.code, pinyinKeys(r.name));
    }),
  ];

  // The rows the importer writes (regions.bulk.ts writeAll), then what it costs Drizzle only to
  // turn them into SQL text + parameters (no database: drizzle.mock()), 500 rows per statement
  // as regions.repository.ts insertRegionsBulk and audit.repository.ts appendRows do.
  const ordered = [...regions].sort((a, b) => a.level - b.level);
  const paths = new Map<string, { id: number; path: string }>();
  const rows = ordered.map((r, k) => {
    const id = k + 1;
    const parent = r.parentCode ? paths.get(r.parentCode)! : null;
    const path = `${parent?.path ?? '/'}${id}/`;
    paths.set(r.code, { id, path });
    const bb = r.boundary ? bboxOf(r.boundary) : [null, null, null, null];
    const keys = names.get(r.code)!;
    return { id, code: r.code, name: r.name, level: r.level, kind: r.kind, parentId: parent?.id ?? null, path, namePinyin: keys.full, nameInitials: keys.initials, attributes: r.attributes ?? {}, boundary: r.boundary, minLng: bb[0], minLat: bb[1], maxLng: bb[2], maxLat: bb[3] };
  });
  let audits: (ReturnType<typeof auditFields> & { prevHash: string; hash: string })[] = [];
  out.push(
    time('audit rows: JSON round-trip + canonicalJson + sha256 × all', () => {
      let prev = GENESIS_HASH;
      audits = rows.map((row) => {
        const fields = auditFields(at, row.id, row.path, JSON.parse(JSON.stringify({ ...row, minLng: undefined, minLat: undefined, maxLng: undefined, maxLat: undefined })));
        const hash = rowHash(prev, fields);
        const a = { ...fields, prevHash: prev, hash };
        prev = hash;
        return a;
      });
      sink += canonicalJson(audits.length).length;
    }),
  );
  const mock = drizzle.mock();
  out.push(
    time('Drizzle builds INSERT SQL for the region rows (toSQL, no DB)', () => {
      for (let i = 0; i < rows.length; i += 500) sink += mock.insert(regionsTable).values(rows.slice(i, i + 500)).toSQL().params.length;
    }),
    time('Drizzle builds INSERT SQL for the audit rows (toSQL, no DB)', () => {
      for (let i = 0; i < audits.length; i += 500) sink += mock.insert(auditLog).values(audits.slice(i, i + 500)).returning({ id: auditLog.id }).toSQL().params.length;
    }),
    time('the same region rows as hand-built multi-row INSERT text + params', () => {
      for (let i = 0; i < rows.length; i += 500) {
        const params: unknown[] = [];
        const values = rows.slice(i, i + 500).map((r) => {
          const vals = [r.id, r.code, r.name, r.level, r.kind, r.parentId, r.path, r.namePinyin, r.nameInitials, JSON.stringify(r.boundary), r.minLng, r.minLat, r.maxLng, r.maxLat, JSON.stringify(r.attributes)];
          return `(${vals.map((v) => (params.push(v), `$${params.length}`)).join(',')})`;
        });
        sink += values.join(',').length + params.length;
      }
    }),
  );
  blackhole += sink;
  return out;
}

function auditFields(at: Date, id: number, regionPath: string, after: unknown) {
  return { at, actorId: null, actorName: 'bench', action: 'region.import', entityType: 'region', entityId: String(id), regionPath, before: null, after, requestId: 'bench', clientIp: null };
}

/** Results land here so the optimiser cannot drop the profiled work. */
export let blackhole = 0;

// ---------------------------------------------------------------------------------------------
// Raw loads of the same rows
// ---------------------------------------------------------------------------------------------

const csvField = (v: string | null): string => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);

async function rawLoads(b: BenchDatabase, notes: string[]): Promise<Pick<ImportBenchResult, 'copyBare' | 'copyIndexed' | 'insertBare' | 'jsonbIndexed'>> {
  const q = b.raw.query;
  const cols = (await q<{ c: string }>("SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'regions' AND table_schema = current_schema() ORDER BY ordinal_position")).rows.map((r) => r.c);
  // Every column as PostgreSQL's own text form, so the raw loads carry byte-identical values.
  const rows = (await q<Record<string, string | null>>(`SELECT ${cols.map((c) => `"${c}"::text AS "${c}"`).join(', ')} FROM regions ORDER BY id`)).rows;
  const matrix = rows.map((r) => cols.map((c) => r[c]));
  const csv = matrix.map((r) => r.map(csvField).join(',')).join('\n') + '\n';
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `regions-${b.engine}.csv`);
  fs.writeFileSync(file, csv);
  const count = async (t: string) => Number((await q<{ n: string }>(`SELECT count(*)::text AS n FROM ${t}`)).rows[0].n);

  const copyInto = async (table: string): Promise<RawLoad | null> => {
    if (b.engine === 'pglite') {
      const client = (b.database.db as unknown as { $client: { query: (t: string, p: unknown[], o: { blob: Blob }) => Promise<unknown> } }).$client;
      const t = nowNs();
      await client.query(`COPY ${table} FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob([csv]) });
      return { method: "COPY FROM '/dev/blob' (csv)", ms: msSince(t), rows: await count(table) };
    }
    if (!hasPsql() || !b.url) {
      notes.push('psql not found: no COPY baseline on the server');
      return null;
    }
    const start = nowNs();
    spawnSync('psql', [b.url, '-qAtc', 'SELECT 1'], { encoding: 'utf8' });
    const startupMs = msSince(start);
    const t = nowNs();
    const r = spawnSync('psql', [b.url, '-v', 'ON_ERROR_STOP=1', '-qc', `\\copy ${table} FROM '${file}' WITH (FORMAT csv)`], { encoding: 'utf8' });
    const ms = msSince(t);
    if (r.status !== 0) throw new Error(`psql \\copy failed: ${r.stderr}`);
    return { method: `psql \\copy (csv; incl. ~${Math.round(startupMs)} ms psql start-up)`, ms, rows: await count(table) };
  };

  await q('DROP TABLE IF EXISTS bench_raw, bench_raw_idx, bench_ins, bench_json_idx');
  await q('CREATE TABLE bench_raw (LIKE regions)');
  await q('CREATE TABLE bench_raw_idx (LIKE regions INCLUDING ALL)');
  await q('CREATE TABLE bench_ins (LIKE regions)');
  await q('CREATE TABLE bench_json_idx (LIKE regions INCLUDING ALL)');
  const copyBare = await copyInto('bench_raw');
  log(`  ${b.engine}: COPY into bare table ${copyBare ? Math.round(copyBare.ms) + ' ms' : 'skipped'}`);
  const copyIndexed = await copyInto('bench_raw_idx');
  log(`  ${b.engine}: COPY into indexed copy ${copyIndexed ? Math.round(copyIndexed.ms) + ' ms' : 'skipped'}`);

  // Multi-row INSERT, 500 rows per statement as the importer's repository does, one transaction.
  const colList = cols.map((c) => `"${c}"`).join(', ');
  const t = nowNs();
  await b.raw.transaction(async (tq) => {
    for (let i = 0; i < matrix.length; i += 500) {
      const chunk = matrix.slice(i, i + 500);
      const params: unknown[] = [];
      const values = chunk.map((r) => `(${r.map((v) => (params.push(v), `$${params.length}`)).join(', ')})`);
      await tq(`INSERT INTO bench_ins (${colList}) VALUES ${values.join(', ')}`, params);
    }
  });
  const insertBare: RawLoad = { method: 'multi-row INSERT, 500 rows/statement, one transaction', ms: msSince(t), rows: await count('bench_ins') };
  log(`  ${b.engine}: multi-row INSERT into bare table ${Math.round(insertBare.ms)} ms`);

  // A whole chunk as one jsonb parameter: what a bulk path that skips per-value parameters costs.
  const jsonbCols = new Set((await q<{ c: string }>("SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'regions' AND table_schema = current_schema() AND data_type = 'jsonb'")).rows.map((r) => r.c));
  const objects = rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] !== null && jsonbCols.has(c) ? JSON.parse(r[c]!) : r[c]])));
  const tj = nowNs();
  await b.raw.transaction(async (tq) => {
    for (let i = 0; i < objects.length; i += 1000) {
      await tq(`INSERT INTO bench_json_idx (${colList}) SELECT ${colList} FROM jsonb_populate_recordset(NULL::bench_json_idx, $1::jsonb)`, [JSON.stringify(objects.slice(i, i + 1000))]);
    }
  });
  const jsonbIndexed: RawLoad = { method: 'INSERT … SELECT FROM jsonb_populate_recordset($1), 1,000 rows/statement, indexed copy', ms: msSince(tj), rows: await count('bench_json_idx') };
  log(`  ${b.engine}: jsonb_populate_recordset into indexed copy ${Math.round(jsonbIndexed.ms)} ms`);
  await q('DROP TABLE bench_raw, bench_raw_idx, bench_ins, bench_json_idx');
  return { copyBare, copyIndexed, insertBare, jsonbIndexed };
}
