// All SQL of the case timer. Every change is a conditional UPDATE … RETURNING on the state it
// leaves (a green case turns yellow only while still green, a pending call turns missed only while
// pending), so two timers — two processes on one PostgreSQL server, or a tick racing a user's
// step — never both record the same change. Candidate scans go through the partial timer index:
// a case due a warning or overdue has `stage_warn_at <= now` (the warning never follows the deadline).
import { and, asc, eq, inArray, isNotNull, lte, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { notifications } from '../notifications/notifications.tables.ts';
import { regions } from '../regions/regions.tables.ts';
import { caseEvents, cases, caseWhistles, whistleCalls } from './cases.tables.ts';
import { OPEN_STATUSES } from './cases.workflow.ts';

export type TimerCaseRow = typeof cases.$inferSelect;
export type NewTimerEvent = typeof caseEvents.$inferInsert;

const open = () => inArray(cases.status, [...OPEN_STATUSES]);
const timed = (now: Date) => and(isNotNull(cases.stage), lte(cases.stageWarnAt, now), open());

/** Cases whose warning time has come but not their deadline, not yet yellow. */
export async function warningCandidates(db: DbOrTx, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(timed(now), inArray(cases.timerState, ['none', 'green']), sql`${cases.stageDeadlineAt} > ${now}`))
    .orderBy(asc(cases.stageWarnAt), asc(cases.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Turns the still-green ones of `ids` yellow; returns those it changed. */
export async function markYellow(tx: DbOrTx, ids: readonly number[], now: Date): Promise<TimerCaseRow[]> {
  if (ids.length === 0) return [];
  return tx
    .update(cases)
    .set({ timerState: 'yellow' })
    .where(and(inArray(cases.id, [...ids]), timed(now), inArray(cases.timerState, ['none', 'green']), sql`${cases.stageDeadlineAt} > ${now}`))
    .returning();
}

/** Cases past their stage deadline, not yet red. */
export async function overdueCandidates(db: DbOrTx, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(timed(now), ne(cases.timerState, 'red'), lte(cases.stageDeadlineAt, now)))
    .orderBy(asc(cases.stageDeadlineAt), asc(cases.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Turns one case red (and ever overdue) if it still is past its deadline and not red; the row stays
 * locked until the transaction ends. The version is left alone: a colour is not a step, so a
 * person's open page does not go stale because the timer ran.
 */
export async function claimOverdue(tx: DbOrTx, id: number, now: Date): Promise<TimerCaseRow | undefined> {
  const [row] = await tx
    .update(cases)
    .set({ timerState: 'red', everOverdue: true })
    .where(and(eq(cases.id, id), timed(now), ne(cases.timerState, 'red'), lte(cases.stageDeadlineAt, now)))
    .returning();
  return row;
}

export async function insertEvents(tx: DbOrTx, events: readonly NewTimerEvent[]): Promise<void> {
  if (events.length) await tx.insert(caseEvents).values([...events]);
}

export async function parentOf(tx: DbOrTx, regionId: number): Promise<number | null> {
  const [row] = await tx.select({ parentId: regions.parentId }).from(regions).where(eq(regions.id, regionId));
  return row?.parentId ?? null;
}

export interface MissedCall {
  callId: number;
  caseId: number;
  departmentId: number;
  deadlineAt: Date;
  code: string;
  title: string;
}

/**
 * Calls of whistles whose check-in deadline passed, still pending, on open cases: marked missed
 * (at most `limit` per call). A department may still check in afterwards (recorded as late).
 */
export async function markMissedCalls(tx: DbOrTx, now: Date, limit: number): Promise<MissedCall[]> {
  const due = tx
    .select({ id: whistleCalls.id })
    .from(whistleCalls)
    .innerJoin(caseWhistles, eq(caseWhistles.id, whistleCalls.whistleId))
    .innerJoin(cases, eq(cases.id, whistleCalls.caseId))
    .where(and(eq(whistleCalls.outcome, 'pending'), lte(caseWhistles.deadlineAt, now), open()))
    .orderBy(asc(caseWhistles.deadlineAt), asc(whistleCalls.id))
    .limit(limit);
  const marked = await tx
    .update(whistleCalls)
    .set({ outcome: 'missed' })
    .where(and(inArray(whistleCalls.id, due), eq(whistleCalls.outcome, 'pending')))
    .returning({ callId: whistleCalls.id, caseId: whistleCalls.caseId, departmentId: whistleCalls.departmentId, whistleId: whistleCalls.whistleId });
  if (marked.length === 0) return [];
  const info = await tx
    .select({ whistleId: caseWhistles.id, deadlineAt: caseWhistles.deadlineAt, caseId: cases.id, code: cases.code, title: cases.title })
    .from(caseWhistles)
    .innerJoin(cases, eq(cases.id, caseWhistles.caseId))
    .where(inArray(caseWhistles.id, [...new Set(marked.map((m) => m.whistleId))]));
  const byWhistle = new Map(info.map((i) => [i.whistleId, i]));
  return marked.map((m) => {
    const w = byWhistle.get(m.whistleId)!;
    return { callId: m.callId, caseId: m.caseId, departmentId: m.departmentId, deadlineAt: w.deadlineAt, code: w.code, title: w.title };
  });
}

export interface ShelvedDue {
  id: number;
  code: string;
  title: string;
  level: string;
  deskRegionId: number;
  reviewOn: string;
}

/**
 * Shelved (挂账) cases whose review date has come and whose desk has not yet been told for that
 * date. The inbox itself is the record: a notice of kind 'shelvedReview' naming the date.
 */
export async function shelvedDue(db: DbOrTx, today: string, kind: string, limit: number): Promise<ShelvedDue[]> {
  const rows = await db
    .select({ id: cases.id, code: cases.code, title: cases.title, level: cases.level, deskRegionId: cases.deskRegionId, reviewOn: cases.shelvedReviewOn })
    .from(cases)
    .where(
      and(
        eq(cases.status, 'shelved'),
        lte(cases.shelvedReviewOn, today),
        sql`NOT EXISTS (SELECT 1 FROM ${notifications} WHERE ${notifications.caseId} = ${cases.id} AND ${notifications.kind} = ${kind} AND ${notifications.params}->>'reviewOn' = ${cases.shelvedReviewOn}::text)`,
      ),
    )
    .orderBy(asc(cases.shelvedReviewOn), asc(cases.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, reviewOn: String(r.reviewOn) }));
}
