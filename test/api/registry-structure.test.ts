// Registry rows keep a copy of their region's path for scope checks. When the tree is restructured
// (a grid moved to another community, two grids merged) the rows must follow in the same
// transaction: the new community's staff see them, the old community's staff no longer do, and
// counters agree with the rows.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { idNumber } from '../support/residents.ts';

let t: TestApp;
let admin: string;
let sq01: string;
let sq02: string;
const api = (url: string) => `/api/v1${url}`;

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const communityOf = async (username: string) =>
  (await rows<{ id: number; path: string }>(sql`SELECT r.id, r.path FROM users u JOIN regions r ON r.id = u.scope_region_id WHERE u.username = ${username}`))[0];
const counters = async (id: number) => (await t.as(admin, { method: 'GET', url: api(`/regions/${id}`) })).json().counters as Record<string, number>;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [admin, sq01, sq02] = await Promise.all(['admin', 'sq01', 'sq02'].map((u) => t.login(u)));
});
afterAll(async () => {
  await t?.close();
});

describe('registry rows follow the tree', () => {
  it('a grid moved to a sibling community takes its residents and buildings along', async () => {
    const a = await communityOf('sq01');
    const b = await communityOf('sq02');
    // A grid without a boundary can move anywhere (a drawn one would have to fit the new community).
    const created = await t.as(admin, { method: 'POST', url: api('/regions'), payload: { parentId: a.id, name: '随迁网格', kind: 'residential' } });
    expect(created.statusCode, created.body).toBe(201);
    const grid = created.json().id as number;
    const micro = grid;
    const res = await t.as(sq01, { method: 'POST', url: api('/residents'), payload: { name: '随迁', ethnicity: '汉族', idNumber: idNumber('1970-05-05', 11), residenceType: 'registered', householdRole: 'head', regionId: micro, tags: ['disabled'] } });
    expect(res.statusCode, res.body).toBe(201);
    const resident = res.json();
    const building = await t.as(sq01, { method: 'POST', url: api('/buildings'), payload: { regionId: micro, number: '随迁1栋', floors: 3, unitCount: 1 } });
    expect(building.statusCode, building.body).toBe(201);
    const beforeA = await counters(a.id);
    const beforeB = await counters(b.id);

    const moved = await t.as(admin, { method: 'POST', url: api(`/regions/${grid}/move`), payload: { newParentId: b.id } });
    expect(moved.statusCode, moved.body).toBe(200);

    // Scope follows: the new community's staff see the resident and the building, the old one's are refused.
    expect((await t.as(sq02, { method: 'GET', url: api(`/residents/${resident.id}`) })).statusCode).toBe(200);
    expect((await t.as(sq01, { method: 'GET', url: api(`/residents/${resident.id}`) })).json().code).toBe('SCOPE_DENIED');
    expect((await t.as(sq02, { method: 'GET', url: api(`/buildings/${building.json().id}`) })).statusCode).toBe(200);
    const list = (await t.as(sq02, { method: 'GET', url: api('/residents?q=随迁') })).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(resident.id);
    // Every registry row of the moved grid now carries a path under the new community.
    for (const table of ['residents', 'households', 'buildings']) {
      const stale = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE region_path LIKE ${`${a.path}${grid}/%`}`);
      expect(stale[0].n, table).toBe(0);
    }
    // Counters moved with the subtree.
    const afterA = await counters(a.id);
    const afterB = await counters(b.id);
    expect(afterB['careGroup.disabled'] ?? 0).toBe((beforeB['careGroup.disabled'] ?? 0) + (beforeA['careGroup.disabled'] ?? 0) - (afterA['careGroup.disabled'] ?? 0));
    expect((afterB.buildings ?? 0) - (beforeB.buildings ?? 0)).toBe((beforeA.buildings ?? 0) - (afterA.buildings ?? 0));
    expect((afterB.buildings ?? 0) - (beforeB.buildings ?? 0)).toBeGreaterThanOrEqual(1);
  });

  it('merging grids moves rows placed directly on the absorbed grid to the kept one', async () => {
    const a = await communityOf('sq01');
    const grids = await rows<{ id: number; path: string }>(sql`SELECT id, path FROM regions WHERE parent_id = ${a.id} AND level = 5 AND archived_at IS NULL ORDER BY code LIMIT 2`);
    const [keep, gone] = grids;
    const res = await t.as(sq01, { method: 'POST', url: api('/residents'), payload: { name: '并格', ethnicity: '汉族', idNumber: idNumber('1981-06-06', 12), residenceType: 'migrant', householdRole: 'head', regionId: gone.id } });
    expect(res.statusCode, res.body).toBe(201);
    const merged = await t.as(admin, { method: 'POST', url: api(`/regions/${keep.id}/merge`), payload: { otherId: gone.id } });
    expect(merged.statusCode, merged.body).toBe(200);
    const [row] = await rows<{ region_id: number; region_path: string }>(sql`SELECT region_id, region_path FROM residents WHERE id = ${res.json().id}`);
    expect(row).toEqual({ region_id: keep.id, region_path: keep.path });
    const detail = (await t.as(sq01, { method: 'GET', url: api(`/residents/${res.json().id}`) })).json();
    expect(detail.region?.id ?? detail.breadcrumb?.at(-1)?.id).toBe(keep.id);
  });
});
