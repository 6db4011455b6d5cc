// Dual registration coverage (双报到覆盖率), computed from plain facts so the rules can be tested
// without a database. Who is expected, and where:
// - expected organizations: active party organizations of resident institutions; expected
//   members: active in-service members;
// - each one has a home: the community it is registered at (a registration active on `asOf`), else
//   where it lies (an organization: its institution's region; a member: where they live). The report
//   for a region counts those whose home lies in it, so a street's figures are the sum of its
//   communities' and a registration always counts where it was made;
// - service hours and pledges come from the registrations made at communities of the region (the
//   facts carry only those inside the period).
import type { CoverageFigures, CoverageReport, CoverageRow } from './registrations.views.ts';
import { activeOn } from './registrations.model.ts';

export interface CoverageOrg {
  id: number;
  institutionId: number;
  regionPath: string;
}
export interface CoverageMember {
  id: number;
  institutionId: number | null;
  regionPath: string;
}
export interface CoverageRegistration {
  id: number;
  partyOrgId: number | null;
  memberId: number | null;
  institutionId: number | null;
  /** The community's path. */
  regionPath: string;
  registeredOn: string;
  deregisteredOn: string | null;
  /** Within the period. */
  hours: number;
  pledges: number;
  pledgesKept: number;
  pledgesMissed: number;
  pledgesPending: number;
}
export interface CoverageFacts {
  rootPath: string;
  asOf: string;
  /** The communities to report on, in order (active communities in the region). */
  communities: { id: number; name: string; path: string }[];
  institutions: { id: number; name: string }[];
  orgs: CoverageOrg[];
  members: CoverageMember[];
  /** Registrations the caller may see: at least those in the region and those of the orgs and members above. */
  registrations: CoverageRegistration[];
}

type Acc = Omit<CoverageFigures, 'coverage' | 'orgCoverage' | 'memberCoverage'>;
const zero = (): Acc => ({ orgsExpected: 0, orgsRegistered: 0, membersExpected: 0, membersRegistered: 0, serviceHours: 0, pledges: 0, pledgesKept: 0, pledgesMissed: 0, pledgesPending: 0 });

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10000) / 10000);

export function finish(a: Acc): CoverageFigures {
  return {
    ...a,
    serviceHours: Math.round(a.serviceHours * 10) / 10,
    coverage: ratio(a.orgsRegistered + a.membersRegistered, a.orgsExpected + a.membersExpected),
    orgCoverage: ratio(a.orgsRegistered, a.orgsExpected),
    memberCoverage: ratio(a.membersRegistered, a.membersExpected),
  };
}

const pathIds = (path: string): number[] => path.split('/').filter(Boolean).map(Number);

export function computeCoverage(f: CoverageFacts, by: 'community' | 'institution'): Omit<CoverageReport, 'region' | 'by' | 'period' | 'asOf'> {
  const inRoot = (path: string) => f.rootPath === '/' || path.startsWith(f.rootPath);
  const communityById = new Map(f.communities.map((c) => [c.id, c]));
  // The deepest community on a path (paths run root first, so the last hit).
  const communityOf = (path: string): number | null => {
    let hit: number | null = null;
    for (const id of pathIds(path)) if (communityById.has(id)) hit = id;
    return hit;
  };

  const activeByOrg = new Map<number, CoverageRegistration>();
  const activeByMember = new Map<number, CoverageRegistration>();
  for (const r of f.registrations) {
    if (!activeOn(r, f.asOf)) continue;
    if (r.partyOrgId !== null) activeByOrg.set(r.partyOrgId, r);
    if (r.memberId !== null) activeByMember.set(r.memberId, r);
  }

  const totals = zero();
  const rows = new Map<number, Acc>();
  const row = (id: number | null): Acc | null => {
    if (id === null) return null;
    if (by === 'community' && !communityById.has(id)) return null;
    let a = rows.get(id);
    if (!a) rows.set(id, (a = zero()));
    return a;
  };
  if (by === 'community') for (const c of f.communities) row(c.id);
  const outside = { orgsExpected: 0, membersExpected: 0 };
  const withoutInstitution = { membersExpected: 0, membersRegistered: 0 };

  for (const o of f.orgs) {
    const reg = activeByOrg.get(o.id);
    const home = reg ? reg.regionPath : o.regionPath;
    if (!inRoot(home)) continue;
    const registered = reg ? 1 : 0;
    const community = communityOf(home);
    if (community === null) outside.orgsExpected++;
    for (const a of [totals, row(by === 'community' ? community : o.institutionId)]) {
      if (!a) continue;
      a.orgsExpected++;
      a.orgsRegistered += registered;
    }
  }
  for (const m of f.members) {
    const reg = activeByMember.get(m.id);
    const home = reg ? reg.regionPath : m.regionPath;
    if (!inRoot(home)) continue;
    const registered = reg ? 1 : 0;
    const community = communityOf(home);
    if (community === null) outside.membersExpected++;
    if (m.institutionId === null) {
      withoutInstitution.membersExpected++;
      withoutInstitution.membersRegistered += registered;
    }
    for (const a of [totals, row(by === 'community' ? community : m.institutionId)]) {
      if (!a) continue;
      a.membersExpected++;
      a.membersRegistered += registered;
    }
  }
  for (const r of f.registrations) {
    if (!inRoot(r.regionPath)) continue;
    for (const a of [totals, row(by === 'community' ? communityOf(r.regionPath) : r.institutionId)]) {
      if (!a) continue;
      a.serviceHours += r.hours;
      a.pledges += r.pledges;
      a.pledgesKept += r.pledgesKept;
      a.pledgesMissed += r.pledgesMissed;
      a.pledgesPending += r.pledgesPending;
    }
  }

  const names = new Map(f.institutions.map((i) => [i.id, i.name]));
  let out: CoverageRow[];
  if (by === 'community') {
    out = f.communities.map((c) => ({ subject: { id: c.id, name: c.name, type: 'community' as const }, ...finish(rows.get(c.id)!) }));
  } else {
    out = [...rows.entries()].map(([id, a]) => ({ subject: { id, name: names.get(id) ?? `#${id}`, type: 'institution' as const }, ...finish(a) }));
    out.sort((x, y) => x.subject.name.localeCompare(y.subject.name, 'zh-CN') || x.subject.id - y.subject.id);
  }
  return { totals: finish(totals), rows: out, outsideCommunities: outside, withoutInstitution };
}
