// Households (户): founded by a head, joined by members, listed in scope, head changed only to a
// member (with the version), closed when the last member leaves, and counted while open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../support/app.ts';
import { gridsOf, idNumber, makeDwellings } from '../support/residents.ts';

let t: TestApp;
let sq01: string;
let sq02: string;
let admin: string;
let micro: number;
let flat: { dwellings: number[] };

const req = (cookie: string, method: InjectOptions['method'], url: string, payload?: object) => t.as(cookie, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const households = async (regionId: number) => ((await req(admin, 'GET', `/regions/${regionId}`)).json().counters.households as number | undefined) ?? 0;
let seq = 1;
const resident = async (over: Record<string, unknown>) => {
  const res = await req(sq01, 'POST', '/residents', { name: '住户', ethnicity: '汉族', idNumber: idNumber('1985-05-05', seq++), residenceType: 'registered', householdRole: 'other', ...over });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [admin, sq01, sq02] = await Promise.all(['admin', 'sq01', 'sq02'].map((u) => t.login(u)));
  const community = (await req(sq01, 'GET', '/auth/me')).json().user.scopeRegion;
  ({ micro } = await gridsOf(t, community.id));
  flat = await makeDwellings(t, micro, { estate: '和平里', building: '12号楼', address: '和平路 12 号', rooms: ['301', '302'] });
});
afterAll(() => t.close());

