// Assets (部件): 16-digit codes (checked or generated per county + category), placement by point,
// owning department, map-box listing, moves, counters, archive.
import { sql, type SQL } from 'drizzle-orm';
import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf } from '../../src/modules/accounts/index.ts';
import { assetSheet } from '../../src/modules/registry/assets.sheet.ts';
import { runImport } from '../../src/modules/registry/import/run.ts';
import type { RequestContext } from '../../src/shared/context.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let sq01: string;
interface R { id: number; code: string; path: string; level: number; parent_id: number }
let community: R;
let county: string;
let microA: R & { point: [number, number] };
let microB: R & { point: [number, number] };
let theirPoint: [number, number];
let dept: number;
let deptCode: string;

async function rows<T>(q: SQL): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const counter = async (regionId: number, measure: string) =>
  Number((await rows<{ value: string }>(sql`SELECT value::text FROM region_counters WHERE region_id = ${regionId} AND measure = ${measure}`))[0]?.value ?? 0);
const assetCount = async () => Number((await rows<{ n: string }>(sql`SELECT count(*)::text AS n FROM assets`))[0].n);
function centroid(b: Polygon): [number, number] {
  const ring = b.coordinates[0].slice(0, -1);
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
}
/** Micro-grids with boundaries of a community, one per grid. */
async function micros(communityId: number) {
  const ms = await rows<R & { boundary: Polygon | string }>(sql`SELECT DISTINCT ON (g.id) m.id, m.code, m.path, m.level, m.parent_id, m.boundary FROM regions m JOIN regions g ON g.id = m.parent_id
    WHERE g.parent_id = ${communityId} AND m.level = 6 AND m.boundary IS NOT NULL ORDER BY g.id, m.code`);
  return ms.map((m) => ({ id: m.id, code: m.code, path: m.path, level: m.level, parent_id: m.parent_id, point: centroid(typeof m.boundary === 'string' ? JSON.parse(m.boundary) : m.boundary) }));
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  sq01 = await t.login('sq01');
  const code = (u: string) => t.demo!.city.accounts.find((a) => a.username === u)!.scopeCode!;
  [community] = await rows<R>(sql`SELECT id, code, path, level, parent_id FROM regions WHERE code = ${code('sq01')}`);
  county = community.code.slice(0, 6);
  [microA, microB] = await micros(community.id);
  const [other] = await rows<R>(sql`SELECT id FROM regions WHERE code = ${code('sq02')}`);
  theirPoint = (await micros(other.id))[0].point;
  ({ id: dept, code: deptCode } = (await t.as(sq01, { method: 'GET', url: '/api/v1/departments' })).json().items[0]);
});
afterAll(() => t.close());

const post = (payload: object) => t.as(sq01, { method: 'POST', url: '/api/v1/assets', payload });
const at = (m: { point: [number, number] }) => ({ lng: m.point[0], lat: m.point[1] });

