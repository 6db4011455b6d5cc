// Notifications: inboxes written inside the caller's transaction (a rollback notifies no one),
// listing with unread counts, mark read / read all, nobody reaching another person's items, the
// live stream over a real HTTP listener (server-sent events), and outbound messages logged with
// the recipient masked through a pluggable channel.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notify, sendOutbound, setOutboundChannel, type OutboundChannel, type OutboundMessage } from '../../src/modules/notifications/index.ts';
import { inboxStreamCount, MAX_STREAMS_PER_USER } from '../../src/modules/notifications/notifications.bus.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { testEngine } from '../support/db.ts';

// Short heartbeats, so the test sees them and a logged-out stream ends quickly.
process.env.WANGGE_SSE_HEARTBEAT_MS = '150';

let t: TestApp;
let base: string;
let sq01: string;
let sq02: string;
const ids: Record<string, number> = {};

async function rows<T>(q: SQL): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const countRows = async (table: 'notifications' | 'outbound_messages') => Number((await rows<{ n: string }>(sql`SELECT count(*)::text AS n FROM ${sql.raw(table)}`))[0].n);
const inbox = (cookie: string, query = '') => t.as(cookie, { method: 'GET', url: `/api/v1/inbox${query}` });
const db = () => t.database.db;
/** Notifies in a committed transaction of its own. */
const commit = (n: Parameters<typeof notify>[1]) => db().transaction((tx) => notify(tx, n));

class Rollback extends Error {}
async function rolledBack(fn: Parameters<ReturnType<typeof db>['transaction']>[0]) {
  await expect(db().transaction(async (tx) => {
    await fn(tx);
    throw new Rollback('undo');
  })).rejects.toBeInstanceOf(Rollback);
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  sq01 = await t.login('sq01');
  sq02 = await t.login('sq02');
  for (const r of await rows<{ id: number; username: string }>(sql`SELECT id, username FROM users WHERE username IN ('sq01', 'sq02', 'jd01', 'bm01')`)) ids[r.username] = r.id;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  base = `http://127.0.0.1:${addr.port}`;
});
afterAll(() => t.close());

// ---------------------------------------------------------------------------------------------
// A small SSE client over fetch: frames are split on blank lines, then read one by one.

interface Frame {
  event?: string;
  data?: any;
  comment?: string;
  retry?: number;
}

function parseFrame(raw: string): Frame {
  const f: Frame = {};
  for (const line of raw.split('\n')) {
    if (line.startsWith(':')) f.comment = line.slice(1).trim();
    else if (line.startsWith('event: ')) f.event = line.slice(7);
    else if (line.startsWith('data: ')) f.data = JSON.parse(line.slice(6));
    else if (line.startsWith('retry: ')) f.retry = Number(line.slice(7));
  }
  return f;
}

