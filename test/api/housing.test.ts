// Housing in the registry: estates, buildings with units, dwellings, rentals with the public
// posting, and the floor × unit table — placement rules, natural keys, counters, privacy.
import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let sq01: string;
let wgy01: string;
let sq02: string;
interface R {
  id: number;
  code: string;
  name: string;
  path: string;
  level: number;
}
let community: R;
let grid: R; // a grid of sq01's community with micro-grids
let grid2: R; // another grid of the same community
let micro: R; // a micro-grid of `grid`
let otherCommunity: R;
let companyId: number;
let foreignCompanyId: number;

async function rows<T>(q: SQL): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const api = (cookie: string, method: InjectOptions['method'], url: string, payload?: object) => t.as(cookie, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const created = async (cookie: string, url: string, payload: object) => {
  const res = await api(cookie, 'POST', url, payload);
  if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
};
const counter = async (regionId: number, measure: string) =>
  Number((await rows<{ value: string | number }>(sql`SELECT value FROM region_counters WHERE region_id = ${regionId} AND measure = ${measure}`))[0]?.value ?? 0);
const counters = async (regionId: number, measures: string[]) => Object.fromEntries(await Promise.all(measures.map(async (m) => [m, await counter(regionId, m)])));

/** A resident living in a dwelling, written directly (the residents API is another part of the registry). */
async function addResident(dwellingId: number, name: string, tags: string[] = []) {
  const [d] = await rows<{ region_id: number; region_path: string }>(sql`SELECT region_id, region_path FROM dwellings WHERE id = ${dwellingId}`);
  const hash = crypto.randomBytes(16).toString('hex');
  const tagList = sql.raw(`ARRAY[${tags.map((x) => `'${x}'`).join(',')}]::text[]`);
  const [r] = await rows<{ id: number }>(sql`INSERT INTO residents (region_id, region_path, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked, id_last4, residence_type, dwelling_id, household_role, tags)
    VALUES (${d.region_id}, ${d.region_path}, ${name}, 'male', '1950-01-01', 'x', ${hash}, '110***********1234', '1234', 'registered', ${dwellingId}, 'head', ${tagList}) RETURNING id`);
  return r.id;
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  sq01 = await t.login('sq01');
  wgy01 = await t.login('wgy01');
  sq02 = await t.login('sq02');
  const scope = async (u: string) => (await api(await t.login(u), 'GET', '/auth/me')).json().user.scopeRegion.id as number;
  const byId = async (id: number) => (await rows<R>(sql`SELECT id, code, name, path, level FROM regions WHERE id = ${id}`))[0];
  community = await byId(await scope('sq01'));
  otherCommunity = await byId(await scope('sq02'));
  grid = await byId(await scope('wgy01'));
  grid2 = (await rows<R>(sql`SELECT id, code, name, path, level FROM regions WHERE parent_id = ${community.id} AND id <> ${grid.id} AND level = 5 ORDER BY code LIMIT 1`))[0];
  micro = (await rows<R>(sql`SELECT id, code, name, path, level FROM regions WHERE parent_id = ${grid.id} ORDER BY code LIMIT 1`))[0];
  const org = async (r: R, name: string) =>
    (await rows<{ id: number }>(sql`INSERT INTO organizations (region_id, region_path, kind, name) VALUES (${r.id}, ${r.path}, 'propertyCompany', ${name}) RETURNING id`))[0].id;
  companyId = await org(community, '安居物业');
  foreignCompanyId = await org(otherCommunity, '邻社物业');
});
afterAll(() => t.close());

