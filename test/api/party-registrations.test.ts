// Dual registration (双报到): who may register where, one active registration per organization and
// member, deregistration kept in history, posts, pledges and service hours, and the coverage report
// on hand-made sets (3 of 4 members, 1 of 2 organizations; the Chengmai figures 134 and 2,457).
// Organizations, members and institutions are written straight to the tables: this file tests the
// registrations, not the forms that make those.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: string;
let street: string;
let sq01: string;
let sq02: string;
let wgy01: string;

interface Region {
  id: number;
  path: string;
  name: string;
}

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const region = async (id: number): Promise<Region> => (await rows<Region>(sql`SELECT id, path, name FROM regions WHERE id = ${id}`))[0];
const regionByCode = async (code: string): Promise<Region> => (await rows<Region>(sql`SELECT id, path, name FROM regions WHERE code = ${code}`))[0];
const firstChild = async (parentId: number): Promise<Region> => (await rows<Region>(sql`SELECT id, path, name FROM regions WHERE parent_id = ${parentId} AND archived_at IS NULL ORDER BY code LIMIT 1`))[0];

/** YYYY-MM-DD in Asia/Shanghai, `offset` days from today. */
const day = (offset = 0) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

const api = (method: InjectOptions['method'], url: string, payload?: object): InjectOptions => ({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const send = (cookie: string, method: InjectOptions['method'], url: string, payload?: object) => t.as(cookie, api(method, url, payload));
async function ok<T = any>(cookie: string, method: InjectOptions['method'], url: string, payload?: object, status = method === 'POST' && !url.includes('deregister') ? 201 : 200): Promise<T> {
  const res = await send(cookie, method, url, payload);
  if (res.statusCode !== status) throw new Error(`${method} ${url}: expected ${status}, got ${res.statusCode} ${res.body}`);
  return res.json() as T;
}
async function refused(cookie: string, method: InjectOptions['method'], url: string, payload: object | undefined, status: number, code: string) {
  const res = await send(cookie, method, url, payload);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().code, res.body).toBe(code);
  return res.json() as { code: string; message: string };
}

let seq = 0;
async function institution(name: string, regionId: number): Promise<number> {
  const r = await region(regionId);
  return (await rows<{ id: number }>(sql`INSERT INTO organizations (region_id, region_path, kind, subkind, name) VALUES (${r.id}, ${r.path}, 'residentInstitution', 'agency', ${name}) RETURNING id`))[0].id;
}
async function partyOrg(name: string, regionId: number, institutionId: number | null): Promise<number> {
  const r = await region(regionId);
  return (
    await rows<{ id: number }>(sql`INSERT INTO party_orgs (region_id, region_path, kind, name, attach_kind, institution_id)
      VALUES (${r.id}, ${r.path}, 'branch', ${name}, ${institutionId ? 'institution' : 'region'}, ${institutionId}) RETURNING id`)
  )[0].id;
}
let anyOrg = 0;
async function member(name: string, kind: string, regionId: number, institutionId: number | null, archived = false): Promise<number> {
  const r = await region(regionId);
  anyOrg ||= await partyOrg('党员所在支部', regionId, null);
  seq++;
  return (
    await rows<{ id: number }>(sql`INSERT INTO party_members (region_id, region_path, name, gender, kind, org_id, institution_id, mobile_masked, archived_at, left_reason)
      VALUES (${r.id}, ${r.path}, ${name}, 'male', ${kind}, ${anyOrg}, ${institutionId}, ${`139****${String(seq).padStart(4, '0')}`}, ${archived ? new Date() : null}, ${archived ? 'transferredOut' : null}) RETURNING id`)
  )[0].id;
}

let communityA: Region; // sq01's community
let communityB: Region; // sq02's community
let gridA: Region;
let gridB: Region;
let streetRegion: Region;

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = await t.login('admin');
  street = await t.login('jd01');
  sq01 = await t.login('sq01');
  sq02 = await t.login('sq02');
  wgy01 = await t.login('wgy01');
  const acc = (u: string) => t.demo!.city.accounts.find((a) => a.username === u)!.scopeCode!;
  communityA = await regionByCode(acc('sq01'));
  communityB = await regionByCode(acc('sq02'));
  streetRegion = await regionByCode(acc('jd01'));
  gridA = await firstChild(communityA.id);
  gridB = await firstChild(communityB.id);
});
afterAll(() => t.close());