describe('households', () => {
  it('a head founds one in their dwelling; members join and take its dwelling', async () => {
    const before = await households(micro);
    const head = await resident({ name: '陈一', householdRole: 'head', dwellingId: flat.dwellings[0] });
    expect(await households(micro)).toBe(before + 1);
    const child = await resident({ name: '陈二', householdRole: 'child', householdId: head.householdId });
    expect(child.dwellingId).toBe(flat.dwellings[0]);
    const hh = (await req(sq01, 'GET', `/households/${head.householdId}`)).json();
    expect(hh).toMatchObject({ head: { id: head.id, name: '陈一' }, memberCount: 2, dwellingId: flat.dwellings[0], address: '和平里 12号楼 1单元 301室', archived: false });
    expect(hh.members.map((m: { name: string; householdRole: string; idNumberMasked: string }) => [m.name, m.householdRole, m.idNumberMasked.includes('*')])).toEqual([
      ['陈一', 'head', true],
      ['陈二', 'child', true],
    ]);
    // A household lives in one dwelling: joining it while naming another one is refused.
    const elsewhere = await req(sq01, 'POST', '/residents', { name: '陈三', ethnicity: '汉族', idNumber: idNumber('1985-05-05', 90), residenceType: 'registered', householdRole: 'child', householdId: head.householdId, dwellingId: flat.dwellings[1] });
    expect(elsewhere.json().code).toBe('REGISTRY_PLACEMENT');
    // ... and a second head is refused.
    const twoHeads = await req(sq01, 'POST', '/residents', { name: '陈四', ethnicity: '汉族', idNumber: idNumber('1985-05-05', 91), residenceType: 'registered', householdRole: 'head', householdId: head.householdId });
    expect(twoHeads.json().code).toBe('REGISTRY_FIELD_INVALID');
  });

  it('lists by region and dwelling, with the head and member count, in scope only', async () => {
    const list = (await req(sq01, 'GET', `/households?dwellingId=${flat.dwellings[0]}`)).json();
    expect(list).toMatchObject({ total: 1, totalCapped: false });
    expect(list.items[0]).toMatchObject({ head: { name: '陈一' }, memberCount: 2 });
    expect(list.items[0].members).toBeUndefined();
    expect((await req(sq01, 'GET', `/households?regionId=${micro}`)).json().items.map((h: { id: number }) => h.id)).toContain(list.items[0].id);
    expect((await req(sq02, 'GET', `/households?dwellingId=${flat.dwellings[0]}`)).json()).toMatchObject({ items: [], total: 0 });
    expect((await req(sq02, 'GET', `/households/${list.items[0].id}`)).json().code).toBe('SCOPE_DENIED');
    expect((await req(sq01, 'GET', '/households/999999')).json().code).toBe('REGISTRY_NOT_FOUND');
  });

  it('changes the head to a member only, with the version, and audits it', async () => {
    const [h] = (await req(sq01, 'GET', `/households?dwellingId=${flat.dwellings[0]}`)).json().items;
    const detail = (await req(sq01, 'GET', `/households/${h.id}`)).json();
    const child = detail.members.find((m: { name: string }) => m.name === '陈二');
    const outsider = await resident({ name: '外人', regionId: micro });
    expect((await req(sq01, 'PATCH', `/households/${h.id}`, { headResidentId: outsider.id, version: detail.version })).json().code).toBe('REGISTRY_FIELD_INVALID');
    const ok = await req(sq01, 'PATCH', `/households/${h.id}`, { headResidentId: child.id, version: detail.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().head).toEqual({ id: child.id, name: '陈二' });
    expect(ok.json().members.map((m: { name: string; householdRole: string }) => `${m.name}:${m.householdRole}`)).toEqual(['陈二:head', '陈一:other']);
    expect((await req(sq01, 'PATCH', `/households/${h.id}`, { headResidentId: child.id, version: detail.version })).json().code).toBe('REGISTRY_VERSION_CONFLICT');
    expect((await req(sq01, 'GET', `/audit?entityType=household&entityId=${h.id}`)).json().items.map((e: { action: string }) => e.action)).toContain('household.update');
    // Head changes go through the household, not through a resident's relation field.
    const me = (await req(sq01, 'GET', `/residents/${child.id}`)).json();
    expect((await req(sq01, 'PATCH', `/residents/${child.id}`, { version: me.version, householdRole: 'child' })).json().code).toBe('REGISTRY_FIELD_INVALID');
  });

  it('closes when the last member leaves, and stops counting', async () => {
    const head = await resident({ name: '单身', householdRole: 'head', dwellingId: flat.dwellings[1] });
    const before = await households(micro);
    const res = await req(sq01, 'POST', `/residents/${head.id}/archive`, { leftReason: 'movedOut', on: '2024-02-02', version: head.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(await households(micro)).toBe(before - 1);
    expect((await req(sq01, 'GET', `/households/${head.householdId}`)).json().archived).toBe(true);
    expect((await req(sq01, 'GET', `/households?dwellingId=${flat.dwellings[1]}`)).json().total).toBe(0);
    expect((await req(sq01, 'GET', `/households?dwellingId=${flat.dwellings[1]}&includeArchived=true`)).json().total).toBe(1);
  });

  it('a member moving in joins, and the head leaving names a successor', async () => {
    const [h] = (await req(sq01, 'GET', `/households?dwellingId=${flat.dwellings[0]}`)).json().items;
    const mover = await resident({ name: '搬入', regionId: micro });
    const moved = await req(sq01, 'POST', `/residents/${mover.id}/move`, { householdId: h.id, householdRole: 'grandchild', movedOn: '2024-03-03', version: mover.version });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ householdId: h.id, dwellingId: flat.dwellings[0], householdRole: 'grandchild' });
    const detail = (await req(sq01, 'GET', `/households/${h.id}`)).json();
    expect(detail.memberCount).toBe(3);
    const head = detail.members.find((m: { householdRole: string }) => m.householdRole === 'head');
    const headRow = (await req(sq01, 'GET', `/residents/${head.id}`)).json();
    const refused = await req(sq01, 'POST', `/residents/${head.id}/archive`, { leftReason: 'deceased', on: '2024-04-04', version: headRow.version });
    expect(refused.json().code).toBe('REGISTRY_IN_USE');
    const ok = await req(sq01, 'POST', `/residents/${head.id}/archive`, { leftReason: 'deceased', on: '2024-04-04', version: headRow.version, newHeadResidentId: mover.id });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = (await req(sq01, 'GET', `/households/${h.id}`)).json();
    expect(after.head.id).toBe(mover.id);
    expect(after.memberCount).toBe(2);
  });
});
