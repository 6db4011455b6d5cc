// `wangge registry template|import|export` on a real embedded data folder, and the crash case:
// an import killed with SIGKILL in the middle leaves whole batches only (rows, counters, audit and
// job progress agreeing), and running it again finishes with the state a clean import gives.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/engine.ts';
import { idCheckDigit } from '../../src/modules/registry/checks.ts';

const bin = path.resolve('bin/wangge.js');
let root: string;
let dir: string;
const env = (data = dir, extra: Record<string, string> = {}) => ({ ...process.env, WANGGE_DATA: data, DATABASE_URL: '', PORT: '0', ...extra });
const run = (args: string[], data = dir, extra: Record<string, string> = {}) => spawnSync('node', [bin, ...args], { env: env(data, extra), encoding: 'utf8', timeout: 300_000 });

async function query<T>(data: string, q: ReturnType<typeof sql>): Promise<T[]> {
  const database = await openDatabase({ dataDir: data });
  try {
    return ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;
  } finally {
    await database.close();
  }
}

const idNumber = (n: number) => {
  const first17 = `445302${1950 + (n % 50)}0${1 + (n % 9)}1${n % 10}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
};

let micros: string[] = [];
const ROWS = 1500;
const BATCH = 100;

/** Households of three: a head, then a spouse and a child naming the head. */
function residentsCsv(n: number, from = 0): string {
  const lines = ['姓名,民族,证件号码,人口类型,所在网格编码,户主证件号码,与户主关系,特殊人群'];
  for (let i = from; i < from + n; i++) {
    const head = i - (i % 3);
    const role = i % 3 === 0 ? '户主' : i % 3 === 1 ? '配偶' : '子女';
    lines.push([`居民${i}`, '汉族', idNumber(i), i % 7 === 0 ? '流动人口' : '户籍人口', micros[Math.floor(head / 3) % micros.length], i % 3 === 0 ? '' : idNumber(head), role, i % 11 === 0 ? '独居老人' : ''].join(','));
  }
  return lines.join('\n') + '\n';
}

/** What a finished import must leave, independent of ids and random IVs. */
async function fingerprint(data: string) {
  const [s] = await query<Record<string, string>>(data, sql`SELECT
    (SELECT count(*) FROM residents)::text AS residents,
    (SELECT count(*) FROM households)::text AS households,
    (SELECT md5(string_agg(concat_ws(',', r.id_number_hash, r.name, r.region_id, r.residence_type, r.household_role, r.tags::text, h.number IS NOT NULL, hr.id_number_hash), '|' ORDER BY r.id_number_hash))
       FROM residents r LEFT JOIN households h ON h.id = r.household_id LEFT JOIN residents hr ON hr.id = h.head_resident_id) AS people,
    (SELECT md5(string_agg(concat_ws(',', region_id, measure, value), '|' ORDER BY region_id, measure)) FROM region_counters) AS counters`);
  return s;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-registry-cli-'));
  dir = path.join(root, 'data');
  const demo = run(['demo', '--scale', 'small', '--seed', '1', '--no-population']);
  if (demo.status !== 0) throw new Error(`demo failed: ${demo.stderr}`);
  micros = (await query<{ code: string }>(dir, sql`SELECT code FROM regions WHERE level = 6 AND archived_at IS NULL ORDER BY code`)).map((r) => r.code);
}, 300_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('wangge registry', () => {
  it('writes a template and refuses unusable files with exit code 2', async () => {
    expect(micros.length).toBeGreaterThan(10);
    const tpl = path.join(root, 'tpl.xlsx');
    const r = run(['registry', 'template', 'resident', '--out', tpl]);
    expect(r.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(tpl);
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('姓名');
    const bad = path.join(root, 'bad.csv');
    fs.writeFileSync(bad, '姓名,星座\n张三,白羊\n');
    const b = run(['registry', 'import', 'resident', bad]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('IMPORT_FORMAT');
    expect(b.stderr).toContain('星座');
    expect(b.stderr).not.toMatch(/\n\s+at /);
    expect(run(['registry', 'import', 'spaceship', bad]).status).toBe(2);
  }, 120_000);

  it('survives SIGKILL mid-import with whole batches only, and a re-run finishes it like a clean import', async () => {
    const file = path.join(root, 'people.csv');
    fs.writeFileSync(file, residentsCsv(ROWS));
    // A clean twin of the data folder (same key file, same demo) for the reference import.
    const twin = path.join(root, 'twin');
    fs.cpSync(dir, twin, { recursive: true });
    const [{ base }] = await query<{ base: number }>(dir, sql`SELECT coalesce(sum(value), 0)::int AS base FROM region_counters c JOIN regions r ON r.id = c.region_id WHERE r.level = 1 AND c.measure = 'residents'`);

    const child = spawn('node', [bin, 'registry', 'import', 'resident', file], { env: env(dir, { WANGGE_IMPORT_BATCH: String(BATCH), WANGGE_IMPORT_LOG_BATCHES: '1' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const killedAt = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no batch committed: ${out}`)), 120_000);
      child.stdout.on('data', (d) => {
        out += d;
        const last = [...out.matchAll(/batch (\d+) committed/g)].pop();
        if (last && Number(last[1]) >= 3 && child.exitCode === null) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve(Number(last[1]));
        }
      });
    });
    await new Promise((r) => child.on('exit', r));
    expect(child.signalCode).toBe('SIGKILL');

    const [after] = await query<{ residents: number; households: number; counted: number; audits: number; processed: number; status: string }>(dir, sql`SELECT
      (SELECT count(*)::int FROM residents) AS residents,
      (SELECT count(*)::int FROM households) AS households,
      (SELECT coalesce(sum(value), 0)::int FROM region_counters c JOIN regions r ON r.id = c.region_id WHERE r.level = 1 AND c.measure = 'residents') - ${base} AS counted,
      (SELECT count(*)::int FROM audit_log WHERE action = 'registry.import') AS audits,
      (SELECT processed_rows FROM import_jobs ORDER BY id DESC LIMIT 1) AS processed,
      (SELECT status FROM import_jobs ORDER BY id DESC LIMIT 1) AS status`);
    // Whole batches: rows, counters, audit rows and the job's progress agree exactly.
    expect(after.residents % BATCH).toBe(0);
    expect(after.residents).toBeGreaterThanOrEqual(killedAt * BATCH);
    expect(after.residents).toBeLessThan(ROWS);
    expect(after.counted).toBe(after.residents);
    expect(after.audits).toBe(after.residents / BATCH);
    expect(after.processed).toBe(after.residents);
    expect(after.status).toBe('running');
    expect(after.households).toBe(Math.ceil(after.residents / 3));

    const again = run(['registry', 'import', 'resident', file], dir, { WANGGE_IMPORT_BATCH: String(BATCH) });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`新增 added ${ROWS - after.residents}, 更新 updated 0, 未变 unchanged ${after.residents}, 拒绝 rejected 0`);

    const clean = run(['registry', 'import', 'resident', file], twin);
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.stdout).toContain(`新增 added ${ROWS}`);
    const [a, b] = [await fingerprint(dir), await fingerprint(twin)];
    expect(a.residents).toBe(String(ROWS));
    expect(a).toEqual(b);
  }, 300_000);

  it('reports rejected rows with exit code 3 and FILE.errors.xlsx; exports masked', async () => {
    const file = path.join(root, 'some-bad.csv');
    const text = residentsCsv(3, 3000).replace(idNumber(3001), idNumber(3001).slice(0, 17) + (idNumber(3001).endsWith('1') ? '2' : '1'));
    fs.writeFileSync(file, text);
    const r = run(['registry', 'import', 'resident', file]);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('新增 added 2');
    expect(r.stderr).toContain('第 3 行');
    expect(fs.existsSync(`${file}.errors.xlsx`)).toBe(true);
    const all = run(['registry', 'import', 'resident', file, '--mode', 'all-or-nothing']);
    expect(all.status).toBe(3);
    expect(all.stdout).toContain('nothing imported');

    const out = path.join(root, 'export.xlsx');
    const x = run(['registry', 'export', 'resident', '--region', micros[0], '--out', out]);
    expect(x.status, x.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBeGreaterThan(1);
    const idCol = (ws.getRow(1).values as string[]).indexOf('证件号码');
    expect(String(ws.getRow(2).getCell(idCol).value)).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
  }, 200_000);
});
