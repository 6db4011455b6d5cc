// The working calendar over HTTP: the seeded official days, who may edit (cases.configure and a
// scope covering every region), what is refused (and changes nothing), the audit trail, and the
// in-memory calendar following edits at once (and other processes' edits within seconds).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadCalendar, stageClock } from '../../src/modules/calendar/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: string;
let sq01: string;
let qu01: string;
let cityStaff: string;

const api = (url: string) => `/api/v1${url}`;
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const wall = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const dayRows = () => rows<{ day: string; kind: string; name: string }>(sql`SELECT day::text AS day, kind, name FROM calendar_days ORDER BY day`);
const auditRows = (entityId: string) => rows<{ action: string; before: unknown; after: unknown }>(sql`SELECT action, before, after FROM audit_log WHERE entity_type = 'calendarDay' AND entity_id = ${entityId} ORDER BY id`);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = await t.login('admin');
  sq01 = await t.login('sq01');
  qu01 = await t.login('qu01');
  // A district-staff account scoped to the whole demo city (the only root): it covers every region.
  const [root] = await rows<{ id: number }>(sql`SELECT id FROM regions WHERE parent_id IS NULL`);
  const res = await t.as(admin, { method: 'POST', url: api('/users'), payload: { username: 'city01', displayName: '市级管理员', password: 'City2026pw', roles: ['districtStaff'], scopeRegionId: Number(root.id) } });
  expect(res.statusCode, res.body).toBe(201);
  cityStaff = await t.login('city01', 'City2026pw');
});
afterAll(() => t?.close());

describe('GET /calendar', () => {
  it('lists the year’s holidays and adjusted working days, seeded from the State Council calendar', async () => {
    const res = await t.as(sq01, { method: 'GET', url: api('/calendar?year=2026') });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { year: number; days: { day: string; kind: string; name: string }[]; editable: boolean };
    expect(body.year).toBe(2026);
    expect(body.days).toHaveLength(39);
    expect(body.days).toContainEqual({ day: '2026-02-14', kind: 'workday', name: '春节调休上班' });
    expect(body.days).toContainEqual({ day: '2026-10-01', kind: 'holiday', name: '国庆节' });
    expect(body.days.every((d) => d.day.startsWith('2026-'))).toBe(true);
    expect(body.editable).toBe(false);
    const y2025 = (await t.as(sq01, { method: 'GET', url: api('/calendar?year=2025') })).json();
    expect(y2025.days).toHaveLength(33);
  });
  it('tells who may edit', async () => {
    expect((await t.as(admin, { method: 'GET', url: api('/calendar?year=2026') })).json().editable).toBe(true);
    expect((await t.as(cityStaff, { method: 'GET', url: api('/calendar?year=2026') })).json().editable).toBe(true);
    // A district covers only part of the system: the one calendar is not its to change.
    expect((await t.as(qu01, { method: 'GET', url: api('/calendar?year=2026') })).json().editable).toBe(false);
  });
  it('defaults to the current year and refuses years out of range; needs a session', async () => {
    const res = await t.as(sq01, { method: 'GET', url: api('/calendar') });
    expect(res.statusCode).toBe(200);
    expect(res.json().year).toBe(Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)));
    expect((await t.as(sq01, { method: 'GET', url: api('/calendar?year=1999') })).json().code).toBe('VALIDATION_FAILED');
    expect((await t.app.inject({ method: 'GET', url: api('/calendar?year=2026') })).statusCode).toBe(401);
  });
});

