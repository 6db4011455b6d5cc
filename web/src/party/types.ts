// Wire types of the party endpoints (/api/v1/party/…): the server's `*.views.ts` types (imported
// as types only, as web/src/cases/api.ts does) and its vocabulary keys from party.model.ts.
import {
  ATTACH_KINDS as ATTACH, LEFT_REASONS as LEFT, MEMBER_KINDS as MEMBERS, MEMBER_STANDINGS as STANDINGS, OFFICER_ROLES as OFFICERS, PARTY_ORG_KINDS,
  type AttachKind, type MemberKind, type OfficerRole, type PartyOrgKind,
} from '../../../src/modules/party/party.model';

export type { AttachKind, MemberKind, OfficerRole, PartyOrgKind };
export type Standing = keyof typeof STANDINGS;
export type LeftReason = keyof typeof LEFT;

const keys = <K extends string>(m: Record<K, unknown>) => Object.keys(m) as K[];
export const ORG_KINDS = keys(PARTY_ORG_KINDS);
export const ATTACH_KINDS = keys(ATTACH);
export const MEMBER_KINDS = keys(MEMBERS);
export const OFFICER_ROLES = keys(OFFICERS);
export const LEFT_REASONS = keys(LEFT);

// ---- A. organizations, members, rules (helper P1's views) ----
export type { PartyOrgView, PartyOrgDetail, PartyOfficerView, PartyOrgInput } from '../../../src/modules/party/orgs.views';
export type { PartyMemberView, PartyMemberDetail, PartyMembershipView as MembershipRow, PartyMemberInput } from '../../../src/modules/party/members.views';
export type { PartyRulesView as PartyRules, PartyWarning, PartyWarningKind, PartyWarningsView } from '../../../src/modules/party/rules.views';
import type { PartyOrgInput } from '../../../src/modules/party/orgs.views';
import type { PartyMemberInput } from '../../../src/modules/party/members.views';

export type PartyOrgBody = Partial<PartyOrgInput>;
export type PartyMemberBody = Partial<PartyMemberInput>;
export interface MemberFilters {
  orgId?: number;
  regionId?: number;
  kind?: MemberKind;
  q?: string;
  includeSubOrgs?: boolean;
  includeArchived?: boolean;
}

// ---- B. household links (helper P2's views) ----
export type {
  LiaisonView, LiaisonDetail, LinkedHouseholdView, BuildingHousehold as LinkHousehold, BuildingCell as LinkCell, BuildingLinksView,
  CoverageView as LinkCoverage, CoverageRow as LinkCoverageRow, OutOfRangeItem, RangeState, UnlinkedHouseholdView,
} from '../../../src/modules/party/links.views';

// ---- B. joint committees and partnerships (helper P2's views) ----
export type {
  JointMemberView, JointMembersView, JointMemberInput, Attendee as Attendance, DecidedItem as Decision, AttendanceRate,
  JointMeetingView as MeetingView, JointMeetingListItem as MeetingListItem, JointMeetingInput,
} from '../../../src/modules/party/joint.views';
export type {
  PartnershipView, PartnershipDetail, PartnershipActivityView as PartnershipActivity, PartnershipInput, PartnershipActivityInput, PartnershipStatus,
} from '../../../src/modules/party/partnerships.views';
import type { JointMeetingInput } from '../../../src/modules/party/joint.views';
export type MeetingBody = JointMeetingInput;

// ---- B. leader contacts (helper P2's views) ----
export type {
  LeaderContactView as ContactView, LeaderContactDetail as ContactDetail, ContactVisitView as ContactVisit, LeaderContactInput, ContactVisitInput, ContactTargetKind,
} from '../../../src/modules/party/contacts.views';

// ---- C. dual registration (helper P3's views) ----
export type {
  RegistrationView, RegistrationDetail, PioneerPostView as PioneerPost, PledgeView as Pledge, ServiceRecordView as ServiceRecord,
  CoverageReport as RegistrationCoverage, CoverageRow as RegistrationCoverageRow, CoverageFigures, RegistrationInput,
} from '../../../src/modules/party/registrations.views';
export type RegistrationKind = 'organization' | 'member';
export type PledgeStatus = 'pending' | 'kept' | 'missed';
export interface RegistrationFilters { communityId?: number; institutionId?: number; kind?: RegistrationKind; active?: boolean; q?: string }
