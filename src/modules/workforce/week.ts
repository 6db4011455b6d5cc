// Calendar arithmetic for the workforce rules: ISO weeks ('2026-W47', Monday 00:00 to the next
// Monday 00:00), quarters ('2026Q3') and day periods, all in Asia/Shanghai wall time. China keeps
// UTC+8 all year (no daylight saving), so a fixed offset is exact and needs no time-zone data.

const TZ_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const QUARTER_RE = /^(\d{4})Q([1-4])$/;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A span of Shanghai calendar days: `from`..`to` inclusive; `start` inclusive, `end` exclusive instants. */
export interface Span {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

export function isDay(s: string): boolean {
  const m = DAY_RE.exec(s);
  if (!m) return false;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === s;
}

/** The Shanghai calendar day of an instant, 'YYYY-MM-DD'. */
export function shanghaiDay(t: Date): string {
  return new Date(t.getTime() + TZ_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai day begins. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar day: 1 Monday … 7 Sunday. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

const span = (from: string, to: string): Span => ({ from, to, start: dayStart(from), end: dayStart(addDays(to, 1)) });

/** The ISO week a calendar day belongs to, '2026-W47' (the week's year is the year of its Thursday). */
export function weekOfDay(day: string): string {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week an instant falls in, Shanghai time. */
export const weekOf = (t: Date): string => weekOfDay(shanghaiDay(t));

/** Monday..Sunday of an ISO week, or null when the text is not a week that exists (e.g. 2025-W53). */
export function parseWeek(week: string): Span | null {
  const m = WEEK_RE.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > 53) return null;
  // Week 1 is the week holding 4 January.
  const jan4 = `${m[1]}-01-04`;
  const monday = addDays(addDays(jan4, 1 - isoWeekday(jan4)), 7 * (n - 1));
  // Week 53 exists only in long years: otherwise its Monday already lies in next year's week 1.
  if (weekOfDay(monday) !== `${year}-W${m[2]}`) return null;
  return span(monday, addDays(monday, 6));
}

/** '2026Q3' → 2026-07-01..2026-09-30, or null. */
export function parseQuarter(quarter: string): Span | null {
  const m = QUARTER_RE.exec(quarter);
  if (!m) return null;
  const q = Number(m[2]);
  const from = `${m[1]}-${String(3 * q - 2).padStart(2, '0')}-01`;
  const next = q === 4 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${String(3 * q + 1).padStart(2, '0')}-01`;
  return span(from, addDays(next, -1));
}

/** The quarter an instant falls in, Shanghai time. */
export function quarterOf(t: Date): string {
  const day = shanghaiDay(t);
  return `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

export const MAX_PERIOD_DAYS = 366 * 2;
export type PeriodProblem = 'badDay' | 'reversed' | 'tooLong';

/** Inclusive days; `to` defaults to today, `from` to the first day of `to`'s month. */
export function parsePeriod(from: string | undefined, to: string | undefined, now: Date): Span | PeriodProblem {
  const t = to ?? shanghaiDay(now);
  const f = from ?? `${t.slice(0, 8)}01`;
  if (!isDay(f) || !isDay(t)) return 'badDay';
  if (t < f) return 'reversed';
  const s = span(f, t);
  if ((s.end.getTime() - s.start.getTime()) / DAY_MS > MAX_PERIOD_DAYS) return 'tooLong';
  return s;
}
