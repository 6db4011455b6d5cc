// Queries behind the party rules' warnings: branches and temporary branches with their numbers,
// grids and estates with no organization attached. All inside the caller's scope and, when given,
// under one region; lists are capped, totals are not.
import { sql, type SQL } from 'drizzle-orm';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { raw } from './orgs.repository.ts';

const under = (col: SQL, regionPath: string | undefined) => (regionPath ? sql`${col} LIKE ${`${escapeLike(regionPath)}%`}` : sql`true`);

export interface BranchCount {
  id: number;
  name: string;
  regionId: number;
  regionName: string;
  members: number;
}

/** Every active branch in scope with its active members, its groups' members included. */
export async function branchSizes(sdb: ScopedDb, regionPath: string | undefined): Promise<BranchCount[]> {
  const rows = await raw<BranchCount>(
    sdb.db,
    sql`WITH RECURSIVE branches AS (
          SELECT o.id, o.name, o.region_id FROM party_orgs o
          WHERE o.kind = 'branch' AND o.archived_at IS NULL AND ${sdb.inScope(sql`o.region_path`)} AND ${under(sql`o.region_path`, regionPath)}
        ), sub(root, id) AS (
          SELECT b.id, b.id FROM branches b
          UNION ALL
          SELECT s.root, c.id FROM party_orgs c JOIN sub s ON c.parent_id = s.id WHERE c.archived_at IS NULL
        ), counts AS (
          SELECT s.root, count(m.id) AS members FROM sub s JOIN party_members m ON m.org_id = s.id AND m.archived_at IS NULL GROUP BY s.root
        )
        SELECT b.id::int AS id, b.name, b.region_id::int AS "regionId", r.name AS "regionName", coalesce(c.members, 0)::int AS members
        FROM branches b JOIN regions r ON r.id = b.region_id LEFT JOIN counts c ON c.root = b.id
        ORDER BY members DESC, b.id`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), regionId: Number(r.regionId), members: Number(r.members) }));
}

export interface TemporaryBranch {
  id: number;
  name: string;
  regionId: number;
  regionName: string;
  endOn: string | null;
}

export async function temporaryBranches(sdb: ScopedDb, regionPath: string | undefined): Promise<TemporaryBranch[]> {
  const rows = await raw<TemporaryBranch>(
    sdb.db,
    sql`SELECT o.id::int AS id, o.name, o.region_id::int AS "regionId", r.name AS "regionName", o.end_on::text AS "endOn"
        FROM party_orgs o JOIN regions r ON r.id = o.region_id
        WHERE o.kind = 'temporaryBranch' AND o.archived_at IS NULL AND ${sdb.inScope(sql`o.region_path`)} AND ${under(sql`o.region_path`, regionPath)}
        ORDER BY o.end_on NULLS LAST, o.id`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), regionId: Number(r.regionId) }));
}

export interface Uncovered {
  total: number;
  flagged: number;
  rows: { id: number; name: string; regionId: number | null; regionName: string | null }[];
}

/** Active grids (level 5) in scope, and those with no active organization attached to the grid itself. */
export async function gridsWithoutOrg(sdb: ScopedDb, regionPath: string | undefined, cap: number): Promise<Uncovered> {
  const base = sql`FROM regions g LEFT JOIN regions p ON p.id = g.parent_id WHERE g.level = 5 AND g.archived_at IS NULL AND ${sdb.inScope(sql`g.path`)} AND ${under(sql`g.path`, regionPath)}`;
  const missing = sql`NOT EXISTS (SELECT 1 FROM party_orgs o WHERE o.archived_at IS NULL AND o.attach_kind = 'region' AND o.region_id = g.id)`;
  const [c] = await raw<{ total: number; flagged: number }>(sdb.db, sql`SELECT count(*)::int AS total, count(*) FILTER (WHERE ${missing})::int AS flagged ${base}`);
  const rows = await raw<Uncovered['rows'][number]>(sdb.db, sql`SELECT g.id::int AS id, g.name, p.id::int AS "regionId", p.name AS "regionName" ${base} AND ${missing} ORDER BY g.path LIMIT ${cap}`);
  return { total: Number(c.total), flagged: Number(c.flagged), rows: rows.map((r) => ({ ...r, id: Number(r.id), regionId: r.regionId === null ? null : Number(r.regionId) })) };
}

/** Active estates in scope, and those with no active organization attached to the estate. */
export async function estatesWithoutOrg(sdb: ScopedDb, regionPath: string | undefined, cap: number): Promise<Uncovered> {
  const base = sql`FROM estates e JOIN regions r ON r.id = e.region_id WHERE e.archived_at IS NULL AND ${sdb.inScope(sql`e.region_path`)} AND ${under(sql`e.region_path`, regionPath)}`;
  const missing = sql`NOT EXISTS (SELECT 1 FROM party_orgs o WHERE o.archived_at IS NULL AND o.attach_kind = 'estate' AND o.estate_id = e.id)`;
  const [c] = await raw<{ total: number; flagged: number }>(sdb.db, sql`SELECT count(*)::int AS total, count(*) FILTER (WHERE ${missing})::int AS flagged ${base}`);
  const rows = await raw<Uncovered['rows'][number]>(sdb.db, sql`SELECT e.id::int AS id, e.name, r.id::int AS "regionId", r.name AS "regionName" ${base} AND ${missing} ORDER BY e.region_path, e.id LIMIT ${cap}`);
  return { total: Number(c.total), flagged: Number(c.flagged), rows: rows.map((r) => ({ ...r, id: Number(r.id), regionId: r.regionId === null ? null : Number(r.regionId) })) };
}
