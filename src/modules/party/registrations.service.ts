// Dual registration (双报到): a resident institution's party organization registers at a community,
// an in-service member at the community where they live. One active registration per organization
// and per member; deregistering keeps the row (day and reason) and allows a new registration from
// that day on. A registration lies at its community: that is where it is seen and changed.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { loadInScope } from '../regions/index.ts';
import { MEMBER_KINDS, PARTY_ENTITIES, type MemberKind } from './party.model.ts';
import { loadPartyScoped, partyArchived, partyConflict, partyInvalid } from './party.common.ts';
import { isDay, REGISTRATION_FIELDS as F, REGISTRATION_KINDS, shanghaiToday, type RegistrationKind } from './registrations.model.ts';
import { toPledgeView, toPostView, toServiceView } from './registrations.present.ts';
import * as repo from './registrations.repository.ts';
import type { RegistrationDetail, RegistrationInput, RegistrationView } from './registrations.views.ts';

export function toRegistrationView(r: repo.RegistrationRow): RegistrationView {
  return {
    id: r.id,
    kind: r.kind as RegistrationKind,
    kindLabel: REGISTRATION_KINDS[r.kind as RegistrationKind] ?? r.kind,
    org: r.partyOrgId ? { id: r.partyOrgId, name: r.orgName ?? '' } : null,
    member: r.memberId ? { id: r.memberId, name: r.memberName ?? '', mobileMasked: r.memberMobileMasked } : null,
    institution: r.institutionId ? { id: r.institutionId, name: r.institutionName ?? '' } : null,
    community: { id: r.regionId, name: r.communityName },
    registeredOn: r.registeredOn,
    deregisteredOn: r.deregisteredOn,
    deregisterReason: r.deregisterReason,
    active: r.deregisteredOn === null,
    posts: r.postCount,
    pledges: r.pledges,
    serviceHours: r.serviceHours,
    version: r.version,
  };
}

export interface RegistrationQuery {
  communityId?: number;
  institutionId?: number;
  partyOrgId?: number;
  memberId?: number;
  kind?: RegistrationKind;
  active?: boolean;
  q?: string;
  limit?: number;
  offset?: number;
}

export async function listRegistrations(db: Db, ctx: RequestContext, q: RegistrationQuery): Promise<{ items: RegistrationView[]; total: number }> {
  const sdb = scoped(db, ctx.actor.scope);
  const communityPath = q.communityId ? (await loadInScope(sdb, q.communityId)).path : undefined;
  const { rows, total } = await repo.listRegistrations(
    sdb,
    { communityPath, institutionId: q.institutionId, partyOrgId: q.partyOrgId, memberId: q.memberId, kind: q.kind, active: q.active, q: q.q?.trim() || undefined },
    q.limit ?? 50,
    q.offset ?? 0,
  );
  return { items: rows.map(toRegistrationView), total };
}

export const loadRegistration = (sdb: ScopedDb, id: number) =>
  loadPartyScoped('dualRegistration', () => repo.findRegistration(sdb, id), () => repo.unscopedRegistrationExists(sdb.db, id));

export async function getRegistration(db: Db, ctx: RequestContext, id: number): Promise<RegistrationDetail> {
  const sdb = scoped(db, ctx.actor.scope);
  const r = await loadRegistration(sdb, id);
  const [posts, pledges, services, history] = [await repo.postsOf(db, id), await repo.pledgesOf(db, id), await repo.servicesOf(db, id), await repo.historyOf(sdb, subjectOf(r))];
  const today = shanghaiToday();
  const { posts: postCount, pledges: pledgeCounts, ...view } = toRegistrationView(r);
  return {
    ...view,
    postCount,
    pledgeCounts,
    posts: posts.map(toPostView),
    pledges: pledges.map((p) => toPledgeView(p, today)),
    services: services.map(toServiceView),
    history: history.map((h) => ({ id: h.id, community: { id: h.regionId, name: h.communityName }, registeredOn: h.registeredOn, deregisteredOn: h.deregisteredOn, deregisterReason: h.deregisterReason })),
  };
}