describe('estates', () => {
  it('are placed in a community or a grid only, and unique by name within a region', async () => {
    const e = await created(sq01, '/estates', { regionId: community.id, name: '幸福小区', address: '幸福路 1 号', propertyCompanyId: companyId, hasSecurity: true, hasEnclosure: true, age: 'old', builtYear: 1995 });
    expect(e).toMatchObject({ name: '幸福小区', propertyCompany: { id: companyId, name: '安居物业' }, unmanaged: false, age: 'old' });
    expect((await created(sq01, '/estates', { regionId: grid.id, name: '网格小区' })).regionId).toBe(grid.id);
    const inMicro = await api(sq01, 'POST', '/estates', { regionId: micro.id, name: '微网格小区' });
    expect([inMicro.statusCode, inMicro.json().code]).toEqual([400, 'REGISTRY_PLACEMENT']);
    const street = (await rows<{ parent_id: number }>(sql`SELECT parent_id FROM regions WHERE id = ${community.id}`))[0].parent_id;
    expect((await api(await t.login('jd01'), 'POST', '/estates', { regionId: street, name: '街道小区' })).json().code).toBe('REGISTRY_PLACEMENT');
    const dup = await api(sq01, 'POST', '/estates', { regionId: community.id, name: '幸福小区' });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'REGISTRY_DUPLICATE']);
    // The same name in another region is another estate.
    expect((await api(sq01, 'POST', '/estates', { regionId: grid2.id, name: '幸福小区' })).statusCode).toBe(201);
    const list = (await api(sq01, 'GET', `/estates?q=xf&regionId=${community.id}`)).json();
    expect(list.items.map((x: { name: string }) => x.name)).toEqual(['幸福小区', '幸福小区']);
  });

  it('computes 三无 (unmanaged) and keeps the counters in step', async () => {
    const before = await counters(community.id, ['estates', 'estates.unmanaged']);
    const e = await created(sq01, '/estates', { regionId: community.id, name: '老街小区', age: 'old' });
    expect(e.unmanaged).toBe(true);
    expect(await counters(community.id, ['estates', 'estates.unmanaged'])).toEqual({ estates: before.estates + 1, 'estates.unmanaged': before['estates.unmanaged'] + 1 });
    expect((await api(sq01, 'GET', '/estates?unmanaged=true')).json().items.map((x: { id: number }) => x.id)).toContain(e.id);
    const up = (await api(sq01, 'PATCH', `/estates/${e.id}`, { version: e.version, hasSecurity: true })).json();
    expect(up.unmanaged).toBe(false);
    expect(await counter(community.id, 'estates.unmanaged')).toBe(before['estates.unmanaged']);
    const stale = await api(sq01, 'PATCH', `/estates/${e.id}`, { version: e.version, hasSecurity: false });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'REGISTRY_VERSION_CONFLICT']);
    const pc = (await api(sq01, 'PATCH', `/estates/${e.id}`, { version: up.version, hasSecurity: false, propertyCompanyId: companyId })).json();
    expect(pc.unmanaged).toBe(false);
    // A property company of the sibling community is out of reach.
    expect((await api(sq01, 'PATCH', `/estates/${e.id}`, { version: pc.version, propertyCompanyId: foreignCompanyId })).json().code).toBe('SCOPE_DENIED');
  });

  it('checks geometry and pins a polygon at its centroid', async () => {
    const ring = [[113.0, 23.0], [113.002, 23.0], [113.002, 23.002], [113.0, 23.002], [113.0, 23.0]];
    const e = await created(sq01, '/estates', { regionId: community.id, name: '边界小区', geometry: { type: 'Polygon', coordinates: [ring] } });
    expect(e.lng).toBeCloseTo(113.001, 6);
    expect(e.lat).toBeCloseTo(23.001, 6);
    const open = await api(sq01, 'POST', '/estates', { regionId: community.id, name: '开口小区', geometry: { type: 'Polygon', coordinates: [ring.slice(0, 4)] } });
    expect([open.statusCode, open.json().code]).toEqual([400, 'REGISTRY_FIELD_INVALID']);
    const far = await api(sq01, 'POST', '/estates', { regionId: community.id, name: '越界小区', geometry: { type: 'Point', coordinates: [200, 23] } });
    expect(far.json().code).toBe('REGISTRY_FIELD_INVALID');
    const pt = await created(sq01, '/estates', { regionId: community.id, name: '点位小区', geometry: { type: 'Point', coordinates: [113.5, 23.5] } });
    expect([pt.lng, pt.lat]).toEqual([113.5, 23.5]);
    expect(await rows(sql`SELECT 1 FROM estates WHERE name IN ('开口小区', '越界小区')`)).toEqual([]);
  });
});

