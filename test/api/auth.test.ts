// Authentication through the API: login by username or mobile, lockout and its end, the session
// cookie, logout, API tokens, the password policy, forced password changes and demo accounts in
// production mode.
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/load.ts';
import { buildApp } from '../../src/server/app.ts';
import { piiLookupHash } from '../../src/shared/pii.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: string;
let sq01: string;
let communityId: number;
const PASSWORD = 'Secret2026a';

const api = (url: string) => `/api/v1${url}`;
const login = (loginName: string, password: string) => t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { login: loginName, password } });
const me = (cookie: string) => t.as(cookie, { method: 'GET', url: api('/auth/me') });
const bearer = (token: string, url = '/auth/me') => t.app.inject({ method: 'GET', url: api(url), headers: { authorization: `Bearer ${token}` } });
const cookieOf = (res: LightMyRequestResponse) => `wangge_session=${res.cookies.find((c) => c.name === 'wangge_session')!.value}`;
const code = (res: LightMyRequestResponse) => (res.json() as { code?: string }).code;

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

let seq = 0;
/** A fresh account in sq01's community, created by the admin. */
async function newUser(extra: Record<string, unknown> = {}): Promise<{ id: number; username: string; mobile: string }> {
  seq++;
  const username = `auth_u${seq}`;
  const mobile = `1370000${String(1000 + seq).padStart(4, '0')}`;
  const res = await t.as(admin, { method: 'POST', url: api('/users'), payload: { username, displayName: `测试${seq}`, mobile, password: PASSWORD, roles: ['gridWorker'], scopeRegionId: communityId, ...extra } });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, username, mobile };
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = await t.login('admin');
  sq01 = await t.login('sq01');
  communityId = (await me(sq01)).json().user.scopeRegion.id;
});
afterAll(() => t.close());

