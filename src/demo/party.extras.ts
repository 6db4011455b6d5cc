// What a community's party organizations do with others over the year: part-time members of the
// joint committees (大工委/大党委) from resident institutions and their joint meetings,
// partnerships (结对共建) with activities, leaders' contacts (三联系) with their visits, and dual
// registration (双报到) of institution branches and in-service members with pioneer posts,
// pledges and service hours.
import { HOUR, dayStart, dayString } from './cases.clock.ts';
import type { CommunityParty } from './party.community.ts';
import type { DemoMeeting, DemoPartyOrg } from './party.rows.ts';
import type { PartyPlanner } from './party.ts';
import { CONTACT_NOTES, CONTACT_PROBLEMS, DECISIONS, LEADER_POSTS, MEETING_TOPICS, PARTNERSHIP_ACTIVITIES, PIONEER_POSTS, PLEDGES, SERVICES } from './party.words.ts';
import { personName } from './names.ts';
import type { Rng } from './random.ts';
import type { RegionInput } from '../modules/regions/index.ts';

const POSTS: Record<string, string> = { residentInstitution: '党支部书记', propertyCompany: '项目经理', ownersCommittee: '业委会主任' };

export function communityExtras(c: CommunityParty): void {
  jointCommittee(c);
  partnerships(c);
  contacts(c.p, c.rng, c.community, c.pool.organizations.filter((o) => o.kind === 'propertyCompany'));
  registrations(c);
}

/** Leaders linked to a street (三联系), with their visits. */
export function streetContacts(p: PartyPlanner, rng: Rng, street: RegionInput): void {
  for (let n = rng.int(1, 2); n > 0; n--) contact(p, rng, { targetKind: 'region', regionCode: street.code, organizationId: null });
}

function contacts(p: PartyPlanner, rng: Rng, community: RegionInput, enterprises: { id: number; regionCode: string }[]): void {
  if (rng.chance(0.6)) contact(p, rng, { targetKind: 'region', regionCode: community.code, organizationId: null });
  for (const e of enterprises) if (rng.chance(0.15)) contact(p, rng, { targetKind: 'organization', regionCode: e.regionCode, organizationId: e.id });
}

function contact(p: PartyPlanner, rng: Rng, t: { targetKind: 'region' | 'organization'; regionCode: string; organizationId: number | null }): void {
  const id = p.id('contact');
  const fromDaysAgo = rng.int(200, 1500);
  p.out.contacts.push({ id, leaderName: personName(rng), leaderPost: rng.pick(LEADER_POSTS), ...t, fromOn: dayString(p.endDay - fromDaysAgo), toOn: null });
  for (let n = rng.int(2, 8); n > 0; n--) {
    p.out.contactVisits.push({ contactId: id, visitedOn: p.day(rng, Math.min(fromDaysAgo, 365), 1), note: rng.pick(CONTACT_NOTES), problems: rng.pick(CONTACT_PROBLEMS) });
  }
}

/** Part-time members from the community's institutions (and the street's 大工委 takes some too), and a few joint meetings. */
function jointCommittee(c: CommunityParty): void {
  const { p, rng, pool } = c;
  const street = p.streetOrg.get(c.street.code)!;
  const sources = pool.organizations.filter((o) => o.kind in POSTS && (o.kind !== 'ownersCommittee' || rng.chance(0.3)));
  for (const o of sources.filter((x) => x.kind === 'residentInstitution')) if (rng.chance(0.6)) joint(p, rng, street, o);
  if (!c.org.joint) return;
  const members = sources.slice(0, 6).map((o) => joint(p, rng, c.org, o));
  if (members.length < 2) members.push(joint(p, rng, c.org, { id: null, kind: 'department', name: `${c.street.name}城管中队` }));
  for (let n = rng.int(2, 4); n > 0; n--) meeting(p, rng, c.org, c.community.name, members);
  // The street's 大工委 meets in its first community's turn, with whoever has joined it by then.
  if (!p.out.meetings.some((m) => m.orgId === street.id)) {
    const streetMembers = p.out.jointMembers.filter((m) => m.orgId === street.id);
    for (let n = rng.int(2, 4); n > 0; n--) meeting(p, rng, street, c.street.name, streetMembers);
  }
}

