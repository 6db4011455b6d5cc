// Case measures on hand-computed examples: a dozen cases written straight into the tables (the
// workflow need not exist for measures to be checked), each placed to exercise one definition of
// docs/measures.md, with the expected figures worked out by hand in the comments. Covers grouping
// by child region, department and person, period boundaries, scope and the Excel export.
import ExcelJS from 'exceljs';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, caseWhistles, whistleCalls } from '../../src/modules/cases/cases.tables.ts';
import type { MeasureRow, MeasuresView } from '../../src/modules/cases/cases.measures.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
interface R { id: number; path: string; name: string }
const reg = {} as { A: R; B: R; street: R; G1: R; G2: R; M1: R; M2: R; M3: R };
const users = {} as Record<'wgy01' | 'bm01' | 'bm02', number>;
const dept = {} as { D1: number; D2: number };
const cookies = {} as Record<string, string>;

async function rows<T>(q: SQL): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const region = async (where: SQL) => (await rows<R>(sql`SELECT id, path, name FROM regions WHERE ${where} ORDER BY code LIMIT 1`))[0];

/** Shanghai wall-clock time in 2026, e.g. at('03-02 09:00'). */
const at = (s: string) => new Date(`2026-${s.slice(0, 5)}T${s.slice(6)}${s.length === 11 ? ':00' : ''}+08:00`);

let seq = 0;
type CaseInsert = Partial<typeof cases.$inferInsert> & { in: R; source: string };
/** Test-local writer: a case row as the workflow would have left it. */
async function insertCase(c: CaseInsert): Promise<number> {
  const { in: where, ...rest } = c;
  seq += 1;
  const [row] = await t.database.db
    .insert(cases)
    .values({ code: `T-${seq}`, title: `测试事件${seq}`, regionId: where.id, regionPath: where.path, deskRegionId: reg.A.id, deskRegionPath: reg.A.path, ...rest })
    .returning({ id: cases.id });
  return row.id;
}

