// Members of an organization: residents the caller may see, each with a role; at most one holds a
// leading role (负责人/主任), and that member becomes the organization's leader.
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { LEADER_ROLES, MEMBER_ROLES, type MemberInput, type MemberRole } from './organizations.model.ts';
import * as repo from './organizations.repository.ts';
import { getOrganization, loadOrg } from './organizations.service.ts';
import type { OrganizationDetailView } from './places.views.ts';
import { ENTITY_NAMES, invalidField, notFound } from './registry.common.ts';

const MEMBERS = { zh: '成员', en: 'members' };

export async function setMembers(db: Db, ctx: RequestContext, id: number, members: MemberInput[]): Promise<OrganizationDetailView> {
  assertPermission(ctx, 'registry.write');
  const seen = new Set<number>();
  for (const m of members) {
    if (!(m.role in MEMBER_ROLES)) throw invalidField(MEMBERS, { zh: `角色 ${m.role} 不存在`, en: `no role ${m.role}` });
    if (seen.has(m.residentId)) throw invalidField(MEMBERS, { zh: `居民 ${m.residentId} 重复`, en: `resident ${m.residentId} listed twice` });
    seen.add(m.residentId);
  }
  const leaders = members.filter((m) => LEADER_ROLES.has(m.role as MemberRole));
  if (leaders.length > 1) throw invalidField(MEMBERS, { zh: '负责人（主任）至多一人', en: 'at most one leader (director)' });
  await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const org = await loadOrg(sdb, id);
    if (org.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.organization });
    const ids = [...seen];
    const found = new Map((await repo.residentsInScope(sdb, ids)).map((r) => [r.id, r]));
    const missing = ids.filter((r) => !found.has(r));
    if (missing.length) {
      const anywhere = await repo.unscopedResidentIds(tx, missing);
      throw missing.some((r) => anywhere.has(r)) ? new AppError('SCOPE_DENIED') : notFound('resident');
    }
    const gone = ids.find((r) => found.get(r)!.archivedAt);
    if (gone) throw new AppError('REGISTRY_ARCHIVED', { entity: { zh: `居民 ${found.get(gone)!.name}`, en: `Resident ${gone}` } });
    const before = await repo.listMembers(tx, id);
    await repo.replaceMembers(tx, id, members.map((m) => ({ residentId: m.residentId, role: m.role, joinedOn: m.joinedOn ?? null })));
    const leader = leaders[0] ? found.get(leaders[0].residentId)! : null;
    // No leader among the members: a leader who was a member is cleared; a free-text one stays.
    const leaderName = leader ? leader.name : org.leaderResidentId ? null : org.leaderName;
    const after = await repo.updateOrg(tx, id, org.version, { leaderResidentId: leader?.id ?? null, leaderName });
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    const brief = (list: { residentId: number; role: string }[]) => list.map((m) => ({ residentId: m.residentId, role: m.role }));
    await recordAudit(tx, ctx, { action: 'organization.members', entityType: 'organization', entityId: id, regionPath: org.regionPath, before: { members: brief(before) }, after: { members: brief(members), leaderResidentId: leader?.id ?? null } });
  });
  return getOrganization(db, ctx, id);
}