describe('assets', () => {
  it('generates codes per county, category and subcategory, in sequence', async () => {
    const a = await post({ category: '01', subcategory: '02', name: '污水井盖', ...at(microA), departmentId: dept });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ code: `${county}0102000001`, categoryLabel: '公用设施', region: { id: microA.id, level: 6 }, department: { id: dept }, status: 'normal', statusLabel: '完好' });
    expect((await post({ category: '01', subcategory: '02', name: '雨水井盖', ...at(microB) })).json().code).toBe(`${county}0102000002`);
    expect((await post({ category: '02', subcategory: '02', name: '路灯', ...at(microB) })).json().code).toBe(`${county}0202000001`);
    const [x, y] = await Promise.all([post({ category: '04', subcategory: '01', name: '行道树甲', ...at(microA) }), post({ category: '04', subcategory: '01', name: '行道树乙', ...at(microA) })]);
    expect([x.json().code, y.json().code].sort()).toEqual([`${county}0401000001`, `${county}0401000002`]);
    expect(await counter(microA.id, 'assets')).toBe(3);
    expect(await counter(community.id, 'assets')).toBe(5);
  });

  it('checks a given code: format, category, county, agreement and uniqueness', async () => {
    const n = await assetCount();
    const bad = async (payload: object, code: string, field: string) => {
      const res = await post({ name: '消防栓', ...at(microA), ...payload });
      expect(res.json().code, res.body).toBe(code);
      if (field) expect(res.json().message).toContain(field);
    };
    await bad({ code: '123' }, 'REGISTRY_FIELD_INVALID', '16 位');
    await bad({ code: `${county}0901000001` }, 'REGISTRY_FIELD_INVALID', '大类');
    await bad({ code: `999999${'01'}01000001` }, 'REGISTRY_FIELD_INVALID', '县级代码');
    await bad({ code: `${county}0101000001`, category: '02' }, 'REGISTRY_FIELD_INVALID', '大类');
    await bad({ category: '01' }, 'REGISTRY_FIELD_INVALID', '小类');
    await bad({ category: '01', subcategory: '00' }, 'REGISTRY_FIELD_INVALID', '小类');
    await bad({ category: '07', subcategory: '01' }, 'VALIDATION_FAILED', '');
    await bad({ category: '01', subcategory: '01', departmentId: 999999 }, 'DEPARTMENT_NOT_FOUND', '');
    expect(await assetCount()).toBe(n);
    const given = await post({ code: `${county}0101000777`, name: '消防栓', ...at(microA) });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({ category: '01', subcategory: '01' });
    const dup = await post({ code: `${county}0101000777`, name: '消防栓二', ...at(microB) });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('REGISTRY_DUPLICATE');
    // Generation continues after the highest serial in use.
    expect((await post({ category: '01', subcategory: '01', name: '消防栓三', ...at(microB) })).json().code).toBe(`${county}0101000778`);
  });

  it('needs a point inside the caller’s regions', async () => {
    expect((await post({ category: '01', subcategory: '01', name: 'x', lng: 0, lat: 0 })).json().code).toBe('REGISTRY_PLACEMENT');
    expect((await post({ category: '01', subcategory: '01', name: 'x', lng: theirPoint[0], lat: theirPoint[1] })).json().code).toBe('REGISTRY_PLACEMENT');
    expect((await post({ category: '01', subcategory: '01', name: 'x' })).json().code).toBe('VALIDATION_FAILED');
  });

  it('lists by category, status, department, region and map box', async () => {
    const list = (q: string) => t.as(sq01, { method: 'GET', url: `/api/v1/assets?${q}` }).then((r) => r.json());
    expect((await list('category=01')).total).toBe(4);
    expect((await list('category=01&subcategory=02')).total).toBe(2);
    expect((await list(`departmentId=${dept}`)).items.map((a: { name: string }) => a.name)).toEqual(['污水井盖']);
    expect((await list(`regionId=${microB.id}`)).total).toBe(3);
    const [lng, lat] = microA.point;
    const box = await list(`bbox=${lng - 1e-6},${lat - 1e-6},${lng + 1e-6},${lat + 1e-6}`);
    expect(box.total).toBe(4);
    expect(box.items.every((a: { region: { id: number } }) => a.region.id === microA.id)).toBe(true);
    const bad = await t.as(sq01, { method: 'GET', url: '/api/v1/assets?bbox=1,2,3' });
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });

  it('moves with its position, keeps its code, and archives without freeing the code', async () => {
    const [a] = (await t.as(sq01, { method: 'GET', url: `/api/v1/assets?departmentId=${dept}` })).json().items;
    const patch = (payload: object) => t.as(sq01, { method: 'PATCH', url: `/api/v1/assets/${a.id}`, payload });
    const moved = await patch({ version: a.version, ...at(microB), status: 'damaged', departmentId: null });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ code: a.code, region: { id: microB.id }, status: 'damaged', statusLabel: '损坏', department: null });
    expect(await counter(microA.id, 'assets')).toBe(3);
    expect(await counter(microB.id, 'assets')).toBe(4);
    expect((await patch({ version: a.version, name: 'x' })).json().code).toBe('REGISTRY_VERSION_CONFLICT');
    expect((await patch({ version: a.version + 1, code: '1' })).json().code).toBe('VALIDATION_FAILED');
    expect((await patch({ version: a.version + 1, lng: 0, lat: 0 })).json().code).toBe('REGISTRY_PLACEMENT');
    expect((await t.as(sq01, { method: 'POST', url: `/api/v1/assets/${a.id}/archive` })).statusCode).toBe(204);
    expect(await counter(microB.id, 'assets')).toBe(3);
    expect(await counter(community.id, 'assets')).toBe(6);
    const reuse = await post({ code: a.code, name: '新井盖', ...at(microA) });
    expect(reuse.json().code).toBe('REGISTRY_DUPLICATE');
    const audit = await rows<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity_type = 'asset' AND entity_id = ${String(a.id)} ORDER BY id`);
    expect(audit.map((x) => x.action)).toEqual(['asset.create', 'asset.update', 'asset.archive']);
  });
});

async function staffContext(username: string, scope: R): Promise<RequestContext> {
  const [u] = await rows<{ id: number; roles: string[] }>(sql`SELECT id, roles FROM users WHERE username = ${username}`);
  return { actor: { userId: u.id, name: username, roles: u.roles, permissions: permissionsOf(u.roles), scope: { regionId: scope.id, path: scope.path }, departmentId: null }, requestId: 'test', clientIp: null, lang: 'zh-CN' };
}

describe('asset sheet', () => {
  it('imports with generated or given codes, locates each row, rejects with reasons, and re-imports unchanged', async () => {
    const [a, bb] = [microA.point, microB.point];
    const csv = (status: string) =>
      [
        '部件编码,大类,小类,名称,经度,纬度,地址,权属部门,状态',
        `,公用设施,02,表格井盖,${a[0]},${a[1]},,${deptCode},完好`,
        `${county}0301000050,,,表格垃圾桶,${bb[0]},${bb[1]},,,${status}`,
        `,01,1,表格消防栓,${a[0]},${a[1]},,,`,
        `9999990101000001,,,错县,${a[0]},${a[1]},,,`,
        `,09,01,坏大类,${a[0]},${a[1]},,,`,
        `,01,01,越界,${theirPoint[0]},${theirPoint[1]},,,`,
        `,01,01,无部门,${a[0]},${a[1]},,没有这个部门,`,
        `,公用设施,02,表格井盖,${a[0]},${a[1]},,,`,
      ].join('\n');
    const ctx = await staffContext('sq01', community);
    const run = (s: string) => runImport(t.database.db, ctx, assetSheet, { buffer: Buffer.from(csv(s)) }, { mode: 'skip-invalid', fileName: 'assets.csv' });
    const before = await counter(community.id, 'assets');
    const r = await run('损坏');
    expect({ added: r.added, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected }).toEqual({ added: 3, updated: 0, unchanged: 0, rejected: 5 });
    expect(r.rejectedRows.map((x) => x.problems[0].column)).toEqual(['code', 'category', 'lng', 'department', 'name']);
    expect(r.rejectedRows[0].problems[0].reason.zh).toContain('县级代码');
    expect(await counter(community.id, 'assets')).toBe(before + 3);
    const list = (await t.as(sq01, { method: 'GET', url: '/api/v1/assets?limit=500' })).json().items as { name: string; code: string; department: { id: number } | null; status: string }[];
    const byName = new Map(list.map((x) => [x.name, x]));
    expect(byName.get('表格井盖')).toMatchObject({ code: `${county}0102000003`, department: { id: dept } });
    expect(byName.get('表格垃圾桶')).toMatchObject({ code: `${county}0301000050`, status: 'damaged' });
    expect(byName.get('表格消防栓')!.code).toBe(`${county}0101000779`);
    const again = await run('损坏');
    expect({ added: again.added, updated: again.updated, unchanged: again.unchanged }).toEqual({ added: 0, updated: 0, unchanged: 3 });
    const changed = await run('丢失');
    expect({ added: changed.added, updated: changed.updated, unchanged: changed.unchanged }).toEqual({ added: 0, updated: 1, unchanged: 2 });
    const page = await assetSheet.exportPage(t.database.db, ctx, { category: 3 }, 0, 100);
    expect(page.rows).toEqual([expect.objectContaining({ code: `${county}0301000050`, category: '市容环境设施', status: '丢失' })]);
  });
});
