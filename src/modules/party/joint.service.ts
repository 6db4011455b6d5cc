// Joint committees (大工委/大党委): a street or community committee marked `joint` takes part-time
// members (兼职委员) from resident institutions, and holds joint meetings (联席会议) whose
// attendance, minutes and decided items are kept. Only joint organizations do either.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { loadInScope } from '../regions/index.ts';
import { checkDate, checkEnd, FIELDS, loadOrg, loadOrganization, required } from './joint.common.ts';
import * as refs from './joint.refs.ts';
import * as repo from './joint.repository.ts';
import { attendanceRate, decisionsDone, isCurrent, todayInChina } from './joint.rules.ts';
import type { Attendee, DecidedItem, JointMeetingInput, JointMeetingListItem, JointMeetingView, JointMemberInput, JointMembersView } from './joint.views.ts';
import { loadPartyScoped, partyConflict, partyInvalid } from './party.common.ts';

const notJoint = (org: refs.OrgRef, action: { zh: string; en: string }) => new AppError('PARTY_ORG_NOT_JOINT', { org: org.name, action });

async function presentMembers(db: DbOrTx, org: refs.OrgRef): Promise<JointMembersView> {
  const rows = await repo.jointMembers(db, org.id);
  const institutions = await refs.organizationNames(db, rows.flatMap((r) => (r.institutionId ? [r.institutionId] : [])));
  const today = todayInChina();
  return {
    org: { id: org.id, name: org.name, joint: org.joint },
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      institution: r.institutionId ? { id: r.institutionId, name: institutions.get(r.institutionId)?.name ?? '' } : null,
      post: r.post,
      fromOn: r.fromOn,
      toOn: r.toOn,
      current: isCurrent(r.fromOn, r.toOn, today),
    })),
  };
}

export async function listJointMembers(db: Db, ctx: RequestContext, orgId: number): Promise<JointMembersView> {
  const sdb = scoped(db, ctx.actor.scope);
  const org = await loadPartyScoped('partyOrg', () => refs.findOrg(sdb, orgId), () => refs.unscopedOrgExists(db, orgId));
  return presentMembers(db, org);
}

/** Replaces the part-time members: listed ids are kept (and updated), new entries added, the rest removed. */
export async function replaceJointMembers(db: Db, ctx: RequestContext, orgId: number, members: JointMemberInput[]): Promise<JointMembersView> {
  assertPermission(ctx, 'party.write');
  const org = await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const org = await loadOrg(sdb, orgId);
    if (!org.joint) throw notJoint(org, { zh: '设兼职委员', en: 'take part-time members' });
    await repo.lockOrg(tx, org.id);
    const before = await repo.jointMembers(tx, org.id);
    const ownIds = new Set(before.map((m) => m.id));
    const seen = new Set<number>();
    const clean = [];
    for (const m of members) {
      if (m.id !== undefined && (!ownIds.has(m.id) || seen.has(m.id))) throw partyInvalid(FIELDS.name, { zh: `兼职委员 ${m.id} 不属于本组织或重复`, en: `part-time member ${m.id} is not this organization's, or listed twice` });
      if (m.id !== undefined) seen.add(m.id);
      if (m.institutionId) await loadOrganization(sdb, m.institutionId, ['residentInstitution'], FIELDS.institution);
      const fromOn = m.fromOn ? checkDate(FIELDS.fromOn, m.fromOn) : null;
      clean.push({ id: m.id, orgId: org.id, name: required(FIELDS.name, m.name), institutionId: m.institutionId ?? null, post: m.post.trim(), fromOn, toOn: checkEnd(FIELDS.toOn, fromOn, m.toOn) });
    }
    await repo.deleteJointMembers(tx, org.id, [...seen]);
    for (const { id, ...values } of clean) if (id !== undefined) await repo.updateJointMember(tx, id, values);
    await repo.insertJointMembers(tx, clean.filter((c) => c.id === undefined).map(({ id: _id, ...values }) => values));
    await recordAudit(tx, ctx, { action: 'jointMember.replace', entityType: 'partyOrg', entityId: org.id, regionPath: org.regionPath, before, after: await repo.jointMembers(tx, org.id) });
    return org;
  });
  return presentMembers(db, org);
}

// ---- meetings

async function presentMeetings(db: DbOrTx, rows: repo.MeetingRow[]): Promise<JointMeetingView[]> {
  const orgs = await repo.orgsByIds(db, rows.map((r) => r.orgId));
  const regions = await refs.regionNames(db, rows.map((r) => r.regionId));
  return rows.map((r) => {
    const attendance = r.attendance as Attendee[];
    const decisions = r.decisions as DecidedItem[];
    return {
      id: r.id,
      org: { id: r.orgId, name: orgs.get(r.orgId)?.name ?? '' },
      region: { id: r.regionId, name: regions.get(r.regionId)?.name ?? '' },
      title: r.title,
      heldAt: r.heldAt.toISOString(),
      place: r.place,
      attendance,
      attendanceRate: attendanceRate(attendance),
      minutes: r.minutes,
      decisions,
      decisionsDone: decisionsDone(decisions),
      version: r.version,
    };
  });
}

function checkHeldAt(v: string): Date {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw partyInvalid(FIELDS.heldAt, { zh: `${v} 不是有效时间`, en: `${v} is not a valid time` });
  return d;
}