function joint(p: PartyPlanner, rng: Rng, org: DemoPartyOrg, o: { id: number | null; kind: string; name: string }) {
  const row = { id: p.id('joint'), orgId: org.id, name: personName(rng), institutionId: o.kind === 'residentInstitution' ? o.id : null, post: `${o.name}${POSTS[o.kind] ?? '负责人'}`, fromOn: p.day(rng, 1100, 60), toOn: null };
  p.out.jointMembers.push(row);
  return row;
}

function meeting(p: PartyPlanner, rng: Rng, org: DemoPartyOrg, place: string, members: { id: number; name: string; post: string }[]): void {
  const day = p.endDay - rng.int(3, 360);
  const officers = p.officersOf(org.id).map((o) => p.out.members[o.memberId - 1]);
  const topic = rng.pick(MEETING_TOPICS);
  const owners = [...members.map((m) => m.post.replace(/(党支部书记|项目经理|业委会主任|负责人)$/, '')), org.name];
  const m: DemoMeeting = {
    orgId: org.id, regionCode: org.regionCode, title: `党建联席会议：${topic}`, heldAt: dayStart(day) + (rng.chance(0.6) ? 9.5 : 14.5) * HOUR, place: `${place}党群服务中心`,
    attendance: [
      ...officers.map((o) => ({ name: o.name, present: rng.chance(0.95) })),
      ...members.map((j) => ({ name: j.name, jointMemberId: j.id, present: rng.chance(0.85) })),
    ],
    minutes: `会议由${officers[0]?.name ?? '书记'}主持，${topic}。各成员单位通报了共建资源和需求，协商确定了下阶段共建项目。`,
    decisions: Array.from({ length: rng.int(1, 3) }, () => {
      const due = day + rng.int(14, 90);
      return { item: rng.pick(DECISIONS), owner: rng.pick(owners), dueOn: dayString(due), done: due < p.endDay && rng.chance(0.8) };
    }),
  };
  p.out.meetings.push(m);
}

/** 结对共建: the community's organization with its institutions (and a 红色物业 with the property company). */
function partnerships(c: CommunityParty): void {
  const { p, rng, pool } = c;
  const pairs: { institutionId: number; name: string; partnerOrgId: number | null; org: DemoPartyOrg }[] = [];
  for (const i of c.institutions) if (rng.chance(0.7)) pairs.push({ institutionId: i.id, name: i.name, partnerOrgId: i.org.id, org: c.org });
  for (const pc of pool.organizations.filter((o) => o.kind === 'propertyCompany')) if (rng.chance(0.4)) pairs.push({ institutionId: pc.id, name: pc.name, partnerOrgId: null, org: c.org });
  // An estate's branch pairs with an institution now and then (新兴县翔顺筠州花园小区党支部 …).
  const estateBranch = c.orgs.find((o) => o.attachKind === 'estate');
  if (estateBranch && c.institutions.length && rng.chance(0.3)) {
    const i = rng.pick(c.institutions);
    pairs.push({ institutionId: i.id, name: i.name, partnerOrgId: i.org.id, org: estateBranch });
  }
  for (const x of pairs) {
    const id = p.id('partnership');
    const startAgo = rng.int(90, 1100);
    const endOn = rng.chance(0.5) ? dayString(p.endDay - startAgo + 3 * 365) : null;
    p.out.partnerships.push({
      id, orgId: x.org.id, institutionId: x.institutionId, partnerOrgId: x.partnerOrgId, regionCode: x.org.regionCode, title: `${x.org.name.replace(/^中共/, '')}与${x.name}结对共建`,
      terms: '联组织、联资源、联治理、联服务：每季度至少开展一次共建活动，共享阵地和志愿服务资源，共同解决辖区群众急难愁盼问题。', startOn: dayString(p.endDay - startAgo), endOn,
    });
    for (let n = Math.min(Math.ceil(startAgo / 45), rng.int(4, 10)); n > 0; n--) {
      p.out.activities.push({ partnershipId: id, heldOn: p.day(rng, Math.min(startAgo, 365), 1), title: rng.pick(PARTNERSHIP_ACTIVITIES), note: '', participants: rng.int(8, 60) });
    }
  }
}

