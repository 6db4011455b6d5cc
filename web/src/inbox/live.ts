// The live inbox: one EventSource per signed-in page (opened by the header bell), its events
// passed on to whoever listens (the bell, the inbox page).
import { useEffect, useState } from 'react';
import type { InboxItem } from '../../../src/modules/notifications/notifications.views';
import { inboxApi, INBOX_STREAM_URL } from './api';

export type InboxEvent = { type: 'unread'; unread: number } | { type: 'notification'; item: InboxItem } | { type: 'open' };

const listeners = new Set<(e: InboxEvent) => void>();

export function onInboxEvent(fn: (e: InboxEvent) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function emit(e: InboxEvent): void {
  for (const fn of [...listeners]) fn(e);
}

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;

/**
 * Keeps the stream open while mounted. The browser reconnects by itself after a dropped
 * connection; a refused one (401, 5xx, proxy error) closes the EventSource for good, so it is
 * reopened here with a growing pause. Returns whether the stream is connected.
 */
export function useInboxStream(): boolean {
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    let es: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_RETRY_MS;
    let stopped = false;
    const data = (e: Event) => JSON.parse((e as MessageEvent<string>).data) as unknown;
    const connect = () => {
      if (stopped) return;
      const source = new EventSource(INBOX_STREAM_URL, { withCredentials: true });
      es = source;
      source.addEventListener('open', () => {
        delay = FIRST_RETRY_MS;
        setConnected(true);
        emit({ type: 'open' });
      });
      source.addEventListener('unread', (e) => emit({ type: 'unread', unread: (data(e) as { unread: number }).unread }));
      source.addEventListener('notification', (e) => emit({ type: 'notification', item: data(e) as InboxItem }));
      source.addEventListener('error', () => {
        setConnected(false);
        if (source.readyState !== EventSource.CLOSED) return;
        source.close();
        // A plain request tells the app if the session is gone (it then signs out and unmounts this).
        inboxApi.list({ limit: 1 }).catch(() => undefined);
        timer = setTimeout(connect, delay);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      });
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      es?.close();
    };
  }, []);
  return connected;
}
