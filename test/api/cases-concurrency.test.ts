// Two people acting on one case at once cannot both succeed: every step is written with
// `WHERE id = ? AND version = ?`, so the second writer finds 0 rows and gets 409 CASE_VERSION_CONFLICT,
// and nothing of the losing step (event, units, whistle, notices, audit) remains. The same holds for
// one person's double click and for a client retrying a step that already went through. On the
// PostgreSQL server the requests really overlap (a pool of connections); on PGlite they queue.
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCaseVersioned } from '../../src/modules/cases/cases.actions.repository.ts';
import type { CaseDetail } from '../../src/modules/cases/cases.views.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { CATEGORY, categoryByCode, reportCase } from '../support/cases.ts';

let t: TestApp;
const cookie: Record<string, string> = {};
const dept = { cgj: 0, scjg: 0, gafj: 0 };
let garbage = 0;

async function rows<T = Record<string, unknown>>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

interface Live {
  id: number;
  version: number;
}

const post = (who: string, c: Live, action: string, body: Record<string, unknown> = {}, version = c.version) =>
  t.as(cookie[who], { method: 'POST', url: `/api/v1/cases/${c.id}/actions/${action}`, payload: { version, ...body } });

async function act(who: string, c: Live, action: string, body: Record<string, unknown> = {}): Promise<CaseDetail> {
  const res = await post(who, c, action, body);
  if (res.statusCode !== 200) throw new Error(`${who} ${action}: ${res.statusCode} ${res.body}`);
  const d = res.json() as CaseDetail;
  c.version = d.version;
  return d;
}

/** Exactly one response succeeded and every other is the version conflict. */
function oneWinner(results: LightMyRequestResponse[]): number {
  const ok = results.filter((r) => r.statusCode === 200);
  const lost = results.filter((r) => r.statusCode !== 200);
  expect(ok, results.map((r) => `${r.statusCode} ${r.body.slice(0, 120)}`).join('\n')).toHaveLength(1);
  for (const r of lost) expect([r.statusCode, r.json().code]).toEqual([409, 'CASE_VERSION_CONFLICT']);
  return results.indexOf(ok[0]);
}

