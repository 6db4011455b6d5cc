// Places (场所): checks, natural keys, placement by point, masking and audited reveal, counters, archive.
import { sql, type SQL } from 'drizzle-orm';
import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf } from '../../src/modules/accounts/index.ts';
import { creditCheckChar } from '../../src/modules/registry/checks.ts';
import { runImport } from '../../src/modules/registry/import/run.ts';
import { placeSheet } from '../../src/modules/registry/places.sheet.ts';
import type { RequestContext } from '../../src/shared/context.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let sq01: string;
let wgy01: string;
interface R { id: number; code: string; path: string; level: number }
let community: R;
let grids: R[];
let micro: R & { point: [number, number] };
let otherMicroPoint: [number, number];
let otherGridCode: string;

async function rows<T>(q: SQL): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const counter = async (regionId: number, measure: string) =>
  Number((await rows<{ value: string }>(sql`SELECT value::text FROM region_counters WHERE region_id = ${regionId} AND measure = ${measure}`))[0]?.value ?? 0);
const placeCount = async () => Number((await rows<{ n: string }>(sql`SELECT count(*)::text AS n FROM places`))[0].n);
/** A valid unified social credit code (GB 32100) numbered n. */
export const credit = (n: number) => {
  const first = `91440300${String(n).padStart(9, '0')}`;
  return first + creditCheckChar(first);
};
function centroid(b: Polygon): [number, number] {
  const ring = b.coordinates[0].slice(0, -1);
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
}
async function microWithPoint(communityId: number) {
  const [m] = await rows<R & { boundary: Polygon | string }>(sql`SELECT m.id, m.code, m.path, m.level, m.boundary FROM regions m JOIN regions g ON g.id = m.parent_id
    WHERE g.parent_id = ${communityId} AND m.level = 6 AND m.boundary IS NOT NULL ORDER BY m.code LIMIT 1`);
  const b = typeof m.boundary === 'string' ? JSON.parse(m.boundary) : m.boundary;
  return { id: m.id, code: m.code, path: m.path, level: m.level, point: centroid(b) };
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  sq01 = await t.login('sq01');
  wgy01 = await t.login('wgy01');
  const me = (await t.as(sq01, { method: 'GET', url: '/api/v1/auth/me' })).json().user;
  [community] = await rows<R>(sql`SELECT id, code, path, level FROM regions WHERE id = ${me.scopeRegion.id}`);
  grids = await rows<R>(sql`SELECT id, code, path, level FROM regions WHERE parent_id = ${community.id} AND archived_at IS NULL ORDER BY code`);
  micro = await microWithPoint(community.id);
  const sq02 = t.demo!.city.accounts.find((a) => a.username === 'sq02')!.scopeCode!;
  const [other] = await rows<{ id: number }>(sql`SELECT id FROM regions WHERE code = ${sq02}`);
  otherMicroPoint = (await microWithPoint(other.id)).point;
  [{ code: otherGridCode }] = await rows<{ code: string }>(sql`SELECT code FROM regions WHERE parent_id = ${other.id} ORDER BY code LIMIT 1`);
});
afterAll(() => t.close());

const post = (payload: object, cookie = sq01) => t.as(cookie, { method: 'POST', url: '/api/v1/places', payload });

