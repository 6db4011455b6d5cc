// The region counters are maintained incrementally by every registry writer (API and import). After
// loading the whole demo population through the import sheets, and after a few API changes, they
// must equal a full recount of the rows, at every level of the tree.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true, population: true });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

/** Recount: per region, what its subtree holds, from the rows themselves. */
async function recount(): Promise<Map<string, number>> {
  const measured = await rows<{ region_id: number; measure: string; n: number }>(sql`
    WITH leaf AS (
      SELECT region_path AS path, 'residents' AS measure FROM residents WHERE archived_at IS NULL
      UNION ALL SELECT region_path, 'residents.' || residence_type FROM residents WHERE archived_at IS NULL
      UNION ALL SELECT region_path, 'careGroupMembers' FROM residents WHERE archived_at IS NULL AND cardinality(tags) > 0
      UNION ALL SELECT region_path, 'careGroup.' || t FROM residents, unnest(tags) t WHERE archived_at IS NULL
      UNION ALL SELECT region_path, 'seasonalResidents' FROM residents WHERE archived_at IS NULL AND seasonal
      UNION ALL SELECT region_path, 'households' FROM households WHERE archived_at IS NULL
      UNION ALL SELECT region_path, 'dwellings' FROM dwellings WHERE archived_at IS NULL
      UNION ALL SELECT region_path, 'dwellings.vacant' FROM dwellings WHERE archived_at IS NULL AND occupancy = 'vacant'
      UNION ALL SELECT region_path, 'rentals' FROM dwellings WHERE archived_at IS NULL AND occupancy = 'rental'
      UNION ALL SELECT region_path, 'buildings' FROM buildings WHERE archived_at IS NULL
      UNION ALL SELECT region_path, 'estates' FROM estates WHERE archived_at IS NULL
      UNION ALL SELECT region_path, 'estates.unmanaged' FROM estates WHERE archived_at IS NULL AND unmanaged
      UNION ALL SELECT region_path, 'places' FROM places WHERE archived_at IS NULL
      UNION ALL SELECT region_path, 'organizations' FROM organizations WHERE archived_at IS NULL
      UNION ALL SELECT region_path, 'organizations.' || kind FROM organizations WHERE archived_at IS NULL
      UNION ALL SELECT region_path, 'assets' FROM assets WHERE archived_at IS NULL
    )
    SELECT r.id AS region_id, leaf.measure, count(*)::int AS n
    FROM leaf JOIN regions r ON leaf.path LIKE r.path || '%' AND r.level <= 4
    GROUP BY r.id, leaf.measure`);
  return new Map(measured.map((m) => [`${m.region_id}:${m.measure}`, m.n]));
}

async function stored(): Promise<Map<string, number>> {
  const got = await rows<{ region_id: number; measure: string; value: number }>(sql`
    SELECT c.region_id, c.measure, c.value::int AS value FROM region_counters c JOIN regions r ON r.id = c.region_id
    WHERE r.level <= 4 AND c.value <> 0`);
  return new Map(got.map((g) => [`${g.region_id}:${g.measure}`, g.value]));
}

describe('region counters after the demo population', () => {
  it('loaded the whole small city through the sheets', async () => {
    const [n] = await rows<{ residents: number; dwellings: number; rentals: number }>(sql`
      SELECT (SELECT count(*)::int FROM residents) AS residents, (SELECT count(*)::int FROM dwellings) AS dwellings,
             (SELECT count(*)::int FROM rentals) AS rentals`);
    expect(n.residents).toBeGreaterThan(30_000);
    expect(n.dwellings).toBeGreaterThan(10_000);
    expect(n.rentals).toBeGreaterThan(500);
  });

  it('every counter of the city, districts, streets and communities equals a recount of the rows', async () => {
    const want = await recount();
    const got = await stored();
    expect(got.size).toBeGreaterThan(50);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
  });

  it('still does after API changes: a resident archived, a dwelling let, a place added', async () => {
    const sq01 = await t.login('sq01');
    const api = (method: string, url: string, payload?: object) => t.as(sq01, { method: method as 'GET', url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
    const someone = (await api('GET', '/residents?careGroupOnly=true&limit=1')).json().items[0];
    const detail = (await api('GET', `/residents/${someone.id}`)).json();
    const archived = await api('POST', `/residents/${someone.id}/archive`, { leftReason: 'movedOut', on: '2026-11-01', version: detail.version, ...(detail.household?.members?.length > 1 && detail.householdRole === 'head' ? { newHeadResidentId: detail.household.members.find((m: { id: number }) => m.id !== someone.id).id } : {}) });
    expect(archived.statusCode, archived.body).toBeLessThan(300);
    const vacant = (await api('GET', '/dwellings?occupancy=vacant&limit=1')).json().items[0];
    const let_ = await api('POST', '/rentals', { dwellingId: vacant.id, landlordName: '赵先生', landlordMobile: '13900001111', leaseStart: '2026-11-01', leaseEnd: '2027-10-31' });
    expect(let_.statusCode, let_.body).toBe(201);
    const grid = (await rows<{ id: number }>(sql`SELECT r.id FROM regions r JOIN users u ON r.path LIKE (SELECT path FROM regions WHERE id = u.scope_region_id) || '%' WHERE u.username = 'sq01' AND r.level = 5 LIMIT 1`))[0];
    const place = await api('POST', '/places', { regionId: grid.id, name: '计数测试便利店', kind: 'shop', address: '测试路1号' });
    expect(place.statusCode, place.body).toBe(201);
    expect(Object.fromEntries(await stored())).toEqual(Object.fromEntries(await recount()));
  });
});
