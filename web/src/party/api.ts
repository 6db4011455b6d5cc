// Every party-building endpoint over /api/v1/party, typed with the wire views, plus the few
// registry look-ups the party forms need (residents, buildings, institutions, estates).
import { api, buildUrl, type Query } from '../api/client';
import type { BuildingView, OrganizationView, Page } from '../api/types';
import type {
  BuildingLinksView, ContactDetail, ContactView, ContactVisitInput, LeaderContactInput, JointMemberInput, JointMembersView, LinkCoverage, MeetingListItem, PartnershipActivityInput, PartnershipInput, LiaisonView, MeetingBody, MeetingView, MemberFilters,
  PartnershipActivity, PartnershipDetail, PartnershipView, PartyMemberBody, PartyMemberDetail, PartyMemberView, PartyOrgBody,
  PartyOrgDetail, PartyOrgView, PartyWarningsView, PartyRules, Pledge, LiaisonDetail, PledgeStatus, PioneerPost, RegistrationCoverage, RegistrationDetail,
  RegistrationFilters, RegistrationKind, RegistrationView, ServiceRecord, ContactVisit, OfficerRole, LeftReason,
} from './types';

export * from './types';

const q = <T extends object>(f: T): Query => {
  const out: Query = {};
  for (const [k, v] of Object.entries(f)) out[k] = typeof v === 'string' ? v.trim() || undefined : (v as Query[string]);
  return out;
};

export interface ResidentHit { id: number; name: string; gender: 'male' | 'female'; birthDate: string; idNumberMasked: string; address: string; region: { id: number; name: string } | null; householdId: number | null }

