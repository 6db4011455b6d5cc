// The registry's import/export engine through the API: templates, csv (UTF-8 and GBK) and xlsx
// imports, both modes, re-import, scope of rows and jobs, the error workbook, masked export.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobSettled } from '../../src/modules/registry/import/jobs.service.ts';
import { idCheckDigit } from '../../src/modules/registry/checks.ts';
import { RESIDENT_COLUMNS } from '../../src/modules/registry/residents.sheet.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { makeDwellings } from '../support/residents.ts';

let t: TestApp;
let sq01: string;
let sq02: string;
let jd01: string;
const A = { community: '', grid: '', micro: '', path: '', id: 0 };
const B = { grid: '', path: '' };

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

/** A valid synthetic citizen ID: Guangdong prefix, a birth date, a serial, the GB 11643 check digit. */
function idNumber(serial: number, birth = '19800101', male = true): string {
  const seq = String(serial % 1000).padStart(2, '0').slice(-2) + String((serial % 5) * 2 + (male ? 1 : 0));
  const first17 = `445302${birth}${seq}`;
  return first17 + idCheckDigit(first17);
}

/** A valid ID number with its check digit changed. */
const badId = (serial: number) => {
  const ok = idNumber(serial);
  return ok.slice(0, 17) + (ok[17] === '1' ? '2' : '1');
};

type Row = Partial<Record<string, string>>;
const HEADERS = RESIDENT_COLUMNS.map((c) => c.header);
function csv(data: Row[], headers = HEADERS): string {
  const keyOf = new Map(RESIDENT_COLUMNS.map((c) => [c.header, c.key]));
  const esc = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [headers.join(','), ...data.map((r) => headers.map((h) => esc(r[keyOf.get(h) ?? h] ?? '')).join(','))].join('\r\n') + '\r\n';
}
const person = (serial: number, over: Row = {}): Row => ({
  name: `测试${serial}`,
  ethnicity: '汉族',
  idNumber: idNumber(serial),
  residenceType: '户籍人口',
  regionCode: A.micro,
  ...over,
});

async function upload(cookie: string, body: string | Buffer, q: string, contentType = 'text/csv') {
  const res = await t.as(cookie, { method: 'POST', url: `/api/v1/registry/imports?${q}`, payload: body, headers: { 'content-type': contentType } });
  return res;
}
async function importAndWait(cookie: string, body: string | Buffer, q: string, contentType = 'text/csv') {
  const res = await upload(cookie, body, q, contentType);
  expect(res.statusCode, res.body).toBe(202);
  const { jobId } = res.json() as { jobId: number };
  await jobSettled(jobId);
  const job = await t.as(cookie, { method: 'GET', url: `/api/v1/registry/imports/${jobId}` });
  expect(job.statusCode).toBe(200);
  return job.json() as { id: number; status: string; added: number; updated: number; unchanged: number; rejected: number; processedRows: number; totalRows: number; problems: { row: number; column: string; reason: { zh: string; en: string } }[]; hasErrorWorkbook: boolean };
}
async function loadXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}
const sheetRows = (ws: ExcelJS.Worksheet) => {
  const out: string[][] = [];
  ws.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
};

