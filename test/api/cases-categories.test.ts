// The case category catalogue: the seeded default tree, department names resolved for the
// caller's district, create/patch with code and deadline checks, archive instead of delete, the
// configure permission, and the handling suggestion built from a category and an urgency.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryView } from '../../src/modules/cases/cases.views.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { CATEGORY, categoryByCode } from '../support/cases.ts';

let t: TestApp;
let admin: string;
let qu01: string;
let sq01: string;

const tree = async (cookie: string, all = false) => {
  const res = await t.as(cookie, { method: 'GET', url: `/api/v1/case-categories${all ? '?all=1' : ''}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as CategoryView[];
};
const post = (cookie: string, payload: object) => t.as(cookie, { method: 'POST', url: '/api/v1/case-categories', payload });
const patch = (cookie: string, id: number, payload: object) => t.as(cookie, { method: 'PATCH', url: `/api/v1/case-categories/${id}`, payload });
const auditCount = async (action: string) => Number(((await t.database.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`)) as unknown as { rows: { n: number }[] }).rows[0].n);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [admin, qu01, sq01] = [await t.login('admin'), await t.login('qu01'), await t.login('sq01')];
});
afterAll(() => t.close());

describe('the default catalogue', () => {
  it('ships nine top-level groups, each with 5–8 subcategories under its own prefix', async () => {
    const cats = await tree(sq01);
    expect(cats.map((c) => c.nameZh)).toEqual(['市容环境', '街面秩序', '施工管理', '安全隐患', '矛盾纠纷', '民生服务', '突发事件', '园林绿化', '公用设施']);
    for (const top of cats) {
      expect(top.code).toMatch(/^\d{2}$/);
      expect(top.children!.length).toBeGreaterThanOrEqual(5);
      expect(top.children!.length).toBeLessThanOrEqual(8);
      for (const c of top.children!) {
        expect(c.code.startsWith(top.code)).toBe(true);
        expect(c.nameEn.length).toBeGreaterThan(0);
        for (const s of [c.dispatch, c.respond, c.handle, c.verify]) {
          expect(s.amount).toBeGreaterThanOrEqual(1);
          expect(['workingDays', 'workingHours', 'naturalHours']).toContain(s.unit);
        }
      }
    }
  });

  it('carries sensible defaults: garbage a day by CGJ, illegal building 10 days, disputes studied, gas leaks urgent in clock hours', async () => {
    const all = (await tree(sq01)).flatMap((c) => c.children!);
    const by = (code: string) => all.find((c) => c.code === code)!;
    expect(by(CATEGORY.exposedGarbage)).toMatchObject({ nameZh: '暴露垃圾', defaultDepartmentCode: 'CGJ', defaultMode: 'transfer', handle: { amount: 1, unit: 'workingDays' } });
    expect(by(CATEGORY.illegalBuilding)).toMatchObject({ nameZh: '违章搭建', handle: { amount: 10, unit: 'workingDays' } });
    expect(by(CATEGORY.neighbourDispute)).toMatchObject({ nameZh: '邻里纠纷', defaultDepartmentCode: null, defaultMode: 'study', handle: { amount: 5, unit: 'workingDays' }, defaultDepartmentName: null });
    expect(by(CATEGORY.gasLeak)).toMatchObject({ nameZh: '燃气泄漏', defaultMode: 'urgent', handle: { amount: 2, unit: 'naturalHours' }, urgentHandleHours: 2, dispatch: { unit: 'naturalHours' } });
  });

  it('names the default department of the caller’s district, or a generic name above districts', async () => {
    const mine = (await tree(sq01)).flatMap((c) => c.children!).find((c) => c.code === CATEGORY.exposedGarbage)!;
    const [dep] = ((await t.database.db.execute(sql`SELECT name FROM departments WHERE code LIKE '%-CGJ' ORDER BY id LIMIT 1`)) as unknown as { rows: { name: string }[] }).rows;
    expect(mine.defaultDepartmentName).toBe(dep.name);
    const adminView = (await tree(admin)).flatMap((c) => c.children!).find((c) => c.code === CATEGORY.exposedGarbage)!;
    expect(adminView.defaultDepartmentName).toBe('城市管理和综合执法局');
  });
});