export const partyApi = {
  // A. organizations, members, warnings
  orgs: (f: { regionId?: number; kind?: string; q?: string; includeArchived?: boolean }) => api.get<{ items: PartyOrgView[] }>('/party/orgs', q(f)),
  org: (id: number) => api.get<PartyOrgDetail>(`/party/orgs/${id}`),
  createOrg: (b: PartyOrgBody) => api.post<PartyOrgView>('/party/orgs', b),
  updateOrg: (id: number, version: number, b: PartyOrgBody) => api.patch<PartyOrgView>(`/party/orgs/${id}`, { version, ...b }),
  archiveOrg: (id: number, version: number) => api.post<PartyOrgView>(`/party/orgs/${id}/archive`, { version }),
  setOfficers: (id: number, officers: { memberId: number; role: OfficerRole }[]) => api.put<PartyOrgDetail>(`/party/orgs/${id}/officers`, { officers }),

  members: (f: MemberFilters, limit = 20, offset = 0) => api.get<Page<PartyMemberView>>('/party/members', { ...q(f), limit, offset }),
  member: (id: number) => api.get<PartyMemberDetail>(`/party/members/${id}`),
  createMember: (b: PartyMemberBody) => api.post<PartyMemberView>('/party/members', b),
  updateMember: (id: number, version: number, b: PartyMemberBody) => api.patch<PartyMemberView>(`/party/members/${id}`, { version, ...b }),
  transferMember: (id: number, version: number, orgId: number, on: string, reason: string) =>
    api.post<PartyMemberView>(`/party/members/${id}/transfer`, { version, orgId, on, reason }),
  archiveMember: (id: number, version: number, reason: LeftReason, on: string) => api.post<PartyMemberView>(`/party/members/${id}/archive`, { version, reason, on }),
  revealMember: (id: number) => api.post<{ mobile: string | null }>(`/party/members/${id}/reveal`),
  membersExportUrl: (f: MemberFilters) => buildUrl('/party/members/export', q(f)),

  warnings: (regionId?: number) => api.get<PartyWarningsView>('/party/warnings', { regionId }),
  rules: () => api.get<PartyRules>('/party/rules'),

  // B. household links
  liaisons: (f: { regionId?: number; leaderMemberId?: number; includeArchived?: boolean }) => api.get<{ items: LiaisonView[]; total: number }>('/party/liaisons', q(f)),
  liaison: (id: number) => api.get<LiaisonDetail>(`/party/liaisons/${id}`),
  createLiaison: (b: { householdId: number; memberId: number; leaderMemberId?: number | null }) => api.post<LiaisonView>('/party/liaisons', b),
  updateLiaison: (id: number, version: number, leaderMemberId: number | null) => api.patch<LiaisonView>(`/party/liaisons/${id}`, { version, leaderMemberId }),
  archiveLiaison: (id: number, version: number) => api.post<LiaisonView>(`/party/liaisons/${id}/archive`, { version }),
  setLinks: (id: number, householdIds: number[], version?: number) => api.put<LiaisonDetail>(`/party/liaisons/${id}/households`, { householdIds, version }),
  buildingLinks: (buildingId: number) => api.get<BuildingLinksView>(`/party/links/building/${buildingId}`),
  linkCoverage: (regionId?: number) => api.get<LinkCoverage>('/party/links/coverage', { regionId }),

  // B. joint committees, meetings, partnerships, contacts
  jointMembers: (orgId: number) => api.get<JointMembersView>(`/party/orgs/${orgId}/joint-members`),
  setJointMembers: (orgId: number, members: JointMemberInput[]) => api.put<JointMembersView>(`/party/orgs/${orgId}/joint-members`, { members }),
  meetings: (f: { orgId?: number; regionId?: number; from?: string; to?: string }, limit = 50, offset = 0) =>
    api.get<Page<MeetingListItem>>('/party/meetings', { ...q(f), limit, offset }),
  meeting: (id: number) => api.get<MeetingView>(`/party/meetings/${id}`),
  createMeeting: (b: MeetingBody) => api.post<MeetingView>('/party/meetings', b),
  updateMeeting: (id: number, version: number, b: Partial<MeetingBody>) => api.patch<MeetingView>(`/party/meetings/${id}`, { version, ...b }),
  partnerships: (f: { regionId?: number; includeArchived?: boolean }, limit = 50, offset = 0) => api.get<Page<PartnershipView>>('/party/partnerships', { ...q(f), limit, offset }),
  partnership: (id: number) => api.get<PartnershipDetail>(`/party/partnerships/${id}`),
  createPartnership: (b: PartnershipInput) => api.post<PartnershipView>('/party/partnerships', b),
  addActivity: (id: number, b: PartnershipActivityInput) => api.post<PartnershipActivity>(`/party/partnerships/${id}/activities`, b),
  archivePartnership: (id: number, version: number) => api.post<PartnershipView>(`/party/partnerships/${id}/archive`, { version }),
  contacts: (f: { regionId?: number; current?: boolean }, limit = 50, offset = 0) => api.get<Page<ContactView>>('/party/contacts', { ...q(f), limit, offset }),
  contact: (id: number) => api.get<ContactDetail>(`/party/contacts/${id}`),
  createContact: (b: LeaderContactInput) => api.post<ContactView>('/party/contacts', b),
  addVisit: (id: number, b: ContactVisitInput) => api.post<ContactVisit>(`/party/contacts/${id}/visits`, b),
  endContact: (id: number, version: number, toOn: string) => api.post<ContactView>(`/party/contacts/${id}/end`, { version, toOn }),

  // C. dual registration
  registrations: (f: RegistrationFilters & { memberId?: number; partyOrgId?: number }, limit = 20, offset = 0) => api.get<Page<RegistrationView>>('/party/registrations', { ...q(f), limit, offset }),
  registration: (id: number) => api.get<RegistrationDetail>(`/party/registrations/${id}`),
  register: (b: { kind: RegistrationKind; partyOrgId?: number; memberId?: number; communityId: number; registeredOn?: string }) =>
    api.post<RegistrationView>('/party/registrations', b),
  deregister: (id: number, on: string, reason: string, version?: number) => api.post<RegistrationView>(`/party/registrations/${id}/deregister`, { on, reason, version }),
  addPost: (id: number, title: string, duty: string) => api.post<PioneerPost>(`/party/registrations/${id}/posts`, { title, duty }),
  addPledge: (id: number, title: string, dueOn: string) => api.post<Pledge>(`/party/registrations/${id}/pledges`, { title, dueOn }),
  updatePledge: (id: number, version: number, b: { status: PledgeStatus; fulfilledOn?: string | null; evidence?: string }) =>
    api.patch<Pledge>(`/party/pledges/${id}`, { version, ...b }),
  addService: (id: number, b: Pick<ServiceRecord, 'servedOn' | 'hours' | 'activity'>) => api.post<ServiceRecord>(`/party/registrations/${id}/services`, b),
  coverage: (f: { regionId?: number; by: 'institution' | 'community'; from?: string; to?: string }) => api.get<RegistrationCoverage>('/party/registrations/coverage', q(f)),
  coverageExportUrl: (f: { regionId?: number; by: 'institution' | 'community'; from?: string; to?: string }) => buildUrl('/party/registrations/coverage/export', q(f)),

  // Registry look-ups for pickers.
  residents: (text: string) => api.get<{ items: ResidentHit[] }>('/residents', { q: text, limit: 20 }),
  buildings: (text: string, regionId?: number) => api.get<Page<BuildingView & { estateName?: string | null }>>('/buildings', { q: text || undefined, regionId, limit: 20 }),
  institutions: (text?: string, regionId?: number) => api.get<Page<OrganizationView>>('/organizations', { kind: 'residentInstitution', q: text || undefined, regionId, limit: 50 }),
  estates: (text?: string, regionId?: number) => api.get<Page<{ id: number; name: string }>>('/estates', { q: text || undefined, regionId, limit: 50 }),
};
