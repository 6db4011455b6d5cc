// Pools from the database (party.pool.ts): one community's residents, households, buildings,
// estates, registry organizations and patrol cases as the population and case loaders wrote
// them, read community by community so a city of 2.4 million people never sits in memory.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import { findRegionsByCodes } from '../modules/regions/index.ts';
import { WHOLE_SYSTEM } from '../shared/context.ts';
import { scoped } from '../shared/scoped.ts';
import type { DemoCity } from './index.ts';
import { RegionIndex, type CommunityPool } from './party.pool.ts';

export interface RegionRefs {
  byCode: Map<string, { id: number; path: string }>;
  codeOf: Map<number, string>;
}

/** Ids and paths of the loaded demo regions. */
export async function regionRefs(db: Db, city: DemoCity): Promise<RegionRefs> {
  const rows = await findRegionsByCodes(scoped(db, WHOLE_SYSTEM), city.regions.map((r) => r.code));
  return { byCode: new Map(rows.map((r) => [r.code, { id: r.id, path: r.path }])), codeOf: new Map(rows.map((r) => [r.id, r.code])) };
}

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

export async function* poolsFromDb(db: Db, city: DemoCity, refs: RegionRefs, opts: { cases?: boolean } = {}): AsyncGenerator<CommunityPool> {
  const ix = new RegionIndex(city);
  const code = (id: number) => refs.codeOf.get(id) ?? '';
  for (const community of ix.levels(4)) {
    const ref = refs.byCode.get(community.code);
    if (!ref) throw new Error(`demo: community ${community.code} is not loaded`);
    const under = `${ref.path}%`;
    const residents = rowsOf<{ id: number; householdId: number | null; regionId: number; buildingId: number | null; name: string; gender: string; birthDate: string; political: string; employer: string; residenceType: string; seasonal: boolean }>(
      await db.execute(sql`SELECT r.id, r.household_id AS "householdId", r.region_id AS "regionId", d.building_id AS "buildingId", r.name, r.gender,
        to_char(r.birth_date, 'YYYY-MM-DD') AS "birthDate", r.political_status AS political, r.employer, r.residence_type AS "residenceType", r.seasonal
        FROM residents r LEFT JOIN dwellings d ON d.id = r.dwelling_id WHERE r.region_path LIKE ${under} AND r.archived_at IS NULL ORDER BY r.id`),
    );
    const households = rowsOf<{ id: number; regionId: number; headId: number | null; buildingId: number | null }>(
      await db.execute(sql`SELECT h.id, h.region_id AS "regionId", h.head_resident_id AS "headId", d.building_id AS "buildingId"
        FROM households h LEFT JOIN dwellings d ON d.id = h.dwelling_id WHERE h.region_path LIKE ${under} AND h.archived_at IS NULL ORDER BY h.id`),
    );
    const buildings = rowsOf<{ id: number; regionId: number; number: string; estateId: number | null }>(
      await db.execute(sql`SELECT id, region_id AS "regionId", number, estate_id AS "estateId" FROM buildings WHERE region_path LIKE ${under} AND archived_at IS NULL ORDER BY id`),
    );
    const estates = rowsOf<{ id: number; regionId: number; name: string }>(
      await db.execute(sql`SELECT id, region_id AS "regionId", name FROM estates WHERE region_path LIKE ${under} AND archived_at IS NULL ORDER BY id`),
    );
    const organizations = rowsOf<{ id: number; regionId: number; kind: string; name: string }>(
      await db.execute(sql`SELECT id, region_id AS "regionId", kind, name FROM organizations WHERE region_path LIKE ${under} AND archived_at IS NULL ORDER BY id`),
    );
    const cases = opts.cases
      ? rowsOf<{ id: number; regionId: number; at: number | string; title: string }>(
          await db.execute(sql`SELECT id, region_id AS "regionId", (extract(epoch FROM reported_at) * 1000)::float8 AS at, title
            FROM cases WHERE source = 'patrol' AND region_path LIKE ${under} ORDER BY id`),
        )
      : [];
    const gridOf = (id: number) => ix.gridOf(code(id));
    yield {
      communityCode: community.code,
      residents: residents.map((r) => ({
        id: r.id, householdId: r.householdId, regionCode: code(r.regionId), gridCode: gridOf(r.regionId), buildingId: r.buildingId, name: r.name, gender: r.gender === 'female' ? 'female' : 'male',
        birthDate: r.birthDate, political: r.political, employer: r.employer, migrant: r.residenceType !== 'registered', seasonal: r.seasonal,
      })),
      households: households.map((h) => ({ id: h.id, regionCode: code(h.regionId), gridCode: gridOf(h.regionId), buildingId: h.buildingId, headId: h.headId })),
      buildings: buildings.map((b) => ({ id: b.id, regionCode: code(b.regionId), gridCode: gridOf(b.regionId), number: b.number, estateId: b.estateId })),
      estates: estates.map((e) => ({ id: e.id, gridCode: gridOf(e.regionId), name: e.name })),
      organizations: organizations.map((o) => ({ id: o.id, kind: o.kind, name: o.name, regionCode: code(o.regionId) })),
      patrolCases: cases.map((k) => ({ id: k.id, gridCode: gridOf(k.regionId), at: Number(k.at), title: k.title })),
    };
  }
}
