// One community's party building (party.ts plans the whole): its committee or general branch,
// the resident institutions' branches, community cadres, the grid members picked from the
// population's party members by kind, a branch per grid where members are enough (a grid group
// under a neighbouring branch elsewhere), a temporary branch where its street has one; then
// liaison households and groups (party.links.ts), officers, membership history, and joint
// committees, partnerships, contacts and registrations (party.extras.ts).
import type { MemberKind } from '../modules/party/party.model.ts';
import type { RegionInput } from '../modules/regions/index.ts';
import { dayString } from './cases.clock.ts';
import type { DemoAccount } from './index.ts';
import { communityExtras } from './party.extras.ts';
import { liaisons } from './party.links.ts';
import type { CommunityPool, PoolResident } from './party.pool.ts';
import type { DemoMember, DemoPartyOrg } from './party.rows.ts';
import { EMPLOYERS } from './party.words.ts';
import { MEMBER_MIX, PARTY_PER_RESIDENT } from './party.shares.ts';
import type { PartyPlanner } from './party.ts';
import type { Rng } from './random.ts';

const KINDS: MemberKind[] = ['inService', 'retired', 'mobile', 'seasonal'];

export class CommunityParty {
  readonly community: RegionInput;
  readonly street: RegionInput;
  readonly grids: RegionInput[];
  readonly members: DemoMember[] = [];
  readonly orgs: DemoPartyOrg[] = [];
  /** The organization a grid's members belong to: its own branch, or its grid group. */
  readonly gridOrg = new Map<string, DemoPartyOrg>();
  readonly ownBranch = new Set<string>();
  /** The estate of a grid (residential grids have one), and the grids whose estate has its group. */
  readonly estateOf = new Map<string, { id: number; name: string }>();
  readonly estateGroup = new Set<string>();
  readonly institutions: { id: number; name: string; regionCode: string; org: DemoPartyOrg }[] = [];
  readonly accounts: DemoAccount[];
  /** Party members of the population by grid (shuffled), not yet picked. */
  private readonly candidates = new Map<string, PoolResident[]>();
  readonly byGrid = new Map<string, DemoMember[]>();
  /** 社区两委: members of the community's own organization, never moved into a grid's. */
  private readonly cadreIds = new Set<number>();
  org!: DemoPartyOrg;

  constructor(readonly p: PartyPlanner, readonly rng: Rng, readonly pool: CommunityPool) {
    this.community = p.ix.get(pool.communityCode);
    this.street = p.ix.get(this.community.parentCode!);
    this.grids = p.ix.kids(this.community.code);
    const inCommunity = new Set([this.community.code, ...this.grids.map((g) => g.code), ...this.grids.flatMap((g) => p.ix.kids(g.code).map((m) => m.code))]);
    this.accounts = p.city.accounts.filter((a) => a.scopeCode && inCommunity.has(a.scopeCode));
    const year = new Date(p.end).getUTCFullYear();
    for (const r of pool.residents) {
      const age = year - Number(r.birthDate.slice(0, 4));
      // Probationary members count too: a second run over the loaded registry picks the same people.
      if ((r.political !== 'partyMember' && r.political !== 'probationaryMember') || age < 22) continue;
      (this.candidates.get(r.gridCode) ?? this.candidates.set(r.gridCode, []).get(r.gridCode)!).push(r);
    }
    for (const list of this.candidates.values()) rng.shuffle(list);
    for (const g of this.grids) this.byGrid.set(g.code, []);
    for (const e of pool.estates) if (!this.estateOf.has(e.gridCode)) this.estateOf.set(e.gridCode, e);
  }

  natural(r: PoolResident): MemberKind {
    const age = new Date(this.p.end).getUTCFullYear() - Number(r.birthDate.slice(0, 4));
    if (r.seasonal) return 'seasonal';
    if (r.migrant) return 'mobile';
    return age >= 60 || (r.gender === 'female' && age >= 55) ? 'retired' : 'inService';
  }

  /** An unpicked party member of the grid, of the kind if there is one (else of any kind when `any`). */
  pick(gridCode: string, kind: MemberKind | null, any: boolean): PoolResident | null {
    const list = this.candidates.get(gridCode) ?? [];
    let i = kind ? list.findIndex((r) => this.natural(r) === kind) : 0;
    if (i < 0 && any) i = 0;
    if (i < 0 || i >= list.length) return null;
    return list.splice(i, 1)[0];
  }

  /** Where a resident lives: its own region (micro-grid or grid). */
  private fromResident(r: PoolResident) {
    return { id: r.id, name: r.name, gender: r.gender, birthDate: r.birthDate };
  }

