// SQL of the case measures: one pass over the cases of a subtree that saw anything happen in the
// period, counted per leaf (region path, department or person) with FILTER clauses; the service
// sums leaves up in code, which DESIGN.md measured 4–8× faster than GROUP BY ROLLUP. The
// definitions here are the ones written in cases.measures.ts and docs/measures.md.
import { sql, type SQL } from 'drizzle-orm';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { COUNT_KEYS, emptyCounts, emptyStages, PUBLIC_SOURCES, STAGE_SPANS, type CaseTimeField, type KeyedFigures, type MeasureCounts, type Period } from './cases.measures.ts';

export interface MeasureFilter {
  /** The subject's region path ('/' = all the scope allows). */
  path: string;
  departmentId: number | null;
  /** Only cases this user handles (handler side of a person's figures). */
  handlerId: number | null;
  /** Only patrol cases this user reported (reporter side of a person's figures). */
  reporterId: number | null;
}

/**
 * What one leaf is: the path of the subject's child region the case lies in (the subject's own
 * path for a case placed on it), its lead department, its handler, its patrol reporter, or
 * nothing (one total). Children rather than deepest regions keep the groups few (a district has
 * thousands of micro-grids but a dozen streets), which lets PostgreSQL hash them.
 */
export type LeafBy = 'child' | 'department' | 'handler' | 'reporter' | 'none';
export type LeafKey = string | number | null;

const COLUMN: Record<CaseTimeField, string> = {
  reportedAt: 'reported_at',
  registeredAt: 'registered_at',
  dispatchedAt: 'dispatched_at',
  acceptedAt: 'accepted_at',
  handledAt: 'handled_at',
  verifiedAt: 'verified_at',
  closedAt: 'closed_at',
};
const c = (name: string) => sql.raw(`c.${name}`);
/** The time of a case's latest step. */
const LAST_STEP = sql.raw('GREATEST(c.reported_at, c.registered_at, c.dispatched_at, c.accepted_at, c.handled_at, c.verified_at, c.closed_at, c.feedback_at)');

function definitions(p: Period): Record<(typeof COUNT_KEYS)[number], SQL | null> {
  const S = sql`${p.start.toISOString()}::timestamptz`;
  const E = sql`${p.end.toISOString()}::timestamptz`;
  const inP = (col: SQL) => sql`(${col} >= ${S} AND ${col} < ${E})`;
  const live = sql`c.status NOT IN ('rejected', 'merged')`;
  // 立即办 cases are closed on the spot without a registration step: their closing registers them.
  const registered = sql`(${inP(sql`COALESCE(c.registered_at, c.closed_at)`)} AND ${live})`;
  const dispatched = inP(c('dispatched_at'));
  const handled = inP(c('handled_at'));
  const closed = sql`(c.status = 'closed' AND ${inP(c('closed_at'))})`;
  // Due in P: closed in P, or the handling deadline falls in P and the case was not already closed
  // before P began; shelved (挂账) work is off the clock and not due.
  const due = sql`(${closed} OR (${inP(c('due_at'))} AND c.status NOT IN ('rejected', 'merged', 'shelved') AND NOT (c.status = 'closed' AND c.closed_at < ${S})))`;
  const feedback = sql`(${inP(c('feedback_at'))} AND c.satisfaction IS NOT NULL)`;
  const publicSources = sql.join(PUBLIC_SOURCES.map((s) => sql`${s}`), sql`, `);
  return {
    reported: inP(c('reported_at')),
    registered,
    publicFirst: sql`(${registered} AND c.source IN (${publicSources}))`,
    dispatched,
    // The workflow records whether the unit accepted in time; rows written without it fall back to the clock.
    respondedOnTime: sql`(${dispatched} AND COALESCE(c.responded_on_time, c.accepted_at <= c.respond_due_at, false))`,
    returned: sql`(${dispatched} AND c.return_count > 0)`,
    extended: sql`(${dispatched} AND c.extension_count > 0)`,
    handled,
    reworked: sql`(${handled} AND c.rework_count > 0)`,
    due,
    closed,
    closedOnTime: sql`(${closed} AND COALESCE(c.closed_on_time, c.due_at IS NULL OR c.closed_at <= c.due_at))`,
    overdue: sql`(${due} AND c.ever_overdue)`,
    feedback,
    satisfied: sql`(${feedback} AND c.satisfaction IN ('satisfied', 'basicallySatisfied'))`,
    dissatisfied: sql`(${feedback} AND c.satisfaction = 'dissatisfied')`,
    // Counted on whistle calls (countWhistles), not on cases.
    whistleCalls: null,
    whistleOnTime: null,
    whistleLate: null,
    whistleMissed: null,
  };
}

function caseFilter(sdb: ScopedDb, f: MeasureFilter): SQL[] {
  const where: SQL[] = [sdb.inScope(c('region_path'))];
  // The subject lies inside the scope; its own prefix is the narrower (and index-friendlier) one.
  if (f.path !== sdb.scope.path && f.path !== '/') where.push(sql`c.region_path LIKE ${`${escapeLike(f.path)}%`}`);
  if (f.departmentId !== null) where.push(sql`c.department_id = ${f.departmentId}`);
  if (f.handlerId !== null) where.push(sql`c.handler_user_id = ${f.handlerId}`);
  if (f.reporterId !== null) where.push(sql`c.source = 'patrol' AND c.reporter_user_id = ${f.reporterId}`);
  return where;
}

