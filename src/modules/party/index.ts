// Party building (党建引领): party organizations along the grid tree with officers and members
// (membership history), the rules' warnings, household links (联户), joint committees and their
// meetings, partnerships (结对共建), leader contacts (三联系) and dual registration (双报到) with
// pioneer posts, pledges and service hours. Other modules use only these exports.
export { partyRoutes } from './party.routes.ts';
export { PARTY_ORG_KINDS, MEMBER_KINDS, DEFAULT_PARTY_RULES, type PartyRules } from './party.model.ts';
export { getPartyRules } from './rules.service.ts';
export type { PartyOrgView, PartyOrgDetail, PartyOfficerView } from './orgs.views.ts';
export type { PartyMemberView, PartyMemberDetail, PartyMembershipView } from './members.views.ts';
export type { PartyWarning, PartyWarningsView, PartyRulesView } from './rules.views.ts';
export { REGISTRATION_KINDS, PLEDGE_STATUSES } from './registrations.model.ts';
export { coverageReport as dualRegistrationCoverage } from './registrations.report.ts';
export { endRegistrationOf as endDualRegistration } from './registrations.service.ts';
export type { RegistrationView, RegistrationDetail, CoverageReport, CoverageRow, PledgeView } from './registrations.views.ts';
export { coverage as householdLinkCoverage } from './links.read.ts';
export type { LiaisonView, LiaisonDetail, BuildingLinksView, CoverageView as LinkCoverageView, OutOfRangeItem, UnlinkedHouseholdView } from './links.views.ts';
export type { JointMemberView, JointMembersView, JointMeetingView, JointMeetingListItem, AttendanceRate } from './joint.views.ts';
export type { PartnershipView, PartnershipDetail, PartnershipActivityView } from './partnerships.views.ts';
export type { LeaderContactView, LeaderContactDetail, ContactVisitView } from './contacts.views.ts';

// Placed rows follow their region when the tree is restructured (move, merge, split).
import { registerRegionFollower } from '../regions/index.ts';
registerRegionFollower('party_orgs', 'party_members', 'liaison_households', 'joint_meetings', 'partnerships', 'leader_contacts', 'dual_registrations');