const subjectOf = (r: { partyOrgId: number | null; memberId: number | null }): repo.Subject => (r.partyOrgId ? { partyOrgId: r.partyOrgId } : { memberId: r.memberId! });

const refused = (reason: Bilingual) => new AppError('PARTY_REGISTRATION_REFUSED', { reason });

/** The organization or member to register, checked against the rules; returns what the row records. */
async function registrant(sdb: ScopedDb, input: RegistrationInput, community: { name: string; path: string }): Promise<{ subject: repo.Subject; name: string; institutionId: number | null }> {
  if (input.kind === 'organization') {
    if (!input.partyOrgId || input.memberId) throw partyInvalid(F.partyOrgId, { zh: '单位党组织报到须指定党组织（不填党员）', en: 'an organization registration names the organization (and no member)' });
    const id = input.partyOrgId;
    const o = await loadPartyScoped('partyOrg', () => repo.findOrg(sdb, id), () => repo.unscopedOrgExists(sdb.db, id));
    if (o.archivedAt) throw partyArchived('partyOrg');
    if (o.attachKind !== 'institution' || !o.institutionId) {
      throw refused({ zh: `${o.name}不是驻区单位的党组织：双报到由机关企事业单位党组织到社区报到`, en: `${o.name} is not the organization of a resident institution` });
    }
    return { subject: { partyOrgId: o.id }, name: o.name, institutionId: o.institutionId };
  }
  if (!input.memberId || input.partyOrgId) throw partyInvalid(F.memberId, { zh: '党员报到须指定党员（不填党组织）', en: 'a member registration names the member (and no organization)' });
  const id = input.memberId;
  const m = await loadPartyScoped('partyMember', () => repo.findMember(sdb, id), () => repo.unscopedMemberExists(sdb.db, id));
  if (m.archivedAt) throw partyArchived('partyMember');
  if (m.kind !== 'inService') {
    const label = MEMBER_KINDS[m.kind as MemberKind] ?? m.kind;
    throw refused({ zh: `${m.name}是${label}：只有在职党员到居住地社区报到`, en: `${m.name} is a ${m.kind} member: only in-service members register` });
  }
  if (!m.regionPath.startsWith(community.path)) {
    throw refused({ zh: `${m.name}居住在${m.regionName}，不在${community.name}：在职党员到居住地社区报到`, en: `${m.name} lives in ${m.regionName}, not in ${community.name}: members register where they live` });
  }
  return { subject: { memberId: m.id }, name: m.name, institutionId: m.institutionId };
}

async function refuseDuplicate(db: DbOrTx, subject: repo.Subject, name: string): Promise<never> {
  const { active } = await repo.standingOf(db, subject);
  const where = active ? { zh: `${name}已于 ${active.registeredOn} 在${active.communityName}报到`, en: `${name} is registered at ${active.communityName} since ${active.registeredOn}` } : { zh: name, en: name };
  throw new AppError('PARTY_DUPLICATE', { entity: PARTY_ENTITIES.dualRegistration, key: where });
}

