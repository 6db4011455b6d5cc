// The workforce's weekly rules on hand-made edges: 5-3-10 (4/5 entries, 2h59m vs 3h, 9/10
// residents, check-in outside the boundary, Sunday 23:59 vs Monday 00:00 Shanghai time), stationed
// teams (visit days, the fixed Tuesday), paired deputies' accountability (exactly 4 weeks vs 4 weeks
// and a minute), the thresholds' settings, the Excel export and the scope of each report.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { idNumber } from '../support/residents.ts';
import { caseAt, freshRegion, people, place, position, q, team, visit, worker, type Place } from '../support/workforce-rules.ts';

let t: TestApp;
let admin: string;
let sq01: string;
let sq02: string;
let jd01: string;
let qu01: string;
let A: Place; // sq01's community
let B: Place; // sq02's community
let G1: Place; // fresh grid of A
let M1: Place; // micro-grid of G1
let G2: Place; // another fresh grid of A
let GB: Place; // fresh grid of B
const W = new Map<string, number>(); // worker ids by name

const get = (cookie: string, url: string) => t.as(cookie, { method: 'GET', url: `/api/v1${url}` });
const put = (cookie: string, url: string, payload: object) => t.as(cookie, { method: 'PUT', url: `/api/v1${url}`, payload });
/** Five 3-hour entries, Monday to Friday of 2026-W45 (2026-11-02 … 11-06), each at `hour`. */
const weekdays = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'];
const at = (day: string, hm: string) => `${day}T${hm}:00+08:00`;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = await t.login('admin');
  sq01 = await t.login('sq01');
  sq02 = await t.login('sq02');
  jd01 = await t.login('jd01');
  qu01 = await t.login('qu01');
  A = await place(t, (await get(sq01, '/auth/me')).json().user.scopeRegion.id);
  B = await place(t, (await get(sq02, '/auth/me')).json().user.scopeRegion.id);
  G1 = await freshRegion(t, admin, A.id, '规则测试一网格');
  M1 = await freshRegion(t, admin, G1.id, '规则测试一网格微网格');
  G2 = await freshRegion(t, admin, A.id, '规则测试二网格');
  GB = await freshRegion(t, admin, B.id, '规则测试乙社区网格');

  const add = async (name: string, kind: string, grid: Place, o: Parameters<typeof position>[4] = {}) => {
    const id = await worker(t, A, name);
    W.set(name, id);
    await position(t, id, kind, grid, o);
    return id;
  };
  // Compliant on the edges: five entries of exactly 3h00m, ten distinct residents (some in the micro-grid).
  const jia = await add('甲达标', 'gridWorkerFullTime', G1);
  for (const [k, d] of weekdays.entries()) await visit(t, jia, k % 2 ? M1 : G1, at(d, '09:00'), at(d, '12:00'), { residents: people(1000 + 2 * k, 2) });
  // Week edges: Monday 00:00 and Sunday 23:59 are in; Sunday 23:59 before and Monday 00:00 after are not.
  const yi = await add('乙周界', 'gridChief', G1);
  await visit(t, yi, G1, at('2026-11-02', '00:00'), at('2026-11-02', '03:00'), { residents: people(2000, 3) });
  await visit(t, yi, G1, at('2026-11-03', '09:00'), at('2026-11-03', '12:30'), { residents: people(2003, 3) });
  await visit(t, yi, G1, at('2026-11-04', '09:00'), at('2026-11-04', '12:00'), { residents: people(2006, 2) });
  await visit(t, yi, G1, at('2026-11-05', '09:00'), at('2026-11-05', '12:00'), { residents: people(2008, 2) });
  await visit(t, yi, G1, at('2026-11-08', '23:59'), at('2026-11-09', '02:59'), { residents: [2010] });
  await visit(t, yi, G1, at('2026-11-01', '23:59'), at('2026-11-02', '02:59'), { residents: people(2100, 5) });
  await visit(t, yi, G1, at('2026-11-09', '00:00'), at('2026-11-09', '03:00'), { residents: people(2200, 5) });
  // One entry short: 2h59m fails.
  const bing = await add('丙差一次', 'gridWorkerPartTime', G1);
  for (const [k, d] of weekdays.entries()) await visit(t, bing, G1, at(d, '14:00'), k === 4 ? at(d, '16:59') : at(d, '17:00'), { residents: people(3000 + 2 * k, 2) });
  // Nine distinct residents in twelve links.
  const ding = await add('丁九人', 'gridWorkerFullTime', G1);
  for (const [k, d] of weekdays.entries()) await visit(t, ding, G1, at(d, '08:00'), at(d, '11:00'), { residents: k < 3 ? people(4000 + 3 * k, 3) : [4000, 4001, 4002] });
  // A check-in flagged outside the boundary does not qualify; an unknown one (no boundary) does.
  const wu = await add('戊界外', 'gridWorkerFullTime', G1);
  for (const [k, d] of weekdays.entries()) await visit(t, wu, G1, at(d, '13:00'), at(d, '16:00'), { outside: k === 0 ? true : k === 1 ? null : false, residents: people(5000 + 2 * k, 2) });
  // An open visit and a visit into another grid are no entries into this one.
  const ji = await add('己未签退', 'gridWorkerFullTime', G1);
  await visit(t, ji, G2, at('2026-11-03', '09:00'), at('2026-11-03', '13:00'), { residents: people(6000, 10) });
  await visit(t, ji, G1, at('2026-11-04', '09:00'), null, { residents: people(6100, 10) });
  // Positions ending on the week's Monday count; ending the Sunday before, starting after, archived
  // or of a kind outside the rule do not.
  await add('辛周一离岗', 'gridWorkerFullTime', G1, { endOn: '2026-11-02' });
  await add('庚上周离岗', 'gridWorkerFullTime', G1, { endOn: '2026-11-01' });
  await add('壬下周到岗', 'gridWorkerFullTime', G1, { startOn: '2026-11-09' });
  await add('癸已撤销', 'gridWorkerFullTime', G1, { archived: true });
  await add('子联防员', 'patrolMember', G1);
  // Another grid of A, and B's grid.
  const chou = await add('丑二网格', 'gridWorkerFullTime', G2);
  for (const d of weekdays) await visit(t, chou, G2, at(d, '09:00'), at(d, '12:00'), { residents: people(7000, 10) });
  const yin = await worker(t, B, '寅乙社区');
  W.set('寅乙社区', yin);
  await position(t, yin, 'gridWorkerFullTime', GB);
});
afterAll(() => t.close());

