// The demo loader's year of cases in a real database: rows, timelines, side rows and photos are
// written consistently (versions and status chains agree with the events), the platform reads
// them through its own services (desk queue, a department's work, the case page), a live report
// continues the day's code sequence, and a demo case takes its next live step.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCity } from '../../src/demo/load.ts';
import type { CaseDetail, CaseListItem } from '../../src/modules/cases/cases.views.ts';
import { OPEN_STATUSES } from '../../src/modules/cases/cases.workflow.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { reportCase } from '../support/cases.ts';
import { testEngine } from '../support/db.ts';

let t: TestApp;
const TOTAL = 3000;

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const one = async <T>(q: ReturnType<typeof sql>): Promise<T> => (await rows<T>(q))[0];

beforeAll(async () => {
  t = await createTestApp();
  t.demo = await loadDemoCity(t.database.db, { scale: 'small', cases: { total: TOTAL } });
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('demo cases: loaded', () => {
  it('writes the year: cases, their timelines, joint units, whistles, after-photos', async () => {
    const n = await one<{ cases: number; events: number; units: number; whistles: number; calls: number; photos: number; immediate: number }>(sql`SELECT
      (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM case_events) AS events, (SELECT count(*)::int FROM case_units) AS units,
      (SELECT count(*)::int FROM case_whistles) AS whistles, (SELECT count(*)::int FROM whistle_calls) AS calls, (SELECT count(*)::int FROM case_photos) AS photos,
      (SELECT count(*)::int FROM cases WHERE mode = 'immediate') AS immediate`);
    expect(n.cases).toBe(TOTAL);
    expect(n.events).toBeGreaterThan(TOTAL * 5);
    expect(n.units).toBeGreaterThan(0);
    expect(n.whistles).toBeGreaterThan(0);
    expect(n.calls).toBeGreaterThanOrEqual(n.whistles);
    expect(n.photos).toBe(n.immediate);
    const statuses = await rows<{ status: string }>(sql`SELECT DISTINCT status FROM cases`);
    expect(statuses.map((s) => s.status)).toEqual(expect.arrayContaining(['closed', 'rejected', 'handling']));
  });

  it('versions count the steps, each event starts where the previous one ended, ids are the loaded ones', async () => {
    const badVersion = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases c
      WHERE c.version <> (SELECT count(*) FROM case_events e WHERE e.case_id = c.id AND e.action NOT IN ('warning', 'overdue'))`);
    expect(badVersion.n).toBe(0);
    const badChain = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM (
      SELECT from_status, lag(to_status) OVER (PARTITION BY case_id ORDER BY id) AS prev, created_at, lag(created_at) OVER (PARTITION BY case_id ORDER BY id) AS prev_at
      FROM case_events) x WHERE from_status IS DISTINCT FROM prev OR created_at < prev_at`);
    expect(badChain.n).toBe(0);
    const badEnd = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases c
      WHERE c.status <> (SELECT e.to_status FROM case_events e WHERE e.case_id = c.id ORDER BY e.id DESC LIMIT 1)`);
    expect(badEnd.n).toBe(0);
    const orphans = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM cases c
      LEFT JOIN regions r ON r.id = c.region_id AND r.path = c.region_path
      LEFT JOIN regions d ON d.id = c.desk_region_id AND d.path = c.desk_region_path
      LEFT JOIN departments p ON p.id = c.department_id
      WHERE r.id IS NULL OR d.id IS NULL OR (c.department_id IS NOT NULL AND p.id IS NULL) OR left(c.region_path, length(c.desk_region_path)) <> c.desk_region_path`);
    expect(orphans.n).toBe(0);
    const merged = await one<{ n: number; bad: number }>(sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE o.id IS NULL)::int AS bad FROM cases c LEFT JOIN cases o ON o.id = c.duplicate_of_id WHERE c.status = 'merged'`);
    expect(merged.bad).toBe(0);
  });

  it('stores the after-photo of each 立即办 as a real PNG with its checksum', async () => {
    const p = await one<{ content: Buffer | Uint8Array; sha256: string; bytes: number; mime: string; action: string }>(sql`SELECT p.content, p.sha256, p.bytes, p.mime, e.action
      FROM case_photos p JOIN case_events e ON e.id = p.event_id LIMIT 1`);
    const bytes = Buffer.from(p.content);
    expect(p.action).toBe('resolveOnSpot');
    expect(p.mime).toBe('image/png');
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.length).toBe(p.bytes);
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(p.sha256);
  });

  it('keeps reporters\' mobiles encrypted, hashed and masked', async () => {
    const r = await one<{ enc: string; hash: string; masked: string }>(sql`SELECT reporter_mobile_enc AS enc, reporter_mobile_hash AS hash, reporter_mobile_masked AS masked FROM cases WHERE reporter_mobile_enc IS NOT NULL LIMIT 1`);
    expect(r.enc).toMatch(/^v1:/);
    expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.masked).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });
});

describe('demo cases: read and worked by the platform', () => {
  it('the desk queue shows what waits at sq01\'s desk; bm01 sees 城管\'s work', async () => {
    const sq01 = await t.login('sq01');
    const desk = await t.as(sq01, { method: 'GET', url: '/api/v1/cases?view=desk&limit=200' });
    expect(desk.statusCode).toBe(200);
    const community = t.demo!.accounts.find((a) => a.username === 'sq01')!;
    for (const c of desk.json().items as CaseListItem[]) {
      expect(['reported', 'registered']).toContain(c.status);
      expect(c.desk.name).toBe(community.scope);
    }
    const bm01 = await t.login('bm01');
    const mine = await t.as(bm01, { method: 'GET', url: '/api/v1/cases?view=mine&limit=200' });
    expect(mine.statusCode).toBe(200);
    for (const c of mine.json().items as CaseListItem[]) expect(OPEN_STATUSES).toContain(c.status);
    const all = await t.as(bm01, { method: 'GET', url: '/api/v1/cases?view=all&limit=5' });
    expect(all.json().total).toBeGreaterThan(0);
  });

  it('the case page shows a demo case\'s whole timeline', async () => {
    const c = await one<{ id: number; n: number }>(sql`SELECT c.id, (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id) AS n FROM cases c
      WHERE c.status = 'closed' AND c.satisfaction IS NOT NULL AND c.mode = 'transfer' ORDER BY c.id LIMIT 1`);
    const admin = await t.login('admin');
    const res = await t.as(admin, { method: 'GET', url: `/api/v1/cases/${c.id}` });
    expect(res.statusCode).toBe(200);
    const d = res.json() as CaseDetail;
    expect(d.timeline.length).toBe(c.n);
    expect(d.timeline.map((e) => e.action)).toEqual(expect.arrayContaining(['report', 'register', 'dispatch', 'accept', 'handle', 'verifyPass', 'close', 'feedback']));
    expect(d.status).toBe('closed');
  });

  it('a live report continues the day\'s code sequence', async () => {
    const wgy01 = await t.login('wgy01');
    const live = await reportCase(t, wgy01);
    const [district, day, seq] = live.code.split('-');
    const loaded = await one<{ max: number | null }>(sql`SELECT max(split_part(code, '-', 3)::int) AS max FROM cases WHERE code LIKE ${`${district}-${day}-%`} AND id <> ${live.id}`);
    expect(Number(seq)).toBe((loaded.max ?? 0) + 1);
  });

  it('an open demo case takes its next step through the workflow', async () => {
    const bm01 = t.demo!.accounts.find((a) => a.username === 'bm01')!;
    const open = await one<{ id: number; version: number; status: string } | undefined>(sql`SELECT c.id, c.version, c.status FROM cases c JOIN departments d ON d.id = c.department_id
      WHERE d.code LIKE '%-CGJ' AND c.status IN ('dispatched', 'handling') AND c.extension_request IS NULL ORDER BY c.id LIMIT 1`);
    expect(open, `an open 城管 case among ${TOTAL} (${bm01.displayName})`).toBeDefined();
    const cookie = await t.login('bm01');
    const action = open!.status === 'dispatched' ? 'accept' : 'progress';
    const res = await t.as(cookie, { method: 'POST', url: `/api/v1/cases/${open!.id}/actions/${action}`, payload: { version: open!.version, note: '已安排人员前往现场' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as CaseDetail).version).toBe(open!.version + 1);
  });
});

describe.runIf(testEngine() === 'postgres')('demo cases: the small city\'s whole year (server engine)', () => {
  it('loadDemoCity with cases loads ≈ 30,000 of them', async () => {
    const u = await createTestApp();
    try {
      const started = Date.now();
      await loadDemoCity(u.database.db, { scale: 'small', cases: true });
      const n = await (u.database.db.execute(sql`SELECT count(*)::int AS n FROM cases`) as unknown as Promise<{ rows: { n: number }[] }>);
      expect(n.rows[0].n).toBe(30_000);
      expect(Date.now() - started).toBeLessThan(120_000);
    } finally {
      await u.close();
    }
  }, 300_000);
});
