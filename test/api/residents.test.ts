// Residents (实有人口): checks, one person per ID number, masking and the audited full view,
// search by name / initials / last 4 / mobile / address, counters, moves with history, archive and
// restore, stays of seasonal residents, the care-group list, and the masked export.
import { sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentSheet } from '../../src/modules/registry/residents.sheet.ts';
import type { RequestContext } from '../../src/shared/context.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { gridsOf, idNumber, makeDwellings } from '../support/residents.ts';

let t: TestApp;
let sq01: string;
let sq02: string;
let wgy01: string;
let admin: string;
let community: { id: number; path: string };
let grid: number;
let micro: number;
let otherMicro: number;
let home: { estateId: number; buildingId: number; dwellings: number[] };
let away: { estateId: number; buildingId: number; dwellings: number[] };

const api = (url: string) => `/api/v1${url}`;
const req = (cookie: string, method: InjectOptions['method'], url: string, payload?: object) => t.as(cookie, { method, url: api(url), ...(payload ? { payload } : {}) });
const create = (payload: object, cookie = sq01) => req(cookie, 'POST', '/residents', payload);
const counters = async (regionId: number): Promise<Record<string, number>> => (await req(admin, 'GET', `/regions/${regionId}`)).json().counters;
const count = async (q: ReturnType<typeof sql>) => Number((((await t.database.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0]).n);

const person = (over: Record<string, unknown> = {}) => ({
  name: '张伟',
  ethnicity: '汉族',
  idNumber: idNumber('1950-03-12', 11),
  mobile: '13812345678',
  residenceType: 'registered',
  householdRole: 'head',
  dwellingId: home.dwellings[0],
  tags: ['elderlyAlone'],
  ...over,
});

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [admin, sq01, sq02, wgy01] = await Promise.all(['admin', 'sq01', 'sq02', 'wgy01'].map((u) => t.login(u)));
  community = (await req(sq01, 'GET', '/auth/me')).json().user.scopeRegion;
  community = { id: community.id, path: (await req(admin, 'GET', `/regions/${community.id}`)).json().path };
  ({ grid, micro, otherMicro } = await gridsOf(t, community.id));
  home = await makeDwellings(t, micro, { estate: '阳光小区', building: '3', address: '幸福路 88 号', rooms: ['501', '502'] });
  away = await makeDwellings(t, otherMicro, { estate: '明月花园', building: '7', address: '明月路 1 号', rooms: ['101', '102'] });
});
afterAll(() => t.close());

