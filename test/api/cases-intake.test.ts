// Intake and the read side: field checks with named errors, placement (point → micro-grid, desk =
// community; or the linked building/dwelling), scope, codes unique under parallel reports,
// idempotent retries, lists (desk, mine, all, filters), the detail, photos, similar cases, export.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../src/modules/cases/cases.code.ts';
import type { CaseDetail, CaseListItem } from '../../src/modules/cases/cases.views.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { CATEGORY, caseSite, categoryByCode, getCase, offsetEast, reportBody, reportCase, tinyJpeg, tinyPng, tinyWebp, uploadPhoto, type CaseSite } from '../support/cases.ts';
import { makeDwellings } from '../support/residents.ts';

let t: TestApp;
let wgy01: string;
let sq01: string;
let sq02: string;
let jd01: string;
let jm01: string;
let site: CaseSite;
let otherSite: CaseSite;
let district: string;

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const caseCount = async () => Number((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases`))[0].n);
const post = (cookie: string, payload: object, headers?: Record<string, string>) => t.as(cookie, { method: 'POST', url: '/api/v1/cases', payload, headers });
const list = async (cookie: string, query: string) => {
  const res = await t.as(cookie, { method: 'GET', url: `/api/v1/cases?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: CaseListItem[]; total: number; totalCapped: boolean };
};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [wgy01, sq01, sq02, jd01, jm01] = [await t.login('wgy01'), await t.login('sq01'), await t.login('sq02'), await t.login('jd01'), await t.login('jm01')];
  site = await caseSite(t, 'wgy01');
  otherSite = await caseSite(t, 'sq02');
  const [d] = await rows<{ code: string }>(sql`SELECT code FROM regions WHERE level = 2 AND ${site.micro.path} LIKE path || '%'`);
  district = d.code.slice(0, 6);
});
afterAll(() => t.close());

