// Household links (联户), the writes: a party member's household becomes a liaison household
// (党员中心户) under a party group leader (党小组长) and links households of its own community. A
// household is linked to at most one liaison household, and a liaison household is never linked
// to another. Changes in one community run under one lock, so two desks cannot claim one household.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { ENTITY_NAMES } from '../registry/index.ts';
import { getLiaison } from './links.read.ts';
import * as repo from './links.repository.ts';
import type { LiaisonDetail, LiaisonInput } from './links.views.ts';
import { loadPartyScoped, partyArchived, partyConflict, partyInvalid } from './party.common.ts';

const F = {
  member: { zh: '党员', en: 'party member' },
  household: { zh: '户', en: 'household' },
};

const pathIds = (path: string) => path.split('/').filter(Boolean).map(Number);

/** The community part of a region path (root = city, so the community is the fourth id). */
export function communityPrefix(path: string): string {
  const ids = pathIds(path);
  return ids.length <= 4 ? path : `/${ids.slice(0, 4).join('/')}/`;
}
const communityKey = (path: string) => pathIds(communityPrefix(path)).at(-1) ?? 0;

export async function loadLiaison(sdb: ScopedDb, id: number): Promise<repo.LiaisonRow> {
  return loadPartyScoped('liaisonHousehold', () => repo.findLiaison(sdb, id), () => repo.unscopedLiaisonExists(sdb.db, id));
}

async function loadActiveMember(sdb: ScopedDb, id: number): Promise<repo.MemberRef> {
  const m = await loadPartyScoped('partyMember', () => repo.findMember(sdb, id), () => repo.unscopedMemberExists(sdb.db, id));
  if (m.archivedAt) throw partyArchived('partyMember');
  return m;
}

/** Households the caller may touch: every id in scope (SCOPE_DENIED for one outside, not found for none). */
async function loadHouseholds(sdb: ScopedDb, ids: number[]): Promise<repo.HouseholdRef[]> {
  const found = await repo.householdsInScope(sdb, ids);
  if (found.length < ids.length) {
    const seen = new Set(found.map((h) => h.id));
    const missing = ids.filter((id) => !seen.has(id));
    const existing = await repo.existingHouseholdIds(sdb.db, missing);
    if (existing.size > 0) throw new AppError('SCOPE_DENIED');
    throw new AppError('PARTY_NOT_FOUND', { entity: ENTITY_NAMES.household }, { householdIds: missing });
  }
  return found;
}

const linkedError = (c: { liaisonId: number; memberName: string | null; liaisonHouseholdNumber: string }, household: string, visible: boolean) =>
  new AppError('PARTY_HOUSEHOLD_LINKED', { household, liaison: `${c.memberName ?? ''}（${c.liaisonHouseholdNumber}）` }, visible ? { liaisonId: c.liaisonId } : undefined);

export async function createLiaison(db: Db, ctx: RequestContext, input: LiaisonInput): Promise<LiaisonDetail> {
  assertPermission(ctx, 'party.write');
  const id = await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const [h] = await loadHouseholds(sdb, [input.householdId]);
    if (h.archivedAt) throw new AppError('PARTY_ARCHIVED', { entity: ENTITY_NAMES.household });
    await repo.lockCommunityLinks(tx, communityKey(h.regionPath));
    const m = await loadActiveMember(sdb, input.memberId);
    const leaderId = input.leaderMemberId ?? null;
    if (leaderId !== null) await loadActiveMember(sdb, leaderId);
    // 党员中心户 is the member's own household: with a resident record it must be that record's household.
    if (m.residentId !== null && (await repo.residentHouseholdId(tx, m.residentId)) !== h.id) {
      throw partyInvalid(F.member, { zh: `${m.name}不是户 ${h.number} 的成员`, en: `${m.name} does not live in household ${h.number}` });
    }
    if (await repo.activeLiaisonOfHousehold(tx, h.id)) throw new AppError('PARTY_DUPLICATE', { entity: { zh: '党员中心户', en: 'Liaison household' }, key: h.number });
    const byMember = await repo.activeLiaisonOfMember(tx, m.id);
    if (byMember) throw new AppError('PARTY_DUPLICATE', { entity: { zh: '党员中心户', en: 'Liaison household' }, key: m.name }, { liaisonId: byMember.id });
    const [elsewhere] = await repo.linksElsewhere(tx, [h.id], null);
    if (elsewhere) throw linkedError(elsewhere, h.number, true);
    const row = await repo.insertLiaison(tx, { householdId: h.id, memberId: m.id, leaderMemberId: leaderId, regionId: h.regionId, regionPath: h.regionPath });
    await recordAudit(tx, ctx, { action: 'liaisonHousehold.create', entityType: 'liaisonHousehold', entityId: row.id, regionPath: row.regionPath, after: row });
    return row.id;
  });
  return getLiaison(db, ctx, id);
}