describe('registering a resident', () => {
  it('founds a household, shows only masked personal data and counts the person', async () => {
    const before = { micro: await counters(micro), community: await counters(community.id) };
    const res = await create(person());
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ name: '张伟', gender: 'male', birthDate: '1950-03-12', idNumberMasked: `440***********${idNumber('1950-03-12', 11).slice(14)}`, mobileMasked: '138****5678', residenceType: 'registered', householdRole: 'head' });
    expect(r.age).toBeGreaterThanOrEqual(74);
    expect(res.body).not.toContain(idNumber('1950-03-12', 11));
    expect(res.body).not.toContain('13812345678');
    expect(r.household.head).toEqual({ id: r.id, name: '张伟' });
    expect(r.household.members.map((m: { id: number; householdRole: string }) => [m.id, m.householdRole])).toEqual([[r.id, 'head']]);
    expect(r.household.number).toMatch(/^H\d{9}$/);
    expect(r.dwelling).toMatchObject({ id: home.dwellings[0], number: '501', building: { id: home.buildingId, number: '3' }, estate: { name: '阳光小区' } });
    expect(r.address).toBe('阳光小区 3栋 1单元 501室');
    expect(r.breadcrumb.map((b: { id: number }) => b.id)).toContain(community.id);
    expect(r.breadcrumb.at(-1).id).toBe(micro);
    expect(r.tags).toEqual([{ code: 'elderlyAlone', nameZh: '独居老人', nameEn: 'Elderly living alone' }]);
    expect(r.moves).toHaveLength(1);
    expect(r.moves[0]).toMatchObject({ kind: 'moveIn', to: { region: { id: micro }, dwellingId: home.dwellings[0] } });
    const after = { micro: await counters(micro), community: await counters(community.id) };
    for (const k of ['micro', 'community'] as const) {
      for (const m of ['residents', 'residents.registered', 'careGroupMembers', 'careGroup.elderlyAlone', 'households']) {
        expect(after[k][m] ?? 0, `${k} ${m}`).toBe((before[k][m] ?? 0) + 1);
      }
    }
  });

  it('derives gender and birth date from the ID number, and a member joins a household', async () => {
    const head = (await req(sq01, 'GET', `/residents?q=${idNumber('1950-03-12', 11)}`)).json().items[0];
    const res = await create({ ...person(), name: '李芳', idNumber: idNumber('1952-07-01', 22), mobile: null, householdRole: 'spouse', householdId: head.householdId, dwellingId: undefined, tags: [] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ gender: 'female', birthDate: '1952-07-01', dwellingId: home.dwellings[0], householdId: head.householdId, mobileMasked: null });
    const hh = (await req(sq01, 'GET', `/households/${head.householdId}`)).json();
    expect(hh.members.map((m: { name: string; householdRole: string }) => `${m.name}:${m.householdRole}`)).toEqual(['张伟:head', '李芳:spouse']);
    expect(hh.memberCount).toBe(2);
  });

  it.each([
    ['a wrong check digit', { idNumber: idNumber('1960-01-01', 31).slice(0, 17) + (idNumber('1960-01-01', 31).endsWith('1') ? '2' : '1') }, '证件号码', 'checksum'],
    ['an impossible birth date', { idNumber: '44030519900230' + '0010' }, '证件号码', 'invalid birth date'],
    ['a 15-digit ID number', { idNumber: '440305600101001' }, '证件号码', '15-digit'],
    ['a birth date the ID disagrees with', { idNumber: idNumber('1960-01-01', 31), birthDate: '1960-01-02' }, '出生日期', 'does not match'],
    ['a gender the ID disagrees with', { idNumber: idNumber('1960-01-01', 31), gender: 'female' }, '性别', 'does not match'],
    ['a bad mobile', { idNumber: idNumber('1960-01-01', 31), mobile: '12345678901' }, '手机号码', 'mobile'],
    ['an unknown care group', { idNumber: idNumber('1960-01-01', 31), tags: ['noSuchGroup'] }, '特殊人群', 'care group'],
    ['a passport number with spaces', { idType: 'passport', idNumber: 'E 123', gender: 'male', birthDate: '1960-01-01' }, '证件号码', '5–30'],
    ['a blank ethnicity', { idNumber: idNumber('1960-01-01', 31), ethnicity: ' ' }, '民族', 'empty'],
  ])('refuses %s, naming the field, and writes nothing', async (_label, over, fieldZh, enPart) => {
    const n = await count(sql`SELECT count(*)::int AS n FROM residents`);
    const res = await create(person(over));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('REGISTRY_FIELD_INVALID');
    expect(res.json().message).toContain(fieldZh);
    const en = await t.as(sq01, { method: 'POST', url: api('/residents'), payload: person(over), headers: { 'accept-language': 'en' } });
    expect(en.json().message).toContain(enPart);
    expect(await count(sql`SELECT count(*)::int AS n FROM residents`)).toBe(n);
  });

  it('refuses a future birth date in the ID number', async () => {
    const y = new Date().getUTCFullYear() + 1;
    const res = await create(person({ idNumber: idNumber(`${y}-01-01`, 31) }));
    expect(res.json()).toMatchObject({ code: 'REGISTRY_FIELD_INVALID' });
    expect(res.json().message).toContain('晚于今天');
  });

  it('keeps one row per ID number: a second registration is a 409 naming the first (masked)', async () => {
    const id = idNumber('1950-03-12', 11);
    const res = await create(person({ name: '张伟二', mobile: null, householdRole: 'other', dwellingId: home.dwellings[1], tags: [] }));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('REGISTRY_DUPLICATE');
    expect(res.json().message).toContain(`${id.slice(0, 3)}***********${id.slice(14)}`);
    expect(res.body).not.toContain(id);
    // Even from the sibling community, where the first row is out of sight: still refused.
    const sib = (await req(sq02, 'GET', '/auth/me')).json().user.scopeRegion;
    const sibGrid = await gridsOf(t, sib.id);
    const cross = await create(person({ householdRole: 'other', dwellingId: undefined, regionId: sibGrid.micro, tags: [] }), sq02);
    expect(cross.statusCode).toBe(409);
    expect(cross.json().details).toBeUndefined();
    // Two at once: the unique index decides, one wins.
    const fresh = person({ name: '王五', idNumber: idNumber('1970-05-05', 51), mobile: '13700000000', householdRole: 'other', dwellingId: home.dwellings[1], tags: [] });
    const both = await Promise.all([create(fresh), create(fresh)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await count(sql`SELECT count(*)::int AS n FROM residents WHERE name IN ('张伟', '张伟二')`)).toBe(1);
    expect(await count(sql`SELECT count(*)::int AS n FROM residents WHERE name = '王五'`)).toBe(1);
  });
});

