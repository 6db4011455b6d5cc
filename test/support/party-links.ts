// Fixtures for household links, joint committees, partnerships and leader contacts, written
// straight to the tables: households in bulk (the link ranges need 29–51 of them), residents
// heading them, party organizations and members, resident institutions.
import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { TestApp } from './app.ts';

export async function sqlRows<T>(t: TestApp, q: SQL): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

async function region(t: TestApp, id: number) {
  return (await sqlRows<{ id: number; path: string }>(t, sql`SELECT id, path FROM regions WHERE id = ${id}`))[0];
}

let seq = 0;

/** `n` active households in a region (optionally in a dwelling), numbered uniquely; returns their ids. */
export async function makeHouseholds(t: TestApp, regionId: number, n: number, dwellingId: number | null = null): Promise<number[]> {
  const r = await region(t, regionId);
  const tag = crypto.randomBytes(3).toString('hex');
  const base = seq;
  seq += n;
  const rows = await sqlRows<{ id: number }>(
    t,
    sql`INSERT INTO households (region_id, region_path, number, dwelling_id)
      SELECT ${r.id}, ${r.path}, ${'LK' + tag + '-'} || lpad((${base} + g)::text, 6, '0'), ${dwellingId}::int FROM generate_series(1, ${n}) g RETURNING id`,
  );
  return rows.map((x) => Number(x.id)).sort((a, b) => a - b);
}

/** A resident living in (and, with `head`, heading) a household. */
export async function makeResident(t: TestApp, householdId: number, name: string, head = true): Promise<number> {
  const [h] = await sqlRows<{ region_id: number; region_path: string; dwelling_id: number | null }>(t, sql`SELECT region_id, region_path, dwelling_id FROM households WHERE id = ${householdId}`);
  const [r] = await sqlRows<{ id: number }>(
    t,
    sql`INSERT INTO residents (region_id, region_path, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked, id_last4, residence_type, dwelling_id, household_id, household_role)
      VALUES (${h.region_id}, ${h.region_path}, ${name}, 'male', '1970-01-01', 'x', ${crypto.randomBytes(16).toString('hex')}, '110***********0000', '0000', 'registered', ${h.dwelling_id}, ${householdId}, ${head ? 'head' : 'other'}) RETURNING id`,
  );
  if (head) await t.database.db.execute(sql`UPDATE households SET head_resident_id = ${r.id} WHERE id = ${householdId}`);
  return Number(r.id);
}

export async function makeOrg(t: TestApp, regionId: number, name: string, opts: { kind?: string; joint?: boolean; institutionId?: number | null } = {}): Promise<number> {
  const r = await region(t, regionId);
  const [o] = await sqlRows<{ id: number }>(
    t,
    sql`INSERT INTO party_orgs (region_id, region_path, kind, name, attach_kind, institution_id, joint)
      VALUES (${r.id}, ${r.path}, ${opts.kind ?? 'branch'}, ${name}, ${opts.institutionId ? 'institution' : 'region'}, ${opts.institutionId ?? null}, ${opts.joint ?? false}) RETURNING id`,
  );
  return Number(o.id);
}

export async function makeMember(t: TestApp, regionId: number, orgId: number, name: string, residentId: number | null = null): Promise<number> {
  const r = await region(t, regionId);
  const [m] = await sqlRows<{ id: number }>(
    t,
    sql`INSERT INTO party_members (region_id, region_path, resident_id, name, gender, kind, org_id) VALUES (${r.id}, ${r.path}, ${residentId}, ${name}, 'male', 'retired', ${orgId}) RETURNING id`,
  );
  return Number(m.id);
}

/** A registry organization (默认驻区单位) in a region. */
export async function makeInstitution(t: TestApp, regionId: number, name: string, kind = 'residentInstitution', subkind: string | null = 'agency'): Promise<number> {
  const r = await region(t, regionId);
  const [o] = await sqlRows<{ id: number }>(t, sql`INSERT INTO organizations (region_id, region_path, kind, subkind, name) VALUES (${r.id}, ${r.path}, ${kind}, ${subkind}, ${name}) RETURNING id`);
  return Number(o.id);
}

/** A building with `floors` × `units` dwellings (rooms 101, 102 … per unit), returning ids by room key 'unit-room'. */
export async function makeBuilding(t: TestApp, regionId: number, number: string, floors: number, units: number): Promise<{ id: number; dwellings: Map<string, number> }> {
  const r = await region(t, regionId);
  const [b] = await sqlRows<{ id: number }>(t, sql`INSERT INTO buildings (region_id, region_path, number, floors, unit_count) VALUES (${r.id}, ${r.path}, ${number}, ${floors}, ${units}) RETURNING id`);
  const dwellings = new Map<string, number>();
  for (let u = 1; u <= units; u++) {
    for (let f = 1; f <= floors; f++) {
      const room = `${f}0${u}`;
      const [d] = await sqlRows<{ id: number }>(t, sql`INSERT INTO dwellings (region_id, region_path, building_id, unit_number, floor, number, occupancy) VALUES (${r.id}, ${r.path}, ${b.id}, ${u}, ${f}, ${room}, 'owner') RETURNING id`);
      dwellings.set(`${u}-${room}`, Number(d.id));
    }
  }
  return { id: Number(b.id), dwellings };
}
