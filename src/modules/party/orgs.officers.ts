// Officers of an organization (班子成员): a secretary (at most one), deputy secretaries and
// committee members, replaced as a whole list.
//
// Who may hold a post: an active member of the organization itself or of any organization under
// it. A branch's officers are its members (including those recorded in its groups); a committee's
// or general branch's officers are usually the secretaries of the branches under it, whose
// membership is recorded in those branches, not in the committee. Members elsewhere in the
// caller's scope may not: a post in an organization one does not belong to would be a fiction.
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import * as memberRepo from './members.repository.ts';
import * as repo from './orgs.repository.ts';
import { ORG_FIELDS, todayShanghai } from './orgs.rules.ts';
import { getPartyOrg, loadActiveOrg } from './orgs.service.ts';
import type { PartyOrgDetail } from './orgs.views.ts';
import { partyInvalid, partyNotFound } from './party.common.ts';
import { OFFICER_ROLES, type OfficerRole } from './party.model.ts';

export interface OfficerInput {
  memberId: number;
  role: string;
}

const bad = (zh: string, en: string) => partyInvalid(ORG_FIELDS.officers, { zh, en });

export async function setOfficers(db: Db, ctx: RequestContext, orgId: number, officers: OfficerInput[]): Promise<PartyOrgDetail> {
  assertPermission(ctx, 'party.write');
  const seen = new Set<number>();
  for (const o of officers) {
    if (!(o.role in OFFICER_ROLES)) throw bad(`职务 ${o.role} 不存在`, `no role ${o.role}`);
    if (seen.has(o.memberId)) throw bad(`党员 ${o.memberId} 重复`, `member ${o.memberId} listed twice`);
    seen.add(o.memberId);
  }
  if (officers.filter((o) => o.role === 'secretary').length > 1) throw bad('书记至多一人', 'at most one secretary');
  await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    await repo.lockOrg(tx, orgId);
    const org = await loadActiveOrg(sdb, orgId);
    const ids = [...seen];
    const found = new Map((await memberRepo.membersInScope(sdb, ids)).map((m) => [m.id, m]));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) {
      const anywhere = await memberRepo.unscopedMemberIds(tx, missing);
      throw missing.some((id) => anywhere.has(id)) ? new AppError('SCOPE_DENIED') : partyNotFound('partyMember');
    }
    const subtree = new Set(await repo.subtreeIds(tx, orgId));
    for (const m of found.values()) {
      if (m.archivedAt) throw bad(`${m.name} 已不在册`, `${m.name} is no longer an active member`);
      if (!subtree.has(m.orgId)) throw bad(`${m.name} 不是 ${org.name} 或其下级组织的党员`, `${m.name} is not a member of ${org.name} or of an organization under it`);
    }
    const before = await repo.officersOf(tx, [orgId]);
    // Someone keeping the same post keeps the date they took it.
    const since = new Map(before.map((o) => [`${o.memberId}:${o.role}`, o.fromOn]));
    const today = todayShanghai();
    const rows = officers.map((o) => ({ memberId: o.memberId, role: o.role as OfficerRole, fromOn: since.get(`${o.memberId}:${o.role}`) ?? today }));
    await repo.replaceOfficers(tx, orgId, rows);
    const brief = (list: { memberId: number; role: string }[]) => list.map((o) => ({ memberId: o.memberId, role: o.role }));
    await recordAudit(tx, ctx, { action: 'partyOrg.officers', entityType: 'partyOrg', entityId: orgId, regionPath: org.regionPath, before: { officers: brief(before) }, after: { officers: brief(rows) } });
  });
  return getPartyOrg(db, ctx, orgId);
}
