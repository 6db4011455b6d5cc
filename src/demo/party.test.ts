// The demo's party building, generated without a database: the Yunfu article's proportions at
// `small` and `city` scale, a consistent organization tree, members who are the population's
// party members, household links within their ranges (a few outside) and never doubled, officers,
// registrations, and the demo accounts in their places. Deterministic.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCity, type DemoCity } from './index.ts';
import { generateParty, MEMBER_MIX, PARTY_PER_RESIDENT, type PartyDemo } from './party.ts';
import { poolsFromPopulation, RegionIndex, syntheticPools, type CommunityPool } from './party.pool.ts';

const END = Date.parse('2026-11-20T07:30:00Z'); // a Friday, 15:30 in Shanghai
let city: DemoCity;
let pools: CommunityPool[];
let party: PartyDemo;
let residents: number;
let big: { city: DemoCity; party: PartyDemo; residents: number };

const active = (d: PartyDemo) => d.members.filter((m) => !m.archivedOn);
const basic = (d: PartyDemo) => d.orgs.filter((o) => o.kind !== 'group');
const within = (x: number, expected: number, tolerance: number) => expect(Math.abs(x - expected) / expected).toBeLessThanOrEqual(tolerance);

beforeAll(() => {
  city = generateDemoCity({ scale: 'small' });
  pools = [...poolsFromPopulation(city)];
  residents = pools.reduce((s, p) => s + p.residents.length, 0);
  party = generateParty(city, pools, { end: END });
  const c = generateDemoCity({ scale: 'city' });
  let n = 0;
  const counted = (function* () {
    for (const p of syntheticPools(c)) {
      n += p.residents.length;
      yield p;
    }
  })();
  const d = generateParty(c, counted, { end: END });
  big = { city: c, party: d, residents: n };
}, 180_000);

describe('demo party: proportions', () => {
  it('small: organizations, members and liaison households scale with the population', () => {
    expect(residents).toBeGreaterThan(25_000);
    within(basic(party).length, PARTY_PER_RESIDENT.orgs * residents, 0.1);
    within(active(party).length, PARTY_PER_RESIDENT.members * residents, 0.05);
    within(party.liaisons.length, PARTY_PER_RESIDENT.liaisons * residents, 0.05);
    // Groups (党小组) are extra: some on buildings.
    expect(party.orgs.filter((o) => o.kind === 'group').length).toBeGreaterThan(10);
    expect(party.orgs.some((o) => o.kind === 'group' && o.attachKind === 'building')).toBe(true);
    expect(party.orgs.filter((o) => o.kind === 'temporaryBranch').length).toBeGreaterThanOrEqual(1);
  });

  it('city: about 5,703 organizations, 72,000 members and 13,000 liaison households for 2.4 million people', () => {
    expect(big.residents).toBeGreaterThan(2_300_000);
    within(basic(big.party).length, 5703, 0.03);
    within(active(big.party).length, 72_000, 0.03);
    within(big.party.liaisons.length, 13_000, 0.03);
    const kinds = new Map<string, number>();
    for (const o of big.party.orgs) kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
    expect(kinds.get('streetWorkingCommittee')).toBe(big.city.regions.filter((r) => r.level === 3).length);
    expect((kinds.get('committee') ?? 0) + (kinds.get('generalBranch') ?? 0)).toBeGreaterThanOrEqual(big.city.regions.filter((r) => r.level === 4).length);
    expect(kinds.get('temporaryBranch')).toBeGreaterThan(10);
    expect(kinds.get('temporaryBranch')).toBeLessThan(60);
  });

  it('mixes member kinds: in-service ≈ 40 %, retired ≈ 45 %, mobile and seasonal', () => {
    for (const d of [party, big.party]) {
      const list = active(d);
      for (const [kind, share] of Object.entries(MEMBER_MIX)) {
        const got = list.filter((m) => m.kind === kind).length / list.length;
        expect(Math.abs(got - share), `${kind} ${got.toFixed(3)}`).toBeLessThan(share * 0.25 + 0.01);
      }
      expect(list.filter((m) => m.skills.length > 0).length / list.length).toBeGreaterThan(0.4);
      expect(list.filter((m) => m.institutionId !== null).length).toBeGreaterThan(0);
    }
  });
});

