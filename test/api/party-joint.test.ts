// Joint committees (大工委/大党委) with part-time members and joint meetings, partnerships (结对共建)
// with their activity log, and leader contacts (三联系) with contact visits.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/modules/party/joint.rules.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { makeInstitution, makeOrg, sqlRows } from '../support/party-links.ts';

let t: TestApp;
let sq01: string;
let sq02: string;
let jd01: string;
let dy01: string;
let communityA: number;
let communityB: number;
let street: number;
let gridA: number;
let joint: number;
let branch: number;
let institution: number;
let institutionB: number;
let enterprise: number;
let team: number;
let institutionOrg: number;

const api = (url: string) => `/api/v1${url}`;
const get = (cookie: string, url: string) => t.as(cookie, { method: 'GET', url: api(url) });
const post = (cookie: string, url: string, payload: object) => t.as(cookie, { method: 'POST', url: api(url), payload });
const put = (cookie: string, url: string, payload: object) => t.as(cookie, { method: 'PUT', url: api(url), payload });
const patch = (cookie: string, url: string, payload: object) => t.as(cookie, { method: 'PATCH', url: api(url), payload });
const code = (res: { json(): { code?: string } }) => res.json().code;
const shift = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function scopeOf(username: string) {
  const c = t.demo!.city.accounts.find((a) => a.username === username)!.scopeCode!;
  return Number((await sqlRows<{ id: number }>(t, sql`SELECT id FROM regions WHERE code = ${c}`))[0].id);
}
const audit = async (action: string) => (await sqlRows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`))[0].n;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [sq01, sq02, jd01, dy01] = await Promise.all(['sq01', 'sq02', 'jd01', 'dy01'].map((u) => t.login(u)));
  communityA = await scopeOf('sq01');
  communityB = await scopeOf('sq02');
  street = await scopeOf('jd01');
  gridA = Number((await sqlRows<{ id: number }>(t, sql`SELECT id FROM regions WHERE parent_id = ${communityA} ORDER BY code LIMIT 1`))[0].id);
  joint = await makeOrg(t, communityA, '甲社区大党委', { kind: 'committee', joint: true });
  branch = await makeOrg(t, communityA, '甲社区第二党支部');
  institution = await makeInstitution(t, gridA, '县税务局');
  institutionB = await makeInstitution(t, communityB, '县图书馆');
  enterprise = await makeInstitution(t, gridA, '中渔水产有限公司', 'newOrganization', 'enterprise');
  team = await makeInstitution(t, communityA, '夕阳红志愿队', 'communityTeam', 'volunteer');
  institutionOrg = await makeOrg(t, gridA, '县税务局机关党支部', { institutionId: institution });
});
afterAll(() => t?.close());

describe('joint committees (大工委/大党委)', () => {
  it('only a joint organization takes part-time members, from resident institutions in scope', async () => {
    const refused = await put(sq01, `/party/orgs/${branch}/joint-members`, { members: [{ name: '王五', post: '兼职委员' }] });
    expect(refused.statusCode).toBe(409);
    expect(code(refused)).toBe('PARTY_ORG_NOT_JOINT');
    const res = await put(sq01, `/party/orgs/${joint}/joint-members`, {
      members: [
        { name: '李四', institutionId: institution, post: '兼职委员', fromOn: '2025-01-01' },
        { name: '赵六', post: '兼职副书记', fromOn: '2024-01-01', toOn: '2024-12-31' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      org: { id: joint, joint: true },
      items: [
        { name: '李四', institution: { id: institution, name: '县税务局' }, post: '兼职委员', fromOn: '2025-01-01', toOn: null, current: true },
        { name: '赵六', institution: null, toOn: '2024-12-31', current: false },
      ],
    });
    const [li] = res.json().items;
    for (const [member, expected] of [
      [{ name: '钱七', institutionId: institutionB, post: 'x' }, 'SCOPE_DENIED'],
      [{ name: '钱七', institutionId: team, post: 'x' }, 'PARTY_FIELD_INVALID'],
      [{ name: '钱七', institutionId: enterprise, post: 'x' }, 'PARTY_FIELD_INVALID'],
      [{ name: '钱七', post: 'x', fromOn: '2025-02-30' }, 'PARTY_FIELD_INVALID'],
      [{ name: '钱七', post: 'x', fromOn: '2025-03-01', toOn: '2025-02-28' }, 'PARTY_FIELD_INVALID'],
      [{ id: 999999, name: '钱七', post: 'x' }, 'PARTY_FIELD_INVALID'],
      [{ name: '   ', post: 'x' }, 'PARTY_FIELD_INVALID'],
    ] as const) {
      expect(code(await put(sq01, `/party/orgs/${joint}/joint-members`, { members: [member] })), JSON.stringify(member)).toBe(expected);
    }
    // Re-sending keeps the listed row (its id), updates it, drops the rest; a term that starts and
    // ends on the same day is one day long, not an error.
    const kept = await put(sq01, `/party/orgs/${joint}/joint-members`, { members: [{ id: li.id, name: '李四', institutionId: institution, post: '兼职副书记', fromOn: '2025-01-01', toOn: '2025-01-01' }] });
    expect(kept.json().items).toEqual([expect.objectContaining({ id: li.id, post: '兼职副书记', toOn: '2025-01-01' })]);
    expect((await get(sq01, `/party/orgs/${joint}/joint-members`)).json().items).toHaveLength(1);
    expect(code(await get(sq02, `/party/orgs/${joint}/joint-members`))).toBe('SCOPE_DENIED');
    expect(code(await put(sq02, `/party/orgs/${joint}/joint-members`, { members: [] }))).toBe('SCOPE_DENIED');
    expect(code(await put(dy01, `/party/orgs/${joint}/joint-members`, { members: [] }))).toBe('PERMISSION_DENIED');
    expect(await audit('jointMember.replace')).toBe(2);
    await put(sq01, `/party/orgs/${joint}/joint-members`, { members: [{ id: li.id, name: '李四', institutionId: institution, post: '兼职委员', fromOn: '2025-01-01' }] });
  });

  it('keeps joint meetings with attendance rate, minutes and decided items', async () => {
    const li = (await get(sq01, `/party/orgs/${joint}/joint-members`)).json().items[0];
    const body = {
      orgId: joint,
      title: '2026年第一季度党建联席会议',
      heldAt: '2026-03-10T09:30:00+08:00',
      place: '社区党群服务中心',
      attendance: [
        { name: '李四', jointMemberId: li.id, present: true },
        { name: '社区书记', present: true },
        { name: '物业经理', present: true },
        { name: '民警', present: false, note: '请假' },
      ],
      minutes: '议定老旧小区加装电梯事项。',
      decisions: [
        { item: '摸排加装电梯意愿', owner: '社区居委会', dueOn: '2026-04-30', done: false },
        { item: '协调税务局志愿者', owner: '李四', done: true },
      ],
    };
    const res = await post(sq01, '/party/meetings', body);
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m).toMatchObject({ org: { id: joint, name: '甲社区大党委' }, region: { id: communityA }, attendanceRate: { present: 3, total: 4, rate: 0.75 }, decisionsDone: 1, minutes: body.minutes });
    expect(new Date(m.heldAt).toISOString()).toBe('2026-03-10T01:30:00.000Z');
    expect(code(await post(sq01, '/party/meetings', { ...body, orgId: branch }))).toBe('PARTY_ORG_NOT_JOINT');
    expect(code(await post(sq01, '/party/meetings', { ...body, attendance: [{ name: '冒名', jointMemberId: li.id + 1000, present: true }] }))).toBe('PARTY_FIELD_INVALID');
    expect(code(await post(sq01, '/party/meetings', { ...body, attendance: [body.attendance[0], body.attendance[0]] }))).toBe('PARTY_FIELD_INVALID');
    expect(code(await post(sq01, '/party/meetings', { ...body, decisions: [{ item: 'x', owner: 'y', dueOn: '2026-02-30', done: false }] }))).toBe('PARTY_FIELD_INVALID');
    expect((await post(sq01, '/party/meetings', { ...body, heldAt: 'yesterday' })).statusCode).toBe(400);

    // Nobody present of two: rate 0; nobody listed: no rate.
    const empty = (await post(sq01, '/party/meetings', { ...body, heldAt: '2026-03-11T09:00:00+08:00', attendance: [] })).json();
    expect(empty.attendanceRate).toEqual({ present: 0, total: 0, rate: null });

    // The day filters are China's calendar days, both ends included.
    const ids = async (q: string) => (await get(sq01, `/party/meetings?orgId=${joint}${q}`)).json().items.map((i: { id: number }) => i.id);
    expect(await ids('')).toEqual([empty.id, m.id]);
    expect(await ids('&from=2026-03-10&to=2026-03-10')).toEqual([m.id]);
    expect(await ids('&to=2026-03-09')).toEqual([]);
    expect(await ids('&from=2026-03-11')).toEqual([empty.id]);
    const listed = (await get(sq01, `/party/meetings?regionId=${communityA}`)).json();
    expect(listed.total).toBe(2);
    expect(listed.items[0].minutes).toBeUndefined();
    expect((await get(sq01, `/party/meetings/${m.id}`)).json().minutes).toBe(body.minutes);

    const up = await patch(sq01, `/party/meetings/${m.id}`, { version: m.version, attendance: body.attendance.map((a) => ({ ...a, present: true })), decisions: body.decisions.map((d) => ({ ...d, done: true })) });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ attendanceRate: { present: 4, total: 4, rate: 1 }, decisionsDone: 2, title: body.title, version: m.version + 1 });
    expect(code(await patch(sq01, `/party/meetings/${m.id}`, { version: m.version, title: '旧版本' }))).toBe('PARTY_VERSION_CONFLICT');

    expect(code(await get(sq02, `/party/meetings/${m.id}`))).toBe('SCOPE_DENIED');
    expect(code(await patch(sq02, `/party/meetings/${m.id}`, { version: up.json().version, title: 'x' }))).toBe('SCOPE_DENIED');
    expect((await get(sq02, '/party/meetings')).json()).toEqual({ items: [], total: 0 });
    expect(code(await get(sq02, `/party/meetings?orgId=${joint}`))).toBe('SCOPE_DENIED');
    expect((await get(jd01, `/party/meetings?regionId=${street}`)).json().total).toBe(2);
    expect(await audit('jointMeeting.create')).toBe(2);
    expect(await audit('jointMeeting.update')).toBe(1);
  });
});

describe('partnerships (结对共建)', () => {
  const base = () => ({ orgId: branch, institutionId: institution, partnerOrgId: institutionOrg, title: '税务局与第二党支部结对共建', terms: '每季度开展一次共建活动', startOn: '2025-01-01', endOn: '2025-12-31' });

  it('pairs a community organization with an institution, once per term', async () => {
    const res = await post(sq01, '/party/partnerships', base());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ org: { id: branch }, institution: { id: institution, name: '县税务局' }, partnerOrg: { id: institutionOrg, name: '县税务局机关党支部' }, status: 'ended', activityCount: 0, lastActivityOn: null, activities: [] });
    // Overlapping on one day is a second agreement for the same pair: refused.
    const dup = await post(sq01, '/party/partnerships', { ...base(), startOn: '2025-12-31', endOn: null });
    expect(dup.statusCode).toBe(409);
    expect(code(dup)).toBe('PARTY_DUPLICATE');
    const next = await post(sq01, '/party/partnerships', { ...base(), startOn: '2026-01-01', endOn: null });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().status).toBe('active');
    for (const [body, expected] of [
      [{ ...base(), partnerOrgId: joint }, 'PARTY_FIELD_INVALID'],
      [{ ...base(), orgId: institutionOrg, partnerOrgId: null }, 'PARTY_FIELD_INVALID'],
      [{ ...base(), institutionId: enterprise, partnerOrgId: null }, 'PARTY_FIELD_INVALID'],
      [{ ...base(), institutionId: institutionB, partnerOrgId: null }, 'SCOPE_DENIED'],
      [{ ...base(), startOn: '2027-01-01', endOn: '2026-12-31' }, 'PARTY_FIELD_INVALID'],
      [{ ...base(), startOn: '2027-02-29' }, 'PARTY_FIELD_INVALID'],
      [{ ...base(), orgId: 999999 }, 'PARTY_NOT_FOUND'],
    ] as const) {
      expect(code(await post(sq01, '/party/partnerships', body)), JSON.stringify(body)).toBe(expected);
    }
    expect(code(await post(dy01, '/party/partnerships', base()))).toBe('PERMISSION_DENIED');
    const list = (await get(sq01, `/party/partnerships?regionId=${communityA}`)).json();
    expect(list.total).toBe(2);
    expect((await get(sq01, '/party/partnerships?active=true')).json().items.map((i: { id: number }) => i.id)).toEqual([next.json().id]);
    expect((await get(sq02, '/party/partnerships')).json().total).toBe(0);
    expect(code(await get(sq02, `/party/partnerships/${res.json().id}`))).toBe('SCOPE_DENIED');
  });

  it('logs activities inside the term, not outside it nor in the future', async () => {
    const p = (await get(sq01, `/party/partnerships?institutionId=${institution}&includeArchived=true`)).json().items.find((i: { startOn: string }) => i.startOn === '2025-01-01');
    const log = (heldOn: string, participants = 10) => post(sq01, `/party/partnerships/${p.id}/activities`, { heldOn, title: `共建活动${heldOn}`, note: '政策宣讲', participants });
    expect((await log('2025-01-01', 12)).statusCode).toBe(201);
    expect((await log('2025-12-31', 8)).statusCode).toBe(201);
    expect(code(await log('2024-12-31'))).toBe('PARTY_FIELD_INVALID');
    expect(code(await log('2026-01-01'))).toBe('PARTY_FIELD_INVALID');
    const open = (await get(sq01, '/party/partnerships?active=true')).json().items[0];
    const today = todayInChina();
    expect((await post(sq01, `/party/partnerships/${open.id}/activities`, { heldOn: today, title: '今天的活动' })).statusCode).toBe(201);
    expect(code(await post(sq01, `/party/partnerships/${open.id}/activities`, { heldOn: shift(today, 1), title: '明天的活动' }))).toBe('PARTY_FIELD_INVALID');
    const d = (await get(sq01, `/party/partnerships/${p.id}`)).json();
    expect(d).toMatchObject({ activityCount: 2, lastActivityOn: '2025-12-31', participants: 20 });
    expect(d.activities.map((a: { heldOn: string }) => a.heldOn)).toEqual(['2025-12-31', '2025-01-01']);
    // The end date cannot move before an activity already held.
    expect(code(await patch(sq01, `/party/partnerships/${p.id}`, { version: d.version, endOn: '2025-12-30' }))).toBe('PARTY_FIELD_INVALID');
    const up = (await patch(sq01, `/party/partnerships/${p.id}`, { version: d.version, terms: '每月一次' })).json();
    expect(up.terms).toBe('每月一次');
    expect(code(await post(sq02, `/party/partnerships/${p.id}/activities`, { heldOn: '2025-06-01', title: 'x' }))).toBe('SCOPE_DENIED');
    expect(code(await post(sq01, `/party/partnerships/${p.id}/archive`, { version: d.version }))).toBe('PARTY_VERSION_CONFLICT');
    const archived = (await post(sq01, `/party/partnerships/${p.id}/archive`, { version: up.version })).json();
    expect(archived.status).toBe('archived');
    expect(code(await log('2025-06-01'))).toBe('PARTY_ARCHIVED');
    expect((await get(sq01, '/party/partnerships')).json().total).toBe(1);
    expect(await audit('partnership.activity')).toBe(3);
  });
});

describe('leader contacts (三联系)', () => {
  it('links a leader to a street, a community or an enterprise', async () => {
    const community = await post(sq01, '/party/contacts', { leaderName: '张县长', leaderPost: '副县长', targetKind: 'region', regionId: communityA, fromOn: '2025-03-01' });
    expect(community.statusCode, community.body).toBe(201);
    expect(community.json()).toMatchObject({ leader: { userId: null, name: '张县长', post: '副县长' }, targetKind: 'region', region: { id: communityA, level: 4 }, organization: null, current: true, visitCount: 0, lastVisitOn: null, visits: [] });
    const firm = await post(sq01, '/party/contacts', { leaderName: '张县长', targetKind: 'organization', organizationId: enterprise, fromOn: '2025-03-01' });
    expect(firm.json()).toMatchObject({ targetKind: 'organization', region: { id: gridA }, organization: { id: enterprise, name: '中渔水产有限公司', kind: 'newOrganization' } });
    // The street is outside a community's scope; its own staff link to it.
    expect(code(await post(sq01, '/party/contacts', { leaderName: '李书记', targetKind: 'region', regionId: street, fromOn: '2025-03-01' }))).toBe('SCOPE_DENIED');
    expect((await post(jd01, '/party/contacts', { leaderName: '李书记', targetKind: 'region', regionId: street, fromOn: '2025-03-01' })).json().region.level).toBe(3);
    for (const [body, expected] of [
      [{ leaderName: '王', targetKind: 'region', regionId: gridA, fromOn: '2025-03-01' }, 'PARTY_FIELD_INVALID'],
      [{ leaderName: '王', targetKind: 'region', fromOn: '2025-03-01' }, 'PARTY_FIELD_INVALID'],
      [{ leaderName: '王', targetKind: 'organization', organizationId: team, fromOn: '2025-03-01' }, 'PARTY_FIELD_INVALID'],
      [{ leaderName: '王', targetKind: 'organization', organizationId: institutionB, fromOn: '2025-03-01' }, 'SCOPE_DENIED'],
      [{ leaderName: '王', targetKind: 'region', regionId: communityB, fromOn: '2025-03-01' }, 'SCOPE_DENIED'],
      [{ leaderName: '王', targetKind: 'region', regionId: communityA, fromOn: '2025-02-29' }, 'PARTY_FIELD_INVALID'],
      [{ leaderName: '张县长', targetKind: 'region', regionId: communityA, fromOn: '2025-06-01' }, 'PARTY_DUPLICATE'],
    ] as const) {
      expect(code(await post(sq01, '/party/contacts', body)), JSON.stringify(body)).toBe(expected);
    }
    // A leader who is a user must be one the caller may see.
    const theirUser = Number((await sqlRows<{ id: number }>(t, sql`SELECT id FROM users WHERE username = 'sq02'`))[0].id);
    expect(code(await post(sq01, '/party/contacts', { leaderUserId: theirUser, leaderName: '乙', targetKind: 'region', regionId: communityA, fromOn: '2025-03-01' }))).toBe('SCOPE_DENIED');
    const mine = Number((await sqlRows<{ id: number }>(t, sql`SELECT id FROM users WHERE username = 'sj01'`))[0].id);
    expect((await post(sq01, '/party/contacts', { leaderUserId: mine, leaderName: '社区书记', targetKind: 'organization', organizationId: institution, fromOn: '2025-03-01' })).json().leader.userId).toBe(mine);
    expect(code(await post(dy01, '/party/contacts', { leaderName: '王', targetKind: 'region', regionId: communityA, fromOn: '2025-03-01' }))).toBe('PERMISSION_DENIED');
    expect((await get(sq01, '/party/contacts')).json().total).toBe(3);
    expect((await get(sq01, '/party/contacts?targetKind=organization')).json().total).toBe(2);
    expect((await get(sq02, '/party/contacts')).json().total).toBe(0);
    expect((await get(jd01, `/party/contacts?regionId=${street}`)).json().total).toBe(4);
  });

  it('logs contact visits within the contact’s period and shows the last one', async () => {
    const c = (await get(sq01, `/party/contacts?regionId=${communityA}&targetKind=region`)).json().items[0];
    const visit = (visitedOn: string, cookie = sq01) => post(cookie, `/party/contacts/${c.id}/visits`, { visitedOn, note: '走访座谈', problems: '停车难' });
    expect(code(await visit('2025-02-28'))).toBe('PARTY_FIELD_INVALID');
    expect((await visit('2025-03-01')).statusCode).toBe(201);
    const today = todayInChina();
    expect(code(await visit(shift(today, 1)))).toBe('PARTY_FIELD_INVALID');
    const v = await visit('2025-09-15');
    expect(v.json()).toMatchObject({ visitCount: 2, lastVisitOn: '2025-09-15', daysSinceVisit: Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse('2025-09-15T00:00:00Z')) / 86_400_000) });
    expect(v.json().visits.map((x: { visitedOn: string; problems: string }) => [x.visitedOn, x.problems])).toEqual([['2025-09-15', '停车难'], ['2025-03-01', '停车难']]);
    expect(code(await visit('2025-06-01', sq02))).toBe('SCOPE_DENIED');
    // Ending: not before the last visit; a visit on the last day still counts, one after it does not.
    expect(code(await post(sq01, `/party/contacts/${c.id}/end`, { version: c.version, toOn: '2025-09-14' }))).toBe('PARTY_FIELD_INVALID');
    expect(code(await post(sq01, `/party/contacts/${c.id}/end`, { version: c.version + 1, toOn: '2025-12-31' }))).toBe('PARTY_VERSION_CONFLICT');
    const ended = (await post(sq01, `/party/contacts/${c.id}/end`, { version: c.version, toOn: '2025-12-31' })).json();
    expect(ended).toMatchObject({ toOn: '2025-12-31', current: false, daysSinceVisit: null });
    expect((await visit('2025-12-31')).statusCode).toBe(201);
    const late = await visit('2026-01-01');
    expect(late.statusCode).toBe(409);
    expect(code(late)).toBe('PARTY_ENDED');
    expect(code(await post(sq01, `/party/contacts/${c.id}/end`, { version: ended.version, toOn: '2026-01-31' }))).toBe('PARTY_ENDED');
    expect((await get(sq01, '/party/contacts?current=false')).json().items.map((i: { id: number }) => i.id)).toEqual([c.id]);
    expect((await get(sq01, '/party/contacts?current=true')).json().total).toBe(2);
    // Ended, the same leader may be linked to the community again.
    expect((await post(sq01, '/party/contacts', { leaderName: '张县长', targetKind: 'region', regionId: communityA, fromOn: '2026-01-01' })).statusCode).toBe(201);
    expect(code(await get(sq02, `/party/contacts/${c.id}`))).toBe('SCOPE_DENIED');
    expect((await get(sq01, `/party/contacts/${c.id}`)).json().visits).toHaveLength(3);
    expect(await audit('leaderContact.visit')).toBe(3);
    expect(await audit('leaderContact.end')).toBe(1);
  });
});
