// Partnerships (结对共建): a street or community party organization signs a pairing agreement with a
// resident institution (optionally naming the institution's own party organization), with terms
// and a term of dates; joint activities are logged against it. One running agreement per pair at a
// time: a second one whose dates overlap is refused.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { loadInScope } from '../regions/index.ts';
import { checkDate, checkEnd, FIELDS, loadOrg, loadOrganization, required } from './joint.common.ts';
import * as refs from './joint.refs.ts';
import { overlaps, partnershipStatus, todayInChina } from './joint.rules.ts';
import * as repo from './partnerships.repository.ts';
import type { PartnershipActivityInput, PartnershipDetail, PartnershipInput, PartnershipView } from './partnerships.views.ts';
import { loadPartyScoped, partyArchived, partyConflict, partyInvalid } from './party.common.ts';

async function present(db: DbOrTx, rows: repo.PartnershipRow[]): Promise<PartnershipView[]> {
  const orgs = await refs.orgNames(db, rows.flatMap((r) => (r.partnerOrgId ? [r.orgId, r.partnerOrgId] : [r.orgId])));
  const institutions = await refs.organizationNames(db, rows.map((r) => r.institutionId));
  const regions = await refs.regionNames(db, rows.map((r) => r.regionId));
  const stats = await repo.activityStats(db, rows.map((r) => r.id));
  const today = todayInChina();
  return rows.map((r) => ({
    id: r.id,
    org: { id: r.orgId, name: orgs.get(r.orgId) ?? '' },
    institution: { id: r.institutionId, name: institutions.get(r.institutionId)?.name ?? '' },
    partnerOrg: r.partnerOrgId ? { id: r.partnerOrgId, name: orgs.get(r.partnerOrgId) ?? '' } : null,
    region: { id: r.regionId, name: regions.get(r.regionId)?.name ?? '' },
    title: r.title,
    terms: r.terms,
    startOn: r.startOn,
    endOn: r.endOn,
    status: partnershipStatus({ startOn: r.startOn, endOn: r.endOn, archived: r.archivedAt !== null }, today),
    activityCount: stats.get(r.id)?.count ?? 0,
    lastActivityOn: stats.get(r.id)?.last ?? null,
    participants: stats.get(r.id)?.participants ?? 0,
    version: r.version,
    archivedAt: r.archivedAt?.toISOString() ?? null,
  }));
}

async function loadPartnership(sdb: ScopedDb, id: number): Promise<repo.PartnershipRow> {
  return loadPartyScoped('partnership', () => repo.findPartnership(sdb, id), () => repo.unscopedPartnershipExists(sdb.db, id));
}

async function detail(db: DbOrTx, row: repo.PartnershipRow): Promise<PartnershipDetail> {
  const [view] = await present(db, [row]);
  const log = await repo.activities(db, row.id);
  return { ...view, activities: log.map((a) => ({ id: a.id, heldOn: a.heldOn, title: a.title, note: a.note, participants: a.participants })) };
}

export async function createPartnership(db: Db, ctx: RequestContext, input: PartnershipInput): Promise<PartnershipDetail> {
  assertPermission(ctx, 'party.write');
  const row = await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const org = await loadOrg(sdb, input.orgId);
    const institution = await loadOrganization(sdb, input.institutionId, ['residentInstitution'], FIELDS.institution);
    const partner = input.partnerOrgId ? await loadOrg(sdb, input.partnerOrgId) : null;
    // The community side signs; an institution's own organization is the partner, not the signer.
    if (org.attachKind === 'institution') throw partyInvalid(FIELDS.org, { zh: `「${org.name}」是驻区单位党组织，应作为结对方`, en: `${org.name} belongs to an institution; it is the partner, not the signer` });
    if (partner && (partner.institutionId !== institution.id || partner.id === org.id)) {
      throw partyInvalid(FIELDS.partnerOrg, { zh: `「${partner.name}」不是「${institution.name}」的党组织`, en: `${partner.name} is not ${institution.name}'s party organization` });
    }
    const startOn = checkDate(FIELDS.startOn, input.startOn);
    const endOn = checkEnd(FIELDS.endOn, startOn, input.endOn);
    await repo.lockOrgPartnerships(tx, org.id);
    const clash = (await repo.activePairings(tx, org.id, institution.id)).find((p) => overlaps(p, { startOn, endOn }));
    if (clash) throw new AppError('PARTY_DUPLICATE', { entity: { zh: '结对共建协议', en: 'Partnership' }, key: `${org.name}—${institution.name}（${clash.startOn}）` }, { partnershipId: clash.id });
    const p = await repo.insertPartnership(tx, {
      orgId: org.id,
      institutionId: institution.id,
      partnerOrgId: partner?.id ?? null,
      regionId: org.regionId,
      regionPath: org.regionPath,
      title: required(FIELDS.title, input.title),
      terms: input.terms ?? '',
      startOn,
      endOn,
    });
    await recordAudit(tx, ctx, { action: 'partnership.create', entityType: 'partnership', entityId: p.id, regionPath: p.regionPath, after: p });
    return p;
  });
  return detail(db, row);
}

