// Fixtures for housing in one community, created through the API (as the given session) so scope
// probes have real rows to aim at: an estate, a building with a dwelling, a running lease with its
// posting code, and a tenant living there (written directly: the tenant's name must never show on
// the public posting).
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TestApp } from './app.ts';

type Ref = { id: number; version: number };
export interface HousingFixtures {
  estate: Ref & { name: string };
  building: Ref & { number: string };
  dwelling: Ref;
  rental: Ref & { postingCode: string; landlordMobile: string; landlordName: string };
  tenantName: string;
}

export async function housingFixtures(t: TestApp, cookie: string, key: 'A' | 'B', where: { communityId: number; gridId: number }): Promise<HousingFixtures> {
  const post = async (url: string, payload: object) => {
    const res = await t.as(cookie, { method: 'POST', url: `/api/v1${url}`, payload });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const estate = await post('/estates', { regionId: where.communityId, name: `范围小区${key}` });
  const building = await post('/buildings', { regionId: where.gridId, estateId: estate.id, number: `${key}1`, floors: 6, unitCount: 2 });
  const dwelling = await post('/dwellings', { buildingId: building.id, unitNumber: 1, floor: 1, number: '101', area: 80 });
  const landlordMobile = key === 'A' ? '13700001111' : '13700002222';
  const landlordName = `欧阳房东${key}`;
  const rental = await post('/rentals', { dwellingId: dwelling.id, landlordName, landlordMobile, leaseStart: '2026-01-01', leaseEnd: '2026-12-31', monthlyRent: 1000 });
  const tenantName = `范围租客${key}`;
  const [d] = ((await t.database.db.execute(sql`SELECT region_id, region_path FROM dwellings WHERE id = ${dwelling.id}`)) as unknown as { rows: { region_id: number; region_path: string }[] }).rows;
  await t.database.db.execute(sql`INSERT INTO residents (region_id, region_path, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked, id_last4, residence_type, dwelling_id, household_role)
    VALUES (${d.region_id}, ${d.region_path}, ${tenantName}, 'female', '1990-01-01', 'x', ${crypto.randomBytes(16).toString('hex')}, '110***********0000', '0000', 'migrant', ${dwelling.id}, 'tenant')`);
  const now = async (url: string) => (await t.as(cookie, { method: 'GET', url: `/api/v1${url}` })).json();
  const dw = await now(`/dwellings/${dwelling.id}`);
  return {
    estate: { id: estate.id, version: estate.version, name: estate.name },
    building: { id: building.id, version: building.version, number: building.number },
    dwelling: { id: dw.id, version: dw.version },
    rental: { id: rental.id, version: rental.version, postingCode: rental.postingCode, landlordMobile, landlordName },
    tenantName,
  };
}