describe('buildings and units', () => {
  let estate: { id: number };
  beforeAll(async () => {
    estate = await created(sq01, '/estates', { regionId: community.id, name: '楼栋小区' });
  });

  it('sit in a grid or micro-grid inside their estate, unique by (region, estate, number)', async () => {
    const b = await created(sq01, '/buildings', { regionId: grid.id, estateId: estate.id, number: '1', floors: 6, unitCount: 3 });
    expect(b).toMatchObject({ estateId: estate.id, estateName: '楼栋小区', unitCount: 3 });
    const detail = (await api(sq01, 'GET', `/buildings/${b.id}`)).json();
    expect(detail.units.map((u: { label: string }) => u.label)).toEqual(['1单元', '2单元', '3单元']);
    expect(detail.region.id).toBe(grid.id);
    const inCommunity = await api(sq01, 'POST', '/buildings', { regionId: community.id, number: '2', floors: 6 });
    expect(inCommunity.json().code).toBe('REGISTRY_PLACEMENT');
    expect((await api(sq01, 'POST', '/buildings', { regionId: micro.id, estateId: estate.id, number: '2', floors: 6 })).statusCode).toBe(201);
    // An estate placed in one grid cannot hold a building of another grid.
    const gridEstate = await created(sq01, '/estates', { regionId: grid2.id, name: '二网格小区' });
    const outside = await api(sq01, 'POST', '/buildings', { regionId: grid.id, estateId: gridEstate.id, number: '1', floors: 6 });
    expect([outside.statusCode, outside.json().code]).toEqual([400, 'REGISTRY_PLACEMENT']);
    const dup = await api(sq01, 'POST', '/buildings', { regionId: grid.id, estateId: estate.id, number: '1', floors: 9 });
    expect([dup.statusCode, dup.json().code]).toEqual([409, 'REGISTRY_DUPLICATE']);
    // Without an estate, the same number is another building (a street-side building).
    expect((await api(sq01, 'POST', '/buildings', { regionId: grid.id, number: '1', floors: 3 })).statusCode).toBe(201);
    const list = (await api(sq01, 'GET', `/buildings?estateId=${estate.id}`)).json();
    expect(list.total).toBe(2);
  });

  it('adds units when unitCount grows and refuses to drop units holding dwellings', async () => {
    const b = await created(sq01, '/buildings', { regionId: grid.id, estateId: estate.id, number: '5', floors: 10, unitCount: 2 });
    const up = (await api(sq01, 'PATCH', `/buildings/${b.id}`, { version: b.version, unitCount: 4 })).json();
    expect(up.unitCount).toBe(4);
    expect((await rows(sql`SELECT number FROM units WHERE building_id = ${b.id} ORDER BY number`)).map((r: any) => r.number)).toEqual([1, 2, 3, 4]);
    await created(sq01, '/dwellings', { buildingId: b.id, unitNumber: 3, floor: 2, number: '201' });
    const shrink = await api(sq01, 'PATCH', `/buildings/${b.id}`, { version: up.version, unitCount: 2 });
    expect([shrink.statusCode, shrink.json().code]).toEqual([400, 'REGISTRY_FIELD_INVALID']);
    const ok = (await api(sq01, 'PATCH', `/buildings/${b.id}`, { version: up.version, unitCount: 3 })).json();
    expect(ok.unitCount).toBe(3);
    expect((await rows(sql`SELECT number FROM units WHERE building_id = ${b.id}`)).length).toBe(3);
    const lower = await api(sq01, 'PATCH', `/buildings/${b.id}`, { version: ok.version, floors: 1 });
    expect(lower.json().code).toBe('REGISTRY_FIELD_INVALID');
  });
});