const P = 'from=2026-03-01&to=2026-03-31';
const get = async (who: string, url: string) => t.as(cookies[who], { method: 'GET', url: `/api/v1${url}` });
async function measures(who: string, query: string): Promise<MeasuresView> {
  const res = await get(who, `/cases/measures?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const rowOf = (v: MeasuresView, id: number | null, kind?: string) => {
  const r = v.rows.find((x) => x.id === id && (!kind || x.kind === kind));
  if (!r) throw new Error(`no row ${kind ?? ''} ${id} in ${v.rows.map((x) => `${x.kind}:${x.id}`).join(',')}`);
  return r;
};
const pick = (r: MeasureRow, keys: (keyof MeasureRow['counts'])[]) => Object.fromEntries(keys.map((k) => [k, r.counts[k]]));

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const acc = (u: string) => t.demo!.city.accounts.find((a) => a.username === u)!;
  reg.A = await region(sql`code = ${acc('sq01').scopeCode}`);
  reg.B = await region(sql`code = ${acc('sq02').scopeCode}`);
  reg.street = await region(sql`code = ${acc('jd01').scopeCode}`);
  reg.G1 = await region(sql`code = ${acc('wgy01').scopeCode}`);
  reg.G2 = await region(sql`parent_id = ${reg.A.id} AND level = 5 AND id <> ${reg.G1.id} AND EXISTS (SELECT 1 FROM regions m WHERE m.parent_id = regions.id)`);
  reg.M1 = await region(sql`parent_id = ${reg.G1.id}`);
  reg.M2 = await region(sql`parent_id = ${reg.G2.id}`);
  reg.M3 = await region(sql`path LIKE ${`${reg.B.path}%`} AND level = 6`);
  for (const u of ['wgy01', 'bm01', 'bm02'] as const) users[u] = (await rows<{ id: number }>(sql`SELECT id FROM users WHERE username = ${u}`))[0].id;
  const deptOf = async (u: string) => (await rows<{ department_id: number }>(sql`SELECT department_id FROM users WHERE username = ${u}`))[0].department_id;
  dept.D1 = await deptOf('bm01');
  dept.D2 = await deptOf('bm02');
  for (const u of ['sq01', 'sq02', 'jd01', 'qu01', 'bm01', 'bmfz01', 'dd01', 'wgy01', 'jm01', 'admin']) cookies[u] = await t.login(u);

  const { wgy01, bm01, bm02 } = users;
  const { D1, D2 } = dept;
  // C1 (G1): patrol by wgy01, the whole loop inside March, on time, 满意.
  await insertCase({ in: reg.M1, source: 'patrol', reporterUserId: wgy01, departmentId: D1, handlerUserId: bm01, status: 'closed',
    reportedAt: at('03-02 09:00'), registeredAt: at('03-02 10:00'), dispatchedAt: at('03-02 12:00'), acceptedAt: at('03-02 13:00'), respondDueAt: at('03-02 16:00'), respondedOnTime: true,
    handledAt: at('03-04 13:00'), verifiedAt: at('03-04 17:00'), closedAt: at('03-05 09:00'), dueAt: at('03-09 17:30'), closedOnTime: true, feedbackAt: at('03-06 10:00'), satisfaction: 'satisfied' });
  // C2 (G1): a resident's report; late acceptance, returned once, extended once, reworked once, overdue, closed late, 基本满意.
  await insertCase({ in: reg.M1, source: 'resident', departmentId: D1, handlerUserId: bm01, status: 'closed',
    reportedAt: at('03-03 08:00'), registeredAt: at('03-03 11:00'), dispatchedAt: at('03-03 12:00'), acceptedAt: at('03-03 20:00'), respondDueAt: at('03-03 16:00'), respondedOnTime: false,
    returnCount: 1, extensionCount: 1, reworkCount: 1, everOverdue: true,
    handledAt: at('03-10 20:00'), verifiedAt: at('03-11 08:00'), closedAt: at('03-11 12:00'), dueAt: at('03-10 17:30'), closedOnTime: false, feedbackAt: at('03-12 10:00'), satisfaction: 'basicallySatisfied' });
  // C3 (G2): hotline, accepted on time, still handling past its deadline (due, not closed, overdue).
  const c3 = await insertCase({ in: reg.M2, source: 'hotline', departmentId: D2, handlerUserId: bm02, status: 'handling', everOverdue: true,
    reportedAt: at('03-10 09:00'), registeredAt: at('03-10 11:00'), dispatchedAt: at('03-10 13:00'), acceptedAt: at('03-10 15:00'), respondDueAt: at('03-10 17:00'), respondedOnTime: true, dueAt: at('03-20 17:30') });
  // C4 (G1): 立即办 by wgy01: closed on the spot, never registered (its closing registers it), no due date (on time).
  await insertCase({ in: reg.M1, source: 'patrol', mode: 'immediate', reporterUserId: wgy01, handlerUserId: wgy01, status: 'closed', reportedAt: at('03-15 10:00'), closedAt: at('03-15 10:30') });
  // C5 (G1): patrol by wgy01, rejected: reported only.
  await insertCase({ in: reg.M1, source: 'patrol', reporterUserId: wgy01, status: 'rejected', reportedAt: at('03-20 10:00') });
  // C6 (G2): reported one second before March, registered at the first instant of March; dispatched, never accepted.
  await insertCase({ in: reg.M2, source: 'resident', departmentId: D2, status: 'dispatched',
    reportedAt: new Date('2026-02-28T23:59:59+08:00'), registeredAt: at('03-01 00:00'), dispatchedAt: at('03-01 01:00'), respondDueAt: at('03-01 05:00'), dueAt: at('04-05 17:30') });
  // C7 (G1): reported at the first instant of April: outside March entirely.
  await insertCase({ in: reg.M1, source: 'patrol', reporterUserId: wgy01, status: 'registered', reportedAt: at('04-01 00:00'), registeredAt: at('04-01 01:00') });
  // C8 (G1): closed in February although due on 3 March: not due in March; its March feedback counts.
  await insertCase({ in: reg.M1, source: 'hotline', departmentId: D1, handlerUserId: bm01, status: 'closed',
    reportedAt: at('01-10 09:00'), registeredAt: at('01-10 10:00'), dispatchedAt: at('01-10 11:00'), acceptedAt: at('01-10 12:00'), respondedOnTime: true,
    handledAt: at('02-20 10:00'), verifiedAt: at('02-27 10:00'), closedAt: at('02-28 10:00'), dueAt: at('03-03 17:30'), closedOnTime: true, feedbackAt: at('03-02 10:00'), satisfaction: 'satisfied' });
  // C9 (G2): a department's report from February, due in February, handled and closed in March (late).
  const c9 = await insertCase({ in: reg.M2, source: 'department', departmentId: D1, handlerUserId: bm01, status: 'closed', everOverdue: true,
    reportedAt: at('02-10 09:00'), registeredAt: at('02-10 10:00'), dispatchedAt: at('02-10 11:00'), acceptedAt: at('02-10 12:00'), respondedOnTime: true,
    dueAt: at('02-25 17:30'), handledAt: at('03-05 10:00'), verifiedAt: at('03-06 09:00'), closedAt: at('03-06 15:00'), closedOnTime: false });
  // C10 (B): video report in the sibling community, D1, handling, due in March, overdue.
  await insertCase({ in: reg.M3, source: 'video', departmentId: D1, handlerUserId: bm01, status: 'handling', everOverdue: true, deskRegionId: reg.B.id, deskRegionPath: reg.B.path,
    reportedAt: at('03-05 09:00'), registeredAt: at('03-05 10:00'), dispatchedAt: at('03-05 11:00'), acceptedAt: at('03-05 12:00'), respondedOnTime: true, dueAt: at('03-25 17:30') });
  // C11 (A itself): shelved (挂账) with a deadline in March: off the clock, not due.
  await insertCase({ in: reg.A, source: 'informant', departmentId: D1, handlerUserId: bm01, status: 'shelved', shelvedReviewOn: '2026-06-01',
    reportedAt: at('02-01 09:00'), registeredAt: at('02-01 10:00'), dispatchedAt: at('02-01 11:00'), acceptedAt: at('02-01 12:00'), dueAt: at('03-15 17:30') });
  // C12 (A itself): a resident's report still waiting at the desk.
  await insertCase({ in: reg.A, source: 'resident', status: 'reported', reportedAt: at('03-25 10:00') });
  // C13 (G2): an informant's case closed, then reopened by a 不满意: due, not closed; its feedback counts.
  await insertCase({ in: reg.M2, source: 'informant', departmentId: D2, handlerUserId: bm02, status: 'handling', reopenCount: 1,
    reportedAt: at('03-01 08:00'), registeredAt: at('03-01 09:00'), dispatchedAt: at('03-01 10:00'), acceptedAt: at('03-01 11:00'), respondedOnTime: true,
    handledAt: at('03-02 11:00'), verifiedAt: at('03-02 15:00'), closedAt: at('03-03 09:00'), dueAt: at('03-06 17:30'), closedOnTime: true, feedbackAt: at('03-04 10:00'), satisfaction: 'dissatisfied' });

  // W1 (March) on C3 calls D1 (checked in on time) and D2 (missed); W0 (February) on C9 calls D1 (late): outside March.
  const [w1] = await t.database.db.insert(caseWhistles).values({ caseId: c3, level: 'community', calledByName: '社区', reason: '协同', deadlineAt: at('03-11 14:00'), createdAt: at('03-11 10:00') }).returning();
  const [w0] = await t.database.db.insert(caseWhistles).values({ caseId: c9, level: 'community', calledByName: '社区', reason: '协同', deadlineAt: at('02-20 14:00'), createdAt: at('02-20 10:00') }).returning();
  await t.database.db.insert(whistleCalls).values([
    { whistleId: w1.id, caseId: c3, departmentId: D1, outcome: 'onTime', checkedInAt: at('03-11 11:00'), checkedInBy: bm01 },
    { whistleId: w1.id, caseId: c3, departmentId: D2, outcome: 'missed' },
    { whistleId: w0.id, caseId: c9, departmentId: D1, outcome: 'late', checkedInAt: at('02-20 16:00') },
  ]);
}, 120_000);
afterAll(() => t.close());

describe('community A over March (sq01)', () => {
  it('totals: every measure, worked out by hand', async () => {
    const v = await measures('sq01', P);
    expect(v.subject.region.id).toBe(reg.A.id);
    expect(v.period).toEqual({ from: '2026-03-01', to: '2026-03-31', start: '2026-02-28T16:00:00.000Z', end: '2026-03-31T16:00:00.000Z' });
    // reported: C1 C2 C3 C4 C5 C12 C13 = 7 (C6 Feb 28, C7 Apr 1, C8 C9 C11 earlier: out).
    // registered: C1 C2 C3 C4 (by its closing) C6 (at 00:00 sharp) C13 = 6; of them public (resident/hotline): C2 C3 C6 = 3.
    // dispatched: C1 C2 C3 C6 C13 = 5; on time: C1 C3 C13 = 3; returned: C2; extended: C2.
    // handled: C1 C2 C9 C13 = 4; reworked: C2.
    // closed (status closed, closed in March): C1 C2 C4 C9 = 4 (C13 reopened, C8 closed in Feb).
    // due: the closed four + C3 and C13 (deadline in March, open) = 6; C8 (closed before March), C11 (shelved), C6 (due April) out.
    // on time: C1, C4 (no deadline) = 2; overdue among due: C2 C3 C9 = 3.
    // feedback in March: C1 满意, C2 基本满意, C8 满意, C13 不满意 = 4; satisfied 3.
    // whistles blown in March: W1 → D1 on time, D2 missed: 2 calls, 1 on time (W0 in Feb out).
    expect(v.total.counts).toEqual({
      reported: 7, registered: 6, publicFirst: 3, dispatched: 5, respondedOnTime: 3, returned: 1, extended: 1, handled: 4, reworked: 1,
      due: 6, closed: 4, closedOnTime: 2, overdue: 3, feedback: 4, satisfied: 3, dissatisfied: 1,
      whistleCalls: 2, whistleOnTime: 1, whistleLate: 0, whistleMissed: 1,
    });
    expect(v.total.rates).toEqual({
      closeRate: 0.6667, // 4 / 6
      onTimeCloseRate: 0.3333, // 2 / 6
      responseRate: 0.6, // 3 / 5
      satisfactionRate: 0.75, // 3 / 4
      reworkRate: 0.25, // 1 / 4
      returnRate: 0.2, // 1 / 5
      extensionRate: 0.2, // 1 / 5
      overdueRate: 0.5, // 3 / 6
      missedReportRate: 0.5, // 3 / 6
      checkInRate: 0.5, // 1 / (1 + 0 + 1)
    });
    // report→register (registered in March): C1 1 h, C2 3 h, C3 2 h, C6 1 s, C13 1 h → 25 201 s / 5 = 1.40 h.
    // register→dispatch: C1 2, C2 1, C3 2, C6 1, C13 1 → 7 / 5 = 1.4.  dispatch→accept: C1 1, C2 8, C3 2, C13 1 → 12 / 4 = 3.
    // accept→handled: C1 48, C2 168, C9 550 (10 Feb 12:00 → 5 Mar 10:00), C13 24 → 790 / 4 = 197.5.
    // handled→verified: C1 4, C2 12, C9 23, C13 4 → 43 / 4 = 10.75.  verified→closed: C1 16, C2 4, C9 6, C13 18 → 44 / 4 = 11 (C4 has no verification).
    expect(v.total.avgHours).toEqual({ reportToRegister: 1.4, registerToDispatch: 1.4, dispatchToAccept: 3, acceptToHandle: 197.5, handleToVerify: 10.75, verifyToClose: 11 });
    expect(v.total.stageCounts).toEqual({ reportToRegister: 5, registerToDispatch: 5, dispatchToAccept: 4, acceptToHandle: 4, handleToVerify: 4, verifyToClose: 4 });
  });

  it('by child region: each grid, the community itself, and they add up to the total', async () => {
    const v = await measures('sq01', `${P}&groupBy=child`);
    expect(v.groupBy).toBe('child');
    // Every grid of A is listed, with zeros where nothing happened.
    const grids = await rows<{ id: number }>(sql`SELECT id FROM regions WHERE parent_id = ${reg.A.id} AND archived_at IS NULL`);
    expect(v.rows.filter((r) => r.kind === 'region').map((r) => r.id).sort()).toEqual(grids.map((g) => g.id).sort());
    // G1 holds C1 C2 C4 C5 (C7 April, C8 closed in Feb: feedback only).
    const g1 = rowOf(v, reg.G1.id, 'region');
    expect(pick(g1, ['reported', 'registered', 'publicFirst', 'dispatched', 'respondedOnTime', 'handled', 'reworked', 'due', 'closed', 'closedOnTime', 'overdue', 'feedback', 'satisfied', 'whistleCalls'])).toEqual({
      reported: 4, registered: 3, publicFirst: 1, dispatched: 2, respondedOnTime: 1, handled: 2, reworked: 1, due: 3, closed: 3, closedOnTime: 2, overdue: 1, feedback: 3, satisfied: 3, whistleCalls: 0,
    });
    expect(g1.rates).toMatchObject({ closeRate: 1, onTimeCloseRate: 0.6667, missedReportRate: 0.3333, satisfactionRate: 1, checkInRate: null });
    // G2 holds C3 C6 C9 C13 and W1.
    const g2 = rowOf(v, reg.G2.id, 'region');
    expect(pick(g2, ['reported', 'registered', 'publicFirst', 'dispatched', 'respondedOnTime', 'handled', 'due', 'closed', 'closedOnTime', 'overdue', 'feedback', 'satisfied', 'whistleCalls', 'whistleOnTime', 'whistleMissed'])).toEqual({
      reported: 2, registered: 3, publicFirst: 2, dispatched: 3, respondedOnTime: 2, handled: 2, due: 3, closed: 1, closedOnTime: 0, overdue: 2, feedback: 1, satisfied: 0, whistleCalls: 2, whistleOnTime: 1, whistleMissed: 1,
    });
    expect(g2.rates).toMatchObject({ closeRate: 0.3333, onTimeCloseRate: 0, missedReportRate: 0.6667, responseRate: 0.6667, overdueRate: 0.6667, satisfactionRate: 0, checkInRate: 0.5 });
    expect(g2.avgHours.acceptToHandle).toBe(287); // C9 550 h, C13 24 h → 574 / 2
    // A itself: C12 reported (C11 is shelved and silent in March); no registrations → no missed-report rate.
    const self = rowOf(v, reg.A.id, 'self');
    expect(self.name).toContain(reg.A.name);
    expect(self.counts.reported).toBe(1);
    expect(self.counts.due).toBe(0);
    expect(self.rates.missedReportRate).toBeNull();
    // The rows partition the total.
    for (const k of Object.keys(v.total.counts) as (keyof MeasureRow['counts'])[]) expect(v.rows.reduce((s, r) => s + r.counts[k], 0), k).toBe(v.total.counts[k]);
  });

  it('by department: the lead department of each case, and whistles on the department called', async () => {
    const v = await measures('sq01', `${P}&groupBy=department`);
    // D1: C1 C2 C8 C9 (C11 shelved). reported C1 C2; handled C1 C2 C9; closed = due = C1 C2 C9; on time C1; overdue C2 C9; feedback C1 C2 C8, all satisfied; W1 on time.
    const d1 = rowOf(v, dept.D1, 'department');
    expect(pick(d1, ['reported', 'registered', 'dispatched', 'respondedOnTime', 'handled', 'due', 'closed', 'closedOnTime', 'overdue', 'feedback', 'satisfied', 'whistleCalls', 'whistleOnTime'])).toEqual({
      reported: 2, registered: 2, dispatched: 2, respondedOnTime: 1, handled: 3, due: 3, closed: 3, closedOnTime: 1, overdue: 2, feedback: 3, satisfied: 3, whistleCalls: 1, whistleOnTime: 1,
    });
    expect(d1.rates).toMatchObject({ closeRate: 1, onTimeCloseRate: 0.3333, overdueRate: 0.6667, responseRate: 0.5, checkInRate: 1 });
    // D2: C3 C6 C13. due C3 C13, none closed; W1 missed.
    const d2 = rowOf(v, dept.D2, 'department');
    expect(pick(d2, ['reported', 'registered', 'dispatched', 'respondedOnTime', 'handled', 'due', 'closed', 'overdue', 'feedback', 'dissatisfied', 'whistleCalls', 'whistleMissed'])).toEqual({
      reported: 2, registered: 3, dispatched: 3, respondedOnTime: 2, handled: 1, due: 2, closed: 0, overdue: 1, feedback: 1, dissatisfied: 1, whistleCalls: 1, whistleMissed: 1,
    });
    expect(d2.rates).toMatchObject({ closeRate: 0, checkInRate: 0 });
    // No department: C4 (立即办), C5 (rejected), C12 (at the desk).
    const none = rowOf(v, null, 'noDepartment');
    expect(pick(none, ['reported', 'registered', 'due', 'closed', 'closedOnTime'])).toEqual({ reported: 3, registered: 1, due: 1, closed: 1, closedOnTime: 1 });
    // Every department serving the district is listed (zeros included); the rows add up.
    expect(v.rows.filter((r) => r.kind === 'department').length).toBeGreaterThanOrEqual(3);
    for (const k of ['reported', 'due', 'closed', 'feedback', 'whistleCalls'] as const) expect(v.rows.reduce((s, r) => s + r.counts[k], 0), k).toBe(v.total.counts[k]);
  });

  it('by person: handlers by handler_user_id, grid workers by their patrol reports', async () => {
    const v = await measures('sq01', `${P}&groupBy=person`);
    // bm01 handles C1 C2 C8 C9 C11: dispatched C1 C2, handled C1 C2 C9, closed = due = 3, on time C1, feedback 3.
    const bm01 = rowOf(v, users.bm01, 'person');
    expect(pick(bm01, ['reported', 'registered', 'dispatched', 'respondedOnTime', 'handled', 'due', 'closed', 'closedOnTime', 'feedback', 'satisfied'])).toEqual({
      reported: 0, registered: 0, dispatched: 2, respondedOnTime: 1, handled: 3, due: 3, closed: 3, closedOnTime: 1, feedback: 3, satisfied: 3,
    });
    // bm02 handles C3 C13 (C6 has no handler yet).
    const bm02 = rowOf(v, users.bm02, 'person');
    expect(pick(bm02, ['dispatched', 'respondedOnTime', 'handled', 'due', 'closed', 'overdue', 'feedback', 'dissatisfied'])).toEqual({
      dispatched: 2, respondedOnTime: 2, handled: 1, due: 2, closed: 0, overdue: 1, feedback: 1, dissatisfied: 1,
    });
    // wgy01 reported C1 C4 C5 on patrol (C7 is April); C1 and C4 were registered; handled C4 on the spot.
    const wgy = rowOf(v, users.wgy01, 'person');
    expect(pick(wgy, ['reported', 'registered', 'publicFirst', 'due', 'closed', 'closedOnTime'])).toEqual({ reported: 3, registered: 2, publicFirst: 0, due: 1, closed: 1, closedOnTime: 1 });
    expect(wgy.rates.missedReportRate).toBeNull();
    expect(wgy.rates.closeRate).toBe(1);
    // The total is the subject's, not the people's sum.
    expect(v.total.counts.reported).toBe(7);
    expect(v.total.counts.whistleCalls).toBe(2);
    expect(v.rows.map((r) => r.kind)).toEqual(v.rows.map(() => 'person'));
  });

  it('one person as the subject: what they handled plus what they reported', async () => {
    const v = await measures('sq01', `${P}&userId=${users.wgy01}&groupBy=person`);
    expect(v.subject.user).toEqual({ id: users.wgy01, name: expect.any(String) });
    expect(pick(v.total, ['reported', 'registered', 'due', 'closed', 'handled'])).toEqual({ reported: 3, registered: 2, due: 1, closed: 1, handled: 0 });
    // bm01 by grid, seen by the street: G1 has C1 C2 (handled 2), G2 has C9 (handled, closed late).
    const b = await measures('jd01', `${P}&regionId=${reg.A.id}&userId=${users.bm01}&groupBy=child`);
    expect(pick(rowOf(b, reg.G1.id, 'region'), ['handled', 'closed', 'closedOnTime', 'reported'])).toEqual({ handled: 2, closed: 2, closedOnTime: 1, reported: 0 });
    expect(pick(rowOf(b, reg.G2.id, 'region'), ['handled', 'closed', 'closedOnTime'])).toEqual({ handled: 1, closed: 1, closedOnTime: 0 });
    expect(b.total.counts.handled).toBe(3);
    expect(b.total.rates.checkInRate).toBeNull();
  });
});

describe('periods', () => {
  it('a case just outside the period is excluded and counts in the next one', async () => {
    // February: reported C6 (23:59:59 on the 28th), C9, C11 = 3; C8 (January) not.
    const feb = await measures('sq01', 'from=2026-02-01&to=2026-02-28');
    expect(feb.total.counts.reported).toBe(3);
    // Due in Feb: C8 (closed in Feb, ahead of its March deadline) and C9 (deadline 25 Feb, closed in March); W0 (late) blown in Feb.
    expect(pick(feb.total, ['closed', 'due', 'overdue', 'whistleCalls', 'whistleLate'])).toEqual({ closed: 1, due: 2, overdue: 1, whistleCalls: 1, whistleLate: 1 });
    // April 1st alone: C7 reported at 00:00 sharp.
    const apr = await measures('sq01', 'from=2026-04-01&to=2026-04-01');
    expect(pick(apr.total, ['reported', 'registered'])).toEqual({ reported: 1, registered: 1 });
    // March 31st alone: nothing was reported.
    expect((await measures('sq01', 'from=2026-03-31&to=2026-03-31')).total.counts.reported).toBe(0);
  });

  it('defaults to this month up to today; bad periods are refused with a reason', async () => {
    const v = await measures('sq01', '');
    expect(v.period.from.endsWith('-01')).toBe(true);
    expect(v.period.to >= v.period.from).toBe(true);
    for (const [q, code] of [
      ['from=2026-02-30&to=2026-03-01', 'CASE_MEASURES_PERIOD'],
      ['from=2026-03-10&to=2026-03-01', 'CASE_MEASURES_PERIOD'],
      ['from=2010-01-01&to=2026-03-01', 'CASE_MEASURES_PERIOD'],
      ['from=2026-3-1', 'VALIDATION_FAILED'],
      ['groupBy=street', 'VALIDATION_FAILED'],
      [`departmentId=${dept.D1}&userId=${users.bm01}`, 'CASE_MEASURES_SUBJECT'],
    ] as const) {
      const res = await get('sq01', `/cases/measures?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code, q).toBe(code);
    }
    const en = await t.as(cookies.sq01, { method: 'GET', url: '/api/v1/cases/measures?from=2026-03-10&to=2026-03-01', headers: { 'accept-language': 'en' } });
    expect(en.json().message).toContain('start day is after the end day');
  });
});

