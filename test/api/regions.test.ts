// Region reads and writes through the HTTP API, on the small demo city.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = await t.login('admin');
});
afterAll(() => t.close());

const get = (url: string, cookie = admin) => t.as(cookie, { method: 'GET', url });

describe('reading the tree', () => {
  it('lists roots, children and details with ancestors and counters', async () => {
    const roots = (await get('/api/v1/regions/roots')).json();
    expect(roots.items).toHaveLength(1);
    expect(roots.items[0]).toMatchObject({ level: 1, kind: 'city', childCount: 1 });
    const city = (await get(`/api/v1/regions/${roots.items[0].id}`)).json();
    expect(city.counters.residents).toBeGreaterThan(1000);
    const street = t.demo!.city.regions.find((r) => r.level === 3)!;
    const search = (await get(`/api/v1/regions/search?q=${street.code}`)).json();
    expect(search.items[0].code).toBe(street.code);
    expect(search.items[0].ancestorNames).toHaveLength(2);
    const children = (await get(`/api/v1/regions/${search.items[0].id}/children`)).json();
    expect(children.items).toHaveLength(6);
  });

  it('finds a community by pinyin initials', async () => {
    const community = t.demo!.city.regions.find((r) => r.level === 4)!;
    const { pinyinKeys } = await import('../../src/modules/regions/pinyin.ts');
    const res = (await get(`/api/v1/regions/search?q=${pinyinKeys(community.name).initials}`)).json();
    expect(res.items.map((i: { code: string }) => i.code)).toContain(community.code);
  });

  it('locates a point inside a micro-grid to its micro-grid, grid and community', async () => {
    const micro = t.demo!.city.regions.find((r) => r.level === 6)!;
    const ring = (micro.boundary as GeoJSON.Polygon).coordinates[0];
    const lng = ring.slice(0, -1).reduce((s, p) => s + p[0], 0) / (ring.length - 1);
    const lat = ring.slice(0, -1).reduce((s, p) => s + p[1], 0) / (ring.length - 1);
    const res = (await get(`/api/v1/regions/locate?lng=${lng}&lat=${lat}`)).json();
    expect(res.microGrid.code).toBe(micro.code);
    expect(res.grid.code).toBe(micro.parentCode);
  });

  it('serves map features for a subtree', async () => {
    const community = t.demo!.city.regions.find((r) => r.level === 4)!;
    const id = (await get(`/api/v1/regions/search?q=${community.code}`)).json().items[0].id;
    const fc = (await get(`/api/v1/regions/${id}/geojson?depth=2`)).json();
    const grids = new Set(t.demo!.city.regions.filter((r) => r.parentCode === community.code).map((r) => r.code));
    const expected = grids.size + t.demo!.city.regions.filter((r) => r.parentCode && grids.has(r.parentCode)).length;
    expect(fc.features.length).toBeGreaterThan(0);
    expect(fc.features.every((f: { properties: { level: number } }) => f.properties.level >= 5)).toBe(true);
    expect(fc.features.length).toBe(expected);
  });
});