const trail = async (caseId: number) => ({
  events: await rows<{ action: string; actor_name: string }>(sql`SELECT action, actor_name FROM case_events WHERE case_id = ${caseId} ORDER BY id`),
  audit: (await rows<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity_type = 'case' AND entity_id = ${String(caseId)} AND action LIKE 'case.%' AND action <> 'case.report' ORDER BY id`)).map((r) => r.action),
  version: Number((await rows<{ version: number }>(sql`SELECT version FROM cases WHERE id = ${caseId}`))[0].version),
});

async function fresh(): Promise<Live> {
  const d = await reportCase(t, cookie.wgy01);
  return { id: d.id, version: d.version };
}
async function registered(mode = 'transfer'): Promise<Live> {
  const c = await fresh();
  await act('sq01', c, 'register', { categoryId: garbage, mode });
  return c;
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  for (const u of ['sq01', 'sj01', 'wgy01', 'bm01', 'bmfz01', 'bm02', 'bm03', 'dd01']) cookie[u] = await t.login(u);
  const d = await rows<{ username: string; department_id: number }>(sql`SELECT username, department_id FROM users WHERE username IN ('bm01', 'bm02', 'bm03')`);
  const of = (u: string) => Number(d.find((x) => x.username === u)!.department_id);
  Object.assign(dept, { cgj: of('bm01'), scjg: of('bm02'), gafj: of('bm03') });
  garbage = (await categoryByCode(t, CATEGORY.exposedGarbage)).id;
});
afterAll(() => t?.close());

describe('two people acting on one case at once', () => {
  it('two desk staff: one registers, the other rejects — one wins, the other gets 409', async () => {
    const c = await fresh();
    const results = await Promise.all([post('sq01', c, 'register', { categoryId: garbage, mode: 'transfer' }), post('sj01', c, 'reject', { reason: '无效上报' })]);
    const winner = oneWinner(results);
    const tr = await trail(c.id);
    expect(tr.version).toBe(c.version + 1);
    expect(tr.events.map((e) => e.action)).toEqual(['report', winner === 0 ? 'register' : 'reject']);
    expect(tr.audit).toEqual([winner === 0 ? 'case.register' : 'case.reject']);
    const status = (await rows<{ status: string }>(sql`SELECT status FROM cases WHERE id = ${c.id}`))[0].status;
    expect(status).toBe(winner === 0 ? 'registered' : 'rejected');
  });

  it('a handler and the department lead both accept: one is the handler, the other is told to reload', async () => {
    const c = await registered();
    await act('sq01', c, 'dispatch', { target: { departmentId: dept.cgj } });
    const results = await Promise.all([post('bm01', c, 'accept'), post('bmfz01', c, 'accept')]);
    const winner = oneWinner(results);
    const who = winner === 0 ? 'bm01' : 'bmfz01';
    const [r] = await rows<{ handler_user_id: number; status: string }>(sql`SELECT c.handler_user_id, c.status FROM cases c WHERE c.id = ${c.id}`);
    const winnerId = Number((await rows<{ id: number }>(sql`SELECT id FROM users WHERE username = ${who}`))[0].id);
    expect([Number(r.handler_user_id), r.status]).toEqual([winnerId, 'handling']);
    expect((await trail(c.id)).events.filter((e) => e.action === 'accept')).toHaveLength(1);
  });

  it('accept and return at once: the case is either taken or back at the desk, never both', async () => {
    const c = await registered();
    await act('sq01', c, 'dispatch', { target: { departmentId: dept.cgj } });
    const results = await Promise.all([post('bm01', c, 'return', { reason: '非本部门职责' }), post('bmfz01', c, 'accept')]);
    const winner = oneWinner(results);
    const [r] = await rows<{ status: string; return_count: number; department_id: number | null }>(sql`SELECT status, return_count, department_id FROM cases WHERE id = ${c.id}`);
    if (winner === 0) expect([r.status, Number(r.return_count), r.department_id]).toEqual(['registered', 1, null]);
    else expect([r.status, Number(r.return_count), Number(r.department_id)]).toEqual(['handling', 0, dept.cgj]);
  });

  it('two whistles at once: one whistle with its calls, no orphan calls or notices from the loser', async () => {
    const c = await registered();
    const results = await Promise.all([
      post('sq01', c, 'whistle', { departmentIds: [dept.scjg], hours: 2, reason: '甲' }),
      post('sj01', c, 'whistle', { departmentIds: [dept.gafj], hours: 2, reason: '乙' }),
    ]);
    const winner = oneWinner(results);
    const whistles = await rows<{ reason: string }>(sql`SELECT reason FROM case_whistles WHERE case_id = ${c.id}`);
    expect(whistles.map((w) => w.reason)).toEqual([winner === 0 ? '甲' : '乙']);
    const calls = await rows<{ department_id: number }>(sql`SELECT department_id FROM whistle_calls WHERE case_id = ${c.id}`);
    expect(calls.map((x) => Number(x.department_id))).toEqual([winner === 0 ? dept.scjg : dept.gafj]);
    const told = await rows<{ user_id: number }>(sql`SELECT user_id FROM notifications WHERE case_id = ${c.id} AND kind = 'whistle'`);
    const loserUser = Number((await rows<{ id: number }>(sql`SELECT id FROM users WHERE username = ${winner === 0 ? 'bm03' : 'bm02'}`))[0].id);
    expect(told.map((x) => Number(x.user_id))).not.toContain(loserUser);
    expect(told.length).toBeGreaterThan(0);
  });

  it('two assisting units post at once: one must reload and post again, and then both parts stand', async () => {
    const c = await registered('joint');
    await act('sq01', c, 'dispatch', { target: { departmentId: dept.cgj, assistDepartmentIds: [dept.scjg, dept.gafj] } });
    await act('bm01', c, 'accept');
    const results = await Promise.all([post('bm02', c, 'postPart', { note: '市场监管部分' }), post('bm03', c, 'postPart', { note: '公安部分' })]);
    const winner = oneWinner(results);
    c.version = (results[winner].json() as CaseDetail).version;
    const loser = winner === 0 ? 'bm03' : 'bm02';
    const d = await act(loser, c, 'postPart', { note: winner === 0 ? '公安部分' : '市场监管部分' });
    expect(d.units.filter((u) => u.role === 'assist').map((u) => u.part)).toEqual(['市场监管部分', '公安部分']);
    expect((await act('bm01', c, 'handle', { result: '联合整治完成' })).status).toBe('handled');
  });
});

describe('the versioned write itself', () => {
  it('refuses the second writer even when both passed their checks while the first was still open', async () => {
    const c = await fresh();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let firstWrote!: () => void;
    const wrote = new Promise<void>((r) => (firstWrote = r));
    // The first transaction writes and holds its row lock; the second writes the same version meanwhile.
    const first = t.database.db.transaction(async (tx) => {
      const row = await updateCaseVersioned(tx, c.id, c.version, { title: '甲改' }, new Date());
      firstWrote();
      await gate;
      return row;
    });
    await wrote;
    const second = t.database.db.transaction((tx) => updateCaseVersioned(tx, c.id, c.version, { title: '乙改' }, new Date()));
    await new Promise((r) => setTimeout(r, 50));
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a?.version).toBe(c.version + 1);
    expect(b).toBeNull();
    const [r] = await rows<{ title: string; version: number }>(sql`SELECT title, version FROM cases WHERE id = ${c.id}`);
    expect([r.title, Number(r.version)]).toEqual(['甲改', c.version + 1]);
  });
});

describe('one person, twice', () => {
  it('a double click: two identical dispatches at once make one dispatch', async () => {
    const c = await registered();
    const body = { target: { departmentId: dept.cgj } };
    oneWinner(await Promise.all([post('sq01', c, 'dispatch', body), post('sq01', c, 'dispatch', body)]));
    const tr = await trail(c.id);
    expect(tr.events.filter((e) => e.action === 'dispatch')).toHaveLength(1);
    expect(tr.audit.filter((a) => a === 'case.dispatch')).toHaveLength(1);
    const bm01 = Number((await rows<{ id: number }>(sql`SELECT id FROM users WHERE username = 'bm01'`))[0].id);
    expect(await rows(sql`SELECT kind FROM notifications WHERE case_id = ${c.id} AND user_id = ${bm01}`)).toEqual([{ kind: 'task' }]);
  });

  it('five parallel closes: exactly one closes the case', async () => {
    const c = await registered();
    await act('sq01', c, 'dispatch', { target: { departmentId: dept.cgj } });
    await act('bm01', c, 'accept');
    await act('bm01', c, 'handle', { result: '完成' });
    await act('wgy01', c, 'verifyPass');
    oneWinner(await Promise.all(Array.from({ length: 5 }, () => post('sq01', c, 'close'))));
    const tr = await trail(c.id);
    expect(tr.events.filter((e) => e.action === 'close')).toHaveLength(1);
    expect(tr.version).toBe(c.version + 1);
  });

  it('a retry of a step that went through is refused: the version moved on', async () => {
    const c = await registered();
    const seen = c.version;
    await act('sq01', c, 'dispatch', { target: { departmentId: dept.cgj } });
    const retry = await post('sq01', c, 'dispatch', { target: { departmentId: dept.cgj } }, seen);
    expect([retry.statusCode, retry.json().code]).toEqual([409, 'CASE_VERSION_CONFLICT']);
    // Retrying with the new version is judged on the new state: no second dispatch from `dispatched`.
    const again = await post('sq01', c, 'dispatch', { target: { departmentId: dept.cgj } });
    expect([again.statusCode, again.json().code]).toEqual([409, 'CASE_ACTION_NOT_ALLOWED']);
    expect((await trail(c.id)).events.filter((e) => e.action === 'dispatch')).toHaveLength(1);
  });
});
