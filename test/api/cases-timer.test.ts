// The case timer: yellow at 80 %, red and 督办 at the deadline, missed whistle check-ins, shelved
// reviews — derived from the rows, so it survives a restart, never records a change twice, and
// never marks a case closed in time. Cases are reported and moved through the real API; the
// timer's clock is injected (`now`) to stand after the deadlines the workflow set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCity, DEMO_PASSWORD } from '../../src/demo/load.ts';
import { migrateDatabase, openDatabase, type Database, type Db } from '../../src/db/engine.ts';
import { startCaseTimer } from '../../src/modules/cases/cases.timer.ts';
import type { CaseDetail } from '../../src/modules/cases/cases.views.ts';
import { buildApp } from '../../src/server/app.ts';
import { initPiiKeys } from '../../src/shared/pii.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { categoryByCode, CATEGORY, reportCase } from '../support/cases.ts';

const api = (url: string) => `/api/v1${url}`;
const SECOND = 1000;
const HOUR = 3_600_000;

async function rows<T>(db: Db, q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
}

interface CaseClock {
  id: number;
  status: string;
  stage: string | null;
  timer_state: string;
  ever_overdue: boolean;
  supervision_count: number;
  version: number;
  warn: Date;
  deadline: Date;
}
async function clockOf(db: Db, id: number): Promise<CaseClock> {
  const [r] = await rows<CaseClock & { warn: string | Date; deadline: string | Date }>(
    db,
    sql`SELECT id, status, stage, timer_state, ever_overdue, supervision_count, version, stage_warn_at AS warn, stage_deadline_at AS deadline FROM cases WHERE id = ${id}`,
  );
  return { ...r, warn: new Date(r.warn), deadline: new Date(r.deadline) };
}
const eventsOf = (db: Db, id: number) =>
  rows<{ action: string; actor_kind: string; from_status: string; to_status: string; note: string | null }>(db, sql`SELECT action, actor_kind, from_status, to_status, note FROM case_events WHERE case_id = ${id} ORDER BY id`);
const noticesOf = (db: Db, id: number) =>
  rows<{ username: string; kind: string; params: Record<string, unknown> }>(
    db,
    sql`SELECT u.username, n.kind, n.params FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.case_id = ${id} ORDER BY n.id`,
  );
/** Community staff of the case's desk (sq01 and the community's party secretary sj01 in the demo). */
const deskStaffOf = async (db: Db, caseId: number) =>
  (await rows<{ username: string }>(db, sql`SELECT u.username FROM users u JOIN cases c ON c.desk_region_id = u.scope_region_id WHERE c.id = ${caseId} AND 'communityStaff' = ANY(u.roles) ORDER BY u.id`)).map((r) => r.username);
const departmentOf = async (db: Db, username: string) => (await rows<{ id: number }>(db, sql`SELECT department_id AS id FROM users WHERE username = ${username}`))[0].id;

/** Steps a case through the API as the given session; throws with the body unless 200. */
async function step(t: Pick<TestApp, 'as'>, cookie: string, c: { id: number; version: number }, action: string, body: Record<string, unknown> = {}): Promise<CaseDetail> {
  const res = await t.as(cookie, { method: 'POST', url: api(`/cases/${c.id}/actions/${action}`), payload: { version: c.version, ...body } });
  if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
  return res.json() as CaseDetail;
}

/** Reported by the grid worker, registered at sq01's desk: the dispatch stage's clock runs. */
async function registeredCase(t: TestApp, cookies: { wgy01: string; sq01: string }, title = '路边暴露垃圾'): Promise<CaseDetail> {
  const reported = await reportCase(t, cookies.wgy01, { title });
  const category = await categoryByCode(t, CATEGORY.exposedGarbage);
  return step(t, cookies.sq01, reported, 'register', { categoryId: category.id, mode: 'transfer' });
}

// ---------------------------------------------------------------------------------------------
// A database that outlives its connections: a data folder for PGlite, a named database on the
// PostgreSQL server (TEST_DATABASE_URL), so the test can close everything and open it again.

