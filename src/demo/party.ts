// Party building for the demo city (党建引领), in the proportions the Yunfu article gives for its
// 2.4 million people: 5,703 basic-level organizations (党工委, 党委/党总支, 党支部; the 党小组
// inside branches are not counted among them), about 72,000 members and 13,000 liaison
// households (党员中心户), scaled by the population. The tree follows the grids: a street working
// committee (大工委) and its organ branch per street; a committee or general branch per community
// (mostly joint: 大党委); a branch per grid where members are enough (the rest a grid group
// under a neighbouring branch: 片区党支部); groups of liaison households under a leader; the
// resident institutions' branches; a few temporary branches. Members are the population's party
// members (political status agrees), with kinds, skills, joining dates and officers; then joint
// committees, meetings, partnerships, leader contacts and dual registration (party.extras.ts).
// Pure and deterministic: same city, pools, seed and end date → the same rows.
import type { MemberKind, OfficerRole, PartyOrgKind } from '../modules/party/party.model.ts';
import type { RegionInput } from '../modules/regions/index.ts';
import { codeHash } from './cases.actors.ts';
import { dayString, localDay } from './cases.clock.ts';
import type { DemoCity } from './index.ts';
import { Mobiles, personName } from './names.ts';
import { CommunityParty } from './party.community.ts';
import { streetContacts } from './party.extras.ts';
import { RegionIndex, type CommunityPool } from './party.pool.ts';
import { emptyParty, type DemoMember, type DemoOfficer, type DemoPartyOrg, type PartyDemo } from './party.rows.ts';
import { PARTY_PER_RESIDENT } from './party.shares.ts';
import { SKILLS, TEMPORARY_BRANCHES } from './party.words.ts';
import { populationSize } from './population.ts';
import { Rng } from './random.ts';

export type * from './party.rows.ts';

export { MEMBER_MIX, PARTY_PER_RESIDENT } from './party.shares.ts';
/** Resident institutions per community in the population (派出所 0.6, 小学 0.5). */
const INSTITUTIONS_PER_COMMUNITY = 1.1;

export interface PartyOptions {
  /** The load date: the year of meetings, visits and services ends here. */
  end: number | Date;
  seed?: number;
  /** Residents the pools will hold in all (default: the population's planned size). */
  residents?: number;
}

export class PartyPlanner {
  readonly out: PartyDemo = emptyParty();
  readonly ix: RegionIndex;
  readonly end: number;
  readonly endDay: number;
  readonly seed: number;
  readonly mobiles: Mobiles;
  /** Members per organization (kept as members move into groups), for officers and counts. */
  readonly byOrg = new Map<number, DemoMember[]>();
  private readonly officersByOrg = new Map<number, DemoOfficer[]>();
  readonly streetOrg = new Map<string, DemoPartyOrg>();
  /** A temporary branch waiting for the first community of its street. */
  readonly pendingTemporary = new Map<string, [string, number]>();
  /** Share of grids with their own branch, so that organizations come to the article's count. */
  readonly branchShare: number;
  private readonly next = { org: 0, member: 0, liaison: 0, joint: 0, partnership: 0, contact: 0, registration: 0 };
  private readonly planned = new Map<string, [number, number]>();

  constructor(readonly city: DemoCity, opts: PartyOptions) {
    this.ix = new RegionIndex(city);
    this.end = typeof opts.end === 'number' ? opts.end : opts.end.getTime();
    this.endDay = localDay(this.end);
    this.seed = opts.seed ?? city.seed;
    this.mobiles = new Mobiles(new Rng(this.seed ^ 0x9a27));
    const residents = opts.residents ?? populationSize(city).residents;
    const streets = this.ix.levels(3);
    const communities = this.ix.levels(4).length;
    const rng = new Rng(codeHash(this.seed, 'party:streets'));
    streets.forEach((s, i) => {
      // "A few": one street in two, and always the first (so the small city shows one).
      if (i === 0 || rng.chance(0.5)) this.pendingTemporary.set(s.code, rng.pick(TEMPORARY_BRANCHES));
    });
    const fixed = streets.length * 2 + communities * (1 + INSTITUTIONS_PER_COMMUNITY) + this.pendingTemporary.size;
    this.branchShare = Math.min(1, Math.max(0.3, (PARTY_PER_RESIDENT.orgs * residents - fixed) / Math.max(1, this.ix.levels(5).length)));
    for (const s of streets) this.streetOrgs(new Rng(codeHash(this.seed, `party:${s.code}`)), s);
  }