async function openStream(cookie: string) {
  const ac = new AbortController();
  const res = await fetch(`${base}/api/v1/inbox/stream`, { headers: { cookie }, signal: ac.signal });
  const frames: Frame[] = [];
  let cursor = 0;
  let ended = false;
  let wake: () => void = () => undefined;
  const pump = (async () => {
    if (!res.body) return;
    const reader = res.body.getReader();
    const dec = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          frames.push(parseFrame(buf.slice(0, i)));
          buf = buf.slice(i + 2);
          wake();
        }
      }
    } catch {
      // aborted by the test
    }
    ended = true;
    wake();
  })();
  return {
    res,
    frames,
    get ended() {
      return ended;
    },
    /** The next frame (after those already taken) that matches; fails on timeout or end of stream. */
    async next(match: (f: Frame) => boolean, ms = 5000): Promise<Frame> {
      const deadline = Date.now() + ms;
      for (;;) {
        while (cursor < frames.length) {
          const f = frames[cursor++];
          if (match(f)) return f;
        }
        if (ended) throw new Error(`stream ended; frames: ${JSON.stringify(frames)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching frame within ${ms} ms; frames: ${JSON.stringify(frames)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
    async close() {
      ac.abort();
      await pump;
    },
    async waitEnded(ms = 3000) {
      const deadline = Date.now() + ms;
      while (!ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return ended;
    },
  };
}
const isEvent = (name: string) => (f: Frame) => f.event === name;

async function until(cond: () => boolean, ms = 3000) {
  const deadline = Date.now() + ms;
  while (!cond() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return cond();
}

describe(`notify and the inbox (${testEngine()})`, () => {
  afterEach(async () => {
    await db().execute(sql`DELETE FROM notifications`);
  });

  it('writes nothing when the caller’s transaction rolls back', async () => {
    await rolledBack((tx) => notify(tx, { userIds: [ids.sq01, ids.sq02], kind: 'task', params: { title: '回滚' } }));
    expect(await countRows('notifications')).toBe(0);
    // The same inside a savepoint that fails while the outer transaction commits.
    await db().transaction(async (tx) => {
      await expect(tx.transaction(async (inner) => {
        await notify(inner, { userIds: [ids.sq01], kind: 'task' });
        throw new Rollback('inner');
      })).rejects.toBeInstanceOf(Rollback);
    });
    expect(await countRows('notifications')).toBe(0);
  });

  it('inserts one row per distinct user and refuses unknown kinds and bad ids', async () => {
    await commit({ userIds: [ids.sq01, ids.sq01, ids.sq02], kind: 'supervision', params: { code: 'X-1', by: '区督导' } });
    expect(await countRows('notifications')).toBe(2);
    await expect(commit({ userIds: [ids.sq01], kind: 'supervison' })).rejects.toThrow(/unknown kind/);
    await expect(commit({ userIds: [0], kind: 'task' })).rejects.toThrow(/invalid user id/);
    await commit({ userIds: [], kind: 'task' });
    expect(await countRows('notifications')).toBe(2);
  });

  it('lists my own items newest first with the case code, filters unread, pages and counts', async () => {
    const [c] = await rows<{ id: number }>(sql`INSERT INTO cases (code, source, title, region_id, region_path, desk_region_id, desk_region_path)
      SELECT 'NT-20260101-0001', 'patrol', '井盖缺失', id, path, id, path FROM regions WHERE level = 4 ORDER BY id LIMIT 1 RETURNING id`);
    await commit({ userIds: [ids.sq01], kind: 'task', caseId: c.id, params: { code: 'NT-20260101-0001', title: '井盖缺失', deadline: '2026-01-05T09:30:00.000Z' } });
    await commit({ userIds: [ids.sq01, ids.sq02], kind: 'warning', params: { title: '黄牌' } });
    await commit({ userIds: [ids.sq02], kind: 'overdue', params: { title: '只给 sq02' } });

    const all = await inbox(sq01);
    expect(all.statusCode, all.body).toBe(200);
    const page = all.json();
    expect(page).toMatchObject({ total: 2, unread: 2 });
    expect(page.items.map((i: { kind: string }) => i.kind)).toEqual(['warning', 'task']);
    expect(page.items[1]).toMatchObject({ kind: 'task', caseId: c.id, caseCode: 'NT-20260101-0001', params: { title: '井盖缺失', deadline: '2026-01-05T09:30:00.000Z' }, readAt: null });
    expect(new Date(page.items[1].createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(page.items[0]).not.toHaveProperty('caseCode');
    expect(page.items[0].caseId).toBeNull();
    expect(JSON.stringify(page)).not.toContain('只给 sq02');

    expect((await inbox(sq01, '?limit=1&offset=1')).json()).toMatchObject({ total: 2, unread: 2, items: [{ kind: 'task' }] });
    await t.as(sq01, { method: 'POST', url: `/api/v1/inbox/${page.items[1].id}/read` });
    expect((await inbox(sq01, '?unread=true')).json()).toMatchObject({ total: 1, unread: 1, items: [{ kind: 'warning' }] });
    expect((await inbox(sq02)).json()).toMatchObject({ total: 2, unread: 2 });
  });

  it('marks one item read (keeping the first time), 404 for someone else’s or a missing id', async () => {
    await commit({ userIds: [ids.sq01], kind: 'returned', params: { reason: '非本单位职责' } });
    await commit({ userIds: [ids.sq02], kind: 'returned' });
    const [mine] = (await inbox(sq01)).json().items;
    const [theirs] = (await inbox(sq02)).json().items;

    const first = await t.as(sq01, { method: 'POST', url: `/api/v1/inbox/${mine.id}/read` });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ item: { id: mine.id, kind: 'returned', params: { reason: '非本单位职责' } }, unread: 0 });
    const readAt = first.json().item.readAt;
    expect(readAt).toEqual(expect.any(String));
    const again = await t.as(sq01, { method: 'POST', url: `/api/v1/inbox/${mine.id}/read` });
    expect(again.json().item.readAt).toBe(readAt);

    for (const id of [theirs.id, theirs.id + 1000]) {
      const res = await t.as(sq01, { method: 'POST', url: `/api/v1/inbox/${id}/read`, headers: { 'accept-language': 'en' } });
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOTIFICATION_NOT_FOUND', message: 'Notification not found' });
    }
    expect((await inbox(sq02)).json()).toMatchObject({ unread: 1, items: [{ id: theirs.id, readAt: null }] });
    expect((await t.as(sq01, { method: 'POST', url: '/api/v1/inbox/abc/read' })).statusCode).toBe(400);
  });

  it('marks all read, or only up to the newest item the reader saw; others’ items stay unread', async () => {
    for (const kind of ['task', 'handled', 'closed'] as const) await commit({ userIds: [ids.sq01, ids.sq02], kind });
    const items = (await inbox(sq01)).json().items as { id: number; kind: string }[];
    const upTo = items.find((i) => i.kind === 'handled')!.id;

    const part = await t.as(sq01, { method: 'POST', url: '/api/v1/inbox/read-all', payload: { upToId: upTo } });
    expect(part.statusCode, part.body).toBe(200);
    expect(part.json()).toEqual({ marked: 2, unread: 1 });
    expect((await inbox(sq01, '?unread=true')).json().items.map((i: { kind: string }) => i.kind)).toEqual(['closed']);

    const rest = await t.as(sq01, { method: 'POST', url: '/api/v1/inbox/read-all' });
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json()).toEqual({ marked: 1, unread: 0 });
    expect((await inbox(sq02)).json()).toMatchObject({ unread: 3, total: 3 });
    const bad = await t.as(sq01, { method: 'POST', url: '/api/v1/inbox/read-all', payload: { upToId: 1, userId: ids.sq02 } });
    expect(bad.statusCode).toBe(400);
    expect((await inbox(sq02)).json().unread).toBe(3);
  });

  it('needs a login', async () => {
    for (const url of ['/api/v1/inbox', '/api/v1/inbox/stream']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('AUTH_REQUIRED');
    }
    const res = await fetch(`${base}/api/v1/inbox/stream`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('AUTH_REQUIRED');
  });
});

describe(`the live stream over HTTP (${testEngine()})`, () => {
  afterEach(async () => {
    await db().execute(sql`DELETE FROM notifications`);
  });

  it('sends the unread count on connect, then each committed notification, none for a rollback or for others', async () => {
    await commit({ userIds: [ids.sq01], kind: 'task', params: { title: '已有' } });
    const s = await openStream(sq01);
    expect(s.res.status).toBe(200);
    expect(s.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect((await s.next(isEvent('unread'))).data).toEqual({ unread: 1 });
    expect(s.frames[0].retry).toBe(5000);

    // A rolled-back step and someone else's news, then my committed one: the first notification
    // that arrives must be the committed one (NOTIFY keeps commit order).
    await rolledBack((tx) => notify(tx, { userIds: [ids.sq01], kind: 'task', params: { title: '回滚了' } }));
    await commit({ userIds: [ids.sq02], kind: 'task', params: { title: '给别人' } });
    await commit({ userIds: [ids.sq01], kind: 'urgent', params: { title: '提交了', code: 'C-9' } });
    const n = await s.next(isEvent('notification'));
    expect(n.data).toMatchObject({ kind: 'urgent', params: { title: '提交了', code: 'C-9' }, readAt: null, caseId: null });
    expect(n.data.id).toEqual(expect.any(Number));
    expect((await s.next(isEvent('unread'))).data).toEqual({ unread: 2 });

    // Reading elsewhere (another tab) updates the count here.
    await t.as(sq01, { method: 'POST', url: `/api/v1/inbox/${n.data.id}/read` });
    expect((await s.next(isEvent('unread'))).data).toEqual({ unread: 1 });
    const all = await t.as(sq01, { method: 'POST', url: '/api/v1/inbox/read-all' });
    expect(all.json()).toEqual({ marked: 1, unread: 0 });
    expect((await s.next(isEvent('unread'))).data).toEqual({ unread: 0 });

    // Heartbeats are comment lines.
    expect((await s.next((f) => f.comment === 'ping', 2000)).comment).toBe('ping');
    const seen = JSON.stringify(s.frames);
    expect(seen).not.toContain('回滚了');
    expect(seen).not.toContain('给别人');
    await s.close();
  });

  it('several streams of one user all hear; closing them cleans up; too many close the oldest', async () => {
    const a = await openStream(sq01);
    const b = await openStream(sq01);
    const other = await openStream(sq02);
    for (const s of [a, b, other]) await s.next(isEvent('unread'));
    expect(inboxStreamCount(db())).toBe(3);
    await commit({ userIds: [ids.sq01], kind: 'whistle', params: { title: '吹哨' } });
    for (const s of [a, b]) expect((await s.next(isEvent('notification'))).data.kind).toBe('whistle');
    await a.close();
    await b.close();
    await other.close();
    expect(await until(() => inboxStreamCount(db()) === 0)).toBe(true);

    const many = [];
    for (let i = 0; i <= MAX_STREAMS_PER_USER; i++) {
      const s = await openStream(sq01);
      await s.next(isEvent('unread'));
      many.push(s);
    }
    expect(await many[0].waitEnded()).toBe(true);
    expect(many.slice(1).every((s) => !s.ended)).toBe(true);
    expect(inboxStreamCount(db())).toBe(MAX_STREAMS_PER_USER);
    for (const s of many) await s.close();
    expect(await until(() => inboxStreamCount(db()) === 0)).toBe(true);
  });

  it('ends the stream after logout (checked at the next heartbeat)', async () => {
    const cookie = await t.login('jd01');
    const s = await openStream(cookie);
    await s.next(isEvent('unread'));
    expect((await t.as(cookie, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBeLessThan(300);
    expect(await s.waitEnded()).toBe(true);
    expect(await until(() => inboxStreamCount(db()) === 0)).toBe(true);
  });

  it.runIf(testEngine() === 'postgres')('comes back after the LISTEN connection is killed and resends the count', async () => {
    const s = await openStream(sq01);
    await s.next(isEvent('unread'));
    const killed = await rows<{ ok: boolean }>(sql`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN wangge_inbox'`);
    expect(killed.map((k) => k.ok)).toEqual([true]);
    // The reconnect announces itself with a fresh count …
    expect((await s.next(isEvent('unread'), 8000)).data).toEqual({ unread: 0 });
    // … and live delivery works again.
    await commit({ userIds: [ids.sq01], kind: 'escalated', params: { title: '升级' } });
    expect((await s.next(isEvent('notification'))).data.kind).toBe('escalated');
    await s.close();
  });
});

