// Working-time arithmetic on China's official calendar. Pure: no database, no clock; the special
// days come in as data (see calendar.repository.ts) and every function takes explicit instants.
//
// Semantics (the deadlines of every case stage rest on these; docs and tests quote them):
// - Time zone: Asia/Shanghai, UTC+8 all year (China has no daylight saving), so a local day is a
//   fixed 24 h window and local times are plain offsets from UTC.
// - A working day is Monday–Friday unless the calendar marks it 'holiday' (法定节假日 and bridge
//   days), plus any Saturday or Sunday the calendar marks 'workday' (调休上班). A 'holiday' row on a
//   weekend changes nothing (the day is off anyway) and is kept only to show the holiday's name.
// - Office hours on a working day: 08:30–12:00 and 14:00–17:30, i.e. 7 working hours a day.
// - 'workingHours': `add` walks forward through office hours only. A walk that ends exactly at the
//   end of a block ends there (12:00 or 17:30), not at the start of the next one. A start before
//   08:30, in the lunch break or after 17:30 begins counting at the next office block.
// - 'workingDays': the deadline is the end of office hours (17:30) of the n-th working day after
//   the start's local day, whatever the time of the start (a case registered on Friday evening, or
//   Friday morning, with 1 working day is due Monday 17:30; over 国庆 it skips the week; an
//   adjusted working Saturday counts). Equivalently: the clock starts at 17:30 of the start's day
//   (or at the start, if later) and runs 7 working hours per working day. Fractions of a day are
//   7-hour fractions on that clock, which is how warnings at 80 % are placed.
// - 'naturalHours': plain elapsed hours (urgent cases).
// - `between(a, b, unit)` is the elapsed amount in the unit, fractional, on the same clock as
//   `add` (so between(a, add(a, n, u), u) = n); 0 when b is not after the clock's start.
// - `stageClock` places the warning at 80 % of the allowed time measured in the stage's unit
//   (working time for working units) and the deadline at 100 %.

export type TimeUnit = 'workingDays' | 'workingHours' | 'naturalHours';
export const TIME_UNITS: readonly TimeUnit[] = ['workingDays', 'workingHours', 'naturalHours'];

export type DayKind = 'holiday' | 'workday';
export const DAY_KINDS: readonly DayKind[] = ['holiday', 'workday'];

export interface SpecialDay {
  /** Local date, YYYY-MM-DD. */
  day: string;
  kind: DayKind;
  name: string;
}

/** GET /calendar: a year's special days (the web app compiles this file: it imports nothing). */
export interface CalendarYearView {
  year: number;
  days: SpecialDay[];
  /** May the caller edit the calendar (cases.configure and a scope covering every region)? */
  editable: boolean;
}

export interface WorkCalendar {
  /** The instant `amount` units after `start` (amount ≥ 0). */
  add(start: Date, amount: number, unit: TimeUnit): Date;
  /** Elapsed amount in the unit from `start` to `end` (fractional, never negative). */
  between(start: Date, end: Date, unit: TimeUnit): number;
  /** Is this local date (YYYY-MM-DD) a working day? */
  isWorkday(day: string): boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Asia/Shanghai is UTC+8 with no daylight saving. */
const OFFSET = 8 * HOUR;
/** Office blocks as offsets from local midnight: 08:30–12:00, 14:00–17:30. */
const BLOCKS: readonly (readonly [number, number])[] = [
  [8 * HOUR + 30 * MINUTE, 12 * HOUR],
  [14 * HOUR, 17 * HOUR + 30 * MINUTE],
];
const END_OF_DAY = BLOCKS[BLOCKS.length - 1][1];
/** 7 working hours per working day. */
export const WORKING_DAY_MS = BLOCKS.reduce((s, [a, b]) => s + (b - a), 0);
/** A calendar with this many non-working days in a row is broken (e.g. every day a holiday). */
const MAX_IDLE_DAYS = 400;

export const WARN_SHARE = 0.8;

/** Local day number (days since 1970-01-01 in Shanghai) of an instant. */
const dayNumber = (t: number): number => Math.floor((t + OFFSET) / DAY);
/** UTC instant of local midnight starting a day number. */
const midnight = (dn: number): number => dn * DAY - OFFSET;
/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
const weekday = (dn: number): number => (((dn + 4) % 7) + 7) % 7;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a YYYY-MM-DD string, or null when it is not a real date. */
export function parseDay(day: string): number | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.round(t / DAY);
}

