// Grid zones (网格片): grids of one community under a zone chief and deputies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let sq01: string;
let community: { id: number };
let grids: { id: number }[];
let users: Record<string, number>;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  sq01 = await t.login('sq01');
  const me = (await t.as(sq01, { method: 'GET', url: '/api/v1/auth/me' })).json().user;
  community = me.scopeRegion;
  grids = (await t.as(sq01, { method: 'GET', url: `/api/v1/regions/${community.id}/children` })).json().items;
  const list = (await t.as(sq01, { method: 'GET', url: '/api/v1/users' })).json().items as { id: number; username: string }[];
  users = Object.fromEntries(list.map((u) => [u.username, u.id]));
});
afterAll(() => t.close());

const zone = (payload: object, url = `/api/v1/regions/${community.id}/zones`, method: 'POST' | 'PUT' = 'POST', cookie = sq01) =>
  t.as(cookie, { method, url, payload });

describe('grid zones', () => {
  it('groups grids under a chief and deputies, and refuses a grid in two zones', async () => {
    const res = await zone({ name: '东片', gridIds: [grids[0].id, grids[1].id], chiefUserId: users.sq01, deputyUserIds: [users.wgz01] });
    expect(res.statusCode).toBe(201);
    const z = res.json();
    expect(z.chief.id).toBe(users.sq01);
    expect(z.deputies.map((d: { id: number }) => d.id)).toEqual([users.wgz01]);
    expect(z.grids.map((g: { id: number }) => g.id)).toEqual([grids[0].id, grids[1].id]);
    const clash = await zone({ name: '西片', gridIds: [grids[1].id, grids[2].id], chiefUserId: null, deputyUserIds: [] });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('ZONE_GRID_TAKEN');
    const list = (await t.as(sq01, { method: 'GET', url: `/api/v1/regions/${community.id}/zones` })).json().items;
    expect(list).toHaveLength(1);
  });

  it('updates with a version and archives', async () => {
    const z = (await t.as(sq01, { method: 'GET', url: `/api/v1/regions/${community.id}/zones` })).json().items[0];
    const up = await zone({ version: z.version, name: '东片区', gridIds: [grids[0].id], chiefUserId: users.sq01, deputyUserIds: [] }, `/api/v1/zones/${z.id}`, 'PUT');
    expect(up.statusCode).toBe(200);
    expect(up.json().name).toBe('东片区');
    const stale = await zone({ version: z.version, name: 'x', gridIds: [], chiefUserId: null, deputyUserIds: [] }, `/api/v1/zones/${z.id}`, 'PUT');
    expect(stale.json().code).toBe('REGION_VERSION_CONFLICT');
    expect((await t.as(sq01, { method: 'POST', url: `/api/v1/zones/${z.id}/archive` })).statusCode).toBe(204);
    expect((await t.as(sq01, { method: 'GET', url: `/api/v1/regions/${community.id}/zones` })).json().items).toHaveLength(0);
  });

  it('lets only one of two simultaneous zones claim a grid, and archives once, with the version', async () => {
    const body = (name: string) => ({ name, gridIds: [grids[3].id], chiefUserId: null, deputyUserIds: [] });
    const [a, b] = await Promise.all([zone(body('甲片')), zone(body('乙片'))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const won = (a.statusCode === 201 ? a : b).json();
    const stale = await t.as(sq01, { method: 'POST', url: `/api/v1/zones/${won.id}/archive?version=${won.version + 5}` });
    expect(stale.json().code).toBe('REGION_VERSION_CONFLICT');
    expect((await t.as(sq01, { method: 'POST', url: `/api/v1/zones/${won.id}/archive?version=${won.version}` })).statusCode).toBe(204);
    const again = await t.as(sq01, { method: 'POST', url: `/api/v1/zones/${won.id}/archive` });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ZONE_ARCHIVED');
  });

  it('refuses grids of another community, people outside scope, and zones on non-communities', async () => {
    const other = (await t.as(sq01, { method: 'GET', url: `/api/v1/regions/${grids[0].id}/children` })).json().items[0];
    const notGrid = await zone({ name: 'x', gridIds: [other.id], chiefUserId: null, deputyUserIds: [] });
    expect(notGrid.json().code).toBe('ZONE_INVALID');
    const admin = await t.login('admin');
    const all = (await t.as(admin, { method: 'GET', url: '/api/v1/users?q=sq02' })).json().items[0];
    const outsider = await zone({ name: 'x', gridIds: [], chiefUserId: all.id, deputyUserIds: [] });
    expect(outsider.json().code).toBe('SCOPE_DENIED');
    const onGrid = await zone({ name: 'x', gridIds: [], chiefUserId: null, deputyUserIds: [] }, `/api/v1/regions/${grids[0].id}/zones`);
    expect(onGrid.json().code).toBe('ZONE_INVALID');
  });
});
