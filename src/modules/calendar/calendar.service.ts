// The working calendar as other modules use it (loadCalendar, kept in memory) and its editing
// rules. One calendar serves every region: it belongs to no region, so editing it needs
// cases.configure and a scope that covers every region of the system (in a one-city deployment:
// the city, or the whole system) — the same reasoning as the city-wide size rules.
import crypto from 'node:crypto';
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './calendar.repository.ts';
import { buildCalendar, DAY_KINDS, isWeekend, localDay, parseDay, type CalendarYearView, type DayKind, type SpecialDay, type WorkCalendar } from './calendar.ts';

// --- The in-memory calendar ------------------------------------------------------------------
// Built once per table state: a handle re-checks the table's fingerprint at most every few
// seconds (one tiny query), an edit in this process invalidates at once, and an edit by another
// process on the same server is seen at the next check. Calendars are shared by content, so a
// transaction handle (new for every transaction) costs one fingerprint query, never a rebuild.

const RECHECK_MS = 5_000;
const KEEP = 4;
let generation = 0;
const byHandle = new WeakMap<object, { calendar: WorkCalendar; checkedAt: number; generation: number }>();
const byContent = new Map<string, WorkCalendar>();

/** Same text as repo.fingerprint computes in SQL (count, md5 of day+kind in day order). */
function fingerprintOf(days: readonly SpecialDay[]): string {
  if (days.length === 0) return '0:';
  const text = [...days].sort((a, b) => (a.day < b.day ? -1 : 1)).map((d) => d.day + d.kind).join(',');
  return `${days.length}:${crypto.createHash('md5').update(text).digest('hex')}`;
}

export async function loadCalendar(db: DbOrTx): Promise<WorkCalendar> {
  const now = Date.now();
  const hit = byHandle.get(db);
  if (hit && hit.generation === generation && now - hit.checkedAt < RECHECK_MS) return hit.calendar;
  const fp = await repo.fingerprint(db);
  let calendar = byContent.get(fp);
  if (!calendar) {
    // Keyed by what was actually read (an edit may commit between the two queries).
    const days = await repo.allDays(db);
    const key = fingerprintOf(days);
    calendar = byContent.get(key) ?? buildCalendar(days);
    byContent.delete(key);
    byContent.set(key, calendar);
    while (byContent.size > KEEP) byContent.delete(byContent.keys().next().value!);
  }
  byHandle.set(db, { calendar, checkedAt: now, generation });
  return calendar;
}

/** Forget every cached calendar check (called after an edit commits). */
export function invalidateCalendar(): void {
  generation += 1;
}

// --- Reading and editing -------------------------------------------------------------------

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const invalid = (day: string, reason: Bilingual) => new AppError('CALENDAR_DAY_INVALID', { day, reason });

async function mayEdit(db: DbOrTx, ctx: RequestContext): Promise<boolean> {
  if (!ctx.actor.permissions.has('cases.configure')) return false;
  return ctx.actor.scope.path === '/' || (await repo.rootsOutside(db, ctx.actor.scope.path)) === 0;
}

async function assertMayEdit(db: DbOrTx, ctx: RequestContext): Promise<void> {
  assertPermission(ctx, 'cases.configure');
  if (!(await mayEdit(db, ctx))) throw new AppError('SCOPE_DENIED');
}

export async function getCalendarYear(db: Db, ctx: RequestContext, year?: number): Promise<CalendarYearView> {
  const y = year ?? Number(localDay(new Date()).slice(0, 4));
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) throw new AppError('VALIDATION_FAILED', { detail: `year ${MIN_YEAR}–${MAX_YEAR}` });
  return { year: y, days: await repo.daysOfYear(db, y), editable: await mayEdit(db, ctx) };
}

/** Checks a day and the kind asked for it; returns the normalized entry. */
export function checkSpecialDay(day: string, kind: string, name: string): SpecialDay {
  const dn = parseDay(day);
  if (dn === null) throw invalid(day, { zh: '不是有效日期（应为 YYYY-MM-DD）', en: 'not a real date (YYYY-MM-DD)' });
  const year = Number(day.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) throw invalid(day, { zh: `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`, en: `the year must be ${MIN_YEAR}–${MAX_YEAR}` });
  if (!(DAY_KINDS as readonly string[]).includes(kind)) throw invalid(day, { zh: '类型只能是 holiday（放假）或 workday（调休上班）', en: 'kind must be holiday or workday' });
  // A weekday is a working day already: marking it 'workday' says nothing and is most likely a
  // wrong date. (A 'holiday' on a weekend is accepted: it changes no deadline and names the day
  // on the calendar page, as the seeded holiday periods do.)
  if (kind === 'workday' && !isWeekend(day)) throw invalid(day, { zh: '周一至周五本就是工作日，只有周六、周日可设为调休上班', en: 'Monday–Friday are working days already; only a Saturday or Sunday can be an adjusted working day' });
  const trimmed = name.trim();
  if (trimmed.length > 50) throw invalid(day, { zh: '名称不能超过 50 个字', en: 'the name is limited to 50 characters' });
  return { day, kind: kind as DayKind, name: trimmed };
}

export async function putCalendarDay(db: Db, ctx: RequestContext, day: string, input: { kind: string; name: string }): Promise<SpecialDay> {
  const entry = checkSpecialDay(day, input.kind, input.name);
  const out = await db.transaction(async (tx) => {
    await assertMayEdit(tx, ctx);
    const before = await repo.findDayForUpdate(tx, day);
    if (before && before.kind === entry.kind && before.name === entry.name) return entry;
    await repo.upsertDay(tx, entry);
    await recordAudit(tx, ctx, {
      action: 'calendar.set',
      entityType: 'calendarDay',
      entityId: day,
      regionPath: null,
      before: before ? { kind: before.kind, name: before.name } : null,
      after: { kind: entry.kind, name: entry.name },
    });
    return entry;
  });
  invalidateCalendar();
  return out;
}

export async function deleteCalendarDay(db: Db, ctx: RequestContext, day: string): Promise<void> {
  if (parseDay(day) === null) throw invalid(day, { zh: '不是有效日期（应为 YYYY-MM-DD）', en: 'not a real date (YYYY-MM-DD)' });
  await db.transaction(async (tx) => {
    await assertMayEdit(tx, ctx);
    const before = await repo.findDayForUpdate(tx, day);
    if (!before) throw new AppError('CALENDAR_DAY_NOT_FOUND', { day });
    await repo.deleteDay(tx, day);
    await recordAudit(tx, ctx, { action: 'calendar.delete', entityType: 'calendarDay', entityId: day, regionPath: null, before: { kind: before.kind, name: before.name } });
  });
  invalidateCalendar();
}