  run(): void {
    const { p, rng, pool, community } = this;
    const target = p.take('members', PARTY_PER_RESIDENT.members * pool.residents.length);
    const committee = target >= 50;
    this.org = this.add(p.org({
      kind: committee ? 'committee' : 'generalBranch', name: `中共${community.name}${committee ? '委员会' : '总支部委员会'}`, regionCode: community.code,
      // The demo accounts' community always has a 大党委, so its secretary's pages show one (the draw
      // is made either way, keeping every later draw the same).
      parentId: p.streetOrg.get(this.street.code)!.id, joint: rng.chance(committee ? 0.85 : 0.3) || this.accounts.some((a) => a.roles.includes('partySecretary')), establishedOn: p.day(rng, 9000, 2500),
    }));
    this.institutionBranches();
    const cadres = this.cadres();
    this.temporary();
    this.gridMembers(target - this.members.length);
    this.branches();
    liaisons(this);
    this.estateGroups();
    this.officersAll(cadres);
    this.history();
    communityExtras(this);
  }

  add(o: DemoPartyOrg): DemoPartyOrg {
    this.orgs.push(o);
    return o;
  }

  private track(m: DemoMember, gridCode?: string): DemoMember {
    this.members.push(m);
    if (gridCode) this.byGrid.get(gridCode)!.push(m);
    return m;
  }

  /** 驻区单位: a branch each, of in-service members working there, half of them living here. */
  private institutionBranches(): void {
    const { p, rng } = this;
    for (const inst of this.pool.organizations.filter((o) => o.kind === 'residentInstitution')) {
      const org = this.add(p.org({ kind: 'branch', name: `${inst.name}党支部`, regionCode: inst.regionCode, attachKind: 'institution', institutionId: inst.id, establishedOn: p.day(rng, 12000, 3000) }));
      this.institutions.push({ ...inst, org });
      for (let n = rng.int(6, 18); n > 0; n--) {
        const grid = rng.pick(this.grids).code;
        const r = rng.chance(0.5) ? this.pick(grid, 'inService', false) : null;
        this.track(p.member(rng, { kind: 'inService', org, regionCode: r?.regionCode ?? inst.regionCode, resident: r ? this.fromResident(r) : undefined, employer: inst.name, institutionId: inst.id }), r ? grid : undefined);
      }
    }
  }

  /** 社区两委 cadres, members of the community's organization itself; the demo's party secretary among them. */
  private cadres(): DemoMember[] {
    const { p, rng } = this;
    const employer = `${this.community.name}${this.community.kind === 'village' ? '村民委员会' : '居民委员会'}`;
    const out: DemoMember[] = [];
    for (const a of this.accounts.filter((x) => x.roles.includes('partySecretary'))) {
      out.push(this.track(p.member(rng, { kind: 'inService', org: this.org, regionCode: this.community.code, employer, account: a })));
    }
    for (let n = rng.int(3, 5); n > 0; n--) {
      const grid = rng.pick(this.grids).code;
      const r = rng.chance(0.6) ? this.pick(grid, 'inService', false) : null;
      out.push(this.track(p.member(rng, { kind: 'inService', org: this.org, regionCode: r?.regionCode ?? this.community.code, resident: r ? this.fromResident(r) : undefined, employer }), r ? grid : undefined));
    }
    for (const m of out) this.cadreIds.add(m.id);
    return out;
  }

  /** The street's temporary branch (if any) sits in its first community: mobile members from elsewhere. */
  private temporary(): void {
    const { p, rng } = this;
    const plan = p.pendingTemporary.get(this.street.code);
    if (!plan) return;
    p.pendingTemporary.delete(this.street.code);
    const [word, days] = plan;
    // Started within the last year and a half; the older ones have ended (expired: the rules flag them).
    const start = p.endDay - rng.int(60, 540);
    const org = this.add(p.org({
      kind: 'temporaryBranch', name: `${this.community.name}${word}`, regionCode: this.community.code, parentId: this.org.id, establishedOn: dayString(start), startOn: dayString(start), endOn: dayString(start + days),
    }));
    for (let n = rng.int(3, 7); n > 0; n--) this.track(p.member(rng, { kind: 'mobile', org, regionCode: this.community.code, employer: rng.pick(['建筑工程公司', '个体经营', '物流公司']) }));
  }

