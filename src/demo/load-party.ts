// Loads the demo's party building (party.ts) after the population: reads each community's pool
// from the registry, generates, and writes every table by COPY in one transaction, with ids
// placed after what the tables hold and the sequences moved past them. Members linked to a
// resident take the resident's (encrypted) mobile; residents picked as probationary members get
// that political status, so registry and party agree. One audit row records the load.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { pinyinKeys } from '../modules/regions/index.ts';
import type { RequestContext } from '../shared/context.ts';
import { encryptPii, maskMobile, piiLookupHash } from '../shared/pii.ts';
import type { DemoCity } from './index.ts';
import { analyze, copyTables, CopyRows, maxIds, syncSequences } from './party.copy.ts';
import type { CommunityPool } from './party.pool.ts';
import { poolsFromDb, regionRefs, type RegionRefs } from './party.pool.db.ts';
import { PartyPlanner, type PartyDemo } from './party.ts';

/** Tables whose rows the generator numbers (others refer to them), and the rest. */
const NUMBERED = ['party_orgs', 'party_members', 'liaison_households', 'joint_committee_members', 'partnerships', 'leader_contacts', 'dual_registrations'] as const;
export const PARTY_TABLES = [
  ...NUMBERED, 'party_org_officers', 'party_memberships', 'household_links', 'joint_meetings', 'partnership_activities', 'leader_contact_visits', 'pioneer_posts', 'pledges', 'registration_services',
] as const;

export interface LoadPartyOptions {
  /** The load date the year ends at (default now). */
  end?: Date;
  seed?: number;
  /** Where people and places come from (default: the registry, community by community). */
  pools?: Iterable<CommunityPool> | AsyncIterable<CommunityPool>;
  onProgress?: (done: number, total: number) => void;
}

export interface LoadedParty {
  /** Rows written per table. */
  counts: Record<string, number>;
  end: string;
  ms: number;
}

export async function loadParty(db: Db, ctx: RequestContext, city: DemoCity, opts: LoadPartyOptions = {}): Promise<LoadedParty> {
  const started = Date.now();
  const end = opts.end ?? new Date();
  const refs = await regionRefs(db, city);
  const planner = new PartyPlanner(city, { end, seed: opts.seed });
  const total = city.regions.filter((r) => r.level === 4).length;
  let done = 0;
  opts.onProgress?.(0, total);
  for await (const pool of opts.pools ?? poolsFromDb(db, city, refs)) {
    planner.community(pool);
    opts.onProgress?.(++done, total);
  }
  const demo = planner.finish();
  const base = await maxIds(db, NUMBERED);
  const tables = toRows(demo, base, refs);
  await copyTables(db, tables);
  const firstMember = base.party_members;
  // Registry and party agree: the resident's mobile on the member, the probationary status on the resident.
  await db.execute(sql`UPDATE party_members m SET mobile_enc = r.mobile_enc, mobile_hash = r.mobile_hash, mobile_masked = r.mobile_masked
    FROM residents r WHERE r.id = m.resident_id AND m.id > ${firstMember} AND m.mobile_enc IS NULL`);
  if (demo.probationaryResidents.length) {
    await db.execute(sql`UPDATE residents SET political_status = 'probationaryMember', version = version + 1, updated_at = now()
      WHERE id = ANY(${sql.param(demo.probationaryResidents)}::int[]) AND political_status = 'partyMember'`);
  }
  await syncSequences(db, NUMBERED);
  const counts = Object.fromEntries(tables.map((t) => [t.table, t.count]));
  await recordAudit(db, ctx, { action: 'party.demoLoad', entityType: 'partyOrg', entityId: 'demo', after: { scale: city.scale, end: end.toISOString(), counts } });
  await analyze(db, PARTY_TABLES);
  return { counts, end: end.toISOString(), ms: Date.now() - started };
}

