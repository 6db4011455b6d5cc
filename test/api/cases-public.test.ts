// The resident's side, no account: report with a mobile (checked, rate-limited per hour), follow by
// code + mobile (a wrong mobile looks exactly like an unknown code), add scene photos, see a merged
// duplicate follow its original, and give feedback once the case is closed.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicCaseView } from '../../src/modules/cases/cases.views.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { CATEGORY, caseSite, categoryByCode, tinyJpeg, type CaseSite } from '../support/cases.ts';

let t: TestApp;
let site: CaseSite;
let sq01: string;
let garbageId: number;

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const report = (payload: object, headers?: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/public/cases', payload, headers });
const follow = (code: string, mobile: string) => t.app.inject({ method: 'GET', url: `/api/v1/public/cases/${encodeURIComponent(code)}?mobile=${encodeURIComponent(mobile)}` });
const body = (over: object = {}) => ({ title: '小区门口垃圾没人清', description: '已经堆了三天，味道很大', categoryId: garbageId, lng: site.lng, lat: site.lat, reporterMobile: '13600000001', ...over });
const caseByCode = async (code: string) => (await rows<{ id: number; version: number; status: string }>(sql`SELECT id, version, status FROM cases WHERE code = ${code}`))[0];

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  site = await caseSite(t, 'wgy01');
  sq01 = await t.login('sq01');
  garbageId = (await categoryByCode(t, CATEGORY.exposedGarbage)).id;
});
afterAll(() => t.close());

describe('POST /public/cases', () => {
  it('files a resident report without an account and answers only its code', async () => {
    const res = await report(body({ reporterName: '陈女士' }));
    expect(res.statusCode, res.body).toBe(201);
    const { code } = res.json();
    expect(Object.keys(res.json())).toEqual(['code']);
    const [c] = await rows<{ source: string; reporter_user_id: number | null; reporter_mobile_masked: string; desk_region_id: number; status: string }>(
      sql`SELECT source, reporter_user_id, reporter_mobile_masked, desk_region_id, status FROM cases WHERE code = ${code}`,
    );
    expect(c).toMatchObject({ source: 'resident', reporter_user_id: null, reporter_mobile_masked: '136****0001', desk_region_id: site.community.id, status: 'reported' });
    const [ev] = await rows<{ actor_kind: string; actor_name: string; actor_user_id: number | null }>(sql`SELECT actor_kind, actor_name, actor_user_id FROM case_events WHERE case_id = (SELECT id FROM cases WHERE code = ${code})`);
    expect(ev).toEqual({ actor_kind: 'reporter', actor_name: '陈女士', actor_user_id: null });
    // The community desk finds it in its queue.
    const desk = (await t.as(sq01, { method: 'GET', url: '/api/v1/cases?view=desk&limit=200' })).json();
    expect(desk.items.map((i: { code: string }) => i.code)).toContain(code);
  });

  it('needs a valid mainland mobile, a description and a point inside a grid; links are not accepted', async () => {
    const n = (await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases`))[0].n;
    const probes: [object, number, string, RegExp][] = [
      [{ reporterMobile: '' }, 400, 'CASE_FIELD_REQUIRED', /缺少上报人手机号/],
      [{ reporterMobile: '1234567' }, 400, 'CASE_FIELD_INVALID', /上报人手机号不合法/],
      [{ description: '  ' }, 400, 'CASE_FIELD_REQUIRED', /缺少描述/],
      [{ title: 'x' }, 400, 'CASE_FIELD_INVALID', /标题/],
      [{ lng: 1, lat: 1 }, 400, 'CASE_OUTSIDE_GRIDS', /不在任何网格内/],
      [{ buildingId: 1 }, 400, 'VALIDATION_FAILED', /buildingId/],
      [{ source: 'patrol' }, 400, 'VALIDATION_FAILED', /source/],
    ];
    for (const [over, status, code, message] of probes) {
      const res = await report(body(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(res.json().code).toBe(code);
      expect(res.json().message).toMatch(message);
    }
    const noMobile = await report({ title: '路灯不亮', description: '晚上很黑', lng: site.lng, lat: site.lat });
    expect(noMobile.json().code).toBe('VALIDATION_FAILED');
    expect((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases`))[0].n).toBe(n);
  });

  it('takes at most 5 reports per mobile per hour, counted under parallel posts', async () => {
    const mobile = '13711112222';
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => report(body({ reporterMobile: mobile, title: `限流测试${i}` }))));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(5);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(refused.map((r) => [r.statusCode, r.json().code])).toEqual([
      [429, 'CASE_REPORT_RATE_LIMITED'],
      [429, 'CASE_REPORT_RATE_LIMITED'],
    ]);
    expect(refused[0].json().message).toMatch(/每小时最多上报 5 件/);
    // Another number is not held back; an hour later the first one may report again.
    expect((await report(body({ reporterMobile: '13711113333' }))).statusCode).toBe(201);
    await t.database.db.execute(sql`UPDATE cases SET reported_at = reported_at - interval '61 minutes' WHERE reporter_mobile_masked = '137****2222'`);
    expect((await report(body({ reporterMobile: mobile }))).statusCode).toBe(201);
  });

  it('returns the same code for a retry with the same Idempotency-Key', async () => {
    const a = await report(body({ reporterMobile: '13811110000' }), { 'idempotency-key': 'pub-1' });
    const b = await report(body({ reporterMobile: '13811110000' }), { 'idempotency-key': 'pub-1' });
    expect([a.statusCode, b.statusCode]).toEqual([201, 200]);
    expect(b.json().code).toBe(a.json().code);
    // The same key from another mobile is another resident's report.
    const c = await report(body({ reporterMobile: '13811110001' }), { 'idempotency-key': 'pub-1' });
    expect(c.statusCode).toBe(201);
    expect(c.json().code).not.toBe(a.json().code);
  });
});