describe('demo party: consistency', () => {
  it('builds one tree: parents exist, sit above their children, kinds at their levels', () => {
    const ix = new RegionIndex(city);
    const byId = new Map(party.orgs.map((o) => [o.id, o]));
    const ancestors = (code: string) => {
      const out = new Set<string>();
      for (let r = ix.byCode.get(code); r; r = r.parentCode ? ix.byCode.get(r.parentCode) : undefined) out.add(r.code);
      return out;
    };
    for (const o of party.orgs) {
      expect(ix.byCode.has(o.regionCode)).toBe(true);
      if (o.parentId === null) {
        expect(['streetWorkingCommittee', 'branch']).toContain(o.kind);
        if (o.kind === 'branch') expect(o.attachKind).toBe('institution');
        continue;
      }
      const parent = byId.get(o.parentId)!;
      expect(parent, `${o.name}'s parent`).toBeDefined();
      expect(ancestors(o.regionCode).has(parent.regionCode), `${o.name} under ${parent.name}`).toBe(true);
      expect(parent.kind).not.toBe('group');
    }
    const level = (o: PartyDemo['orgs'][number]) => ix.get(o.regionCode).level;
    for (const o of party.orgs.filter((x) => x.kind === 'streetWorkingCommittee')) expect([level(o), o.joint]).toEqual([3, true]);
    for (const o of party.orgs.filter((x) => x.kind === 'committee')) expect(level(o)).toBe(4);
    expect(party.orgs.filter((x) => x.kind === 'committee' && x.joint).length).toBeGreaterThan(party.orgs.filter((x) => x.kind === 'committee').length / 2);
    // Every grid has an organization attached to it (its branch, or a grid group of the joint
    // branch), and nearly every estate one of its own (小区党小组): the rules' warnings stay few.
    for (const g of ix.levels(5)) expect(party.orgs.some((o) => o.regionCode === g.code && o.attachKind === 'region'), g.code).toBe(true);
    const estates = pools.flatMap((p) => p.estates);
    const covered = estates.filter((e) => party.orgs.some((o) => o.attachKind === 'estate' && o.estateId === e.id)).length;
    expect(covered / estates.length).toBeGreaterThan(0.8);
    for (const o of party.orgs.filter((x) => x.kind === 'temporaryBranch')) expect(o.startOn! < o.endOn!).toBe(true);
  });

  it('gives every member an organization, one open membership there, and a place', () => {
    const orgs = new Set(party.orgs.map((o) => o.id));
    const open = new Map<number, number[]>();
    for (const m of party.memberships) if (m.toOn === null) (open.get(m.memberId) ?? open.set(m.memberId, []).get(m.memberId)!).push(m.orgId);
    for (const m of party.members) {
      expect(orgs.has(m.orgId)).toBe(true);
      if (m.archivedOn) {
        expect(open.has(m.id)).toBe(false);
        expect(m.leftReason).toBe('transferredOut');
      } else expect(open.get(m.id)).toEqual([m.orgId]);
      expect(m.joinedPartyOn < '2026-11-20').toBe(true);
      // Not before the 18th birthday.
      expect(m.joinedPartyOn >= `${Number(m.birthDate.slice(0, 4)) + 18}${m.birthDate.slice(4)}`, `${m.birthDate} ${m.joinedPartyOn}`).toBe(true);
    }
    expect(party.memberships.some((m) => m.reason === '组织关系转接')).toBe(true);
  });

  it('takes members from the population\'s party members, each resident once, probationary ones marked', () => {
    const byId = new Map(pools.flatMap((p) => p.residents).map((r) => [r.id, r]));
    const seen = new Set<number>();
    const linked = active(party).filter((m) => m.residentId !== null);
    expect(linked.length / active(party).length).toBeGreaterThan(0.75);
    for (const m of linked) {
      const r = byId.get(m.residentId!)!;
      expect(r.political).toBe('partyMember');
      expect([m.name, m.gender, m.birthDate, m.mobile]).toEqual([r.name, r.gender, r.birthDate, null]);
      expect(seen.has(r.id)).toBe(false);
      seen.add(r.id);
    }
    expect(party.probationaryResidents.length).toBeGreaterThan(0);
    for (const id of party.probationaryResidents) expect(party.members.find((m) => m.residentId === id)!.standing).toBe('probationary');
    for (const m of party.members.filter((x) => x.residentId === null)) expect(m.mobile).toMatch(/^1[3-9]\d{9}$/);
  });

  it('names officers among members: one secretary per organization, each officer once', () => {
    const ids = new Set(party.members.map((m) => m.id));
    const keys = new Set<string>();
    const secretaries = new Map<number, number>();
    for (const o of party.officers) {
      expect(ids.has(o.memberId)).toBe(true);
      expect(keys.has(`${o.orgId}|${o.memberId}`)).toBe(false);
      keys.add(`${o.orgId}|${o.memberId}`);
      if (o.role === 'secretary') secretaries.set(o.orgId, (secretaries.get(o.orgId) ?? 0) + 1);
    }
    for (const o of party.orgs) expect(secretaries.get(o.id), o.name).toBe(1);
    expect(party.officers.some((o) => o.role === 'deputySecretary')).toBe(true);
    expect(party.officers.filter((o) => o.role === 'committeeMember').length).toBeGreaterThan(party.orgs.length / 2);
  });
});