type Item = { rank: number; worker: { id: number; name: string }; entries: number; qualifyingEntries: number; hours: number; residents: number; meets: Record<string, boolean>; compliant: boolean };

describe('5-3-10', () => {
  it('ranks the grid’s workers for an ISO week, on the edges of every threshold', async () => {
    const res = await get(sq01, `/workforce/rules/5310?regionId=${G1.id}&week=2026-W45`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b).toMatchObject({ week: '2026-W45', from: '2026-11-02', to: '2026-11-08', start: '2026-11-01T16:00:00.000Z', end: '2026-11-08T16:00:00.000Z', rules: { entries: 5, hoursPerEntry: 3, residents: 10 } });
    const rows = (b.items as Item[]).map((i) => [i.rank, i.worker.name, i.entries, i.qualifyingEntries, i.residents, i.compliant]);
    expect(rows).toEqual([
      [1, '乙周界', 5, 5, 11, true],
      [2, '甲达标', 5, 5, 10, true],
      [3, '丁九人', 5, 5, 9, false],
      [4, '丙差一次', 5, 4, 10, false],
      [4, '戊界外', 5, 4, 10, false],
      [6, '己未签退', 0, 0, 0, false],
      [6, '辛周一离岗', 0, 0, 0, false],
    ]);
    const by = new Map((b.items as Item[]).map((i) => [i.worker.name, i]));
    expect(by.get('丙差一次')!.meets).toEqual({ entries: true, hours: false, residents: true });
    expect(by.get('丁九人')!.meets).toEqual({ entries: true, hours: true, residents: false });
    expect(by.get('甲达标')!.hours).toBe(15);
    expect(by.get('乙周界')!.hours).toBe(15.5);
    expect(b.summary).toEqual({ workers: 7, compliant: 2, rate: 0.2857 });
    expect(b.total).toBe(7);
  });

  it('counts the members of a household visited as residents seen, each person once', async () => {
    const post = async (payload: object) => {
      const res = await t.as(admin, { method: 'POST', url: '/api/v1/residents', payload: { ethnicity: '汉族', residenceType: 'registered', regionId: G2.id, ...payload } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: number; householdId: number };
    };
    const head = await post({ name: '户主甲', idNumber: idNumber('1970-03-01', 901), householdRole: 'head' });
    await post({ name: '配偶乙', idNumber: idNumber('1972-05-01', 902), householdRole: 'spouse', householdId: head.householdId });
    const gone = await post({ name: '迁出丙', idNumber: idNumber('1995-05-01', 903), householdRole: 'child', householdId: head.householdId });
    await q(t, sql`UPDATE residents SET archived_at = now(), left_reason = 'movedOut' WHERE id = ${gone.id}`);
    const mao = await worker(t, A, '卯入户');
    await position(t, mao, 'gridWorkerFullTime', G2);
    // Eight listed residents and the household (two current members; the head is also listed once): ten.
    for (const [k, d] of weekdays.entries()) {
      await visit(t, mao, G2, at(d, '09:00'), at(d, '12:00'), k === 0 ? { households: [head.householdId], residents: [head.id] } : { residents: people(8000 + 2 * (k - 1), 2) });
    }
    const items = (await get(sq01, `/workforce/rules/5310?regionId=${G2.id}&week=2026-W45`)).json().items as Item[];
    expect(items.find((i) => i.worker.name === '卯入户')).toMatchObject({ residents: 10, compliant: true });
  });

  it('puts Sunday 23:59 in its week and Monday 00:00 in the next (Shanghai time)', async () => {
    const week = async (w: string) => ((await get(sq01, `/workforce/rules/5310?regionId=${G1.id}&week=${w}`)).json().items as Item[]).find((i) => i.worker.name === '乙周界')!;
    expect(await week('2026-W44')).toMatchObject({ entries: 1, qualifyingEntries: 1, residents: 5 });
    expect(await week('2026-W46')).toMatchObject({ entries: 1, qualifyingEntries: 1, residents: 5 });
  });

  it('covers the caller’s scope, a region in it, and refuses a region outside it', async () => {
    const names = async (cookie: string, url: string) => ((await get(cookie, url)).json().items as Item[]).map((i) => i.worker.name);
    const community = await names(sq01, `/workforce/rules/5310?regionId=${A.id}&week=2026-W45`);
    expect(community).toEqual(expect.arrayContaining(['甲达标', '丑二网格']));
    expect(community).not.toContain('寅乙社区');
    expect(await names(sq01, '/workforce/rules/5310?week=2026-W45')).toEqual(expect.arrayContaining(['甲达标', '丑二网格']));
    const theirs = await names(sq02, '/workforce/rules/5310?week=2026-W45');
    expect(theirs).toContain('寅乙社区');
    expect(theirs.filter((n) => n !== '寅乙社区' && [...W.keys()].includes(n))).toEqual([]);
    expect(await names(jd01, '/workforce/rules/5310?week=2026-W45&limit=1000')).toEqual(expect.arrayContaining(['甲达标', '寅乙社区']));
    const denied = await get(sq02, `/workforce/rules/5310?regionId=${G1.id}&week=2026-W45`);
    expect([denied.statusCode, denied.json().code]).toEqual([403, 'SCOPE_DENIED']);
    // Paging keeps the ranks of the whole board.
    const page = (await get(sq01, `/workforce/rules/5310?regionId=${G1.id}&week=2026-W45&limit=2&offset=2`)).json();
    expect(page.items.map((i: Item) => [i.rank, i.worker.name])).toEqual([[3, '丁九人'], [4, '丙差一次']]);
    expect(page.total).toBe(7);
  });

  it('refuses weeks that do not exist', async () => {
    const bad = await get(sq01, '/workforce/rules/5310?week=2025-W53');
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'WORKFORCE_FIELD_INVALID']);
    expect((await get(sq01, '/workforce/rules/5310?week=2026-47')).json().code).toBe('VALIDATION_FAILED');
    expect((await get(sq01, '/workforce/rules/5310')).statusCode).toBe(200);
  });

  it('exports the ranked board to Excel', async () => {
    const res = await get(sq01, `/workforce/rules/5310/export?regionId=${G1.id}&week=2026-W45`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(2).value).toBe('姓名');
    const names: string[] = [];
    ws.eachRow((r, n) => void (n > 1 && names.push(String(r.getCell(2).value))));
    expect(names).toEqual(['乙周界', '甲达标', '丁九人', '丙差一次', '戊界外', '己未签退', '辛周一离岗']);
    expect(ws.getRow(2).getCell(12).value).toBe('是');
    expect(String(wb.getWorksheet('说明')!.getRow(1).getCell(2).value)).toContain('2026-11-02 至 2026-11-08');
    expect((await get(sq02, `/workforce/rules/5310/export?regionId=${G1.id}&week=2026-W45`)).json().code).toBe('SCOPE_DENIED');
  });
});