describe('following a case', () => {
  let code: string;
  beforeAll(async () => {
    code = (await report(body({ reporterMobile: '13900002222', title: '跟踪测试' }))).json().code;
  });

  it('answers a wrong mobile exactly like an unknown code', async () => {
    const wrong = await follow(code, '13900002223');
    const unknown = await follow('445302-20000101-0001', '13900002222');
    const invalid = await follow(code, 'abc');
    for (const r of [wrong, unknown, invalid]) {
      expect(r.statusCode).toBe(404);
      expect(r.json()).toEqual(wrong.json());
    }
    expect(wrong.json().code).toBe('CASE_NOT_FOUND');
  });

  it('shows progress to the right mobile (any common spelling of it), without staff or reporter data', async () => {
    const res = await follow(code, '+86 139-0000-2222');
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json() as PublicCaseView;
    expect(v).toMatchObject({ code, title: '跟踪测试', status: 'reported', categoryNameZh: '暴露垃圾', categoryNameEn: 'Exposed garbage', mergedInto: null, canGiveFeedback: false, result: null });
    expect(v.steps).toEqual([{ action: 'report', toStatus: 'reported', at: expect.any(String) }]);
    expect(res.body).not.toMatch(/139\*{4}2222|13900002222|actorName/);
  });

  it('takes scene photos by code and mobile, and serves them back the same way', async () => {
    const url = `/api/v1/public/cases/${code}/photos`;
    const up = await t.app.inject({ method: 'POST', url: `${url}?mobile=13900002222&kind=scene`, payload: tinyJpeg(), headers: { 'content-type': 'image/jpeg' } });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json().url).toBe(`${url}/${up.json().id}`);
    const after = await t.app.inject({ method: 'POST', url: `${url}?mobile=13900002222&kind=after`, payload: tinyJpeg(), headers: { 'content-type': 'image/jpeg' } });
    expect(after.json().code).toBe('CASE_FIELD_INVALID');
    const stranger = await t.app.inject({ method: 'POST', url: `${url}?mobile=13900009999`, payload: tinyJpeg(), headers: { 'content-type': 'image/jpeg' } });
    expect(stranger.statusCode).toBe(404);
    const fake = await t.app.inject({ method: 'POST', url: `${url}?mobile=13900002222`, payload: Buffer.from('<svg/>'), headers: { 'content-type': 'image/png' } });
    expect(fake.json().code).toBe('CASE_PHOTO_TYPE');
    const got = await t.app.inject({ method: 'GET', url: `${up.json().url}?mobile=13900002222` });
    expect(got.headers['content-type']).toBe('image/jpeg');
    expect(got.rawPayload.equals(tinyJpeg())).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `${up.json().url}?mobile=13900002223` })).statusCode).toBe(404);
    expect(((await follow(code, '13900002222')).json() as PublicCaseView).photos).toHaveLength(1);
  });

  it('a merged duplicate shows its original’s progress, result and after-photos', async () => {
    const original = (await report(body({ reporterMobile: '13900003333', title: '原始事件' }))).json().code;
    const dup = (await report(body({ reporterMobile: '13900004444', title: '重复事件' }))).json().code;
    const o = await caseByCode(original);
    const d = await caseByCode(dup);
    await t.database.db.execute(sql`UPDATE cases SET status = 'merged', duplicate_of_id = ${o.id} WHERE id = ${d.id}`);
    await t.database.db.execute(sql`INSERT INTO case_events (case_id, action, from_status, to_status, actor_name, actor_kind, created_at) VALUES (${d.id}, 'merge', 'reported', 'merged', '社区', 'communityDispatcher', now())`);
    await t.database.db.execute(sql`UPDATE cases SET status = 'closed', result = '已清运完毕', closed_at = now() WHERE id = ${o.id}`);
    await t.database.db.execute(sql`INSERT INTO case_events (case_id, action, from_status, to_status, actor_name, actor_kind, created_at) VALUES (${o.id}, 'close', 'verified', 'closed', '社区', 'communityDispatcher', now() + interval '1 second')`);
    await t.database.db.execute(sql`INSERT INTO case_photos (case_id, kind, mime, bytes, sha256, content) VALUES (${o.id}, 'after', 'image/jpeg', 3, 'x', ${tinyJpeg()}), (${o.id}, 'scene', 'image/jpeg', 3, 'y', ${tinyJpeg()})`);
    const v = (await follow(dup, '13900004444')).json() as PublicCaseView;
    expect(v).toMatchObject({ code: dup, title: '重复事件', mergedInto: original, status: 'closed', result: '已清运完毕', canGiveFeedback: false });
    expect(v.steps.map((s) => s.action)).toEqual(['report', 'merge', 'close']);
    expect(v.photos.map((p) => p.kind)).toEqual(['after']);
    const img = await t.app.inject({ method: 'GET', url: `${v.photos[0].url}?mobile=13900004444` });
    expect(img.statusCode).toBe(200);
    // The original's reporter is not the duplicate's: the original is not theirs to follow.
    expect((await follow(original, '13900004444')).statusCode).toBe(404);
  });

  it('a report the desk did not accept shows the desk’s reason', async () => {
    const code = (await report(body({ reporterMobile: '13900005555', title: '不予受理的事件' }))).json().code;
    const c = await caseByCode(code);
    expect((await follow(code, '13900005555')).json().rejectionReason).toBeNull();
    const res = await t.as(sq01, { method: 'POST', url: `/api/v1/cases/${c.id}/actions/reject`, payload: { version: c.version, reason: '属于物业服务合同纠纷，请联系物业公司' } });
    expect(res.statusCode, res.body).toBe(200);
    const v = (await follow(code, '13900005555')).json() as PublicCaseView;
    expect(v).toMatchObject({ status: 'rejected', rejectionReason: '属于物业服务合同纠纷，请联系物业公司' });
  });
});