describe('POST /cases', () => {
  it('files a patrol report at a point: micro-grid region, community desk, code, first timeline step, audit, masked mobile', async () => {
    const before = Number((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.report'`))[0].n);
    const c = await reportCase(t, wgy01, { reporterName: '张三', reporterMobile: '138-1234-5678', address: '新华路 12 号' });
    expect(c).toMatchObject({ status: 'reported', source: 'patrol', level: 'community', urgency: 'normal', mode: null, address: '新华路 12 号' });
    expect(c.code).toMatch(new RegExp(`^${district}-${shanghaiDay(new Date())}-\\d{4}$`));
    expect(c.region.id).toBe(site.micro.id);
    expect(c.desk.id).toBe(site.community.id);
    expect(c.region.pathNames.length).toBe(4);
    expect(c.region.pathNames[1]).toBe(c.desk.name);
    expect(c.category).toMatchObject({ code: CATEGORY.exposedGarbage, nameZh: '暴露垃圾', parentNameZh: '市容环境' });
    expect(c.reporter).toEqual({ name: '张三', mobileMasked: '138****5678', anonymous: false });
    expect(JSON.stringify(c)).not.toContain('13812345678');
    expect(c.timeline).toHaveLength(1);
    expect(c.timeline[0]).toMatchObject({ action: 'report', fromStatus: null, toStatus: 'reported', actorKind: 'gridWorker', late: null });
    expect(c.availableActions).toContain('resolveOnSpot');
    const [stored] = await rows<{ reporter_mobile_enc: string; desk_region_path: string; reporter_user_id: number }>(sql`SELECT reporter_mobile_enc, desk_region_path, reporter_user_id FROM cases WHERE id = ${c.id}`);
    expect(stored.reporter_mobile_enc).not.toContain('13812345678');
    expect(stored.desk_region_path).toBe(site.community.path);
    expect(Number((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.report'`))[0].n)).toBe(before + 1);
    // The community desk sees it with the desk's actions.
    const asDesk = await getCase(t, sq01, c.id);
    expect(asDesk.availableActions).toEqual(expect.arrayContaining(['register', 'reject', 'merge']));
  });

  it('records the report step as the desk kind for community staff, and keeps anonymous reporters nameless', async () => {
    const c = await reportCase(t, sq01, { source: 'hotline', reporterName: '李四', reporterMobile: '13900001111', anonymous: true });
    expect(c.timeline[0].actorKind).toBe('communityDispatcher');
    expect(c.reporter).toEqual({ name: null, mobileMasked: '139****1111', anonymous: true });
  });

  it('refuses each bad field with its name in zh and en, and files nothing', async () => {
    const n = await caseCount();
    const base = await reportBody(t);
    const probes: [object, string, RegExp, RegExp][] = [
      [{ source: 'tv' }, 'CASE_FIELD_INVALID', /来源不合法/, /Invalid source/],
      [{ title: '脏' }, 'CASE_FIELD_INVALID', /标题不合法：长度应为 2–100/, /Invalid title: must be 2–100/],
      [{ title: '长'.repeat(101) }, 'CASE_FIELD_INVALID', /标题/, /title/],
      [{ title: '   ' }, 'CASE_FIELD_REQUIRED', /缺少标题/, /Missing title/],
      [{ description: '述'.repeat(2001) }, 'CASE_FIELD_INVALID', /描述不合法/, /Invalid description/],
      [{ urgency: 'asap' }, 'CASE_FIELD_INVALID', /紧急程度/, /urgency/],
      [{ lng: 200 }, 'CASE_FIELD_INVALID', /经度不合法/, /Invalid longitude/],
      [{ lat: -91 }, 'CASE_FIELD_INVALID', /纬度不合法/, /Invalid latitude/],
      [{ lat: undefined }, 'CASE_FIELD_REQUIRED', /缺少纬度/, /Missing latitude/],
      [{ reporterMobile: '12345' }, 'CASE_FIELD_INVALID', /上报人手机号不合法/, /Invalid reporter mobile/],
      [{ address: '址'.repeat(201) }, 'CASE_FIELD_INVALID', /地址/, /address/],
      [{ lng: undefined, lat: undefined }, 'CASE_LOCATION_REQUIRED', /请提供事发位置/, /Give a location/],
      [{ lng: 0.5, lat: 0.5 }, 'CASE_OUTSIDE_GRIDS', /不在任何网格内/, /outside every grid/],
      [{ categoryId: (await categoryByCode(t, CATEGORY.cityAppearance)).id }, 'CASE_CATEGORY_NOT_LEAF', /请选择小类/, /Pick a subcategory/],
      [{ categoryId: 999999 }, 'CASE_CATEGORY_NOT_FOUND', /事件分类不存在/, /Case category not found/],
      [{ residentIds: [999999] }, 'CASE_LINK_NOT_FOUND', /关联的居民/, /Linked resident 999999/],
      [{ buildingId: 999999 }, 'CASE_LINK_NOT_FOUND', /关联的楼栋/, /Linked building/],
    ];
    for (const [change, code, zh, en] of probes) {
      const payload = JSON.parse(JSON.stringify({ ...base, ...change }));
      const res = await post(wgy01, payload);
      expect(res.statusCode, JSON.stringify(change)).toBeGreaterThanOrEqual(400);
      expect(res.json().code, JSON.stringify(change)).toBe(code);
      expect(res.json().message).toMatch(zh);
      const resEn = await t.as(wgy01, { method: 'POST', url: '/api/v1/cases', payload, headers: { 'accept-language': 'en' } });
      expect(resEn.json().message).toMatch(en);
    }
    expect((await post(wgy01, { ...base, extra: 1 })).json().code).toBe('VALIDATION_FAILED');
    expect(await caseCount()).toBe(n);
  });

  it('refuses a point in another community’s grid (SCOPE_DENIED) and callers without cases.report', async () => {
    const n = await caseCount();
    const res = await post(wgy01, await reportBody(t, { lng: otherSite.lng, lat: otherSite.lat }));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('SCOPE_DENIED');
    const resident = await post(jm01, await reportBody(t));
    expect(resident.json()).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(await caseCount()).toBe(n);
    // The street above both communities may report in either.
    const c = await reportCase(t, jd01, { lng: otherSite.lng, lat: otherSite.lat });
    expect(c.desk.id).toBe(otherSite.community.id);
    expect(c.timeline[0].actorKind).toBe('streetDispatcher');
  });

  it('places a case by its linked dwelling or building, and names the links and residents involved', async () => {
    const h = await makeDwellings(t, site.micro.id, { estate: '幸福小区', building: '3', address: '幸福路 3 号', rooms: ['101'] });
    await t.database.db.execute(sql`UPDATE buildings SET lng = ${site.lng}, lat = ${site.lat} WHERE id = ${h.buildingId}`);
    const [res] = await rows<{ id: number }>(sql`INSERT INTO residents (region_id, region_path, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked, id_last4, residence_type, dwelling_id)
      VALUES (${site.micro.id}, ${site.micro.path}, '王五', 'male', '1980-01-01', 'x', ${crypto.randomBytes(8).toString('hex')}, '440***********0000', '0000', 'registered', ${h.dwellings[0]}) RETURNING id`);
    const c = await reportCase(t, wgy01, { lng: undefined, dwellingId: h.dwellings[0], residentIds: [Number(res.id)], categoryCode: CATEGORY.neighbourDispute, title: '楼上漏水纠纷' });
    expect(c.region.id).toBe(site.micro.id);
    expect(c.desk.id).toBe(site.community.id);
    expect([c.lng, c.lat]).toEqual([site.lng, site.lat]);
    expect(c.address).toBe('幸福路 3 号');
    expect(c.links.dwelling).toEqual({ id: h.dwellings[0], name: '幸福小区 3栋 1单元 101' });
    expect(c.links.residents).toEqual([{ id: Number(res.id), name: '王五' }]);
    const b = await reportCase(t, wgy01, { buildingId: h.buildingId, title: '楼道堆物' });
    expect(b.links.building).toEqual({ id: h.buildingId, name: '幸福小区 3栋' });
    // A building of the other community is out of reach.
    const theirs = await makeDwellings(t, otherSite.micro.id, { estate: '邻居小区', building: '1', address: '', rooms: ['101'] });
    const denied = await post(wgy01, await reportBody(t, { buildingId: theirs.buildingId }));
    expect(denied.json().code).toBe('SCOPE_DENIED');
  });

  it('numbers 20 parallel reports with 20 distinct, consecutive codes of the district and day', async () => {
    const body = await reportBody(t);
    const results = await Promise.all(Array.from({ length: 20 }, () => post(wgy01, body)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const codes = results.map((r) => (r.json() as CaseDetail).code);
    expect(new Set(codes).size).toBe(20);
    const seqs = codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b);
    expect(seqs[19] - seqs[0]).toBe(19);
    const all = await rows<{ code: string }>(sql`SELECT code FROM cases WHERE code LIKE ${`${district}-%`}`);
    expect(new Set(all.map((r) => r.code)).size).toBe(all.length);
  });

  it('returns the same case for a retry with the same Idempotency-Key, sequential or concurrent', async () => {
    const body = await reportBody(t, { title: '重试上报' });
    const first = await post(wgy01, body, { 'idempotency-key': 'k-seq-1' });
    const again = await post(wgy01, body, { 'idempotency-key': 'k-seq-1' });
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json().id).toBe(first.json().id);
    const n = await caseCount();
    const [a, b] = await Promise.all([post(wgy01, body, { 'idempotency-key': 'k-par-1' }), post(wgy01, body, { 'idempotency-key': 'k-par-1' })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect(await caseCount()).toBe(n + 1);
    // Keys belong to their caller: another account's key never returns this case.
    const other = await post(sq01, body, { 'idempotency-key': 'k-seq-1' });
    expect(other.statusCode).toBe(201);
    expect(other.json().id).not.toBe(first.json().id);
  });
});

describe('reading cases', () => {
  let mine: CaseDetail;
  let theirs: CaseDetail;
  beforeAll(async () => {
    mine = await reportCase(t, wgy01, { title: '读取测试甲', categoryCode: CATEGORY.streetLight });
    theirs = await reportCase(t, sq02, { title: '读取测试乙', lng: otherSite.lng, lat: otherSite.lat, categoryCode: CATEGORY.streetLight });
  });

  it('keeps a sibling community out: SCOPE_DENIED on the detail, absent from its lists', async () => {
    const res = await t.as(sq02, { method: 'GET', url: `/api/v1/cases/${mine.id}` });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('SCOPE_DENIED');
    expect((await t.as(sq02, { method: 'GET', url: '/api/v1/cases/99999999' })).json().code).toBe('CASE_NOT_FOUND');
    const ids = (await list(sq02, 'view=all&limit=200')).items.map((i) => i.id);
    expect(ids).toContain(theirs.id);
    expect(ids).not.toContain(mine.id);
    const street = (await list(jd01, 'view=all&limit=200')).items.map((i) => i.id);
    expect(street).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect((await t.as(jm01, { method: 'GET', url: '/api/v1/cases' })).json().code).toBe('PERMISSION_DENIED');
  });

  it('desk queue: the caller’s own desk only; returned cases first, then by stage deadline', async () => {
    const desk = await list(sq01, 'view=desk&limit=200');
    expect(desk.items.every((i) => i.desk.id === site.community.id && ['reported', 'registered'].includes(i.status))).toBe(true);
    expect(desk.items.map((i) => i.id)).toContain(mine.id);
    expect(desk.total).toBe(desk.items.length);
    expect((await list(sq02, 'view=desk&limit=200')).items.map((i) => i.id)).not.toContain(mine.id);
    // The street desk holds only cases escalated to it: none yet.
    expect(await list(jd01, 'view=desk')).toMatchObject({ items: [], total: 0 });
    const a = await reportCase(t, wgy01, { title: '队列甲' });
    const b = await reportCase(t, wgy01, { title: '队列乙' });
    await t.database.db.execute(sql`UPDATE cases SET status = 'registered', stage = 'dispatch', stage_deadline_at = now() + interval '1 hour' WHERE id = ${a.id}`);
    await t.database.db.execute(sql`UPDATE cases SET status = 'registered', return_count = 1, stage = 'dispatch', stage_deadline_at = now() + interval '5 hour' WHERE id = ${b.id}`);
    const q = (await list(sq01, 'view=desk&limit=3')).items.map((i) => i.id);
    expect(q.slice(0, 2)).toEqual([b.id, a.id]);
    const registered = await list(sq01, 'view=desk&status=registered');
    expect(registered.items.map((i) => i.id)).toEqual([b.id, a.id]);
  });

  it('mine: a grid worker’s open cases in their grid', async () => {
    const m = await list(wgy01, 'view=mine&limit=200');
    expect(m.items.map((i) => i.id)).toContain(mine.id);
    expect(m.items.every((i) => i.region.pathNames.length === 4)).toBe(true);
    expect(m.items.map((i) => i.id)).not.toContain(theirs.id);
  });

  it('filters: status, category (a group includes its subcategories), code, text, dates; bad values named', async () => {
    const light = await categoryByCode(t, CATEGORY.streetLight);
    const group = await categoryByCode(t, '09');
    expect((await list(sq01, `categoryId=${light.id}`)).items.map((i) => i.id)).toEqual([mine.id]);
    expect((await list(sq01, `categoryId=${group.id}`)).items.map((i) => i.id)).toEqual([mine.id]);
    expect((await list(sq01, `q=${mine.code}`)).items.map((i) => i.id)).toEqual([mine.id]);
    expect((await list(sq01, `q=${encodeURIComponent('读取测试')}`)).items.map((i) => i.id)).toEqual([mine.id]);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect((await list(sq01, `q=${mine.code}&from=${today}&to=${today}`)).total).toBe(1);
    expect((await list(sq01, `q=${mine.code}&from=2000-01-01&to=2000-01-02`)).total).toBe(0);
    expect((await list(sq01, `status=closed`)).total).toBe(0);
    expect((await list(sq01, `regionId=${site.scope.id}&q=${mine.code}`)).total).toBe(1);
    const bad = await t.as(sq01, { method: 'GET', url: '/api/v1/cases?status=done' });
    expect(bad.json()).toMatchObject({ code: 'CASE_FIELD_INVALID' });
    expect(bad.json().message).toMatch(/状态/);
    expect((await t.as(sq01, { method: 'GET', url: '/api/v1/cases?from=2026-02-30' })).json().code).toBe('CASE_FIELD_INVALID');
    expect((await t.as(sq01, { method: 'GET', url: `/api/v1/cases?regionId=${otherSite.community.id}` })).json().code).toBe('SCOPE_DENIED');
    const paged = await list(sq01, 'limit=2');
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBeGreaterThan(2);
  });
});

describe('photos', () => {
  let c: CaseDetail;
  beforeAll(async () => {
    c = await reportCase(t, wgy01, { title: '照片测试' });
  });

  it('refuses wrong bytes, mismatched type, oversize and unknown kinds, storing nothing', async () => {
    const text = await uploadPhoto(t, wgy01, c.id, 'scene', Buffer.from('not an image at all'), 'image/jpeg');
    expect([text.statusCode, text.json().code]).toEqual([415, 'CASE_PHOTO_TYPE']);
    const mismatch = await uploadPhoto(t, wgy01, c.id, 'scene', tinyJpeg(), 'image/png');
    expect(mismatch.json().code).toBe('CASE_PHOTO_TYPE');
    const big = Buffer.concat([tinyJpeg(), Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await uploadPhoto(t, wgy01, c.id, 'scene', big, 'image/jpeg');
    expect([tooBig.statusCode, tooBig.json().code]).toEqual([413, 'CASE_PHOTO_TOO_LARGE']);
    expect(tooBig.json().message).toMatch(/5 MB/);
    const kind = await uploadPhoto(t, wgy01, c.id, 'selfie' as 'scene');
    expect(kind.json().code).toBe('CASE_FIELD_INVALID');
    const gif = await uploadPhoto(t, wgy01, c.id, 'scene', Buffer.from('GIF89a....'), 'image/gif');
    expect(gif.statusCode).toBe(415);
    expect(Number((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM case_photos WHERE case_id = ${c.id}`))[0].n)).toBe(0);
  });

  it('stores JPEG, PNG and WebP, serves the bytes back with their type, in scope only', async () => {
    const up = await uploadPhoto(t, wgy01, c.id, 'scene');
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ kind: 'scene', mime: 'image/jpeg', bytes: tinyJpeg().length, url: `/api/v1/cases/${c.id}/photos/${up.json().id}` });
    expect((await uploadPhoto(t, wgy01, c.id, 'before', tinyPng(), 'image/png')).json().mime).toBe('image/png');
    expect((await uploadPhoto(t, wgy01, c.id, 'after', tinyWebp(), 'application/octet-stream')).json().mime).toBe('image/webp');
    const got = await t.as(sq01, { method: 'GET', url: up.json().url });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.rawPayload.equals(tinyJpeg())).toBe(true);
    expect((await t.as(sq02, { method: 'GET', url: up.json().url })).json().code).toBe('SCOPE_DENIED');
    expect((await uploadPhoto(t, sq02, c.id)).json().code).toBe('SCOPE_DENIED');
    const detail = await getCase(t, sq01, c.id);
    expect(detail.photos.map((p) => p.kind)).toEqual(['scene', 'before', 'after']);
  });

  it('takes at most 9 photos per case', async () => {
    for (let i = 3; i < 9; i++) expect((await uploadPhoto(t, wgy01, c.id)).statusCode).toBe(201);
    const tenth = await uploadPhoto(t, wgy01, c.id);
    expect([tenth.statusCode, tenth.json().code]).toEqual([409, 'CASE_PHOTO_LIMIT']);
  });
});

describe('similar cases', () => {
  it('lists open cases of the same category within the radius and window, nearest first', async () => {
    // A category no other test files cases under, so earlier cases at the same point stay out.
    const code = '0103';
    const cat = await categoryByCode(t, code);
    const [lng, lat] = [site.lng, site.lat];
    const anchor = await reportCase(t, wgy01, { title: '相似锚点', lng, lat, categoryCode: code });
    const near = await reportCase(t, wgy01, { title: '相似近处', lng: offsetEast(lng, lat, 40)[0], lat, categoryCode: code });
    // Micro-grids are small: the far case is moved just past the radius after it is filed.
    const far = await reportCase(t, wgy01, { title: '相似远处', lng, lat, categoryCode: code });
    await t.database.db.execute(sql`UPDATE cases SET lng = ${offsetEast(lng, lat, cat.similarRadiusM + 20)[0]} WHERE id = ${far.id}`);
    const otherCat = await reportCase(t, wgy01, { title: '其他分类', lng, lat, categoryCode: CATEGORY.streetLight });
    const closed = await reportCase(t, wgy01, { title: '已结案的', lng, lat, categoryCode: code });
    const old = await reportCase(t, wgy01, { title: '很久以前', lng, lat, categoryCode: code });
    await t.database.db.execute(sql`UPDATE cases SET status = 'closed' WHERE id = ${closed.id}`);
    await t.database.db.execute(sql`UPDATE cases SET reported_at = now() - interval '10 days' WHERE id = ${old.id}`);
    const res = await t.as(sq01, { method: 'GET', url: `/api/v1/cases/${anchor.id}/similar` });
    expect(res.statusCode, res.body).toBe(200);
    const ids = (res.json() as CaseListItem[]).map((i) => i.id);
    expect(ids).toEqual([near.id]);
    for (const x of [anchor, far, otherCat, closed, old]) expect(ids).not.toContain(x.id);
    const fromFar = (await t.as(sq01, { method: 'GET', url: `/api/v1/cases/${far.id}/similar` })).json() as CaseListItem[];
    expect(fromFar.map((i) => i.id)).not.toContain(anchor.id);
    expect((await t.as(sq02, { method: 'GET', url: `/api/v1/cases/${anchor.id}/similar` })).json().code).toBe('SCOPE_DENIED');
  });
});

describe('GET /cases/export', () => {
  it('writes an .xlsx with Chinese headers and masked mobiles, with the list’s filters', async () => {
    const c = await reportCase(t, wgy01, { title: '导出测试', reporterMobile: '13512345678', categoryCode: CATEGORY.foodSafety });
    const cat = await categoryByCode(t, CATEGORY.foodSafety);
    const res = await t.as(sq01, { method: 'GET', url: `/api/v1/cases/export?categoryId=${cat.id}` });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['事件编号', '标题', '状态', '上报人手机号', '小类', '所在区域']));
    expect(ws.rowCount).toBe(2);
    const row = ws.getRow(2).values as unknown[];
    const col = (h: string) => row[headers.indexOf(h) + 1];
    expect(col('事件编号')).toBe(c.code);
    expect(col('上报人手机号')).toBe('135****5678');
    expect(col('状态')).toBe('待立案');
    expect(col('小类')).toBe('食品安全隐患');
    expect(res.rawPayload.includes(Buffer.from('13512345678'))).toBe(false);
    // The sibling's export holds none of this community's cases.
    const theirs = await t.as(sq02, { method: 'GET', url: `/api/v1/cases/export?categoryId=${cat.id}` });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(theirs.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0].rowCount).toBe(1);
    expect((await t.as(sq01, { method: 'GET', url: '/api/v1/cases/export?mode=fast' })).json().code).toBe('CASE_FIELD_INVALID');
  });

  it('refuses more than 100,000 rows with a clear error', async () => {
    const [tpl] = await rows<{ id: number }>(sql`SELECT id FROM cases ORDER BY id LIMIT 1`);
    await t.database.db.execute(sql`INSERT INTO cases (code, source, title, region_id, region_path, desk_region_id, desk_region_path, status)
      SELECT 'BULK-' || g, source, title, region_id, region_path, desk_region_id, desk_region_path, 'closed' FROM cases, generate_series(1, 100001) g WHERE cases.id = ${tpl.id}`);
    try {
      const res = await t.as(sq01, { method: 'GET', url: '/api/v1/cases/export' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('CASE_EXPORT_TOO_LARGE');
      expect(res.json().message).toMatch(/超过导出上限 100000/);
      const capped = await list(sq01, 'view=all&limit=1');
      expect(capped).toMatchObject({ total: 10_000, totalCapped: true });
    } finally {
      await t.database.db.execute(sql`DELETE FROM cases WHERE code LIKE 'BULK-%'`);
    }
  });
});
