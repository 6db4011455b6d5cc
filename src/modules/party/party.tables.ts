// Party organizations along the grid (党建引领): the organization tree, its officers and members
// (with membership history), household links (联户), joint committees with their meetings,
// partnerships (结对共建), leader contacts (三联系), and dual registration (双报到) with its
// pioneer posts, pledges and service records. Every row that belongs somewhere carries the region
// it lies in and that region's materialized path: scope is one prefix match.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { placed } from '../../db/placed.ts';


/**
 * 党组织. `kind`: streetWorkingCommittee | committee | generalBranch | branch | group |
 * temporaryBranch. Attached to a region (street, community, grid, micro-grid: `regionId`), or
 * more precisely to an estate or a building inside it, or to a resident institution (驻区单位,
 * `institutionId` = organizations.id; `regionId` is then the institution's region). `joint` marks a
 * 大工委 / 大党委 (part-time members from resident institutions). Temporary branches carry
 * start and end dates.
 */
export const partyOrgs = pgTable(
  'party_orgs',
  {
    ...placed(),
    parentId: integer('parent_id'),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    // 'region' | 'estate' | 'building' | 'institution'
    attachKind: text('attach_kind').notNull().default('region'),
    estateId: integer('estate_id'),
    buildingId: integer('building_id'),
    institutionId: integer('institution_id'),
    joint: boolean('joint').notNull().default(false),
    establishedOn: date('established_on', { mode: 'string' }),
    startOn: date('start_on', { mode: 'string' }),
    endOn: date('end_on', { mode: 'string' }),
    note: text('note').notNull().default(''),
  },
  (t) => [
    index('party_orgs_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    index('party_orgs_parent_idx').on(t.parentId),
    index('party_orgs_institution_idx').on(t.institutionId),
    index('party_orgs_estate_idx').on(t.estateId),
  ],
);

/** 书记、副书记、委员: officers of an organization; at most one active secretary. */
export const partyOrgOfficers = pgTable(
  'party_org_officers',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id').notNull(),
    memberId: integer('member_id').notNull(),
    // 'secretary' | 'deputySecretary' | 'committeeMember'
    role: text('role').notNull(),
    fromOn: date('from_on', { mode: 'string' }),
  },
  (t) => [
    index('party_org_officers_org_idx').on(t.orgId),
    uniqueIndex('party_org_officers_uq').on(t.orgId, t.memberId),
    uniqueIndex('party_org_officers_secretary_uq').on(t.orgId).where(sql`${t.role} = 'secretary'`),
  ],
);

/**
 * 党员. Linked to their resident record where they live in the area (`residentId`); `regionId`
 * is where they live, or their organization's region when they live elsewhere. `kind`:
 * inService (在职) | retired (退休) | mobile (流动) | seasonal (候鸟). `institutionId`: the
 * resident institution an in-service member works for (dual registration coverage). Archived =
 * transferred out of the area or deceased (`leftReason`). The mobile is personal data.
 */