interface Store {
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

async function persistentStore(): Promise<Store> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `wangge_t_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      open: () => openDatabase({ databaseUrl: url.toString() }),
      cleanup: async () => {
        const a = new pg.Client({ connectionString: serverUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangge-timer-'));
  return { open: () => openDatabase({ dataDir: dir }), cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The pieces of a TestApp the case fixtures use, on a given database. */
async function appOn(database: Database, demo: TestApp['demo']) {
  const app = await buildApp({ db: database.db, webDist: null });
  const t = {
    app,
    demo,
    database: database as TestApp['database'],
    as: (cookie: string, o: Parameters<TestApp['as']>[1]) => app.inject({ ...o, headers: { ...(o.headers ?? {}), cookie } }),
    async login(username: string) {
      const res = await app.inject({ method: 'POST', url: api('/auth/login'), payload: { login: username, password: DEMO_PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
      return `wangge_session=${res.cookies.find((c) => c.name === 'wangge_session')!.value}`;
    },
  };
  return t as unknown as TestApp;
}

describe('the timer survives a restart', () => {
  it('a case that fell due while the server was down is marked red and supervised at the first tick', async () => {
    initPiiKeys(undefined);
    const store = await persistentStore();
    try {
      // First life: report and register a case (its dispatch stage: 2 working hours), then stop.
      let database = await store.open();
      await migrateDatabase(database);
      const demo = await loadDemoCity(database.db, { scale: 'small', population: false });
      let t = await appOn(database, demo);
      const cookies = { wgy01: await t.login('wgy01'), sq01: await t.login('sq01') };
      const c = await registeredCase(t, cookies, '重启前立案的事件');
      expect(c.stage).toBe('dispatch');
      const before = await clockOf(database.db, c.id);
      expect(before.timer_state).toBe('green');
      await t.app.close();
      await database.close();

      // Second life, after the deadline: nothing in memory knew of the case; the columns do.
      database = await store.open();
      await migrateDatabase(database);
      t = await appOn(database, demo);
      const timer = startCaseTimer(database.db, { intervalMs: 0, now: () => new Date(before.deadline.getTime() + 60 * SECOND) });
      try {
        const first = await timer.tick();
        expect(first).toEqual({ warned: 0, overdue: 1, supervised: 1, missedCalls: 0, shelvedReviews: 0 });
        const after = await clockOf(database.db, c.id);
        expect(after).toMatchObject({ status: 'registered', stage: 'dispatch', timer_state: 'red', ever_overdue: true, supervision_count: 1 });
        // 督办 is a workflow step (version + 1); the colour alone is not.
        expect(after.version).toBe(before.version + 1);
        const events = await eventsOf(database.db, c.id);
        // Past its warning and its deadline at once: straight to red, no warning first.
        expect(events.map((e) => [e.action, e.actor_kind])).toEqual([
          ['report', 'gridWorker'],
          ['register', 'communityDispatcher'],
          ['overdue', 'system'],
          ['supervise', 'system'],
        ]);
        expect(events[3].note).toMatch(/系统督办：派遣环节已超过时限/);
        expect(events[2]).toMatchObject({ from_status: 'registered', to_status: 'registered' });
        // The desk holds a registered case: its staff get the 督办, and the street above it too.
        const notices = await noticesOf(database.db, c.id);
        const supervision = notices.filter((n) => n.kind === 'supervision').map((n) => n.username);
        const desk = await deskStaffOf(database.db, c.id);
        expect(desk).toContain('sq01');
        expect(supervision.sort()).toEqual([...desk, 'jd01'].sort());
        // The case page, served by the reopened app, shows it red.
        expect((await t.as(cookies.sq01, { method: 'GET', url: api(`/cases/${c.id}`) })).json()).toMatchObject({ timerState: 'red' });

        // A second tick finds nothing left to do.
        expect(await timer.tick()).toEqual({ warned: 0, overdue: 0, supervised: 0, missedCalls: 0, shelvedReviews: 0 });
        expect(await eventsOf(database.db, c.id)).toHaveLength(4);
        expect(await noticesOf(database.db, c.id)).toHaveLength(notices.length);
      } finally {
        await timer.stop();
        await t.app.close();
        await database.close();
      }
    } finally {
      await store.cleanup();
    }
    // Loading the demo city into a data folder (not memory) takes a while on two shared cores.
  }, 240_000);
});

describe('ticks on a running server', () => {
  let t: TestApp;
  let cookies: { wgy01: string; sq01: string; bm01: string };
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    cookies = { wgy01: await t.login('wgy01'), sq01: await t.login('sq01'), bm01: await t.login('bm01') };
  });
  afterAll(() => t?.close());
  const db = () => t.database.db;

  it('yellow at 80 %, then red at the deadline; each change once', async () => {
    const c = await registeredCase(t, cookies, '先黄后红');
    const clock = await clockOf(db(), c.id);
    let now = new Date(clock.warn.getTime() + SECOND);
    const timer = startCaseTimer(db(), { intervalMs: 0, now: () => now });
    try {
      expect(await timer.tick()).toMatchObject({ warned: 1, overdue: 0 });
      expect(await clockOf(db(), c.id)).toMatchObject({ timer_state: 'yellow', ever_overdue: false, version: clock.version });
      expect(await timer.tick()).toMatchObject({ warned: 0, overdue: 0 });
      const warnings = (await noticesOf(db(), c.id)).filter((n) => n.kind === 'warning');
      expect(warnings.map((n) => n.username)).toEqual(await deskStaffOf(db(), c.id));
      expect(warnings[0].params).toMatchObject({ code: c.code, stage: 'dispatch', deadline: clock.deadline.toISOString() });

      // One second before the deadline: still yellow.
      now = new Date(clock.deadline.getTime() - SECOND);
      expect(await timer.tick()).toMatchObject({ warned: 0, overdue: 0 });
      now = new Date(clock.deadline.getTime());
      expect(await timer.tick()).toMatchObject({ overdue: 1, supervised: 1 });
      expect(await timer.tick()).toMatchObject({ overdue: 0, supervised: 0 });
      expect((await eventsOf(db(), c.id)).map((e) => e.action)).toEqual(['report', 'register', 'warning', 'overdue', 'supervise']);
      expect(await clockOf(db(), c.id)).toMatchObject({ timer_state: 'red', ever_overdue: true, supervision_count: 1 });
      // The case page shows the system's steps on the timeline.
      const detail = (await t.as(cookies.sq01, { method: 'GET', url: api(`/cases/${c.id}`) })).json() as CaseDetail;
      expect(detail.timerState).toBe('red');
      expect(detail.timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['warning', 'overdue', 'supervise']));
    } finally {
      await timer.stop();
    }
  });

  it('a department that holds a late case gets the 督办, with its leader', async () => {
    const c = await registeredCase(t, cookies, '部门签收超时');
    const dept = await departmentOf(db(), 'bm01');
    const dispatched = await step(t, cookies.sq01, c, 'dispatch', { target: { departmentId: dept } });
    const clock = await clockOf(db(), c.id);
    expect(clock.stage).toBe('respond');
    const timer = startCaseTimer(db(), { intervalMs: 0, now: () => new Date(clock.deadline.getTime() + HOUR) });
    try {
      expect(await timer.tick()).toMatchObject({ overdue: 1, supervised: 1 });
    } finally {
      await timer.stop();
    }
    const supervision = (await noticesOf(db(), c.id)).filter((n) => n.kind === 'supervision').map((n) => n.username);
    expect(supervision).toEqual(expect.arrayContaining(['bm01', 'bmfz01']));
    expect(supervision).not.toContain('jd01');
    expect(dispatched.status).toBe('dispatched');
  });

  it('a case closed before its deadline is never marked', async () => {
    const c0 = await registeredCase(t, cookies, '按期办结');
    const dept = await departmentOf(db(), 'bm01');
    let c = await step(t, cookies.sq01, c0, 'dispatch', { target: { departmentId: dept } });
    c = await step(t, cookies.bm01, c, 'accept');
    c = await step(t, cookies.bm01, c, 'handle', { result: '已清理' });
    c = await step(t, cookies.wgy01, c, 'verifyPass');
    c = await step(t, cookies.sq01, c, 'close');
    expect(c.status).toBe('closed');
    const closed = await clockOf(db(), c.id);
    expect(closed).toMatchObject({ stage: null, timer_state: 'none' });
    const eventsBefore = await eventsOf(db(), c.id);
    // A year later, long after every deadline the case ever had.
    const timer = startCaseTimer(db(), { intervalMs: 0, now: () => new Date(Date.now() + 365 * 24 * HOUR) });
    try {
      await timer.tick();
    } finally {
      await timer.stop();
    }
    expect(await clockOf(db(), c.id)).toMatchObject({ timer_state: 'none', ever_overdue: false, supervision_count: 0, version: closed.version });
    expect(await eventsOf(db(), c.id)).toEqual(eventsBefore);
    expect((await noticesOf(db(), c.id)).filter((n) => ['warning', 'overdue', 'supervision'].includes(n.kind))).toEqual([]);
  });

  it('whistle calls past their deadline are missed, and the department’s leader is told', async () => {
    const c0 = await registeredCase(t, cookies, '吹哨未报到');
    const cgj = await departmentOf(db(), 'bm01');
    const scjg = await departmentOf(db(), 'bm02');
    let c = await step(t, cookies.sq01, c0, 'dispatch', { target: { departmentId: cgj } });
    c = await step(t, cookies.bm01, c, 'accept');
    c = await step(t, cookies.sq01, c, 'whistle', { departmentIds: [cgj, scjg], reason: '需多部门联合处置', hours: 1 });
    const [{ deadline }] = await rows<{ deadline: string | Date }>(db(), sql`SELECT deadline_at AS deadline FROM case_whistles WHERE case_id = ${c.id}`);
    const timer = startCaseTimer(db(), { intervalMs: 0, now: () => new Date(new Date(deadline).getTime() + SECOND) });
    try {
      expect(await timer.tick()).toMatchObject({ missedCalls: 2 });
      expect(await timer.tick()).toMatchObject({ missedCalls: 0 });
    } finally {
      await timer.stop();
    }
    const calls = await rows<{ department_id: number; outcome: string }>(db(), sql`SELECT department_id, outcome FROM whistle_calls WHERE case_id = ${c.id} ORDER BY department_id`);
    expect(calls.map((r) => r.outcome)).toEqual(['missed', 'missed']);
    const told = (await noticesOf(db(), c.id)).filter((n) => n.params.reason === 'checkInMissed');
    // CGJ's leader is bmfz01; the demo's SCJG has no leader account, so nobody there is told.
    expect(told.map((n) => n.username)).toEqual(['bmfz01']);
    expect(told[0].params).toMatchObject({ code: c.code, deadline: new Date(deadline).toISOString() });
  });

  it('a shelved case reaching its review date is brought to its desk once', async () => {
    const c0 = await registeredCase(t, cookies, '挂账复查');
    const cgj = await departmentOf(db(), 'bm01');
    let c = await step(t, cookies.sq01, c0, 'dispatch', { target: { departmentId: cgj } });
    c = await step(t, cookies.bm01, c, 'accept');
    const reviewOn = '2030-06-03';
    c = await step(t, cookies.sq01, c, 'shelve', { reviewOn, reason: '需纳入年度改造计划' });
    expect(c.status).toBe('shelved');
    let now = new Date('2030-06-02T23:00:00+08:00');
    const timer = startCaseTimer(db(), { intervalMs: 0, now: () => now });
    try {
      expect(await timer.tick()).toMatchObject({ shelvedReviews: 0 });
      now = new Date('2030-06-03T00:00:00+08:00');
      expect(await timer.tick()).toMatchObject({ shelvedReviews: 1 });
      expect(await timer.tick()).toMatchObject({ shelvedReviews: 0 });
    } finally {
      await timer.stop();
    }
    const reminders = (await noticesOf(db(), c.id)).filter((n) => n.kind === 'shelvedReview');
    expect(reminders.map((n) => n.username)).toEqual(await deskStaffOf(db(), c.id));
    expect(reminders.every((n) => n.params.reviewOn === reviewOn)).toBe(true);
  });

  it('runs on its own when given an interval, and stops cleanly', async () => {
    const c = await registeredCase(t, cookies, '自动计时');
    const clock = await clockOf(db(), c.id);
    const timer = startCaseTimer(db(), { intervalMs: 50, now: () => new Date(clock.warn.getTime() + SECOND), log: { warn: () => undefined, error: (m) => { throw new Error(m); } } });
    try {
      for (let i = 0; i < 100 && (await clockOf(db(), c.id)).timer_state !== 'yellow'; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await timer.stop();
    }
    expect((await clockOf(db(), c.id)).timer_state).toBe('yellow');
    expect((await eventsOf(db(), c.id)).filter((e) => e.action === 'warning')).toHaveLength(1);
  });
});