describe('editing the catalogue', () => {
  it('needs cases.configure and a scope covering every region: community and district staff are refused', async () => {
    const res = await post(sq01, { code: '10', nameZh: '社区自定义', nameEn: 'Custom' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('PERMISSION_DENIED');
    // District staff hold cases.configure, but the catalogue is one for every district: refused too.
    const district = await post(qu01, { code: '10', nameZh: '区级自定义', nameEn: 'Custom' });
    expect([district.statusCode, district.json().code]).toEqual([403, 'SCOPE_DENIED']);
    const garbage = await categoryByCode(t, CATEGORY.exposedGarbage);
    expect((await patch(qu01, garbage.id, { handle: { amount: 9, unit: 'workingDays' } })).json().code).toBe('SCOPE_DENIED');
    expect((await tree(admin, true)).some((c) => c.code === '10')).toBe(false);
    expect((await tree(admin)).flatMap((c) => c.children!).find((c) => c.code === CATEGORY.exposedGarbage)!.handle.amount).toBe(1);
  });

  it('creates a top-level group and a subcategory under its prefix, audited', async () => {
    const before = await auditCount('caseCategory.create');
    const top = await post(admin, { code: '10', nameZh: '河湖管理', nameEn: 'Rivers and lakes' });
    expect(top.statusCode, top.body).toBe(201);
    expect(top.json()).toMatchObject({ code: '10', parentCode: null, custom: true, archived: false });
    const sub = await post(admin, {
      code: '1001',
      parentCode: '10',
      nameZh: '河道漂浮物',
      nameEn: 'Floating debris',
      defaultDepartmentCode: 'sthj',
      defaultMode: 'transfer',
      handle: { amount: 3, unit: 'workingDays' },
      dispatch: { amount: 4, unit: 'workingHours' },
      similarRadiusM: 300,
      similarDays: 5,
    });
    expect(sub.statusCode, sub.body).toBe(201);
    expect(sub.json()).toMatchObject({ code: '1001', parentCode: '10', defaultDepartmentCode: 'STHJ', defaultMode: 'transfer', handle: { amount: 3, unit: 'workingDays' }, dispatch: { amount: 4, unit: 'workingHours' }, similarRadiusM: 300, similarDays: 5 });
    expect(sub.json().defaultDepartmentName).toMatch(/生态环境/);
    expect(await auditCount('caseCategory.create')).toBe(before + 2);
    const river = (await tree(admin)).find((c) => c.code === '10')!;
    expect(river.children!.map((c) => c.code)).toEqual(['1001']);
  });

  it('refuses bad codes, a taken code, a missing parent, and bad deadlines, naming the field', async () => {
    const cases: [object, number, string, RegExp][] = [
      [{ code: '1', nameZh: '甲', nameEn: 'A' }, 400, 'CASE_FIELD_INVALID', /分类编码/],
      [{ code: '00', nameZh: '甲', nameEn: 'A' }, 400, 'CASE_FIELD_INVALID', /分类编码/],
      [{ code: '0199', parentCode: '02', nameZh: '甲', nameEn: 'A' }, 400, 'CASE_FIELD_INVALID', /以上级编码 02 开头/],
      [{ code: '1001', parentCode: '10', nameZh: '甲', nameEn: 'A' }, 409, 'CASE_CATEGORY_CODE_TAKEN', /1001/],
      [{ code: '9901', parentCode: '99', nameZh: '甲', nameEn: 'A' }, 400, 'CASE_FIELD_INVALID', /上级分类/],
      [{ code: '1002', parentCode: '10', nameZh: '甲', nameEn: 'A', handle: { amount: 0, unit: 'workingDays' } }, 400, 'CASE_FIELD_INVALID', /处置时限.*1–365/],
      [{ code: '1002', parentCode: '10', nameZh: '甲', nameEn: 'A', handle: { amount: 366, unit: 'workingDays' } }, 400, 'CASE_FIELD_INVALID', /处置时限/],
      [{ code: '1002', parentCode: '10', nameZh: '甲', nameEn: 'A', verify: { amount: 2, unit: 'weeks' } }, 400, 'CASE_FIELD_INVALID', /核查时限.*时间单位/],
      [{ code: '1002', parentCode: '10', nameZh: '甲', nameEn: 'A', defaultMode: 'soon' }, 400, 'CASE_FIELD_INVALID', /默认处置方式/],
      [{ code: '1002', parentCode: '10', nameZh: '甲', nameEn: 'A', defaultDepartmentCode: 'C-1' }, 400, 'CASE_FIELD_INVALID', /默认处置部门/],
      [{ code: '1002', parentCode: '10', nameEn: 'A' }, 400, 'CASE_FIELD_REQUIRED', /中文名称/],
    ];
    for (const [body, status, code, message] of cases) {
      const res = await post(admin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().code).toBe(code);
      expect(res.json().message).toMatch(message);
    }
    const en = await t.as(admin, { method: 'POST', url: '/api/v1/case-categories', payload: { code: '1002', parentCode: '10', nameZh: '甲', nameEn: 'A', handle: { amount: 0, unit: 'workingDays' } }, headers: { 'accept-language': 'en' } });
    expect(en.json().message).toBe('Invalid handling deadline: must be a whole number from 1 to 365');
    expect((await tree(admin, true)).find((c) => c.code === '10')!.children!.map((c) => c.code)).toEqual(['1001']);
  });

  it('patches deadlines and names; archives instead of deleting (hidden unless ?all=1)', async () => {
    const c = await categoryByCode(t, '1001');
    const res = await patch(admin, c.id, { nameZh: '河道垃圾', handle: { amount: 2, unit: 'workingDays' }, urgentHandleHours: 6 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ nameZh: '河道垃圾', handle: { amount: 2, unit: 'workingDays' }, urgentHandleHours: 6 });
    const bad = await patch(admin, c.id, { similarDays: 0 });
    expect(bad.json()).toMatchObject({ code: 'CASE_FIELD_INVALID' });
    expect(bad.json().message).toMatch(/相似事件天数/);
    const archived = await patch(admin, c.id, { archived: true });
    expect(archived.json().archived).toBe(true);
    expect((await tree(admin)).find((x) => x.code === '10')!.children).toEqual([]);
    expect((await tree(admin, true)).find((x) => x.code === '10')!.children!.map((x) => [x.code, x.archived])).toEqual([['1001', true]]);
    expect(await categoryByCode(t, '1001')).toMatchObject({ nameZh: '河道垃圾' });
    const missing = await patch(admin, 999999, { nameZh: '无' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('CASE_CATEGORY_NOT_FOUND');
  });

  it('archiving a group hides it with its children; a case cannot be filed under it', async () => {
    const top = await categoryByCode(t, '10');
    await patch(admin, top.id, { archived: true });
    expect((await tree(admin)).some((x) => x.code === '10')).toBe(false);
    const again = await post(admin, { code: '1003', parentCode: '10', nameZh: '乙', nameEn: 'B' });
    expect(again.json().code).toBe('CASE_CATEGORY_ARCHIVED');
    const restored = await patch(admin, top.id, { archived: false });
    expect(restored.json().archived).toBe(false);
  });
});

describe('GET /cases/suggest', () => {
  it('suggests the category default and the district’s department; urgent turns it into 抓紧办', async () => {
    const garbage = await categoryByCode(t, CATEGORY.exposedGarbage);
    const res = await t.as(sq01, { method: 'GET', url: `/api/v1/cases/suggest?categoryId=${garbage.id}` });
    expect(res.statusCode, res.body).toBe(200);
    const [dep] = ((await t.database.db.execute(sql`SELECT id, name FROM departments WHERE code LIKE '%-CGJ' ORDER BY id LIMIT 1`)) as unknown as { rows: { id: number; name: string }[] }).rows;
    expect(res.json()).toMatchObject({ mode: 'transfer', department: { id: dep.id, name: dep.name } });
    expect(res.json().reason).toMatch(/暴露垃圾.*移交办.*1 个工作日/);
    const urgent = await t.as(sq01, { method: 'GET', url: `/api/v1/cases/suggest?categoryId=${garbage.id}&urgency=urgent`, headers: { 'accept-language': 'en' } });
    expect(urgent.json()).toMatchObject({ mode: 'urgent', department: { id: dep.id } });
    expect(urgent.json().reason).toMatch(/Urgent.*4 hour/);
    const dispute = await categoryByCode(t, CATEGORY.neighbourDispute);
    const study = await t.as(sq01, { method: 'GET', url: `/api/v1/cases/suggest?categoryId=${dispute.id}` });
    expect(study.json()).toMatchObject({ mode: 'study', department: null });
    expect(study.json().reason).toMatch(/社区/);
    const top = await categoryByCode(t, CATEGORY.cityAppearance);
    expect((await t.as(sq01, { method: 'GET', url: `/api/v1/cases/suggest?categoryId=${top.id}` })).json().code).toBe('CASE_CATEGORY_NOT_LEAF');
    expect((await t.as(sq01, { method: 'GET', url: `/api/v1/cases/suggest?categoryId=${garbage.id}&urgency=soon` })).json().code).toBe('CASE_FIELD_INVALID');
  });
});
