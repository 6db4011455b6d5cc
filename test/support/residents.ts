// Test helpers for the resident registry: valid synthetic ID numbers and a dwelling to live in
// (written straight to the tables, so resident tests do not depend on the housing endpoints).
import { sql } from 'drizzle-orm';
import { idCheckDigit } from '../../src/modules/registry/checks.ts';
import type { TestApp } from './app.ts';

/** A valid 18-character ID number: region 440305, birth date, 3-digit sequence (odd = male). */
export function idNumber(birth: string, seq: number, prefix = '440305'): string {
  const first17 = `${prefix}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

async function rows<T>(t: TestApp, q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

export async function regionOf(t: TestApp, id: number): Promise<{ id: number; code: string; path: string; level: number; name: string }> {
  return (await rows<{ id: number; code: string; path: string; level: number; name: string }>(t, sql`SELECT id, code, path, level, name FROM regions WHERE id = ${id}`))[0];
}

/** The first grid of a community and the first micro-grid of that grid. */
export async function gridsOf(t: TestApp, communityId: number): Promise<{ grid: number; micro: number; otherMicro: number }> {
  const [g] = await rows<{ id: number }>(t, sql`SELECT id FROM regions WHERE parent_id = ${communityId} AND archived_at IS NULL AND EXISTS (SELECT 1 FROM regions c WHERE c.parent_id = regions.id) ORDER BY code LIMIT 1`);
  const micros = await rows<{ id: number }>(t, sql`SELECT id FROM regions WHERE parent_id = ${g.id} AND archived_at IS NULL ORDER BY code LIMIT 2`);
  return { grid: g.id, micro: micros[0].id, otherMicro: (micros[1] ?? micros[0]).id };
}

/** An estate, a building and `rooms` dwellings in unit 1 of a grid or micro-grid; returns dwelling ids. */
export async function makeDwellings(t: TestApp, regionId: number, opts: { estate: string; building: string; address: string; rooms: string[] }): Promise<{ estateId: number; buildingId: number; dwellings: number[] }> {
  const r = await regionOf(t, regionId);
  const [e] = await rows<{ id: number }>(t, sql`INSERT INTO estates (region_id, region_path, name) VALUES (${r.id}, ${r.path}, ${opts.estate}) RETURNING id`);
  const [b] = await rows<{ id: number }>(t, sql`INSERT INTO buildings (region_id, region_path, estate_id, number, address, floors) VALUES (${r.id}, ${r.path}, ${e.id}, ${opts.building}, ${opts.address}, 6) RETURNING id`);
  const ids: number[] = [];
  for (const room of opts.rooms) {
    const [d] = await rows<{ id: number }>(t, sql`INSERT INTO dwellings (region_id, region_path, building_id, unit_number, floor, number, occupancy) VALUES (${r.id}, ${r.path}, ${b.id}, 1, ${Number(room.slice(0, 1)) || 1}, ${room}, 'owner') RETURNING id`);
    ids.push(Number(d.id));
  }
  return { estateId: Number(e.id), buildingId: Number(b.id), dwellings: ids };
}

export interface ResidentFixtures {
  /** Head of `household`, the target of cross-community probes; never changed. */
  main: { id: number; name: string; idNumber: string; mobile: string; version: number };
  household: { id: number; version: number };
  /** Second member of `household`: the street makes them head. */
  member: { id: number };
  patch: { id: number; version: number };
  move: { id: number; version: number };
  archive: { id: number; version: number };
  archived: { id: number; version: number };
  seasonal: { id: number };
}

/** Residents of one community for scope probes, each street write with its own subject. */
export async function residentFixtures(t: TestApp, cookie: string, key: 'A' | 'B', microId: number): Promise<ResidentFixtures> {
  const base = key === 'A' ? 100 : 200;
  const names = key === 'A' ? ['甲一', '甲二', '甲三', '甲四', '甲五', '甲六', '甲七'] : ['乙一', '乙二', '乙三', '乙四', '乙五', '乙六', '乙七'];
  const post = async (url: string, payload: object) => {
    const res = await t.as(cookie, { method: 'POST', url: `/api/v1${url}`, payload });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const make = (i: number, over: object = {}) =>
    post('/residents', { name: names[i], ethnicity: '汉族', idNumber: idNumber('1980-01-01', base + i), residenceType: 'registered', householdRole: 'other', regionId: microId, ...over });
  const mobile = key === 'A' ? '13811110001' : '13822220002';
  const main = await make(0, { householdRole: 'head', mobile, tags: ['disabled'] });
  const member = await make(1, { householdRole: 'spouse', householdId: main.householdId });
  const patch = await make(2);
  const move = await make(3, { householdRole: 'head' });
  const archive = await make(4);
  const toArchive = await make(5);
  const archived = await post(`/residents/${toArchive.id}/archive`, { leftReason: 'movedOut', on: '2024-01-01', version: toArchive.version });
  const seasonal = await make(6, { seasonal: true });
  const hh = (await t.as(cookie, { method: 'GET', url: `/api/v1/households/${main.householdId}` })).json();
  return {
    main: { id: main.id, name: names[0], idNumber: idNumber('1980-01-01', base), mobile, version: main.version },
    household: { id: hh.id, version: hh.version },
    member: { id: member.id },
    patch: { id: patch.id, version: patch.version },
    move: { id: move.id, version: move.version },
    archive: { id: archive.id, version: archive.version },
    archived: { id: archived.id, version: archived.version },
    seasonal: { id: seasonal.id },
  };
}
