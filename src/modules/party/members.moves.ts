// Membership moves (组织关系转接) keep history: a transfer closes the current row of
// party_memberships on its date and opens one in the new organization; archiving (transferred out
// of the area, deceased, other) closes it for good. Posts (书记、委员 …) the member can no longer
// hold go with the move. A member's political status in the registry is left as it is: a member
// transferred out is still a party member, elsewhere. An archived member's dual registration ends
// on the same day.
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { scoped } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './members.repository.ts';
import { auditSafe, getPartyMember, invalidMember, loadMember } from './members.service.ts';
import type { PartyMemberDetail } from './members.views.ts';
import * as orgRepo from './orgs.repository.ts';
import { isDay, todayShanghai } from './orgs.rules.ts';
import { loadActiveOrg } from './orgs.service.ts';
import { partyArchived, partyConflict } from './party.common.ts';
import { LEFT_REASONS } from './party.model.ts';
import { endRegistrationOf } from './registrations.service.ts';

/** A move's date: a real day, not in the future, not before the current stay began. */
function checkOn(on: string, since: string | undefined): void {
  if (!isDay(on)) throw invalidMember('on', '应为有效日期 YYYY-MM-DD', 'a real date, YYYY-MM-DD');
  if (on > todayShanghai()) throw invalidMember('on', '不能晚于今天', 'cannot be in the future');
  if (since && on < since) throw invalidMember('on', `不能早于进入现组织的日期 ${since}`, `cannot be before the current stay began (${since})`);
}

export interface TransferBody {
  version: number;
  orgId: number;
  on: string;
  reason: string;
}

export async function transferPartyMember(db: Db, ctx: RequestContext, id: number, body: TransferBody): Promise<PartyMemberDetail> {
  assertPermission(ctx, 'party.write');
  const reason = body.reason.trim();
  if (!reason) throw invalidMember('reason', '必填', 'required');
  await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const before = await loadMember(sdb, id);
    if (before.archivedAt) throw partyArchived('partyMember');
    const to = await loadActiveOrg(sdb, body.orgId);
    if (to.id === before.orgId) throw invalidMember('orgId', `已在 ${to.name}`, `already in ${to.name}`);
    const current = await repo.currentMembership(tx, id);
    checkOn(body.on, current?.fromOn);
    // A name-only member is placed by their organization, so they move with it; a resident stays home.
    const where = before.residentId ? { regionId: before.regionId, regionPath: before.regionPath } : { regionId: to.regionId, regionPath: to.regionPath };
    const after = await repo.updateMember(tx, id, body.version, { orgId: to.id, ...where });
    if (!after) throw partyConflict();
    if (current) await repo.closeMembership(tx, current.id, body.on);
    await repo.openMembership(tx, id, to.id, body.on, reason);
    // Posts stay only where the member is still inside the organization's subtree: the new
    // organization and those above it.
    const dropped = await orgRepo.dropPosts(tx, id, await orgRepo.ancestorIds(tx, to.id));
    await recordAudit(tx, ctx, {
      action: 'partyMember.transfer',
      entityType: 'partyMember',
      entityId: id,
      regionPath: after.regionPath,
      before: { orgId: before.orgId, regionPath: before.regionPath },
      after: { orgId: to.id, regionPath: after.regionPath, on: body.on, reason, postsDropped: dropped },
    });
  });
  return getPartyMember(db, ctx, id);
}

export interface MemberArchiveBody {
  version: number;
  reason: keyof typeof LEFT_REASONS;
  on: string;
}

export async function archivePartyMember(db: Db, ctx: RequestContext, id: number, body: MemberArchiveBody): Promise<PartyMemberDetail> {
  assertPermission(ctx, 'party.write');
  if (!(body.reason in LEFT_REASONS)) throw invalidMember('reason', `只能是 ${Object.values(LEFT_REASONS).join('/')}`, `one of ${Object.keys(LEFT_REASONS).join('/')}`);
  await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const before = await loadMember(sdb, id);
    if (before.archivedAt) throw partyArchived('partyMember');
    const current = await repo.currentMembership(tx, id);
    checkOn(body.on, current?.fromOn);
    const after = await repo.updateMember(tx, id, body.version, { archivedAt: new Date(), leftReason: body.reason });
    if (!after) throw partyConflict();
    if (current) await repo.closeMembership(tx, current.id, body.on);
    const dropped = await orgRepo.dropPosts(tx, id, []);
    // No dual registration outlives the member it registered.
    await endRegistrationOf(tx, ctx, { memberId: id }, body.on, `党员出册：${LEFT_REASONS[body.reason]}`);
    await recordAudit(tx, ctx, { action: 'partyMember.archive', entityType: 'partyMember', entityId: id, regionPath: after.regionPath, before: auditSafe(before), after: { ...auditSafe(after), on: body.on, postsDropped: dropped } });
  });
  return getPartyMember(db, ctx, id);
}
