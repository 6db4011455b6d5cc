// User and department administration within a scope: who may create, change and see whom,
// roles that may be granted, unique usernames and mobile numbers, mobile numbers encrypted at rest
// and masked on the wire, disabling, and departments.
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/load.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: string;
let sq01: string;
let jd01: string;
let qu01: string;
const ids = { community: 0, sibling: 0, street: 0, district: 0, grid: 0 };
const PASSWORD = 'Member2026x';

const api = (url: string) => `/api/v1${url}`;
const code = (res: LightMyRequestResponse) => (res.json() as { code?: string }).code;
async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const regionId = async (regionCode: string) => (await rows<{ id: number }>(sql`SELECT id FROM regions WHERE code = ${regionCode}`))[0].id;
const scopeCode = (username: string) => t.demo!.city.accounts.find((a) => a.username === username)!.scopeCode!;
const createUser = (cookie: string, body: Record<string, unknown>) =>
  t.as(cookie, { method: 'POST', url: api('/users'), payload: { displayName: '新同事', password: PASSWORD, roles: ['gridWorker'], ...body } });

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [admin, sq01, jd01, qu01] = await Promise.all(['admin', 'sq01', 'jd01', 'qu01'].map((u) => t.login(u)));
  ids.community = await regionId(scopeCode('sq01'));
  ids.sibling = await regionId(scopeCode('sq02'));
  ids.street = await regionId(scopeCode('jd01'));
  ids.district = await regionId(scopeCode('qu01'));
  ids.grid = (await rows<{ id: number }>(sql`SELECT id FROM regions WHERE parent_id = ${ids.community} ORDER BY code LIMIT 1`))[0].id;
});
afterAll(() => t.close());