  /** Rounds a running total: over many communities the sum of the parts is the rounded whole. */
  take(key: string, exact: number): number {
    const [p, e] = this.planned.get(key) ?? [0, 0];
    const n = Math.round(p + exact) - e;
    this.planned.set(key, [p + exact, e + n]);
    return n;
  }

  id(kind: keyof PartyPlanner['next']): number {
    return ++this.next[kind];
  }

  day(rng: Rng, fromDaysAgo: number, toDaysAgo: number): string {
    return dayString(this.endDay - rng.int(toDaysAgo, fromDaysAgo));
  }

  org(o: Partial<DemoPartyOrg> & Pick<DemoPartyOrg, 'kind' | 'name' | 'regionCode'>): DemoPartyOrg {
    const row: DemoPartyOrg = {
      id: this.id('org'), parentId: null, attachKind: 'region', estateId: null, buildingId: null, institutionId: null, joint: false, establishedOn: null, startOn: null, endOn: null, note: '', ...o,
    };
    this.out.orgs.push(row);
    this.byOrg.set(row.id, []);
    return row;
  }

  /** A member; `resident` links the registry record (name, gender, birth date and mobile come from it). */
  member(rng: Rng, m: { kind: MemberKind; org: DemoPartyOrg; regionCode: string; resident?: { id: number; name: string; gender: 'male' | 'female'; birthDate: string }; employer?: string; institutionId?: number | null; account?: { username: string; displayName: string; mobile: string } }): DemoMember {
    const gender = m.resident?.gender ?? (rng.chance(0.6) ? 'male' : 'female');
    const endYear = new Date(this.end).getUTCFullYear();
    const age = m.resident ? endYear - Number(m.resident.birthDate.slice(0, 4)) : m.kind === 'retired' ? rng.int(60, 85) : rng.int(26, 58);
    const birthDate = m.resident?.birthDate ?? `${endYear - age}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const probationary = m.kind === 'inService' && age < 40 && rng.chance(0.06);
    const joinedAge = Math.min(age - 1, rng.int(20, Math.max(21, Math.min(age - 1, 45))));
    // Full members joined more than a year ago (a year of probation), at 20–45.
    const latest = dayString(this.endDay - 400);
    let joined = probationary ? this.day(rng, 330, 30) : `${Number(birthDate.slice(0, 4)) + joinedAge}-${String(rng.int(1, 12)).padStart(2, '0')}-01`;
    if (!probationary && joined > latest) {
      // Joined recently: between the 18th birthday (or five years back) and a year of probation ago.
      const adult = Math.floor(Date.parse(`${Number(birthDate.slice(0, 4)) + 18}${birthDate.slice(4)}T00:00:00Z`) / 86_400_000);
      joined = dayString(rng.int(Math.min(this.endDay - 400, Math.max(adult, this.endDay - 2000)), this.endDay - 400));
    }
    const skills = rng.chance(0.55) ? rng.shuffle([...SKILLS]).slice(0, rng.int(1, 3)) : [];
    const row: DemoMember = {
      id: this.id('member'), residentId: m.resident?.id ?? null, name: m.account?.displayName ?? m.resident?.name ?? personName(rng), gender, birthDate,
      mobile: m.resident ? null : (m.account?.mobile ?? this.mobiles.next()), kind: m.kind, orgId: m.org.id, regionCode: m.regionCode,
      joinedPartyOn: joined, standing: probationary ? 'probationary' : 'full', employer: m.employer ?? '',
      institutionId: m.institutionId ?? null, skills, archivedOn: null, leftReason: null, account: m.account?.username ?? null,
    };
    if (probationary && row.residentId !== null) this.out.probationaryResidents.push(row.residentId);
    this.out.members.push(row);
    this.byOrg.get(m.org.id)!.push(row);
    return row;
  }

  move(member: DemoMember, to: DemoPartyOrg): void {
    const from = this.byOrg.get(member.orgId)!;
    from.splice(from.indexOf(member), 1);
    member.orgId = to.id;
    this.byOrg.get(to.id)!.push(member);
  }

  addOfficer(o: DemoOfficer): void {
    this.out.officers.push(o);
    (this.officersByOrg.get(o.orgId) ?? this.officersByOrg.set(o.orgId, []).get(o.orgId)!).push(o);
  }

  officersOf(orgId: number): DemoOfficer[] {
    return this.officersByOrg.get(orgId) ?? [];
  }

  /** Secretary (given or the likeliest), deputy, committee members: all from `pool`, each once. */
  officers(rng: Rng, org: DemoPartyOrg, pool: DemoMember[], o: { secretary?: DemoMember; deputy?: boolean; committee: [number, number]; fromOn: string }): void {
    const active = pool.filter((m) => !m.archivedOn);
    if (active.length === 0 && !o.secretary) return;
    const ranked = rng.shuffle([...active]).sort((a, b) => rank(a) - rank(b));
    const taken = new Set<number>();
    const add = (m: DemoMember | undefined, role: OfficerRole) => {
      if (!m || taken.has(m.id)) return;
      taken.add(m.id);
      this.addOfficer({ orgId: org.id, memberId: m.id, role, fromOn: o.fromOn });
    };
    add(o.secretary ?? ranked[0], 'secretary');
    const rest = ranked.filter((m) => !taken.has(m.id));
    if (o.deputy) add(rest.shift(), 'deputySecretary');
    for (let n = rng.int(...o.committee); n > 0 && rest.length; n--) add(rest.shift(), 'committeeMember');
  }

  /** A community's party organizations, members, links and the rest; pools in any order, each once. */
  community(pool: CommunityPool): void {
    new CommunityParty(this, new Rng(codeHash(this.seed, `party:${pool.communityCode}`)), pool).run();
  }

  /** The street working committee (大工委) and its organ branch of street cadres. */
  private streetOrgs(rng: Rng, street: RegionInput): void {
    const committee = this.org({ kind: 'streetWorkingCommittee', name: `中共${street.name}工作委员会`, regionCode: street.code, joint: true, establishedOn: this.day(rng, 9000, 4000) });
    const organ = this.org({ kind: 'branch', parentId: committee.id, name: `${street.name}机关党支部`, regionCode: street.code, establishedOn: this.day(rng, 9000, 4000) });
    this.streetOrg.set(street.code, committee);
    const cadres = Array.from({ length: rng.int(8, 16) }, () => this.member(rng, { kind: 'inService', org: organ, regionCode: street.code, employer: `${street.name}${street.kind === 'town' ? '人民政府' : '办事处'}` }));
    for (const m of cadres) this.out.memberships.push({ memberId: m.id, orgId: organ.id, fromOn: m.joinedPartyOn > organ.establishedOn! ? m.joinedPartyOn : organ.establishedOn!, toOn: null, reason: '' });
    this.officers(rng, committee, cadres, { deputy: true, committee: [3, 5], fromOn: this.day(rng, 1500, 900) });
    this.officers(rng, organ, cadres, { committee: [2, 2], fromOn: this.day(rng, 1500, 700) });
    streetContacts(this, rng, street);
  }

  finish(): PartyDemo {
    return this.out;
  }
}

/** Officers are likelier among in-service and younger retired members. */
const rank = (m: DemoMember): number => (m.kind === 'inService' ? 0 : m.kind === 'retired' ? 1 : 2);

/** The whole party demo over a sequence of pools (tests; the loader drives the planner itself). */
export function generateParty(city: DemoCity, pools: Iterable<CommunityPool>, opts: PartyOptions): PartyDemo {
  const planner = new PartyPlanner(city, opts);
  for (const pool of pools) planner.community(pool);
  return planner.finish();
}

export type { PartyOrgKind };
