// Live fan-out of inbox changes to open pages (server-sent events).
//
// Writers call pg_notify inside their transaction (see the repository), so a notice leaves the
// database only when the change commits. Each process listens on the channel once and hands every
// notice to the streams of that user open in this process; with several API processes behind a
// balancer each one gets every notice and serves its own streams.
// - PostgreSQL: a dedicated connection (outside the pool, which never holds a LISTEN) that
//   reconnects with back-off; after a reconnect every open stream gets a fresh unread count,
//   since notices sent while it was down are lost.
// - PGlite: `client.listen` on its single connection. Checked by test/api/notifications.test.ts
//   (and first by a scratch script): a NOTIFY inside a transaction is delivered on COMMIT and
//   dropped on ROLLBACK (also inside a rolled-back savepoint), exactly as on the server, so both
//   engines share one path and no in-process side channel is needed.
import type { ServerResponse } from 'node:http';
import type { Db } from '../../db/engine.ts';
import { INBOX_CHANNEL } from './notifications.repository.ts';
import type { InboxItem } from './notifications.views.ts';

/** One open stream of one user. */
export interface InboxSink {
  readonly userId: number;
  send(event: string, data: unknown): void;
  close(): void;
}

/** What the bus needs from the service to turn a notice into events. */
export interface InboxLoader {
  item(userId: number, id: number): Promise<InboxItem | null>;
  unread(userId: number): Promise<number>;
}

interface Log {
  warn(msg: string): void;
  error(msg: string): void;
}

/** At most this many open streams per user and process: the oldest is closed for a new one. */
export const MAX_STREAMS_PER_USER = 8;

interface Listener {
  stop(): Promise<void>;
}

type Notice = { u: number; id?: number; read?: number };

function parseNotice(text: string): Notice | null {
  try {
    const v = JSON.parse(text) as Partial<Notice>;
    if (!Number.isInteger(v.u)) return null;
    if (v.id !== undefined && !Number.isInteger(v.id)) return null;
    return v as Notice;
  } catch {
    return null;
  }
}

export class InboxBus {
  private readonly sinks = new Map<number, Set<InboxSink>>();
  /** Per-user chain, so a user's events leave in the order their notices arrived. */
  private readonly chains = new Map<number, Promise<void>>();
  private listener: Listener | null = null;
  private starting: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly loader: InboxLoader,
    private readonly log: Log = { warn: (m) => console.warn(m), error: (m) => console.error(m) },
  ) {}

  /** Registers a stream; resolves once the process listens, so nothing committed afterwards is missed. */
  async subscribe(sink: InboxSink): Promise<() => void> {
    if (this.stopped) throw new Error('inbox bus stopped');
    let set = this.sinks.get(sink.userId);
    if (!set) this.sinks.set(sink.userId, (set = new Set()));
    if (set.size >= MAX_STREAMS_PER_USER) set.values().next().value?.close();
    set.add(sink);
    await this.start();
    return () => this.remove(sink);
  }

  /** Open streams (all users). */
  get size(): number {
    let n = 0;
    for (const s of this.sinks.values()) n += s.size;
    return n;
  }

  private remove(sink: InboxSink): void {
    const set = this.sinks.get(sink.userId);
    if (!set) return;
    set.delete(sink);
    if (set.size === 0) this.sinks.delete(sink.userId);
  }

  private start(): Promise<void> {
    this.starting ??= this.listen().then(
      (l) => {
        if (this.stopped) void l.stop();
        else this.listener = l;
      },
      (e: unknown) => {
        // Not cached: the next stream tries again.
        this.starting = null;
        throw e;
      },
    );
    return this.starting;
  }

  private async listen(): Promise<Listener> {
    const client = (this.db as unknown as { $client: unknown }).$client as PgliteLike | PoolLike;
    const onNotice = (text: string) => this.dispatch(text);
    if (typeof (client as PgliteLike).listen === 'function') {
      const unlisten = await (client as PgliteLike).listen(INBOX_CHANNEL, onNotice);
      return { stop: () => unlisten().catch(() => undefined) };
    }
    const l = new PgListener((client as PoolLike).options, onNotice, () => this.resync(), this.log);
    await l.start();
    return l;
  }

  private dispatch(text: string): void {
    const n = parseNotice(text);
    if (!n || !this.sinks.has(n.u)) return;
    const prev = this.chains.get(n.u) ?? Promise.resolve();
    const next = prev.then(() => this.deliver(n)).catch((e: unknown) => this.log.error(`wangge: inbox event for user ${n.u} not delivered: ${(e as Error).message}`));
    this.chains.set(n.u, next);
    void next.finally(() => {
      if (this.chains.get(n.u) === next) this.chains.delete(n.u);
    });
  }

  private async deliver(n: Notice): Promise<void> {
    if (!this.sinks.has(n.u) || this.stopped) return;
    const item = n.id === undefined ? null : await this.loader.item(n.u, n.id);
    const unread = await this.loader.unread(n.u);
    for (const sink of this.sinks.get(n.u) ?? []) {
      if (item) sink.send('notification', item);
      sink.send('unread', { unread });
    }
  }

  /** After a lost connection: every open stream gets its count again. */
  private resync(): void {
    for (const userId of this.sinks.keys()) this.dispatch(JSON.stringify({ u: userId, read: 0 }));
  }

  /** Ends every stream (before the HTTP server closes: an open stream would hold it open). */
  closeStreams(): void {
    for (const set of [...this.sinks.values()]) for (const sink of [...set]) sink.close();
    this.sinks.clear();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.closeStreams();
    await this.starting?.catch(() => undefined);
    await this.listener?.stop();
    this.listener = null;
    await Promise.allSettled([...this.chains.values()]);
  }
}