  /** Members living in the grids, by kind towards the city-wide mix, mostly from the population. */
  private gridMembers(total: number): void {
    const { p, rng } = this;
    const all = this.members.length + Math.max(0, total);
    const want = Object.fromEntries(KINDS.map((k) => [k, Math.max(0, Math.round(MEMBER_MIX[k] * all) - this.members.filter((m) => m.kind === k).length)])) as Record<MemberKind, number>;
    const weights = this.grids.map((g) => this.pool.residents.filter((r) => r.gridCode === g.code).length || 1);
    const sum = weights.reduce((a, b) => a + b, 0);
    let planned = 0;
    let done = 0;
    // The demo's party member (dy01) lives in a micro-grid of the first grid: an in-service member there.
    const memberAccounts = this.accounts.filter((a) => a.roles.includes('partyMember'));
    this.grids.forEach((grid, i) => {
      planned += (Math.max(0, total) * weights[i]) / sum;
      let n = Math.round(planned) - done;
      done += n;
      for (const a of memberAccounts.filter((x) => p.ix.gridOf(x.scopeCode!) === grid.code)) {
        this.track(p.member(rng, { kind: 'inService', org: this.org, regionCode: a.scopeCode!, employer: rng.pick(EMPLOYERS), account: a }), grid.code);
        n--;
      }
      for (; n > 0; n--) {
        const kind = rng.weighted(KINDS.some((k) => want[k] > 0) ? want : MEMBER_MIX);
        want[kind] = Math.max(0, want[kind] - 1);
        // A few live outside the registry's reach (relations kept here, home elsewhere); seasonal
        // members (候鸟) short of seasonal residents are such, other kinds fall back to any resident.
        const r = rng.chance(0.06) ? null : (this.pick(grid.code, kind, false) ?? (kind === 'seasonal' ? null : this.pick(grid.code, null, true)));
        const k = r ? this.natural(r) : kind;
        const employer = k === 'inService' ? r?.employer || rng.pick(EMPLOYERS) : k === 'mobile' ? rng.pick(['个体经营', '外出务工', '']) : '';
        this.track(p.member(rng, { kind: k, org: this.org, regionCode: r?.regionCode ?? grid.code, resident: r ? this.fromResident(r) : undefined, employer }), grid.code);
      }
    });
  }

  /**
   * A branch per grid with enough members (the demo accounts' grids first). The other grids
   * become grid groups of one joint branch of the community (网格联合党支部, 片区党支部), so
   * every grid has an organization and every organization sits inside its parent's region.
   */
  private branches(): void {
    const { p, rng } = this;
    const scoped = new Set(this.accounts.filter((a) => (p.ix.byCode.get(a.scopeCode!)?.level ?? 0) >= 5).map((a) => p.ix.gridOf(a.scopeCode!)));
    const eligible = this.grids.filter((g) => this.byGrid.get(g.code)!.length >= 3);
    // Branches the community's share allows; when some grids go without, one slot is the joint branch.
    const slots = p.take('branches', p.branchShare * this.grids.length);
    const own = Math.min(eligible.length, slots >= this.grids.length ? slots : Math.max(0, slots - 1));
    const chosen = new Set(
      [...eligible].sort((a, b) => Number(scoped.has(b.code)) - Number(scoped.has(a.code)) || this.byGrid.get(b.code)!.length - this.byGrid.get(a.code)!.length).slice(0, own).map((g) => g.code),
    );
    for (const g of this.grids.filter((x) => chosen.has(x.code))) {
      const n = this.byGrid.get(g.code)!.length;
      // Named after the estate where the grid is one (小区党支部), attached to the grid itself.
      const org = this.add(p.org({
        kind: n >= 50 ? 'generalBranch' : 'branch', name: `${this.estateOf.get(g.code)?.name ?? g.name}${n >= 50 ? '党总支' : '党支部'}`, regionCode: g.code, parentId: this.org.id,
        establishedOn: p.day(rng, 6000, 600),
      }));
      this.ownBranch.add(g.code);
      this.gridOrg.set(g.code, org);
    }
    const rest = this.grids.filter((g) => !chosen.has(g.code));
    const joint = rest.length
      ? this.add(p.org({ kind: 'branch', name: `${this.community.name}网格联合党支部`, regionCode: this.community.code, parentId: this.org.id, establishedOn: p.day(rng, 4000, 400) }))
      : null;
    for (const g of this.grids) {
      if (!this.gridOrg.has(g.code)) this.gridOrg.set(g.code, this.add(p.org({ kind: 'group', name: `${g.name}党小组`, regionCode: g.code, parentId: joint!.id, establishedOn: p.day(rng, 3000, 300) })));
      for (const m of this.byGrid.get(g.code)!) if (m.orgId === this.org.id && !this.cadreIds.has(m.id)) p.move(m, this.gridOrg.get(g.code)!);
    }
  }