describe('dwellings', () => {
  let b: { id: number; version: number };
  beforeAll(async () => {
    b = await created(sq01, '/buildings', { regionId: grid.id, number: '8', floors: 5, basementFloors: 1, unitCount: 2 });
  });

  it('stay within the building: units, floors (no floor 0), positive area, unique number', async () => {
    const before = await counters(grid.id, ['dwellings', 'dwellings.vacant']);
    const d = await created(wgy01, '/dwellings', { buildingId: b.id, unitNumber: 2, floor: 3, number: '302', area: 89.5 });
    expect(d).toMatchObject({ regionId: grid.id, occupancy: 'vacant', area: 89.5, address: '8栋 2单元 302' });
    expect(await counters(grid.id, ['dwellings', 'dwellings.vacant'])).toEqual({ dwellings: before.dwellings + 1, 'dwellings.vacant': before['dwellings.vacant'] + 1 });
    expect((await created(sq01, '/dwellings', { buildingId: b.id, unitNumber: 1, floor: -1, number: 'B101', use: 'commercial', occupancy: 'commercial' })).floor).toBe(-1);
    for (const [payload, code] of [
      [{ unitNumber: 3, floor: 1, number: '101' }, 'REGISTRY_FIELD_INVALID'],
      [{ unitNumber: 1, floor: 0, number: '001' }, 'REGISTRY_FIELD_INVALID'],
      [{ unitNumber: 1, floor: 6, number: '601' }, 'REGISTRY_FIELD_INVALID'],
      [{ unitNumber: 1, floor: -2, number: 'B201' }, 'REGISTRY_FIELD_INVALID'],
      [{ unitNumber: 1, floor: 1, number: '101', area: 0 }, 'REGISTRY_FIELD_INVALID'],
      [{ unitNumber: 2, floor: 3, number: '302' }, 'REGISTRY_DUPLICATE'],
    ] as const) {
      expect((await api(sq01, 'POST', '/dwellings', { buildingId: b.id, ...payload })).json().code, JSON.stringify(payload)).toBe(code);
    }
    expect(await counter(grid.id, 'dwellings')).toBe(before.dwellings + 2);
    const occ = (await api(sq01, 'PATCH', `/dwellings/${d.id}`, { version: d.version, occupancy: 'owner' })).json();
    expect(occ.occupancy).toBe('owner');
    expect(await counter(grid.id, 'dwellings.vacant')).toBe(before['dwellings.vacant']);
    const found = (await api(sq01, 'GET', `/dwellings?q=${encodeURIComponent('8栋 302')}&regionId=${grid.id}`)).json();
    expect(found.items.map((x: { id: number }) => x.id)).toEqual([d.id]);
    expect((await api(sq01, 'GET', `/dwellings?buildingId=${b.id}&occupancy=commercial`)).json().total).toBe(1);
  });

  it('are generated for every unit and floor, skipping existing numbers', async () => {
    const g = await created(sq01, '/buildings', { regionId: grid.id, number: '9', floors: 4, unitCount: 2 });
    await created(sq01, '/dwellings', { buildingId: g.id, unitNumber: 1, floor: 3, number: '302' });
    const before = await counter(grid.id, 'dwellings');
    const res = await created(sq01, `/buildings/${g.id}/dwellings/generate`, { floors: [1, 3], perUnitPerFloor: 2, area: 75 });
    expect(res).toEqual({ created: 11, skipped: 1 });
    expect(await counter(grid.id, 'dwellings')).toBe(before + 11);
    const numbers = (await rows<{ n: string }>(sql`SELECT unit_number || '-' || number AS n FROM dwellings WHERE building_id = ${g.id} ORDER BY unit_number, floor, number`)).map((r) => r.n);
    expect(numbers).toEqual(['1-101', '1-102', '1-201', '1-202', '1-301', '1-302', '2-101', '2-102', '2-201', '2-202', '2-301', '2-302']);
    expect(await created(sq01, `/buildings/${g.id}/dwellings/generate`, { floors: [1, 3], perUnitPerFloor: 2 })).toEqual({ created: 0, skipped: 12 });
    expect((await api(sq01, 'POST', `/buildings/${g.id}/dwellings/generate`, { floors: [1, 5], perUnitPerFloor: 1 })).json().code).toBe('REGISTRY_FIELD_INVALID');
  });
});