describe('a community manager administers users of their community', () => {
  it('creates one in the community (201), audited as user.create', async () => {
    const res = await createUser(sq01, { username: 'wgy_new', displayName: '王网格', mobile: '13812345678', scopeRegionId: ids.grid });
    expect(res.statusCode).toBe(201);
    const u = res.json();
    expect(u).toMatchObject({ username: 'wgy_new', displayName: '王网格', roles: ['gridWorker'], mobileMasked: '138****5678', status: 'active', mustChangePassword: false });
    expect(u.scopeRegion.id).toBe(ids.grid);
    const audit = (await t.as(sq01, { method: 'GET', url: api(`/audit?entityType=user&entityId=${u.id}`) })).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['user.create']);
    expect(audit[0].actorId).toBe((await t.as(sq01, { method: 'GET', url: api('/auth/me') })).json().user.id);
    expect(audit[0].after).toMatchObject({ username: 'wgy_new', mobile: '138****5678', scopeRegionId: ids.grid });
    // The new user logs in and sees the grid.
    expect((await t.as(await t.login('wgy_new', PASSWORD), { method: 'GET', url: api('/regions/roots') })).json().items.map((r: { id: number }) => r.id)).toEqual([ids.grid]);
  });

  it('may not create one in the sibling community, the street above, or without a scope (403)', async () => {
    for (const scopeRegionId of [ids.sibling, ids.street, ids.district]) {
      const res = await createUser(sq01, { username: `out_${scopeRegionId}`, scopeRegionId });
      expect(res.statusCode, String(scopeRegionId)).toBe(403);
      expect(code(res)).toBe('SCOPE_DENIED');
    }
    expect(code(await createUser(sq01, { username: 'noscope', scopeRegionId: null }))).toBe('SCOPE_REQUIRED');
    expect(code(await createUser(sq01, { username: 'noscope', roles: ['admin'], scopeRegionId: null }))).toBe('ROLE_NOT_GRANTABLE');
    const [n] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM users WHERE username LIKE 'out\\_%' OR username = 'noscope'`);
    expect(n.n).toBe(0);
  });

  it('may not grant admin, nor a role carrying permissions they lack (403 ROLE_NOT_GRANTABLE)', async () => {
    const admin1 = await createUser(sq01, { username: 'want_admin', roles: ['gridWorker', 'admin'], scopeRegionId: ids.community });
    expect(admin1.statusCode).toBe(403);
    expect(admin1.json()).toMatchObject({ code: 'ROLE_NOT_GRANTABLE', message: '无权授予角色 admin' });
    // districtStaff carries departments.manage and settings.write, which community staff lack.
    const district = await createUser(sq01, { username: 'want_district', roles: ['districtStaff'], scopeRegionId: ids.community });
    expect(district.json()).toMatchObject({ code: 'ROLE_NOT_GRANTABLE', message: '无权授予角色 districtStaff' });
    // Roles within their own rights are fine.
    expect((await createUser(sq01, { username: 'peer_staff', roles: ['communityStaff', 'partySecretary'], scopeRegionId: ids.community })).statusCode).toBe(201);
    // Nor by promoting an existing user.
    const u = (await createUser(sq01, { username: 'to_promote', scopeRegionId: ids.community })).json();
    for (const roles of [['admin'], ['districtStaff'], ['gridWorker', 'admin']]) {
      expect(code(await t.as(sq01, { method: 'PATCH', url: api(`/users/${u.id}`), payload: { roles } })), roles.join()).toBe('ROLE_NOT_GRANTABLE');
    }
    // Nor by taking over an account that holds more: editing it or resetting its password.
    const strong = (await createUser(admin, { username: 'strong_one', roles: ['districtStaff'], scopeRegionId: ids.community })).json();
    expect(code(await t.as(sq01, { method: 'PATCH', url: api(`/users/${strong.id}`), payload: { displayName: 'x' } }))).toBe('ROLE_NOT_GRANTABLE');
    expect(code(await t.as(sq01, { method: 'POST', url: api(`/users/${strong.id}/reset-password`), payload: { password: 'Takeover2026' } }))).toBe('ROLE_NOT_GRANTABLE');
    expect((await t.login('strong_one', PASSWORD)).length).toBeGreaterThan(0);
    // Unknown roles are a validation error.
    expect((await createUser(sq01, { username: 'odd_role', roles: ['king'], scopeRegionId: ids.community })).statusCode).toBe(400);
    // The admin may grant anything.
    expect((await createUser(admin, { username: 'second_admin', roles: ['admin'], scopeRegionId: null })).statusCode).toBe(201);
  });

  it('duplicate username → 409 USERNAME_TAKEN; duplicate mobile → 409 MOBILE_TAKEN, even across scopes', async () => {
    const dupName = await createUser(sq01, { username: 'sq02', scopeRegionId: ids.community });
    expect(dupName.statusCode).toBe(409);
    expect(dupName.json()).toMatchObject({ code: 'USERNAME_TAKEN', message: '用户名 sq02 已存在' });
    // Surrounding spaces do not make a new name.
    expect(code(await createUser(sq01, { username: ' sq01 ', scopeRegionId: ids.community }))).toBe('USERNAME_TAKEN');
    const sq02Mobile = t.demo!.city.accounts.find((a) => a.username === 'sq02')!.mobile;
    const dupMobile = await createUser(sq01, { username: 'dup_mobile', mobile: sq02Mobile, scopeRegionId: ids.community });
    expect(dupMobile.statusCode).toBe(409);
    expect(dupMobile.json().code).toBe('MOBILE_TAKEN');
    // The answer does not reveal whose number it is.
    expect(dupMobile.body).not.toContain('sq02');
    const mine = (await createUser(sq01, { username: 'has_mobile', mobile: '13900001111', scopeRegionId: ids.community })).json();
    const other = (await createUser(sq01, { username: 'gets_mobile', scopeRegionId: ids.community })).json();
    expect(code(await t.as(sq01, { method: 'PATCH', url: api(`/users/${other.id}`), payload: { mobile: '13900001111' } }))).toBe('MOBILE_TAKEN');
    // Setting one's own number again is no conflict.
    expect((await t.as(sq01, { method: 'PATCH', url: api(`/users/${mine.id}`), payload: { mobile: '13900001111' } })).statusCode).toBe(200);
  });

  it('an invalid mobile number → 400 MOBILE_INVALID', async () => {
    for (const mobile of ['1381234567', '138123456789', '23812345678', '12812345678', '+8613812345678', '138-1234-5678', 'abcdefghijk', '１３８１２３４５６７８']) {
      const res = await createUser(sq01, { username: 'bad_mobile', mobile, scopeRegionId: ids.community });
      expect(res.statusCode, mobile).toBe(400);
      expect(['MOBILE_INVALID', 'VALIDATION_FAILED'], mobile).toContain(code(res));
    }
    expect(code(await createUser(sq01, { username: 'bad_mobile', mobile: '10812345678', scopeRegionId: ids.community }))).toBe('MOBILE_INVALID');
  });
});

describe('mobile numbers', () => {
  const MOBILE = '13687654321';
  let id: number;

  it('are stored encrypted, with a masked copy and a keyed hash for lookup', async () => {
    id = (await createUser(sq01, { username: 'pii_user', mobile: MOBILE, scopeRegionId: ids.community })).json().id;
    const [row] = await rows<{ mobile_enc: string; mobile_hash: string; mobile_masked: string }>(sql`SELECT mobile_enc, mobile_hash, mobile_masked FROM users WHERE id = ${id}`);
    expect(row.mobile_masked).toBe('136****4321');
    expect(row.mobile_enc).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
    for (const part of [MOBILE, MOBILE.slice(3, 7), Buffer.from(MOBILE).toString('base64').slice(0, 12)]) expect(row.mobile_enc).not.toContain(part);
    expect(row.mobile_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.mobile_hash).not.toContain(MOBILE);
    // Two users' ciphertexts differ even for the same kind of value (random IV).
    const again = (await createUser(admin, { username: 'pii_user2', mobile: '13687654322', scopeRegionId: ids.community })).json().id;
    const [row2] = await rows<{ mobile_enc: string }>(sql`SELECT mobile_enc FROM users WHERE id = ${again}`);
    expect(row2.mobile_enc.slice(0, 20)).not.toBe(row.mobile_enc.slice(0, 20));
    // No column of the table holds the digits in clear.
    const [clear] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM users u WHERE row_to_json(u)::text LIKE ${`%${MOBILE}%`}`);
    expect(clear.n).toBe(0);
  });

  it('never leave the server unmasked: not from any user endpoint, nor the audit log', async () => {
    const cookie = await t.login('pii_user', PASSWORD);
    const answers = [
      await t.as(sq01, { method: 'GET', url: api(`/users/${id}`) }),
      await t.as(sq01, { method: 'GET', url: api('/users?limit=500') }),
      await t.as(sq01, { method: 'GET', url: api('/users?q=pii') }),
      await t.as(admin, { method: 'GET', url: api('/users?limit=500') }),
      await t.as(sq01, { method: 'PATCH', url: api(`/users/${id}`), payload: { displayName: '隐私测试' } }),
      await t.as(cookie, { method: 'GET', url: api('/auth/me') }),
      await t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { login: MOBILE, password: PASSWORD } }),
      await t.as(admin, { method: 'GET', url: api(`/audit?entityType=user&entityId=${id}`) }),
      await t.as(admin, { method: 'GET', url: api('/audit?limit=500') }),
      await t.as(sq01, { method: 'GET', url: api(`/regions/${ids.community}/audit`) }),
    ];
    for (const res of answers) {
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.body).not.toContain(MOBILE);
    }
    expect(answers[0].json().mobileMasked).toBe('136****4321');
    // Changing the number keeps it encrypted and masked too.
    const changed = await t.as(sq01, { method: 'PATCH', url: api(`/users/${id}`), payload: { mobile: '13511112222' } });
    expect(changed.json().mobileMasked).toBe('135****2222');
    expect(changed.body).not.toContain('13511112222');
    const audit = await t.as(admin, { method: 'GET', url: api(`/audit?entityType=user&entityId=${id}`) });
    expect(audit.body).not.toContain('13511112222');
    expect(audit.body).toContain('135****2222');
    // And the new number logs in; the old one does not.
    expect((await t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { login: '13511112222', password: PASSWORD } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { login: MOBILE, password: PASSWORD } })).statusCode).toBe(401);
    // Clearing it clears all three columns.
    await t.as(sq01, { method: 'PATCH', url: api(`/users/${id}`), payload: { mobile: null } });
    expect(await rows(sql`SELECT mobile_enc, mobile_hash, mobile_masked FROM users WHERE id = ${id}`)).toEqual([{ mobile_enc: null, mobile_hash: null, mobile_masked: null }]);
  });
});

