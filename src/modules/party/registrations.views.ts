// Wire shapes of dual registration (双报到). Dependency-free on purpose: the web app imports these
// types too. Members' mobiles appear only masked.

export type RegistrationKindName = 'organization' | 'member';
export type PledgeStatusName = 'pending' | 'kept' | 'missed';

export interface Ref {
  id: number;
  name: string;
}

export interface RegistrationView {
  id: number;
  kind: RegistrationKindName;
  kindLabel: string;
  org: Ref | null;
  member: (Ref & { mobileMasked: string | null }) | null;
  /** The sending institution (驻区单位). */
  institution: Ref | null;
  community: Ref;
  registeredOn: string;
  deregisteredOn: string | null;
  deregisterReason: string | null;
  active: boolean;
  /** Active pioneer posts (党员先锋岗). */
  posts: number;
  pledges: { total: number; kept: number; pending: number; missed: number };
  serviceHours: number;
  version: number;
}

export interface PioneerPostView {
  id: number;
  registrationId: number;
  title: string;
  duty: string;
  createdAt: string;
}

export interface PledgeView {
  id: number;
  registrationId: number;
  title: string;
  dueOn: string;
  status: PledgeStatusName;
  statusLabel: string;
  fulfilledOn: string | null;
  evidence: string;
  /** Pending and past its due day: should be settled (kept late, or missed). */
  overdue: boolean;
  /** Kept after its due day. */
  late: boolean;
  version: number;
}

export interface ServiceRecordView {
  id: number;
  registrationId: number;
  servedOn: string;
  hours: number;
  activity: string;
  createdAt: string;
}

/**
 * One registration with its posts, pledges and service records. As in the list, but `posts` and
 * `pledges` are the lists themselves; their counts stay in `postCount` and `pledgeCounts`.
 */
export interface RegistrationDetail extends Omit<RegistrationView, 'posts' | 'pledges'> {
  postCount: number;
  pledgeCounts: RegistrationView['pledges'];
  posts: PioneerPostView[];
  pledges: PledgeView[];
  services: ServiceRecordView[];
  /** Every registration of the same organization or member that the caller may see, newest first (this one included). */
  history: { id: number; community: Ref; registeredOn: string; deregisteredOn: string | null; deregisterReason: string | null }[];
}

export interface RegistrationInput {
  kind: RegistrationKindName;
  partyOrgId?: number;
  memberId?: number;
  communityId: number;
  /** Defaults to today (Asia/Shanghai). */
  registeredOn?: string;
}

export interface CoverageFigures {
  orgsExpected: number;
  orgsRegistered: number;
  membersExpected: number;
  membersRegistered: number;
  /** (orgs + members registered) ÷ (orgs + members expected); null when nothing is expected. */
  coverage: number | null;
  orgCoverage: number | null;
  memberCoverage: number | null;
  serviceHours: number;
  pledges: number;
  pledgesKept: number;
  pledgesMissed: number;
  pledgesPending: number;
}

export interface CoverageRow extends CoverageFigures {
  subject: { id: number; name: string; type: 'community' | 'institution' };
}

export interface CoverageReport {
  region: { id: number; name: string; level: number } | null;
  by: 'community' | 'institution';
  period: { from: string | null; to: string | null };
  /** Registrations active on this day count as registered (the period's end, else today). */
  asOf: string;
  totals: CoverageFigures;
  rows: CoverageRow[];
  /**
   * Expected organizations and members whose place is above community level (e.g. an agency
   * placed at the street, not yet registered): counted in the totals, in no community row.
   */
  outsideCommunities: { orgsExpected: number; membersExpected: number };
  /** Expected members with no institution recorded: counted in the totals, in no institution row. */
  withoutInstitution: { membersExpected: number; membersRegistered: number };
}
