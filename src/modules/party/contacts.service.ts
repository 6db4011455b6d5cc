// Leader contacts (三联系): a leader (a user of the system, or only a name and post) is linked to a
// street, a community or an enterprise for a period, and logs contact visits there. The list shows
// the last visit and how long ago it was, so offices can see who has not been for a while.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { getUser } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadInScope } from '../regions/index.ts';
import * as repo from './contacts.repository.ts';
import type { ContactVisitInput, LeaderContactDetail, LeaderContactInput, LeaderContactView } from './contacts.views.ts';
import { checkDate, FIELDS, loadOrganization, required } from './joint.common.ts';
import * as refs from './joint.refs.ts';
import { daysBetween, isCurrent, todayInChina } from './joint.rules.ts';
import { PARTY_ENTITIES } from './party.model.ts';
import { loadPartyScoped, partyConflict, partyInvalid } from './party.common.ts';

/** Enterprises and institutions a leader may be linked to. */
const CONTACT_ORG_KINDS = ['newOrganization', 'residentInstitution'] as const;

const ended = (c: repo.ContactRow) => new AppError('PARTY_ENDED', { entity: PARTY_ENTITIES.leaderContact, on: c.toOn });

async function present(db: DbOrTx, rows: repo.ContactRow[]): Promise<LeaderContactView[]> {
  const regions = await refs.regionNames(db, rows.map((r) => r.regionId));
  const orgs = await refs.organizationNames(db, rows.flatMap((r) => (r.organizationId ? [r.organizationId] : [])));
  const stats = await repo.visitStats(db, rows.map((r) => r.id));
  const today = todayInChina();
  return rows.map((r) => {
    const last = stats.get(r.id)?.last ?? null;
    const current = isCurrent(r.fromOn, r.toOn, today);
    const since = last ?? r.fromOn;
    return {
      id: r.id,
      leader: { userId: r.leaderUserId, name: r.leaderName, post: r.leaderPost },
      targetKind: r.targetKind as LeaderContactView['targetKind'],
      region: { id: r.regionId, name: regions.get(r.regionId)?.name ?? '', level: regions.get(r.regionId)?.level ?? 0 },
      organization: r.organizationId ? { id: r.organizationId, name: orgs.get(r.organizationId)?.name ?? '', kind: orgs.get(r.organizationId)?.kind ?? '' } : null,
      fromOn: r.fromOn,
      toOn: r.toOn,
      current,
      visitCount: stats.get(r.id)?.count ?? 0,
      lastVisitOn: last,
      daysSinceVisit: current && since <= today ? daysBetween(since, today) : null,
      version: r.version,
    };
  });
}

async function loadContact(sdb: ScopedDb, id: number): Promise<repo.ContactRow> {
  return loadPartyScoped('leaderContact', () => repo.findContact(sdb, id), () => repo.unscopedContactExists(sdb.db, id));
}

async function detail(db: DbOrTx, row: repo.ContactRow): Promise<LeaderContactDetail> {
  const [view] = await present(db, [row]);
  return { ...view, visits: (await repo.visits(db, row.id)).map((v) => ({ id: v.id, visitedOn: v.visitedOn, note: v.note, problems: v.problems })) };
}

/** The target: a street or community in scope, or an enterprise/institution in scope (its region then). */
async function target(sdb: ScopedDb, input: LeaderContactInput): Promise<{ regionId: number; regionPath: string; organizationId: number | null }> {
  if (input.targetKind === 'region') {
    if (input.regionId === undefined) throw partyInvalid(FIELDS.region, { zh: '须指定街道或社区', en: 'a street or community is required' });
    if (input.organizationId) throw partyInvalid(FIELDS.organization, { zh: '联系街道或社区时不填企业', en: 'leave the enterprise empty for a street or community' });
    const r = await loadInScope(sdb, input.regionId);
    if (r.archivedAt) throw new AppError('REGION_ARCHIVED');
    if (r.level !== 3 && r.level !== 4) throw partyInvalid(FIELDS.region, { zh: `${r.name} 不是街道或社区`, en: `${r.name} is not a street or community` });
    return { regionId: r.id, regionPath: r.path, organizationId: null };
  }
  if (!input.organizationId) throw partyInvalid(FIELDS.organization, { zh: '须指定联系的企业', en: 'an enterprise is required' });
  const o = await loadOrganization(sdb, input.organizationId, CONTACT_ORG_KINDS, FIELDS.organization);
  if (input.regionId !== undefined && input.regionId !== o.regionId) throw partyInvalid(FIELDS.region, { zh: '与企业所在区域不一致', en: "does not match the enterprise's region" });
  return { regionId: o.regionId, regionPath: o.regionPath, organizationId: o.id };
}