/** YYYY-MM-DD of a day number. */
export const formatDay = (dn: number): string => new Date(dn * DAY).toISOString().slice(0, 10);

/** The local (Shanghai) date of an instant, YYYY-MM-DD. */
export const localDay = (t: Date): string => formatDay(dayNumber(t.getTime()));

/** Is the day (YYYY-MM-DD, a real date) a Saturday or Sunday? */
export function isWeekend(day: string): boolean {
  const dn = parseDay(day);
  if (dn === null) throw new RangeError(`not a date: ${day}`);
  const w = weekday(dn);
  return w === 0 || w === 6;
}

function checkAmount(amount: number): void {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`amount must be a finite number ≥ 0, got ${amount}`);
}

export function buildCalendar(days: readonly Pick<SpecialDay, 'day' | 'kind'>[]): WorkCalendar {
  const special = new Map<number, DayKind>();
  for (const d of days) {
    const dn = parseDay(d.day);
    if (dn !== null) special.set(dn, d.kind);
  }
  const working = (dn: number): boolean => {
    const k = special.get(dn);
    if (k === 'holiday') return false;
    if (k === 'workday') return true;
    const w = weekday(dn);
    return w !== 0 && w !== 6;
  };

  /** Walks `ms` of office time forward from instant t. */
  function walk(t: number, ms: number): number {
    if (ms <= 0) return t;
    let dn = dayNumber(t);
    let off = t - midnight(dn);
    let idle = 0;
    for (;;) {
      if (working(dn)) {
        idle = 0;
        // A whole working day still ahead: skip it in one step.
        if (off <= BLOCKS[0][0] && ms > WORKING_DAY_MS) {
          ms -= WORKING_DAY_MS;
        } else {
          for (const [from, to] of BLOCKS) {
            if (off >= to) continue;
            const begin = Math.max(off, from);
            const avail = to - begin;
            if (ms <= avail) return midnight(dn) + begin + ms;
            ms -= avail;
            off = to;
          }
        }
      } else if (++idle > MAX_IDLE_DAYS) {
        throw new Error(`working calendar has no working day for ${MAX_IDLE_DAYS} days after ${formatDay(dn - MAX_IDLE_DAYS)}`);
      }
      dn += 1;
      off = 0;
    }
  }

  /** Office time (ms) between instants a < b. */
  function officeMs(a: number, b: number): number {
    if (b <= a) return 0;
    const first = dayNumber(a);
    const last = dayNumber(b);
    let total = 0;
    for (let dn = first; dn <= last; dn++) {
      if (!working(dn)) continue;
      const base = midnight(dn);
      const lo = dn === first ? a - base : 0;
      const hi = dn === last ? b - base : DAY;
      if (dn !== first && dn !== last) {
        total += WORKING_DAY_MS;
        continue;
      }
      for (const [from, to] of BLOCKS) total += Math.max(0, Math.min(hi, to) - Math.max(lo, from));
    }
    return total;
  }

  /** Where a working-days clock starts: 17:30 of the start's local day, or the start if later. */
  const dayClockStart = (t: number): number => Math.max(t, midnight(dayNumber(t)) + END_OF_DAY);

  return {
    add(start, amount, unit) {
      checkAmount(amount);
      const t = start.getTime();
      if (amount === 0) return new Date(t);
      switch (unit) {
        case 'naturalHours':
          return new Date(t + Math.round(amount * HOUR));
        case 'workingHours':
          return new Date(walk(t, Math.round(amount * HOUR)));
        case 'workingDays':
          return new Date(walk(dayClockStart(t), Math.round(amount * WORKING_DAY_MS)));
      }
    },
    between(start, end, unit) {
      const a = start.getTime();
      const b = end.getTime();
      switch (unit) {
        case 'naturalHours':
          return Math.max(0, b - a) / HOUR;
        case 'workingHours':
          return officeMs(a, b) / HOUR;
        case 'workingDays':
          return officeMs(dayClockStart(a), b) / WORKING_DAY_MS;
      }
    },
    isWorkday(day) {
      const dn = parseDay(day);
      if (dn === null) throw new RangeError(`not a date: ${day}`);
      return working(dn);
    },
  };
}

/** The clock of a timed stage: warning at 80 % of the allowed time, deadline at 100 %. */
export function stageClock(cal: WorkCalendar, start: Date, amount: number, unit: TimeUnit): { warnAt: Date; deadlineAt: Date } {
  return { warnAt: cal.add(start, amount * WARN_SHARE, unit), deadlineAt: cal.add(start, amount, unit) };
}
