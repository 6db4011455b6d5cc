// Inbox operations (GET /inbox, mark read, read all) and the live stream's address.
import { api, buildUrl } from '../api/client';
import type { InboxPage, InboxReadAllResult, InboxReadResult } from '../../../src/modules/notifications/notifications.views';

export const inboxApi = {
  list: (q: { unread?: boolean; limit?: number; offset?: number }) => api.get<InboxPage>('/inbox', q),
  read: (id: number) => api.post<InboxReadResult>(`/inbox/${id}/read`),
  /** `upToId`: the newest item the reader has seen; later arrivals stay unread. */
  readAll: (upToId?: number) => api.post<InboxReadAllResult>('/inbox/read-all', upToId ? { upToId } : {}),
};

export const INBOX_STREAM_URL = buildUrl('/inbox/stream');