describe('finding residents', () => {
  const ids = (b: { items: { name: string }[] }) => b.items.map((i) => i.name).sort();
  it('by name prefix, pinyin initials, last 4, full ID, mobile and address', async () => {
    const id = idNumber('1950-03-12', 11);
    expect(ids((await req(sq01, 'GET', `/residents?q=${encodeURIComponent('张')}`)).json())).toEqual(['张伟']);
    expect(ids((await req(sq01, 'GET', '/residents?q=zw')).json())).toEqual(['张伟']);
    expect(ids((await req(sq01, 'GET', '/residents?q=LF')).json())).toEqual(['李芳']);
    expect(ids((await req(sq01, 'GET', `/residents?q=${id.slice(-4)}`)).json())).toEqual(['张伟']);
    expect(ids((await req(sq01, 'GET', `/residents?q=${id}`)).json())).toEqual(['张伟']);
    expect(ids((await req(sq01, 'GET', '/residents?q=13812345678')).json())).toEqual(['张伟']);
    expect(ids((await req(sq01, 'GET', '/residents?q=13812345679')).json())).toEqual([]);
    expect(ids((await req(sq01, 'GET', `/residents?q=${encodeURIComponent('阳光小区')}`)).json())).toEqual(['张伟', '李芳', '王五'].sort());
    expect(ids((await req(sq01, 'GET', `/residents?q=${encodeURIComponent('幸福路')}`)).json())).toEqual(['张伟', '李芳', '王五'].sort());
    // LIKE wildcards are text, not patterns.
    expect((await req(sq01, 'GET', `/residents?q=${encodeURIComponent('%')}`)).json().items).toEqual([]);
  });

  it('lists masked items with filters and a capped total', async () => {
    const list = (await req(sq01, 'GET', `/residents?regionId=${micro}`)).json();
    expect(list.totalCapped).toBe(false);
    expect(list.total).toBe(list.items.length);
    expect(list.items.map((i: { name: string }) => i.name)).toEqual(expect.arrayContaining(['张伟', '李芳', '王五']));
    const zw = list.items.find((i: { name: string }) => i.name === '张伟');
    expect(zw).toMatchObject({ mobileMasked: '138****5678', region: { id: micro }, address: '阳光小区 3栋 1单元 501室', tags: ['elderlyAlone'] });
    for (const full of [idNumber('1950-03-12', 11), idNumber('1952-07-01', 22), '13812345678']) expect(JSON.stringify(list)).not.toContain(full);
    expect(ids((await req(sq01, 'GET', '/residents?tags=elderlyAlone,disabled')).json())).toEqual(['张伟']);
    expect(ids((await req(sq01, 'GET', '/residents?careGroupOnly=true')).json())).toEqual(['张伟']);
    expect(ids((await req(sq01, 'GET', `/residents?buildingId=${home.buildingId}`)).json())).toEqual(['张伟', '李芳', '王五'].sort());
    expect(ids((await req(sq01, 'GET', `/residents?dwellingId=${home.dwellings[1]}`)).json())).toEqual(['王五']);
    const page = (await req(sq01, 'GET', `/residents?buildingId=${home.buildingId}&limit=2&offset=2`)).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(3);
    // The sibling community sees none of them, by any key.
    for (const q of ['张', 'zw', idNumber('1950-03-12', 11).slice(-4), '13812345678', '阳光小区']) {
      expect((await req(sq02, 'GET', `/residents?q=${encodeURIComponent(q)}`)).json().items).toEqual([]);
    }
  });

  it('exports masked rows with the same filters', async () => {
    const me = (await req(sq01, 'GET', '/auth/me')).json().user;
    const ctx = { actor: { userId: me.id, name: 'sq01', roles: ['communityStaff'], permissions: new Set<string>(['registry.read']), scope: { regionId: community.id, path: community.path }, departmentId: null }, requestId: 't', clientIp: null, lang: 'zh-CN' } as RequestContext;
    const page = await residentSheet.exportPage(t.database.db, ctx, { buildingId: home.buildingId }, 0, 10);
    expect(page.rows.map((r) => r.name).sort()).toEqual(['张伟', '李芳', '王五'].sort());
    const zw = page.rows.find((r) => r.name === '张伟')!;
    expect(zw).toMatchObject({ gender: '男', mobile: '138****5678', residenceType: '户籍人口', estate: '阳光小区', building: '3', unit: '1', room: '501', householdRole: '户主', tags: '独居老人', seasonal: '否' });
    expect(zw.idNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    const lf = page.rows.find((r) => r.name === '李芳')!;
    expect(lf.householdHeadIdNumber).toBe(zw.idNumber);
    for (const full of [idNumber('1950-03-12', 11), idNumber('1952-07-01', 22), '13812345678']) expect(JSON.stringify(page.rows)).not.toContain(full);
    const next = await residentSheet.exportPage(t.database.db, ctx, { buildingId: home.buildingId }, page.lastId!, 10);
    expect(next.rows).toEqual([]);
  });
});

describe('the full view of personal data', () => {
  it('is given to pii.read holders and audited with whose data it was', async () => {
    const zw = (await req(sq01, 'GET', '/residents?q=zw')).json().items[0];
    const res = await req(sq01, 'GET', `/residents/${zw.id}/pii`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: zw.id, idNumber: idNumber('1950-03-12', 11), mobile: '13812345678' });
    const log = (await req(sq01, 'GET', `/audit?entityType=resident&entityId=${zw.id}`)).json().items;
    const view = log.find((e: { action: string }) => e.action === 'pii.view');
    expect(view.after.subject).toContain('张伟');
    expect(view.after.fields).toEqual(['idNumber', 'mobile']);
    expect(JSON.stringify(log)).not.toContain(idNumber('1950-03-12', 11));
    expect(JSON.stringify(log)).not.toContain('13812345678');
  });

  it('is refused to a grid worker without pii.read, and nothing is logged', async () => {
    const zw = (await req(sq01, 'GET', '/residents?q=zw')).json().items[0];
    const n = await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'pii.view'`);
    const res = await req(wgy01, 'GET', `/residents/${zw.id}/pii`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('PERMISSION_DENIED');
    expect(await count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'pii.view'`)).toBe(n);
    // The grid worker still reads the masked record of their grid.
    expect((await req(wgy01, 'GET', `/residents/${zw.id}`)).statusCode).toBe(200);
  });

  it('is refused to a resident account, which may not browse the registry at all', async () => {
    const jm01 = await t.login('jm01');
    expect((await req(jm01, 'GET', '/residents')).json().code).toBe('PERMISSION_DENIED');
  });
});