describe('editing', () => {
  it('adds, renames and removes a day, with an audit row each time, and deadlines follow at once', async () => {
    // 2027 is not published yet: Monday 2027-03-01 is an ordinary working day.
    const cal0 = await loadCalendar(t.database.db);
    expect(cal0.isWorkday('2027-03-01')).toBe(true);
    expect(wall(stageClock(cal0, at('2027-02-26 20:00'), 1, 'workingDays').deadlineAt)).toBe('2027-03-01 17:30');

    const put = await t.as(admin, { method: 'PUT', url: api('/calendar/days/2027-03-01'), payload: { kind: 'holiday', name: ' 测试假日 ' } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ day: '2027-03-01', kind: 'holiday', name: '测试假日' });
    const cal1 = await loadCalendar(t.database.db);
    expect(cal1.isWorkday('2027-03-01')).toBe(false);
    expect(wall(stageClock(cal1, at('2027-02-26 20:00'), 1, 'workingDays').deadlineAt)).toBe('2027-03-02 17:30');

    const rename = await t.as(cityStaff, { method: 'PUT', url: api('/calendar/days/2027-03-01'), payload: { kind: 'holiday', name: '改名' } });
    expect(rename.statusCode, rename.body).toBe(200);
    // The same again changes nothing and writes no audit row.
    expect((await t.as(cityStaff, { method: 'PUT', url: api('/calendar/days/2027-03-01'), payload: { kind: 'holiday', name: '改名' } })).statusCode).toBe(200);
    const list = (await t.as(sq01, { method: 'GET', url: api('/calendar?year=2027') })).json();
    expect(list.days).toEqual([{ day: '2027-03-01', kind: 'holiday', name: '改名' }]);

    const del = await t.as(admin, { method: 'DELETE', url: api('/calendar/days/2027-03-01') });
    expect(del.statusCode, del.body).toBe(204);
    expect((await loadCalendar(t.database.db)).isWorkday('2027-03-01')).toBe(true);
    expect(await auditRows('2027-03-01')).toEqual([
      { action: 'calendar.set', before: null, after: { kind: 'holiday', name: '测试假日' } },
      { action: 'calendar.set', before: { kind: 'holiday', name: '测试假日' }, after: { kind: 'holiday', name: '改名' } },
      { action: 'calendar.delete', before: { kind: 'holiday', name: '改名' }, after: null },
    ]);
  });

  it('an adjusted working Saturday counts in deadlines; a holiday on a weekend is kept for its name only', async () => {
    // Saturday 2027-03-06 worked: a Friday-evening case with 1 working day is due that Saturday.
    expect((await t.as(admin, { method: 'PUT', url: api('/calendar/days/2027-03-06'), payload: { kind: 'workday', name: '调休上班' } })).statusCode).toBe(200);
    const cal = await loadCalendar(t.database.db);
    expect(wall(cal.add(at('2027-03-05 19:00'), 1, 'workingDays'))).toBe('2027-03-06 17:30');
    // Sunday 2027-03-07 as a holiday: accepted, and no deadline moves.
    expect((await t.as(admin, { method: 'PUT', url: api('/calendar/days/2027-03-07'), payload: { kind: 'holiday', name: '周末' } })).statusCode).toBe(200);
    expect(wall((await loadCalendar(t.database.db)).add(at('2027-03-06 19:00'), 1, 'workingDays'))).toBe('2027-03-08 17:30');
    for (const d of ['2027-03-06', '2027-03-07']) expect((await t.as(admin, { method: 'DELETE', url: api(`/calendar/days/${d}`) })).statusCode).toBe(204);
  });

  it('refuses bad days and kinds, and changes nothing', async () => {
    const before = await dayRows();
    const [{ n: auditBefore }] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`);
    const cases: [string, object, number, string][] = [
      ['2027-03-03', { kind: 'workday', name: '周三' }, 400, 'CALENDAR_DAY_INVALID'], // a Wednesday is a working day already
      ['2026-02-30', { kind: 'holiday', name: 'x' }, 400, 'CALENDAR_DAY_INVALID'],
      ['1999-10-01', { kind: 'holiday', name: 'x' }, 400, 'CALENDAR_DAY_INVALID'],
      ['2027-03-03', { kind: 'festival', name: 'x' }, 400, 'VALIDATION_FAILED'],
      ['2027-3-3', { kind: 'holiday', name: 'x' }, 400, 'VALIDATION_FAILED'],
      ['2027-03-03', { kind: 'holiday', name: 'x'.repeat(51) }, 400, 'VALIDATION_FAILED'],
      ['2027-03-03', { kind: 'holiday', name: 'x', extra: 1 }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [day, payload, status, code] of cases) {
      const res = await t.as(admin, { method: 'PUT', url: api(`/calendar/days/${day}`), payload });
      expect(res.statusCode, `${day} ${JSON.stringify(payload)}: ${res.body}`).toBe(status);
      expect(res.json().code).toBe(code);
    }
    const en = await t.as(admin, { method: 'PUT', url: api('/calendar/days/2027-03-03'), payload: { kind: 'workday', name: 'x' }, headers: { 'accept-language': 'en' } });
    expect(en.json().message).toMatch(/only a Saturday or Sunday/);
    const zh = await t.as(admin, { method: 'PUT', url: api('/calendar/days/2027-03-03'), payload: { kind: 'workday', name: 'x' } });
    expect(zh.json().message).toMatch(/周一至周五本就是工作日/);

    const missing = await t.as(admin, { method: 'DELETE', url: api('/calendar/days/2027-03-03') });
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'CALENDAR_DAY_NOT_FOUND']);
    expect((await t.as(admin, { method: 'DELETE', url: api('/calendar/days/2026-02-31') })).json().code).toBe('CALENDAR_DAY_INVALID');

    expect(await dayRows()).toEqual(before);
    const [{ n: auditAfter }] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`);
    expect(auditAfter).toBe(auditBefore);
  });

  it('needs cases.configure and a scope covering every region', async () => {
    const before = await dayRows();
    const tries: [string, string][] = [
      [sq01, 'PERMISSION_DENIED'], // community staff: no cases.configure
      [qu01, 'SCOPE_DENIED'], // district staff: cases.configure, but the calendar serves the whole city
    ];
    for (const [cookie, code] of tries) {
      const put = await t.as(cookie, { method: 'PUT', url: api('/calendar/days/2026-02-16'), payload: { kind: 'holiday', name: '改' } });
      expect([put.statusCode, put.json().code]).toEqual([403, code]);
      const del = await t.as(cookie, { method: 'DELETE', url: api('/calendar/days/2026-02-16') });
      expect([del.statusCode, del.json().code]).toEqual([403, code]);
    }
    expect(await dayRows()).toEqual(before);
  });
});