describe('outbound messages', () => {
  const MOBILE = '13812345678';
  afterEach(async () => {
    setOutboundChannel(null);
    delete process.env.WANGGE_OUTBOUND_MODULE;
    delete process.env.WANGGE_OUTBOUND_TIMEOUT_MS;
    await db().execute(sql`DELETE FROM outbound_messages`);
  });
  const outbound = () => rows<{ id: number; channel: string; recipient_masked: string; template: string; params: Record<string, unknown>; case_id: number | null; status: string }>(sql`SELECT * FROM outbound_messages ORDER BY id`);

  it('the logging channel records the message with the mobile masked', async () => {
    const r = await db().transaction((tx) => sendOutbound(tx, { channel: 'sms', recipient: MOBILE, template: 'caseReceived', params: { code: 'C-1' }, caseId: null }));
    expect(r).toMatchObject({ status: 'logged' });
    const [row] = await outbound();
    expect(row).toMatchObject({ id: r.id, channel: 'sms', recipient_masked: '138****5678', template: 'caseReceived', params: { code: 'C-1' }, status: 'logged' });
    expect(JSON.stringify(row)).not.toContain(MOBILE);
  });

  it('a custom channel gets the full recipient; the log keeps it masked; a rollback keeps no log', async () => {
    const got: OutboundMessage[] = [];
    const gateway: OutboundChannel = { name: 'test-gateway', send: async (m) => (got.push(m), 'sent') };
    setOutboundChannel(gateway);
    await db().transaction((tx) => sendOutbound(tx, { channel: 'wechat', recipient: 'oAbCdEfGhIjKlMn', template: 'feedbackAsk', params: { code: 'C-2' } }));
    expect(got).toEqual([{ channel: 'wechat', recipient: 'oAbCdEfGhIjKlMn', template: 'feedbackAsk', params: { code: 'C-2' } }]);
    expect((await outbound())[0]).toMatchObject({ recipient_masked: 'oAb***Mn', status: 'sent' });
    await rolledBack((tx) => sendOutbound(tx, { channel: 'sms', recipient: MOBILE, template: 'x', params: {} }));
    expect(await outbound()).toHaveLength(1);
  });

  it('a failing channel records failed with the reason and the caller’s transaction carries on', async () => {
    setOutboundChannel({ name: 'broken', send: async () => { throw new Error('gateway 503'); } });
    const r = await db().transaction(async (tx) => {
      const res = await sendOutbound(tx, { channel: 'sms', recipient: MOBILE, template: 'caseClosed', params: { code: 'C-3' } });
      await notify(tx, { userIds: [ids.sq01], kind: 'closed' });
      return res;
    });
    expect(r).toEqual({ id: expect.any(Number), status: 'failed', error: 'gateway 503' });
    expect((await outbound())[0]).toMatchObject({ status: 'failed', recipient_masked: '138****5678', params: { code: 'C-3', _error: 'gateway 503' } });
    expect(await countRows('notifications')).toBe(1);
    await db().execute(sql`DELETE FROM notifications`);
  });

  it('a slow channel is cut off; a bad mobile never reaches the channel', async () => {
    process.env.WANGGE_OUTBOUND_TIMEOUT_MS = '100';
    let calls = 0;
    setOutboundChannel({ name: 'slow', send: () => (calls++, new Promise((r) => setTimeout(() => r('sent'), 2000))) });
    const slow = await db().transaction((tx) => sendOutbound(tx, { channel: 'sms', recipient: MOBILE, template: 't', params: {} }));
    expect(slow).toMatchObject({ status: 'failed', error: expect.stringMatching(/timed out/) });
    const bad = await db().transaction((tx) => sendOutbound(tx, { channel: 'sms', recipient: '0755-1234567', template: 't', params: {} }));
    expect(bad).toMatchObject({ status: 'failed', error: 'not a mainland mobile number' });
    expect(calls).toBe(1);
    expect((await outbound())[1]).toMatchObject({ recipient_masked: '***', status: 'failed' });
  });

  it('loads a deployment’s channel from WANGGE_OUTBOUND_MODULE', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-outbound-'));
    const file = path.join(dir, 'channel.mjs');
    fs.writeFileSync(file, `export default () => ({ name: 'file-gateway', sent: [], async send(m) { globalThis.__wanggeOutbound = m.recipient; return 'sent'; } });\n`);
    process.env.WANGGE_OUTBOUND_MODULE = file;
    setOutboundChannel(null);
    const r = await db().transaction((tx) => sendOutbound(tx, { channel: 'sms', recipient: MOBILE, template: 't', params: {} }));
    expect(r.status).toBe('sent');
    expect((globalThis as { __wanggeOutbound?: string }).__wanggeOutbound).toBe(MOBILE);

    fs.writeFileSync(path.join(dir, 'bad.mjs'), 'export default { name: "no send" };\n');
    process.env.WANGGE_OUTBOUND_MODULE = path.join(dir, 'bad.mjs');
    setOutboundChannel(null);
    const bad = await db().transaction((tx) => sendOutbound(tx, { channel: 'sms', recipient: MOBILE, template: 't', params: {} }));
    expect(bad).toMatchObject({ status: 'failed', error: expect.stringMatching(/not an OutboundChannel/) });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