describe('changing a resident', () => {
  it('updates with a version, adjusts counters by the difference, and audits masked values', async () => {
    const zw = (await req(sq01, 'GET', '/residents?q=zw')).json().items[0];
    const detail = (await req(sq01, 'GET', `/residents/${zw.id}`)).json();
    const before = await counters(micro);
    const res = await req(sq01, 'PATCH', `/residents/${zw.id}`, { version: detail.version, tags: ['disabled'], mobile: '13900001111', residenceType: 'migrant' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ mobileMasked: '139****1111', residenceType: 'migrant', version: detail.version + 1 });
    const after = await counters(micro);
    expect(after['careGroup.elderlyAlone']).toBe(before['careGroup.elderlyAlone'] - 1);
    expect(after['careGroup.disabled']).toBe((before['careGroup.disabled'] ?? 0) + 1);
    expect(after.careGroupMembers).toBe(before.careGroupMembers);
    expect(after['residents.migrant']).toBe((before['residents.migrant'] ?? 0) + 1);
    expect(after['residents.registered']).toBe(before['residents.registered'] - 1);
    expect(after.residents).toBe(before.residents);
    const stale = await req(sq01, 'PATCH', `/residents/${zw.id}`, { version: detail.version, note: 'x' });
    expect(stale.json().code).toBe('REGISTRY_VERSION_CONFLICT');
    const log = (await req(sq01, 'GET', `/audit?entityType=resident&entityId=${zw.id}`)).json().items.find((e: { action: string }) => e.action === 'resident.update');
    expect(log.before.mobileMasked).toBe('138****5678');
    expect(log.after.mobileMasked).toBe('139****1111');
    expect(JSON.stringify(log)).not.toContain('13900001111');
    expect((await req(sq01, 'GET', '/residents?q=13900001111')).json().items.map((i: { id: number }) => i.id)).toEqual([zw.id]);
  });

  it('changes the ID number only to a valid, unused one', async () => {
    const ww = (await req(sq01, 'GET', '/residents?q=ww')).json().items[0];
    const v = (await req(sq01, 'GET', `/residents/${ww.id}`)).json().version;
    const taken = await req(sq01, 'PATCH', `/residents/${ww.id}`, { version: v, idNumber: idNumber('1950-03-12', 11) });
    expect(taken.statusCode).toBe(409);
    const bad = await req(sq01, 'PATCH', `/residents/${ww.id}`, { version: v, idNumber: idNumber('1971-06-06', 51).slice(0, 17) + 'Y' });
    expect(bad.json().code).toBe('REGISTRY_FIELD_INVALID');
    const ok = await req(sq01, 'PATCH', `/residents/${ww.id}`, { version: v, idNumber: idNumber('1971-06-06', 52) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ birthDate: '1971-06-06', gender: 'female' });
    expect((await req(sq01, 'GET', `/residents?q=${idNumber('1970-05-05', 51).slice(-4)}`)).json().items).toEqual([]);
  });
});