export const partyMembers = pgTable(
  'party_members',
  {
    ...placed(),
    residentId: integer('resident_id'),
    name: text('name').notNull(),
    nameInitials: text('name_initials').notNull().default(''),
    // 'male' | 'female'
    gender: text('gender').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    mobileEnc: text('mobile_enc'),
    mobileHash: text('mobile_hash'),
    mobileMasked: text('mobile_masked'),
    kind: text('kind').notNull(),
    orgId: integer('org_id').notNull(),
    joinedPartyOn: date('joined_party_on', { mode: 'string' }),
    // 'full' (正式党员) | 'probationary' (预备党员)
    standing: text('standing').notNull().default('full'),
    employer: text('employer').notNull().default(''),
    institutionId: integer('institution_id'),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    // 'transferredOut' | 'deceased' | 'other', set with archivedAt.
    leftReason: text('left_reason'),
  },
  (t) => [
    index('party_members_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    index('party_members_org_idx').on(t.orgId),
    index('party_members_institution_idx').on(t.institutionId),
    uniqueIndex('party_members_resident_uq').on(t.residentId).where(sql`${t.residentId} IS NOT NULL AND ${t.archivedAt} IS NULL`),
    index('party_members_mobile_hash_idx').on(t.mobileHash),
    index('party_members_name_idx').using('btree', sql`${t.name} text_pattern_ops`),
  ],
);

/** Membership history: one row per stay in an organization (to_on null = current). */
export const partyMemberships = pgTable(
  'party_memberships',
  {
    id: serial('id').primaryKey(),
    memberId: integer('member_id').notNull(),
    orgId: integer('org_id').notNull(),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    toOn: date('to_on', { mode: 'string' }),
    reason: text('reason').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('party_memberships_member_idx').on(t.memberId)],
);

/**
 * 党员中心户: a party member's household that links 30–50 households; `leaderMemberId` is the
 * party group leader (党小组长) who links 5–10 liaison households.
 */
export const liaisonHouseholds = pgTable(
  'liaison_households',
  {
    ...placed(),
    householdId: integer('household_id').notNull(),
    memberId: integer('member_id').notNull(),
    leaderMemberId: integer('leader_member_id'),
  },
  (t) => [
    index('liaison_households_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    uniqueIndex('liaison_households_household_uq').on(t.householdId).where(sql`${t.archivedAt} IS NULL`),
    index('liaison_households_leader_idx').on(t.leaderMemberId),
  ],
);

/** 联户: a household linked to a liaison household; a household has at most one active link. */
export const householdLinks = pgTable(
  'household_links',
  {
    id: serial('id').primaryKey(),
    liaisonId: integer('liaison_id').notNull(),
    householdId: integer('household_id').notNull(),
    linkedOn: date('linked_on', { mode: 'string' }).notNull().default(sql`CURRENT_DATE`),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    index('household_links_liaison_idx').on(t.liaisonId),
    uniqueIndex('household_links_household_uq').on(t.householdId).where(sql`${t.archivedAt} IS NULL`),
  ],
);

/** 兼职委员 of a joint committee (大工委/大党委): people from resident institutions. */
export const jointCommitteeMembers = pgTable(
  'joint_committee_members',
  {
    id: serial('id').primaryKey(),
    orgId: integer('org_id').notNull(),
    name: text('name').notNull(),
    institutionId: integer('institution_id'),
    post: text('post').notNull().default(''),
    fromOn: date('from_on', { mode: 'string' }),
    toOn: date('to_on', { mode: 'string' }),
  },
  (t) => [index('joint_committee_members_org_idx').on(t.orgId)],
);

/**
 * 联席会议 of a joint committee: attendance ([{ name, jointMemberId?, present, note? }]), minutes
 * and decided items ([{ item, owner, dueOn?, done }]).
 */
export const jointMeetings = pgTable(
  'joint_meetings',
  {
    ...placed(),
    orgId: integer('org_id').notNull(),
    title: text('title').notNull(),
    heldAt: timestamp('held_at', { withTimezone: true }).notNull(),
    place: text('place').notNull().default(''),
    attendance: jsonb('attendance').notNull().default(sql`'[]'::jsonb`),
    minutes: text('minutes').notNull().default(''),
    decisions: jsonb('decisions').notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [index('joint_meetings_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`), index('joint_meetings_org_idx').on(t.orgId)],
);

/** 结对共建: a community organization paired with a resident institution, with terms and dates. */
export const partnerships = pgTable(
  'partnerships',
  {
    ...placed(),
    orgId: integer('org_id').notNull(),
    institutionId: integer('institution_id').notNull(),
    partnerOrgId: integer('partner_org_id'),
    title: text('title').notNull(),
    terms: text('terms').notNull().default(''),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }),
  },
  (t) => [index('partnerships_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`)],
);

export const partnershipActivities = pgTable(
  'partnership_activities',
  {
    id: serial('id').primaryKey(),
    partnershipId: integer('partnership_id').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    note: text('note').notNull().default(''),
    participants: integer('participants').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('partnership_activities_partnership_idx').on(t.partnershipId)],
);

/**
 * 三联系: a leader linked to a street, community (`regionId`) or enterprise (`organizationId`,
 * whose region is then `regionId`). The leader may be a user of the system or only a name.
 */
export const leaderContacts = pgTable(
  'leader_contacts',
  {
    ...placed(),
    leaderUserId: integer('leader_user_id'),
    leaderName: text('leader_name').notNull(),
    leaderPost: text('leader_post').notNull().default(''),
    // 'region' | 'organization'
    targetKind: text('target_kind').notNull(),
    organizationId: integer('organization_id'),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    toOn: date('to_on', { mode: 'string' }),
  },
  (t) => [index('leader_contacts_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`)],
);

export const leaderContactVisits = pgTable(
  'leader_contact_visits',
  {
    id: serial('id').primaryKey(),
    contactId: integer('contact_id').notNull(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    problems: text('problems').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('leader_contact_visits_contact_idx').on(t.contactId)],
);

/**
 * 双报到: an institution's party organization (`kind` organization, `partyOrgId`) or an
 * in-service member (`kind` member, `memberId`) registered at a community (`regionId`, level 4).
 * `institutionId` is the sending institution. One active registration per organization and per
 * member; deregistration keeps the row (`deregisteredOn`, `deregisterReason`).
 */
export const dualRegistrations = pgTable(
  'dual_registrations',
  {
    ...placed(),
    kind: text('kind').notNull(),
    partyOrgId: integer('party_org_id'),
    memberId: integer('member_id'),
    institutionId: integer('institution_id'),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    deregisteredOn: date('deregistered_on', { mode: 'string' }),
    deregisterReason: text('deregister_reason'),
  },
  (t) => [
    index('dual_registrations_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    index('dual_registrations_institution_idx').on(t.institutionId),
    uniqueIndex('dual_registrations_org_uq').on(t.partyOrgId).where(sql`${t.partyOrgId} IS NOT NULL AND ${t.deregisteredOn} IS NULL`),
    uniqueIndex('dual_registrations_member_uq').on(t.memberId).where(sql`${t.memberId} IS NOT NULL AND ${t.deregisteredOn} IS NULL`),
  ],
);

/** 党员先锋岗: a service post a registration takes on in its community. */
export const pioneerPosts = pgTable(
  'pioneer_posts',
  {
    id: serial('id').primaryKey(),
    registrationId: integer('registration_id').notNull(),
    title: text('title').notNull(),
    duty: text('duty').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [index('pioneer_posts_registration_idx').on(t.registrationId)],
);

/** 承诺事项: a pledge with a due date; `status` pending | kept | missed. */
export const pledges = pgTable(
  'pledges',
  {
    id: serial('id').primaryKey(),
    registrationId: integer('registration_id').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('pending'),
    fulfilledOn: date('fulfilled_on', { mode: 'string' }),
    evidence: text('evidence').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pledges_registration_idx').on(t.registrationId)],
);

/** Service given in the community under a registration (hours count towards coverage reports). */
export const registrationServices = pgTable(
  'registration_services',
  {
    id: serial('id').primaryKey(),
    registrationId: integer('registration_id').notNull(),
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    activity: text('activity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('registration_services_registration_idx').on(t.registrationId)],
);