/** 双报到: most institution branches and in-service members register at the community where they are (live). */
function registrations(c: CommunityParty): void {
  const { p, rng } = c;
  for (const i of c.institutions) {
    if (!rng.chance(0.9)) continue;
    register(c, { kind: 'organization', partyOrgId: i.org.id, memberId: null, institutionId: i.id, registeredAgo: rng.int(200, 1100), org: true });
  }
  for (const m of c.members) {
    const eligible = m.kind === 'inService' && !m.archivedOn && (m.residentId !== null || m.account?.startsWith('dy'));
    if (!eligible || !(m.account || rng.chance(0.75))) continue;
    const joinedAgo = p.endDay - Math.floor(Date.parse(`${m.joinedPartyOn}T00:00:00Z`) / 86_400_000);
    register(c, { kind: 'member', partyOrgId: null, memberId: m.id, institutionId: m.institutionId, registeredAgo: Math.max(1, Math.min(joinedAgo, rng.int(30, 900))), org: false, keep: !!m.account });
  }
}

function register(c: CommunityParty, r: { kind: 'organization' | 'member'; partyOrgId: number | null; memberId: number | null; institutionId: number | null; registeredAgo: number; org: boolean; keep?: boolean }): void {
  const { p, rng } = c;
  const id = p.id('registration');
  const registeredDay = p.endDay - r.registeredAgo;
  const left = !r.org && !r.keep && rng.chance(0.03) ? registeredDay + rng.int(1, r.registeredAgo) : null;
  p.out.registrations.push({
    id, kind: r.kind, partyOrgId: r.partyOrgId, memberId: r.memberId, institutionId: r.institutionId, regionCode: c.community.code, registeredOn: dayString(registeredDay),
    deregisteredOn: left === null ? null : dayString(left), deregisterReason: left === null ? null : rng.pick(['工作调动', '搬离本社区']),
  });
  const until = left ?? p.endDay;
  for (const [title, duty] of rng.shuffle([...PIONEER_POSTS]).slice(0, r.org ? rng.int(1, 3) : rng.chance(0.3) ? 1 : 0)) p.out.posts.push({ registrationId: id, title, duty });
  for (let n = r.org ? rng.int(2, 5) : rng.int(1, 3); n > 0; n--) {
    const due = registeredDay + rng.int(30, Math.max(31, until + 120 - registeredDay));
    const past = due <= p.endDay;
    const status = past ? rng.weighted({ kept: 80, missed: 10, pending: 10 }) : rng.chance(0.15) ? 'kept' : 'pending';
    const fulfilled = status === 'kept' ? Math.min(p.endDay, Math.max(registeredDay + 1, due - rng.int(0, 30))) : null;
    p.out.pledges.push({ registrationId: id, title: rng.pick(PLEDGES), dueOn: dayString(due), status, fulfilledOn: fulfilled === null ? null : dayString(fulfilled), evidence: status === 'kept' ? '已完成，留存活动照片和签到表' : '' });
  }
  const from = Math.max(registeredDay, p.endDay - 365);
  for (let n = r.org ? rng.int(4, 14) : rng.int(1, 10); n > 0 && from < until; n--) {
    p.out.services.push({ registrationId: id, servedOn: dayString(rng.int(from, until)), hours: r.org ? rng.int(8, 80) / 2 : rng.int(2, 8) / 2, activity: rng.pick(SERVICES) });
  }
}