describe('the in-memory calendar', () => {
  it('sees an edit made by another process within seconds', async () => {
    const db = t.database.db;
    expect((await loadCalendar(db)).isWorkday('2027-04-01')).toBe(true);
    // Another process writes the table directly: this one learns of it at its next check.
    await db.execute(sql`INSERT INTO calendar_days (day, kind, name) VALUES ('2027-04-01', 'holiday', '别处改的')`);
    const realNow = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(realNow + 1_000);
    try {
      expect((await loadCalendar(db)).isWorkday('2027-04-01')).toBe(true); // still the cached one
      clock.mockReturnValue(realNow + 10_000);
      expect((await loadCalendar(db)).isWorkday('2027-04-01')).toBe(false);
    } finally {
      clock.mockRestore();
      await db.execute(sql`DELETE FROM calendar_days WHERE day = '2027-04-01'`);
    }
  });
  it('inside a transaction reads the transaction’s own view', async () => {
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO calendar_days (day, kind, name) VALUES ('2027-04-02', 'holiday', 'tx')`);
        expect((await loadCalendar(tx)).isWorkday('2027-04-02')).toBe(false);
        throw new Error('rollback');
      })
      .catch((e: Error) => expect(e.message).toBe('rollback'));
    expect((await loadCalendar(t.database.db)).isWorkday('2027-04-02')).toBe(true);
  });
});