interface PgliteLike {
  listen(channel: string, cb: (payload: string) => void): Promise<() => Promise<void>>;
}
interface PoolLike {
  options: import('pg').PoolConfig;
}

/** A LISTEN connection to the PostgreSQL server that comes back after a restart or termination. */
class PgListener implements Listener {
  private client: import('pg').Client | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private delay = 500;

  constructor(
    private readonly config: import('pg').PoolConfig,
    private readonly onNotice: (text: string) => void,
    private readonly onReconnect: () => void,
    private readonly log: Log,
  ) {}

  /** The first attempt; a failure is logged and retried in the background (streams still open, with counts). */
  async start(): Promise<void> {
    try {
      await this.connect();
    } catch (e) {
      this.log.warn(`wangge: inbox LISTEN connection failed (${(e as Error).message}); retrying`);
      this.schedule();
    }
  }

  private async connect(): Promise<void> {
    const pg = (await import('pg')).default;
    const { max: _max, idleTimeoutMillis: _idle, ...config } = this.config;
    const c = new pg.Client(config);
    c.on('notification', (m) => {
      if (m.channel === INBOX_CHANNEL && m.payload) this.onNotice(m.payload);
    });
    c.on('error', (err) => this.lost(c, err));
    c.on('end', () => this.lost(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${INBOX_CHANNEL}`);
    } catch (e) {
      c.removeAllListeners();
      c.on('error', () => undefined);
      await c.end().catch(() => undefined);
      throw e;
    }
    if (this.stopped) {
      await c.end().catch(() => undefined);
      return;
    }
    this.client = c;
    this.delay = 500;
  }

  private lost(c: import('pg').Client, err?: Error): void {
    if (this.client !== c) return;
    this.client = null;
    c.removeAllListeners();
    c.on('error', () => undefined);
    void c.end().catch(() => undefined);
    if (this.stopped) return;
    this.log.warn(`wangge: inbox LISTEN connection lost${err ? ` (${err.message})` : ''}; reconnecting`);
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect().then(
        () => this.client && this.onReconnect(),
        (e: unknown) => {
          this.log.warn(`wangge: inbox LISTEN reconnect failed (${(e as Error).message})`);
          this.delay = Math.min(this.delay * 2, 30_000);
          this.schedule();
        },
      );
    }, this.delay);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const c = this.client;
    this.client = null;
    if (c) {
      c.removeAllListeners();
      c.on('error', () => undefined);
      await c.end().catch(() => undefined);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Server-sent events over a raw HTTP response.

export const HEARTBEAT_MS = 25_000;

/**
 * One SSE response: `event:`/`data:` frames, a comment line as heartbeat (proxies and browsers
 * drop idle connections), and on every heartbeat a check that the session is still valid, so a
 * logged-out or disabled account stops receiving. Ends once; `onClose` runs once.
 */
export class SseStream implements InboxSink {
  private timer: NodeJS.Timeout | null = null;
  private ended = false;
  private readonly closeHandlers: (() => void)[] = [];

  constructor(
    readonly userId: number,
    private readonly res: ServerResponse,
    opts: { heartbeatMs?: number; stillValid?: () => Promise<boolean> } = {},
  ) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies buffer responses unless told not to.
      'x-accel-buffering': 'no',
    });
    // How long a browser waits before reconnecting after a drop.
    res.write('retry: 5000\n\n');
    res.on('close', () => this.close());
    this.timer = setInterval(() => {
      this.write(': ping\n\n');
      opts.stillValid?.().then(
        (ok) => !ok && this.close(),
        () => undefined,
      );
    }, opts.heartbeatMs ?? HEARTBEAT_MS);
    this.timer.unref();
  }

  onClose(fn: () => void): void {
    if (this.ended) fn();
    else this.closeHandlers.push(fn);
  }

  send(event: string, data: unknown): void {
    // JSON has no raw newlines, so one data line per event.
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private write(text: string): void {
    if (this.ended || this.res.writableEnded || this.res.destroyed) return;
    this.res.write(text);
  }

  close(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!this.res.writableEnded) this.res.end();
    for (const fn of this.closeHandlers.splice(0)) fn();
  }
}

// One bus per database handle (tests run several apps, each on its own database, in one process).
const buses = new WeakMap<Db, InboxBus>();

export function inboxBusFor(db: Db, loader: InboxLoader, log?: Log): InboxBus {
  let bus = buses.get(db);
  if (!bus) buses.set(db, (bus = new InboxBus(db, loader, log)));
  return bus;
}

/** Open streams on a database's bus in this process (0 without a bus). */
export function inboxStreamCount(db: Db): number {
  return buses.get(db)?.size ?? 0;
}

/** Ends the open streams of a database's bus, if it has one. */
export function closeInboxStreams(db: Db): void {
  buses.get(db)?.closeStreams();
}

export async function stopInboxBus(db: Db): Promise<void> {
  const bus = buses.get(db);
  buses.delete(db);
  await bus?.stop();
}
