// The bulk writer's queries: a handful of set-based statements per batch (arrays as single
// parameters through unnest, so a batch is one statement whatever its size and both engines
// plan it the same way), and new residents by COPY on the batch's connection (src/db/copy.ts).
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { pgArrayLiteral } from '../../shared/sql-array.ts';
import { copyInto, CopyRows, type CopyValue } from '../../db/copy.ts';

/** One column of a batch as a single parameter: an array literal we build (see sql-array.ts). */
const p = (v: readonly (string | number | boolean | null)[]) => sql.param(pgArrayLiteral(v));
const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

export interface ExistingResident {
  id: number;
  regionId: number;
  regionPath: string;
  archivedAt: string | null;
  name: string;
  namePinyin: string;
  nameInitials: string;
  gender: string;
  ethnicity: string;
  birthDate: string;
  idType: string;
  idNumberHash: string;
  mobileHash: string | null;
  residenceType: string;
  dwellingId: number | null;
  householdId: number | null;
  householdRole: string;
  employer: string;
  politicalStatus: string;
  tags: string[];
  seasonal: boolean;
  note: string;
  /** The household this resident heads (active), if any. */
  headOf: number | null;
}

/**
 * Unscoped on purpose: one person, one row, wherever they are registered; the writer refuses to
 * touch a row outside the caller's scope but must know it exists. The household a row heads comes
 * from a correlated subquery (one probe of households_head_uq per row found) rather than a join:
 * with the stale statistics of a table an import is filling, the planner hashed every household
 * for each batch, which made a million-row import quadratic.
 */
export async function residentsByHash(db: DbOrTx, hashes: string[]): Promise<ExistingResident[]> {
  if (hashes.length === 0) return [];
  const res = await db.execute(sql`
    SELECT r.id, r.region_id AS "regionId", r.region_path AS "regionPath", r.archived_at AS "archivedAt", r.name, r.name_pinyin AS "namePinyin",
           r.name_initials AS "nameInitials", r.gender, r.ethnicity, r.birth_date::text AS "birthDate", r.id_type AS "idType",
           r.id_number_hash AS "idNumberHash", r.mobile_hash AS "mobileHash", r.residence_type AS "residenceType", r.dwelling_id AS "dwellingId",
           r.household_id AS "householdId", r.household_role AS "householdRole", r.employer, r.political_status AS "politicalStatus", r.tags,
           r.seasonal, r.note,
           (SELECT h.id FROM households h WHERE h.head_resident_id = r.id AND h.archived_at IS NULL) AS "headOf"
    FROM residents r
    WHERE r.id_number_hash = ANY(${p(hashes)}::text[])`);
  return rowsOf<ExistingResident>(res);
}

/** How many residents are stored (archived included: their hashes are taken too). */
export async function residentCount(db: DbOrTx): Promise<number> {
  const [row] = rowsOf<{ n: number | string }>(await db.execute(sql`SELECT count(*) AS n FROM residents`));
  return Number(row.n);
}

/** Stored ID-number hashes by id, a chunk at a time (keyset: each chunk one index range). */
export async function hashesAfter(db: DbOrTx, afterId: number, limit: number): Promise<{ hashes: string[]; lastId: number }> {
  const res = rowsOf<{ id: number; h: string }>(await db.execute(sql`SELECT id, id_number_hash AS h FROM residents WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`));
  return { hashes: res.map((r) => r.h), lastId: res.length ? res[res.length - 1].id : afterId };
}

export interface GridDwelling {
  gridPath: string;
  id: number;
  regionPath: string;
  estate: string;
  building: string;
  unit: number;
  room: string;
}

/**
 * Every active dwelling under the given grids, in scope. A range on the path's text_pattern_ops
 * index per grid ('/…/' up to '/…0', the character after '/') keeps it an index scan per grid.
 */
export async function dwellingsUnderGrids(sdb: ScopedDb, gridPaths: string[]): Promise<GridDwelling[]> {
  if (gridPaths.length === 0) return [];
  const res = await sdb.db.execute(sql`
    SELECT g.path AS "gridPath", d.id, d.region_path AS "regionPath", coalesce(e.name, '') AS estate, b.number AS building, d.unit_number AS unit, d.number AS room
    FROM unnest(${p(gridPaths)}::text[]) AS g(path)
    JOIN dwellings d ON d.region_path ~>=~ g.path AND d.region_path ~<~ (left(g.path, -1) || '0') AND d.archived_at IS NULL
    JOIN buildings b ON b.id = d.building_id AND b.archived_at IS NULL
    LEFT JOIN estates e ON e.id = b.estate_id
    WHERE ${sdb.inScope(sql`d.region_path`)}`);
  return rowsOf<GridDwelling>(res);
}