describe('places', () => {
  it('creates a place in a grid, masks the mobile and counts it up the tree', async () => {
    const res = await post({ regionId: grids[0].id, name: '好又多超市', kind: 'shop', address: '金山路 1 号', creditCode: credit(1).toLowerCase(), contactName: '王五', contactMobile: '138-1234-5678', employees: 12 });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({ name: '好又多超市', kind: 'shop', kindLabel: '商铺', creditCode: credit(1), contactMobile: '138****5678', employees: 12, region: { id: grids[0].id, level: 5 } });
    expect(res.body).not.toContain('13812345678');
    expect(await counter(grids[0].id, 'places')).toBe(1);
    expect(await counter(community.id, 'places')).toBe(1);
    const [stored] = await rows<{ contact_mobile_enc: string; contact_mobile_masked: string }>(sql`SELECT contact_mobile_enc, contact_mobile_masked FROM places WHERE id = ${p.id}`);
    expect(stored.contact_mobile_enc).not.toContain('13812345678');
    const audit = await rows<{ text: string }>(sql`SELECT coalesce(before::text, '') || coalesce(after::text, '') AS text FROM audit_log WHERE entity_type = 'place' AND entity_id = ${String(p.id)}`);
    expect(audit.length).toBe(1);
    expect(audit[0].text).toContain('138****5678');
    expect(audit[0].text).not.toContain('13812345678');
    expect(audit[0].text).not.toContain(stored.contact_mobile_enc);
  });

  it('rejects a bad credit code, a bad mobile, a bad kind and a community as placement, writing nothing', async () => {
    const n = await placeCount();
    const bad = credit(2).slice(0, 17) + (credit(2)[17] === '0' ? '1' : '0');
    const r1 = await post({ regionId: grids[0].id, name: 'x', kind: 'shop', creditCode: bad });
    expect(r1.statusCode).toBe(400);
    expect(r1.json()).toMatchObject({ code: 'REGISTRY_FIELD_INVALID' });
    expect(r1.json().message).toContain('校验位');
    const r2 = await post({ regionId: grids[0].id, name: 'x', kind: 'shop', contactMobile: '12345678901' });
    expect(r2.json().code).toBe('REGISTRY_FIELD_INVALID');
    expect(r2.json().message).toContain('联系电话');
    expect((await post({ regionId: grids[0].id, name: 'x', kind: 'castle' })).json().code).toBe('VALIDATION_FAILED');
    const r3 = await post({ regionId: community.id, name: 'x', kind: 'shop' });
    expect(r3.json().code).toBe('REGISTRY_PLACEMENT');
    expect((await post({ name: 'x', kind: 'shop' })).json().code).toBe('REGISTRY_FIELD_INVALID');
    expect(await placeCount()).toBe(n);
  });

  it('refuses duplicate natural keys: the credit code, else region + name + address', async () => {
    const dupCode = await post({ regionId: grids[1].id, name: '另一家', kind: 'enterprise', creditCode: credit(1) });
    expect(dupCode.statusCode).toBe(409);
    expect(dupCode.json().code).toBe('REGISTRY_DUPLICATE');
    expect((await post({ regionId: grids[0].id, name: '小卖部', kind: 'shop', address: '金山路 2 号' })).statusCode).toBe(201);
    const dupName = await post({ regionId: grids[0].id, name: '小卖部', kind: 'shop', address: '金山路 2 号' });
    expect(dupName.statusCode).toBe(409);
    expect((await post({ regionId: grids[0].id, name: '小卖部', kind: 'shop', address: '金山路 3 号' })).statusCode).toBe(201);
    // Two simultaneous creates with one code: exactly one wins.
    const [a, b] = await Promise.all([
      post({ regionId: grids[1].id, name: '并发甲', kind: 'hotel', creditCode: credit(3) }),
      post({ regionId: grids[1].id, name: '并发乙', kind: 'hotel', creditCode: credit(3) }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
  });

  it('places by point alone in the deepest grid or micro-grid of the caller, else refuses', async () => {
    const res = await post({ name: '定位诊所', kind: 'clinic', lng: micro.point[0], lat: micro.point[1] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().region).toMatchObject({ id: micro.id, level: 6 });
    expect(await counter(micro.id, 'places')).toBe(1);
    const sibling = await post({ name: '越界诊所', kind: 'clinic', lng: otherMicroPoint[0], lat: otherMicroPoint[1] });
    expect(sibling.json().code).toBe('REGISTRY_PLACEMENT');
    expect((await post({ name: '海上', kind: 'clinic', lng: 0, lat: 0 })).json().code).toBe('REGISTRY_PLACEMENT');
  });

  it('lists by name, pinyin initials, address, kind and region', async () => {
    const list = (q: string) => t.as(sq01, { method: 'GET', url: `/api/v1/places?${q}` }).then((r) => r.json());
    expect((await list('q=好又多')).items.map((p: { name: string }) => p.name)).toEqual(['好又多超市']);
    expect((await list('q=hyd')).items.map((p: { name: string }) => p.name)).toEqual(['好又多超市']);
    expect((await list(`q=${encodeURIComponent('金山路 3')}`)).items).toHaveLength(1);
    expect((await list('kind=clinic')).total).toBe(1);
    const inGrid0 = micro.path.startsWith(grids[0].path) ? 1 : 0;
    expect((await list(`regionId=${grids[0].id}`)).total).toBe(3 + inGrid0);
    expect((await list(`regionId=${micro.id}`)).items.map((p: { name: string }) => p.name)).toEqual(['定位诊所']);
    const page = await list('limit=2&offset=0');
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(5);
    for (const p of page.items) expect(p.contactMobile === null || /^\d{3}\*{4}\d{4}$/.test(p.contactMobile)).toBe(true);
  });

  it('reveals the contact mobile only with pii.read, and audits who saw it', async () => {
    const [{ id }] = (await t.as(sq01, { method: 'GET', url: '/api/v1/places?q=hyd' })).json().items;
    const countReveals = async () => Number((await rows<{ n: string }>(sql`SELECT count(*)::text AS n FROM audit_log WHERE action = 'pii.view' AND entity_id = ${String(id)}`))[0].n);
    const denied = await t.as(wgy01, { method: 'GET', url: `/api/v1/places/${id}/pii` });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('PERMISSION_DENIED');
    expect(await countReveals()).toBe(0);
    const ok = await t.as(sq01, { method: 'GET', url: `/api/v1/places/${id}/pii` });
    expect(ok.json()).toEqual({ id, contactMobile: '13812345678' });
    expect(await countReveals()).toBe(1);
    const [entry] = await rows<{ after: unknown }>(sql`SELECT after FROM audit_log WHERE action = 'pii.view' AND entity_id = ${String(id)}`);
    expect(JSON.stringify(entry.after)).toContain('contactMobile');
  });

  it('updates with the version, moves counters with the region, and archives', async () => {
    const [p] = (await t.as(sq01, { method: 'GET', url: '/api/v1/places?q=hyd' })).json().items;
    const patch = (payload: object) => t.as(sq01, { method: 'PATCH', url: `/api/v1/places/${p.id}`, payload });
    const up = await patch({ version: p.version, regionId: grids[1].id, employees: 20 });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ employees: 20, contactMobile: '138****5678', region: { id: grids[1].id }, version: p.version + 1 });
    expect((await patch({ version: p.version, name: '旧版本' })).json().code).toBe('REGISTRY_VERSION_CONFLICT');
    expect((await patch({ version: p.version + 1, contactMobile: '999' })).json().code).toBe('REGISTRY_FIELD_INVALID');
    const microIn = (g: R) => (micro.path.startsWith(g.path) ? 1 : 0);
    expect(await counter(grids[0].id, 'places')).toBe(2 + microIn(grids[0]));
    expect(await counter(grids[1].id, 'places')).toBe(2 + microIn(grids[1]));
    const communityBefore = await counter(community.id, 'places');
    expect((await t.as(sq01, { method: 'POST', url: `/api/v1/places/${p.id}/archive?version=${p.version}` })).json().code).toBe('REGISTRY_VERSION_CONFLICT');
    expect((await t.as(sq01, { method: 'POST', url: `/api/v1/places/${p.id}/archive` })).statusCode).toBe(204);
    expect((await t.as(sq01, { method: 'POST', url: `/api/v1/places/${p.id}/archive` })).json().code).toBe('REGISTRY_ARCHIVED');
    expect(await counter(grids[1].id, 'places')).toBe(1 + microIn(grids[1]));
    expect(await counter(community.id, 'places')).toBe(communityBefore - 1);
    expect((await t.as(sq01, { method: 'GET', url: `/api/v1/places/${p.id}` })).json().archived).toBe(true);
    expect((await t.as(sq01, { method: 'GET', url: '/api/v1/places?q=hyd' })).json().total).toBe(0);
    // An archived place frees its credit code.
    expect((await post({ regionId: grids[0].id, name: '好又多超市新店', kind: 'shop', creditCode: credit(1) })).statusCode).toBe(201);
  });

  it('needs registry.write to change anything', async () => {
    const jm01 = await t.login('jm01');
    expect((await post({ regionId: grids[0].id, name: 'y', kind: 'shop' }, jm01)).json().code).toBe('PERMISSION_DENIED');
  });
});

async function staffContext(username: string, scope: R): Promise<RequestContext> {
  const [u] = await rows<{ id: number; roles: string[] }>(sql`SELECT id, roles FROM users WHERE username = ${username}`);
  return { actor: { userId: u.id, name: username, roles: u.roles, permissions: permissionsOf(u.roles), scope: { regionId: scope.id, path: scope.path }, departmentId: null }, requestId: 'test', clientIp: null, lang: 'zh-CN' };
}

describe('place sheet', () => {
  const header = '所在网格编码,名称,类型,地址,统一社会信用代码,联系人,联系电话,从业人数,经度,纬度';
  const file = (mobile: string) =>
    [
      header,
      `${grids[2].code},表格超市,商铺,新路1号,${credit(100)},张三,${mobile},5,,`,
      `,表格药店,诊所,新路2号,,,,,${micro.point[0]},${micro.point[1]}`,
      `${grids[2].code},坏类型,城堡,,,,,,,`,
      `${grids[2].code},坏代码,商铺,,${credit(101).slice(0, 17)}Z,,,,,`,
      `${otherGridCode},越界店,商铺,,,,,,,`,
      `${community.code},社区店,商铺,,,,,,,`,
      `,海上店,商铺,,,,,,0,0`,
      `${grids[2].code},表格超市分店,商铺,新路9号,${credit(100)},,,,,`,
    ].join('\n');
  const run = async (csv: string) => runImport(t.database.db, await staffContext('sq01', community), placeSheet, { buffer: Buffer.from(csv) }, { mode: 'skip-invalid', fileName: 'places.csv' });

  it('imports with reasons per rejected row, and re-importing changes nothing', async () => {
    const before = await counter(community.id, 'places');
    const r = await run(file('13700000001'));
    expect({ added: r.added, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected }).toEqual({ added: 2, updated: 0, unchanged: 0, rejected: 6 });
    const reasons = r.rejectedRows.map((x) => `${x.problems[0].column}:${x.problems[0].reason.zh}`);
    expect(reasons[0]).toMatch(/^kind:/);
    expect(reasons[1]).toMatch(/^creditCode:/);
    expect(reasons[2]).toContain('不在您的管辖范围');
    expect(reasons[3]).toContain('只能放在网格、微网格下');
    expect(reasons[4]).toMatch(/^lng:/);
    expect(reasons[5]).toContain('重复');
    expect(await counter(community.id, 'places')).toBe(before + 2);
    expect(await counter(grids[2].id, 'places')).toBe(1);
    const again = await run(file('13700000001'));
    expect({ added: again.added, updated: again.updated, unchanged: again.unchanged }).toEqual({ added: 0, updated: 0, unchanged: 2 });
    const changed = await run(file('13700000002'));
    expect({ added: changed.added, updated: changed.updated, unchanged: changed.unchanged }).toEqual({ added: 0, updated: 1, unchanged: 1 });
    expect(await counter(community.id, 'places')).toBe(before + 2);
    const located = (await t.as(sq01, { method: 'GET', url: `/api/v1/places?q=${encodeURIComponent('表格药店')}` })).json().items[0];
    expect(located.region.id).toBe(micro.id);
  });

  it('exports the list with its filters, masked', async () => {
    const ctx = await staffContext('sq01', community);
    const page = await placeSheet.exportPage(t.database.db, ctx, { q: '表格' }, 0, 100);
    expect(page.rows.map((r) => r.name).sort()).toEqual(['表格药店', '表格超市']);
    const shop = page.rows.find((r) => r.name === '表格超市')!;
    expect(shop).toMatchObject({ regionCode: grids[2].code, kind: '商铺', contactMobile: '137****0002', creditCode: credit(100), employees: '5' });
    expect(JSON.stringify(page.rows)).not.toContain('13700000002');
    const other = await placeSheet.exportPage(t.database.db, await staffContext('sq02', (await rows<R>(sql`SELECT id, code, path, level FROM regions WHERE code = ${t.demo!.city.accounts.find((a) => a.username === 'sq02')!.scopeCode!}`))[0]), {}, 0, 100);
    expect(other.rows).toEqual([]);
  });
});