describe('moving house', () => {
  it('refuses a head who leaves members behind without naming a successor', async () => {
    const zw = (await req(sq01, 'GET', '/residents?q=zw')).json().items[0];
    const v = (await req(sq01, 'GET', `/residents/${zw.id}`)).json().version;
    const res = await req(sq01, 'POST', `/residents/${zw.id}/move`, { dwellingId: away.dwellings[0], householdRole: 'head', movedOn: '2024-05-01', version: v });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('REGISTRY_IN_USE');
  });

  it('moves with a successor, founds a new household, shifts counters and keeps history', async () => {
    const zw = (await req(sq01, 'GET', '/residents?q=zw')).json().items[0];
    const lf = (await req(sq01, 'GET', '/residents?q=lf')).json().items[0];
    const v = (await req(sq01, 'GET', `/residents/${zw.id}`)).json().version;
    const [fromBefore, toBefore, gridBefore] = [await counters(micro), await counters(otherMicro), await counters(grid)];
    const res = await req(sq01, 'POST', `/residents/${zw.id}/move`, { dwellingId: away.dwellings[0], newHousehold: true, householdRole: 'head', movedOn: '2024-05-01', reason: '购房', version: v, newHeadResidentId: lf.id });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ region: { id: otherMicro }, dwellingId: away.dwellings[0], householdRole: 'head' });
    expect(r.household.id).not.toBe(zw.householdId);
    expect(r.moves.map((m: { kind: string }) => m.kind)).toEqual(['moveIn', 'move']);
    expect(r.moves[1]).toMatchObject({ movedOn: '2024-05-01', reason: '购房', from: { region: { id: micro }, dwellingId: home.dwellings[0], householdId: zw.householdId }, to: { region: { id: otherMicro }, dwellingId: away.dwellings[0] } });
    const old = (await req(sq01, 'GET', `/households/${zw.householdId}`)).json();
    expect(old.head).toEqual({ id: lf.id, name: '李芳' });
    expect(old.members.map((m: { householdRole: string }) => m.householdRole)).toEqual(['head']);
    const [fromAfter, toAfter, gridAfter] = [await counters(micro), await counters(otherMicro), await counters(grid)];
    expect(fromAfter.residents).toBe(fromBefore.residents - 1);
    expect(fromAfter.careGroupMembers).toBe(fromBefore.careGroupMembers - 1);
    expect(toAfter.residents).toBe((toBefore.residents ?? 0) + 1);
    expect(toAfter.careGroupMembers).toBe((toBefore.careGroupMembers ?? 0) + 1);
    expect(toAfter.households).toBe((toBefore.households ?? 0) + 1);
    // Both micro-grids are in the same grid: the grid's totals move by the new household only.
    expect(gridAfter.residents).toBe(gridBefore.residents);
    expect(gridAfter.households).toBe(gridBefore.households + 1);
  });

  it('refuses a dwelling of another community', async () => {
    const sib = (await req(sq02, 'GET', '/auth/me')).json().user.scopeRegion;
    const theirs = await makeDwellings(t, (await gridsOf(t, sib.id)).micro, { estate: '远方小区', building: '1', address: '远方路', rooms: ['101'] });
    const ww = (await req(sq01, 'GET', '/residents?q=ww')).json().items[0];
    const v = (await req(sq01, 'GET', `/residents/${ww.id}`)).json().version;
    const res = await req(sq01, 'POST', `/residents/${ww.id}/move`, { dwellingId: theirs.dwellings[0], householdRole: 'other', movedOn: '2024-05-01', version: v });
    expect(res.json().code).toBe('SCOPE_DENIED');
  });
});