/**
 * Ids for the batch's new residents and households from their sequences, in one round trip. The
 * sequences are named literally (serial columns' `<table>_id_seq`): `nextval(pg_get_serial_sequence(…))`
 * looked the sequence up in the catalogue once per row, 7 ms per 2,000 ids against 0.9 ms.
 */
export async function reserveIds(db: DbOrTx, residents: number, households: number): Promise<{ residents: number[]; households: number[] }> {
  if (residents <= 0 && households <= 0) return { residents: [], households: [] };
  const res = await db.execute(sql`SELECT
    ARRAY(SELECT nextval('residents_id_seq')::int FROM generate_series(1, ${residents})) AS r,
    ARRAY(SELECT nextval('households_id_seq')::int FROM generate_series(1, ${households})) AS h`);
  const [row] = rowsOf<{ r: number[]; h: number[] }>(res);
  return { residents: row.r.map(Number), households: row.h.map(Number) };
}

/** One column array per resident field, in the order of RESIDENT_COLUMNS. */
export interface ResidentColumns {
  id: number[];
  regionId: number[];
  regionPath: string[];
  name: string[];
  namePinyin: string[];
  nameInitials: string[];
  gender: string[];
  ethnicity: string[];
  birthDate: string[];
  idType: string[];
  idNumberEnc: (string | null)[];
  idNumberHash: string[];
  idNumberMasked: (string | null)[];
  idLast4: string[];
  mobileEnc: (string | null)[];
  mobileHash: (string | null)[];
  mobileMasked: (string | null)[];
  residenceType: string[];
  dwellingId: (number | null)[];
  householdId: (number | null)[];
  householdRole: string[];
  employer: string[];
  politicalStatus: string[];
  /** Array literals ('{a,b}'), cast to text[] in SQL: unnest would flatten a 2-D array. */
  tags: string[];
  seasonal: boolean[];
  note: string[];
}

export const emptyColumns = (): ResidentColumns => ({
  id: [], regionId: [], regionPath: [], name: [], namePinyin: [], nameInitials: [], gender: [], ethnicity: [], birthDate: [], idType: [],
  idNumberEnc: [], idNumberHash: [], idNumberMasked: [], idLast4: [], mobileEnc: [], mobileHash: [], mobileMasked: [], residenceType: [],
  dwellingId: [], householdId: [], householdRole: [], employer: [], politicalStatus: [], tags: [], seasonal: [], note: [],
});

const unnestColumns = (c: ResidentColumns) => sql`unnest(
  ${p(c.id)}::int[], ${p(c.regionId)}::int[], ${p(c.regionPath)}::text[], ${p(c.name)}::text[], ${p(c.namePinyin)}::text[], ${p(c.nameInitials)}::text[],
  ${p(c.gender)}::text[], ${p(c.ethnicity)}::text[], ${p(c.birthDate)}::date[], ${p(c.idType)}::text[], ${p(c.idNumberEnc)}::text[], ${p(c.idNumberHash)}::text[],
  ${p(c.idNumberMasked)}::text[], ${p(c.idLast4)}::text[], ${p(c.mobileEnc)}::text[], ${p(c.mobileHash)}::text[], ${p(c.mobileMasked)}::text[],
  ${p(c.residenceType)}::text[], ${p(c.dwellingId)}::int[], ${p(c.householdId)}::int[], ${p(c.householdRole)}::text[], ${p(c.employer)}::text[],
  ${p(c.politicalStatus)}::text[], ${p(c.tags)}::text[], ${p(c.seasonal)}::bool[], ${p(c.note)}::text[]
) AS v(id, region_id, region_path, name, name_pinyin, name_initials, gender, ethnicity, birth_date, id_type, id_number_enc, id_number_hash,
       id_number_masked, id_last4, mobile_enc, mobile_hash, mobile_masked, residence_type, dwelling_id, household_id, household_role, employer,
       political_status, tags, seasonal, note)`;

/** The residents table's columns in ResidentColumns order (the COPY of new rows names them). */
const RESIDENT_COLUMNS = [
  'id', 'region_id', 'region_path', 'name', 'name_pinyin', 'name_initials', 'gender', 'ethnicity', 'birth_date', 'id_type', 'id_number_enc',
  'id_number_hash', 'id_number_masked', 'id_last4', 'mobile_enc', 'mobile_hash', 'mobile_masked', 'residence_type', 'dwelling_id', 'household_id',
  'household_role', 'employer', 'political_status', 'tags', 'seasonal', 'note',
] as const;

/**
 * New rows by COPY on the batch's connection (inside its transaction): on the server COPY inserts
 * heap rows in multi-row batches, where INSERT … SELECT FROM unnest inserted them one by one and
 * first parsed 26 array parameters.
 */