describe('login', () => {
  it('by username and by mobile number (with stray spaces), answering the user and a session cookie', async () => {
    const byName = await login('sq01', DEMO_PASSWORD);
    expect(byName.statusCode).toBe(200);
    expect(byName.json().user).toMatchObject({ username: 'sq01', roles: ['communityStaff'], mustChangePassword: false });
    const mobile = t.demo!.city.accounts.find((a) => a.username === 'sq01')!.mobile;
    for (const form of [mobile, ` ${mobile} `]) {
      const byMobile = await login(form, DEMO_PASSWORD);
      expect(byMobile.statusCode, form).toBe(200);
      expect(byMobile.json().user.username).toBe('sq01');
      expect((await me(cookieOf(byMobile))).json().user.username).toBe('sq01');
    }
  });

  it('a wrong password and an unknown user get the same 401, in Chinese or English', async () => {
    const wrong = await login('sq02', 'not-the-password1');
    const unknown = await login('nobody_here', 'not-the-password1');
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误' });
      expect(res.cookies).toHaveLength(0);
    }
    const en = await t.app.inject({ method: 'POST', url: api('/auth/login'), payload: { login: 'sq02', password: 'x' }, headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.json().message).toBe('Wrong username or password');
    // Failures are counted (sq02 is not locked by one); the right password resets the count.
    expect((await login('sq02', DEMO_PASSWORD)).statusCode).toBe(200);
    const [row] = await rows<{ failed_attempts: number }>(sql`SELECT failed_attempts::int AS failed_attempts FROM users WHERE username = 'sq02'`);
    expect(row.failed_attempts).toBe(0);
  });

  it('locks after 5 failures (423, even for the right password), until 15 minutes pass', async () => {
    const u = await newUser();
    for (let i = 1; i <= 4; i++) expect(code(await login(u.username, `wrong-${i}-password`))).toBe('AUTH_INVALID_CREDENTIALS');
    const fifth = await login(u.username, 'wrong-5-password');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('AUTH_LOCKED');
    const [row] = await rows<{ locked_until: string | Date; minutes: number }>(
      sql`SELECT locked_until, extract(epoch FROM locked_until - now()) / 60 AS minutes FROM users WHERE id = ${u.id}`,
    );
    expect(Number(row.minutes)).toBeGreaterThan(14);
    expect(Number(row.minutes)).toBeLessThanOrEqual(15);
    expect(fifth.json().message).toContain(new Date(row.locked_until).toISOString());
    // Locked: the right password, and the mobile number, are refused too.
    expect(code(await login(u.username, PASSWORD))).toBe('AUTH_LOCKED');
    expect(code(await login(u.mobile, PASSWORD))).toBe('AUTH_LOCKED');
    // The lock is audited and shown to managers.
    const audit = (await t.as(admin, { method: 'GET', url: api(`/audit?entityType=user&entityId=${u.id}`) })).json().items.map((i: { action: string }) => i.action);
    expect(audit).toContain('auth.locked');
    expect((await t.as(sq01, { method: 'GET', url: api(`/users/${u.id}`) })).json().lockedUntil).toBe(new Date(row.locked_until).toISOString());

    // 15 minutes later (moved into the past in the database, where the lock is computed).
    await t.database.db.execute(sql`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = ${u.id}`);
    const after = await login(u.username, PASSWORD);
    expect(after.statusCode).toBe(200);
    expect(after.json().user.lockedUntil).toBeNull();
    // A fresh start: one more failure is one failure, not a new lock.
    expect(code(await login(u.username, 'wrong-again-1'))).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('a manager in scope lifts a lock at once; a sibling community manager may not', async () => {
    const u = await newUser();
    for (let i = 1; i <= 5; i++) await login(u.username, `wrong-${i}-password`);
    expect(code(await login(u.username, PASSWORD))).toBe('AUTH_LOCKED');
    const sq02 = await t.login('sq02');
    expect(code(await t.as(sq02, { method: 'POST', url: api(`/users/${u.id}/unlock`) }))).toBe('SCOPE_DENIED');
    expect(code(await login(u.username, PASSWORD))).toBe('AUTH_LOCKED');
    const res = await t.as(sq01, { method: 'POST', url: api(`/users/${u.id}/unlock`) });
    expect(res.statusCode).toBe(204);
    expect((await login(u.username, PASSWORD)).statusCode).toBe(200);
    const audit = (await t.as(sq01, { method: 'GET', url: api(`/audit?entityType=user&entityId=${u.id}`) })).json().items.map((i: { action: string }) => i.action);
    expect(audit).toContain('user.unlock');
  });

  it('failures on one account never lock another', async () => {
    const a = await newUser();
    const b = await newUser();
    for (let i = 1; i <= 6; i++) await login(a.username, `wrong-${i}-password`);
    for (let i = 1; i <= 6; i++) await login(a.mobile, `wrong-${i}-password`);
    expect(code(await login(a.username, PASSWORD))).toBe('AUTH_LOCKED');
    expect((await login(b.username, PASSWORD)).statusCode).toBe(200);
    const [row] = await rows<{ failed_attempts: number; locked_until: unknown }>(sql`SELECT failed_attempts::int AS failed_attempts, locked_until FROM users WHERE id = ${b.id}`);
    expect(row).toEqual({ failed_attempts: 0, locked_until: null });
  });

  it('one login string never names two accounts', async () => {
    const owner = await newUser();
    // Were this allowed, logging in as "1370000xxxx" would match both accounts, the database would
    // pick either, and failures meant for one would lock the other.
    const res = await t.as(admin, { method: 'POST', url: api('/users'), payload: { username: owner.mobile, displayName: '冒名', password: PASSWORD, roles: ['gridWorker'], scopeRegionId: communityId } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect((await login(owner.mobile, PASSWORD)).json().user.username).toBe(owner.username);

    // An account whose username is digits (made before the rule, here written directly) keeps
    // its username login, and nobody may take that string as a mobile number.
    const legacy = await newUser();
    const digits = '13799990000';
    await t.database.db.execute(sql`UPDATE users SET username = ${digits} WHERE id = ${legacy.id}`);
    const taking = await t.as(admin, { method: 'PATCH', url: api(`/users/${owner.id}`), payload: { mobile: digits } });
    expect(taking.json().code).toBe('MOBILE_TAKEN');
    // Even if such a pair exists, the username wins every time, and failures stay with it.
    await t.database.db.execute(sql`UPDATE users SET mobile_hash = ${piiLookupHash(digits)} WHERE id = ${owner.id}`);
    for (let i = 0; i < 3; i++) expect((await login(digits, PASSWORD)).json().user.username).toBe(digits);
    for (let i = 0; i < 4; i++) await login(digits, `wrong-${i}-password`);
    const counts = await rows<{ id: number; failed_attempts: number }>(sql`SELECT id, failed_attempts::int AS failed_attempts FROM users WHERE id IN (${owner.id}, ${legacy.id}) ORDER BY id`);
    expect(counts).toEqual([{ id: owner.id, failed_attempts: 0 }, { id: legacy.id, failed_attempts: 4 }]);
  });
});

describe('the session', () => {
  it('is an httpOnly, SameSite cookie for the whole site, valid for 12 hours', async () => {
    const res = await login('jd01', DEMO_PASSWORD);
    const c = res.cookies.find((x) => x.name === 'wangge_session')!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 12 * 3600 });
    expect(c.secure).toBeFalsy();
    expect(c.value.length).toBeGreaterThanOrEqual(40);
    // Only a hash of the cookie is stored.
    const stored = await rows<{ token_hash: string }>(sql`SELECT token_hash FROM sessions`);
    expect(stored.map((s) => s.token_hash)).not.toContain(c.value);
    expect(stored.every((s) => !s.token_hash.includes(c.value))).toBe(true);
  });

  it('is marked Secure when WANGGE_COOKIE_SECURE=1', async () => {
    const saved = process.env.WANGGE_COOKIE_SECURE;
    process.env.WANGGE_COOKIE_SECURE = '1';
    try {
      const app = await buildApp({ db: t.database.db, webDist: null });
      const res = await app.inject({ method: 'POST', url: api('/auth/login'), payload: { login: 'jd01', password: DEMO_PASSWORD } });
      expect(res.cookies.find((x) => x.name === 'wangge_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
      await app.close();
    } finally {
      if (saved === undefined) delete process.env.WANGGE_COOKIE_SECURE;
      else process.env.WANGGE_COOKIE_SECURE = saved;
    }
  });

  it('ends at logout: the cookie is cleared and no longer accepted; other sessions live on', async () => {
    const one = cookieOf(await login('jd01', DEMO_PASSWORD));
    const two = cookieOf(await login('jd01', DEMO_PASSWORD));
    const out = await t.as(one, { method: 'POST', url: api('/auth/logout') });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((x) => x.name === 'wangge_session')!;
    expect(cleared.value).toBe('');
    expect(new Date(cleared.expires!).getTime()).toBeLessThan(Date.now());
    const after = await me(one);
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('AUTH_REQUIRED');
    expect((await me(two)).statusCode).toBe(200);
  });

  it('no cookie, or a forged one: 401 AUTH_REQUIRED', async () => {
    expect(code(await t.app.inject({ method: 'GET', url: api('/regions/roots') }))).toBe('AUTH_REQUIRED');
    expect(code(await t.as('wangge_session=forged-value', { method: 'GET', url: api('/regions/roots') }))).toBe('AUTH_REQUIRED');
  });
});

describe('API tokens', () => {
  it('are shown once, work as Bearer, are listed without the secret, and stop working when revoked', async () => {
    const created = await t.as(sq01, { method: 'POST', url: api('/tokens'), payload: { name: '数据同步' } });
    expect(created.statusCode).toBe(201);
    const { id, token, name } = created.json();
    expect(name).toBe('数据同步');
    expect(token).toMatch(/^wg_[A-Za-z0-9_-]{40,}$/);

    const used = await bearer(token);
    expect(used.statusCode).toBe(200);
    expect(used.json().user.username).toBe('sq01');
    // Scope travels with the token.
    expect((await bearer(token, '/regions/roots')).json().items.map((r: { id: number }) => r.id)).toEqual([communityId]);

    const list = (await t.as(sq01, { method: 'GET', url: api('/tokens') })).json().items;
    const mine = list.find((x: { id: number }) => x.id === id);
    expect(mine).toMatchObject({ id, name: '数据同步', revokedAt: null });
    expect(mine.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(token);
    const [stored] = await rows<{ token_hash: string }>(sql`SELECT token_hash FROM api_tokens WHERE id = ${id}`);
    expect(stored.token_hash).not.toContain(token.slice(3));
    // Another user cannot see or revoke it.
    const sq02 = await t.login('sq02');
    expect((await t.as(sq02, { method: 'GET', url: api('/tokens') })).json().items.map((x: { id: number }) => x.id)).not.toContain(id);
    expect(code(await t.as(sq02, { method: 'DELETE', url: api(`/tokens/${id}`) }))).toBe('TOKEN_NOT_FOUND');
    expect((await bearer(token)).statusCode).toBe(200);

    expect((await t.as(sq01, { method: 'DELETE', url: api(`/tokens/${id}`) })).statusCode).toBe(204);
    const revoked = await bearer(token);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe('AUTH_TOKEN_INVALID');
    expect(code(await t.as(sq01, { method: 'DELETE', url: api(`/tokens/${id}`) }))).toBe('TOKEN_NOT_FOUND');
    expect((await t.as(sq01, { method: 'GET', url: api('/tokens') })).json().items.find((x: { id: number }) => x.id === id).revokedAt).not.toBeNull();
  });

  it('a bad Bearer token is refused even next to a good cookie, and a disabled user’s token stops working', async () => {
    const res = await t.app.inject({ method: 'GET', url: api('/auth/me'), headers: { authorization: 'Bearer wg_nonsense', cookie: sq01 } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_TOKEN_INVALID');

    const u = await newUser();
    const cookie = cookieOf(await login(u.username, PASSWORD));
    const { token } = (await t.as(cookie, { method: 'POST', url: api('/tokens'), payload: { name: 'x' } })).json();
    expect((await bearer(token)).statusCode).toBe(200);
    await t.as(sq01, { method: 'PATCH', url: api(`/users/${u.id}`), payload: { status: 'disabled' } });
    expect(code(await bearer(token))).toBe('AUTH_TOKEN_INVALID');
  });
});

describe('password policy', () => {
  const weak = ['short1', 'abcdefghij', '1234567890', '        ', `a1${'b'.repeat(127)}`];

  it('applies when changing one’s password; the old one must be right and the new one different', async () => {
    const u = await newUser();
    const cookie = cookieOf(await login(u.username, PASSWORD));
    const change = (oldPassword: string, newPassword: string) => t.as(cookie, { method: 'POST', url: api('/auth/password'), payload: { oldPassword, newPassword } });
    for (const pw of weak) {
      const res = await change(PASSWORD, pw);
      expect(res.statusCode, pw).toBe(400);
      expect(['PASSWORD_POLICY', 'VALIDATION_FAILED'], pw).toContain(code(res));
    }
    expect(code(await change('wrong-old-1', 'Another2026'))).toBe('PASSWORD_WRONG');
    expect(code(await change(PASSWORD, PASSWORD))).toBe('PASSWORD_REUSED');
    expect((await change(PASSWORD, 'Another2026')).statusCode).toBe(204);
    expect(code(await login(u.username, PASSWORD))).toBe('AUTH_INVALID_CREDENTIALS');
    expect((await login(u.username, 'Another2026')).statusCode).toBe(200);
    const audit = (await t.as(admin, { method: 'GET', url: api(`/audit?entityType=user&entityId=${u.id}`) })).json().items.map((i: { action: string }) => i.action);
    expect(audit).toContain('user.changePassword');
  });

  it('applies when a manager creates a user or resets a password', async () => {
    for (const pw of weak.slice(0, 3)) {
      const res = await t.as(sq01, { method: 'POST', url: api('/users'), payload: { username: 'weakling', displayName: 'x', password: pw, roles: ['gridWorker'], scopeRegionId: communityId } });
      expect(code(res), pw).toBe('PASSWORD_POLICY');
      const u = await newUser();
      expect(code(await t.as(sq01, { method: 'POST', url: api(`/users/${u.id}/reset-password`), payload: { password: pw } }))).toBe('PASSWORD_POLICY');
    }
    const [n] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM users WHERE username = 'weakling'`);
    expect(n.n).toBe(0);
  });
});

describe('forced password change', () => {
  const blocked = async (cookie: string) => {
    for (const url of ['/regions/roots', '/users', '/tokens', '/departments']) {
      const res = await t.as(cookie, { method: 'GET', url: api(url) });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code, url).toBe('PASSWORD_CHANGE_REQUIRED');
    }
  };

  it('a user created with mustChangePassword may only see themselves and change the password', async () => {
    const u = await newUser({ mustChangePassword: true });
    const res = await login(u.username, PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);
    const cookie = cookieOf(res);
    await blocked(cookie);
    expect((await me(cookie)).json().user).toMatchObject({ username: u.username, mustChangePassword: true });
    expect((await t.as(cookie, { method: 'POST', url: api('/auth/password'), payload: { oldPassword: PASSWORD, newPassword: 'MyOwn2026pw' } })).statusCode).toBe(204);
    expect((await me(cookie)).json().user.mustChangePassword).toBe(false);
    expect((await t.as(cookie, { method: 'GET', url: api('/regions/roots') })).statusCode).toBe(200);
  });

  it('after an admin reset: existing sessions end, and the temporary password must be replaced', async () => {
    const u = await newUser();
    const old = cookieOf(await login(u.username, PASSWORD));
    expect((await t.as(admin, { method: 'POST', url: api(`/users/${u.id}/reset-password`), payload: { password: 'Temp2026pw' } })).statusCode).toBe(204);
    expect(code(await me(old))).toBe('AUTH_REQUIRED');
    expect(code(await login(u.username, PASSWORD))).toBe('AUTH_INVALID_CREDENTIALS');
    const cookie = cookieOf(await login(u.username, 'Temp2026pw'));
    await blocked(cookie);
    // The same rule holds for API tokens.
    const tokenRes = await t.as(cookie, { method: 'POST', url: api('/tokens'), payload: { name: 'x' } });
    expect(code(tokenRes)).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.as(cookie, { method: 'POST', url: api('/auth/password'), payload: { oldPassword: 'Temp2026pw', newPassword: 'Temp2026pw' } })).json().code).toBe('PASSWORD_REUSED');
    expect((await t.as(cookie, { method: 'POST', url: api('/auth/password'), payload: { oldPassword: 'Temp2026pw', newPassword: 'Mine2026pw' } })).statusCode).toBe(204);
    expect((await t.as(cookie, { method: 'GET', url: api('/users') })).statusCode).toBe(200);
    // Logging out works while forced, too.
    const forced = await newUser({ mustChangePassword: true });
    const fc = cookieOf(await login(forced.username, PASSWORD));
    expect((await t.as(fc, { method: 'POST', url: api('/auth/logout') })).statusCode).toBe(204);
  });
});

describe('demo accounts in production', () => {
  const saved = { mode: process.env.WANGGE_MODE, node: process.env.NODE_ENV };
  afterEach(() => {
    for (const [k, v] of [['WANGGE_MODE', saved.mode], ['NODE_ENV', saved.node]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('must change the known demo password before doing anything with WANGGE_MODE=production', async () => {
    const u = await newUser();
    const before = await login('wgy01', DEMO_PASSWORD);
    expect(before.json().user.mustChangePassword).toBe(false);
    const session = cookieOf(before);
    process.env.WANGGE_MODE = 'production';
    // Sessions opened before the switch are held to the rule as well.
    expect(code(await t.as(session, { method: 'GET', url: api('/regions/roots') }))).toBe('PASSWORD_CHANGE_REQUIRED');
    const res = await login('wgy01', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);
    const cookie = cookieOf(res);
    await blocked(cookie);
    expect((await me(cookie)).statusCode).toBe(200);
    expect((await t.as(cookie, { method: 'POST', url: api('/auth/password'), payload: { oldPassword: DEMO_PASSWORD, newPassword: 'Prod2026pass' } })).statusCode).toBe(204);
    expect((await t.as(cookie, { method: 'GET', url: api('/regions/roots') })).statusCode).toBe(200);
    // Accounts that are not demo accounts are unaffected; the demo admin is held too.
    expect(code(await t.as(admin, { method: 'GET', url: api('/users') }))).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.as(cookieOf(await login(u.username, PASSWORD)), { method: 'GET', url: api('/regions/roots') })).statusCode).toBe(200);
  });

  async function blocked(cookie: string) {
    for (const url of ['/regions/roots', '/users', '/audit']) expect(code(await t.as(cookie, { method: 'GET', url: api(url) })), url).toBe('PASSWORD_CHANGE_REQUIRED');
  }
});