  /** An estate without a group of its own gets one (小区党小组) where its branch has members enough to spare. */
  private estateGroups(): void {
    const { p, rng } = this;
    for (const grid of this.ownBranch) {
      const estate = this.estateOf.get(grid);
      const branch = this.gridOrg.get(grid)!;
      const spare = p.byOrg.get(branch.id)!.filter((m) => !m.archivedOn && m.account === null);
      if (!estate || this.estateGroup.has(grid) || spare.length < 6) continue;
      this.estateGroup.add(grid);
      const group = this.add(p.org({ kind: 'group', parentId: branch.id, regionCode: grid, establishedOn: p.day(rng, 2500, 200), name: `${estate.name}党小组`, attachKind: 'estate', estateId: estate.id }));
      for (const m of rng.shuffle(spare).slice(0, rng.int(3, Math.min(8, Math.floor(spare.length / 2))))) p.move(m, group);
    }
  }

  private officersAll(cadres: DemoMember[]): void {
    const { p, rng } = this;
    const election = p.day(rng, 1900, 1500);
    const secretary = cadres.find((m) => m.account !== null);
    const branchSecretaries = () =>
      this.orgs.filter((x) => x.parentId === this.org.id && x.kind !== 'group').flatMap((x) => p.officersOf(x.id).filter((o) => o.role === 'secretary').map((o) => p.out.members[o.memberId - 1]));
    for (const org of this.orgs) {
      if (org === this.org) continue;
      const members = p.byOrg.get(org.id)!;
      if (org.kind === 'group') {
        // A group's leader (党小组长) is recorded as its secretary; groups of liaisons already have theirs.
        if (p.officersOf(org.id).length === 0) p.officers(rng, org, members, { committee: [0, 0], fromOn: p.day(rng, 1200, 100) });
        continue;
      }
      const all = [...members, ...this.orgs.filter((x) => x.parentId === org.id && x.kind === 'group').flatMap((x) => p.byOrg.get(x.id)!)];
      // A branch committee (支部委员会) from seven members up; smaller branches have a secretary only.
      p.officers(rng, org, all, { deputy: org.kind === 'generalBranch', committee: all.length >= 7 ? [2, 4] : [0, 0], fromOn: org.kind === 'temporaryBranch' ? org.startOn! : election });
    }
    p.officers(rng, this.org, [...cadres, ...branchSecretaries()], { secretary, deputy: true, committee: [3, 5], fromOn: election });
  }

  /** Membership history: the current stay; for some an earlier one in another of the community's organizations; a few transferred out this year. */
  private history(): void {
    const { p, rng } = this;
    const others = this.orgs.filter((o) => o.kind !== 'temporaryBranch');
    for (const m of this.members) {
      const since = m.joinedPartyOn > (p.out.orgs[m.orgId - 1].establishedOn ?? '') ? m.joinedPartyOn : (p.out.orgs[m.orgId - 1].establishedOn ?? m.joinedPartyOn);
      if (rng.chance(0.06) && others.length > 1) {
        const prev = rng.pick(others.filter((o) => o.id !== m.orgId));
        const moved = p.day(rng, 900, 30);
        if (moved > since) {
          p.out.memberships.push({ memberId: m.id, orgId: prev.id, fromOn: since, toOn: moved, reason: '' });
          p.out.memberships.push({ memberId: m.id, orgId: m.orgId, fromOn: moved, toOn: null, reason: '组织关系转接' });
          continue;
        }
      }
      p.out.memberships.push({ memberId: m.id, orgId: m.orgId, fromOn: since, toOn: null, reason: '' });
    }
    // Transferred out during the year: kept as archived members with the day they left.
    for (let n = Math.round(this.members.length * 0.01 + this.rng.next()); n > 0; n--) {
      const grid = rng.pick(this.grids).code;
      const org = this.gridOrg.get(grid)!;
      const m = p.member(rng, { kind: rng.pick(['inService', 'retired', 'mobile'] as const), org, regionCode: grid });
      p.byOrg.get(org.id)!.pop();
      m.archivedOn = p.day(rng, 360, 5);
      m.leftReason = 'transferredOut';
      p.out.memberships.push({ memberId: m.id, orgId: org.id, fromOn: m.joinedPartyOn, toOn: m.archivedOn, reason: '组织关系转出' });
    }
  }
}

