// The coverage rules on hand-made facts: who is expected where, what counts as registered on a
// day, and how rows and totals add up.
import { describe, expect, it } from 'vitest';
import { computeCoverage, type CoverageFacts, type CoverageRegistration } from './registrations.coverage.ts';

// Street /1/10/, communities /1/10/100/ and /1/10/200/, each with a grid; the street itself holds an agency.
const C1 = '/1/10/100/';
const C2 = '/1/10/200/';
const G1 = `${C1}101/`;
const G2 = `${C2}201/`;
const communities = [
  { id: 100, name: '一社区', path: C1 },
  { id: 200, name: '二社区', path: C2 },
];
const institutions = [
  { id: 7, name: '甲单位' },
  { id: 8, name: '乙单位' },
];

let nextId = 1;
const reg = (r: Partial<CoverageRegistration> & { regionPath: string }): CoverageRegistration => ({
  id: nextId++,
  partyOrgId: null,
  memberId: null,
  institutionId: null,
  registeredOn: '2026-01-01',
  deregisteredOn: null,
  hours: 0,
  pledges: 0,
  pledgesKept: 0,
  pledgesMissed: 0,
  pledgesPending: 0,
  ...r,
});

function facts(over: Partial<CoverageFacts> = {}): CoverageFacts {
  return {
    rootPath: '/1/10/',
    asOf: '2026-06-30',
    communities,
    institutions,
    // Institution 7 sits in community 1 with two organizations; institution 8 at the street.
    orgs: [
      { id: 1, institutionId: 7, regionPath: G1 },
      { id: 2, institutionId: 7, regionPath: G1 },
      { id: 3, institutionId: 8, regionPath: '/1/10/' },
    ],
    // Four members of institution 7 live in community 1; one without an institution in community 2.
    members: [
      { id: 11, institutionId: 7, regionPath: G1 },
      { id: 12, institutionId: 7, regionPath: G1 },
      { id: 13, institutionId: 7, regionPath: G1 },
      { id: 14, institutionId: 7, regionPath: G1 },
      { id: 15, institutionId: null, regionPath: G2 },
    ],
    registrations: [
      reg({ partyOrgId: 1, institutionId: 7, regionPath: C1, hours: 4, pledges: 2, pledgesKept: 1, pledgesPending: 1 }),
      reg({ memberId: 11, institutionId: 7, regionPath: C1, hours: 1.5 }),
      reg({ memberId: 12, institutionId: 7, regionPath: C1 }),
      reg({ memberId: 13, institutionId: 7, regionPath: C1, hours: 0.2, pledges: 1, pledgesMissed: 1 }),
    ],
    ...over,
  };
}