export interface PartnershipPatch {
  version: number;
  title?: string;
  terms?: string;
  endOn?: string | null;
}

export async function updatePartnership(db: Db, ctx: RequestContext, id: number, input: PartnershipPatch): Promise<PartnershipDetail> {
  assertPermission(ctx, 'party.write');
  const row = await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const before = await loadPartnership(sdb, id);
    if (before.archivedAt) throw partyArchived('partnership');
    const patch: Partial<repo.PartnershipRow> = {};
    if (input.title !== undefined) patch.title = required(FIELDS.title, input.title);
    if (input.terms !== undefined) patch.terms = input.terms;
    if (input.endOn !== undefined) {
      patch.endOn = checkEnd(FIELDS.endOn, before.startOn, input.endOn);
      const last = (await repo.activityStats(tx, [id])).get(id)?.last ?? null;
      if (patch.endOn !== null && last !== null && last > patch.endOn) throw partyInvalid(FIELDS.endOn, { zh: `${last} 已有共建活动`, en: `an activity was held on ${last}` });
    }
    const after = await repo.updatePartnership(tx, id, input.version, patch);
    if (!after) throw partyConflict();
    await recordAudit(tx, ctx, { action: 'partnership.update', entityType: 'partnership', entityId: id, regionPath: after.regionPath, before, after });
    return after;
  });
  return detail(db, row);
}

export async function archivePartnership(db: Db, ctx: RequestContext, id: number, version: number): Promise<PartnershipDetail> {
  assertPermission(ctx, 'party.write');
  const row = await db.transaction(async (tx) => {
    const before = await loadPartnership(scoped(tx, ctx.actor.scope), id);
    if (before.archivedAt) throw partyArchived('partnership');
    const after = await repo.updatePartnership(tx, id, version, { archivedAt: new Date() });
    if (!after) throw partyConflict();
    await recordAudit(tx, ctx, { action: 'partnership.archive', entityType: 'partnership', entityId: id, regionPath: after.regionPath, before, after });
    return after;
  });
  return detail(db, row);
}

/** Logs a joint activity: held within the agreement's term, and not in the future. */
export async function addActivity(db: Db, ctx: RequestContext, id: number, input: PartnershipActivityInput): Promise<PartnershipDetail> {
  assertPermission(ctx, 'party.write');
  const row = await db.transaction(async (tx) => {
    const p = await loadPartnership(scoped(tx, ctx.actor.scope), id);
    if (p.archivedAt) throw partyArchived('partnership');
    const heldOn = checkDate(FIELDS.heldOn, input.heldOn);
    if (heldOn < p.startOn || (p.endOn !== null && heldOn > p.endOn)) {
      throw partyInvalid(FIELDS.heldOn, { zh: `不在协议期限 ${p.startOn} 至 ${p.endOn ?? '今'} 内`, en: `outside the agreement's term ${p.startOn} – ${p.endOn ?? 'open'}` });
    }
    if (heldOn > todayInChina()) throw partyInvalid(FIELDS.heldOn, { zh: '不能晚于今天', en: 'cannot be in the future' });
    const a = await repo.insertActivity(tx, { partnershipId: p.id, heldOn, title: required(FIELDS.title, input.title), note: input.note ?? '', participants: input.participants ?? 0 });
    await recordAudit(tx, ctx, { action: 'partnership.activity', entityType: 'partnership', entityId: p.id, regionPath: p.regionPath, after: a });
    return p;
  });
  return detail(db, row);
}

export async function getPartnership(db: Db, ctx: RequestContext, id: number): Promise<PartnershipDetail> {
  return detail(db, await loadPartnership(scoped(db, ctx.actor.scope), id));
}

export interface PartnershipQuery {
  regionId?: number;
  orgId?: number;
  institutionId?: number;
  active?: boolean;
  includeArchived?: boolean;
  limit?: number;
  offset?: number;
}

export async function listPartnerships(db: Db, ctx: RequestContext, q: PartnershipQuery): Promise<{ items: PartnershipView[]; total: number }> {
  const sdb = scoped(db, ctx.actor.scope);
  const f: repo.PartnershipFilter = { orgId: q.orgId, institutionId: q.institutionId, includeArchived: q.includeArchived, activeOn: q.active ? todayInChina() : undefined };
  if (q.regionId !== undefined) f.path = (await loadInScope(sdb, q.regionId)).path;
  const [rows, total] = await Promise.all([repo.listPartnerships(sdb, f, q.limit ?? 50, q.offset ?? 0), repo.countPartnerships(sdb, f)]);
  return { items: await present(db, rows), total };
}