describe('demo party: household links', () => {
  it('links each household once, never a liaison household, within the liaison\'s grid', () => {
    const households = new Map(pools.flatMap((p) => p.households).map((h) => [h.id, h]));
    const residentsById = new Map(pools.flatMap((p) => p.residents).map((r) => [r.id, r]));
    const members = new Map(party.members.map((m) => [m.id, m]));
    const liaisonHomes = new Set(party.liaisons.map((l) => l.householdId));
    expect(liaisonHomes.size).toBe(party.liaisons.length);
    const linked = new Set<number>();
    const liaisons = new Map(party.liaisons.map((l) => [l.id, l]));
    for (const k of party.links) {
      expect(linked.has(k.householdId)).toBe(false);
      expect(liaisonHomes.has(k.householdId)).toBe(false);
      linked.add(k.householdId);
      const l = liaisons.get(k.liaisonId)!;
      expect(households.get(k.householdId)!.gridCode).toBe(households.get(l.householdId)!.gridCode);
    }
    for (const l of party.liaisons) {
      // The liaison household is the member's own.
      const m = members.get(l.memberId)!;
      expect(residentsById.get(m.residentId!)!.householdId).toBe(l.householdId);
    }
  });

  it('keeps most liaisons at 30–50 households and most leaders at 5–10 liaisons, a few outside', () => {
    for (const d of [party, big.party]) {
      const per = new Map<number, number>();
      for (const k of d.links) per.set(k.liaisonId, (per.get(k.liaisonId) ?? 0) + 1);
      const counts = d.liaisons.map((l) => per.get(l.id) ?? 0);
      const inRange = counts.filter((n) => n >= 30 && n <= 50).length / counts.length;
      expect(inRange).toBeGreaterThan(0.85);
      expect(inRange).toBeLessThan(1);
      const leaders = new Map<number, number>();
      for (const l of d.liaisons) if (l.leaderMemberId !== null) leaders.set(l.leaderMemberId, (leaders.get(l.leaderMemberId) ?? 0) + 1);
      const ok = [...leaders.values()].filter((n) => n >= 5 && n <= 10).length / leaders.size;
      expect(ok).toBeGreaterThan(0.85);
      expect(d.liaisons.filter((l) => l.leaderMemberId !== null).length).toBe(d.liaisons.length);
      // Leaders lead a group (党小组) as its secretary.
      const groupSecretaries = new Set(d.officers.filter((o) => o.role === 'secretary' && d.orgs[o.orgId - 1].kind === 'group').map((o) => o.memberId));
      for (const id of leaders.keys()) expect(groupSecretaries.has(id)).toBe(true);
    }
  });
});

