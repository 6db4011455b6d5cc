// The grid workforce (网格力量): the people (workers), the positions they hold in regions and
// buildings, stationed teams (驻村/驻社区团队), visits (走访) with check-in/out positions, the
// people seen and the problems found, and the quarterly two-way reviews (双向评价).
import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, numeric, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { placed } from '../../db/placed.ts';


/**
 * A person of the workforce. May be a user of the system (`userId`: grid workers log their own
 * visits), a resident (`residentId`), or only a name and mobile (informants, patrol members).
 * `regionId` is the region the person is managed from (their community or street).
 * Paired deputies and stationed-team members come from a sending unit: `sendingUnitKind`
 * town (镇街) | department (区直部门), `sendingUnit` its name, `departmentId` when it is one.
 */
export const workers = pgTable(
  'workers',
  {
    ...placed(),
    userId: integer('user_id'),
    residentId: integer('resident_id'),
    name: text('name').notNull(),
    nameInitials: text('name_initials').notNull().default(''),
    gender: text('gender'),
    mobileEnc: text('mobile_enc'),
    mobileHash: text('mobile_hash'),
    mobileMasked: text('mobile_masked'),
    sendingUnitKind: text('sending_unit_kind'),
    sendingUnit: text('sending_unit').notNull().default(''),
    departmentId: integer('department_id'),
    note: text('note').notNull().default(''),
  },
  (t) => [
    index('workers_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    uniqueIndex('workers_user_uq').on(t.userId).where(sql`${t.userId} IS NOT NULL AND ${t.archivedAt} IS NULL`),
    index('workers_name_idx').using('btree', sql`${t.name} text_pattern_ops`),
  ],
);

/**
 * A position held by a worker in a region (grid, micro-grid, community, villagers' group) or a
 * building/unit. `kind`: gridChief | gridWorkerFullTime | gridWorkerPartTime | informant |
 * patrolMember | buildingHead | unitHead | supervisor | zoneChief | deputyZoneChief |
 * pairedDeputy | stationedMember. One person may hold several. `endOn` null = current.
 * Stationed-team members carry `teamId` (`isLeader` for the team's leader); zone chiefs
 * their zone (`zoneId`, grid_zones.id).
 */
export const positions = pgTable(
  'positions',
  {
    ...placed(),
    workerId: integer('worker_id').notNull(),
    kind: text('kind').notNull(),
    buildingId: integer('building_id'),
    unitId: integer('unit_id'),
    teamId: integer('team_id'),
    zoneId: integer('zone_id'),
    isLeader: boolean('is_leader').notNull().default(false),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }),
    note: text('note').notNull().default(''),
  },
  (t) => [
    index('positions_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    index('positions_worker_idx').on(t.workerId),
    index('positions_team_idx').on(t.teamId),
    index('positions_kind_idx').on(t.kind),
  ],
);

/**
 * 驻村/驻社区团队: at least 3 members with a leader (members are `positions` of kind
 * stationedMember with this `teamId`), sent by a unit to a community or village (`regionId`).
 * Rule: ≥ 2 visits a week, one of them on the fixed day (`fixedWeekday`, ISO 1–7, default 2 = Tuesday).
 */
export const stationedTeams = pgTable(
  'stationed_teams',
  {
    ...placed(),
    name: text('name').notNull(),
    sendingUnit: text('sending_unit').notNull().default(''),
    departmentId: integer('department_id'),
    fixedWeekday: integer('fixed_weekday').notNull().default(2),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }),
  },
  (t) => [index('stationed_teams_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`)],
);

/**
 * 走访: one visit by one worker into one region (their grid, or a stationed team's community).
 * Check-in and check-out each carry a position; `…Outside` is true when that point lies outside
 * the region's boundary (null when the region has no boundary or no position was given).
 * `peopleCount` is kept with `visit_people` so weekly rules need not join it.
 * `purpose`: patrol (巡查走访) | stationed (驻点) | contact (联系走访) | other.
 */
export const visits = pgTable(
  'visits',
  {
    ...placed(),
    workerId: integer('worker_id').notNull(),
    teamId: integer('team_id'),
    purpose: text('purpose').notNull().default('patrol'),
    checkInAt: timestamp('check_in_at', { withTimezone: true }).notNull(),
    checkInLng: doublePrecision('check_in_lng'),
    checkInLat: doublePrecision('check_in_lat'),
    checkInOutside: boolean('check_in_outside'),
    checkOutAt: timestamp('check_out_at', { withTimezone: true }),
    checkOutLng: doublePrecision('check_out_lng'),
    checkOutLat: doublePrecision('check_out_lat'),
    checkOutOutside: boolean('check_out_outside'),
    notes: text('notes').notNull().default(''),
    peopleCount: integer('people_count').notNull().default(0),
  },
  (t) => [
    index('visits_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    index('visits_worker_idx').on(t.workerId, t.checkInAt),
    index('visits_check_in_idx').on(t.checkInAt),
    index('visits_team_idx').on(t.teamId, t.checkInAt),
    // One open visit per worker at a time.
    uniqueIndex('visits_open_uq').on(t.workerId).where(sql`${t.checkOutAt} IS NULL`),
  ],
);

/**
 * Residents and households seen on a visit (registry links). A resident listed alone: resident
 * only. A household listed: one row per member at the time (resident + household), or the
 * household alone when it had no members.
 */
export const visitPeople = pgTable(
  'visit_people',
  {
    id: serial('id').primaryKey(),
    visitId: integer('visit_id').notNull(),
    residentId: integer('resident_id'),
    householdId: integer('household_id'),
  },
  // (visit_id, resident_id): the weekly rule counts distinct residents per visit from the index alone.
  (t) => [index('visit_people_visit_idx').on(t.visitId, t.residentId), index('visit_people_resident_idx').on(t.residentId)],
);

/** A problem found on a visit; `caseId` once it was turned into a case in the case loop. */
export const visitFindings = pgTable(
  'visit_findings',
  {
    id: serial('id').primaryKey(),
    visitId: integer('visit_id').notNull(),
    description: text('description').notNull(),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    caseId: integer('case_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('visit_findings_visit_idx').on(t.visitId)],
);

/**
 * 双向评价, quarterly: a community rates a paired deputy or a stationed team
 * (`direction` communityRatesSubject), or the subject rates the community (subjectRatesCommunity).
 * `subjectKind` pairedDeputy (subjectId = workers.id) | stationedTeam (stationed_teams.id);
 * `regionId` is the community. One review per quarter, subject, direction and community.
 */
export const reviews = pgTable(
  'reviews',
  {
    ...placed(),
    quarter: text('quarter').notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: integer('subject_id').notNull(),
    direction: text('direction').notNull(),
    score: numeric('score', { precision: 5, scale: 1, mode: 'number' }).notNull(),
    comment: text('comment').notNull().default(''),
    reviewerUserId: integer('reviewer_user_id'),
  },
  (t) => [
    index('reviews_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    uniqueIndex('reviews_uq').on(t.quarter, t.subjectKind, t.subjectId, t.direction, t.regionId),
  ],
);