describe('disabling a user', () => {
  it('ends their sessions at once and refuses their login until re-enabled', async () => {
    const u = (await createUser(sq01, { username: 'to_disable', scopeRegionId: ids.community })).json();
    const s1 = await t.login('to_disable', PASSWORD);
    const s2 = await t.login('to_disable', PASSWORD);
    expect((await t.as(s1, { method: 'GET', url: api('/auth/me') })).statusCode).toBe(200);
    const res = await t.as(sq01, { method: 'PATCH', url: api(`/users/${u.id}`), payload: { status: 'disabled' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    for (const s of [s1, s2]) expect(code(await t.as(s, { method: 'GET', url: api('/auth/me') }))).toBe('AUTH_REQUIRED');
    expect(await rows(sql`SELECT token_hash FROM sessions WHERE user_id = ${u.id}`)).toEqual([]);
    const refused = await t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { login: 'to_disable', password: PASSWORD } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('AUTH_DISABLED');
    const audit = (await t.as(sq01, { method: 'GET', url: api(`/audit?entityType=user&entityId=${u.id}`) })).json().items[0];
    expect(audit).toMatchObject({ action: 'user.update', before: { status: 'active' }, after: { status: 'disabled' } });
    expect((await t.as(sq01, { method: 'PATCH', url: api(`/users/${u.id}`), payload: { status: 'active' } })).statusCode).toBe(200);
    expect((await t.login('to_disable', PASSWORD)).length).toBeGreaterThan(0);
  });

  it('is a manager’s act within scope', async () => {
    const u = (await createUser(sq01, { username: 'not_yours', scopeRegionId: ids.community })).json();
    const sq02 = await t.login('sq02');
    expect(code(await t.as(sq02, { method: 'PATCH', url: api(`/users/${u.id}`), payload: { status: 'disabled' } }))).toBe('SCOPE_DENIED');
    const wgz01 = await t.login('wgz01');
    expect(code(await t.as(wgz01, { method: 'PATCH', url: api(`/users/${u.id}`), payload: { status: 'disabled' } }))).toBe('PERMISSION_DENIED');
    // The street above may.
    expect((await t.as(jd01, { method: 'PATCH', url: api(`/users/${u.id}`), payload: { status: 'disabled' } })).json().status).toBe('disabled');
  });
});

describe('users in lists', () => {
  it('each manager sees exactly the users of their subtree', async () => {
    const list = async (cookie: string) => (await t.as(cookie, { method: 'GET', url: api('/users?limit=500') })).json() as { items: { id: number; username: string; scopeRegion: { id: number } | null }[]; total: number };
    const paths = new Map((await rows<{ id: number; path: string }>(sql`SELECT id, path FROM regions`)).map((r) => [r.id, r.path]));
    const expected = async (scopeId: number | null) =>
      (await rows<{ id: number; scope_region_id: number | null }>(sql`SELECT id, scope_region_id FROM users ORDER BY id`))
        .filter((u) => scopeId === null || (u.scope_region_id !== null && paths.get(u.scope_region_id)!.startsWith(paths.get(scopeId)!)))
        .map((u) => u.id);
    for (const [cookie, scopeId] of [[sq01, ids.community], [jd01, ids.street], [qu01, ids.district], [admin, null]] as const) {
      const got = await list(cookie);
      expect(got.items.map((u) => u.id)).toEqual(await expected(scopeId));
      expect(got.total).toBe(got.items.length);
    }
    // Paging and search stay inside the scope.
    const page = (await t.as(sq01, { method: 'GET', url: api('/users?limit=2&offset=1') })).json();
    expect(page.items.map((u: { id: number }) => u.id)).toEqual((await expected(ids.community)).slice(1, 3));
    expect((await t.as(sq01, { method: 'GET', url: api('/users?q=%25') })).json().total).toBe(0);
    expect((await t.as(sq01, { method: 'GET', url: api('/users?q=_') })).json().items.every((u: { username: string }) => u.username.includes('_'))).toBe(true);
  });
});

describe('departments', () => {
  let dep: { id: number };

  it('a district manager creates, lists and edits departments of the district', async () => {
    const res = await t.as(qu01, { method: 'POST', url: api('/departments'), payload: { code: 'TEST-WSJ', name: '云城区卫生监督所', serviceAreaId: ids.district } });
    expect(res.statusCode).toBe(201);
    dep = res.json();
    expect(dep).toMatchObject({ code: 'TEST-WSJ', name: '云城区卫生监督所', serviceArea: { id: ids.district } });
    expect((await t.as(qu01, { method: 'GET', url: api('/departments') })).json().items.map((d: { id: number }) => d.id)).toContain(dep.id);
    const up = await t.as(qu01, { method: 'PATCH', url: api(`/departments/${dep.id}`), payload: { name: '云城区卫生健康监督所' } });
    expect(up.statusCode).toBe(200);
    expect(up.json().name).toBe('云城区卫生健康监督所');
    const audit = (await t.as(qu01, { method: 'GET', url: api(`/audit?entityType=department&entityId=${dep.id}`) })).json().items.map((a: { action: string }) => a.action);
    expect(audit).toEqual(['department.update', 'department.create']);
    expect(code(await t.as(qu01, { method: 'POST', url: api('/departments'), payload: { code: 'TEST-WSJ', name: '重复', serviceAreaId: ids.district } }))).toBe('DEPARTMENT_CODE_TAKEN');
    expect(code(await t.as(qu01, { method: 'POST', url: api('/departments'), payload: { code: 'bad code!', name: 'x', serviceAreaId: ids.district } }))).toBe('VALIDATION_FAILED');
    expect(code(await t.as(qu01, { method: 'POST', url: api('/departments'), payload: { code: 'NOAREA', name: 'x', serviceAreaId: 2_000_000_000 } }))).toBe('REGION_NOT_FOUND');
    expect(code(await t.as(qu01, { method: 'PATCH', url: api('/departments/2000000000'), payload: { name: 'x' } }))).toBe('DEPARTMENT_NOT_FOUND');
  });

  it('a street user sees the district’s departments but cannot edit or create them (403)', async () => {
    const seen = (await t.as(jd01, { method: 'GET', url: api('/departments') })).json().items.map((d: { id: number }) => d.id);
    expect(seen).toContain(dep.id);
    expect(seen.length).toBeGreaterThanOrEqual(t.demo!.city.departments.length);
    const patch = await t.as(jd01, { method: 'PATCH', url: api(`/departments/${dep.id}`), payload: { name: '街道改名' } });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().code).toBe('PERMISSION_DENIED');
    expect(code(await t.as(jd01, { method: 'POST', url: api('/departments'), payload: { code: 'JD-X', name: 'x', serviceAreaId: ids.street } }))).toBe('PERMISSION_DENIED');
    // Even holding departments.manage, a street-scoped user may only edit what serves inside the street.
    await createUser(admin, { username: 'street_power', roles: ['districtStaff'], scopeRegionId: ids.street });
    const power = await t.login('street_power', PASSWORD);
    expect((await t.as(power, { method: 'GET', url: api('/departments') })).json().items.map((d: { id: number }) => d.id)).toContain(dep.id);
    const denied = await t.as(power, { method: 'PATCH', url: api(`/departments/${dep.id}`), payload: { name: '街道改名' } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('SCOPE_DENIED');
    expect(code(await t.as(power, { method: 'POST', url: api('/departments'), payload: { code: 'JD-DIST', name: 'x', serviceAreaId: ids.district } }))).toBe('SCOPE_DENIED');
    // One serving the street itself is theirs to create and edit, and to move only within the street.
    const own = await t.as(power, { method: 'POST', url: api('/departments'), payload: { code: 'JD-ZHB', name: '街道综合办', serviceAreaId: ids.street } });
    expect(own.statusCode).toBe(201);
    expect((await t.as(power, { method: 'PATCH', url: api(`/departments/${own.json().id}`), payload: { serviceAreaId: ids.community } })).statusCode).toBe(200);
    expect(code(await t.as(power, { method: 'PATCH', url: api(`/departments/${own.json().id}`), payload: { serviceAreaId: ids.district } }))).toBe('SCOPE_DENIED');
    // The name in the database is the district manager's.
    expect((await rows<{ name: string }>(sql`SELECT name FROM departments WHERE id = ${dep.id}`))[0].name).toBe('云城区卫生健康监督所');
  });

  it('a community sees departments serving it or above, not those of its sibling', async () => {
    const sibling = (await t.as(admin, { method: 'POST', url: api('/departments'), payload: { code: 'SQ2-FW', name: '邻社区服务站', serviceAreaId: ids.sibling } })).json();
    const mine = (await t.as(admin, { method: 'POST', url: api('/departments'), payload: { code: 'SQ1-FW', name: '本社区服务站', serviceAreaId: ids.community } })).json();
    const seen = (await t.as(sq01, { method: 'GET', url: api('/departments') })).json().items.map((d: { id: number }) => d.id);
    expect(seen).toContain(dep.id);
    expect(seen).toContain(mine.id);
    expect(seen).not.toContain(sibling.id);
    expect(code(await t.as(sq01, { method: 'PATCH', url: api(`/departments/${mine.id}`), payload: { name: 'x' } }))).toBe('PERMISSION_DENIED');
    // A user may be placed in a department they see, not in the sibling's.
    expect((await createUser(sq01, { username: 'in_dept', scopeRegionId: ids.community, departmentId: mine.id })).json().department).toEqual({ id: mine.id, name: '本社区服务站' });
    expect(code(await createUser(sq01, { username: 'in_sibling_dept', scopeRegionId: ids.community, departmentId: sibling.id }))).toBe('SCOPE_DENIED');
  });

  it('the department handler sees its department on its own account', async () => {
    const bm01 = await t.login('bm01', DEMO_PASSWORD);
    const user = (await t.as(bm01, { method: 'GET', url: api('/auth/me') })).json().user;
    expect(user.department.name).toBe(t.demo!.city.departments.find((d) => d.code === t.demo!.city.accounts.find((a) => a.username === 'bm01')!.departmentCode)!.name);
    expect([...user.permissions].sort()).toEqual(['cases.handle', 'cases.read', 'cases.report']);
    expect(code(await createUser(bm01, { username: 'by_handler', scopeRegionId: ids.community }))).toBe('PERMISSION_DENIED');
  });
});

describe('the current user', () => {
  it('shows the scope region with its real child count', async () => {
    const me = (await t.as(sq01, { method: 'GET', url: api('/auth/me') })).json().user;
    const kids = (await t.as(sq01, { method: 'GET', url: api(`/regions/${me.scopeRegion.id}/children`) })).json().items;
    expect(kids.length).toBeGreaterThan(0);
    expect(me.scopeRegion.childCount).toBe(kids.length);
  });
});