describe('floor × unit table and rentals', () => {
  let b: { id: number };
  let dw: Record<string, { id: number; version: number }>;
  let tenantName: string;
  beforeAll(async () => {
    const estate = await created(sq01, '/estates', { regionId: community.id, name: '和谐家园' });
    b = await created(sq01, '/buildings', { regionId: grid.id, estateId: estate.id, number: '3', floors: 3, unitCount: 2 });
    await created(sq01, `/buildings/${b.id}/dwellings/generate`, { floors: [1, 3], perUnitPerFloor: 2, area: 60 });
    const list = (await api(sq01, 'GET', `/dwellings?buildingId=${b.id}&limit=100`)).json().items as { id: number; unitNumber: number; number: string; version: number }[];
    dw = Object.fromEntries(list.map((d) => [`${d.unitNumber}-${d.number}`, d]));
    tenantName = '李租客';
    await addResident(dw['2-302'].id, tenantName, ['elderlyAlone']);
    await addResident(dw['2-302'].id, '张同住', ['disabled', 'elderlyAlone']);
    await addResident(dw['1-101'].id, '赵自住');
  });

  it('shows floors from the top, a column per unit, with residents, tags and occupancy', async () => {
    await api(sq01, 'PATCH', `/dwellings/${dw['1-101'].id}`, { version: dw['1-101'].version, occupancy: 'owner' });
    const plan = (await api(sq01, 'GET', `/buildings/${b.id}/floor-plan`)).json();
    expect(plan.building.id).toBe(b.id);
    expect(plan.units).toEqual([{ number: 1, label: '1单元' }, { number: 2, label: '2单元' }]);
    expect(plan.floors.map((f: { floor: number }) => f.floor)).toEqual([3, 2, 1]);
    const top = plan.floors[0].cells;
    expect(top).toHaveLength(2);
    expect(top[1].map((c: { number: string }) => c.number)).toEqual(['301', '302']);
    const cell = top[1][1];
    expect(cell).toMatchObject({ dwellingId: dw['2-302'].id, unitNumber: 2, occupancy: 'vacant', area: 60, residents: 2, tags: ['disabled', 'elderlyAlone'], rental: false });
    expect(plan.floors[2].cells[0][0]).toMatchObject({ number: '101', occupancy: 'owner', residents: 1, tags: [] });
    const detail = (await api(sq01, 'GET', `/buildings/${b.id}`)).json();
    expect(detail.counts).toMatchObject({ dwellings: 12, residents: 3, byOccupancy: { owner: 1, vacant: 11, rental: 0, commercial: 0 } });
  });

  it('runs a lease: occupancy and counters follow, the posting shows only the door sign, the mobile reveal is audited', async () => {
    const d = dw['2-302'];
    const before = await counters(grid.id, ['rentals', 'dwellings.vacant', 'dwellings']);
    const streetBefore = (await api(sq01, 'GET', `/regions/${community.id}`)).json().counters;
    for (const [payload, code] of [
      [{ landlordMobile: '12345678901' }, 'REGISTRY_FIELD_INVALID'],
      [{ leaseStart: '2026-03-01', leaseEnd: '2026-01-01' }, 'REGISTRY_FIELD_INVALID'],
    ] as const) {
      expect((await api(sq01, 'POST', '/rentals', { dwellingId: d.id, landlordName: '王大明', ...payload })).json().code).toBe(code);
    }
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const r = await created(wgy01, '/rentals', { dwellingId: d.id, landlordName: '王大明', landlordMobile: '138 0013 5678', leaseStart: '2025-06-01', leaseEnd: soon, monthlyRent: 1800, purpose: 'residential' });
    expect(r.landlordMobileMasked).toBe('138****5678');
    expect(JSON.stringify(r)).not.toContain('13800135678');
    expect(r.postingCode).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(r.address).toBe('和谐家园 3栋 2单元 302');
    expect((await api(sq01, 'GET', `/dwellings/${d.id}`)).json()).toMatchObject({ occupancy: 'rental', rental: { id: r.id } });
    expect(await counters(grid.id, ['rentals', 'dwellings.vacant', 'dwellings'])).toEqual({ rentals: before.rentals + 1, 'dwellings.vacant': before['dwellings.vacant'] - 1, dwellings: before.dwellings });
    const region = (await api(sq01, 'GET', `/regions/${community.id}`)).json().counters;
    expect(region.rentals).toBe((streetBefore.rentals ?? 0) + 1);
    const again = await api(sq01, 'POST', '/rentals', { dwellingId: d.id, landlordName: '王大明' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'REGISTRY_DUPLICATE']);
    // Stored encrypted: the mobile appears nowhere in plain text, including the audit log.
    expect(await rows(sql`SELECT 1 FROM rentals WHERE landlord_mobile_enc LIKE '%13800135678%' OR landlord_mobile_masked = '13800135678'`)).toEqual([]);
    expect(await rows(sql`SELECT 1 FROM audit_log WHERE after::text LIKE '%13800135678%'`)).toEqual([]);

    const detail = (await api(sq01, 'GET', `/rentals/${r.id}`)).json();
    expect(detail.tenants.map((x: { name: string }) => x.name).sort()).toEqual([tenantName, '张同住'].sort());
    expect(detail.dwelling.id).toBe(d.id);
    expect((await api(sq01, 'GET', '/rentals?leaseEndingWithinDays=30')).json().items.map((x: { id: number }) => x.id)).toContain(r.id);
    expect((await api(sq01, 'GET', '/rentals?leaseEndingWithinDays=5')).json().items.map((x: { id: number }) => x.id)).not.toContain(r.id);
    expect((await created(sq01, `/buildings/${b.id}/dwellings/generate`, { floors: [1, 1], perUnitPerFloor: 1 })).created).toBe(0);
    const cell = (await api(sq01, 'GET', `/buildings/${b.id}/floor-plan`)).json().floors[0].cells[1][1];
    expect(cell).toMatchObject({ occupancy: 'rental', rental: true });

    // The public posting, without a session.
    const pub = await t.app.inject({ method: 'GET', url: `/api/v1/public/rentals/${r.postingCode}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      postingCode: r.postingCode,
      address: { estate: '和谐家园', building: '3', unit: '2单元', room: '302' },
      region: { community: community.name, grid: grid.name },
      landlord: { name: '王**', mobile: '138****5678' },
      lease: { start: '2025-06-01', end: soon },
      tenantCount: 2,
      purpose: 'residential',
    });
    for (const secret of [tenantName, '张同住', '王大明', '13800135678', '110***']) expect(pub.body).not.toContain(secret);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/rentals/AAAAAAAAAAAAAAAAAAAAAA' })).json().code).toBe('REGISTRY_NOT_FOUND');

    // Full mobile: pii.read holders only, audited.
    expect((await api(wgy01, 'GET', `/rentals/${r.id}/pii`)).json().code).toBe('PERMISSION_DENIED');
    const pii = (await api(sq01, 'GET', `/rentals/${r.id}/pii`)).json();
    expect(pii.landlordMobile).toBe('13800135678');
    const seen = await rows<{ action: string; entity_type: string }>(sql`SELECT action, entity_type FROM audit_log WHERE entity_type = 'rental' AND entity_id = ${String(r.id)} ORDER BY id`);
    expect(seen.map((x) => x.action)).toEqual(['rental.create', 'pii.view']);

    // Changing the occupancy under a running lease is refused; the lease has to end.
    const cur = (await api(sq01, 'GET', `/dwellings/${d.id}`)).json();
    expect((await api(sq01, 'PATCH', `/dwellings/${d.id}`, { version: cur.version, occupancy: 'owner' })).json().code).toBe('REGISTRY_FIELD_INVALID');
    expect((await api(sq01, 'POST', `/dwellings/${d.id}/archive`)).json().code).toBe('REGISTRY_IN_USE');

    const up = (await api(sq01, 'PATCH', `/rentals/${r.id}`, { version: r.version, monthlyRent: 2000 })).json();
    expect(up.monthlyRent).toBe(2000);
    const ended = (await api(sq01, 'POST', `/rentals/${r.id}/end`, { endedOn: '2026-01-31' })).json();
    expect(ended).toMatchObject({ active: false, endedOn: '2026-01-31' });
    expect((await api(sq01, 'GET', `/dwellings/${d.id}`)).json()).toMatchObject({ occupancy: 'vacant', rental: null });
    expect(await counters(grid.id, ['rentals', 'dwellings.vacant', 'dwellings'])).toEqual(before);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/rentals/${r.postingCode}` })).statusCode).toBe(404);
    expect((await api(sq01, 'GET', '/rentals')).json().items.map((x: { id: number }) => x.id)).not.toContain(r.id);
    expect((await api(sq01, 'GET', '/rentals?includeEnded=true')).json().items.map((x: { id: number }) => x.id)).toContain(r.id);
    expect((await api(sq01, 'POST', `/rentals/${r.id}/end`, { endedOn: '2026-02-01' })).json().code).toBe('REGISTRY_ARCHIVED');

    // A new lease that ends into owner occupation.
    const r2 = await created(sq01, '/rentals', { dwellingId: d.id, landlordName: '王大明' });
    expect(r2.postingCode).not.toBe(r.postingCode);
    await api(sq01, 'POST', `/rentals/${r2.id}/end`, { endedOn: '2026-02-01', occupancy: 'owner' });
    expect((await api(sq01, 'GET', `/dwellings/${d.id}`)).json().occupancy).toBe('owner');
  });

  it('refuses to archive what is still in use, and archives what is not', async () => {
    const estate = (await api(sq01, 'GET', `/buildings/${b.id}`)).json().estate;
    expect((await api(sq01, 'POST', `/estates/${estate.id}/archive`)).json()).toMatchObject({ code: 'REGISTRY_IN_USE' });
    expect((await api(sq01, 'POST', `/buildings/${b.id}/archive`)).json()).toMatchObject({ code: 'REGISTRY_IN_USE' });
    expect((await api(sq01, 'POST', `/dwellings/${dw['1-101'].id}/archive`)).json()).toMatchObject({ code: 'REGISTRY_IN_USE' });
    const before = await counters(grid.id, ['dwellings', 'dwellings.vacant', 'buildings']);
    const empty = dw['1-102'];
    const archived = await api(sq01, 'POST', `/dwellings/${empty.id}/archive`);
    expect(archived.json()).toMatchObject({ archived: true });
    expect(await counters(grid.id, ['dwellings', 'dwellings.vacant', 'buildings'])).toEqual({ ...before, dwellings: before.dwellings - 1, 'dwellings.vacant': before['dwellings.vacant'] - 1 });
    expect((await api(sq01, 'GET', `/buildings/${b.id}/floor-plan`)).json().floors[2].cells[0].map((c: { number: string }) => c.number)).toEqual(['101']);
    // An empty building and estate go; the counters follow.
    const lone = await created(sq01, '/estates', { regionId: community.id, name: '待撤小区' });
    const lb = await created(sq01, '/buildings', { regionId: grid.id, estateId: lone.id, number: '1', floors: 2 });
    expect((await api(sq01, 'POST', `/buildings/${lb.id}/archive`)).json().archived).toBe(true);
    expect(await counter(grid.id, 'buildings')).toBe(before.buildings);
    const estBefore = await counter(community.id, 'estates');
    expect((await api(sq01, 'POST', `/estates/${lone.id}/archive`)).json().archived).toBe(true);
    expect(await counter(community.id, 'estates')).toBe(estBefore - 1);
    expect((await api(sq01, 'POST', `/estates/${lone.id}/archive`)).json().code).toBe('REGISTRY_ARCHIVED');
  });

  it('keeps the sibling community out', async () => {
    for (const url of [`/buildings/${b.id}`, `/buildings/${b.id}/floor-plan`, `/dwellings/${dw['2-301'].id}`]) expect((await api(sq02, 'GET', url)).json().code).toBe('SCOPE_DENIED');
    expect((await api(sq02, 'GET', '/dwellings?limit=500')).json().items.map((x: { id: number }) => x.id)).not.toContain(dw['2-301'].id);
    expect((await api(sq02, 'GET', '/buildings/999999')).json().code).toBe('REGISTRY_NOT_FOUND');
  });
});

