// Pure rules of joint committees, partnerships and leader contacts: calendar dates, a meeting's
// attendance rate, whether a dated row is current, and a partnership's state on a given day.
import type { AttendanceRate, Attendee, DecidedItem } from './joint.views.ts';

/** A real calendar day written YYYY-MM-DD (the schema checks the shape; this refuses 2026-02-30). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Today in China (UTC+8, no daylight saving): the offices' calendar day. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Attendance rate: attendees marked present over attendees listed. */
export function attendanceRate(attendance: readonly Pick<Attendee, 'present'>[]): AttendanceRate {
  const total = attendance.length;
  const present = attendance.filter((a) => a.present).length;
  return { present, total, rate: total === 0 ? null : Math.round((present / total) * 10000) / 10000 };
}

export const decisionsDone = (decisions: readonly Pick<DecidedItem, 'done'>[]) => decisions.filter((d) => d.done).length;

/** A dated row (member, contact) is current on `day` when it has begun and not ended before it. */
export function isCurrent(fromOn: string | null, toOn: string | null, day: string): boolean {
  return (fromOn === null || fromOn <= day) && (toOn === null || toOn >= day);
}

export type PartnershipStatus = 'upcoming' | 'active' | 'ended' | 'archived';

export function partnershipStatus(p: { startOn: string; endOn: string | null; archived: boolean }, day: string): PartnershipStatus {
  if (p.archived) return 'archived';
  if (p.startOn > day) return 'upcoming';
  if (p.endOn !== null && p.endOn < day) return 'ended';
  return 'active';
}

/** Two date ranges (open end = null) share at least one day. */
export function overlaps(a: { startOn: string; endOn: string | null }, b: { startOn: string; endOn: string | null }): boolean {
  return (a.endOn === null || a.endOn >= b.startOn) && (b.endOn === null || b.endOn >= a.startOn);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
