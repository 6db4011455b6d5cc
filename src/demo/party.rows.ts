// The rows the party generator produces, one interface per table (party.tables.ts). Ids are the
// generator's own, 1-based per table; the loader shifts them past what the database holds.
// Regions are codes (the loader resolves ids and paths); dates 'YYYY-MM-DD', times epoch ms.
import type { MemberKind, OfficerRole, PartyOrgKind } from '../modules/party/party.model.ts';

export interface DemoPartyOrg {
  id: number;
  parentId: number | null;
  kind: PartyOrgKind;
  name: string;
  regionCode: string;
  attachKind: 'region' | 'estate' | 'building' | 'institution';
  estateId: number | null;
  buildingId: number | null;
  institutionId: number | null;
  joint: boolean;
  establishedOn: string | null;
  startOn: string | null;
  endOn: string | null;
  note: string;
}

export interface DemoOfficer {
  orgId: number;
  memberId: number;
  role: OfficerRole;
  fromOn: string;
}

export interface DemoMember {
  id: number;
  residentId: number | null;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  /** Plain mobile for members without a resident record; null: the loader copies the resident's. */
  mobile: string | null;
  kind: MemberKind;
  orgId: number;
  /** Where the member lives (micro-grid or grid), or the organization's region when elsewhere. */
  regionCode: string;
  joinedPartyOn: string;
  standing: 'full' | 'probationary';
  employer: string;
  institutionId: number | null;
  skills: string[];
  /** Transferred out during the year (archived, with the reason). */
  archivedOn: string | null;
  leftReason: 'transferredOut' | 'deceased' | 'other' | null;
  /** The demo account this member is (sj01, dy01). */
  account: string | null;
}

export interface DemoMembership {
  memberId: number;
  orgId: number;
  fromOn: string;
  toOn: string | null;
  reason: string;
}

export interface DemoLiaison {
  id: number;
  householdId: number;
  memberId: number;
  leaderMemberId: number | null;
  regionCode: string;
  linkedOn: string;
}

export interface DemoLink {
  liaisonId: number;
  householdId: number;
  linkedOn: string;
}

export interface DemoJointMember {
  id: number;
  orgId: number;
  name: string;
  institutionId: number | null;
  post: string;
  fromOn: string;
  toOn: string | null;
}

export interface DemoMeeting {
  orgId: number;
  regionCode: string;
  title: string;
  heldAt: number;
  place: string;
  attendance: { name: string; jointMemberId?: number; present: boolean; note?: string }[];
  minutes: string;
  decisions: { item: string; owner: string; dueOn?: string; done: boolean }[];
}

export interface DemoPartnership {
  id: number;
  orgId: number;
  institutionId: number;
  partnerOrgId: number | null;
  regionCode: string;
  title: string;
  terms: string;
  startOn: string;
  endOn: string | null;
}

export interface DemoActivity {
  partnershipId: number;
  heldOn: string;
  title: string;
  note: string;
  participants: number;
}

export interface DemoContact {
  id: number;
  leaderName: string;
  leaderPost: string;
  targetKind: 'region' | 'organization';
  regionCode: string;
  organizationId: number | null;
  fromOn: string;
  toOn: string | null;
}

export interface DemoContactVisit {
  contactId: number;
  visitedOn: string;
  note: string;
  problems: string;
}

export interface DemoRegistration {
  id: number;
  kind: 'organization' | 'member';
  partyOrgId: number | null;
  memberId: number | null;
  institutionId: number | null;
  /** The community registered at. */
  regionCode: string;
  registeredOn: string;
  deregisteredOn: string | null;
  deregisterReason: string | null;
}

export interface DemoPost {
  registrationId: number;
  title: string;
  duty: string;
}

export interface DemoPledge {
  registrationId: number;
  title: string;
  dueOn: string;
  status: 'pending' | 'kept' | 'missed';
  fulfilledOn: string | null;
  evidence: string;
}

export interface DemoService {
  registrationId: number;
  servedOn: string;
  hours: number;
  activity: string;
}

export interface PartyDemo {
  orgs: DemoPartyOrg[];
  officers: DemoOfficer[];
  members: DemoMember[];
  memberships: DemoMembership[];
  liaisons: DemoLiaison[];
  links: DemoLink[];
  jointMembers: DemoJointMember[];
  meetings: DemoMeeting[];
  partnerships: DemoPartnership[];
  activities: DemoActivity[];
  contacts: DemoContact[];
  contactVisits: DemoContactVisit[];
  registrations: DemoRegistration[];
  posts: DemoPost[];
  pledges: DemoPledge[];
  services: DemoService[];
  /** Residents picked as probationary members: the loader sets their political status to match. */
  probationaryResidents: number[];
}

export const emptyParty = (): PartyDemo => ({
  orgs: [], officers: [], members: [], memberships: [], liaisons: [], links: [], jointMembers: [], meetings: [], partnerships: [], activities: [],
  contacts: [], contactVisits: [], registrations: [], posts: [], pledges: [], services: [], probationaryResidents: [],
});
