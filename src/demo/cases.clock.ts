// Working time for the demo's year of cases, on the platform's own calendar (calendar.ts: office
// hours, official holidays, adjusted working weekends; urgent cases in natural hours), so demo
// deadlines fall exactly where the service would put them. Times are epoch milliseconds here: a
// million cases make a few million of these calls.
import { buildCalendar, stageClock, type TimeUnit, type WorkCalendar } from '../modules/calendar/calendar.ts';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
export const TZ_OFFSET = 8 * HOUR;

export interface CaseClock {
  /** The moment `amount` units after `start`. */
  add(startMs: number, amount: number, unit: TimeUnit): number;
  /** A stage's warning (80 %) and deadline, as the service's stage clock places them. */
  stage(startMs: number, amount: number, unit: TimeUnit): { warnAt: number; deadlineAt: number };
  /** Elapsed amount in the unit (fractional), on the same clock as `add`. */
  between(aMs: number, bMs: number, unit: TimeUnit): number;
  isWorkday(day: number): boolean;
}

/** Local calendar day number (days since 1970-01-01 in Asia/Shanghai). */
export const localDay = (ms: number): number => Math.floor((ms + TZ_OFFSET) / DAY);
/** Epoch ms of local midnight of a day number. */
export const dayStart = (day: number): number => day * DAY - TZ_OFFSET;
/** 'YYYY-MM-DD' of a local day number. */
export const dayString = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
/** Local day number of 'YYYY-MM-DD'. */
export const dayOf = (s: string): number => Math.floor(Date.parse(`${s}T00:00:00Z`) / DAY);
/** 'YYYY-MM-DD HH:mm' in Shanghai, as the timer writes deadlines into its notes. */
export const localMinute = (ms: number): string => new Date(ms + TZ_OFFSET).toISOString().slice(0, 16).replace('T', ' ');

export function clockOf(cal: WorkCalendar): CaseClock {
  return {
    add: (startMs, amount, unit) => cal.add(new Date(startMs), amount, unit).getTime(),
    stage: (startMs, amount, unit) => {
      const c = stageClock(cal, new Date(startMs), amount, unit);
      return { warnAt: c.warnAt.getTime(), deadlineAt: c.deadlineAt.getTime() };
    },
    between: (a, b, unit) => cal.between(new Date(a), new Date(b), unit),
    isWorkday: (day) => cal.isWorkday(dayString(day)),
  };
}

/** Monday–Friday with the given special days (tests, and loads without a seeded calendar). */
export const plainClock = (days: { day: string; kind: 'holiday' | 'workday' }[] = []): CaseClock => clockOf(buildCalendar(days));
