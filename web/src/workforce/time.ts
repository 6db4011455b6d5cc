// Weeks ('YYYY-Www', ISO: Monday first, the week of the year's first Thursday is W01) and
// quarters ('YYYYQn') as the workforce API takes them, computed without locale plugins so the
// English calendar (Sunday first) does not shift them.
import dayjs, { type Dayjs } from 'dayjs';

const DAY = 'YYYY-MM-DD';

/** Monday of the ISO week holding `d`. */
export function mondayOf(d: Dayjs): Dayjs {
  const dow = (d.day() + 6) % 7; // 0 = Monday
  return d.startOf('day').subtract(dow, 'day');
}

export function isoWeekOf(d: Dayjs): string {
  const thursday = mondayOf(d).add(3, 'day');
  const year = thursday.year();
  const firstThursday = mondayOf(dayjs(`${year}-01-04`)).add(3, 'day');
  const week = Math.round(thursday.diff(firstThursday, 'day') / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of an ISO week string. */
export function weekMonday(week: string): Dayjs {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return mondayOf(dayjs());
  const w1 = mondayOf(dayjs(`${m[1]}-01-04`));
  return w1.add((Number(m[2]) - 1) * 7, 'day');
}

export const weekRange = (week: string): [string, string] => {
  const mon = weekMonday(week);
  return [mon.format(DAY), mon.add(6, 'day').format(DAY)];
};

export const shiftWeek = (week: string, by: number): string => isoWeekOf(weekMonday(week).add(by * 7, 'day'));
export const thisWeek = (): string => isoWeekOf(dayjs());

export const quarterOf = (d: Dayjs): string => `${d.year()}Q${Math.floor(d.month() / 3) + 1}`;
export function shiftQuarter(q: string, by: number): string {
  const m = /^(\d{4})Q([1-4])$/.exec(q);
  const [y, n] = m ? [Number(m[1]), Number(m[2])] : [dayjs().year(), 1];
  const i = y * 4 + (n - 1) + by;
  return `${Math.floor(i / 4)}Q${(i % 4) + 1}`;
}

/** "3 h 05 min"-like text parts, for the duration of a visit. */
export function splitMinutes(minutes: number): { h: number; m: number } {
  const total = Math.max(0, Math.round(minutes));
  return { h: Math.floor(total / 60), m: total % 60 };
}

export const fmtTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const fmtDay = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');
export { DAY };