describe('dual registration coverage', () => {
  it('per community: 1 of 2 organizations and 3 of 4 members; an unregistered agency at the street is in the totals only', () => {
    const r = computeCoverage(facts(), 'community');
    expect(r.rows.map((x) => x.subject)).toEqual([
      { id: 100, name: '一社区', type: 'community' },
      { id: 200, name: '二社区', type: 'community' },
    ]);
    expect(r.rows[0]).toMatchObject({ orgsExpected: 2, orgsRegistered: 1, membersExpected: 4, membersRegistered: 3, orgCoverage: 0.5, memberCoverage: 0.75, coverage: 0.6667, serviceHours: 5.7, pledges: 3, pledgesKept: 1, pledgesMissed: 1, pledgesPending: 1 });
    expect(r.rows[1]).toMatchObject({ orgsExpected: 0, membersExpected: 1, membersRegistered: 0, orgCoverage: null, memberCoverage: 0, coverage: 0 });
    expect(r.totals).toMatchObject({ orgsExpected: 3, orgsRegistered: 1, membersExpected: 5, membersRegistered: 3, coverage: 0.5, serviceHours: 5.7 });
    expect(r.outsideCommunities).toEqual({ orgsExpected: 1, membersExpected: 0 });
    expect(r.withoutInstitution).toEqual({ membersExpected: 1, membersRegistered: 0 });
  });

  it('per institution: rows by institution name (pinyin order: 甲 jiǎ before 乙 yǐ), members without one only in the totals', () => {
    const r = computeCoverage(facts(), 'institution');
    expect(r.rows.map((x) => [x.subject.name, x.orgsExpected, x.orgsRegistered, x.membersExpected, x.membersRegistered])).toEqual([
      ['甲单位', 2, 1, 4, 3],
      ['乙单位', 1, 0, 0, 0],
    ]);
    expect(r.rows.find((x) => x.subject.id === 7)).toMatchObject({ serviceHours: 5.7, pledges: 3 });
    expect(r.totals.membersExpected).toBe(5);
  });

  it('an organization registered elsewhere counts at its registration, and leaves a region it is not registered in', () => {
    const f = facts();
    f.registrations.push(reg({ partyOrgId: 3, institutionId: 8, regionPath: C2 }));
    const r = computeCoverage(f, 'community');
    expect(r.rows[1]).toMatchObject({ orgsExpected: 1, orgsRegistered: 1 });
    expect(r.outsideCommunities.orgsExpected).toBe(0);
    // Seen from community 1 alone, neither the agency nor community 2's member is expected.
    const one = computeCoverage({ ...f, rootPath: C1, communities: [communities[0]] }, 'community');
    expect(one.totals).toMatchObject({ orgsExpected: 2, membersExpected: 4 });
    // A member of community 1 registered at community 2 (moved since) counts at community 2.
    f.registrations.find((x) => x.memberId === 12)!.regionPath = C2;
    const moved = computeCoverage({ ...f, rootPath: C1, communities: [communities[0]] }, 'community');
    expect(moved.totals).toMatchObject({ membersExpected: 3, membersRegistered: 2 });
  });

  it('registered on a day: from the registration day, up to the day before it ends', () => {
    const f = (asOf: string) =>
      facts({
        asOf,
        members: [{ id: 11, institutionId: 7, regionPath: G1 }],
        orgs: [],
        registrations: [reg({ memberId: 11, institutionId: 7, regionPath: C1, registeredOn: '2026-03-01', deregisteredOn: '2026-03-31' })],
      });
    const registered = (asOf: string) => computeCoverage(f(asOf), 'community').totals.membersRegistered;
    expect(['2026-02-28', '2026-03-01', '2026-03-30', '2026-03-31'].map(registered)).toEqual([0, 1, 1, 0]);
  });

  it('a new registration after an ended one counts once', () => {
    const r = computeCoverage(
      facts({
        orgs: [],
        members: [{ id: 11, institutionId: 7, regionPath: G1 }],
        registrations: [
          reg({ memberId: 11, institutionId: 7, regionPath: C1, registeredOn: '2026-01-01', deregisteredOn: '2026-02-01', hours: 2 }),
          reg({ memberId: 11, institutionId: 7, regionPath: C1, registeredOn: '2026-02-01', hours: 3 }),
        ],
      }),
      'community',
    );
    expect(r.totals).toMatchObject({ membersExpected: 1, membersRegistered: 1, memberCoverage: 1, serviceHours: 5 });
  });

  it('the whole system reports everything; nothing expected gives no rate', () => {
    const all = computeCoverage(facts({ rootPath: '/' }), 'community');
    expect(all.totals.orgsExpected).toBe(3);
    const none = computeCoverage(facts({ orgs: [], members: [], registrations: [] }), 'community');
    expect(none.totals).toMatchObject({ coverage: null, orgCoverage: null, memberCoverage: null, serviceHours: 0 });
  });

  it('full coverage at the Chengmai scale: 134 organizations and 2,457 members', () => {
    const orgs = Array.from({ length: 134 }, (_, i) => ({ id: 1000 + i, institutionId: 7, regionPath: G1 }));
    const members = Array.from({ length: 2457 }, (_, i) => ({ id: 5000 + i, institutionId: 7, regionPath: G1 }));
    const registrations = [...orgs.map((o) => reg({ partyOrgId: o.id, institutionId: 7, regionPath: C1 })), ...members.map((m) => reg({ memberId: m.id, institutionId: 7, regionPath: C1 }))];
    const r = computeCoverage(facts({ orgs, members, registrations }), 'community');
    expect(r.totals).toMatchObject({ orgsExpected: 134, orgsRegistered: 134, membersExpected: 2457, membersRegistered: 2457, coverage: 1 });
    registrations.pop();
    expect(computeCoverage(facts({ orgs, members, registrations }), 'community').totals).toMatchObject({ membersRegistered: 2456, memberCoverage: 0.9996 });
  });
});
