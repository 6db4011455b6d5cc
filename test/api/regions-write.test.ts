// Changing the tree through the API: create, update, move, merge, split, archive, size rules.
// Each structural change is checked for paths, counters, boundaries and its audit trail.
import area from '@turf/area';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = await t.login('admin');
});
afterAll(() => t.close());

const req = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: unknown, cookie = admin) =>
  t.as(cookie, { method, url: `/api/v1${url}`, ...(payload === undefined ? {} : { payload: payload as object }) });
const byCode = async (code: string) => (await req('GET', `/regions/search?q=${code}`)).json().items.find((i: { code: string }) => i.code === code);
const detail = async (id: number) => (await req('GET', `/regions/${id}`)).json();
const children = async (id: number) => (await req('GET', `/regions/${id}/children`)).json().items as { id: number; code: string; level: number }[];
const history = async (id: number) => (await req('GET', `/regions/${id}/audit`)).json().items as { action: string; before: unknown; after: unknown }[];

function square(lng: number, lat: number, d: number): Polygon {
  return { type: 'Polygon', coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]] };
}
function bbox(p: Polygon) {
  const xs = p.coordinates[0].map((c) => c[0]);
  const ys = p.coordinates[0].map((c) => c[1]);
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
}

describe('create and update', () => {
  it('creates a grid with a generated CJ/T 349 code and records it in the audit log', async () => {
    const community = t.demo!.city.regions.find((r) => r.level === 4)!;
    const c = await byCode(community.code);
    const res = await req('POST', '/regions', { parentId: c.id, name: '测试网格', kind: 'officeBuilding' });
    expect(res.statusCode).toBe(201);
    const grid = res.json();
    expect(grid.code).toMatch(/^030000\d{14}$/);
    expect(grid.code.slice(6, 18)).toBe(community.code);
    expect(grid.level).toBe(5);
    expect((await history(grid.id)).map((h) => h.action)).toContain('region.create');
    // Micro-grid under it: 23 digits, grid code prefix.
    const micro = (await req('POST', '/regions', { parentId: grid.id, name: '1号微网格' })).json();
    expect(micro.code).toBe(`${grid.code}001`);
  });

  it('refuses a wrong level kind, a malformed code and a code that breaks its parent prefix', async () => {
    const community = await byCode(t.demo!.city.regions.find((r) => r.level === 4)!.code);
    expect((await req('POST', '/regions', { parentId: community.id, name: 'x', kind: 'town' })).json().code).toBe('REGION_KIND_INVALID');
    const bad = await req('POST', '/regions', { parentId: community.id, name: 'x', code: '01000099999999999901' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('REGION_CODE_INVALID');
  });

  it('checks boundaries: valid GeoJSON, inside the parent, no overlap with siblings (naming the pair)', async () => {
    const gridInput = t.demo!.city.regions.find((r) => r.level === 5)!;
    const grid = await byCode(gridInput.code);
    const community = await detail(grid.parentId);
    const b = bbox(community.boundary as Polygon);
    const far = await req('POST', '/regions', { parentId: community.id, name: '越界网格', boundary: square(b.maxX + 0.1, b.maxY + 0.1, 0.001) });
    expect(far.json().code).toBe('GEOMETRY_OUTSIDE_PARENT');
    const unclosed = { type: 'Polygon', coordinates: [[[b.minX, b.minY], [b.maxX, b.minY], [b.maxX, b.maxY], [b.minX, b.maxY]]] };
    const invalid = await req('POST', '/regions', { parentId: community.id, name: '坏边界', boundary: unclosed });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe('GEOMETRY_INVALID');
    // The sibling grid's own boundary overlaps it completely.
    const overlap = await req('POST', '/regions', { parentId: community.id, name: '重叠网格', boundary: gridInput.boundary });
    expect(overlap.json().code).toBe('GEOMETRY_OVERLAP');
    expect(overlap.json().message).toContain('重叠网格');
    expect(overlap.json().message).toContain(gridInput.name);
  });

  it('renames with optimistic versions: a stale version is refused, search finds the new name by pinyin', async () => {
    const grid = await byCode(t.demo!.city.regions.find((r) => r.level === 5)!.code);
    const d = await detail(grid.id);
    const ok = await req('PATCH', `/regions/${grid.id}`, { version: d.version, name: '翡翠湾网格' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(d.version + 1);
    const stale = await req('PATCH', `/regions/${grid.id}`, { version: d.version, name: '另一个名字' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('REGION_VERSION_CONFLICT');
    const found = (await req('GET', '/regions/search?q=fcw')).json().items;
    expect(found.map((f: { id: number }) => f.id)).toContain(grid.id);
    const h = await history(grid.id);
    const update = h.find((e) => e.action === 'region.update')!;
    expect((update.before as { name: string }).name).not.toBe('翡翠湾网格');
    expect((update.after as { name: string }).name).toBe('翡翠湾网格');
  });
});

describe('structure', () => {
  it('moves a community to another street: subtree paths follow, counters move, the district total stays', async () => {
    const district = await byCode(t.demo!.city.regions.find((r) => r.level === 2)!.code);
    const oldStreet = await byCode(t.demo!.city.regions.find((r) => r.level === 3)!.code);
    const newStreet = (await req('POST', '/regions', { parentId: district.id, name: '新城街道', kind: 'street' })).json();
    const communityInput = t.demo!.city.regions.filter((r) => r.level === 4)[5];
    const community = await byCode(communityInput.code);
    const before = { old: await detail(oldStreet.id), district: await detail(district.id), community: await detail(community.id) };
    const res = await req('POST', `/regions/${community.id}/move`, { newParentId: newStreet.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().path).toBe(`${newStreet.path}${community.id}/`);
    const residents = before.community.counters.residents;
    expect(residents).toBeGreaterThan(0);
    expect((await detail(oldStreet.id)).counters.residents).toBe(before.old.counters.residents - residents);
    expect((await detail(newStreet.id)).counters.residents).toBe(residents);
    expect((await detail(district.id)).counters.residents).toBe(before.district.counters.residents);
    // Every grid and micro-grid below now sits under the new street's path.
    const fc = (await req('GET', `/regions/${community.id}/geojson?depth=2`)).json();
    for (const f of fc.features) expect((await detail(f.id)).path.startsWith(`${newStreet.path}${community.id}/`)).toBe(true);
    // A cycle and a wrong level are refused.
    expect((await req('POST', `/regions/${newStreet.id}/move`, { newParentId: community.id })).json().code).toBe('REGION_MOVE_INVALID');
  });

  it('merges two sibling grids: children and counters join, the boundary unites, the other is archived', async () => {
    const community = t.demo!.city.regions.filter((r) => r.level === 4)[1];
    const grids = t.demo!.city.regions.filter((r) => r.parentCode === community.code);
    const [a, b] = await Promise.all([byCode(grids[0].code), byCode(grids[1].code)]);
    const [da, db] = [await detail(a.id), await detail(b.id)];
    const childrenBefore = (await children(a.id)).length + (await children(b.id)).length;
    const res = await req('POST', `/regions/${a.id}/merge`, { otherId: b.id });
    expect(res.statusCode).toBe(200);
    const merged = res.json();
    expect((await children(a.id)).length).toBe(childrenBefore);
    expect(merged.counters.households).toBe(da.counters.households + db.counters.households);
    expect(merged.counters.residents).toBe(da.counters.residents + db.counters.residents);
    expect(area(merged.boundary)).toBeCloseTo(area(da.boundary) + area(db.boundary), -2);
    const gone = await detail(b.id);
    expect(gone.archived).toBe(true);
    expect(gone.attributes.mergedInto).toBe(a.id);
    expect((await children(community.code ? (await byCode(community.code)).id : 0)).map((c) => c.id)).not.toContain(b.id);
  });

  it('splits a grid by a drawn line: two grids, areas add up, micro-grids follow their side', async () => {
    const grid = t.demo!.city.regions.find((r) => r.level === 5 && t.demo!.city.regions.filter((m) => m.parentCode === r.code).length >= 3)!;
    const g = await byCode(grid.code);
    const d = await detail(g.id);
    const b = bbox(d.boundary as Polygon);
    const midX = (b.minX + b.maxX) / 2;
    const line = { type: 'LineString', coordinates: [[midX, b.minY - 0.01], [midX, b.maxY + 0.01]] };
    const res = await req('POST', `/regions/${g.id}/split`, { line, names: [d.name, `${d.name}东`] });
    expect(res.statusCode).toBe(200);
    const [kept, created] = res.json().items;
    expect(created.parentId).toBe(d.parentId);
    expect(created.code.slice(6, 18)).toBe(grid.parentCode);
    expect(area(kept.boundary) + area(created.boundary)).toBeCloseTo(area(d.boundary), -1);
    const all = [...(await children(kept.id)), ...(await children(created.id))];
    expect(all.length).toBe(t.demo!.city.regions.filter((m) => m.parentCode === grid.code).length);
    // A line that misses the grid divides nothing.
    const miss = { type: 'LineString', coordinates: [[b.maxX + 1, b.minY], [b.maxX + 1, b.maxY]] };
    const bad = await req('POST', `/regions/${kept.id}/split`, { line: miss });
    expect(bad.json().code).toBe('REGION_SPLIT_INVALID');
  });

  it('splits a grid by choosing children: the new grid is their union', async () => {
    const grid = t.demo!.city.regions.filter((r) => r.level === 5 && t.demo!.city.regions.filter((m) => m.parentCode === r.code).length >= 2)[3];
    const g = await byCode(grid.code);
    const kids = await children(g.id);
    const res = await req('POST', `/regions/${g.id}/split`, { childIds: [kids[0].id], name: '新分网格' });
    expect(res.statusCode).toBe(200);
    const [, created] = res.json().items;
    expect((await children(created.id)).map((c) => c.id)).toEqual([kids[0].id]);
    const all = await req('POST', `/regions/${g.id}/split`, { childIds: (await children(g.id)).map((c) => c.id), name: 'x' });
    expect(all.json().code).toBe('REGION_SPLIT_INVALID');
  });

  it('archives only leaves-first, never deletes, and restores', async () => {
    const grid = t.demo!.city.regions.filter((r) => r.level === 5)[10];
    const g = await byCode(grid.code);
    const refused = await req('POST', `/regions/${g.id}/archive`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('REGION_HAS_CHILDREN');
    const kid = (await children(g.id))[0];
    expect((await req('POST', `/regions/${kid.id}/archive`)).json().archived).toBe(true);
    expect((await children(g.id)).map((c) => c.id)).not.toContain(kid.id);
    expect((await req('GET', `/regions/${g.id}/children?includeArchived=true`)).json().items.map((c: { id: number }) => c.id)).toContain(kid.id);
    expect((await req('POST', `/regions/${kid.id}/restore`)).json().archived).toBe(false);
    const actions = (await history(kid.id)).map((h) => h.action);
    expect(actions).toEqual(expect.arrayContaining(['region.archive', 'region.restore']));
  });
});

describe('size rules', () => {
  it('warns with the numbers when a micro-grid is outside the configured range', async () => {
    const micro = t.demo!.city.regions.find((r) => r.level === 6)!;
    const m = await byCode(micro.code);
    const residents = (await detail(m.id)).counters.residents as number;
    const set = await req('PUT', '/regions/size-rules', {
      regionId: m.id,
      rules: { microGridResidents: { target: residents * 4, tolerance: 0.1 }, gridHouseholdsOld: { target: 200, tolerance: 0.5 }, gridHouseholdsNew: { target: 500, tolerance: 0.4 } },
    });
    expect(set.statusCode).toBe(204);
    const d = await detail(m.id);
    expect(d.sizeStatus).toBe('under');
    expect(d.warnings[0]).toMatchObject({ code: 'MICROGRID_RESIDENTS', actual: residents, target: residents * 4, min: Math.round(residents * 4 * 0.9), status: 'under' });
    expect(d.warnings[0].message).toContain(String(residents));
    const en = await t.as(admin, { method: 'GET', url: `/api/v1/regions/${m.id}`, headers: { 'accept-language': 'en' } });
    expect(en.json().warnings[0].message).toMatch(/below the lower limit/);
  });
});

describe('audit chain', () => {
  it('verifies intact after all the changes above, and names an edited and a deleted row', async () => {
    const ok = (await req('POST', '/audit/verify')).json();
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(200);
    await t.database.exec(`ALTER TABLE audit_log DISABLE TRIGGER USER;
      UPDATE audit_log SET actor_name = 'mallory' WHERE id = 5;
      DELETE FROM audit_log WHERE id = 9;
      ALTER TABLE audit_log ENABLE TRIGGER USER;`);
    const bad = (await req('POST', '/audit/verify')).json();
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual(expect.arrayContaining([expect.objectContaining({ id: 5, kind: 'edited' }), expect.objectContaining({ id: 10, kind: 'deleted' })]));
  });

  it('refuses ordinary updates and deletes of audit rows at the database level', async () => {
    await expect(t.database.exec('UPDATE audit_log SET actor_name = $$x$$ WHERE id = 1')).rejects.toThrow(/append-only/);
    await expect(t.database.exec('DELETE FROM audit_log WHERE id = 1')).rejects.toThrow(/append-only/);
  });
});
