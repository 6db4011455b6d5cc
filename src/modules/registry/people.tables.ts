// The registry's people and organizations (人、组织): residents, households, their moves and
// seasonal stays, the configurable care-group list, organizations and their members, and the
// import jobs that load them in bulk.
import { sql } from 'drizzle-orm';
import { boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { placed } from './places.tables.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** 户. `number` is the household number (户号), generated when not given. */
export const households = pgTable(
  'households',
  {
    ...placed(),
    number: text('number').notNull().unique(),
    dwellingId: integer('dwelling_id'),
    headResidentId: integer('head_resident_id'),
  },
  (t) => [
    index('households_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    index('households_dwelling_idx').on(t.dwellingId),
    uniqueIndex('households_head_uq').on(t.headResidentId).where(sql`${t.archivedAt} IS NULL`),
  ],
);

/**
 * 实有人口. One row per person: the ID number's keyed hash is unique, so a person is never
 * doubled. ID numbers and mobiles are stored encrypted (…_enc), with a keyed hash for exact
 * lookup (…_hash) and the display mask precomputed (…_masked) so lists never decrypt.
 * `idLast4` supports the offices' habit of finding people by the last four characters.
 * Archived = moved away or deceased (`leftReason`).
 */
export const residents = pgTable(
  'residents',
  {
    ...placed(),
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull().default(''),
    nameInitials: text('name_initials').notNull().default(''),
    // 'male' | 'female'
    gender: text('gender').notNull(),
    ethnicity: text('ethnicity').notNull().default('汉族'),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    // 'idCard' (居民身份证, GB 11643) | 'passport' | 'hkMacauPermit' | 'taiwanPermit' | 'foreignPermanent'
    idType: text('id_type').notNull().default('idCard'),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    idLast4: text('id_last4').notNull(),
    mobileEnc: text('mobile_enc'),
    mobileHash: text('mobile_hash'),
    mobileMasked: text('mobile_masked'),
    // 'registered' (户籍) | 'migrant' (流动) | 'foreign' (境外)
    residenceType: text('residence_type').notNull(),
    dwellingId: integer('dwelling_id'),
    householdId: integer('household_id'),
    // 'head' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'grandparent' | 'sibling' | 'tenant' | 'other'
    householdRole: text('household_role').notNull().default('other'),
    employer: text('employer').notNull().default(''),
    // 'partyMember' | 'probationaryMember' | 'leagueMember' | 'masses' | 'democraticParty' | 'other'
    politicalStatus: text('political_status').notNull().default('masses'),
    // Care-group codes (care_groups.code).
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    seasonal: boolean('seasonal').notNull().default(false),
    // 'movedOut' | 'deceased' | 'other', set with archivedAt.
    leftReason: text('left_reason'),
    note: text('note').notNull().default(''),
  },
  (t) => [
    uniqueIndex('residents_id_hash_uq').on(t.idNumberHash),
    index('residents_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    index('residents_name_idx').using('btree', sql`${t.name} text_pattern_ops`),
    index('residents_initials_idx').using('btree', sql`${t.nameInitials} text_pattern_ops`),
    index('residents_last4_idx').on(t.idLast4),
    index('residents_mobile_hash_idx').on(t.mobileHash),
    index('residents_dwelling_idx').on(t.dwellingId),
    index('residents_household_idx').on(t.householdId),
    index('residents_tags_idx').using('gin', t.tags),
  ],
);

/** 候鸟: the periods a seasonal resident stays (arrive, leave; leave null = still here). */
export const residentStays = pgTable(
  'resident_stays',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id').notNull(),
    arriveOn: date('arrive_on', { mode: 'string' }).notNull(),
    leaveOn: date('leave_on', { mode: 'string' }),
    note: text('note').notNull().default(''),
  },
  (t) => [index('resident_stays_resident_idx').on(t.residentId)],
);

/** Moving house keeps history: one row per move (from → to), written with the move itself. */
export const residentMoves = pgTable(
  'resident_moves',
  {
    id: serial('id').primaryKey(),
    residentId: integer('resident_id').notNull(),
    fromRegionId: integer('from_region_id'),
    fromDwellingId: integer('from_dwelling_id'),
    fromHouseholdId: integer('from_household_id'),
    toRegionId: integer('to_region_id'),
    toDwellingId: integer('to_dwelling_id'),
    toHouseholdId: integer('to_household_id'),
    // 'moveIn' | 'move' | 'moveOut' | 'deceased' | 'return'
    kind: text('kind').notNull(),
    movedOn: date('moved_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull().default(''),
    byUserId: integer('by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('resident_moves_resident_idx').on(t.residentId)],
);

/** The configurable list of care groups (特殊人群/重点人群). Codes are stable; names are editable. */
export const careGroups = pgTable('care_groups', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  sort: smallint('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
});

/**
 * Organizations. kind: 'newOrganization' (两新) | 'communityTeam' (群众团队) | 'ownersCommittee'
 * (业委会) | 'propertyCompany' (物业公司) | 'residentInstitution' (驻区单位). subkind: a team's kind
 * ('consultation' | 'mediation' | 'culture' | 'mutualAid' | 'volunteer'), a new organization's
 * ('enterprise' | 'social'), an institution's ('agency' | 'enterprise' | 'school' | 'hospital' | 'other').
 * Party-led (红色业委会) is computed when read, from the members' political status: no column.
 */
export const organizations = pgTable(
  'organizations',
  {
    ...placed(),
    kind: text('kind').notNull(),
    subkind: text('subkind'),
    name: text('name').notNull(),
    nameInitials: text('name_initials').notNull().default(''),
    creditCode: text('credit_code'),
    address: text('address').notNull().default(''),
    leaderResidentId: integer('leader_resident_id'),
    leaderName: text('leader_name'),
    contactMobileEnc: text('contact_mobile_enc'),
    contactMobileHash: text('contact_mobile_hash'),
    contactMobileMasked: text('contact_mobile_masked'),
    estateId: integer('estate_id'),
    placeId: integer('place_id'),
    description: text('description').notNull().default(''),
  },
  (t) => [
    index('organizations_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    uniqueIndex('organizations_name_uq').on(t.kind, t.regionId, t.name).where(sql`${t.archivedAt} IS NULL`),
    index('organizations_kind_idx').on(t.kind, t.subkind),
  ],
);

/** Members of an organization (team members, owners' committee members ...). */
export const organizationMembers = pgTable(
  'organization_members',
  {
    organizationId: integer('organization_id').notNull(),
    residentId: integer('resident_id').notNull(),
    // 'leader' | 'deputy' | 'member' | 'director' (主任) | 'secretary'
    role: text('role').notNull().default('member'),
    joinedOn: date('joined_on', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.residentId] }), index('organization_members_resident_idx').on(t.residentId)],
);

/**
 * Import jobs: one per uploaded file. Progress is written as batches commit so the web can poll
 * it; the error workbook (each rejected row with column and reason) is kept for download.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: serial('id').primaryKey(),
    entity: text('entity').notNull(),
    // 'all-or-nothing' | 'skip-invalid'
    mode: text('mode').notNull(),
    fileName: text('file_name').notNull(),
    // 'running' | 'done' | 'rejected' (all-or-nothing with bad rows) | 'failed'
    status: text('status').notNull(),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    added: integer('added').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    // The first rejected rows, for display: [{ row, column, reason: {zh, en} }].
    problems: jsonb('problems').notNull().default(sql`'[]'::jsonb`),
    errorWorkbook: bytea('error_workbook'),
    failure: text('failure'),
    scopePath: text('scope_path').notNull(),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_jobs_scope_idx').using('btree', sql`${t.scopePath} text_pattern_ops`)],
);