describe('rule thresholds', () => {
  const rules = { entries: 5, hoursPerEntry: 3, residents: 10, teamVisits: 2, teamMinMembers: 3, deputyLookbackWeeks: 4, excellentShare: 0.2 };

  it('are read by anyone and changed only by whole-system staff, audited', async () => {
    expect((await get(sq01, '/workforce/rules')).json()).toEqual(rules);
    const community = await put(sq01, '/workforce/rules', { ...rules, entries: 4 });
    expect([community.statusCode, community.json().code]).toEqual([403, 'PERMISSION_DENIED']);
    const district = await put(qu01, '/workforce/rules', { ...rules, entries: 4 });
    expect([district.statusCode, district.json().code]).toEqual([403, 'SCOPE_DENIED']);
    expect((await put(admin, '/workforce/rules', { ...rules, entries: 0 })).json().code).toBe('VALIDATION_FAILED');
    expect((await put(admin, '/workforce/rules', { ...rules, hoursPerEntry: 2.999 })).json().code).toBe('WORKFORCE_FIELD_INVALID');
    expect((await get(sq01, '/workforce/rules')).json()).toEqual(rules);

    const ok = await put(admin, '/workforce/rules', { ...rules, entries: 4, hoursPerEntry: 2.5 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await get(sq01, '/workforce/rules')).json()).toMatchObject({ entries: 4, hoursPerEntry: 2.5 });
    // Four entries now suffice, and 2h59m qualifies.
    const items = (await get(sq01, `/workforce/rules/5310?regionId=${G1.id}&week=2026-W45`)).json().items as Item[];
    const by = new Map(items.map((i) => [i.worker.name, i]));
    expect(by.get('丙差一次')).toMatchObject({ qualifyingEntries: 5, compliant: true });
    expect(by.get('戊界外')).toMatchObject({ qualifyingEntries: 4, compliant: true });
    const [audit] = await q<{ action: string; before: unknown; after: unknown }>(t, sql`SELECT action, before, after FROM audit_log WHERE action = 'workforce.rules' ORDER BY id DESC LIMIT 1`);
    expect(audit).toMatchObject({ before: { entries: 5 }, after: { entries: 4, hoursPerEntry: 2.5 } });
    expect((await put(admin, '/workforce/rules', rules)).statusCode).toBe(200);
  });
});