describe('demo party: joint committees, partnerships, registrations', () => {
  it('gives joint committees part-time members and meetings, partnerships activities, contacts visits', () => {
    const joint = new Set(party.orgs.filter((o) => o.joint).map((o) => o.id));
    expect(party.jointMembers.length).toBeGreaterThan(0);
    for (const j of party.jointMembers) expect(joint.has(j.orgId)).toBe(true);
    expect(party.jointMembers.some((j) => j.institutionId !== null)).toBe(true);
    expect(party.meetings.length).toBeGreaterThan(0);
    for (const m of party.meetings) {
      expect(joint.has(m.orgId)).toBe(true);
      expect(m.heldAt).toBeLessThan(END);
      expect(m.attendance.length).toBeGreaterThan(0);
      expect(m.decisions.length).toBeGreaterThan(0);
    }
    expect(party.partnerships.length).toBeGreaterThan(0);
    expect(new Set(party.activities.map((a) => a.partnershipId)).size).toBe(party.partnerships.length);
    expect(party.contacts.length).toBeGreaterThan(0);
    expect(party.contactVisits.every((v) => v.visitedOn <= '2026-11-20')).toBe(true);
  });

  it('registers institution branches and in-service members at their community, once each, with posts, pledges and hours', () => {
    const ix = new RegionIndex(city);
    const members = new Map(party.members.map((m) => [m.id, m]));
    const orgs = new Map(party.orgs.map((o) => [o.id, o]));
    const activeKeys = new Set<string>();
    for (const r of party.registrations) {
      expect(ix.get(r.regionCode).level).toBe(4);
      if (!r.deregisteredOn) {
        const key = `${r.kind}|${r.partyOrgId ?? r.memberId}`;
        expect(activeKeys.has(key)).toBe(false);
        activeKeys.add(key);
      } else expect(r.deregisteredOn >= r.registeredOn).toBe(true);
      if (r.kind === 'member') {
        const m = members.get(r.memberId!)!;
        expect(m.kind).toBe('inService');
        expect(ix.up(m.regionCode, 4).code).toBe(r.regionCode);
      } else {
        const o = orgs.get(r.partyOrgId!)!;
        expect(o.attachKind).toBe('institution');
        expect(ix.up(o.regionCode, 4).code).toBe(r.regionCode);
      }
    }
    const institutions = party.orgs.filter((o) => o.attachKind === 'institution').length;
    expect(party.registrations.filter((r) => r.kind === 'organization').length).toBeGreaterThanOrEqual(Math.floor(institutions * 0.6));
    const inService = active(party).filter((m) => m.kind === 'inService' && m.residentId !== null).length;
    expect(party.registrations.filter((r) => r.kind === 'member').length / inService).toBeGreaterThan(0.6);
    const statuses = new Set(party.pledges.map((p) => p.status));
    expect([...statuses].sort()).toEqual(['kept', 'missed', 'pending']);
    for (const p of party.pledges) expect(p.status === 'kept').toBe(p.fulfilledOn !== null);
    expect(party.services.reduce((s, x) => s + x.hours, 0)).toBeGreaterThan(1000);
    expect(party.posts.length).toBeGreaterThan(0);
  });
});

describe('demo party: the demo accounts', () => {
  it('makes sj01 the secretary of her community\'s organization and dy01 an in-service member registered at his', () => {
    const ix = new RegionIndex(city);
    const account = (u: string) => city.accounts.find((a) => a.username === u)!;
    const sj = party.members.find((m) => m.account === 'sj01')!;
    const sq01 = account('sq01').scopeCode!;
    const org = party.orgs[sj.orgId - 1];
    // A 大党委 with part-time members and meetings, so the secretary's joint-committee page has them.
    expect([org.regionCode, org.kind, org.joint]).toEqual([sq01, 'committee', true]);
    expect(party.jointMembers.filter((m) => m.orgId === org.id).length).toBeGreaterThanOrEqual(2);
    expect(party.meetings.some((m) => m.orgId === org.id)).toBe(true);
    expect(party.officers.find((o) => o.orgId === org.id && o.role === 'secretary')!.memberId).toBe(sj.id);
    expect([sj.name, sj.mobile]).toEqual([account('sj01').displayName, account('sj01').mobile]);
    const dy = party.members.find((m) => m.account === 'dy01')!;
    expect([dy.kind, dy.regionCode, dy.name]).toEqual(['inService', account('dy01').scopeCode, account('dy01').displayName]);
    const reg = party.registrations.find((r) => r.memberId === dy.id)!;
    expect(reg.regionCode).toBe(ix.up(dy.regionCode, 4).code);
    expect(reg.deregisteredOn).toBeNull();
    // dy01's grid has its own branch.
    expect(party.orgs[dy.orgId - 1].regionCode.startsWith(ix.gridOf(dy.regionCode))).toBe(true);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(generateParty(city, pools, { end: END }))).toBe(JSON.stringify(party));
  });
});