/** The generated rows as COPY text, ids shifted past `base`, regions resolved. */
function toRows(d: PartyDemo, base: Record<(typeof NUMBERED)[number], number>, refs: RegionRefs): CopyRows[] {
  const at = (code: string) => {
    const r = refs.byCode.get(code);
    if (!r) throw new Error(`demo party: region ${code} is not loaded`);
    return r;
  };
  const org = (id: number | null) => (id === null ? null : id + base.party_orgs);
  const member = (id: number | null) => (id === null ? null : id + base.party_members);
  const initials = cachedInitials();
  const t = {
    orgs: new CopyRows('party_orgs', ['id', 'region_id', 'region_path', 'parent_id', 'kind', 'name', 'attach_kind', 'estate_id', 'building_id', 'institution_id', 'joint', 'established_on', 'start_on', 'end_on', 'note']),
    officers: new CopyRows('party_org_officers', ['org_id', 'member_id', 'role', 'from_on']),
    members: new CopyRows('party_members', [
      'id', 'region_id', 'region_path', 'resident_id', 'name', 'name_initials', 'gender', 'birth_date', 'mobile_enc', 'mobile_hash', 'mobile_masked', 'kind', 'org_id',
      'joined_party_on', 'standing', 'employer', 'institution_id', 'skills', 'left_reason', 'archived_at',
    ]),
    memberships: new CopyRows('party_memberships', ['member_id', 'org_id', 'from_on', 'to_on', 'reason']),
    liaisons: new CopyRows('liaison_households', ['id', 'region_id', 'region_path', 'household_id', 'member_id', 'leader_member_id', 'created_at', 'updated_at']),
    links: new CopyRows('household_links', ['liaison_id', 'household_id', 'linked_on']),
    joint: new CopyRows('joint_committee_members', ['id', 'org_id', 'name', 'institution_id', 'post', 'from_on', 'to_on']),
    meetings: new CopyRows('joint_meetings', ['region_id', 'region_path', 'org_id', 'title', 'held_at', 'place', 'attendance', 'minutes', 'decisions', 'created_at', 'updated_at']),
    partnerships: new CopyRows('partnerships', ['id', 'region_id', 'region_path', 'org_id', 'institution_id', 'partner_org_id', 'title', 'terms', 'start_on', 'end_on']),
    activities: new CopyRows('partnership_activities', ['partnership_id', 'held_on', 'title', 'note', 'participants']),
    contacts: new CopyRows('leader_contacts', ['id', 'region_id', 'region_path', 'leader_name', 'leader_post', 'target_kind', 'organization_id', 'from_on', 'to_on']),
    contactVisits: new CopyRows('leader_contact_visits', ['contact_id', 'visited_on', 'note', 'problems']),
    registrations: new CopyRows('dual_registrations', ['id', 'region_id', 'region_path', 'kind', 'party_org_id', 'member_id', 'institution_id', 'registered_on', 'deregistered_on', 'deregister_reason']),
    posts: new CopyRows('pioneer_posts', ['registration_id', 'title', 'duty']),
    pledges: new CopyRows('pledges', ['registration_id', 'title', 'due_on', 'status', 'fulfilled_on', 'evidence', 'version']),
    services: new CopyRows('registration_services', ['registration_id', 'served_on', 'hours', 'activity']),
  };
  for (const o of d.orgs) {
    const r = at(o.regionCode);
    t.orgs.add([org(o.id), r.id, r.path, org(o.parentId), o.kind, o.name, o.attachKind, o.estateId, o.buildingId, o.institutionId, o.joint, o.establishedOn, o.startOn, o.endOn, o.note]);
  }
  for (const o of d.officers) t.officers.add([org(o.orgId), member(o.memberId), o.role, o.fromOn]);
  for (const m of d.members) {
    const r = at(m.regionCode);
    t.members.add([
      member(m.id), r.id, r.path, m.residentId, m.name, initials(m.name), m.gender, m.birthDate, m.mobile ? encryptPii(m.mobile) : null, m.mobile ? piiLookupHash(m.mobile) : null,
      m.mobile ? maskMobile(m.mobile) : null, m.kind, org(m.orgId), m.joinedPartyOn, m.standing, m.employer, m.institutionId, `{${m.skills.join(',')}}`, m.leftReason,
      m.archivedOn ? new Date(`${m.archivedOn}T10:00:00+08:00`) : null,
    ]);
  }
  for (const m of d.memberships) t.memberships.add([member(m.memberId), org(m.orgId), m.fromOn, m.toOn, m.reason]);
  for (const l of d.liaisons) {
    const r = at(l.regionCode);
    const on = new Date(`${l.linkedOn}T10:00:00+08:00`);
    t.liaisons.add([l.id + base.liaison_households, r.id, r.path, l.householdId, member(l.memberId), member(l.leaderMemberId), on, on]);
  }
  for (const l of d.links) t.links.add([l.liaisonId + base.liaison_households, l.householdId, l.linkedOn]);
  for (const j of d.jointMembers) t.joint.add([j.id + base.joint_committee_members, org(j.orgId), j.name, j.institutionId, j.post, j.fromOn, j.toOn]);
  for (const m of d.meetings) {
    const r = at(m.regionCode);
    const attendance = m.attendance.map((a) => (a.jointMemberId ? { ...a, jointMemberId: a.jointMemberId + base.joint_committee_members } : a));
    const held = new Date(m.heldAt);
    t.meetings.add([r.id, r.path, org(m.orgId), m.title, held, m.place, JSON.stringify(attendance), m.minutes, JSON.stringify(m.decisions), held, held]);
  }
  for (const p of d.partnerships) {
    const r = at(p.regionCode);
    t.partnerships.add([p.id + base.partnerships, r.id, r.path, org(p.orgId), p.institutionId, org(p.partnerOrgId), p.title, p.terms, p.startOn, p.endOn]);
  }
  for (const a of d.activities) t.activities.add([a.partnershipId + base.partnerships, a.heldOn, a.title, a.note, a.participants]);
  for (const c of d.contacts) {
    const r = at(c.regionCode);
    t.contacts.add([c.id + base.leader_contacts, r.id, r.path, c.leaderName, c.leaderPost, c.targetKind, c.organizationId, c.fromOn, c.toOn]);
  }
  for (const v of d.contactVisits) t.contactVisits.add([v.contactId + base.leader_contacts, v.visitedOn, v.note, v.problems]);
  const reg = (id: number) => id + base.dual_registrations;
  for (const g of d.registrations) {
    const r = at(g.regionCode);
    t.registrations.add([reg(g.id), r.id, r.path, g.kind, org(g.partyOrgId), member(g.memberId), g.institutionId, g.registeredOn, g.deregisteredOn, g.deregisterReason]);
  }
  for (const p of d.posts) t.posts.add([reg(p.registrationId), p.title, p.duty]);
  for (const p of d.pledges) t.pledges.add([reg(p.registrationId), p.title, p.dueOn, p.status, p.fulfilledOn, p.evidence, p.status === 'pending' ? 1 : 2]);
  for (const s of d.services) t.services.add([reg(s.registrationId), s.servedOn, s.hours, s.activity]);
  return Object.values(t);
}

/** Name initials for search (pinyin), computed once per distinct name. */
export function cachedInitials(): (name: string) => string {
  const cache = new Map<string, string>();
  return (name) => {
    let v = cache.get(name);
    if (v === undefined) cache.set(name, (v = pinyinKeys(name).initials));
    return v;
  };
}