describe('scope', () => {
  it('a community sees only its subtree; the sibling is refused', async () => {
    const b = await measures('sq02', P);
    // B holds only C10.
    expect(pick(b.total, ['reported', 'registered', 'dispatched', 'respondedOnTime', 'due', 'closed', 'overdue'])).toEqual({ reported: 1, registered: 1, dispatched: 1, respondedOnTime: 1, due: 1, closed: 0, overdue: 1 });
    for (const q of [`regionId=${reg.B.id}`, `regionId=${reg.M3.id}`, `userId=${users.wgy01}`]) {
      const res = await get('sq02', `/cases/measures?${P}&${q}`);
      expect(res.statusCode, q).toBe(q.startsWith('userId') ? 403 : 200);
    }
    const res = await get('sq01', `/cases/measures?${P}&regionId=${reg.B.id}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('SCOPE_DENIED');
    expect((await get('sq01', `/cases/measures?regionId=99999999`)).json().code).toBe('REGION_NOT_FOUND');
  });

  it('the street sees both communities as its children', async () => {
    const v = await measures('jd01', `${P}&groupBy=child`);
    expect(v.subject.region.id).toBe(reg.street.id);
    expect(rowOf(v, reg.A.id, 'region').counts.reported).toBe(7);
    expect(rowOf(v, reg.B.id, 'region').counts.reported).toBe(1);
    expect(v.total.counts.reported).toBe(8);
  });

  it('a department handler sees only its own department', async () => {
    // bm01 (D1, scope: the district): D1's cases in A are C1 C2 C8 C9 C11 → as in the department row above.
    const v = await measures('bm01', `${P}&regionId=${reg.A.id}`);
    expect(v.subject.department?.id).toBe(dept.D1);
    expect(pick(v.total, ['reported', 'handled', 'due', 'closed', 'whistleCalls', 'whistleOnTime'])).toEqual({ reported: 2, handled: 3, due: 3, closed: 3, whistleCalls: 1, whistleOnTime: 1 });
    // District-wide D1 adds C10 (B).
    const all = await measures('bm01', `${P}&groupBy=department`);
    expect(all.rows.map((r) => r.id)).toEqual([dept.D1]);
    expect(all.total.counts.reported).toBe(3);
    // Their leader too; another department is refused.
    expect((await measures('bmfz01', P)).total.counts.reported).toBe(3);
    const res = await get('bm01', `/cases/measures?${P}&departmentId=${dept.D2}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('SCOPE_DENIED');
    // Wider roles are not bound: the district desk and the supervisor see every department.
    const qu = await measures('qu01', `${P}&departmentId=${dept.D2}`);
    expect(qu.total.counts.dispatched).toBe(3);
    expect((await measures('dd01', P)).total.counts.reported).toBe(8);
    expect((await get('qu01', `/cases/measures?departmentId=99999999`)).json().code).toBe('DEPARTMENT_NOT_FOUND');
  });

  it('residents have no access; the system administrator sees the cities', async () => {
    const res = await get('jm01', `/cases/measures?${P}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('PERMISSION_DENIED');
    const v = await measures('admin', P);
    expect(v.subject.region).toMatchObject({ id: null, path: '/' });
    expect(v.rows.length).toBeGreaterThanOrEqual(1);
    expect(v.total.counts.reported).toBe(8);
  });
});

describe('export', () => {
  it('an .xlsx with Chinese headers, the groups, the total and the definitions', async () => {
    const res = await get('sq01', `/cases/measures/export?${P}&groupBy=department`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('事件考核指标-2026-03-01-2026-03-31.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考核指标')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    for (const h of ['名称', '上报数', '应结案数', '结案率', '按期结案率', '响应率', '满意率', '漏报率', '平均用时：签收→处置完毕（小时）']) expect(header).toContain(h);
    const last = ws.getRow(ws.rowCount);
    const cell = (h: string) => last.getCell(header.indexOf(h) + 1).value;
    expect(cell('名称')).toBe('合计');
    expect(cell('上报数')).toBe(7);
    expect(cell('结案率')).toBe(0.6667);
    expect(ws.getColumn(header.indexOf('结案率') + 1).numFmt).toBe('0.00%');
    const about = wb.getWorksheet('说明')!;
    expect(String(about.getCell('B2').value)).toContain('2026-03-01 至 2026-03-31');
    // Refused like the measures themselves.
    expect((await get('sq01', `/cases/measures/export?${P}&regionId=${reg.B.id}`)).json().code).toBe('SCOPE_DENIED');
  });
});