export async function createContact(db: Db, ctx: RequestContext, input: LeaderContactInput): Promise<LeaderContactDetail> {
  assertPermission(ctx, 'party.write');
  const row = await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const where = await target(sdb, input);
    if (input.leaderUserId) await getUser(tx, ctx, input.leaderUserId);
    const leaderName = required(FIELDS.leader, input.leaderName);
    const fromOn = checkDate(FIELDS.fromOn, input.fromOn);
    await repo.lockTarget(tx, where.regionId, where.organizationId);
    const same = (await repo.runningOnTarget(tx, where.regionId, where.organizationId)).find((c) =>
      input.leaderUserId && c.leaderUserId ? c.leaderUserId === input.leaderUserId : c.leaderName === leaderName,
    );
    if (same) throw new AppError('PARTY_DUPLICATE', { entity: PARTY_ENTITIES.leaderContact, key: `${leaderName}（${same.fromOn}）` }, { contactId: same.id });
    const c = await repo.insertContact(tx, {
      ...where,
      leaderUserId: input.leaderUserId ?? null,
      leaderName,
      leaderPost: input.leaderPost?.trim() ?? '',
      targetKind: input.targetKind,
      fromOn,
    });
    await recordAudit(tx, ctx, { action: 'leaderContact.create', entityType: 'leaderContact', entityId: c.id, regionPath: c.regionPath, after: c });
    return c;
  });
  return detail(db, row);
}

/** Logs a contact visit: within the contact's period, not in the future. */
export async function addVisit(db: Db, ctx: RequestContext, id: number, input: ContactVisitInput): Promise<LeaderContactDetail> {
  assertPermission(ctx, 'party.write');
  const row = await db.transaction(async (tx) => {
    const c = await loadContact(scoped(tx, ctx.actor.scope), id);
    const visitedOn = checkDate(FIELDS.visitedOn, input.visitedOn);
    if (c.toOn !== null && visitedOn > c.toOn) throw ended(c);
    if (visitedOn < c.fromOn) throw partyInvalid(FIELDS.visitedOn, { zh: `早于联系开始日期 ${c.fromOn}`, en: `before the contact began on ${c.fromOn}` });
    if (visitedOn > todayInChina()) throw partyInvalid(FIELDS.visitedOn, { zh: '不能晚于今天', en: 'cannot be in the future' });
    const v = await repo.insertVisit(tx, { contactId: c.id, visitedOn, note: input.note ?? '', problems: input.problems ?? '' });
    await recordAudit(tx, ctx, { action: 'leaderContact.visit', entityType: 'leaderContact', entityId: c.id, regionPath: c.regionPath, after: v });
    return c;
  });
  return detail(db, row);
}

/** Ends a contact on a day not before its start nor before its last logged visit. */
export async function endContact(db: Db, ctx: RequestContext, id: number, input: { version: number; toOn: string }): Promise<LeaderContactDetail> {
  assertPermission(ctx, 'party.write');
  const row = await db.transaction(async (tx) => {
    const before = await loadContact(scoped(tx, ctx.actor.scope), id);
    if (before.toOn !== null) throw ended(before);
    const toOn = checkDate(FIELDS.toOn, input.toOn);
    const last = (await repo.visitStats(tx, [id])).get(id)?.last ?? null;
    const floor = last !== null && last > before.fromOn ? last : before.fromOn;
    if (toOn < floor) throw partyInvalid(FIELDS.toOn, { zh: `不能早于 ${floor}`, en: `cannot be before ${floor}` });
    const after = await repo.updateContact(tx, id, input.version, { toOn });
    if (!after) throw partyConflict();
    await recordAudit(tx, ctx, { action: 'leaderContact.end', entityType: 'leaderContact', entityId: id, regionPath: after.regionPath, before, after });
    return after;
  });
  return detail(db, row);
}

export async function getContact(db: Db, ctx: RequestContext, id: number): Promise<LeaderContactDetail> {
  return detail(db, await loadContact(scoped(db, ctx.actor.scope), id));
}

export interface ContactQuery {
  regionId?: number;
  targetKind?: string;
  leaderUserId?: number;
  current?: boolean;
  limit?: number;
  offset?: number;
}

export async function listContacts(db: Db, ctx: RequestContext, q: ContactQuery): Promise<{ items: LeaderContactView[]; total: number }> {
  const sdb = scoped(db, ctx.actor.scope);
  const f: repo.ContactFilter = { targetKind: q.targetKind, leaderUserId: q.leaderUserId, current: q.current, today: todayInChina() };
  if (q.regionId !== undefined) f.path = (await loadInScope(sdb, q.regionId)).path;
  const [rows, total] = await Promise.all([repo.listContacts(sdb, f, q.limit ?? 50, q.offset ?? 0), repo.countContacts(sdb, f)]);
  return { items: await present(db, rows), total };
}
