// Fixtures for places, organizations and assets in one community, created through the API (as the
// given session) so scope probes have real rows to aim at; each street write has its own subject.
import { sql } from 'drizzle-orm';
import { creditCheckChar } from '../../src/modules/registry/checks.ts';
import type { TestApp } from './app.ts';

/** A valid unified social credit code (GB 32100) numbered n. */
export function creditCode(n: number): string {
  const first = `91440300${String(n).padStart(9, '0')}`;
  return first + creditCheckChar(first);
}

type Ref = { id: number; version: number };
export interface PlaceFixtures {
  place: Ref & { name: string; mobile: string };
  placePatch: Ref;
  placeArchive: Ref;
  estate: number;
  org: Ref & { name: string };
  orgPatch: Ref;
  orgArchive: Ref;
  asset: Ref & { code: string; lng: number; lat: number };
  assetPatch: Ref;
  assetArchive: Ref;
}

export async function placeFixtures(t: TestApp, cookie: string, key: 'A' | 'B', where: { communityId: number; gridId: number; point: [number, number] }): Promise<PlaceFixtures> {
  const post = async (url: string, payload: object) => {
    const res = await t.as(cookie, { method: 'POST', url: `/api/v1${url}`, payload });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: number; version: number; code?: string };
  };
  const ref = (r: { id: number; version: number }): Ref => ({ id: r.id, version: r.version });
  const n = key === 'A' ? 10 : 20;
  const mobile = key === 'A' ? '13711110001' : '13722220002';
  const name = `场所${key}`;
  const place = await post('/places', { regionId: where.gridId, name, kind: 'shop', creditCode: creditCode(n), contactMobile: mobile });
  const placePatch = await post('/places', { regionId: where.gridId, name: `待改场所${key}`, kind: 'restaurant' });
  const placeArchive = await post('/places', { regionId: where.gridId, name: `待注销场所${key}`, kind: 'hotel' });
  const g = ((await t.database.db.execute(sql`SELECT id, path FROM regions WHERE id = ${where.gridId}`)) as unknown as { rows: { id: number; path: string }[] }).rows[0];
  const estate = ((await t.database.db.execute(sql`INSERT INTO estates (region_id, region_path, name) VALUES (${g.id}, ${g.path}, ${`组织小区${key}`}) RETURNING id`)) as unknown as { rows: { id: number }[] }).rows[0].id;
  const orgName = `志愿队${key}`;
  const org = await post('/organizations', { regionId: where.communityId, kind: 'communityTeam', subkind: 'volunteer', name: orgName });
  const orgPatch = await post('/organizations', { regionId: where.gridId, kind: 'ownersCommittee', name: `业委会${key}`, estateId: Number(estate) });
  const orgArchive = await post('/organizations', { regionId: where.communityId, kind: 'propertyCompany', name: `物业${key}` });
  const [lng, lat] = where.point;
  const asset = await post('/assets', { category: '01', subcategory: '01', name: `井盖${key}`, lng, lat });
  const assetPatch = await post('/assets', { category: '02', subcategory: '03', name: `路灯${key}`, lng, lat });
  const assetArchive = await post('/assets', { category: '03', subcategory: '01', name: `垃圾桶${key}`, lng, lat });
  return {
    place: { ...ref(place), name, mobile },
    placePatch: ref(placePatch),
    placeArchive: ref(placeArchive),
    estate: Number(estate),
    org: { ...ref(org), name: orgName },
    orgPatch: ref(orgPatch),
    orgArchive: ref(orgArchive),
    asset: { ...ref(asset), code: asset.code!, lng, lat },
    assetPatch: ref(assetPatch),
    assetArchive: ref(assetArchive),
  };
}
