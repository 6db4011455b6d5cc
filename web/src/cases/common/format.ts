// Small formatting helpers shared by the case pages: times, durations, bilingual names.
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';

export const fmtTime = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const fmtDate = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');

/** A span of natural time, coarse enough to read at a glance (days + hours, or hours + minutes). */
export function fmtDuration(t: TFunction, ms: number): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h ? t('cases.deadline.daysHours', { d, h }) : t('cases.deadline.days', { n: d });
  if (h > 0) return m ? t('cases.deadline.hoursMinutes', { h, m }) : t('cases.deadline.hours', { n: h });
  return t('cases.deadline.minutes', { n: m });
}

/** zh or en field of a bilingual record. */
export const bi = (lang: string, zh: string | null | undefined, en: string | null | undefined): string =>
  (lang === 'en' ? en || zh : zh || en) ?? '';

export interface CategoryLike { nameZh: string; nameEn: string; parentNameZh?: string; parentNameEn?: string }

/** "市容环境 / 暴露垃圾" (or only the subcategory when short is asked). */
export function categoryLabel(lang: string, c: CategoryLike | null | undefined, short = false): string {
  if (!c) return '';
  const name = bi(lang, c.nameZh, c.nameEn);
  const parent = bi(lang, c.parentNameZh, c.parentNameEn);
  return parent && !short ? `${parent} / ${name}` : name;
}
