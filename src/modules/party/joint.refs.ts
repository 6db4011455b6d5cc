// Queries for the rows joint committees, partnerships and leader contacts point at: party
// organizations (this module's table) and registry organizations (resident institutions,
// enterprises). The registry exports no finder for organizations by id with kind and placement, so
// they are read from its table here, scoped like every registry read and never written.
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { organizations } from '../registry/people.tables.ts';
import { regions } from '../regions/regions.tables.ts';
import { partyOrgs } from './party.tables.ts';

const orgCols = {
  id: partyOrgs.id,
  name: partyOrgs.name,
  kind: partyOrgs.kind,
  joint: partyOrgs.joint,
  attachKind: partyOrgs.attachKind,
  institutionId: partyOrgs.institutionId,
  regionId: partyOrgs.regionId,
  regionPath: partyOrgs.regionPath,
  archivedAt: partyOrgs.archivedAt,
};
export interface OrgRef {
  id: number;
  name: string;
  kind: string;
  joint: boolean;
  attachKind: string;
  institutionId: number | null;
  regionId: number;
  regionPath: string;
  archivedAt: Date | null;
}

export async function findOrg(sdb: ScopedDb, id: number): Promise<OrgRef | undefined> {
  const [r] = await sdb.db.select(orgCols).from(partyOrgs).where(and(eq(partyOrgs.id, id), sdb.inScope(partyOrgs.regionPath)));
  return r;
}

export async function unscopedOrgExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: partyOrgs.id }).from(partyOrgs).where(eq(partyOrgs.id, id));
  return !!r;
}

/** Names of party organizations (for rows already in the caller's scope). */
export async function orgNames(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: partyOrgs.id, name: partyOrgs.name }).from(partyOrgs).where(inArray(partyOrgs.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface OrganizationRef {
  id: number;
  name: string;
  kind: string;
  subkind: string | null;
  regionId: number;
  regionPath: string;
  archivedAt: Date | null;
}

export async function findOrganization(sdb: ScopedDb, id: number): Promise<OrganizationRef | undefined> {
  const [r] = await sdb.db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, subkind: organizations.subkind, regionId: organizations.regionId, regionPath: organizations.regionPath, archivedAt: organizations.archivedAt })
    .from(organizations)
    .where(and(eq(organizations.id, id), sdb.inScope(organizations.regionPath)));
  return r;
}

export async function unscopedOrganizationExists(db: DbOrTx, id: number): Promise<boolean> {
  const [r] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id));
  return !!r;
}

export async function organizationNames(db: DbOrTx, ids: number[]): Promise<Map<number, { name: string; kind: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: organizations.id, name: organizations.name, kind: organizations.kind }).from(organizations).where(inArray(organizations.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, kind: r.kind }]));
}

export async function regionNames(db: DbOrTx, ids: number[]): Promise<Map<number, { name: string; level: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: regions.id, name: regions.name, level: regions.level }).from(regions).where(inArray(regions.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, { name: r.name, level: r.level }]));
}