/** Attendees: named; a part-time member at most once and only one of this committee's. */
async function checkAttendance(tx: DbOrTx, orgId: number, list: Attendee[]): Promise<Required<Attendee>[]> {
  const own = new Set((await repo.jointMembers(tx, orgId)).map((m) => m.id));
  const seen = new Set<number>();
  return list.map((a) => {
    const id = a.jointMemberId ?? null;
    if (id !== null && (!own.has(id) || seen.has(id))) throw partyInvalid(FIELDS.attendance, { zh: `兼职委员 ${id} 不属于本组织或重复`, en: `part-time member ${id} is not this committee's, or listed twice` });
    if (id !== null) seen.add(id);
    return { name: required(FIELDS.attendance, a.name), jointMemberId: id, present: a.present, note: a.note?.trim() ?? '' };
  });
}

function checkDecisions(list: DecidedItem[]): Required<DecidedItem>[] {
  return list.map((d) => ({ item: required(FIELDS.decisions, d.item), owner: d.owner.trim(), dueOn: d.dueOn ? checkDate(FIELDS.dueOn, d.dueOn) : null, done: d.done }));
}

async function loadMeeting(sdb: ScopedDb, id: number): Promise<repo.MeetingRow> {
  return loadPartyScoped('jointMeeting', () => repo.findMeeting(sdb, id), () => repo.unscopedMeetingExists(sdb.db, id));
}

export async function createMeeting(db: Db, ctx: RequestContext, input: JointMeetingInput): Promise<JointMeetingView> {
  assertPermission(ctx, 'party.write');
  const row = await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const org = await loadOrg(sdb, input.orgId);
    if (!org.joint) throw notJoint(org, { zh: '召开联席会议', en: 'hold joint meetings' });
    const m = await repo.insertMeeting(tx, {
      orgId: org.id,
      regionId: org.regionId,
      regionPath: org.regionPath,
      title: required(FIELDS.title, input.title),
      heldAt: checkHeldAt(input.heldAt),
      place: input.place?.trim() ?? '',
      attendance: await checkAttendance(tx, org.id, input.attendance),
      minutes: input.minutes ?? '',
      decisions: checkDecisions(input.decisions ?? []),
    });
    await recordAudit(tx, ctx, { action: 'jointMeeting.create', entityType: 'jointMeeting', entityId: m.id, regionPath: m.regionPath, after: m });
    return m;
  });
  return (await presentMeetings(db, [row]))[0];
}

export type MeetingPatch = Partial<Omit<JointMeetingInput, 'orgId'>> & { version: number };

export async function updateMeeting(db: Db, ctx: RequestContext, id: number, input: MeetingPatch): Promise<JointMeetingView> {
  assertPermission(ctx, 'party.write');
  const row = await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const before = await loadMeeting(sdb, id);
    const patch: Parameters<typeof repo.updateMeeting>[3] = {};
    if (input.title !== undefined) patch.title = required(FIELDS.title, input.title);
    if (input.heldAt !== undefined) patch.heldAt = checkHeldAt(input.heldAt);
    if (input.place !== undefined) patch.place = input.place.trim();
    if (input.attendance !== undefined) patch.attendance = await checkAttendance(tx, before.orgId, input.attendance);
    if (input.minutes !== undefined) patch.minutes = input.minutes;
    if (input.decisions !== undefined) patch.decisions = checkDecisions(input.decisions);
    const after = await repo.updateMeeting(tx, id, input.version, patch);
    if (!after) throw partyConflict();
    await recordAudit(tx, ctx, { action: 'jointMeeting.update', entityType: 'jointMeeting', entityId: id, regionPath: after.regionPath, before, after });
    return after;
  });
  return (await presentMeetings(db, [row]))[0];
}

export async function getMeeting(db: Db, ctx: RequestContext, id: number): Promise<JointMeetingView> {
  return (await presentMeetings(db, [await loadMeeting(scoped(db, ctx.actor.scope), id)]))[0];
}

export interface MeetingQuery {
  orgId?: number;
  regionId?: number;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** China's midnight at the start of a day. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

export async function listMeetings(db: Db, ctx: RequestContext, q: MeetingQuery): Promise<{ items: JointMeetingListItem[]; total: number }> {
  const sdb = scoped(db, ctx.actor.scope);
  const f: repo.MeetingFilter = {};
  if (q.orgId !== undefined) f.orgId = (await loadPartyScoped('partyOrg', () => refs.findOrg(sdb, q.orgId!), () => refs.unscopedOrgExists(db, q.orgId!))).id;
  if (q.regionId !== undefined) f.path = (await loadInScope(sdb, q.regionId)).path;
  if (q.from !== undefined) f.from = dayStart(checkDate(FIELDS.fromOn, q.from));
  // `to` is inclusive: meetings held that day count.
  if (q.to !== undefined) f.to = new Date(dayStart(checkDate(FIELDS.toOn, q.to)).getTime() + 86_400_000);
  const [rows, total] = await Promise.all([repo.listMeetings(sdb, f, q.limit ?? 50, q.offset ?? 0), repo.countMeetings(sdb, f)]);
  return { items: (await presentMeetings(db, rows)).map(({ minutes: _m, ...rest }) => rest), total };
}