describe('registering', () => {
  it('registers an institution organization at a community, and lists and shows it', async () => {
    const inst = await institution('测试税务分局', gridA.id);
    const org = await partyOrg('测试税务分局机关党支部', gridA.id, inst);
    const reg = await ok(sq01, 'POST', '/party/registrations', { kind: 'organization', partyOrgId: org, communityId: communityA.id, registeredOn: day(-3) });
    expect(reg).toMatchObject({
      kind: 'organization',
      kindLabel: '单位党组织报到',
      org: { id: org, name: '测试税务分局机关党支部' },
      member: null,
      institution: { id: inst, name: '测试税务分局' },
      community: { id: communityA.id, name: communityA.name },
      registeredOn: day(-3),
      deregisteredOn: null,
      active: true,
      posts: [],
      pledges: [],
      services: [],
      postCount: 0,
      pledgeCounts: { total: 0, kept: 0, pending: 0, missed: 0 },
      serviceHours: 0,
    });
    const stored = (await rows<{ region_path: string }>(sql`SELECT region_path FROM dual_registrations WHERE id = ${reg.id}`))[0];
    expect(stored.region_path).toBe(communityA.path);
    const list = await ok(sq01, 'GET', `/party/registrations?communityId=${communityA.id}&q=${encodeURIComponent('测试税务')}`);
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([reg.id]);
    expect(list.total).toBe(1);
    expect((await ok(sq01, 'GET', `/party/registrations?institutionId=${inst}`)).total).toBe(1);
    expect((await ok(sq01, 'GET', `/party/registrations?kind=member&q=${encodeURIComponent('测试税务')}`)).total).toBe(0);
    const audit = await rows<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity_type = 'dualRegistration' AND entity_id = ${String(reg.id)}`);
    expect(audit.map((a) => a.action)).toEqual(['dualRegistration.create']);
  });

  it('refuses an organization that is not a resident institution’s, and a place that is not a community', async () => {
    const org = await partyOrg('社区第一网格党支部', gridA.id, null);
    const r = await refused(sq01, 'POST', '/party/registrations', { kind: 'organization', partyOrgId: org, communityId: communityA.id }, 409, 'PARTY_REGISTRATION_REFUSED');
    expect(r.message).toContain('不是驻区单位的党组织');
    const inst = await institution('县卫健局', gridA.id);
    const good = await partyOrg('县卫健局党支部', gridA.id, inst);
    await refused(sq01, 'POST', '/party/registrations', { kind: 'organization', partyOrgId: good, communityId: gridA.id }, 400, 'PARTY_FIELD_INVALID');
    await refused(sq01, 'POST', '/party/registrations', { kind: 'organization', memberId: 1, communityId: communityA.id }, 400, 'PARTY_FIELD_INVALID');
    await refused(sq01, 'POST', '/party/registrations', { kind: 'organization', partyOrgId: good, communityId: communityA.id, registeredOn: day(1) }, 400, 'PARTY_FIELD_INVALID');
    await refused(sq01, 'POST', '/party/registrations', { kind: 'organization', partyOrgId: good, communityId: communityA.id, registeredOn: '2026-02-30' }, 400, 'PARTY_FIELD_INVALID');
    await refused(sq01, 'POST', '/party/registrations', { kind: 'organization', partyOrgId: 999999, communityId: communityA.id }, 404, 'PARTY_NOT_FOUND');
    // Today is the latest day one may register on.
    expect((await ok(sq01, 'POST', '/party/registrations', { kind: 'organization', partyOrgId: good, communityId: communityA.id, registeredOn: day(0) })).registeredOn).toBe(day(0));
  });

  it('registers an in-service member where they live; refuses a retired member and one living elsewhere', async () => {
    const inst = await institution('县教育局', gridA.id);
    const living = await member('王在职', 'inService', gridA.id, inst);
    const reg = await ok(sq01, 'POST', '/party/registrations', { kind: 'member', memberId: living, communityId: communityA.id });
    expect(reg).toMatchObject({ kind: 'member', member: { id: living, name: '王在职', mobileMasked: expect.stringMatching(/^139\*\*\*\*\d{4}$/) }, institution: { id: inst }, registeredOn: day(0) });

    const retired = await member('李退休', 'retired', gridA.id, null);
    const r1 = await refused(sq01, 'POST', '/party/registrations', { kind: 'member', memberId: retired, communityId: communityA.id }, 409, 'PARTY_REGISTRATION_REFUSED');
    expect(r1.message).toContain('退休党员');
    for (const kind of ['mobile', 'seasonal']) {
      const m = await member(`${kind}党员`, kind, gridA.id, null);
      await refused(sq01, 'POST', '/party/registrations', { kind: 'member', memberId: m, communityId: communityA.id }, 409, 'PARTY_REGISTRATION_REFUSED');
    }
    const left = await member('赵转出', 'inService', gridA.id, inst, true);
    await refused(sq01, 'POST', '/party/registrations', { kind: 'member', memberId: left, communityId: communityA.id }, 409, 'PARTY_ARCHIVED');

    // The street sees both communities, but a member registers only where they live.
    const elsewhere = await member('钱邻社区', 'inService', gridB.id, inst);
    const r2 = await refused(street, 'POST', '/party/registrations', { kind: 'member', memberId: elsewhere, communityId: communityA.id }, 409, 'PARTY_REGISTRATION_REFUSED');
    expect(r2.message).toContain(gridB.name);
    expect(r2.message).toContain(communityA.name);
    expect((await ok(street, 'POST', '/party/registrations', { kind: 'member', memberId: elsewhere, communityId: communityB.id })).community.id).toBe(communityB.id);
    // Nothing was written by the refusals.
    const n = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM dual_registrations WHERE member_id IN (${retired}, ${left})`);
    expect(n[0].n).toBe(0);
  });

  it('refuses a second active registration, says where the first is, and allows one after deregistration', async () => {
    const inst = await institution('县人社局', gridA.id);
    const m = await member('孙双报', 'inService', gridA.id, inst);
    const first = await ok(sq01, 'POST', '/party/registrations', { kind: 'member', memberId: m, communityId: communityA.id, registeredOn: day(-20) });
    const dup = await refused(sq01, 'POST', '/party/registrations', { kind: 'member', memberId: m, communityId: communityA.id }, 409, 'PARTY_DUPLICATE');
    expect(dup.message).toContain(communityA.name);
    expect(dup.message).toContain(day(-20));
    const org = await partyOrg('县人社局党支部', gridA.id, inst);
    await ok(sq01, 'POST', '/party/registrations', { kind: 'organization', partyOrgId: org, communityId: communityA.id });
    // Also at another community (the street may reach both).
    const dupOrg = await refused(street, 'POST', '/party/registrations', { kind: 'organization', partyOrgId: org, communityId: communityB.id }, 409, 'PARTY_DUPLICATE');
    expect(dupOrg.message).toContain(communityA.name);

    // Deregistration: reason and a day between the registration and today.
    await refused(sq01, 'POST', `/party/registrations/${first.id}/deregister`, { on: day(-21), reason: '调动' }, 400, 'PARTY_FIELD_INVALID');
    await refused(sq01, 'POST', `/party/registrations/${first.id}/deregister`, { on: day(1), reason: '调动' }, 400, 'PARTY_FIELD_INVALID');
    await refused(sq01, 'POST', `/party/registrations/${first.id}/deregister`, { on: day(-5), reason: '   ' }, 400, 'PARTY_FIELD_INVALID');
    await refused(sq01, 'POST', `/party/registrations/${first.id}/deregister`, { on: day(-5), reason: '调动', version: first.version + 1 }, 409, 'PARTY_VERSION_CONFLICT');
    const ended = await ok(sq01, 'POST', `/party/registrations/${first.id}/deregister`, { on: day(-5), reason: '工作调动', version: first.version });
    expect(ended).toMatchObject({ active: false, deregisteredOn: day(-5), deregisterReason: '工作调动' });
    await refused(sq01, 'POST', `/party/registrations/${first.id}/deregister`, { on: day(-1), reason: '再注销' }, 409, 'PARTY_REGISTRATION_ENDED');

    // A new registration may not start before the last one ended; on that very day it may.
    const early = await refused(sq01, 'POST', '/party/registrations', { kind: 'member', memberId: m, communityId: communityA.id, registeredOn: day(-6) }, 409, 'PARTY_REGISTRATION_REFUSED');
    expect(early.message).toContain(day(-5));
    const again = await ok(sq01, 'POST', '/party/registrations', { kind: 'member', memberId: m, communityId: communityA.id, registeredOn: day(-5) });
    expect(again.history.map((h: { id: number }) => h.id)).toEqual([again.id, first.id]);
    expect(again.history[1]).toMatchObject({ deregisteredOn: day(-5), deregisterReason: '工作调动' });
    const all = await ok(sq01, 'GET', `/party/registrations?memberId=${m}`);
    expect(all.items.map((i: { id: number; active: boolean }) => [i.id, i.active])).toEqual([[again.id, true], [first.id, false]]);
    expect((await ok(sq01, 'GET', `/party/registrations?memberId=${m}&active=false`)).items.map((i: { id: number }) => i.id)).toEqual([first.id]);
  });

  it('ends a member’s registration from the organizations area (archive), within its transaction', async () => {
    const { endDualRegistration } = await import('../../src/modules/party/index.ts');
    const { systemContext } = await import('../../src/shared/context.ts');
    const m = await member('陈转出', 'inService', gridA.id, null);
    const reg = await ok(sq01, 'POST', '/party/registrations', { kind: 'member', memberId: m, communityId: communityA.id, registeredOn: day(-2) });
    const db = t.database.db;
    // A day before the registration began is taken as its first day.
    expect(await db.transaction((tx) => endDualRegistration(tx, systemContext(), { memberId: m }, day(-9), '组织关系转出'))).toBe(reg.id);
    expect(await ok(sq01, 'GET', `/party/registrations/${reg.id}`)).toMatchObject({ active: false, deregisteredOn: day(-2), deregisterReason: '组织关系转出' });
    expect(await db.transaction((tx) => endDualRegistration(tx, systemContext(), { memberId: m }, day(0), '再次'))).toBeNull();
  });

  it('lets only one of two simultaneous registrations of one member through', async () => {
    const m = await member('周并发', 'inService', gridA.id, null);
    const body = { kind: 'member', memberId: m, communityId: communityA.id };
    const [a, b] = await Promise.all([send(sq01, 'POST', '/party/registrations', body), send(sq01, 'POST', '/party/registrations', body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect((a.statusCode === 409 ? a : b).json().code).toBe('PARTY_DUPLICATE');
  });

  it('needs party.write, and keeps sibling communities apart', async () => {
    const inst = await institution('县水务局', gridA.id);
    const m = await member('吴网格', 'inService', gridA.id, inst);
    await refused(wgy01, 'POST', '/party/registrations', { kind: 'member', memberId: m, communityId: communityA.id }, 403, 'PERMISSION_DENIED');
    // The sibling can neither register my member, nor register at my community.
    await refused(sq02, 'POST', '/party/registrations', { kind: 'member', memberId: m, communityId: communityB.id }, 403, 'SCOPE_DENIED');
    await refused(sq02, 'POST', '/party/registrations', { kind: 'member', memberId: m, communityId: communityA.id }, 403, 'SCOPE_DENIED');
    const reg = await ok(sq01, 'POST', '/party/registrations', { kind: 'member', memberId: m, communityId: communityA.id, registeredOn: day(-10) });
    const pledge = await ok(sq01, 'POST', `/party/registrations/${reg.id}/pledges`, { title: '帮扶独居老人', dueOn: day(5) });
    await refused(sq02, 'GET', `/party/registrations/${reg.id}`, undefined, 403, 'SCOPE_DENIED');
    await refused(sq02, 'POST', `/party/registrations/${reg.id}/deregister`, { on: day(0), reason: '越界' }, 403, 'SCOPE_DENIED');
    await refused(sq02, 'POST', `/party/registrations/${reg.id}/posts`, { title: '越界岗' }, 403, 'SCOPE_DENIED');
    await refused(sq02, 'POST', `/party/registrations/${reg.id}/pledges`, { title: '越界', dueOn: day(3) }, 403, 'SCOPE_DENIED');
    await refused(sq02, 'POST', `/party/registrations/${reg.id}/services`, { servedOn: day(0), hours: 1, activity: '越界' }, 403, 'SCOPE_DENIED');
    await refused(sq02, 'PATCH', `/party/pledges/${pledge.id}`, { version: pledge.version, status: 'kept', evidence: 'x' }, 403, 'SCOPE_DENIED');
    await refused(sq02, 'GET', `/party/registrations?communityId=${communityA.id}`, undefined, 403, 'SCOPE_DENIED');
    await refused(sq02, 'GET', `/party/registrations/coverage?regionId=${communityA.id}`, undefined, 403, 'SCOPE_DENIED');
    const theirs = await ok(sq02, 'GET', '/party/registrations?limit=500');
    expect(theirs.items.map((i: { id: number }) => i.id)).not.toContain(reg.id);
    expect((await ok(street, 'GET', `/party/registrations/${reg.id}`)).pledges).toHaveLength(1);
    await refused(sq01, 'GET', '/party/registrations/999999', undefined, 404, 'PARTY_NOT_FOUND');
  });
});

describe('posts, pledges and service hours', () => {
  let reg: { id: number; version: number };
  beforeAll(async () => {
    const m = await member('郑服务', 'inService', gridA.id, null);
    reg = await ok(sq01, 'POST', '/party/registrations', { kind: 'member', memberId: m, communityId: communityA.id, registeredOn: day(-40) });
  });

  it('takes on pioneer posts', async () => {
    const post = await ok(sq01, 'POST', `/party/registrations/${reg.id}/posts`, { title: '垃圾分类督导岗', duty: '每周六早上督导' });
    expect(post).toMatchObject({ registrationId: reg.id, title: '垃圾分类督导岗', duty: '每周六早上督导' });
    await refused(sq01, 'POST', `/party/registrations/${reg.id}/posts`, { title: '   ' }, 400, 'PARTY_FIELD_INVALID');
    const detail = await ok(sq01, 'GET', `/party/registrations/${reg.id}`);
    expect(detail.postCount).toBe(1);
    expect(detail.posts.map((p: { title: string }) => p.title)).toEqual(['垃圾分类督导岗']);
  });

  it('moves pledges pending → kept (with evidence) or missed (after the due day), and back to pending to correct', async () => {
    const add = (title: string, dueOn: string) => ok(sq01, 'POST', `/party/registrations/${reg.id}/pledges`, { title, dueOn });
    await refused(sq01, 'POST', `/party/registrations/${reg.id}/pledges`, { title: '早于报到', dueOn: day(-41) }, 400, 'PARTY_FIELD_INVALID');
    const p = await add('认领楼道清洁', day(10));
    expect(p).toMatchObject({ status: 'pending', statusLabel: '待兑现', overdue: false, version: 1 });
    const patch = (id: number, body: object) => send(sq01, 'PATCH', `/party/pledges/${id}`, body);

    // Kept needs evidence, and a day between the registration and today.
    expect((await patch(p.id, { version: 1, status: 'kept' })).json().code).toBe('PARTY_PLEDGE_TRANSITION');
    expect((await patch(p.id, { version: 1, status: 'kept', evidence: '照片 3 张', fulfilledOn: day(1) })).json().code).toBe('PARTY_PLEDGE_TRANSITION');
    expect((await patch(p.id, { version: 1, status: 'kept', evidence: '照片 3 张', fulfilledOn: day(-41) })).json().code).toBe('PARTY_PLEDGE_TRANSITION');
    // Not missed before its due day has passed.
    expect((await patch(p.id, { version: 1, status: 'missed' })).json().code).toBe('PARTY_PLEDGE_TRANSITION');
    const kept = (await patch(p.id, { version: 1, status: 'kept', evidence: '照片 3 张' })).json();
    expect(kept).toMatchObject({ status: 'kept', fulfilledOn: day(0), evidence: '照片 3 张', late: false, version: 2 });
    expect((await patch(p.id, { version: 1, status: 'pending' })).json().code).toBe('PARTY_VERSION_CONFLICT');
    const missedFromKept = await patch(p.id, { version: 2, status: 'missed' });
    expect(missedFromKept.statusCode).toBe(409);
    expect(missedFromKept.json().message).toContain('已兑现');
    const back = (await patch(p.id, { version: 2, status: 'pending' })).json();
    expect(back).toMatchObject({ status: 'pending', fulfilledOn: null, version: 3 });

    // Missed: on the due day it can still be kept; the day after, it may be marked missed.
    const dueToday = await add('今日到期', day(0));
    expect((await patch(dueToday.id, { version: 1, status: 'missed' })).json().code).toBe('PARTY_PLEDGE_TRANSITION');
    const dueYesterday = await add('昨日到期', day(-1));
    expect(dueYesterday.overdue).toBe(true);
    const missed = (await patch(dueYesterday.id, { version: 1, status: 'missed' })).json();
    expect(missed).toMatchObject({ status: 'missed', statusLabel: '未兑现', overdue: false });
    expect((await patch(dueYesterday.id, { version: 2, status: 'kept', evidence: '补办' })).json().code).toBe('PARTY_PLEDGE_TRANSITION');
    // Kept late is still kept, and says so.
    const late = (await patch(dueToday.id, { version: 1, status: 'kept', evidence: '已完成', fulfilledOn: day(0) })).json();
    expect(late.late).toBe(false);
    const old = await add('上月到期', day(-30));
    expect((await patch(old.id, { version: 1, status: 'kept', evidence: '迟办', fulfilledOn: day(-2) })).json()).toMatchObject({ status: 'kept', late: true });

    const detail = await ok(sq01, 'GET', `/party/registrations/${reg.id}`);
    expect(detail.pledgeCounts).toEqual({ total: 4, kept: 2, pending: 1, missed: 1 });
    const audit = await rows<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity_type = 'pledge' AND entity_id = ${String(p.id)} ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(['pledge.create', 'pledge.update', 'pledge.update']);
  });

  it('records service hours: more than 0, at most 24, in tenths', async () => {
    const service = (hours: number, servedOn = day(-1)) => send(sq01, 'POST', `/party/registrations/${reg.id}/services`, { servedOn, hours, activity: '义务理发' });
    for (const bad of [0, -1, 24.1, 0.05, 1.25]) {
      const res = await service(bad);
      expect(res.statusCode, `${bad}`).toBe(400);
      expect(res.json().code).toBe('PARTY_FIELD_INVALID');
    }
    for (const good of [0.1, 24, 2.5]) expect((await service(good)).statusCode, `${good}`).toBe(201);
    expect((await service(1, day(1))).json().code).toBe('PARTY_FIELD_INVALID');
    expect((await service(1, day(-41))).json().code).toBe('PARTY_FIELD_INVALID');
    const detail = await ok(sq01, 'GET', `/party/registrations/${reg.id}`);
    expect(detail.serviceHours).toBe(26.6);
    expect(detail.services.map((s: { hours: number }) => s.hours).sort()).toEqual([0.1, 2.5, 24]);
    const listed = (await ok(sq01, 'GET', `/party/registrations?communityId=${communityA.id}&limit=500`)).items.find((i: { id: number }) => i.id === reg.id);
    expect(listed.serviceHours).toBe(26.6);
  });

  it('after deregistration: no new posts or pledges; service inside the registered days may still be recorded', async () => {
    const m = await member('冯注销', 'inService', gridA.id, null);
    const r = await ok(sq01, 'POST', '/party/registrations', { kind: 'member', memberId: m, communityId: communityA.id, registeredOn: day(-10) });
    const p = await ok(sq01, 'POST', `/party/registrations/${r.id}/pledges`, { title: '结对帮扶', dueOn: day(-3) });
    await ok(sq01, 'POST', `/party/registrations/${r.id}/deregister`, { on: day(-2), reason: '搬离本社区' });
    await refused(sq01, 'POST', `/party/registrations/${r.id}/posts`, { title: '新岗' }, 409, 'PARTY_REGISTRATION_ENDED');
    await refused(sq01, 'POST', `/party/registrations/${r.id}/pledges`, { title: '新承诺', dueOn: day(5) }, 409, 'PARTY_REGISTRATION_ENDED');
    expect((await send(sq01, 'POST', `/party/registrations/${r.id}/services`, { servedOn: day(-2), hours: 2, activity: '最后一次服务' })).statusCode).toBe(201);
    await refused(sq01, 'POST', `/party/registrations/${r.id}/services`, { servedOn: day(-1), hours: 2, activity: '注销之后' }, 400, 'PARTY_FIELD_INVALID');
    // A pledge made while registered is still settled afterwards.
    expect((await send(sq01, 'PATCH', `/party/pledges/${p.id}`, { version: 1, status: 'kept', evidence: '已结对', fulfilledOn: day(-3) })).statusCode).toBe(200);
  });
});

describe('coverage', () => {
  // Two new communities under the demo street, so the demo's own party data cannot touch the figures.
  let c1: Region;
  let c2: Region;
  let g1: Region;
  let g2: Region;
  let x: number; // institution in c1
  let y: number; // institution in c2
  let oX1: number;
  let oY: number;
  let m: number[];
  let regM1: number;
  let regM3: { id: number; version: number };

  const coverage = (query: string, cookie = street) => ok(cookie, 'GET', `/party/registrations/coverage?${query}`);
  const rowOf = (report: { rows: { subject: { id: number } }[] }, id: number) => report.rows.find((r) => r.subject.id === id) as Record<string, unknown> | undefined;

  beforeAll(async () => {
    const make = (parentId: number, name: string) => ok<Region>(admin, 'POST', '/regions', { parentId, name });
    c1 = await region((await make(streetRegion.id, '覆盖测试一社区')).id);
    c2 = await region((await make(streetRegion.id, '覆盖测试二社区')).id);
    g1 = await region((await make(c1.id, '覆盖一网格')).id);
    g2 = await region((await make(c2.id, '覆盖二网格')).id);
    x = await institution('甲单位', g1.id);
    y = await institution('乙单位', g2.id);
    oX1 = await partyOrg('甲单位第一党支部', g1.id, x);
    await partyOrg('甲单位第二党支部', g1.id, x);
    oY = await partyOrg('乙单位党支部', g2.id, y);
    await partyOrg('覆盖一网格党支部', g1.id, null); // not an institution's: not expected
    m = [];
    for (let i = 1; i <= 4; i++) m.push(await member(`甲单位党员${i}`, 'inService', g1.id, x));
    await member('甲单位退休党员', 'retired', g1.id, x); // not expected
    await member('甲单位转出党员', 'inService', g1.id, x, true); // not expected
    m.push(await member('乙单位党员', 'inService', g2.id, y)); // m[4]
    m.push(await member('未填单位党员', 'inService', g2.id, null)); // m[5]

    await ok(street, 'POST', '/party/registrations', { kind: 'organization', partyOrgId: oX1, communityId: c1.id, registeredOn: day(-30) });
    regM1 = (await ok(street, 'POST', '/party/registrations', { kind: 'member', memberId: m[0], communityId: c1.id, registeredOn: day(-30) })).id;
    await ok(street, 'POST', '/party/registrations', { kind: 'member', memberId: m[1], communityId: c1.id, registeredOn: day(-30) });
    regM3 = await ok(street, 'POST', '/party/registrations', { kind: 'member', memberId: m[2], communityId: c1.id, registeredOn: day(-30) });
    await ok(street, 'POST', '/party/registrations', { kind: 'member', memberId: m[4], communityId: c2.id, registeredOn: day(-30) });
    // Service and pledges of member 1, at c1.
    await ok(street, 'POST', `/party/registrations/${regM1}/services`, { servedOn: day(-10), hours: 5.5, activity: '清理楼道' });
    await ok(street, 'POST', `/party/registrations/${regM1}/services`, { servedOn: day(-20), hours: 2, activity: '政策宣讲' });
    const kept = await ok(street, 'POST', `/party/registrations/${regM1}/pledges`, { title: '认领绿地', dueOn: day(-5) });
    await ok(street, 'PATCH', `/party/pledges/${kept.id}`, { version: 1, status: 'kept', evidence: '验收单', fulfilledOn: day(-6) });
    await ok(street, 'POST', `/party/registrations/${regM1}/pledges`, { title: '结对一户', dueOn: day(10) });
    const missed = await ok(street, 'POST', `/party/registrations/${regM1}/pledges`, { title: '月度走访', dueOn: day(-25) });
    await ok(street, 'PATCH', `/party/pledges/${missed.id}`, { version: 1, status: 'missed' });
  });

  it('per community: 1 of 2 organizations and 3 of 4 members, with hours and pledges', async () => {
    const report = await coverage(`regionId=${streetRegion.id}&by=community`);
    expect(report.by).toBe('community');
    expect(report.region).toMatchObject({ id: streetRegion.id });
    expect(rowOf(report, c1.id)).toEqual({
      subject: { id: c1.id, name: '覆盖测试一社区', type: 'community' },
      orgsExpected: 2,
      orgsRegistered: 1,
      membersExpected: 4,
      membersRegistered: 3,
      coverage: 0.6667,
      orgCoverage: 0.5,
      memberCoverage: 0.75,
      serviceHours: 7.5,
      pledges: 3,
      pledgesKept: 1,
      pledgesMissed: 1,
      pledgesPending: 1,
    });
    // c2: its institution's organization (unregistered), the registered member, and one without an institution.
    expect(rowOf(report, c2.id)).toMatchObject({ orgsExpected: 1, orgsRegistered: 0, membersExpected: 2, membersRegistered: 1, coverage: 0.3333, serviceHours: 0 });
    // A community report's totals are its row.
    const one = await coverage(`regionId=${c1.id}`);
    expect(one.rows).toHaveLength(1);
    expect(one.totals).toEqual({ ...rowOf(report, c1.id), subject: undefined });
  });

  it('per institution, with members lacking one counted in the totals only', async () => {
    const inC1 = await coverage(`regionId=${c1.id}&by=institution`);
    expect(inC1.rows.map((r: { subject: { name: string } }) => r.subject.name)).toEqual(['甲单位']);
    expect(rowOf(inC1, x)).toMatchObject({ subject: { type: 'institution', name: '甲单位' }, orgsExpected: 2, orgsRegistered: 1, membersExpected: 4, membersRegistered: 3, serviceHours: 7.5 });
    const inC2 = await coverage(`regionId=${c2.id}&by=institution`);
    expect(rowOf(inC2, y)).toMatchObject({ orgsExpected: 1, orgsRegistered: 0, membersExpected: 1, membersRegistered: 1 });
    expect(inC2.withoutInstitution).toEqual({ membersExpected: 1, membersRegistered: 0 });
    expect(inC2.totals).toMatchObject({ orgsExpected: 1, membersExpected: 2, membersRegistered: 1 });
  });

  it('an organization registered at another community counts there, not where its institution sits', async () => {
    const reg = await ok(street, 'POST', '/party/registrations', { kind: 'organization', partyOrgId: oY, communityId: c1.id, registeredOn: day(-1) });
    const report = await coverage(`regionId=${streetRegion.id}&by=community`);
    expect(rowOf(report, c1.id)).toMatchObject({ orgsExpected: 3, orgsRegistered: 2, coverage: 0.7143 });
    expect(rowOf(report, c2.id)).toMatchObject({ orgsExpected: 0, orgsRegistered: 0, orgCoverage: null });
    const byInstitution = await coverage(`regionId=${c1.id}&by=institution`);
    expect(rowOf(byInstitution, y)).toMatchObject({ subject: { name: '乙单位' }, orgsExpected: 1, orgsRegistered: 1, membersExpected: 0, memberCoverage: null });
    // On a day before that registration, the organization was still expected at home, unregistered.
    const before = await coverage(`regionId=${streetRegion.id}&by=community&to=${day(-2)}`);
    expect(rowOf(before, c2.id)).toMatchObject({ orgsExpected: 1, orgsRegistered: 0 });
    await ok(street, 'POST', `/party/registrations/${reg.id}/deregister`, { on: day(0), reason: '改到驻地社区报到' });
  });

  it('counts a registration as registered until the day it ends, and hours and pledges inside the period', async () => {
    await ok(street, 'POST', `/party/registrations/${regM3.id}/deregister`, { on: day(-3), reason: '退休', version: regM3.version });
    const dayBefore = await coverage(`regionId=${c1.id}&to=${day(-4)}`);
    expect(dayBefore.asOf).toBe(day(-4));
    expect(dayBefore.totals).toMatchObject({ membersExpected: 4, membersRegistered: 3 });
    const thatDay = await coverage(`regionId=${c1.id}&to=${day(-3)}`);
    expect(thatDay.totals).toMatchObject({ membersExpected: 4, membersRegistered: 2 });
    const now = await coverage(`regionId=${c1.id}`);
    expect(now.totals).toMatchObject({ membersRegistered: 2, memberCoverage: 0.5 });
    // Period: the 5.5 hours of day -10 and the pledge due on day -5 (kept) fall inside; the rest outside.
    const period = await coverage(`regionId=${c1.id}&from=${day(-15)}&to=${day(0)}`);
    expect(period.period).toEqual({ from: day(-15), to: day(0) });
    expect(period.totals).toMatchObject({ serviceHours: 5.5, pledges: 1, pledgesKept: 1, pledgesMissed: 0, pledgesPending: 0 });
    // Edges of the period are included.
    expect((await coverage(`regionId=${c1.id}&from=${day(-10)}&to=${day(-10)}`)).totals.serviceHours).toBe(5.5);
    expect((await coverage(`regionId=${c1.id}&from=${day(-9)}&to=${day(-1)}`)).totals.serviceHours).toBe(0);
    await refused(street, 'GET', `/party/registrations/coverage?from=${day(0)}&to=${day(-1)}`, undefined, 400, 'PARTY_COVERAGE_PERIOD');
    await refused(street, 'GET', '/party/registrations/coverage?from=2026-02-30', undefined, 400, 'PARTY_COVERAGE_PERIOD');
  });

  it('exports the report to Excel with Chinese headers and a total row', async () => {
    const res = await send(street, 'GET', `/party/registrations/coverage/export?regionId=${streetRegion.id}&by=community`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('双报到覆盖情况');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['社区（村）', '应报到单位党组织（个）', '已报到单位党组织（个）', '党组织报到率', '应报到在职党员（名）', '已报到在职党员（名）', '党员报到率', '总体覆盖率', '服务时长（小时）', '承诺事项（件）', '已兑现（件）', '未兑现（件）', '待兑现（件）']);
    const byName = new Map<string, unknown[]>();
    ws.eachRow((r, n) => void (n > 1 && byName.set(String(r.getCell(1).value), (r.values as unknown[]).slice(1))));
    expect(byName.get('覆盖测试一社区')!.slice(1, 7)).toEqual([2, 1, 0.5, 4, 2, 0.5]);
    expect(byName.has('合计')).toBe(true);
    expect(wb.getWorksheet('说明')).toBeTruthy();
  });

  it('shows the Chengmai figures: 134 organizations and 2,457 members, full coverage', async () => {
    const c3 = await region((await ok(admin, 'POST', '/regions', { parentId: streetRegion.id, name: '澄迈测试社区' })).id);
    const g3 = await region((await ok(admin, 'POST', '/regions', { parentId: c3.id, name: '澄迈测试网格' })).id);
    const org = await partyOrg('澄迈测试网格党支部', g3.id, null);
    // 134 institutions, one party organization each, 2,457 in-service members spread over them.
    await rows(sql`INSERT INTO organizations (region_id, region_path, kind, subkind, name)
      SELECT ${g3.id}, ${g3.path}, 'residentInstitution', 'agency', '澄迈单位' || n FROM generate_series(1, 134) n`);
    const inst = (await rows<{ id: number }>(sql`SELECT id FROM organizations WHERE name LIKE '澄迈单位%' ORDER BY id`)).map((r) => r.id);
    await rows(sql`INSERT INTO party_orgs (region_id, region_path, kind, name, attach_kind, institution_id)
      SELECT ${g3.id}, ${g3.path}, 'branch', '澄迈单位党支部' || i, 'institution', i FROM unnest(${sql.raw(`ARRAY[${inst.join(',')}]`)}::int[]) i`);
    await rows(sql`INSERT INTO party_members (region_id, region_path, name, gender, kind, org_id, institution_id)
      SELECT ${g3.id}, ${g3.path}, '澄迈党员' || n, 'female', 'inService', ${org}, (${sql.raw(`ARRAY[${inst.join(',')}]`)}::int[])[1 + n % 134] FROM generate_series(1, 2457) n`);
    const report = async () => (await coverage(`regionId=${c3.id}`)).totals;
    expect(await report()).toMatchObject({ orgsExpected: 134, orgsRegistered: 0, membersExpected: 2457, membersRegistered: 0, coverage: 0 });
    // Everyone registers (written in bulk, as an import would).
    await rows(sql`INSERT INTO dual_registrations (region_id, region_path, kind, party_org_id, institution_id, registered_on)
      SELECT ${c3.id}, ${c3.path}, 'organization', o.id, o.institution_id, ${day(-100)} FROM party_orgs o WHERE o.region_path = ${g3.path} AND o.attach_kind = 'institution'`);
    await rows(sql`INSERT INTO dual_registrations (region_id, region_path, kind, member_id, institution_id, registered_on)
      SELECT ${c3.id}, ${c3.path}, 'member', m.id, m.institution_id, ${day(-100)} FROM party_members m WHERE m.region_path = ${g3.path}`);
    expect(await report()).toMatchObject({ orgsExpected: 134, orgsRegistered: 134, membersExpected: 2457, membersRegistered: 2457, coverage: 1, orgCoverage: 1, memberCoverage: 1 });
    const byInstitution = await coverage(`regionId=${c3.id}&by=institution`);
    expect(byInstitution.rows).toHaveLength(134);
    expect(byInstitution.rows.every((r: { coverage: number }) => r.coverage === 1)).toBe(true);
    expect(byInstitution.rows.reduce((s: number, r: { membersRegistered: number }) => s + r.membersRegistered, 0)).toBe(2457);
    // One member fewer: 2,456 of 2,457.
    const one = (await rows<{ id: number }>(sql`SELECT id FROM dual_registrations WHERE region_path = ${c3.path} AND kind = 'member' ORDER BY id LIMIT 1`))[0].id;
    await ok(street, 'POST', `/party/registrations/${one}/deregister`, { on: day(0), reason: '调离' });
    expect(await report()).toMatchObject({ membersRegistered: 2456, memberCoverage: 0.9996, orgCoverage: 1 });
    // The street's totals include the community's.
    const streetTotals = (await coverage(`regionId=${streetRegion.id}`)).totals;
    expect(streetTotals.orgsExpected).toBeGreaterThanOrEqual(134);
    expect(streetTotals.membersRegistered).toBeGreaterThanOrEqual(2456);
  });

  it('a community’s staff see their own community only; the sibling’s registrations stay out of their figures', async () => {
    const mine = await coverage('', sq01);
    expect(mine.region.id).toBe(communityA.id);
    expect(mine.rows.map((r: { subject: { id: number } }) => r.subject.id)).toEqual([communityA.id]);
    const street2 = await coverage(`regionId=${streetRegion.id}`);
    const rowA = rowOf(street2, communityA.id)!;
    // Registrations at the community are seen alike from the community and from the street.
    for (const k of ['orgsRegistered', 'membersRegistered', 'serviceHours', 'pledges', 'pledgesKept']) expect(mine.totals[k], k).toBe(rowA[k]);
    expect(mine.totals.membersRegistered).toBeGreaterThan(0);
  });
});