/** Residents and households as text, to compare database states exactly. */
async function state() {
  const [s] = await rows<Record<string, string>>(sql`SELECT
    (SELECT count(*) FROM residents)::text AS residents,
    (SELECT count(*) FROM households)::text AS households,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, name, version, updated_at, region_id, household_id, household_role, tags::text, mobile_enc, id_number_enc), '|' ORDER BY id), '')) FROM residents) AS rhash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, number, head_resident_id, version), '|' ORDER BY id), '')) FROM households) AS hhash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', region_id, measure, value), '|' ORDER BY region_id, measure), '')) FROM region_counters) AS chash`);
  return s;
}
const counter = async (path: string, measure: string) =>
  Number((await rows<{ v: number }>(sql`SELECT coalesce(sum(c.value), 0)::int AS v FROM region_counters c JOIN regions r ON r.id = c.region_id WHERE r.path = ${path} AND c.measure = ${measure}`))[0].v);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [sq01, sq02, jd01] = [await t.login('sq01'), await t.login('sq02'), await t.login('jd01')];
  const scopeOf = async (u: string) => (await rows<{ path: string; code: string; id: number }>(sql`SELECT r.path, r.code, r.id FROM users u JOIN regions r ON r.id = u.scope_region_id WHERE u.username = ${u}`))[0];
  const a = await scopeOf('sq01');
  const b = await scopeOf('sq02');
  const under = async (path: string, level: number) => (await rows<{ code: string; path: string }>(sql`SELECT code, path FROM regions WHERE path LIKE ${path + '%'} AND level = ${level} AND archived_at IS NULL ORDER BY code LIMIT 1`))[0];
  Object.assign(A, { community: a.code, path: a.path, id: a.id, grid: (await under(a.path, 5)).code, micro: (await under(a.path, 6)).code });
  Object.assign(B, { grid: (await under(b.path, 5)).code, path: b.path });
}, 120_000);
afterAll(async () => t?.close());

