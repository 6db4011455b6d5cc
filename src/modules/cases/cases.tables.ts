// The case loop (事件闭环): the category catalogue, cases, their timeline of events, photos, the
// units of a joint case (会商办), whistles (吹哨) with each called department's check-in, and the
// idempotency of intake. Cases carry their region path like registry rows, so scope is one prefix
// match; the active stage's deadline and warning time live on the row, so timers survive restarts.
import { sql } from 'drizzle-orm';
import { bigserial, boolean, customType, date, doublePrecision, index, integer, jsonb, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Two-level catalogue: top-level rows have no parent (e.g. 01 市容环境), subcategories carry the
 * handling defaults (unit, mode, deadlines per stage). Amount + unit per stage; unit is
 * 'workingDays' | 'workingHours' | 'naturalHours'. Urgent cases use `urgentHandleHours` (natural).
 */
export const caseCategories = pgTable(
  'case_categories',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    parentCode: text('parent_code'),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    // Department code (departments.code) suggested as the handling unit; null = the community handles it.
    defaultDepartmentCode: text('default_department_code'),
    // Suggested handling mode (immediate | study | joint | transfer | urgent).
    defaultMode: text('default_mode'),
    dispatchAmount: smallint('dispatch_amount').notNull().default(2),
    dispatchUnit: text('dispatch_unit').notNull().default('workingHours'),
    respondAmount: smallint('respond_amount').notNull().default(4),
    respondUnit: text('respond_unit').notNull().default('workingHours'),
    handleAmount: smallint('handle_amount').notNull().default(5),
    handleUnit: text('handle_unit').notNull().default('workingDays'),
    verifyAmount: smallint('verify_amount').notNull().default(1),
    verifyUnit: text('verify_unit').notNull().default('workingDays'),
    urgentHandleHours: smallint('urgent_handle_hours').notNull().default(24),
    // Radius (m) and window (days) within which an open case of the same category counts as similar.
    similarRadiusM: integer('similar_radius_m').notNull().default(100),
    similarDays: smallint('similar_days').notNull().default(7),
    sortOrder: smallint('sort_order').notNull().default(0),
    custom: boolean('custom').notNull().default(false),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_categories_parent_idx').on(t.parentCode)],
);

/** 事件. See cases.workflow.ts for the states and who moves a case between them. */
export const cases = pgTable(
  'cases',
  {
    id: serial('id').primaryKey(),
    // People-readable: district code + date + sequence, e.g. 445302-20261121-0007.
    code: text('code').notNull().unique(),
    // patrol | resident | hotline | department | informant | video
    source: text('source').notNull(),
    categoryId: integer('category_id'),
    // normal | urgent
    urgency: text('urgency').notNull().default('normal'),
    // handlingMode, chosen at registration (immediate | study | joint | transfer | urgent)
    mode: text('mode'),
    status: text('status').notNull().default('reported'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    // The deepest region the case lies in (usually a micro-grid): scope and measures use its path.
    regionId: integer('region_id').notNull(),
    regionPath: text('region_path').notNull(),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    address: text('address').notNull().default(''),
    // Optional registry links: where exactly, and who (residents involved, ids in the registry).
    buildingId: integer('building_id'),
    dwellingId: integer('dwelling_id'),
    placeId: integer('place_id'),
    assetId: integer('asset_id'),
    residentIds: integer('resident_ids').array().notNull().default(sql`'{}'::integer[]`),
    // Reporter: may be anonymous; the mobile lets a resident follow the case and give feedback.
    reporterName: text('reporter_name'),
    reporterMobileEnc: text('reporter_mobile_enc'),
    reporterMobileHash: text('reporter_mobile_hash'),
    reporterMobileMasked: text('reporter_mobile_masked'),
    anonymous: boolean('anonymous').notNull().default(false),
    reporterUserId: integer('reporter_user_id'),
    // Set when merged into an original (status 'merged'): the reporter follows the original.
    duplicateOfId: integer('duplicate_of_id'),
    // Which desk owns the case now: community | street | district, and that desk's region.
    level: text('level').notNull().default('community'),
    deskRegionId: integer('desk_region_id').notNull(),
    deskRegionPath: text('desk_region_path').notNull(),
    // Lead handling department (null while at a desk, or when the desk itself handles: study mode).
    departmentId: integer('department_id'),
    handlerUserId: integer('handler_user_id'),
    version: integer('version').notNull().default(1),
    // The timed stage now running (dispatch | respond | handle | verify) or null; its clock.
    stage: text('stage'),
    stageStartedAt: timestamp('stage_started_at', { withTimezone: true }),
    stageWarnAt: timestamp('stage_warn_at', { withTimezone: true }),
    stageDeadlineAt: timestamp('stage_deadline_at', { withTimezone: true }),
    // none | green | yellow | red: written by the timer service, read by boards and lists.
    timerState: text('timer_state').notNull().default('none'),
    // Handling deadline (moved by approved extensions); measures count cases "due" by it.
    dueAt: timestamp('due_at', { withTimezone: true }),
    respondDueAt: timestamp('respond_due_at', { withTimezone: true }),
    respondedOnTime: boolean('responded_on_time'),
    closedOnTime: boolean('closed_on_time'),
    everOverdue: boolean('ever_overdue').notNull().default(false),
    reworkCount: smallint('rework_count').notNull().default(0),
    returnCount: smallint('return_count').notNull().default(0),
    extensionCount: smallint('extension_count').notNull().default(0),
    reopenCount: smallint('reopen_count').notNull().default(0),
    escalationCount: smallint('escalation_count').notNull().default(0),
    supervisionCount: smallint('supervision_count').notNull().default(0),
    // A pending extension request: { amount, unit, reason, requestedBy, requestedAt }.
    extensionRequest: jsonb('extension_request'),
    // Shelved (挂账) long-term work: the date it must be looked at again.
    shelvedReviewOn: date('shelved_review_on'),
    result: text('result'),
    // satisfied | basicallySatisfied | dissatisfied
    satisfaction: text('satisfaction'),
    feedbackNote: text('feedback_note'),
    // A client retry with the same key returns the first case instead of creating another.
    idempotencyKey: text('idempotency_key'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    feedbackAt: timestamp('feedback_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cases_path_idx').using('btree', sql`${t.regionPath} text_pattern_ops`),
    index('cases_desk_idx').using('btree', t.status, sql`${t.deskRegionPath} text_pattern_ops`),
    index('cases_department_idx').on(t.departmentId, t.status),
    index('cases_timer_idx').on(t.stageWarnAt).where(sql`${t.stage} IS NOT NULL`),
    index('cases_reported_idx').on(t.reportedAt),
    index('cases_similar_idx').on(t.categoryId, t.reportedAt),
    index('cases_reporter_idx').on(t.reporterMobileHash),
    uniqueIndex('cases_idempotency_uq').on(t.idempotencyKey),
    // Measures over a period read cases with a step in it or due in it (cases.measures.repository.ts).
    index('cases_last_step_idx').using(
      'btree',
      sql`GREATEST(${t.reportedAt}, ${t.registeredAt}, ${t.dispatchedAt}, ${t.acceptedAt}, ${t.handledAt}, ${t.verifiedAt}, ${t.closedAt}, ${t.feedbackAt})`,
    ),
    index('cases_due_idx').on(t.dueAt),
  ],
);

/** The timeline: one row per step, who did it, from which state to which, and the deadline set. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: integer('case_id').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: integer('actor_user_id'),
    actorName: text('actor_name').notNull(),
    // The workflow actor kind the step was taken as (see ACTOR_KINDS).
    actorKind: text('actor_kind').notNull(),
    departmentId: integer('department_id'),
    note: text('note'),
    // Action details: reason, dispatch target, extension, satisfaction, ...
    data: jsonb('data'),
    stageDeadlineAt: timestamp('stage_deadline_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.id)],
);

/** Photos: scene (at report), before / after (at handling). Size and type are checked on upload. */
export const casePhotos = pgTable(
  'case_photos',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id').notNull(),
    eventId: integer('event_id'),
    // scene | before | after
    kind: text('kind').notNull(),
    mime: text('mime').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_photos_case_idx').on(t.caseId)],
);

/** 会商办: the lead unit and each assisting unit; an assist posts its part before the lead may close. */
export const caseUnits = pgTable(
  'case_units',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id').notNull(),
    departmentId: integer('department_id').notNull(),
    // lead | assist
    role: text('role').notNull(),
    part: text('part'),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    postedBy: integer('posted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('case_units_uq').on(t.caseId, t.departmentId), index('case_units_department_idx').on(t.departmentId)],
);

/** 吹哨: a community or street calls named departments onto a case, each to check in by a deadline. */
export const caseWhistles = pgTable(
  'case_whistles',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id').notNull(),
    // community | street: who blew the whistle
    level: text('level').notNull(),
    calledByUserId: integer('called_by_user_id'),
    calledByName: text('called_by_name').notNull(),
    reason: text('reason').notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_whistles_case_idx').on(t.caseId), index('case_whistles_deadline_idx').on(t.deadlineAt)],
);

/** 报到: one row per called department; outcome pending → onTime | late | missed (missed set by the timer). */
export const whistleCalls = pgTable(
  'whistle_calls',
  {
    id: serial('id').primaryKey(),
    whistleId: integer('whistle_id').notNull(),
    caseId: integer('case_id').notNull(),
    departmentId: integer('department_id').notNull(),
    outcome: text('outcome').notNull().default('pending'),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedInBy: integer('checked_in_by'),
    note: text('note'),
  },
  (t) => [uniqueIndex('whistle_calls_uq').on(t.whistleId, t.departmentId), index('whistle_calls_department_idx').on(t.departmentId, t.outcome)],
);