export async function updateLiaison(db: Db, ctx: RequestContext, id: number, input: { version: number; leaderMemberId: number | null }): Promise<LiaisonDetail> {
  assertPermission(ctx, 'party.write');
  await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const before = await loadLiaison(sdb, id);
    if (before.archivedAt) throw partyArchived('liaisonHousehold');
    if (input.leaderMemberId !== null) await loadActiveMember(sdb, input.leaderMemberId);
    const after = await repo.updateLiaison(tx, id, input.version, { leaderMemberId: input.leaderMemberId });
    if (!after) throw partyConflict();
    await recordAudit(tx, ctx, { action: 'liaisonHousehold.update', entityType: 'liaisonHousehold', entityId: id, regionPath: after.regionPath, before, after });
  });
  return getLiaison(db, ctx, id);
}

/** Archiving a liaison household ends its links: the households become free to link elsewhere. */
export async function archiveLiaison(db: Db, ctx: RequestContext, id: number, version: number): Promise<LiaisonDetail> {
  assertPermission(ctx, 'party.write');
  await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const before = await loadLiaison(sdb, id);
    if (before.archivedAt) throw partyArchived('liaisonHousehold');
    await repo.lockCommunityLinks(tx, communityKey(before.regionPath));
    const links = await repo.activeLinks(tx, id);
    const after = await repo.updateLiaison(tx, id, version, { archivedAt: new Date() });
    if (!after) throw partyConflict();
    await repo.archiveLinks(tx, id);
    await recordAudit(tx, ctx, {
      action: 'liaisonHousehold.archive',
      entityType: 'liaisonHousehold',
      entityId: id,
      regionPath: before.regionPath,
      before: { ...before, householdIds: links.map((l) => l.householdId) },
      after,
    });
  });
  return getLiaison(db, ctx, id);
}

async function checkAdditions(tx: DbOrTx, sdb: ScopedDb, liaison: repo.LiaisonRow, add: repo.HouseholdRef[]): Promise<void> {
  const community = communityPrefix(liaison.regionPath);
  for (const h of add) {
    if (h.archivedAt) throw new AppError('PARTY_ARCHIVED', { entity: ENTITY_NAMES.household }, { householdId: h.id });
    if (h.id === liaison.householdId) throw partyInvalid(F.household, { zh: '党员中心户不联系自己', en: 'a liaison household does not link itself' });
    if (!h.regionPath.startsWith(community)) throw new AppError('PARTY_LINK_OTHER_COMMUNITY', { household: h.number }, { householdId: h.id });
  }
  const ids = add.map((h) => h.id);
  const number = new Map(add.map((h) => [h.id, h.number]));
  const [liaisonHere] = await repo.liaisonsAmong(tx, ids);
  if (liaisonHere) throw new AppError('PARTY_HOUSEHOLD_IS_LIAISON', { household: number.get(liaisonHere.householdId) }, { householdId: liaisonHere.householdId });
  const clashes = await repo.linksElsewhere(tx, ids, liaison.id);
  if (clashes.length > 0) {
    const first = clashes[0];
    const visible = !!(await repo.findLiaison(sdb, first.liaisonId));
    const err = linkedError(first, number.get(first.householdId) ?? String(first.householdId), visible);
    throw new AppError(err.code, err.params, { liaisonId: visible ? first.liaisonId : undefined, householdIds: clashes.map((c) => c.householdId) });
  }
}

/** Replaces the set of households a liaison household links (PUT): removed links end, new ones start today. */
export async function replaceLinkedHouseholds(db: Db, ctx: RequestContext, id: number, input: { householdIds: number[]; version?: number }): Promise<LiaisonDetail> {
  assertPermission(ctx, 'party.write');
  await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const found = await loadLiaison(sdb, id);
    await repo.lockCommunityLinks(tx, communityKey(found.regionPath));
    // Read again under the lock: an archive or another replace may have just committed.
    const liaison = (await repo.findLiaison(sdb, id))!;
    if (liaison.archivedAt) throw partyArchived('liaisonHousehold');
    if (input.version !== undefined && input.version !== liaison.version) throw partyConflict();
    const wanted = [...new Set(input.householdIds)];
    const current = (await repo.activeLinks(tx, id)).map((l) => l.householdId);
    const add = wanted.filter((h) => !current.includes(h));
    const remove = current.filter((h) => !wanted.includes(h));
    if (add.length === 0 && remove.length === 0) return;
    // Removing is a change to those households too: they must be the caller's to change.
    const touched = await loadHouseholds(sdb, [...add, ...remove]);
    await checkAdditions(tx, sdb, liaison, touched.filter((h) => add.includes(h.id)));
    await repo.archiveLinks(tx, id, remove);
    await repo.insertLinks(tx, id, add);
    const after = await repo.updateLiaison(tx, id, liaison.version, {});
    if (!after) throw partyConflict();
    await recordAudit(tx, ctx, {
      action: 'householdLink.replace',
      entityType: 'liaisonHousehold',
      entityId: id,
      regionPath: liaison.regionPath,
      before: { householdIds: [...current].sort((a, b) => a - b) },
      after: { householdIds: [...wanted].sort((a, b) => a - b), added: add, removed: remove },
    });
  });
  return getLiaison(db, ctx, id);
}