describe('archive and restore', () => {
  it('archives with a reason, counts down, keeps the history, and restores', async () => {
    const lf = (await req(sq01, 'GET', '/residents?q=lf')).json().items[0];
    const d = (await req(sq01, 'GET', `/residents/${lf.id}`)).json();
    const before = await counters(micro);
    const res = await req(sq01, 'POST', `/residents/${lf.id}/archive`, { leftReason: 'deceased', on: '2024-06-01', version: d.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ archived: true, leftReason: 'deceased', householdId: null });
    expect(res.json().moves.at(-1)).toMatchObject({ kind: 'deceased', movedOn: '2024-06-01' });
    const after = await counters(micro);
    expect(after.residents).toBe(before.residents - 1);
    expect(after['residents.registered']).toBe(before['residents.registered'] - 1);
    // She was the last member: the household closes and stops counting.
    expect(after.households).toBe(before.households - 1);
    expect((await req(sq01, 'GET', `/households/${d.householdId}`)).json().archived).toBe(true);
    expect((await req(sq01, 'GET', '/residents?q=lf')).json().items).toEqual([]);
    expect((await req(sq01, 'GET', '/residents?q=lf&includeArchived=true')).json().items).toHaveLength(1);
    // Registering the same person again is still a duplicate.
    expect((await create(person({ name: '李芳', idNumber: idNumber('1952-07-01', 22), householdRole: 'other', tags: [] }))).statusCode).toBe(409);
    const again = await req(sq01, 'POST', `/residents/${lf.id}/archive`, { leftReason: 'deceased', on: '2024-06-01', version: res.json().version });
    expect(again.json().code).toBe('REGISTRY_ARCHIVED');
    const back = await req(sq01, 'POST', `/residents/${lf.id}/restore`, { version: res.json().version });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ archived: false, leftReason: null });
    expect(back.json().moves.at(-1).kind).toBe('return');
    expect((await counters(micro)).residents).toBe(before.residents);
  });
});

