// An inbox item in the reader's language: a headline from its kind, detail lines from its params.
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { INBOX_KINDS, type InboxItem } from '../../../src/modules/notifications/notifications.views';

const KNOWN = new Set<string>(INBOX_KINDS);

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : null);

export function caseCodeOf(item: InboxItem): string | null {
  return item.caseCode ?? str(item.params.code);
}

export function inboxHeadline(t: TFunction, item: InboxItem): string {
  const code = caseCodeOf(item) ?? '—';
  if (!KNOWN.has(item.kind)) return `${t('inbox.unknownKind')} · ${code}`;
  return t(`inbox.kind.${item.kind}`, { code });
}

const when = (iso: string) => (dayjs(iso).isValid() ? dayjs(iso).format('YYYY-MM-DD HH:mm') : iso);

/** Detail lines in a fixed order; unknown params are not shown. */
export function inboxDetails(t: TFunction, item: InboxItem): string[] {
  const p = item.params;
  const out: string[] = [];
  const title = str(p.title);
  if (title) out.push(title);
  if (p.role === 'assist') out.push(t('inbox.detail.assist'));
  const amount = str(p.amount);
  if (amount && str(p.unit)) out.push(t('inbox.detail.extension', { amount, unit: t(`inbox.unit.${String(p.unit)}`, { defaultValue: String(p.unit) }) }));
  const reason = str(p.reason);
  if (reason) out.push(t('inbox.detail.reason', { value: t(`inbox.reasonCode.${reason}`, { defaultValue: reason }) }));
  const note = str(p.note);
  if (note && note !== reason) out.push(t('inbox.detail.note', { value: note }));
  const satisfaction = str(p.satisfaction);
  if (satisfaction) out.push(t('inbox.detail.satisfaction', { value: t(`inbox.satisfaction.${satisfaction}`, { defaultValue: satisfaction }) }));
  const deadline = str(p.deadline);
  if (deadline) out.push(t('inbox.detail.deadline', { value: when(deadline) }));
  const reviewOn = str(p.reviewOn);
  if (reviewOn) out.push(t('inbox.detail.reviewOn', { value: reviewOn }));
  const by = str(p.by);
  if (by) out.push(t('inbox.detail.by', { value: by }));
  if (p.upper === true) out.push(t('inbox.detail.escalatedUp'));
  return out;
}

export const itemTime = (item: InboxItem) => when(item.createdAt);

/** Where a click on the item leads: its case, or the inbox. */
export const itemLink = (item: InboxItem) => (item.caseId ? `/cases/${item.caseId}` : '/inbox');