describe('POST /public/cases/:code/feedback', () => {
  it('takes the reporter’s satisfaction once the case is closed, through the workflow', async () => {
    const code = (await report(body({ reporterMobile: '13900005555', title: '回访测试' }))).json().code;
    const url = `/api/v1/public/cases/${code}/feedback`;
    const early = await t.app.inject({ method: 'POST', url, payload: { mobile: '13900005555', satisfaction: 'satisfied' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('CASE_ACTION_NOT_ALLOWED');
    const c = await caseByCode(code);
    await t.database.db.execute(sql`UPDATE cases SET status = 'closed', closed_at = now(), result = '已处理' WHERE id = ${c.id}`);
    expect(((await follow(code, '13900005555')).json() as PublicCaseView).canGiveFeedback).toBe(true);
    const stranger = await t.app.inject({ method: 'POST', url, payload: { mobile: '13900005556', satisfaction: 'satisfied' } });
    expect([stranger.statusCode, stranger.json().code]).toEqual([404, 'CASE_NOT_FOUND']);
    const bad = await t.app.inject({ method: 'POST', url, payload: { mobile: '13900005555', satisfaction: 'great' } });
    expect(bad.json().code).toBe('CASE_FIELD_INVALID');
    const ok = await t.app.inject({ method: 'POST', url, payload: { mobile: '13900005555', satisfaction: 'satisfied', note: '很快' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ code, status: 'closed', satisfaction: 'satisfied', canGiveFeedback: false });
    const [ev] = await rows<{ actor_kind: string; action: string }>(sql`SELECT actor_kind, action FROM case_events WHERE case_id = ${c.id} ORDER BY id DESC LIMIT 1`);
    expect(ev).toEqual({ actor_kind: 'reporter', action: 'feedback' });
    const twice = await t.app.inject({ method: 'POST', url, payload: { mobile: '13900005555', satisfaction: 'dissatisfied' } });
    expect(twice.statusCode).toBeGreaterThanOrEqual(400);
    expect((await caseByCode(code)).status).toBe('closed');
  });
});