describe('housing sheets (import and export)', () => {
  const csv = (cols: { key: string; header: string }[], data: Record<string, string>[]) =>
    [cols.map((c) => c.header).join(','), ...data.map((r) => cols.map((c) => r[c.key] ?? '').join(','))].join('\r\n') + '\r\n';
  async function importCsv(entity: string, body: string, mode = 'skip-invalid') {
    const res = await t.as(sq01, { method: 'POST', url: `/api/v1/registry/imports?entity=${entity}&mode=${mode}`, payload: body, headers: { 'content-type': 'text/csv' } });
    expect(res.statusCode, res.body).toBe(202);
    const { jobSettled } = await import('../../src/modules/registry/import/jobs.service.ts');
    await jobSettled(res.json().jobId);
    return (await api(sq01, 'GET', `/registry/imports/${res.json().jobId}`)).json() as { status: string; added: number; updated: number; unchanged: number; rejected: number; problems: { row: number; column: string; reason: { zh: string } }[] };
  }
  const { estateSheet, buildingSheet, dwellingSheet, rentalSheet } = {
    estateSheet: () => import('../../src/modules/registry/estates.sheet.ts').then((m) => m.estateSheet.columns),
    buildingSheet: () => import('../../src/modules/registry/buildings.sheet.ts').then((m) => m.buildingSheet.columns),
    dwellingSheet: () => import('../../src/modules/registry/dwellings.sheet.ts').then((m) => m.dwellingSheet.columns),
    rentalSheet: () => import('../../src/modules/registry/rentals.sheet.ts').then((m) => m.rentalSheet.columns),
  };

  it('imports estates, buildings, dwellings and rentals by natural key; a second run changes nothing', async () => {
    const before = await counters(grid.id, ['buildings', 'dwellings', 'rentals', 'dwellings.vacant']);
    const estates = csv(await estateSheet(), [
      { regionCode: community.code, name: '导入小区', address: '导入路 8 号', propertyCompany: '安居物业', hasSecurity: '有', hasEnclosure: '有', age: '新建', builtYear: '2010', lng: '113.1', lat: '23.1' },
      { regionCode: grid.code, name: '导入三无小区', hasSecurity: '无', hasEnclosure: '无', age: '老旧' },
      { regionCode: otherCommunity.code, name: '越界小区' },
      { regionCode: community.code, name: '无名物业小区', propertyCompany: '不存在物业' },
      { regionCode: '000000000000', name: '无此区域' },
    ]);
    const e1 = await importCsv('estate', estates);
    expect(e1).toMatchObject({ added: 2, rejected: 3 });
    expect(e1.problems.map((p) => p.reason.zh)).toEqual([`区域 ${otherCommunity.code} 超出您的管辖范围`, '未找到物业公司「不存在物业」', '区域编码 000000000000 不存在']);
    expect((await api(sq01, 'GET', '/estates?q=导入三无')).json().items[0]).toMatchObject({ unmanaged: true, age: 'old' });
    expect((await importCsv('estate', estates)).unchanged).toBe(2);

    const buildings = csv(await buildingSheet(), [
      { regionCode: grid.code, estate: '导入小区', number: '1', floors: '3', unitCount: '2', use: '住宅' },
      { regionCode: grid.code, estate: '导入三无小区', number: '1栋', floors: '2' },
      { regionCode: grid2.code, estate: '导入三无小区', number: '2', floors: '2' },
    ]);
    const b1 = await importCsv('building', buildings);
    expect(b1).toMatchObject({ added: 2, rejected: 1 });
    expect(b1.problems[0].reason.zh).toContain('导入三无小区');

    const dwellings = csv(await dwellingSheet(), [
      { regionCode: grid.code, estate: '导入小区', building: '1', unit: '1', floor: '1', number: '101', area: '88', occupancy: '自住' },
      { regionCode: grid.code, estate: '导入小区', building: '1', unit: '2', floor: '3', number: '302', area: '70', occupancy: '空置' },
      { regionCode: grid.code, estate: '导入小区', building: '1', unit: '3', floor: '1', number: '101' },
      { regionCode: grid.code, estate: '导入小区', building: '1', unit: '1', floor: '4', number: '401' },
      { regionCode: grid.code, estate: '导入小区', building: '9', unit: '1', floor: '1', number: '101' },
    ]);
    const d1 = await importCsv('dwelling', dwellings);
    expect(d1).toMatchObject({ added: 2, rejected: 3 });
    expect(d1.problems.map((p) => p.reason.zh)).toEqual([expect.stringContaining('1–2'), expect.stringContaining('1–3'), expect.stringContaining('未找到楼栋')]);

    const rentals = csv(await rentalSheet(), [
      { regionCode: grid.code, estate: '导入小区', building: '1', unit: '2', number: '302', landlordName: '刘房东', landlordMobile: '13912345678', leaseStart: '2026-01-01', leaseEnd: '2026/12/31', monthlyRent: '1500', purpose: '居住' },
      { regionCode: grid.code, estate: '导入小区', building: '1', unit: '1', number: '101', landlordName: '错号', landlordMobile: '123' },
    ]);
    const r1 = await importCsv('rental', rentals);
    expect(r1).toMatchObject({ added: 1, rejected: 1 });
    expect(await counters(grid.id, ['buildings', 'dwellings', 'rentals', 'dwellings.vacant'])).toEqual({
      buildings: before.buildings + 2,
      dwellings: before.dwellings + 2,
      rentals: before.rentals + 1,
      'dwellings.vacant': before['dwellings.vacant'],
    });
    const lease = (await api(sq01, 'GET', '/rentals?q=刘房东')).json().items[0];
    expect(lease).toMatchObject({ landlordMobileMasked: '139****5678', leaseEnd: '2026-12-31', monthlyRent: 1500 });

    // Re-running every file changes nothing.
    for (const [entity, body] of [['estate', estates], ['building', buildings], ['dwelling', dwellings], ['rental', rentals]] as const) {
      const again = await importCsv(entity, body);
      expect([entity, again.added, again.updated], JSON.stringify(again.problems)).toEqual([entity, 0, 0]);
    }
    // A changed rent is an update of the running lease, not a second lease.
    expect(await importCsv('rental', rentals.replace('1500', '1600'))).toMatchObject({ updated: 1, added: 0 });
    expect((await api(sq01, 'GET', '/rentals?q=刘房东')).json()).toMatchObject({ total: 1, items: [{ monthlyRent: 1600 }] });

    const exp = await t.as(sq01, { method: 'GET', url: `/api/v1/registry/exports/rental?regionId=${grid.id}` });
    expect(exp.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0].getSheetValues());
    expect(text).toContain('139****5678');
    expect(text).not.toContain('13912345678');
  });
});
