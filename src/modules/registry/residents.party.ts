// What the party module needs of the registry: the resident a party member is linked to (in the
// caller's scope, with what a member record copies from it), keeping that resident's political
// status in step with the membership, and the party share of owners' committees (红色业委会).
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { escapeLike, scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { partyLedOf } from './organizations.model.ts';
import { organizations } from './people.tables.ts';
import * as repo from './residents.repository.ts';
import { loadResident } from './residents.service.ts';
import type { PoliticalStatus } from './residents.model.ts';

export interface ResidentForParty {
  id: number;
  name: string;
  gender: string;
  birthDate: string;
  regionId: number;
  regionPath: string;
  politicalStatus: string;
  archived: boolean;
}

/** A resident the caller may see (SCOPE_DENIED outside the scope, REGISTRY_NOT_FOUND when absent). */
export async function residentForParty(sdb: ScopedDb, id: number): Promise<ResidentForParty> {
  const r = await loadResident(sdb, id);
  return { id: r.id, name: r.name, gender: r.gender, birthDate: r.birthDate, regionId: r.regionId, regionPath: r.regionPath, politicalStatus: r.politicalStatus, archived: r.archivedAt !== null };
}

/**
 * Sets a resident's political status (中共党员 / 中共预备党员) when a party member is linked to them
 * or their standing changes; in the caller's transaction, audited. No change, no write.
 */
export async function setResidentPoliticalStatus(tx: DbOrTx, ctx: RequestContext, residentId: number, status: Extract<PoliticalStatus, 'partyMember' | 'probationaryMember'>): Promise<boolean> {
  const before = await repo.findResident(scoped(tx, ctx.actor.scope), residentId);
  if (!before || before.politicalStatus === status) return false;
  // No version check: the party record, not a form the user holds, decides this one field.
  await tx.execute(sql`UPDATE residents SET political_status = ${status}, version = version + 1, updated_at = now() WHERE id = ${residentId}`);
  await recordAudit(tx, ctx, {
    action: 'resident.politicalStatus',
    entityType: 'resident',
    entityId: residentId,
    regionPath: before.regionPath,
    before: { politicalStatus: before.politicalStatus },
    after: { politicalStatus: status, reason: 'partyMember' },
  });
  return true;
}

export interface OwnersCommitteeShare {
  id: number;
  name: string;
  regionId: number;
  regionName: string;
  regionPath: string;
  estateId: number | null;
  /** Members whose resident record is active. */
  members: number;
  /** Of those, party members (正式或预备党员 by political status). */
  partyMembers: number;
  partyLed: boolean;
}

/** Active owners' committees in scope (under `regionPath` when given) with their party share. */
// Subqueries name the outer columns in full: drizzle leaves a single table's columns unqualified,
// and inside a subquery an unqualified "id" would bind to the inner table.
export async function ownersCommitteeShares(sdb: ScopedDb, regionPath?: string): Promise<OwnersCommitteeShare[]> {
  const rows = await sdb.db
    .select({
      id: organizations.id,
      name: organizations.name,
      regionId: organizations.regionId,
      regionName: sql<string>`(SELECT g.name FROM regions g WHERE g.id = "organizations"."region_id")`,
      regionPath: organizations.regionPath,
      estateId: organizations.estateId,
      members: sql<number>`(SELECT count(*)::int FROM organization_members m JOIN residents r ON r.id = m.resident_id WHERE m.organization_id = "organizations"."id" AND r.archived_at IS NULL)`,
      partyMembers: sql<number>`(SELECT count(*)::int FROM organization_members m JOIN residents r ON r.id = m.resident_id WHERE m.organization_id = "organizations"."id" AND r.archived_at IS NULL AND r.political_status IN ('partyMember', 'probationaryMember'))`,
    })
    .from(organizations)
    .where(
      and(
        eq(organizations.kind, 'ownersCommittee'),
        isNull(organizations.archivedAt),
        sdb.inScope(organizations.regionPath),
        regionPath ? sql`${organizations.regionPath} LIKE ${`${escapeLike(regionPath)}%`}` : sql`true`,
      ),
    )
    .orderBy(organizations.id);
  return rows.map((r) => ({ ...r, members: Number(r.members), partyMembers: Number(r.partyMembers), partyLed: partyLedOf('ownersCommittee', Number(r.partyMembers), Number(r.members)) === true }));
}