/** '/1/2/' + '3/4/5/' → '/1/2/3/'; a path equal to the prefix stays itself. */
function childPrefix(path: string): SQL {
  const n = path.length;
  return sql`substr(c.region_path, 1, ${n} + strpos(substr(c.region_path, ${n + 1}), '/'))`;
}

function leafKey(by: LeafBy, f: MeasureFilter): SQL {
  if (by === 'child') return childPrefix(f.path);
  if (by === 'department') return sql`c.department_id`;
  if (by === 'handler') return sql`c.handler_user_id`;
  if (by === 'reporter') return sql`c.reporter_user_id`;
  return sql`NULL::int`;
}

/** Counts and stage sums of the filtered cases, one row per leaf. */
export async function countCaseLeaves(sdb: ScopedDb, f: MeasureFilter, p: Period, by: LeafBy): Promise<KeyedFigures<LeafKey>[]> {
  const S = sql`${p.start.toISOString()}::timestamptz`;
  const E = sql`${p.end.toISOString()}::timestamptz`;
  const defs = definitions(p);
  const counted = COUNT_KEYS.filter((k) => defs[k] !== null);
  const cols: SQL[] = counted.map((k) => sql`count(*) FILTER (WHERE ${defs[k]!})::int AS ${sql.identifier(k)}`);
  for (const span of STAGE_SPANS) {
    const from = c(COLUMN[span.from]);
    const to = c(COLUMN[span.to]);
    // Timestamps rewritten by a later step (a re-dispatch after a return) can run backwards: skip those.
    const done = sql`(${to} >= ${S} AND ${to} < ${E} AND ${from} IS NOT NULL AND ${to} >= ${from})`;
    cols.push(sql`count(*) FILTER (WHERE ${done})::int AS ${sql.identifier(`${span.key}_n`)}`);
    cols.push(sql`COALESCE(sum(EXTRACT(EPOCH FROM ${to} - ${from})) FILTER (WHERE ${done}), 0)::float8 AS ${sql.identifier(`${span.key}_s`)}`);
  }
  const where = caseFilter(sdb, f);
  if (by === 'reporter') where.push(sql`c.source = 'patrol' AND c.reporter_user_id IS NOT NULL`);
  // Nothing happens to a case before it is reported, so a case reported after P has no part in it;
  // and a case with a part in P has its latest step (GREATEST skips nulls) at or after P's start,
  // or its deadline in P. Written as one expression so an index on it can serve it (docs/measures.md).
  where.push(sql`c.reported_at < ${E}`);
  where.push(sql`(${LAST_STEP} >= ${S} OR (c.due_at >= ${S} AND c.due_at < ${E}))`);
  const query = sql`SELECT ${leafKey(by, f)} AS leaf, ${sql.join(cols, sql`, `)} FROM cases c WHERE ${sql.join(where, sql` AND `)} GROUP BY 1`;
  // PostgreSQL's JIT compiles the thirty-odd FILTER expressions for longer than the scan takes
  // (measured: 0.5–0.8 s of compilation for a 1 M-case district query); it is off for this statement.
  const res = await sdb.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL jit = off`);
    return tx.execute(query);
  });
  return (res as unknown as { rows: Record<string, unknown>[] }).rows.map((r) => {
    const counts = emptyCounts();
    for (const k of counted) counts[k] = Number(r[k]);
    const stages = emptyStages();
    for (const span of STAGE_SPANS) stages[span.key] = { n: Number(r[`${span.key}_n`]), seconds: Number(r[`${span.key}_s`]) };
    return { key: keyOf(r.leaf), figures: { counts, stages } };
  });
}

/**
 * Whistle calls of whistles blown in P on the filtered cases, per leaf: the case's region path,
 * or the called department (a late or missing check-in counts against the department called).
 */
export async function countWhistleLeaves(sdb: ScopedDb, f: MeasureFilter, p: Period, by: 'child' | 'department' | 'none'): Promise<{ key: LeafKey; counts: MeasureCounts }[]> {
  const where = caseFilter(sdb, { ...f, departmentId: null });
  if (f.departmentId !== null) where.push(sql`wc.department_id = ${f.departmentId}`);
  where.push(sql`w.created_at >= ${p.start.toISOString()}::timestamptz AND w.created_at < ${p.end.toISOString()}::timestamptz`);
  const key = by === 'child' ? childPrefix(f.path) : by === 'department' ? sql`wc.department_id` : sql`NULL::int`;
  const res = await sdb.db.execute(sql`SELECT ${key} AS leaf, count(*)::int AS calls,
      count(*) FILTER (WHERE wc.outcome = 'onTime')::int AS on_time,
      count(*) FILTER (WHERE wc.outcome = 'late')::int AS late,
      count(*) FILTER (WHERE wc.outcome = 'missed')::int AS missed
    FROM whistle_calls wc JOIN case_whistles w ON w.id = wc.whistle_id JOIN cases c ON c.id = wc.case_id
    WHERE ${sql.join(where, sql` AND `)} GROUP BY 1`);
  return (res as unknown as { rows: Record<string, unknown>[] }).rows.map((r) => {
    const counts = emptyCounts();
    counts.whistleCalls = Number(r.calls);
    counts.whistleOnTime = Number(r.on_time);
    counts.whistleLate = Number(r.late);
    counts.whistleMissed = Number(r.missed);
    return { key: keyOf(r.leaf), counts };
  });
}

function keyOf(v: unknown): LeafKey {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' && !/^\d+$/.test(v) ? v : Number(v);
}
