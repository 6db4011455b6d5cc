// Wire types of the inbox and the kinds of notification the case loop sends. No server imports:
// the web app compiles this file too (its texts per kind live in web/src/inbox/messages.ts).

/**
 * Every kind a notification may have. The web renders each from its kind and params in the
 * reader's language, so a kind without texts there would show up raw: `notify` refuses unknown kinds.
 */
export const INBOX_KINDS = [
  'task', // a case dispatched to the reader's unit
  'returned', // a dispatched case sent back to the desk
  'whistle', // the reader's department was called onto a case (吹哨)
  'checkIn', // a called department checked in (报到)
  'extensionRequested',
  'extensionApproved',
  'extensionRefused',
  'handled', // the handler reports it done: please verify
  'verifyFailed', // verification failed: back to handling
  'verified', // verification passed: the desk may close
  'rejected', // the report was not registered (invalid or duplicate)
  'closed',
  'feedback', // the reporter's satisfaction
  'reopened', // 不满意 reopened the case
  'supervision', // 督办
  'warning', // yellow: 80 % of the stage's time used
  'overdue', // red: the stage's deadline passed
  'shelvedReview', // a shelved (挂账) case reached its review date
  'escalated',
  'assistPosted', // an assisting unit posted its part (会商办)
  'urgent', // 抓紧办: the chain is told at once
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** Parameters the texts know how to show; a notifier may add others (kept, not rendered). */
export interface InboxParams {
  code?: string;
  title?: string;
  reason?: string;
  /** ISO timestamp. */
  deadline?: string;
  /** Who acted (a person's or unit's name). */
  by?: string;
  [key: string]: unknown;
}

export interface InboxItem {
  id: number;
  /** One of INBOX_KINDS (older rows may carry a kind since retired: show them generically). */
  kind: string;
  caseId: number | null;
  /** The case's readable code, when the notification is about a case. */
  caseCode?: string;
  params: InboxParams;
  readAt: string | null;
  createdAt: string;
}

export interface InboxPage {
  items: InboxItem[];
  /** Items matching the filter (all, or unread only). */
  total: number;
  /** Unread items in the whole inbox. */
  unread: number;
}

/** Answer of POST /inbox/:id/read. */
export interface InboxReadResult {
  item: InboxItem;
  unread: number;
}

/** Answer of POST /inbox/read-all. */
export interface InboxReadAllResult {
  /** Items marked read by this call. */
  marked: number;
  unread: number;
}

/** Server-sent events on GET /inbox/stream: `event: unread` and `event: notification`. */
export interface InboxUnreadEvent {
  unread: number;
}
export type InboxNotificationEvent = InboxItem;

export const INBOX_STREAM_EVENTS = { unread: 'unread', notification: 'notification' } as const;