describe('seasonal stays', () => {
  it('are only for seasonal residents, in order, without overlaps', async () => {
    const res = await create(person({ name: '赵候鸟', idNumber: idNumber('1948-11-11', 71), householdRole: 'other', dwellingId: home.dwellings[1], tags: [], seasonal: true, mobile: null }));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const put = (stays: object[]) => req(sq01, 'PUT', `/residents/${id}/stays`, { stays });
    expect((await put([{ arriveOn: '2023-11-01', leaveOn: '2023-10-01' }])).json().code).toBe('REGISTRY_FIELD_INVALID');
    expect((await put([{ arriveOn: '2023-11-01', leaveOn: '2024-03-01' }, { arriveOn: '2024-02-01', leaveOn: null }])).json().code).toBe('REGISTRY_FIELD_INVALID');
    expect((await put([{ arriveOn: '2024-11-01', leaveOn: null }, { arriveOn: '2025-11-01', leaveOn: null }])).json().code).toBe('REGISTRY_FIELD_INVALID');
    expect((await put([{ arriveOn: '2023-02-30', leaveOn: null }])).json().code).toBe('REGISTRY_FIELD_INVALID');
    const ok = await put([{ arriveOn: '2024-11-01', leaveOn: null, note: '今冬' }, { arriveOn: '2023-11-01', leaveOn: '2024-03-01' }]);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().stays.map((s: { arriveOn: string; leaveOn: string | null }) => [s.arriveOn, s.leaveOn])).toEqual([['2023-11-01', '2024-03-01'], ['2024-11-01', null]]);
    expect((await req(sq01, 'GET', '/residents?seasonal=true')).json().items.map((i: { id: number }) => i.id)).toEqual([id]);
    const ww = (await req(sq01, 'GET', '/residents?q=ww')).json().items[0];
    expect((await req(sq01, 'PUT', `/residents/${ww.id}/stays`, { stays: [] })).json().code).toBe('REGISTRY_FIELD_INVALID');
  });
});

describe('the care-group list', () => {
  it('is readable by everyone and editable city-wide only', async () => {
    const list = (await req(wgy01, 'GET', '/care-groups')).json().items;
    expect(list.length).toBeGreaterThanOrEqual(15);
    expect(list[0]).toMatchObject({ code: 'elderlyAlone', nameZh: '独居老人', active: true });
    const body = { code: 'hearingImpaired', nameZh: '听障人士', nameEn: 'Hearing impaired', sort: 200 };
    expect((await req(sq01, 'POST', '/care-groups', body)).json().code).toBe('PERMISSION_DENIED');
    expect((await req(admin, 'POST', '/care-groups', { ...body, code: 'Bad Code' })).json().code).toBe('REGISTRY_FIELD_INVALID');
    expect((await req(admin, 'POST', '/care-groups', body)).statusCode).toBe(201);
    expect((await req(admin, 'POST', '/care-groups', body)).statusCode).toBe(409);
    const tagged = await create(person({ name: '孙听', idNumber: idNumber('1980-01-01', 91), householdRole: 'other', tags: ['hearingImpaired'], mobile: null, dwellingId: home.dwellings[1] }));
    expect(tagged.statusCode, tagged.body).toBe(201);
    expect(tagged.json().tags[0].nameZh).toBe('听障人士');
    expect((await req(sq01, 'PATCH', '/care-groups/hearingImpaired', { active: false })).json().code).toBe('PERMISSION_DENIED');
    const off = await req(admin, 'PATCH', '/care-groups/hearingImpaired', { active: false, nameZh: '听力障碍' });
    expect(off.json()).toMatchObject({ active: false, nameZh: '听力障碍' });
    // Retired: no new members, existing ones keep the tag through other edits.
    expect((await create(person({ name: '周新', idNumber: idNumber('1981-01-01', 91), householdRole: 'other', tags: ['hearingImpaired'], mobile: null }))).json().code).toBe('REGISTRY_FIELD_INVALID');
    const keep = await req(sq01, 'PATCH', `/residents/${tagged.json().id}`, { version: tagged.json().version, note: '保留' });
    expect(keep.statusCode, keep.body).toBe(200);
    expect((await req(admin, 'PATCH', '/care-groups/noSuch', { active: false })).statusCode).toBe(404);
  });
});