describe('templates', () => {
  it('serves an xlsx template with Chinese headers, notes, a sample row, dropdowns and a 说明 sheet', async () => {
    const res = await t.as(sq01, { method: 'GET', url: '/api/v1/registry/templates/resident' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = await loadXlsx(res.rawPayload);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('实有人口');
    expect(sheetRows(ws)[0]).toEqual(HEADERS);
    expect(sheetRows(ws)[1][0]).toBe('张伟');
    const genderCol = HEADERS.indexOf('性别') + 1;
    expect(ws.getCell(3, genderCol).dataValidation?.type).toBe('list');
    expect(String(ws.getCell(1, HEADERS.indexOf('证件号码') + 1).note ?? '')).toContain('必填');
    expect(wb.getWorksheet('说明')).toBeTruthy();
    const unknown = await t.as(sq01, { method: 'GET', url: '/api/v1/registry/templates/spaceship' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('IMPORT_ENTITY_UNKNOWN');
  });
});

describe('import', () => {
  const good = () => [
    person(1, { householdRole: '户主', mobile: '13812340001', tags: '独居老人' }),
    person(2, { householdHeadIdNumber: idNumber(1), householdRole: '配偶' }),
    person(3),
  ];

  it('imports a UTF-8 csv in skip-invalid mode: good rows written with counters, the bad row reported', async () => {
    const before = await counter(A.path, 'residents');
    const data = [...good(), person(4, { idNumber: badId(4) })];
    const job = await importAndWait(sq01, csv(data), 'entity=resident&mode=skip-invalid&fileName=r.csv');
    expect(job).toMatchObject({ status: 'done', added: 3, updated: 0, unchanged: 0, rejected: 1, processedRows: 4 });
    expect(job.problems[0]).toMatchObject({ row: 5, column: '证件号码' });
    expect(job.problems[0].reason.zh).toContain('校验码');
    expect(await counter(A.path, 'residents')).toBe(before + 3);
    expect(await counter(A.path, 'careGroup.elderlyAlone')).toBeGreaterThanOrEqual(1);
    const [hh] = await rows<{ n: number }>(sql`SELECT count(DISTINCT household_id)::int AS n FROM residents WHERE name IN ('测试1', '测试2')`);
    expect(hh.n).toBe(1);
    const [enc] = await rows<{ id_number_enc: string; id_number_masked: string; mobile_masked: string }>(sql`SELECT id_number_enc, id_number_masked, mobile_masked FROM residents WHERE name = '测试1'`);
    expect(enc.id_number_enc).not.toContain(idNumber(1));
    expect(enc.id_number_masked).toMatch(/^445\*+/);
    expect(enc.mobile_masked).toBe('138****0001');
    // One audit row per batch, not per row.
    const audits = await rows<{ after: { added: number } }>(sql`SELECT after FROM audit_log WHERE action = 'registry.import' AND entity_id = ${String(job.id)}`);
    expect(audits).toHaveLength(1);
    expect(audits[0].after.added).toBe(3);
    // The error workbook: the row's cells, the column and the reason.
    const wbRes = await t.as(sq01, { method: 'GET', url: `/api/v1/registry/imports/${job.id}/errors` });
    expect(wbRes.statusCode).toBe(200);
    const errRows = sheetRows((await loadXlsx(wbRes.rawPayload)).worksheets[0]);
    expect(errRows[0].slice(-3)).toEqual(['错误列', '错误原因', 'Error']);
    expect(errRows).toHaveLength(2);
    expect(errRows[1][HEADERS.indexOf('姓名')]).toBe('测试4');
    expect(errRows[1][HEADERS.length]).toBe('证件号码');
    expect(errRows[1][HEADERS.length + 1]).toContain('第 5 行');
    expect(errRows[1][HEADERS.length + 2]).toMatch(/checksum/);
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await state();
    const job = await importAndWait(sq01, csv([...good(), person(4, { idNumber: badId(4) })]), 'entity=resident&mode=skip-invalid');
    expect(job).toMatchObject({ status: 'done', added: 0, updated: 0, unchanged: 3, rejected: 1 });
    expect(await state()).toEqual(before);
  });

  it('updates a changed row and reads GBK csv', async () => {
    const text = csv([person(3, { employer: '金山街道办', note: '更新' }), person(5, { name: '欧阳娜', tags: '残疾人' })]);
    const gbk = iconv.encode(text, 'gbk');
    expect(gbk.equals(Buffer.from(text, 'utf8'))).toBe(false);
    const job = await importAndWait(sq01, gbk, 'entity=resident&mode=all-or-nothing&fileName=gbk.csv');
    expect(job).toMatchObject({ status: 'done', added: 1, updated: 1, rejected: 0 });
    const [r] = await rows<{ employer: string; version: number }>(sql`SELECT employer, version FROM residents WHERE name = '测试3'`);
    expect(r).toEqual({ employer: '金山街道办', version: 2 });
    expect((await rows(sql`SELECT 1 FROM residents WHERE name = '欧阳娜' AND tags = '{disabled}'`)).length).toBe(1);
  });

  it('reads xlsx (the template filled in, sample row left in place)', async () => {
    const tpl = await t.as(sq01, { method: 'GET', url: '/api/v1/registry/templates/resident' });
    const wb = await loadXlsx(tpl.rawPayload);
    const ws = wb.worksheets[0];
    ws.addRow(RESIDENT_COLUMNS.map((c) => person(6, { birthDate: '1980-01-01' })[c.key] ?? ''));
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const job = await importAndWait(sq01, buf, 'entity=resident&fileName=t.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(job).toMatchObject({ status: 'done', added: 1, rejected: 0, processedRows: 1 });
  });

  it('all-or-nothing: one bad row writes nothing and the error workbook names row, column and reason', async () => {
    const before = await state();
    const auditBefore = (await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`))[0].n;
    const job = await importAndWait(sq01, csv([person(7), person(8, { mobile: '12345' }), person(9)]), 'entity=resident');
    expect(job).toMatchObject({ status: 'rejected', added: 0, rejected: 1, processedRows: 3 });
    expect(await state()).toEqual(before);
    expect((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`))[0].n).toBe(auditBefore);
    const wbRes = await t.as(sq01, { method: 'GET', url: `/api/v1/registry/imports/${job.id}/errors` });
    expect(wbRes.statusCode, wbRes.body).toBe(200);
    const errRows = sheetRows((await loadXlsx(wbRes.rawPayload)).worksheets[0]);
    expect(errRows).toHaveLength(2);
    expect(errRows[1][HEADERS.length]).toBe('手机号码');
    expect(errRows[1][HEADERS.length + 1]).toMatch(/第 3 行.*手机号/);
  });

  it('rejects rows outside the importer’s scope, duplicates and members of unknown heads', async () => {
    const data = [person(10, { regionCode: B.grid }), person(11), person(11, { name: '重复' }), person(12, { householdHeadIdNumber: idNumber(99), householdRole: '子女' }), person(13, { regionCode: A.community })];
    const before = await counter(B.path, 'residents');
    const job = await importAndWait(sq01, csv(data), 'entity=resident&mode=skip-invalid');
    expect(job).toMatchObject({ status: 'done', added: 1, rejected: 4 });
    const reasons = Object.fromEntries(job.problems.map((p) => [p.row, p.reason.zh]));
    expect(reasons[2]).toContain('不在您的管辖范围内');
    expect(reasons[4]).toContain('与第 3 行重复');
    expect(reasons[5]).toContain('户主');
    expect(reasons[6]).toContain('网格或微网格');
    expect(await counter(B.path, 'residents')).toBe(before);
    expect((await rows(sql`SELECT 1 FROM residents WHERE name = '测试10'`)).length).toBe(0);
  });

  it('prepares large files on a worker thread with the same verdicts, hashes, ciphertexts and pinyin as in-thread', async () => {
    // Files of 20,000+ rows are prepared on the worker; force it here so a small file takes that path.
    const data = [person(40, { householdRole: '户主', mobile: '13812340040', tags: '独居老人' }), person(41, { householdHeadIdNumber: idNumber(40), householdRole: '配偶' }), person(42, { idNumber: badId(42) }), person(40, { name: '重复' })];
    process.env.WANGGE_IMPORT_WORKER = '1';
    try {
      const job = await importAndWait(sq01, csv(data), 'entity=resident&mode=skip-invalid&fileName=w.csv');
      expect(job).toMatchObject({ status: 'done', added: 2, rejected: 2, processedRows: 4 });
      const reasons = Object.fromEntries(job.problems.map((p: { row: number; reason: { zh: string } }) => [p.row, p.reason.zh]));
      expect(reasons[4]).toContain('校验码');
      expect(reasons[5]).toContain('与第 2 行重复');
      // Stored by the worker's keys: the keyed hash finds the person, the API decrypts the ciphertext.
      const found = await t.as(sq01, { method: 'GET', url: `/api/v1/residents?q=${idNumber(40)}` });
      expect(found.json().items.map((r: { name: string }) => r.name)).toEqual(['测试40']);
      const pii = await t.as(sq01, { method: 'GET', url: `/api/v1/residents/${found.json().items[0].id}/pii` });
      expect(pii.json()).toMatchObject({ idNumber: idNumber(40), mobile: '13812340040' });
      const [hh] = await rows<{ n: number }>(sql`SELECT count(DISTINCT household_id)::int AS n FROM residents WHERE name IN ('测试40', '测试41')`);
      expect(hh.n).toBe(1);
      // The head's ID hash reached the member's row (found by hash), and the names' pinyin came back.
      const keys = await rows<{ name: string; pinyin: string; initials: string }>(sql`SELECT name, name_pinyin AS pinyin, name_initials AS initials FROM residents WHERE name IN ('测试40', '测试41') ORDER BY name`);
      expect(keys).toEqual([{ name: '测试40', pinyin: 'ceshi40', initials: 'cs40' }, { name: '测试41', pinyin: 'ceshi41', initials: 'cs41' }]);
    } finally {
      delete process.env.WANGGE_IMPORT_WORKER;
    }
  });

  it('places residents in dwellings by estate, building, unit and room within their grid', async () => {
    const [micro] = await rows<{ id: number }>(sql`SELECT id FROM regions WHERE code = ${A.micro}`);
    const made = await makeDwellings(t, micro.id, { estate: '测试苑', building: '5', address: '测试路 5 号', rooms: ['101', '102'] });
    const data = [
      person(30, { estate: '测试苑', building: '5栋', unit: '1', room: '101室' }),
      person(31, { estate: '测试苑', building: '5', unit: '1', room: '999' }),
    ];
    const job = await importAndWait(sq01, csv(data), 'entity=resident&mode=skip-invalid');
    expect(job).toMatchObject({ added: 1, rejected: 1 });
    expect(job.problems[0]).toMatchObject({ row: 3, column: '房号' });
    expect(job.problems[0].reason.zh).toContain('房屋不存在');
    const [r] = await rows<{ dwelling_id: number }>(sql`SELECT dwelling_id FROM residents WHERE name = '测试30'`);
    expect(r.dwelling_id).toBe(made.dwellings[0]);
  });

  it('refuses a file whose header names an unknown column or lacks a required one', async () => {
    const unknown = await upload(sq01, `姓名,民族,证件号码,人口类型,所在网格编码,星座\r\n张三,汉族,${idNumber(20)},户籍人口,${A.micro},白羊\r\n`, 'entity=resident');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('IMPORT_FORMAT');
    expect(unknown.json().message).toContain('星座');
    const missing = await upload(sq01, `姓名,民族,人口类型,所在网格编码\r\n张三,汉族,户籍人口,${A.micro}\r\n`, 'entity=resident');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('证件号码');
    const perm = await upload(await t.login('bm01'), csv([person(21)]), 'entity=resident');
    expect(perm.statusCode).toBe(403);
  });
});

describe('jobs and export', () => {
  it('lists jobs in scope, newest first; a sibling community cannot see them, the street can', async () => {
    const mine = (await t.as(sq01, { method: 'GET', url: '/api/v1/registry/imports' })).json().items as { id: number; status: string }[];
    expect(mine.length).toBeGreaterThanOrEqual(6);
    expect(mine[0].id).toBeGreaterThan(mine[1].id);
    const theirs = (await t.as(sq02, { method: 'GET', url: '/api/v1/registry/imports' })).json().items as unknown[];
    expect(theirs).toHaveLength(0);
    expect((await t.as(sq02, { method: 'GET', url: `/api/v1/registry/imports/${mine[0].id}` })).statusCode).toBe(403);
    expect((await t.as(sq02, { method: 'GET', url: `/api/v1/registry/imports/${mine[0].id}/errors` })).statusCode).toBe(403);
    expect((await t.as(jd01, { method: 'GET', url: `/api/v1/registry/imports/${mine[0].id}` })).statusCode).toBe(200);
    expect((await t.as(sq01, { method: 'GET', url: '/api/v1/registry/imports/999999' })).statusCode).toBe(404);
  });

  it('exports the filtered list with masked personal data, in scope only', async () => {
    const res = await t.as(sq01, { method: 'GET', url: `/api/v1/registry/exports/resident?regionId=${A.id}` });
    expect(res.statusCode).toBe(200);
    const data = sheetRows((await loadXlsx(res.rawPayload)).worksheets[0]);
    expect(data[0]).toEqual(HEADERS);
    const idCol = HEADERS.indexOf('证件号码');
    const names = data.slice(1).map((r) => r[0]);
    expect(names).toEqual(expect.arrayContaining(['测试1', '测试2', '测试3', '欧阳娜']));
    for (const r of data.slice(1)) expect(r[idCol]).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(res.rawPayload.toString('latin1')).not.toContain(idNumber(1));
    const other = await t.as(sq02, { method: 'GET', url: '/api/v1/registry/exports/resident' });
    expect(sheetRows((await loadXlsx(other.rawPayload)).worksheets[0]).map((r) => r[0])).not.toContain('测试1');
    expect((await t.as(sq02, { method: 'GET', url: `/api/v1/registry/exports/resident?regionId=${A.id}` })).statusCode).toBe(403);
  });
});