export async function register(db: Db, ctx: RequestContext, input: RegistrationInput): Promise<RegistrationDetail> {
  assertPermission(ctx, 'party.write');
  const today = shanghaiToday();
  const registeredOn = input.registeredOn ?? today;
  if (!isDay(registeredOn)) throw partyInvalid(F.registeredOn, { zh: `${registeredOn} 不是有效日期`, en: `${registeredOn} is not a calendar day` });
  if (registeredOn > today) throw partyInvalid(F.registeredOn, { zh: `${registeredOn} 晚于今天`, en: `${registeredOn} is in the future` });
  const sdb = scoped(db, ctx.actor.scope);
  const community = await loadInScope(sdb, input.communityId);
  if (community.level !== 4) throw partyInvalid(F.communityId, { zh: `${community.name}不是社区（村）：报到在社区进行`, en: `${community.name} is not a community` });
  if (community.archivedAt) throw new AppError('REGION_ARCHIVED');
  const who = await registrant(sdb, input, community);
  let id: number;
  try {
    id = await db.transaction(async (tx) => {
      // One at a time per organization or member: the duplicate check and the insert must agree.
      await repo.lockSubject(tx, who.subject);
      const standing = await repo.standingOf(tx, who.subject);
      if (standing.active) await refuseDuplicate(tx, who.subject, who.name);
      if (standing.lastEndedOn && registeredOn < standing.lastEndedOn) {
        throw refused({ zh: `报到日期 ${registeredOn} 早于上一次注销日期 ${standing.lastEndedOn}`, en: `${registeredOn} is before the previous registration ended (${standing.lastEndedOn})` });
      }
      const row = await repo.insertRegistration(tx, {
        regionId: community.id,
        regionPath: community.path,
        kind: input.kind,
        partyOrgId: 'partyOrgId' in who.subject ? who.subject.partyOrgId : null,
        memberId: 'memberId' in who.subject ? who.subject.memberId : null,
        institutionId: who.institutionId,
        registeredOn,
      });
      await recordAudit(tx, ctx, { action: 'dualRegistration.create', entityType: 'dualRegistration', entityId: row.id, regionPath: row.regionPath, after: row });
      return row.id;
    });
  } catch (e) {
    if (repo.isUniqueViolation(e)) await refuseDuplicate(db, who.subject, who.name);
    throw e;
  }
  return getRegistration(db, ctx, id);
}

export async function deregister(db: Db, ctx: RequestContext, id: number, input: { on: string; reason: string; version?: number }): Promise<RegistrationDetail> {
  assertPermission(ctx, 'party.write');
  const reason = input.reason.trim();
  if (!reason) throw partyInvalid(F.reason, { zh: '必填', en: 'required' });
  if (!isDay(input.on)) throw partyInvalid(F.on, { zh: `${input.on} 不是有效日期`, en: `${input.on} is not a calendar day` });
  const today = shanghaiToday();
  await db.transaction(async (tx) => {
    const before = await loadRegistration(scoped(tx, ctx.actor.scope), id);
    if (before.deregisteredOn) throw new AppError('PARTY_REGISTRATION_ENDED', { on: before.deregisteredOn, action: { zh: '注销', en: 'deregister it' } });
    if (input.on < before.registeredOn) throw partyInvalid(F.on, { zh: `${input.on} 早于报到日期 ${before.registeredOn}`, en: `${input.on} is before the registration (${before.registeredOn})` });
    if (input.on > today) throw partyInvalid(F.on, { zh: `${input.on} 晚于今天`, en: `${input.on} is in the future` });
    const after = await repo.updateRegistration(tx, id, input.version ?? before.version, { deregisteredOn: input.on, deregisterReason: reason });
    if (!after) throw partyConflict();
    await recordAudit(tx, ctx, { action: 'dualRegistration.deregister', entityType: 'dualRegistration', entityId: id, regionPath: before.regionPath, before, after });
  });
  return getRegistration(db, ctx, id);
}

/**
 * Ends the active registration of an organization or member, inside the caller's transaction: for
 * the organizations area when a member is archived (transferred out, deceased) or an organization
 * dissolved, so no registration outlives what it registered. Returns the ended registration's id.
 */
export async function endRegistrationOf(tx: DbOrTx, ctx: RequestContext, subject: { partyOrgId: number } | { memberId: number }, on: string, reason: string): Promise<number | null> {
  await repo.lockSubject(tx, subject);
  const { active } = await repo.standingOf(tx, subject);
  if (!active) return null;
  const before = await repo.findRegistration(scoped(tx, { regionId: null, path: '/' }), active.id);
  if (!before) return null;
  // A registration cannot end before it began.
  const end = on < before.registeredOn ? before.registeredOn : on;
  const after = await repo.updateRegistration(tx, before.id, before.version, { deregisteredOn: end, deregisterReason: reason });
  if (!after) throw partyConflict();
  await recordAudit(tx, ctx, { action: 'dualRegistration.deregister', entityType: 'dualRegistration', entityId: before.id, regionPath: before.regionPath, before, after });
  return before.id;
}