describe('stationed teams', () => {
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    const members = async (teamName: string, n: number, o: { fixedWeekday?: number } = {}) => {
      const id = await team(t, A, teamName, { sendingUnit: '区民政局', ...o });
      ids[teamName] = id;
      const ws: number[] = [];
      for (let k = 0; k < n; k++) {
        const w = await worker(t, A, `${teamName}队员${k + 1}`);
        await position(t, w, 'stationedMember', A, { teamId: id, isLeader: k === 0 });
        ws.push(w);
      }
      return ws;
    };
    // Two visits on the same Monday are one visit day.
    const [a1, a2] = await members('一队同日', 2);
    await visit(t, a1, G1, at('2026-11-02', '09:00'), at('2026-11-02', '11:00'));
    await visit(t, a2, G2, at('2026-11-02', '15:00'), at('2026-11-02', '17:00'));
    // Monday and Wednesday: two days, but not the fixed Tuesday.
    const [b1, b2] = await members('二队缺周二', 3);
    await visit(t, b1, A, at('2026-11-02', '09:00'), at('2026-11-02', '11:00'));
    await visit(t, b2, G1, at('2026-11-04', '09:00'), at('2026-11-04', '11:00'));
    // Tuesday, and Thursday through a visit tagged with the team outside its community.
    const [c1, c2] = await members('三队达标', 3);
    await visit(t, c1, M1, at('2026-11-03', '09:00'), at('2026-11-03', '11:00'));
    await visit(t, c2, GB, at('2026-11-05', '09:00'), at('2026-11-05', '11:00'), { teamId: ids['三队达标'] });
    // Tuesday 23:59 is Tuesday and Wednesday 00:30 is Wednesday in Shanghai (both Tuesday in UTC).
    const [d1] = await members('四队午夜', 3);
    await visit(t, d1, A, at('2026-11-03', '23:59'), at('2026-11-04', '00:20'));
    await visit(t, d1, A, at('2026-11-04', '00:30'), at('2026-11-04', '01:00'));
    // A non-member's Tuesday and a member's untagged visit elsewhere do not count; Monday 07:59
    // Shanghai (Sunday in UTC) is Monday.
    const [e1] = await members('五队非队员', 3);
    const stranger = await worker(t, A, '路人');
    await visit(t, stranger, A, at('2026-11-03', '09:00'), at('2026-11-03', '10:00'), { teamId: ids['五队非队员'] });
    await visit(t, e1, GB, at('2026-11-03', '09:00'), at('2026-11-03', '10:00'));
    await visit(t, e1, A, at('2026-11-02', '07:59'), at('2026-11-02', '09:00'));
    // A team whose fixed day is Wednesday.
    const [f1] = await members('六队周三', 3, { fixedWeekday: 3 });
    await visit(t, f1, A, at('2026-11-02', '09:00'), at('2026-11-02', '10:00'));
    await visit(t, f1, A, at('2026-11-04', '09:00'), at('2026-11-04', '10:00'));
  });

  it('counts visit days and the fixed day', async () => {
    const res = await get(sq01, `/workforce/rules/stationed?regionId=${A.id}&week=2026-W45`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    const by = new Map((b.items as { team: { id: number } }[]).map((i) => [i.team.id, i]));
    const row = (name: string) => by.get(ids[name]) as Record<string, unknown>;
    expect(row('一队同日')).toMatchObject({ visitDays: ['2026-11-02'], visits: 2, fixedDayVisited: false, compliant: false, members: 2, memberShortfall: true, sendingUnit: '区民政局' });
    expect(row('二队缺周二')).toMatchObject({ visitDays: ['2026-11-02', '2026-11-04'], fixedDayVisited: false, compliant: false, memberShortfall: false });
    expect(row('三队达标')).toMatchObject({ visitDays: ['2026-11-03', '2026-11-05'], fixedDayVisited: true, compliant: true });
    expect(row('四队午夜')).toMatchObject({ visitDays: ['2026-11-03', '2026-11-04'], fixedDayVisited: true, compliant: true });
    expect(row('五队非队员')).toMatchObject({ visitDays: ['2026-11-02'], visits: 1, compliant: false });
    expect(row('六队周三')).toMatchObject({ fixedWeekday: 3, visitDays: ['2026-11-02', '2026-11-04'], fixedDayVisited: true, compliant: true });
    const mine = [...by.keys()].filter((id) => Object.values(ids).includes(id));
    expect(mine).toHaveLength(6);
    expect(b.summary.teams).toBeGreaterThanOrEqual(6);
  });

  it('is empty in the next week and scoped', async () => {
    const next = (await get(sq01, `/workforce/rules/stationed?regionId=${A.id}&week=2026-W46`)).json();
    expect(next.items.filter((i: { team: { id: number } }) => i.team.id === ids['三队达标'])[0]).toMatchObject({ visitDays: [], compliant: false });
    const other = (await get(sq02, '/workforce/rules/stationed?week=2026-W45')).json();
    expect(other.items.map((i: { team: { id: number } }) => i.team.id).filter((id: number) => Object.values(ids).includes(id))).toEqual([]);
    expect((await get(sq02, `/workforce/rules/stationed?regionId=${A.id}&week=2026-W45`)).json().code).toBe('SCOPE_DENIED');
  });
});