export async function insertResidents(db: DbOrTx, c: ResidentColumns): Promise<void> {
  if (c.id.length === 0) return;
  const cols = [c.id, c.regionId, c.regionPath, c.name, c.namePinyin, c.nameInitials, c.gender, c.ethnicity, c.birthDate, c.idType, c.idNumberEnc,
    c.idNumberHash, c.idNumberMasked, c.idLast4, c.mobileEnc, c.mobileHash, c.mobileMasked, c.residenceType, c.dwellingId, c.householdId,
    c.householdRole, c.employer, c.politicalStatus, c.tags, c.seasonal, c.note];
  const rows = new CopyRows('residents', RESIDENT_COLUMNS);
  const line: CopyValue[] = new Array(cols.length);
  for (let i = 0; i < c.id.length; i++) {
    for (let k = 0; k < cols.length; k++) line[k] = cols[k][i];
    rows.add(line);
  }
  await copyInto(db, rows);
}

/**
 * Updates changed rows in one statement. Encrypted columns given as null keep their stored value
 * (the ID number never changes for a row found by its hash; a mobile is re-encrypted only when
 * its hash differs), except the mobile, which may be cleared: `mobileHash` null clears it.
 */
export async function updateResidents(db: DbOrTx, c: ResidentColumns): Promise<void> {
  if (c.id.length === 0) return;
  await db.execute(sql`
    UPDATE residents r SET region_id = v.region_id, region_path = v.region_path, name = v.name, name_pinyin = v.name_pinyin,
      name_initials = v.name_initials, gender = v.gender, ethnicity = v.ethnicity, birth_date = v.birth_date, id_type = v.id_type,
      mobile_enc = CASE WHEN v.mobile_hash IS NULL THEN NULL WHEN v.mobile_hash IS NOT DISTINCT FROM r.mobile_hash THEN r.mobile_enc ELSE v.mobile_enc END,
      mobile_hash = v.mobile_hash,
      mobile_masked = CASE WHEN v.mobile_hash IS NULL THEN NULL WHEN v.mobile_hash IS NOT DISTINCT FROM r.mobile_hash THEN r.mobile_masked ELSE v.mobile_masked END,
      residence_type = v.residence_type, dwelling_id = v.dwelling_id, household_id = v.household_id, household_role = v.household_role,
      employer = v.employer, political_status = v.political_status, tags = v.tags::text[], seasonal = v.seasonal, note = v.note,
      version = r.version + 1, updated_at = now()
    FROM ${unnestColumns(c)}
    WHERE r.id = v.id`);
}

export interface NewHousehold {
  id: number;
  regionId: number;
  regionPath: string;
  number: string;
  dwellingId: number | null;
  headResidentId: number;
}

export async function insertHouseholds(db: DbOrTx, rows: NewHousehold[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    INSERT INTO households (id, region_id, region_path, number, dwelling_id, head_resident_id)
    SELECT * FROM unnest(${p(rows.map((r) => r.id))}::int[], ${p(rows.map((r) => r.regionId))}::int[], ${p(rows.map((r) => r.regionPath))}::text[],
      ${p(rows.map((r) => r.number))}::text[], ${p(rows.map((r) => r.dwellingId))}::int[], ${p(rows.map((r) => r.headResidentId))}::int[])`);
}

export interface HouseholdRef {
  id: number;
  regionPath: string;
  archivedAt: string | null;
}

export async function householdsByIdsUnscoped(db: DbOrTx, ids: number[]): Promise<HouseholdRef[]> {
  if (ids.length === 0) return [];
  const res = await db.execute(sql`SELECT id, region_path AS "regionPath", archived_at AS "archivedAt" FROM households WHERE id = ANY(${p(ids)}::int[])`);
  return rowsOf<HouseholdRef>(res);
}

export interface MoveRow {
  residentId: number;
  fromRegionId: number | null;
  fromDwellingId: number | null;
  fromHouseholdId: number | null;
  toRegionId: number | null;
  toDwellingId: number | null;
  toHouseholdId: number | null;
  byUserId: number | null;
}

export async function insertMoves(db: DbOrTx, rows: MoveRow[], reason: string): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof MoveRow>(k: K) => p(rows.map((r) => r[k]));
  await db.execute(sql`
    INSERT INTO resident_moves (resident_id, from_region_id, from_dwelling_id, from_household_id, to_region_id, to_dwelling_id, to_household_id, kind, moved_on, reason, by_user_id)
    SELECT v.*, 'move', current_date, ${reason}::text, ${rows[0].byUserId}::int
    FROM unnest(${col('residentId')}::int[], ${col('fromRegionId')}::int[], ${col('fromDwellingId')}::int[], ${col('fromHouseholdId')}::int[],
      ${col('toRegionId')}::int[], ${col('toDwellingId')}::int[], ${col('toHouseholdId')}::int[]) AS v`);
}