describe('paired deputies’ accountability', () => {
  const c: Record<string, { id: number; code: string }> = {};
  let deptName = '';
  beforeAll(async () => {
    const [dept] = await q<{ id: number; name: string }>(t, sql`SELECT id, name FROM departments ORDER BY id LIMIT 1`);
    deptName = dept.name;
    const d1 = await worker(t, A, '问责一', { sendingUnit: '区住建局', sendingUnitKind: 'department' });
    W.set('问责一', d1);
    await position(t, d1, 'pairedDeputy', G1, { startOn: '2026-01-01' });
    const d2 = await worker(t, A, '问责二', { sendingUnitKind: 'department', departmentId: Number(dept.id) });
    W.set('问责二', d2);
    await position(t, d2, 'pairedDeputy', G2, { startOn: '2026-10-15' });
    // d1 into G1 exactly four weeks before 2026-10-29 10:00; later only outside the boundary or elsewhere.
    await visit(t, d1, M1, at('2026-10-01', '10:00'), at('2026-10-01', '12:00'));
    await visit(t, d1, G1, at('2026-10-20', '10:00'), at('2026-10-20', '12:00'), { outside: true });
    await visit(t, d1, G2, at('2026-10-28', '10:00'), at('2026-10-28', '12:00'));
    c.exact = await caseAt(t, M1, A, 'resident', at('2026-10-29', '10:00'));
    c.minuteLate = await caseAt(t, G1, A, 'hotline', at('2026-10-29', '10:01'));
    c.patrol = await caseAt(t, G1, A, 'patrol', at('2026-10-29', '11:00'));
    c.merged = await caseAt(t, G1, A, 'resident', at('2026-10-29', '12:00'), 'merged');
    c.recent = await caseAt(t, G1, A, 'resident', at('2026-10-05', '10:00'));
    c.afterPeriod = await caseAt(t, G1, A, 'resident', at('2026-11-01', '10:00'));
    c.beforeHeld = await caseAt(t, G2, A, 'resident', at('2026-10-10', '10:00'));
    c.neverVisited = await caseAt(t, G2, A, 'hotline', at('2026-10-20', '10:00'));
  });

  it('flags public reports with no visit in the four weeks before, against deputy and unit', async () => {
    const res = await get(sq01, `/workforce/rules/paired-deputies?regionId=${A.id}&from=2026-10-01&to=2026-10-31`);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b).toMatchObject({ from: '2026-10-01', to: '2026-10-31', rules: { deputyLookbackWeeks: 4 } });
    const flags = (b.items as { deputy: { name: string }; case: { code: string }; lastVisitAt: string | null; weeks: number | null; sendingUnit: string; grid: { id: number } }[])
      .filter((i) => i.deputy.name.startsWith('问责'))
      .map((i) => [i.deputy.name, i.case.code, i.lastVisitAt, i.weeks, i.sendingUnit, i.grid.id]);
    expect(flags).toEqual([
      ['问责二', c.neverVisited.code, null, null, deptName, G2.id],
      ['问责一', c.minuteLate.code, '2026-10-01T02:00:00.000Z', 4, '区住建局', G1.id],
    ]);
    expect(b.byUnit).toEqual(expect.arrayContaining([{ sendingUnit: '区住建局', flags: 1, deputies: 1 }, { sendingUnit: deptName, flags: 1, deputies: 1 }]));
    expect(b.checked).toBe(4); // exact, minuteLate, recent (d1); neverVisited (d2)
  });

  it('follows the lookback setting and the scope', async () => {
    const rules = (await get(admin, '/workforce/rules')).json();
    await put(admin, '/workforce/rules', { ...rules, deputyLookbackWeeks: 5 });
    const longer = (await get(sq01, `/workforce/rules/paired-deputies?regionId=${G1.id}&from=2026-10-01&to=2026-10-31`)).json();
    expect(longer.items.map((i: { case: { code: string } }) => i.case.code)).toEqual([]);
    await put(admin, '/workforce/rules', rules);
    expect((await get(sq02, `/workforce/rules/paired-deputies?regionId=${G1.id}&from=2026-10-01&to=2026-10-31`)).json().code).toBe('SCOPE_DENIED');
    const theirs = (await get(sq02, '/workforce/rules/paired-deputies?from=2026-10-01&to=2026-10-31')).json();
    expect(theirs.items.filter((i: { deputy: { name: string } }) => i.deputy.name.startsWith('问责'))).toEqual([]);
    expect((await get(sq01, '/workforce/rules/paired-deputies?from=2026-10-31&to=2026-10-01')).json().code).toBe('WORKFORCE_FIELD_INVALID');
  });
});
