// Scope across every endpoint: staff of two sibling communities can neither read nor change each
// other's data, and a user of the street above them sees and changes both. The table below names
// every /api/v1 route; a route added to the app without a row here fails the first test, so each
// new endpoint has to state how it keeps the sibling out.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { DEMO_PASSWORD } from '../../src/demo/load.ts';
import { gridCode } from '../../src/modules/regions/codes.ts';
import { DEFAULT_SIZE_RULES } from '../../src/modules/regions/size-rules.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { idNumber, residentFixtures, type ResidentFixtures } from '../support/residents.ts';
import { importFixtures, type ImportFixtures } from '../support/imports.ts';
import { jobSettled } from '../../src/modules/registry/import/jobs.service.ts';
import { housingFixtures, type HousingFixtures } from '../support/housing.ts';
import { placeFixtures, type PlaceFixtures } from '../support/places.ts';
import { partyOrgsScopeRows } from './scope/party-orgs.ts';
import { partyLinksScopeRows } from './scope/party-links.ts';
import { partyRegistrationsScopeRows } from './scope/party-registrations.ts';
import { workforceScopeRows } from './scope/workforce.ts';
import { workforceRulesScopeRows } from './scope/workforce-rules.ts';

const EXTRA_SNAPSHOT_TABLES = [
  'party_orgs', 'party_org_officers', 'party_members', 'party_memberships', 'liaison_households', 'household_links',
  'joint_committee_members', 'joint_meetings', 'partnerships', 'partnership_activities', 'leader_contacts', 'leader_contact_visits',
  'dual_registrations', 'pioneer_posts', 'pledges', 'registration_services',
  'workers', 'positions', 'stationed_teams', 'visits', 'visit_people', 'visit_findings', 'reviews',
];

let t: TestApp;
let admin: string;
let street: string;
let bm01: string;

export interface Region {
  id: number;
  code: string;
  name: string;
  path: string;
  level: number;
  version: number;
  parent_id: number | null;
}
export interface Side {
  key: 'A' | 'B';
  manager: string; // username of the community staff member
  cookie: string; // manager's session
  power: string; // session of a districtStaff-role user scoped to the community (holds every permission but audit.verify)
  community: Region;
  grid: Region; // a grid with micro-grids
  splitGrid: Region; // grid with at least two micro-grids
  splitChild: number;
  mergePair: [Region, Region];
  micro: Region; // a childless micro-grid
  microPoint: [number, number];
  movable: Region; // a grid without boundary, created for the move test
  archived: Region; // an archived grid, for restore
  user: { id: number; username: string };
  managerId: number;
  dept: number;
  zone: { id: number; version: number };
  token: number;
  subtreeIds: Set<number>;
  subtreeCodes: Set<string>;
  userIds: Set<number>;
  reg: ResidentFixtures; // residents and a household in `grid`
  imp: ImportFixtures; // a finished import job by the community's manager (with an error workbook)
  housing: HousingFixtures; // an estate, building, dwelling with a tenant, and a running lease in `grid`
  pl: PlaceFixtures; // places, organizations (one in an estate) and assets in `grid` / at `microPoint`
}
const sides = {} as Record<'A' | 'B', Side>;

const PASSWORD = 'Scope2026pw';
const api = (url: string) => `/api/v1${url}`;

async function rows<T>(query: SQL | string): Promise<T[]> {
  const res = await t.database.db.execute(typeof query === 'string' ? sql.raw(query) : query);
  return (res as unknown as { rows: T[] }).rows;
}
const regionByCode = async (code: string) => (await rows<Region>(sql`SELECT id, code, name, path, level, version, parent_id FROM regions WHERE code = ${code}`))[0];
const regionById = async (id: number) => (await rows<Region>(sql`SELECT id, code, name, path, level, version, parent_id FROM regions WHERE id = ${id}`))[0];

async function ok(res: LightMyRequestResponse, status = 200) {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body.slice(0, 300)}`);
  return res.statusCode === 204 ? null : res.json();
}

/** Everything a refused request must leave alone. Compared as text so both engines agree. */
async function snapshot() {
  const [counts] = await rows<Record<string, string>>(`SELECT
    (SELECT count(*) FROM regions)::text AS regions, (SELECT max(id) FROM regions)::text AS regions_max,
    (SELECT count(*) FROM users)::text AS users, (SELECT max(id) FROM users)::text AS users_max,
    (SELECT count(*) FROM departments)::text AS departments, (SELECT max(id) FROM departments)::text AS departments_max,
    (SELECT count(*) FROM audit_log)::text AS audit, (SELECT max(id) FROM audit_log)::text AS audit_max,
    (SELECT count(*) FROM grid_zones)::text AS zones, (SELECT count(*) FROM api_tokens)::text AS tokens,
    (SELECT count(*) FROM sessions)::text AS sessions,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, name, version, path, parent_id, archived_at, attributes::text, md5(coalesce(boundary::text, ''))), '|' ORDER BY id), '')) FROM regions) AS regions_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, username, display_name, roles::text, scope_region_id, department_id, status, failed_attempts, locked_until, password_hash, must_change_password, mobile_hash), '|' ORDER BY id), '')) FROM users) AS users_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, code, name, service_area_id), '|' ORDER BY id), '')) FROM departments) AS departments_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, name, version, grid_ids::text, chief_user_id, deputy_user_ids::text, archived_at), '|' ORDER BY id), '')) FROM grid_zones) AS zones_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, revoked_at), '|' ORDER BY id), '')) FROM api_tokens) AS tokens_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', key, value::text), '|' ORDER BY key), '')) FROM settings) AS settings_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, name, version, region_path, household_id, household_role, dwelling_id, tags::text, seasonal, archived_at, left_reason, id_number_hash, mobile_hash, note), '|' ORDER BY id), '')) FROM residents) AS residents_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, number, version, region_path, dwelling_id, head_resident_id, archived_at), '|' ORDER BY id), '')) FROM households) AS households_hash,
    (SELECT count(*) FROM resident_moves)::text AS resident_moves,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, resident_id, arrive_on, leave_on, note), '|' ORDER BY id), '')) FROM resident_stays) AS stays_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', code, name_zh, name_en, sort, active), '|' ORDER BY code), '')) FROM care_groups) AS care_groups_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, name, kind, version, region_path, credit_code, contact_mobile_hash, employees, status, archived_at), '|' ORDER BY id), '')) FROM places) AS places_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, name, kind, subkind, version, region_path, estate_id, leader_resident_id, description, archived_at), '|' ORDER BY id), '')) FROM organizations) AS organizations_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', organization_id, resident_id, role), '|' ORDER BY organization_id, resident_id), '')) FROM organization_members) AS members_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, code, name, version, region_path, lng, lat, status, department_id, archived_at), '|' ORDER BY id), '')) FROM assets) AS assets_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, name, version, region_path, property_company_id, unmanaged, archived_at), '|' ORDER BY id), '')) FROM estates) AS estates_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, number, version, region_path, estate_id, unit_count, floors, archived_at), '|' ORDER BY id), '')) FROM buildings) AS buildings_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, building_id, number, label), '|' ORDER BY id), '')) FROM units) AS units_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, building_id, unit_number, number, version, region_path, area, occupancy, archived_at), '|' ORDER BY id), '')) FROM dwellings) AS dwellings_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', id, dwelling_id, version, landlord_name, landlord_mobile_hash, lease_end, monthly_rent, ended_at, archived_at), '|' ORDER BY id), '')) FROM rentals) AS rentals_hash,
    (SELECT md5(coalesce(string_agg(concat_ws(',', region_id, measure, value), '|' ORDER BY region_id, measure), '')) FROM region_counters) AS counters_hash`);
  // Party and workforce tables: whole rows as text (a refused request changes none of them).
  for (const table of EXTRA_SNAPSHOT_TABLES) {
    const [r] = await rows<{ h: string; n: string }>(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) AS h, count(*)::text AS n FROM ${table} x`);
    counts[`${table}_hash`] = `${r.n}:${r.h}`;
  }
  return counts;
}
let before: Awaited<ReturnType<typeof snapshot>>;

function centroid(b: Polygon): [number, number] {
  const ring = b.coordinates[0].slice(0, -1);
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
}

async function setUpSide(key: 'A' | 'B', manager: string): Promise<Side> {
  const scopeCode = t.demo!.city.accounts.find((a) => a.username === manager)!.scopeCode!;
  const community = await regionByCode(scopeCode);
  const kids = await rows<Region & { n: number }>(sql`SELECT r.id, r.code, r.name, r.path, r.level, r.version, r.parent_id,
      (SELECT count(*)::int FROM regions c WHERE c.parent_id = r.id) AS n
    FROM regions r WHERE r.parent_id = ${community.id} ORDER BY r.code`);
  const splitGrid = kids.find((g) => g.n >= 2)!;
  const others = kids.filter((g) => g.id !== splitGrid.id && g.n >= 1);
  const grid = others[0];
  const mergePair: [Region, Region] = [others[1], others[2]];
  const micro = (await rows<Region>(sql`SELECT id, code, name, path, level, version, parent_id FROM regions WHERE parent_id = ${grid.id} ORDER BY code LIMIT 1`))[0];
  const [{ boundary }] = await rows<{ boundary: Polygon | string }>(sql`SELECT boundary FROM regions WHERE id = ${micro.id}`);
  const microPoint = centroid(typeof boundary === 'string' ? JSON.parse(boundary) : boundary);
  const splitChild = (await rows<{ id: number }>(sql`SELECT id FROM regions WHERE parent_id = ${splitGrid.id} ORDER BY code LIMIT 1`))[0].id;

  const create = (url: string, payload: object, cookie = admin, status = 201) => t.as(cookie, { method: 'POST', url: api(url), payload }).then((r) => ok(r, status));
  const movable = await regionById((await create('/regions', { parentId: community.id, name: `可移动网格${key}` })).id);
  const archivedId = (await create('/regions', { parentId: community.id, name: `已归档网格${key}` })).id;
  await ok(await t.as(admin, { method: 'POST', url: api(`/regions/${archivedId}/archive`) }));
  const archived = await regionById(archivedId);
  const user = await create('/users', { username: `scope_${key.toLowerCase()}`, displayName: `网格员${key}`, password: PASSWORD, roles: ['gridWorker'], scopeRegionId: community.id });
  await create('/users', { username: `power_${key.toLowerCase()}`, displayName: `区级权限${key}`, password: PASSWORD, roles: ['districtStaff'], scopeRegionId: community.id });
  const dept = await create('/departments', { code: `DEP-${key}`, name: `社区服务站${key}`, serviceAreaId: community.id });
  const zone = await create(`/regions/${community.id}/zones`, { name: `${key}片`, gridIds: [grid.id], chiefUserId: user.id, deputyUserIds: [] });
  const cookie = await t.login(manager);
  const token = await create('/tokens', { name: `token-${key}` }, cookie);
  const subtree = await rows<{ id: number; code: string }>(sql`SELECT id, code FROM regions WHERE path LIKE ${`${community.path}%`}`);
  const scopedUsers = await rows<{ id: number; username: string }>(
    sql`SELECT u.id, u.username FROM users u JOIN regions r ON r.id = u.scope_region_id WHERE r.path LIKE ${`${community.path}%`}`,
  );
  return {
    key,
    manager,
    cookie,
    power: await t.login(`power_${key.toLowerCase()}`, PASSWORD),
    community,
    grid,
    splitGrid,
    splitChild,
    mergePair,
    micro,
    microPoint,
    movable,
    archived,
    user: { id: user.id, username: user.username },
    managerId: scopedUsers.find((u) => u.username === manager)!.id,
    dept: dept.id,
    zone: { id: zone.id, version: zone.version },
    token: token.id,
    subtreeIds: new Set(subtree.map((r) => r.id)),
    subtreeCodes: new Set(subtree.map((r) => r.code)),
    userIds: new Set(scopedUsers.map((u) => u.id)),
    reg: await residentFixtures(t, admin, key, grid.id),
    imp: await importFixtures(t, cookie, key, grid.code),
    housing: await housingFixtures(t, admin, key, { communityId: community.id, gridId: grid.id }),
    pl: await placeFixtures(t, admin, key, { communityId: community.id, gridId: grid.id, point: microPoint }),
  };
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = await t.login('admin');
  sides.A = await setUpSide('A', 'sq01');
  sides.B = await setUpSide('B', 'sq02');
  street = await t.login('jd01');
  bm01 = await t.login('bm01');
  before = await snapshot();
});
afterAll(() => t.close());

// ---------------------------------------------------------------------------------------------
// Expectations

export type Actor = 'manager' | 'power';
export type Check = (res: LightMyRequestResponse, actor: Actor, me: Side, them: Side) => void | Promise<void>;
export interface Probe {
  label: string;
  req: InjectOptions;
  check: Check;
  /** Sent without the actor's session. */
  anonymous?: boolean;
}
const probe = (label: string, req: InjectOptions, check: Check, anonymous = false): Probe => ({ label, req, check, anonymous });

function code(res: LightMyRequestResponse): string {
  try {
    return res.json().code;
  } catch {
    return `(not JSON: ${res.body.slice(0, 80)})`;
  }
}

/** 403 SCOPE_DENIED; where community staff lack the permission, their 403 PERMISSION_DENIED is as good. */
const scopeDenied = (permissionCommunityStaffLack?: string): Check => (res, actor) => {
  expect(res.statusCode, res.body).toBe(403);
  const allowed = actor === 'manager' && permissionCommunityStaffLack ? ['SCOPE_DENIED', 'PERMISSION_DENIED'] : ['SCOPE_DENIED'];
  expect(allowed, res.body).toContain(code(res));
};
const refusedWith = (status: number, errorCode: string): Check => (res) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(code(res)).toBe(errorCode);
};
const permissionDenied: Check = refusedWith(403, 'PERMISSION_DENIED');

/** A 200 list whose items (ids picked by `ids`) contain nothing of the other side. */
const listWithout = (ids: (body: any) => number[], of: (them: Side) => Set<number>, mustHave?: (me: Side) => number[]): Check => (res, _a, me, them) => {
  expect(res.statusCode, res.body).toBe(200);
  const got = ids(res.json());
  const theirs = of(them);
  expect(got.filter((id) => theirs.has(id))).toEqual([]);
  if (mustHave) for (const id of mustHave(me)) expect(got).toContain(id);
};
const itemIds = (b: { items: { id: number }[] }) => b.items.map((i) => i.id);
const regionsOf = (s: Side) => s.subtreeIds;
const usersOf = (s: Side) => s.userIds;

const get = (url: string): InjectOptions => ({ method: 'GET', url: api(url) });
const post = (url: string, payload?: object): InjectOptions => ({ method: 'POST', url: api(url), ...(payload ? { payload } : {}) });
const patch = (url: string, payload: object): InjectOptions => ({ method: 'PATCH', url: api(url), payload });
const put = (url: string, payload: object): InjectOptions => ({ method: 'PUT', url: api(url), payload });
const del = (url: string): InjectOptions => ({ method: 'DELETE', url: api(url) });

const featureCollection = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });
const gridFeature = (code: string, name: string, parentCode: string) => ({
  type: 'Feature',
  geometry: null,
  properties: { code, name, level: 5, kind: 'residential', parentCode },
});
const importReq = (body: string): InjectOptions => ({ method: 'POST', url: api('/regions/import?format=geojson'), payload: body, headers: { 'content-type': 'application/geo+json' } });

// ---------------------------------------------------------------------------------------------
// The table: every route, how a sibling is kept out (`cross`), and what the street may do (`street`).
// `cross` requests must not change anything; `street` requests marked `writes` run last.

export interface Entry {
  /** Requests by one community's staff (and its power user) against the other community. */
  cross: (me: Side, them: Side) => Probe[];
  /** Requests by the street's staff on one community's data, expected to succeed. */
  street?: (side: Side, other: Side) => Probe[];
  streetWrites?: boolean;
}

const expectStatus = (status: number, extra?: (body: any, side: Side) => void) => (res: LightMyRequestResponse, _a: Actor, side: Side) => {
  expect(res.statusCode, res.body).toBe(status);
  if (extra) extra(status === 204 ? null : res.json(), side);
};

/** What the row files in ./scope/ get from this table's harness. */
const kit = {
  probe, get, post, patch, put, del, scopeDenied, refusedWith, permissionDenied, listWithout, itemIds, expectStatus, rows, ok,
  app: () => t,
  sides: () => sides,
  street: () => street,
  admin: () => admin,
};
export type ScopeKit = typeof kit;

const TABLE: Record<string, Entry> = {
  ...partyOrgsScopeRows(kit),
  ...partyLinksScopeRows(kit),
  ...partyRegistrationsScopeRows(kit),
  ...workforceScopeRows(kit),
  ...workforceRulesScopeRows(kit),
  'GET /api/v1/health': {
    cross: () => [probe('public health check carries no data', get('/health'), (res) => expect(res.json()).toEqual({ ok: true }))],
  },
  'POST /api/v1/auth/login': {
    // Public; a session is always the account that logged in. (Wrong passwords would change the
    // database, so only a malformed login is tried here; lockout is auth.test.ts's business.)
    cross: (_me, them) => [probe('login with an extra target field', post('/auth/login', { login: them.manager, password: DEMO_PASSWORD, userId: them.managerId }), refusedWith(400, 'VALIDATION_FAILED'))],
  },
  'POST /api/v1/auth/logout': {
    // Logout only ends the caller's own session (tried at the very end, see below).
    cross: () => [probe('logout without a session', post('/auth/logout'), refusedWith(401, 'AUTH_REQUIRED'), true)],
  },
  'GET /api/v1/auth/me': {
    cross: (me) => [probe('me is myself', get('/auth/me'), (res, actor) => {
      expect(res.statusCode).toBe(200);
      expect(res.json().user.username).toBe(actor === 'manager' ? me.manager : `power_${me.key.toLowerCase()}`);
    })],
  },
  'POST /api/v1/auth/password': {
    cross: (_me, them) => [
      probe('no way to name another account', post('/auth/password', { oldPassword: 'x', newPassword: 'abcdefg123', userId: them.user.id }), refusedWith(400, 'VALIDATION_FAILED')),
    ],
  },
  'GET /api/v1/users': {
    cross: (me, them) => [
      probe('list', get('/users?limit=500'), listWithout(itemIds, usersOf, (m) => [m.user.id])),
      probe('search by their username', get(`/users?q=${them.user.username}`), listWithout(itemIds, usersOf)),
      probe('search by their manager', get(`/users?q=${them.manager}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
    ],
    street: (side) => [probe('street lists both communities', get('/users?limit=500'), expectStatus(200, (b, s) => expect(itemIds(b)).toEqual(expect.arrayContaining([...s.userIds]))))],
  },
  'GET /api/v1/users/:id': {
    cross: (_me, them) => [probe('their user', get(`/users/${them.user.id}`), scopeDenied()), probe('their manager', get(`/users/${them.managerId}`), scopeDenied())],
    street: (side) => [probe('user', get(`/users/${side.user.id}`), expectStatus(200))],
  },
  'POST /api/v1/users': {
    cross: (me, them) => [
      probe('scoped to their community', post('/users', { username: `x_${me.key}_${them.key}1`, displayName: 'x', password: PASSWORD, roles: ['gridWorker'], scopeRegionId: them.community.id }), scopeDenied()),
      probe('scoped to their grid', post('/users', { username: `x_${me.key}_${them.key}2`, displayName: 'x', password: PASSWORD, roles: ['gridWorker'], scopeRegionId: them.grid.id }), scopeDenied()),
      probe('in their department', post('/users', { username: `x_${me.key}_${them.key}3`, displayName: 'x', password: PASSWORD, roles: ['gridWorker'], scopeRegionId: me.community.id, departmentId: them.dept }), scopeDenied()),
    ],
    street: (side) => [probe('create', post('/users', { username: `street_${side.key.toLowerCase()}`, displayName: '街道建', password: PASSWORD, roles: ['gridWorker'], scopeRegionId: side.grid.id }), expectStatus(201))],
    streetWrites: true,
  },
  'PATCH /api/v1/users/:id': {
    cross: (me, them) => [
      probe('their user', patch(`/users/${them.user.id}`, { displayName: '改名' }), scopeDenied()),
      probe('disable their manager', patch(`/users/${them.managerId}`, { status: 'disabled' }), scopeDenied()),
      probe('move my user into their community', patch(`/users/${me.user.id}`, { scopeRegionId: them.community.id }), scopeDenied()),
      probe('put my user in their department', patch(`/users/${me.user.id}`, { departmentId: them.dept }), scopeDenied()),
    ],
    street: (side) => [probe('patch', patch(`/users/${side.user.id}`, { displayName: `街道改${side.key}` }), expectStatus(200, (b, s) => expect(b.displayName).toBe(`街道改${s.key}`)))],
    streetWrites: true,
  },
  'POST /api/v1/users/:id/reset-password': {
    cross: (_me, them) => [probe('reset theirs', post(`/users/${them.user.id}/reset-password`, { password: 'Hijack2026x' }), scopeDenied())],
    street: (side) => [probe('reset', post(`/users/${side.user.id}/reset-password`, { password: 'Street2026x' }), expectStatus(204))],
    streetWrites: true,
  },
  'POST /api/v1/users/:id/unlock': {
    cross: (_me, them) => [probe('unlock theirs', post(`/users/${them.user.id}/unlock`), scopeDenied())],
    street: (side) => [probe('unlock', post(`/users/${side.user.id}/unlock`), expectStatus(204))],
    streetWrites: true,
  },
  'GET /api/v1/tokens': {
    // Tokens belong to a person, not a region: the list is the caller's own.
    cross: (_me, them) => [probe('only mine', get('/tokens'), (res) => {
      expect(res.statusCode).toBe(200);
      expect(itemIds(res.json())).not.toContain(them.token);
    })],
  },
  'POST /api/v1/tokens': {
    cross: (_me, them) => [probe('no way to mint for another user', post('/tokens', { name: 'x', userId: them.user.id }), refusedWith(400, 'VALIDATION_FAILED'))],
    street: () => [probe('own token', post('/tokens', { name: 'street' }), expectStatus(201, (b) => expect(b.token).toMatch(/^wg_/)))],
    streetWrites: true,
  },
  'DELETE /api/v1/tokens/:id': {
    cross: (_me, them) => [probe('revoke their token', del(`/tokens/${them.token}`), refusedWith(404, 'TOKEN_NOT_FOUND'))],
  },
  'GET /api/v1/departments': {
    cross: () => [probe('list', get('/departments'), listWithout((b) => itemIds(b), (s) => new Set([s.dept]), (m) => [m.dept]))],
    street: (side) => [probe('street sees both', get('/departments'), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(s.dept)))],
  },
  'POST /api/v1/departments': {
    cross: (me, them) => [probe('serving their community', post('/departments', { code: `X-${me.key}${them.key}`, name: 'x', serviceAreaId: them.community.id }), scopeDenied('departments.manage'))],
    // Street staff hold no departments.manage: they may see departments, not create them.
    street: (side) => [probe('street may not', post('/departments', { code: `S-${side.key}`, name: 'x', serviceAreaId: side.community.id }), permissionDenied)],
  },
  'PATCH /api/v1/departments/:id': {
    cross: (me, them) => [
      probe('rename theirs', patch(`/departments/${them.dept}`, { name: '改名' }), scopeDenied('departments.manage')),
      probe('move mine to serve their community', patch(`/departments/${me.dept}`, { serviceAreaId: them.community.id }), scopeDenied('departments.manage')),
    ],
    street: (side) => [probe('street may not', patch(`/departments/${side.dept}`, { name: '改名' }), permissionDenied)],
  },
  'GET /api/v1/regions/roots': {
    cross: () => [probe('roots', get('/regions/roots'), listWithout(itemIds, regionsOf, (m) => [m.community.id]))],
    street: () => [probe('street root', get('/regions/roots'), expectStatus(200, (b) => expect(b.items).toHaveLength(1)))],
  },
  'GET /api/v1/regions/search': {
    cross: (me, them) => [
      probe('by their code', get(`/regions/search?q=${them.community.code}`), listWithout(itemIds, regionsOf)),
      probe('by the street prefix', get(`/regions/search?q=${them.community.code.slice(0, 9)}&limit=50`), listWithout(itemIds, regionsOf, (m) => [m.community.id])),
      probe('by their name', get(`/regions/search?q=${encodeURIComponent(them.community.name)}`), listWithout(itemIds, regionsOf)),
      probe('by their grid code', get(`/regions/search?q=${them.grid.code}`), listWithout(itemIds, regionsOf)),
      probe('by micro-grid level', get('/regions/search?q=0&level=6&limit=50'), listWithout(itemIds, regionsOf)),
    ],
    street: (side) => [probe('search', get(`/regions/search?q=${side.community.code}`), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(s.community.id)))],
  },
  'GET /api/v1/regions/locate': {
    cross: (_me, them) => [probe('a point in their micro-grid', get(`/regions/locate?lng=${them.microPoint[0]}&lat=${them.microPoint[1]}`), (res) => {
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ community: null, grid: null, microGrid: null });
    })],
    street: (side) => [probe('locate', get(`/regions/locate?lng=${side.microPoint[0]}&lat=${side.microPoint[1]}`), expectStatus(200, (b, s) => expect(b.microGrid?.id).toBe(s.micro.id)))],
  },
  'GET /api/v1/regions/export': {
    cross: (me, them) => [
      probe('their subtree', get(`/regions/export?format=geojson&rootId=${them.community.id}`), scopeDenied()),
      probe('their subtree as Excel', get(`/regions/export?format=xlsx&rootId=${them.grid.id}`), scopeDenied()),
      probe('everything I see', get('/regions/export?format=geojson'), (res) => {
        expect(res.statusCode).toBe(200);
        const codes: string[] = res.json().features.map((f: { properties: { code: string } }) => f.properties.code);
        expect(codes.filter((c) => them.subtreeCodes.has(c))).toEqual([]);
        expect(codes).toContain(me.community.code);
      }),
    ],
    street: (side) => [probe('export', get(`/regions/export?format=geojson&rootId=${side.community.id}`), expectStatus(200, (b, s) => expect(b.features.length).toBeGreaterThan(s.subtreeIds.size - 3)))],
  },
  'POST /api/v1/regions/import': {
    cross: (me, them) => [
      probe('a new grid under their community', importReq(featureCollection([gridFeature(gridCode('residential', them.community.code, 97), '越界网格', them.community.code)])), (res) => {
        refusedWith(400, 'IMPORT_INVALID')(res, 'manager', me, them);
        expect(res.json().details).toEqual([expect.objectContaining({ field: 'parentCode', reason: 'parent outside your scope' })]);
      }),
      probe('renaming their grid', importReq(featureCollection([gridFeature(them.grid.code, '改名网格', them.community.code)])), (res) => {
        refusedWith(400, 'IMPORT_INVALID')(res, 'manager', me, them);
        expect(res.json().details[0]).toMatchObject({ field: 'code', reason: 'exists outside your scope' });
      }),
      probe('mixed with a valid row of mine, nothing is imported', importReq(featureCollection([
        gridFeature(gridCode('residential', me.community.code, 96), '本社区新网格', me.community.code),
        gridFeature(gridCode('residential', them.community.code, 96), '越界网格', them.community.code),
      ])), refusedWith(400, 'IMPORT_INVALID')),
    ],
    street: (side) => [probe('import a grid', importReq(featureCollection([gridFeature(gridCode('residential', side.community.code, 95), '街道导入网格', side.community.code)])), expectStatus(200, (b) => expect(b).toMatchObject({ added: 1 })))],
    streetWrites: true,
  },
  'PUT /api/v1/regions/size-rules': {
    cross: (_me, them) => [probe('rules for their city via their community', put('/regions/size-rules', { regionId: them.community.id, rules: DEFAULT_SIZE_RULES }), scopeDenied('settings.write'))],
    street: (side) => [probe('street may not', put('/regions/size-rules', { regionId: side.community.id, rules: DEFAULT_SIZE_RULES }), permissionDenied)],
  },
  'GET /api/v1/regions/:id': {
    cross: (_me, them) => [
      probe('their community', get(`/regions/${them.community.id}`), scopeDenied()),
      probe('their grid', get(`/regions/${them.grid.id}`), scopeDenied()),
      probe('their micro-grid', get(`/regions/${them.micro.id}`), scopeDenied()),
      probe('their archived grid', get(`/regions/${them.archived.id}`), scopeDenied()),
    ],
    street: (side) => [
      probe('community', get(`/regions/${side.community.id}`), expectStatus(200)),
      probe('micro-grid', get(`/regions/${side.micro.id}`), expectStatus(200)),
    ],
  },
  'GET /api/v1/regions/:id/children': {
    cross: (_me, them) => [probe('their community', get(`/regions/${them.community.id}/children`), scopeDenied()), probe('their grid', get(`/regions/${them.grid.id}/children?includeArchived=true`), scopeDenied())],
    street: (side) => [probe('children', get(`/regions/${side.community.id}/children`), expectStatus(200, (b) => expect(b.items.length).toBeGreaterThan(0)))],
  },
  'GET /api/v1/regions/:id/geojson': {
    cross: (_me, them) => [probe('their map', get(`/regions/${them.community.id}/geojson?depth=3`), scopeDenied())],
    street: (side) => [probe('map', get(`/regions/${side.community.id}/geojson`), expectStatus(200, (b) => expect(b.features.length).toBeGreaterThan(0)))],
  },
  'GET /api/v1/regions/:id/audit': {
    cross: (_me, them) => [probe('their history', get(`/regions/${them.community.id}/audit`), scopeDenied()), probe('their archived grid', get(`/regions/${them.archived.id}/audit`), scopeDenied())],
    street: (side) => [probe('history', get(`/regions/${side.archived.id}/audit`), expectStatus(200, (b) => expect(b.items.map((i: { action: string }) => i.action)).toContain('region.archive')))],
  },
  'POST /api/v1/regions': {
    cross: (_me, them) => [
      probe('child of their community', post('/regions', { parentId: them.community.id, name: '越界网格' }), scopeDenied()),
      probe('child of their grid', post('/regions', { parentId: them.grid.id, name: '越界微网格' }), scopeDenied()),
      probe('with a free code of theirs', post('/regions', { parentId: them.community.id, name: 'x', code: gridCode('residential', them.community.code, 98) }), scopeDenied()),
    ],
    street: (side) => [probe('create', post('/regions', { parentId: side.community.id, name: '街道新建网格' }), expectStatus(201))],
    streetWrites: true,
  },
  'PATCH /api/v1/regions/:id': {
    cross: (_me, them) => [
      probe('rename their community', patch(`/regions/${them.community.id}`, { version: them.community.version, name: '改名社区' }), scopeDenied()),
      probe('rename their grid', patch(`/regions/${them.grid.id}`, { version: them.grid.version, name: '改名网格', attributes: { x: 1 } }), scopeDenied()),
      probe('clear their micro-grid boundary', patch(`/regions/${them.micro.id}`, { version: them.micro.version, boundary: null }), scopeDenied()),
    ],
    street: (side) => [probe('rename', patch(`/regions/${side.grid.id}`, { version: side.grid.version, name: `${side.grid.name}（街道改）` }), expectStatus(200))],
    streetWrites: true,
  },
  'POST /api/v1/regions/:id/move': {
    cross: (me, them) => [
      probe('their grid into my community', post(`/regions/${them.movable.id}/move`, { newParentId: me.community.id }), scopeDenied()),
      probe('my grid into their community', post(`/regions/${me.movable.id}/move`, { newParentId: them.community.id }), scopeDenied()),
      probe('their micro-grid under my grid', post(`/regions/${them.micro.id}/move`, { newParentId: me.grid.id }), scopeDenied()),
    ],
    // The street moves a boundary-less grid from one community to the other.
    street: (side, other) => [probe('move across', post(`/regions/${side.movable.id}/move`, { newParentId: other.community.id }), expectStatus(200, (b) => expect(b.parentId).toBe(other.community.id)))],
    streetWrites: true,
  },
  'POST /api/v1/regions/:id/merge': {
    cross: (me, them) => [
      probe('two of their grids', post(`/regions/${them.mergePair[0].id}/merge`, { otherId: them.mergePair[1].id }), scopeDenied()),
      probe('absorb their grid into mine', post(`/regions/${me.mergePair[0].id}/merge`, { otherId: them.mergePair[0].id }), scopeDenied()),
    ],
    street: (side) => [probe('merge', post(`/regions/${side.mergePair[0].id}/merge`, { otherId: side.mergePair[1].id }), expectStatus(200))],
    streetWrites: true,
  },
  'POST /api/v1/regions/:id/split': {
    cross: (_me, them) => [
      probe('their grid by children', post(`/regions/${them.splitGrid.id}/split`, { childIds: [them.splitChild], name: '拆出' }), scopeDenied()),
      probe('their grid by a line', post(`/regions/${them.splitGrid.id}/split`, { line: { type: 'LineString', coordinates: [[0, 0], [180, 80]] } }), scopeDenied()),
    ],
    street: (side) => [probe('split', post(`/regions/${side.splitGrid.id}/split`, { childIds: [side.splitChild], name: '街道拆出网格' }), expectStatus(200, (b) => expect(b.items).toHaveLength(2)))],
    streetWrites: true,
  },
  'POST /api/v1/regions/:id/archive': {
    cross: (_me, them) => [probe('their micro-grid', post(`/regions/${them.micro.id}/archive`), scopeDenied()), probe('their community', post(`/regions/${them.community.id}/archive`), scopeDenied())],
    street: (side) => [probe('archive', post(`/regions/${side.micro.id}/archive`), expectStatus(200, (b) => expect(b.archived).toBe(true)))],
    streetWrites: true,
  },
  'POST /api/v1/regions/:id/restore': {
    cross: (_me, them) => [probe('their archived grid', post(`/regions/${them.archived.id}/restore`), scopeDenied())],
    street: (side) => [probe('restore', post(`/regions/${side.archived.id}/restore`), expectStatus(200, (b) => expect(b.archived).toBe(false)))],
    streetWrites: true,
  },
  'GET /api/v1/regions/:id/zones': {
    cross: (_me, them) => [probe('their zones', get(`/regions/${them.community.id}/zones`), scopeDenied())],
    street: (side) => [probe('zones', get(`/regions/${side.community.id}/zones`), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(s.zone.id)))],
  },
  'POST /api/v1/regions/:id/zones': {
    cross: (me, them) => [
      probe('a zone in their community', post(`/regions/${them.community.id}/zones`, { name: 'x', gridIds: [], chiefUserId: null, deputyUserIds: [] }), scopeDenied()),
      probe('their grid in my zone', post(`/regions/${me.community.id}/zones`, { name: 'x', gridIds: [them.grid.id], chiefUserId: null, deputyUserIds: [] }), (res) => {
        expect([400, 403], res.body).toContain(res.statusCode);
        expect(['ZONE_INVALID', 'SCOPE_DENIED']).toContain(code(res));
      }),
      probe('their user as my chief', post(`/regions/${me.community.id}/zones`, { name: 'x', gridIds: [], chiefUserId: them.user.id, deputyUserIds: [] }), scopeDenied()),
      probe('their user as my deputy', post(`/regions/${me.community.id}/zones`, { name: 'x', gridIds: [], chiefUserId: null, deputyUserIds: [them.managerId] }), scopeDenied()),
    ],
    street: (side) => [probe('create zone', post(`/regions/${side.community.id}/zones`, { name: '街道片', gridIds: [], chiefUserId: side.user.id, deputyUserIds: [] }), expectStatus(201))],
    streetWrites: true,
  },
  'PUT /api/v1/zones/:id': {
    cross: (_me, them) => [probe('their zone', put(`/zones/${them.zone.id}`, { version: them.zone.version, name: 'x', gridIds: [], chiefUserId: null, deputyUserIds: [] }), scopeDenied())],
    street: (side) => [probe('update zone', put(`/zones/${side.zone.id}`, { version: side.zone.version, name: '街道改片', gridIds: [side.grid.id], chiefUserId: null, deputyUserIds: [side.user.id] }), expectStatus(200))],
    streetWrites: true,
  },
  'POST /api/v1/zones/:id/archive': {
    cross: (_me, them) => [probe('their zone', post(`/zones/${them.zone.id}/archive`), scopeDenied())],
    street: (side) => [probe('archive zone', post(`/zones/${side.zone.id}/archive`), expectStatus(204))],
    streetWrites: true,
  },
  // Residents, households (registry): every row lies in a region; a sibling's residents are out of
  // reach by id, by list and by every search key (name, initials, last 4, full ID, mobile).
  'GET /api/v1/residents': {
    cross: (me, them) => [
      probe('list', get('/residents?limit=500'), listWithout(itemIds, (s) => new Set([s.reg.main.id, s.reg.member.id, s.reg.patch.id]), (m) => [m.reg.main.id])),
      probe('by their name', get(`/residents?q=${encodeURIComponent(them.reg.main.name)}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
      probe('by their last 4', get(`/residents?q=${them.reg.main.idNumber.slice(-4)}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
      probe('by their full ID number', get(`/residents?q=${them.reg.main.idNumber}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
      probe('by their mobile', get(`/residents?q=${them.reg.main.mobile}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
      probe('in their household', get(`/residents?householdId=${them.reg.household.id}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
      probe('in their grid', get(`/residents?regionId=${them.grid.id}`), scopeDenied()),
    ],
    street: (side) => [
      probe('street lists both', get('/residents?limit=500'), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(s.reg.main.id))),
      probe('street finds by mobile', get(`/residents?q=${side.reg.main.mobile}`), expectStatus(200, (b, s) => expect(itemIds(b)).toEqual([s.reg.main.id]))),
    ],
  },
  'GET /api/v1/residents/:id': {
    cross: (_me, them) => [probe('their resident', get(`/residents/${them.reg.main.id}`), scopeDenied())],
    street: (side) => [probe('resident', get(`/residents/${side.reg.main.id}`), expectStatus(200, (b) => expect(b.idNumberMasked).toMatch(/\*{11}/)))],
  },
  'GET /api/v1/residents/:id/pii': {
    cross: (_me, them) => [probe('their full ID number', get(`/residents/${them.reg.main.id}/pii`), scopeDenied())],
    // Writes an audit row (pii.view), so it runs with the writes.
    street: (side) => [probe('reveal', get(`/residents/${side.reg.main.id}/pii`), expectStatus(200, (b, s) => expect(b.idNumber).toBe(s.reg.main.idNumber)))],
    streetWrites: true,
  },
  'POST /api/v1/residents': {
    cross: (me, them) => [
      probe('in their grid', post('/residents', { name: '越界', ethnicity: '汉族', idNumber: idNumber('1990-01-01', me.key === 'A' ? 301 : 302), residenceType: 'registered', householdRole: 'head', regionId: them.grid.id }), scopeDenied()),
      probe('joining their household', post('/residents', { name: '越界', ethnicity: '汉族', idNumber: idNumber('1990-01-01', me.key === 'A' ? 303 : 304), residenceType: 'registered', householdRole: 'child', regionId: me.grid.id, householdId: them.reg.household.id }), scopeDenied()),
    ],
    street: (side) => [probe('create', post('/residents', { name: '街道登记', ethnicity: '汉族', idNumber: idNumber('1990-01-01', side.key === 'A' ? 401 : 402), residenceType: 'migrant', householdRole: 'head', regionId: side.grid.id }), expectStatus(201))],
    streetWrites: true,
  },
  'PATCH /api/v1/residents/:id': {
    cross: (_me, them) => [probe('their resident', patch(`/residents/${them.reg.patch.id}`, { version: them.reg.patch.version, note: '越界' }), scopeDenied())],
    street: (side) => [probe('patch', patch(`/residents/${side.reg.patch.id}`, { version: side.reg.patch.version, note: '街道改' }), expectStatus(200, (b) => expect(b.note).toBe('街道改')))],
    streetWrites: true,
  },
  'POST /api/v1/residents/:id/move': {
    cross: (me, them) => [
      probe('their resident', post(`/residents/${them.reg.move.id}/move`, { regionId: me.grid.id, householdRole: 'head', movedOn: '2024-01-01', version: them.reg.move.version }), scopeDenied()),
      probe('mine into their grid', post(`/residents/${me.reg.move.id}/move`, { regionId: them.grid.id, householdRole: 'head', movedOn: '2024-01-01', version: me.reg.move.version }), scopeDenied()),
      probe('mine into their household', post(`/residents/${me.reg.move.id}/move`, { householdId: them.reg.household.id, householdRole: 'other', movedOn: '2024-01-01', version: me.reg.move.version }), scopeDenied()),
    ],
    street: (side, other) => [probe('move across communities', post(`/residents/${side.reg.move.id}/move`, { regionId: other.grid.id, householdRole: 'head', movedOn: '2024-01-01', version: side.reg.move.version }), expectStatus(200, (b, s) => expect(b.region.id).not.toBe(s.grid.id)))],
    streetWrites: true,
  },
  'POST /api/v1/residents/:id/archive': {
    cross: (_me, them) => [probe('their resident', post(`/residents/${them.reg.archive.id}/archive`, { leftReason: 'movedOut', on: '2024-01-01', version: them.reg.archive.version }), scopeDenied())],
    street: (side) => [probe('archive', post(`/residents/${side.reg.archive.id}/archive`, { leftReason: 'movedOut', on: '2024-01-01', version: side.reg.archive.version }), expectStatus(200, (b) => expect(b.archived).toBe(true)))],
    streetWrites: true,
  },
  'POST /api/v1/residents/:id/restore': {
    cross: (_me, them) => [probe('their archived resident', post(`/residents/${them.reg.archived.id}/restore`, { version: them.reg.archived.version }), scopeDenied())],
    street: (side) => [probe('restore', post(`/residents/${side.reg.archived.id}/restore`, { version: side.reg.archived.version }), expectStatus(200, (b) => expect(b.archived).toBe(false)))],
    streetWrites: true,
  },
  'PUT /api/v1/residents/:id/stays': {
    cross: (_me, them) => [probe('their seasonal resident', put(`/residents/${them.reg.seasonal.id}/stays`, { stays: [{ arriveOn: '2024-11-01', leaveOn: null }] }), scopeDenied())],
    street: (side) => [probe('stays', put(`/residents/${side.reg.seasonal.id}/stays`, { stays: [{ arriveOn: '2024-11-01', leaveOn: null }] }), expectStatus(200, (b) => expect(b.stays).toHaveLength(1)))],
    streetWrites: true,
  },
  'GET /api/v1/households': {
    cross: (_me, them) => [
      probe('list', get('/households?limit=500'), listWithout(itemIds, (s) => new Set([s.reg.household.id]), (m) => [m.reg.household.id])),
      probe('in their grid', get(`/households?regionId=${them.grid.id}`), scopeDenied()),
    ],
    street: (side) => [probe('street lists both', get('/households?limit=500'), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(s.reg.household.id)))],
  },
  'GET /api/v1/households/:id': {
    cross: (_me, them) => [probe('their household', get(`/households/${them.reg.household.id}`), scopeDenied())],
    street: (side) => [probe('household', get(`/households/${side.reg.household.id}`), expectStatus(200, (b) => expect(b.memberCount).toBe(2)))],
  },
  'PATCH /api/v1/households/:id': {
    cross: (_me, them) => [probe('their household', patch(`/households/${them.reg.household.id}`, { headResidentId: them.reg.member.id, version: them.reg.household.version }), scopeDenied())],
    street: (side) => [probe('change head', patch(`/households/${side.reg.household.id}`, { headResidentId: side.reg.member.id, version: side.reg.household.version }), expectStatus(200, (b, s) => expect(b.head.id).toBe(s.reg.member.id)))],
    streetWrites: true,
  },
  // Care groups are city-wide configuration, not region-bound: everyone reads the one list; only a
  // settings.write holder whose scope covers a whole city changes it (community staff lack the
  // permission; a districtStaff-role account scoped to a community is refused by scope).
  // Import/export (src/modules/registry/import): jobs are scoped by their importer's scope, every
  // imported row by the importer's scope; exports page through the list with the caller's scope.
  'GET /api/v1/registry/templates/:entity': {
    cross: () => [probe('a template carries no data', get('/registry/templates/resident'), expectStatus(200))],
    street: () => [probe('template', get('/registry/templates/resident'), expectStatus(200))],
  },
  'POST /api/v1/registry/imports': {
    cross: (me, them) => [
      probe('a row in their grid', { method: 'POST', url: api('/registry/imports?entity=resident&mode=all-or-nothing'), payload: me.imp.csvFor(them.grid.code, me.key === 'A' ? 601 : 602), headers: { 'content-type': 'text/csv' } }, async (res) => {
        expect(res.statusCode, res.body).toBe(202);
        const id = res.json().jobId as number;
        await jobSettled(id);
        const [job] = await rows<{ status: string; problems: { reason: { zh: string } }[] }>(sql`SELECT status, problems FROM import_jobs WHERE id = ${id}`);
        expect(job.status).toBe('rejected');
        expect(job.problems[0].reason.zh).toContain('不在您的管辖范围内');
      }),
    ],
  },
  'GET /api/v1/registry/imports': {
    cross: () => [probe('list', get('/registry/imports?limit=100'), listWithout(itemIds, (s) => new Set([s.imp.job]), (m) => [m.imp.job]))],
    street: (side) => [probe('street sees both', get('/registry/imports?limit=100'), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(s.imp.job)))],
  },
  'GET /api/v1/registry/imports/:id': {
    cross: (_me, them) => [probe('their job', get(`/registry/imports/${them.imp.job}`), scopeDenied())],
    street: (side) => [probe('job', get(`/registry/imports/${side.imp.job}`), expectStatus(200, (b) => expect(b).toMatchObject({ status: 'done', added: 1, rejected: 1 })))],
  },
  'GET /api/v1/registry/imports/:id/errors': {
    cross: (_me, them) => [probe('their error workbook', get(`/registry/imports/${them.imp.job}/errors`), scopeDenied())],
    street: (side) => [probe('error workbook (pii.read)', get(`/registry/imports/${side.imp.job}/errors`), expectStatus(200))],
  },
  'GET /api/v1/registry/exports/:entity': {
    cross: (_me, them) => [probe('their grid', get(`/registry/exports/resident?regionId=${them.grid.id}`), scopeDenied())],
    street: (side) => [probe('export (audited)', get(`/registry/exports/resident?regionId=${side.grid.id}`), (res) => {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
    })],
    streetWrites: true,
  },
  'GET /api/v1/care-groups': {
    cross: () => [probe('the one city-wide list', get('/care-groups'), expectStatus(200, (b) => expect(b.items.length).toBeGreaterThan(0)))],
    street: () => [probe('list', get('/care-groups'), expectStatus(200))],
  },
  'POST /api/v1/care-groups': {
    cross: (me) => [probe('add a group for everyone', post('/care-groups', { code: `scope${me.key}`, nameZh: '越界', nameEn: 'x' }), scopeDenied('settings.write'))],
    street: () => [probe('street staff lack settings.write', post('/care-groups', { code: 'scopeStreet', nameZh: '街道', nameEn: 'x' }), permissionDenied)],
  },
  'PATCH /api/v1/care-groups/:code': {
    cross: () => [probe('retire a group for everyone', patch('/care-groups/disabled', { active: false }), scopeDenied('settings.write'))],
    street: () => [probe('street staff lack settings.write', patch('/care-groups/disabled', { active: false }), permissionDenied)],
  },
  // Places, organizations, assets (registry): rows lie in a region of one community; the other's
  // rows are out of reach by id, by list, by search, by map box, and as targets of references.
  'GET /api/v1/places': {
    cross: (_me, them) => [
      probe('list', get('/places?limit=500'), listWithout(itemIds, (s) => new Set([s.pl.place.id, s.pl.placePatch.id, s.pl.placeArchive.id]), (m) => [m.pl.place.id])),
      probe('by their name', get(`/places?q=${encodeURIComponent(them.pl.place.name)}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
      probe('in their grid', get(`/places?regionId=${them.grid.id}`), scopeDenied()),
    ],
    street: (side) => [probe('street lists both', get('/places?limit=500'), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(s.pl.place.id)))],
  },
  'GET /api/v1/places/:id': {
    cross: (_me, them) => [probe('their place', get(`/places/${them.pl.place.id}`), scopeDenied())],
    street: (side) => [probe('place', get(`/places/${side.pl.place.id}`), expectStatus(200, (b) => expect(b.contactMobile).toMatch(/^\d{3}\*{4}\d{4}$/)))],
  },
  'GET /api/v1/places/:id/pii': {
    cross: (_me, them) => [probe('their contact mobile', get(`/places/${them.pl.place.id}/pii`), scopeDenied())],
    // Writes an audit row (pii.view), so it runs with the writes.
    street: (side) => [probe('reveal', get(`/places/${side.pl.place.id}/pii`), expectStatus(200, (b, s) => expect(b.contactMobile).toBe(s.pl.place.mobile)))],
    streetWrites: true,
  },
  'POST /api/v1/places': {
    cross: (_me, them) => [
      probe('in their grid', post('/places', { regionId: them.grid.id, name: '越界', kind: 'shop' }), scopeDenied()),
      // A point inside their community lies in none of my regions: nowhere to place it.
      probe('at their point', post('/places', { name: '越界', kind: 'shop', lng: them.microPoint[0], lat: them.microPoint[1] }), refusedWith(400, 'REGISTRY_PLACEMENT')),
    ],
    street: (side) => [probe('create', post('/places', { regionId: side.grid.id, name: `街道场所${side.key}`, kind: 'market' }), expectStatus(201))],
    streetWrites: true,
  },
  'PATCH /api/v1/places/:id': {
    cross: (me, them) => [
      probe('their place', patch(`/places/${them.pl.placePatch.id}`, { version: them.pl.placePatch.version, name: '越界' }), scopeDenied()),
      probe('mine into their grid', patch(`/places/${me.pl.placePatch.id}`, { version: me.pl.placePatch.version, regionId: them.grid.id }), scopeDenied()),
    ],
    street: (side) => [probe('patch', patch(`/places/${side.pl.placePatch.id}`, { version: side.pl.placePatch.version, employees: 3 }), expectStatus(200, (b) => expect(b.employees).toBe(3)))],
    streetWrites: true,
  },
  'POST /api/v1/places/:id/archive': {
    cross: (_me, them) => [probe('their place', post(`/places/${them.pl.placeArchive.id}/archive`), scopeDenied())],
    street: (side) => [probe('archive', post(`/places/${side.pl.placeArchive.id}/archive`), expectStatus(204))],
    streetWrites: true,
  },
  'GET /api/v1/organizations': {
    cross: (_me, them) => [
      probe('list', get('/organizations?limit=500'), listWithout(itemIds, (s) => new Set([s.pl.org.id, s.pl.orgPatch.id, s.pl.orgArchive.id]), (m) => [m.pl.org.id])),
      probe('by their name', get(`/organizations?q=${encodeURIComponent(them.pl.org.name)}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
      probe('in their community', get(`/organizations?regionId=${them.community.id}`), scopeDenied()),
    ],
    street: (side) => [probe('street lists both', get('/organizations?limit=500'), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(s.pl.org.id)))],
  },
  'GET /api/v1/organizations/:id': {
    cross: (_me, them) => [probe('their organization', get(`/organizations/${them.pl.org.id}`), scopeDenied())],
    street: (side) => [probe('organization', get(`/organizations/${side.pl.orgPatch.id}`), expectStatus(200, (b, s) => expect(b.estate.id).toBe(s.pl.estate)))],
  },
  'POST /api/v1/organizations': {
    cross: (me, them) => [
      probe('in their community', post('/organizations', { regionId: them.community.id, kind: 'communityTeam', subkind: 'culture', name: '越界' }), scopeDenied()),
      probe('my committee for their estate', post('/organizations', { regionId: me.grid.id, kind: 'ownersCommittee', name: '越界业委会', estateId: them.pl.estate }), scopeDenied()),
    ],
    street: (side) => [probe('create', post('/organizations', { regionId: side.community.id, kind: 'newOrganization', subkind: 'social', name: `街道组织${side.key}` }), expectStatus(201))],
    streetWrites: true,
  },
  'PATCH /api/v1/organizations/:id': {
    cross: (me, them) => [
      probe('their organization', patch(`/organizations/${them.pl.orgPatch.id}`, { version: them.pl.orgPatch.version, name: '越界' }), scopeDenied()),
      probe('mine into their community', patch(`/organizations/${me.pl.org.id}`, { version: me.pl.org.version, regionId: them.community.id }), scopeDenied()),
      probe('mine onto their estate', patch(`/organizations/${me.pl.orgPatch.id}`, { version: me.pl.orgPatch.version, estateId: them.pl.estate }), scopeDenied()),
    ],
    street: (side) => [probe('patch', patch(`/organizations/${side.pl.orgPatch.id}`, { version: side.pl.orgPatch.version, description: '街道改' }), expectStatus(200, (b) => expect(b.description).toBe('街道改')))],
    streetWrites: true,
  },
  'PUT /api/v1/organizations/:id/members': {
    cross: (me, them) => [
      probe('their organization', put(`/organizations/${them.pl.org.id}/members`, { members: [] }), scopeDenied()),
      probe('their resident in mine', put(`/organizations/${me.pl.org.id}/members`, { members: [{ residentId: them.reg.main.id, role: 'member' }] }), scopeDenied()),
    ],
    street: (side) => [probe('members', put(`/organizations/${side.pl.org.id}/members`, { members: [{ residentId: side.reg.main.id, role: 'leader' }] }), expectStatus(200, (b, s) => expect(b.leaderResidentId).toBe(s.reg.main.id)))],
    streetWrites: true,
  },
  'POST /api/v1/organizations/:id/archive': {
    cross: (_me, them) => [probe('their organization', post(`/organizations/${them.pl.orgArchive.id}/archive`), scopeDenied())],
    street: (side) => [probe('archive', post(`/organizations/${side.pl.orgArchive.id}/archive`), expectStatus(204))],
    streetWrites: true,
  },
  'GET /api/v1/assets': {
    cross: (_me, them) => [
      probe('list', get('/assets?limit=500'), listWithout(itemIds, (s) => new Set([s.pl.asset.id, s.pl.assetPatch.id, s.pl.assetArchive.id]), (m) => [m.pl.asset.id])),
      probe('map box around their assets', get(`/assets?bbox=${them.pl.asset.lng - 1e-6},${them.pl.asset.lat - 1e-6},${them.pl.asset.lng + 1e-6},${them.pl.asset.lat + 1e-6}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
      probe('in their micro-grid', get(`/assets?regionId=${them.micro.id}`), scopeDenied()),
    ],
    street: (side) => [probe('street lists both', get('/assets?limit=500'), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(s.pl.asset.id)))],
  },
  'GET /api/v1/assets/:id': {
    cross: (_me, them) => [probe('their asset', get(`/assets/${them.pl.asset.id}`), scopeDenied())],
    street: (side) => [probe('asset', get(`/assets/${side.pl.asset.id}`), expectStatus(200, (b, s) => expect(b.code).toBe(s.pl.asset.code)))],
  },
  'POST /api/v1/assets': {
    cross: (me, them) => [
      probe('at their point', post('/assets', { category: '01', subcategory: '01', name: '越界', lng: them.microPoint[0], lat: them.microPoint[1] }), refusedWith(400, 'REGISTRY_PLACEMENT')),
      probe('their code again', post('/assets', { code: them.pl.asset.code, name: '越界', lng: me.microPoint[0], lat: me.microPoint[1] }), (res) => {
        expect([400, 409], res.body).toContain(res.statusCode);
        expect(['REGISTRY_DUPLICATE', 'REGISTRY_FIELD_INVALID']).toContain(code(res));
      }),
    ],
    street: (side) => [probe('create', post('/assets', { category: '04', subcategory: '02', name: `街道部件${side.key}`, lng: side.microPoint[0], lat: side.microPoint[1] }), expectStatus(201))],
    streetWrites: true,
  },
  'PATCH /api/v1/assets/:id': {
    cross: (me, them) => [
      probe('their asset', patch(`/assets/${them.pl.assetPatch.id}`, { version: them.pl.assetPatch.version, status: 'damaged' }), scopeDenied()),
      probe('mine to their point', patch(`/assets/${me.pl.assetPatch.id}`, { version: me.pl.assetPatch.version, lng: them.microPoint[0], lat: them.microPoint[1] }), refusedWith(400, 'REGISTRY_PLACEMENT')),
    ],
    street: (side) => [probe('patch', patch(`/assets/${side.pl.assetPatch.id}`, { version: side.pl.assetPatch.version, status: 'damaged' }), expectStatus(200, (b) => expect(b.status).toBe('damaged')))],
    streetWrites: true,
  },
  'POST /api/v1/assets/:id/archive': {
    cross: (_me, them) => [probe('their asset', post(`/assets/${them.pl.assetArchive.id}/archive`), scopeDenied())],
    street: (side) => [probe('archive', post(`/assets/${side.pl.assetArchive.id}/archive`), expectStatus(204))],
    streetWrites: true,
  },
  // Housing: estates, buildings, dwellings, rentals (fixtures in test/support/housing.ts).
  'GET /api/v1/estates': {
    cross: (me, them) => [
      probe('list', get('/estates?limit=500'), listWithout(itemIds, (s) => new Set([s.housing.estate.id]), (m) => [m.housing.estate.id])),
      probe('by their name', get(`/estates?q=${encodeURIComponent(them.housing.estate.name)}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
      probe('in their community', get(`/estates?regionId=${them.community.id}`), scopeDenied()),
    ],
    street: (side) => [probe('street lists both', get('/estates?limit=500'), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(s.housing.estate.id)))],
  },
  'GET /api/v1/estates/:id': {
    cross: (_me, them) => [probe('their estate', get(`/estates/${them.housing.estate.id}`), scopeDenied())],
    street: (side) => [probe('estate', get(`/estates/${side.housing.estate.id}`), expectStatus(200, (b, s) => expect(b.buildings.map((x: { id: number }) => x.id)).toContain(s.housing.building.id)))],
  },
  'POST /api/v1/estates': {
    cross: (_me, them) => [
      probe('in their community', post('/estates', { regionId: them.community.id, name: '越界小区' }), scopeDenied()),
      probe('in their grid', post('/estates', { regionId: them.grid.id, name: '越界小区' }), scopeDenied()),
    ],
    street: (side) => [probe('create', post('/estates', { regionId: side.community.id, name: '街道建小区' }), expectStatus(201))],
    streetWrites: true,
  },
  'PATCH /api/v1/estates/:id': {
    cross: (me, them) => [
      probe('their estate', patch(`/estates/${them.housing.estate.id}`, { version: them.housing.estate.version, name: '改名' }), scopeDenied()),
      probe('move my estate into their community', patch(`/estates/${me.housing.estate.id}`, { version: me.housing.estate.version, regionId: them.community.id }), scopeDenied()),
    ],
    street: (side) => [probe('patch', patch(`/estates/${side.housing.estate.id}`, { version: side.housing.estate.version, address: '街道改地址' }), expectStatus(200, (b) => expect(b.address).toBe('街道改地址')))],
    streetWrites: true,
  },
  'POST /api/v1/estates/:id/archive': {
    cross: (_me, them) => [probe('their estate', post(`/estates/${them.housing.estate.id}/archive`), scopeDenied())],
    // The street reaches the estate and is told why it stays: it still has a building.
    street: (side) => [probe('archive refused while in use', post(`/estates/${side.housing.estate.id}/archive`), refusedWith(409, 'REGISTRY_IN_USE'))],
  },
  'GET /api/v1/buildings': {
    cross: (_me, them) => [
      probe('list', get('/buildings?limit=500'), listWithout(itemIds, (s) => new Set([s.housing.building.id]), (m) => [m.housing.building.id])),
      probe('of their estate', get(`/buildings?estateId=${them.housing.estate.id}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
      probe('in their grid', get(`/buildings?regionId=${them.grid.id}`), scopeDenied()),
    ],
    street: (side) => [probe('street lists both', get('/buildings?limit=500'), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(s.housing.building.id)))],
  },
  'GET /api/v1/buildings/:id': {
    cross: (_me, them) => [probe('their building', get(`/buildings/${them.housing.building.id}`), scopeDenied())],
    street: (side) => [probe('building', get(`/buildings/${side.housing.building.id}`), expectStatus(200, (b) => expect(b.units).toHaveLength(2)))],
  },
  'GET /api/v1/buildings/:id/floor-plan': {
    cross: (_me, them) => [probe('their floor plan', get(`/buildings/${them.housing.building.id}/floor-plan`), scopeDenied())],
    street: (side) => [probe('floor plan', get(`/buildings/${side.housing.building.id}/floor-plan`), expectStatus(200, (b) => expect(b.floors.at(-1).cells[0][0]).toMatchObject({ number: '101', residents: 1, rental: true })))],
  },
  'POST /api/v1/buildings': {
    cross: (me, them) => [
      probe('in their grid', post('/buildings', { regionId: them.grid.id, number: 'X1', floors: 3 }), scopeDenied()),
      probe('in my grid, in their estate', post('/buildings', { regionId: me.grid.id, estateId: them.housing.estate.id, number: 'X2', floors: 3 }), scopeDenied()),
    ],
    street: (side) => [probe('create', post('/buildings', { regionId: side.grid.id, estateId: side.housing.estate.id, number: '街道楼', floors: 3 }), expectStatus(201))],
    streetWrites: true,
  },
  'PATCH /api/v1/buildings/:id': {
    cross: (me, them) => [
      probe('their building', patch(`/buildings/${them.housing.building.id}`, { version: them.housing.building.version, address: '越界' }), scopeDenied()),
      probe('put my building in their estate', patch(`/buildings/${me.housing.building.id}`, { version: me.housing.building.version, estateId: them.housing.estate.id }), scopeDenied()),
    ],
    street: (side) => [probe('patch', patch(`/buildings/${side.housing.building.id}`, { version: side.housing.building.version, address: '街道改楼址', unitCount: 3 }), expectStatus(200, (b) => expect(b.unitCount).toBe(3)))],
    streetWrites: true,
  },
  'POST /api/v1/buildings/:id/archive': {
    cross: (_me, them) => [probe('their building', post(`/buildings/${them.housing.building.id}/archive`), scopeDenied())],
    street: (side) => [probe('archive refused while in use', post(`/buildings/${side.housing.building.id}/archive`), refusedWith(409, 'REGISTRY_IN_USE'))],
  },
  'POST /api/v1/buildings/:id/dwellings/generate': {
    cross: (_me, them) => [probe('in their building', post(`/buildings/${them.housing.building.id}/dwellings/generate`, { floors: [2, 3], perUnitPerFloor: 1 }), scopeDenied())],
    street: (side) => [probe('generate', post(`/buildings/${side.housing.building.id}/dwellings/generate`, { floors: [5, 6], perUnitPerFloor: 1 }), expectStatus(201, (b) => expect(b.created).toBeGreaterThan(0)))],
    streetWrites: true,
  },
  'GET /api/v1/dwellings': {
    cross: (_me, them) => [
      probe('list', get('/dwellings?limit=500'), listWithout(itemIds, (s) => new Set([s.housing.dwelling.id]), (m) => [m.housing.dwelling.id])),
      probe('of their building', get(`/dwellings?buildingId=${them.housing.building.id}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
      probe('by their estate name', get(`/dwellings?q=${encodeURIComponent(them.housing.estate.name)}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
    ],
    street: (side) => [probe('street lists both', get('/dwellings?limit=500'), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(s.housing.dwelling.id)))],
  },
  'GET /api/v1/dwellings/:id': {
    cross: (_me, them) => [probe('their dwelling', get(`/dwellings/${them.housing.dwelling.id}`), scopeDenied())],
    street: (side) => [probe('dwelling', get(`/dwellings/${side.housing.dwelling.id}`), expectStatus(200, (b, s) => expect(b.residents.map((r: { name: string }) => r.name)).toContain(s.housing.tenantName)))],
  },
  'POST /api/v1/dwellings': {
    cross: (_me, them) => [probe('in their building', post('/dwellings', { buildingId: them.housing.building.id, unitNumber: 1, floor: 2, number: '201' }), scopeDenied())],
    street: (side) => [probe('create', post('/dwellings', { buildingId: side.housing.building.id, unitNumber: 2, floor: 2, number: '201' }), expectStatus(201))],
    streetWrites: true,
  },
  'PATCH /api/v1/dwellings/:id': {
    cross: (me, them) => [
      probe('their dwelling', patch(`/dwellings/${them.housing.dwelling.id}`, { version: them.housing.dwelling.version, area: 1 }), scopeDenied()),
      probe('move my dwelling into their building', patch(`/dwellings/${me.housing.dwelling.id}`, { version: me.housing.dwelling.version, buildingId: them.housing.building.id }), scopeDenied()),
    ],
    street: (side) => [probe('patch', patch(`/dwellings/${side.housing.dwelling.id}`, { version: side.housing.dwelling.version, area: 81 }), expectStatus(200, (b) => expect(b.area).toBe(81)))],
    streetWrites: true,
  },
  'POST /api/v1/dwellings/:id/archive': {
    cross: (_me, them) => [probe('their dwelling', post(`/dwellings/${them.housing.dwelling.id}/archive`), scopeDenied())],
    street: (side) => [probe('archive refused while lived in', post(`/dwellings/${side.housing.dwelling.id}/archive`), refusedWith(409, 'REGISTRY_IN_USE'))],
  },
  'GET /api/v1/rentals': {
    cross: (_me, them) => [
      probe('list', get('/rentals?limit=500&includeEnded=true'), listWithout(itemIds, (s) => new Set([s.housing.rental.id]), (m) => [m.housing.rental.id])),
      probe('of their dwelling', get(`/rentals?dwellingId=${them.housing.dwelling.id}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
      probe('by their landlord', get(`/rentals?q=${encodeURIComponent(them.housing.rental.landlordName)}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
    ],
    street: (side) => [probe('street lists both', get('/rentals?limit=500'), expectStatus(200, (b, s) => expect(itemIds(b)).toContain(s.housing.rental.id)))],
  },
  'GET /api/v1/rentals/:id': {
    cross: (_me, them) => [probe('their rental', get(`/rentals/${them.housing.rental.id}`), scopeDenied())],
    street: (side) => [probe('rental', get(`/rentals/${side.housing.rental.id}`), expectStatus(200, (b, s) => expect(b.landlordMobileMasked).toBe(`${s.housing.rental.landlordMobile.slice(0, 3)}****${s.housing.rental.landlordMobile.slice(7)}`)))],
  },
  'GET /api/v1/rentals/:id/pii': {
    cross: (_me, them) => [probe('their landlord mobile', get(`/rentals/${them.housing.rental.id}/pii`), scopeDenied())],
    // Writes an audit row (pii.view), so it runs with the writes.
    street: (side) => [probe('reveal', get(`/rentals/${side.housing.rental.id}/pii`), expectStatus(200, (b, s) => expect(b.landlordMobile).toBe(s.housing.rental.landlordMobile)))],
    streetWrites: true,
  },
  'POST /api/v1/rentals': {
    cross: (_me, them) => [probe('on their dwelling', post('/rentals', { dwellingId: them.housing.dwelling.id, landlordName: '越界' }), scopeDenied())],
    // The dwelling already has a running lease: the street reaches it and is told so.
    street: (side) => [probe('second lease refused', post('/rentals', { dwellingId: side.housing.dwelling.id, landlordName: '街道' }), refusedWith(409, 'REGISTRY_DUPLICATE'))],
  },
  'PATCH /api/v1/rentals/:id': {
    cross: (_me, them) => [probe('their rental', patch(`/rentals/${them.housing.rental.id}`, { version: them.housing.rental.version, monthlyRent: 1 }), scopeDenied())],
    street: (side) => [probe('patch', patch(`/rentals/${side.housing.rental.id}`, { version: side.housing.rental.version, monthlyRent: 1200 }), expectStatus(200, (b) => expect(b.monthlyRent).toBe(1200)))],
    streetWrites: true,
  },
  'POST /api/v1/rentals/:id/end': {
    cross: (_me, them) => [probe('end their lease', post(`/rentals/${them.housing.rental.id}/end`, { endedOn: '2026-06-30' }), scopeDenied())],
    street: (side) => [probe('end', post(`/rentals/${side.housing.rental.id}/end`, { endedOn: '2026-06-30' }), expectStatus(200, (b) => expect(b.active).toBe(false)))],
    streetWrites: true,
  },
  'GET /api/v1/public/rentals/:postingCode': {
    // Public by design (the door sign): anyone with the code reads it, so what matters is what it
    // leaves out: no tenant names, no landlord full name, no full mobile.
    cross: (_me, them) => [
      probe('their posting, anonymously', get(`/public/rentals/${them.housing.rental.postingCode}`), (res, _a, _m, th) => {
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({ tenantCount: 1, landlord: { name: '欧**' } });
        for (const secret of [th.housing.tenantName, th.housing.rental.landlordName, th.housing.rental.landlordMobile]) expect(res.body).not.toContain(secret);
      }, true),
      probe('a guessed code', get('/public/rentals/AAAAAAAAAAAAAAAAAAAAAA'), refusedWith(404, 'REGISTRY_NOT_FOUND'), true),
    ],
  },
  // The working calendar is one for the whole system: anyone signed in reads it; changing it needs
  // cases.configure and a scope covering every region, so neither community's staff (no
  // permission) nor its power user (scoped to one community) may, and the street may not either.
  'GET /api/v1/calendar': {
    cross: () => [probe('the one calendar, read-only', get('/calendar?year=2026'), (res) => {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ year: 2026, editable: false });
      expect(res.json().days.length).toBeGreaterThan(30);
    })],
    street: () => [probe('read', get('/calendar?year=2026'), expectStatus(200, (b) => expect(b.editable).toBe(false)))],
  },
  'PUT /api/v1/calendar/days/:day': {
    cross: () => [probe('declare a holiday for everyone', put('/calendar/days/2026-03-02', { kind: 'holiday', name: '越权' }), scopeDenied('cases.configure'))],
    street: () => [probe('street may not', put('/calendar/days/2026-03-02', { kind: 'holiday', name: '越权' }), permissionDenied)],
  },
  'DELETE /api/v1/calendar/days/:day': {
    cross: () => [probe('cancel a day of 春节 for everyone', del('/calendar/days/2026-02-16'), scopeDenied('cases.configure'))],
    street: () => [probe('street may not', del('/calendar/days/2026-02-16'), permissionDenied)],
  },
  // The supervision board lists late cases in the caller's scope only.
  'GET /api/v1/cases/supervision': {
    cross: (_me, them) => [
      probe('their community', get(`/cases/supervision?regionId=${them.community.id}`), scopeDenied()),
      probe('their grid', get(`/cases/supervision?regionId=${them.grid.id}`), scopeDenied()),
      probe('mine', get('/cases/supervision'), (res, _a, _m, th) => {
        expect(res.statusCode, res.body).toBe(200);
        const listed = (res.json().units as { cases: { region: { id: number } }[] }[]).flatMap((u) => u.cases);
        expect(listed.filter((c) => th.subtreeIds.has(c.region.id))).toEqual([]);
      }),
    ],
    street: (side) => [probe('a community', get(`/cases/supervision?regionId=${side.community.id}`), expectStatus(200, (b) => expect(b.units).toBeInstanceOf(Array)))],
  },
  // Case measures count only the caller's cases; a sibling's region, department (serving their
  // community) or person is refused outright rather than answered with zeros.
  'GET /api/v1/cases/measures': {
    cross: (_me, them) => [
      probe('their community', get(`/cases/measures?regionId=${them.community.id}`), scopeDenied()),
      probe('their grid, by child', get(`/cases/measures?regionId=${them.grid.id}&groupBy=child`), scopeDenied()),
      probe('their department', get(`/cases/measures?departmentId=${them.dept}&groupBy=department`), scopeDenied()),
      probe('their grid worker', get(`/cases/measures?userId=${them.user.id}&groupBy=person`), scopeDenied()),
      probe('mine, by child', get('/cases/measures?groupBy=child'), (res, _a, me, th) => {
        expect(res.statusCode, res.body).toBe(200);
        const b = res.json() as { subject: { region: { id: number } }; rows: { id: number | null }[] };
        expect(b.subject.region.id).toBe(me.community.id);
        expect(b.rows.filter((r) => r.id !== null && th.subtreeIds.has(r.id))).toEqual([]);
      }),
    ],
    street: (side) => [probe('a community, by department', get(`/cases/measures?regionId=${side.community.id}&groupBy=department`), expectStatus(200, (b, s) => expect(b.subject.region.id).toBe(s.community.id)))],
  },
  'GET /api/v1/cases/measures/export': {
    cross: (_me, them) => [
      probe('their community', get(`/cases/measures/export?regionId=${them.community.id}`), scopeDenied()),
      probe('their department', get(`/cases/measures/export?departmentId=${them.dept}`), scopeDenied()),
      probe('mine', get('/cases/measures/export'), (res) => {
        expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
        expect(res.headers['content-type']).toContain('spreadsheetml');
      }),
    ],
    street: (side) => [probe('a community', get(`/cases/measures/export?regionId=${side.community.id}&groupBy=person`), (res) => expect(res.statusCode).toBe(200))],
  },
  // Inboxes belong to a person, not a region: whatever the scope, each user reaches only their own
  // items. Each side's manager and power user get one item, made by the first probe of each row
  // (notifications are outside the snapshot; read-all restores the caller's own item afterwards).
  // The stream's own-items-only delivery is tested over a real listener in notifications.test.ts.
  ...((): Record<string, Entry> => {
    const items = new Map<string, number>(); // username → id of their item
    const userOf = (actor: Actor, s: Side) => (actor === 'manager' ? s.manager : `power_${s.key.toLowerCase()}`);
    const theirIds = (them: Side) => [items.get(them.manager)!, items.get(`power_${them.key.toLowerCase()}`)!];
    const unreadAmong = async (ids: number[]) =>
      (await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM notifications WHERE id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) AND read_at IS NULL`))[0].n;
    const seeded = probe('my inbox (seeds one item per user)', get('/inbox?limit=100'), async (res) => {
      expect(res.statusCode, res.body).toBe(200);
      if (items.size) return;
      for (const s of [sides.A, sides.B]) {
        for (const u of [s.manager, `power_${s.key.toLowerCase()}`]) {
          const [r] = await rows<{ id: number }>(sql`INSERT INTO notifications (user_id, kind, params) SELECT id, 'task', ${JSON.stringify({ title: `给${u}` })}::jsonb FROM users WHERE username = ${u} RETURNING id`);
          items.set(u, r.id);
        }
      }
    });
    return {
      'GET /api/v1/inbox': {
        cross: () => [
          seeded,
          probe('only my own items', get('/inbox?limit=100'), (res, actor, me, them) => {
            expect(res.statusCode, res.body).toBe(200);
            const got = itemIds(res.json());
            expect(got).toContain(items.get(userOf(actor, me)));
            for (const id of theirIds(them)) expect(got).not.toContain(id);
          }),
        ],
      },
      'POST /api/v1/inbox/:id/read': {
        cross: (_me, them) => [
          seeded,
          ...[0, 1].map((i): Probe => ({
            label: `their ${i ? 'power user' : 'manager'}'s item`,
            get req() {
              return post(`/inbox/${theirIds(them)[i]}/read`);
            },
            check: refusedWith(404, 'NOTIFICATION_NOT_FOUND'),
          })),
          probe('their items stay unread', get('/inbox'), async (_res, _a, _m, th) => expect(await unreadAmong(theirIds(th))).toBe(2)),
        ],
      },
      'POST /api/v1/inbox/read-all': {
        cross: (_me, them) => [
          seeded,
          probe('reads only mine', post('/inbox/read-all'), async (res, actor, me, th) => {
            expect(res.statusCode, res.body).toBe(200);
            expect(await unreadAmong(theirIds(th))).toBe(2);
            const mine = items.get(userOf(actor, me))!;
            expect(await unreadAmong([mine])).toBe(0);
            await rows(sql`UPDATE notifications SET read_at = NULL WHERE id = ${mine}`);
          }),
          probe('no way to name another user', post('/inbox/read-all', { userId: them.managerId }), refusedWith(400, 'VALIDATION_FAILED')),
        ],
      },
      'GET /api/v1/inbox/stream': {
        cross: () => [probe('no stream without a session', get('/inbox/stream'), refusedWith(401, 'AUTH_REQUIRED'), true)],
      },
    };
  })(),
  'GET /api/v1/audit': {
    cross: (_me, them) => [
      probe('entries about their community', get(`/audit?entityType=region&entityId=${them.community.id}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
      probe('entries about their user', get(`/audit?entityType=user&entityId=${them.user.id}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
      probe('entries by their manager', get(`/audit?actorId=${them.managerId}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
      probe('the whole log I see', get('/audit?limit=500'), async (res, _a, me) => {
        expect(res.statusCode).toBe(200);
        const { items, total } = res.json() as { items: { id: number }[]; total: number };
        expect(items.length).toBe(Math.min(total, 500));
        expect(items.length).toBeGreaterThan(0);
        const ids = items.map((i) => i.id);
        const outside = await rows<{ id: number; region_path: string | null }>(
          sql`SELECT id, region_path FROM audit_log WHERE id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) AND (region_path IS NULL OR region_path NOT LIKE ${`${me.community.path}%`})`,
        );
        expect(outside).toEqual([]);
      }),
    ],
    street: (side) => [probe('street sees the community log', get(`/audit?entityType=region&entityId=${side.archived.id}`), expectStatus(200, (b) => expect(b.total).toBeGreaterThan(0)))],
  },
  // Cases, intake and reading: each side gets one reported case in its grid with a scene photo and
  // a reporter's mobile, written straight to the tables by the first probe of each row (cases and
  // photos are outside the snapshot; going through the API would add audit rows). A sibling's case
  // is SCOPE_DENIED by id and absent from lists; the public routes need the reporter's mobile,
  // knowing the code is not enough; the catalogue is global and only whole-system staff edit it.
  ...((): Record<string, Entry> => {
    const made: Partial<Record<'A' | 'B', { id: number; code: string; photo: number; mobile: string }>> = {};
    let categoryId = 0;
    const prepare = probe('prepare a case on each side', get('/case-categories'), async (res) => {
      expect(res.statusCode).toBe(200);
      if (made.A && made.B) return;
      const { piiLookupHash } = await import('../../src/shared/pii.ts');
      const { tinyJpeg } = await import('../support/cases.ts');
      categoryId = Number((await rows<{ id: number }>(sql`SELECT id FROM case_categories WHERE code = '0101'`))[0].id);
      for (const s of [sides.A, sides.B]) {
        const mobile = s.key === 'A' ? '13600000011' : '13600000022';
        const [c] = await rows<{ id: number; code: string }>(sql`INSERT INTO cases (code, source, title, category_id, region_id, region_path, lng, lat, desk_region_id, desk_region_path, reporter_mobile_hash, reporter_mobile_masked)
          VALUES (${`SCOPE-${s.key}-0001`}, 'resident', ${`范围读取事件${s.key}`}, ${categoryId}, ${s.micro.id}, ${s.micro.path}, ${s.microPoint[0]}, ${s.microPoint[1]}, ${s.community.id}, ${s.community.path}, ${piiLookupHash(mobile)}, '136****0000') RETURNING id, code`);
        const [p] = await rows<{ id: number }>(sql`INSERT INTO case_photos (case_id, kind, mime, bytes, sha256, content) VALUES (${c.id}, 'scene', 'image/jpeg', ${tinyJpeg().length}, 'x', ${tinyJpeg()}) RETURNING id`);
        made[s.key] = { id: Number(c.id), code: c.code, photo: Number(p.id), mobile };
      }
    });
    const of = (key: 'A' | 'B') => made[key]!;
    // URLs are read when the request is sent, after `prepare` ran.
    const lazy = (method: InjectOptions['method'], url: () => string, extra: Partial<InjectOptions> = {}): InjectOptions =>
      ({
        method,
        get url() {
          return api(url());
        },
        ...extra,
      }) as InjectOptions;
    const caseIds = (b: { items: { id: number }[] }) => b.items.map((i) => i.id);
    const theirCase = (them: Side) => new Set([of(them.key).id]);
    const exportCodes = async (res: LightMyRequestResponse) => {
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const codes: string[] = [];
      wb.worksheets[0].eachRow((r, n) => void (n > 1 && codes.push(String(r.getCell(1).value))));
      return codes;
    };
    const jpeg = { payload: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), headers: { 'content-type': 'image/jpeg' } };
    return {
      'GET /api/v1/case-categories': {
        cross: () => [probe('the one catalogue', get('/case-categories'), (res) => {
          expect(res.statusCode, res.body).toBe(200);
          expect(res.json().length).toBeGreaterThanOrEqual(9);
        })],
        street: () => [probe('read', get('/case-categories?all=1'), expectStatus(200, (b) => expect(b.length).toBeGreaterThanOrEqual(9)))],
      },
      'POST /api/v1/case-categories': {
        cross: () => [probe('add a group for everyone', post('/case-categories', { code: '98', nameZh: '越权', nameEn: 'Overreach' }), scopeDenied('cases.configure'))],
        street: () => [probe('street may not', post('/case-categories', { code: '98', nameZh: '越权', nameEn: 'Overreach' }), permissionDenied)],
      },
      'PATCH /api/v1/case-categories/:id': {
        cross: () => [prepare, probe('archive a category for everyone', lazy('PATCH', () => `/case-categories/${categoryId}`, { payload: { archived: true } }), scopeDenied('cases.configure'))],
        street: () => [prepare, probe('street may not', lazy('PATCH', () => `/case-categories/${categoryId}`, { payload: { archived: true } }), permissionDenied)],
      },
      'GET /api/v1/cases/suggest': {
        cross: (_me, them) => [
          prepare,
          probe('for their case', lazy('GET', () => `/cases/suggest?categoryId=${categoryId}&caseId=${of(them.key).id}`), scopeDenied()),
          probe('for my district', lazy('GET', () => `/cases/suggest?categoryId=${categoryId}`), expectStatus(200, (b) => expect(b.mode).toBe('transfer'))),
        ],
        street: (side) => [probe('for a community case', lazy('GET', () => `/cases/suggest?categoryId=${categoryId}&caseId=${of(side.key).id}`), expectStatus(200))],
      },
      // An export leaves an audit row, so the successful ones run with the street's writes.
      'GET /api/v1/cases/export': {
        cross: (_me, them) => [prepare, probe('their community', get(`/cases/export?regionId=${them.community.id}`), scopeDenied())],
        street: (side, other) => [
          probe('a community, not the other', get(`/cases/export?regionId=${side.community.id}`), async (res, _a, s) => {
            const codes = await exportCodes(res);
            expect(codes).toContain(of(s.key).code);
            expect(codes).not.toContain(of(other.key).code);
          }),
        ],
        streetWrites: true,
      },
      'POST /api/v1/cases': {
        cross: (_me, them) => [
          probe('report at their point', post('/cases', { source: 'patrol', title: '越界上报', lng: them.microPoint[0], lat: them.microPoint[1] }), scopeDenied()),
          probe('report on their building', post('/cases', { source: 'patrol', title: '越界上报', buildingId: them.housing.building.id }), scopeDenied()),
        ],
        street: (side) => [probe('report in a community', post('/cases', { source: 'patrol', title: '街道上报', lng: side.microPoint[0], lat: side.microPoint[1] }), expectStatus(201, (b, s) => expect(b.desk.id).toBe(s.community.id)))],
        streetWrites: true,
      },
      'GET /api/v1/cases': {
        cross: (_me, them) => [
          prepare,
          probe('all in scope', get('/cases?limit=200'), listWithout(caseIds, theirCase, (m) => [of(m.key).id])),
          probe('by their code', lazy('GET', () => `/cases?q=${of(them.key).code}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
          probe('their community', get(`/cases?regionId=${them.community.id}`), scopeDenied()),
          probe('desk queue', get('/cases?view=desk&limit=200'), listWithout(caseIds, theirCase)),
        ],
        street: (side) => [probe('all', get('/cases?limit=200'), expectStatus(200, (b, s) => expect(caseIds(b)).toContain(of(s.key).id)))],
      },
      'GET /api/v1/cases/:id': {
        cross: (_me, them) => [prepare, probe('their case', lazy('GET', () => `/cases/${of(them.key).id}`), scopeDenied())],
        street: (side) => [probe('a community case', lazy('GET', () => `/cases/${of(side.key).id}`), expectStatus(200, (b, s) => expect(b.code).toBe(of(s.key).code)))],
      },
      'GET /api/v1/cases/:id/similar': {
        cross: (_me, them) => [prepare, probe('their case', lazy('GET', () => `/cases/${of(them.key).id}/similar`), scopeDenied())],
        street: (side) => [probe('a community case', lazy('GET', () => `/cases/${of(side.key).id}/similar`), expectStatus(200))],
      },
      'POST /api/v1/cases/:id/photos': {
        cross: (_me, them) => [prepare, probe('add to their case', lazy('POST', () => `/cases/${of(them.key).id}/photos?kind=scene`, jpeg), scopeDenied())],
        street: (side) => [probe('add to a community case', lazy('POST', () => `/cases/${of(side.key).id}/photos?kind=before`, jpeg), expectStatus(201))],
        streetWrites: true,
      },
      'GET /api/v1/cases/:id/photos/:photoId': {
        cross: (me, them) => [
          prepare,
          probe('their photo', lazy('GET', () => `/cases/${of(them.key).id}/photos/${of(them.key).photo}`), scopeDenied()),
          probe('their photo under my case', lazy('GET', () => `/cases/${of(me.key).id}/photos/${of(them.key).photo}`), refusedWith(404, 'CASE_PHOTO_NOT_FOUND')),
        ],
        street: (side) => [probe('a community photo', lazy('GET', () => `/cases/${of(side.key).id}/photos/${of(side.key).photo}`), (res) => expect(res.headers['content-type']).toBe('image/jpeg'))],
      },
      'GET /api/v1/public/case-categories': {
        // Public by design: the catalogue's names only, never a handling unit or deadline.
        cross: () => [
          probe('names only', get('/public/case-categories'), expectStatus(200, (b) => {
            expect(b.length).toBeGreaterThanOrEqual(9);
            expect(Object.keys(b[0]).sort()).toEqual(['children', 'code', 'id', 'nameEn', 'nameZh']);
            expect(Object.keys(b[0].children[0]).sort()).toEqual(['code', 'id', 'nameEn', 'nameZh']);
          })),
        ],
      },
      'POST /api/v1/public/cases': {
        cross: (_me, them) => [probe('no way to name a region or a reporter account', post('/public/cases', { title: '越界上报', description: '越界', lng: 1, lat: 1, reporterMobile: '13600000099', regionId: them.community.id }), refusedWith(400, 'VALIDATION_FAILED'), true)],
      },
      'GET /api/v1/public/cases/:code': {
        cross: (_me, them) => [
          prepare,
          probe('their code with another mobile', lazy('GET', () => `/public/cases/${of(them.key).code}?mobile=13600000099`), refusedWith(404, 'CASE_NOT_FOUND'), true),
          probe('their code with their reporter’s mobile', lazy('GET', () => `/public/cases/${of(them.key).code}?mobile=${of(them.key).mobile}`), expectStatus(200, (b) => expect(Object.keys(b)).not.toContain('reporter')), true),
        ],
      },
      'POST /api/v1/public/cases/:code/photos': {
        cross: (_me, them) => [prepare, probe('their code with another mobile', lazy('POST', () => `/public/cases/${of(them.key).code}/photos?mobile=13600000099`, jpeg), refusedWith(404, 'CASE_NOT_FOUND'), true)],
      },
      'GET /api/v1/public/cases/:code/photos/:photoId': {
        cross: (me, them) => [
          prepare,
          probe('their photo with another mobile', lazy('GET', () => `/public/cases/${of(them.key).code}/photos/${of(them.key).photo}?mobile=13600000099`), refusedWith(404, 'CASE_NOT_FOUND'), true),
          probe('their photo under my code', lazy('GET', () => `/public/cases/${of(me.key).code}/photos/${of(them.key).photo}?mobile=${of(me.key).mobile}`), refusedWith(404, 'CASE_PHOTO_NOT_FOUND'), true),
        ],
      },
      'POST /api/v1/public/cases/:code/feedback': {
        cross: (_me, them) => [prepare, probe('their code with another mobile', lazy('POST', () => `/public/cases/${of(them.key).code}/feedback`, { payload: { mobile: '13600000099', satisfaction: 'dissatisfied' } }), refusedWith(404, 'CASE_NOT_FOUND'), true)],
      },
    };
  })(),
  // Workflow steps: a case outside the caller's scope is refused (SCOPE_DENIED) before any rule of
  // the transition table is looked at. Each side gets one reported case in its grid, made in the
  // first probe's check (cases are outside the snapshot); later probes read its id lazily. The
  // street sees a community desk's case but may not take the community's step on it.
  ...((): Record<string, Entry> => {
    const made: Partial<Record<'A' | 'B', { id: number; version: number }>> = {};
    let categoryId = 0;
    const prepare = async () => {
      if (made.A && made.B) return;
      categoryId = Number((await rows<{ id: number }>(sql`SELECT id FROM case_categories WHERE parent_code IS NOT NULL ORDER BY code LIMIT 1`))[0].id);
      // Inserted directly: reporting through the API would append audit rows (and move the audit
      // head kept in settings), which the snapshot compares.
      for (const s of [sides.A, sides.B]) {
        const [c] = await rows<{ id: number; version: number }>(sql`INSERT INTO cases (code, source, title, region_id, region_path, level, desk_region_id, desk_region_path)
          VALUES (${`SCOPE-${s.key}`}, 'patrol', ${`范围测试事件${s.key}`}, ${s.micro.id}, ${s.micro.path}, 'community', ${s.community.id}, ${s.community.path}) RETURNING id, version`);
        made[s.key] = { id: Number(c.id), version: Number(c.version) };
      }
    };
    // The URL and body are read when the request is sent, after `prepare` ran.
    const step = (key: () => 'A' | 'B', action: string, body: () => object = () => ({})): InjectOptions =>
      ({
        method: 'POST',
        get url() {
          return api(`/cases/${made[key()]!.id}/actions/${action}`);
        },
        get payload() {
          return { version: made[key()]!.version, ...body() };
        },
      }) as InjectOptions;
    return {
      'POST /api/v1/cases/:id/actions/:action': {
        cross: (me, them) => [
          probe('prepare a case on each side', get('/case-categories'), async (res) => {
            expect(res.statusCode).toBe(200);
            await prepare();
          }),
          probe('register their case', step(() => them.key, 'register', () => ({ categoryId, mode: 'transfer' })), scopeDenied()),
          probe('reject their case', step(() => them.key, 'reject', () => ({ reason: '越界' })), scopeDenied()),
          probe('whistle on their case', step(() => them.key, 'whistle', () => ({ departmentIds: [me.dept], reason: '越界' })), scopeDenied()),
          // Staff at the desk are told the original is not in their scope; the power user (a district
          // role) is not at the community desk at all. Either way nothing is merged.
          probe('merge mine into theirs', step(() => me.key, 'merge', () => ({ duplicateOfId: made[them.key]!.id })), (res, actor) =>
            actor === 'manager' ? refusedWith(400, 'CASE_FIELD_INVALID')(res, actor, me, them) : refusedWith(403, 'CASE_ACTOR_NOT_ALLOWED')(res, actor, me, them),
          ),
        ],
        street: (side) => [
          probe('sees it, but it waits at the community desk', step(() => side.key, 'register', () => ({ categoryId, mode: 'transfer' })), refusedWith(403, 'CASE_ACTOR_NOT_ALLOWED')),
        ],
      },
    };
  })(),
  'POST /api/v1/audit/verify': {
    // A whole-system check for system administrators only: nobody scoped may run it.
    cross: () => [probe('verify the chain', post('/audit/verify'), permissionDenied)],
    street: () => [probe('street may not', post('/audit/verify'), permissionDenied)],
  },
};

// ---------------------------------------------------------------------------------------------
// Route discovery: the router's own listing (printRoutes), checked against the OpenAPI document.

function registeredRoutes(): Set<string> {
  const out = new Set<string>();
  const stack: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│   |    )*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    const path = stack.join('');
    for (const method of m[3]?.split(', ') ?? []) if (method !== 'HEAD' && path.startsWith('/api/v1/')) out.add(`${method} ${path}`);
  }
  return out;
}

describe('every endpoint, two sibling communities', () => {
  it('the table names every /api/v1 route the app serves', async () => {
    const routes = registeredRoutes();
    // The parser must see what the OpenAPI document sees (documented routes are a subset).
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    for (const [p, ops] of Object.entries(doc.paths)) {
      if (!p.startsWith('/api/v1/')) continue;
      for (const m of Object.keys(ops)) if (m !== 'head') expect(routes).toContain(`${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    expect(routes.size).toBeGreaterThan(30);
    const missing = [...routes].filter((r) => !TABLE[r]);
    expect(missing, 'routes without a scope row in test/api/scope.test.ts').toEqual([]);
    const stale = Object.keys(TABLE).filter((r) => !routes.has(r));
    expect(stale, 'rows for routes the app no longer serves').toEqual([]);
  });

  for (const [route, entry] of Object.entries(TABLE)) {
    it(`${route}: neither community reaches the other`, async () => {
      for (const [me, them] of [[sides.A, sides.B], [sides.B, sides.A]]) {
        for (const actor of ['manager', 'power'] as const) {
          for (const p of entry.cross(me, them)) {
            const res = p.anonymous ? await t.app.inject(p.req) : await t.as(actor === 'manager' ? me.cookie : me.power, p.req);
            try {
              await p.check(res, actor, me, them);
            } catch (e) {
              (e as Error).message = `${me.manager}/${actor} → ${them.key}: ${p.label}: ${(e as Error).message}`;
              throw e;
            }
          }
        }
      }
    });
  }

  it('a department handler sees the users of its scope (the district) and nobody above it', async () => {
    const { items, total } = (await t.as(bm01, get('/users?limit=500'))).json() as { items: { username: string; scopeRegion: { id: number } | null }[]; total: number };
    const district = await regionByCode(t.demo!.city.accounts.find((a) => a.username === 'bm01')!.scopeCode!);
    expect(items.length).toBe(total);
    expect(items.map((u) => u.username)).toEqual(expect.arrayContaining(['qu01', 'jd01', 'sq01', 'sq02', 'scope_a', 'scope_b']));
    expect(items.map((u) => u.username)).not.toContain('admin');
    for (const u of items) expect((await regionById(u.scopeRegion!.id)).path.startsWith(district.path)).toBe(true);
    const adminId = (await rows<{ id: number }>(`SELECT id FROM users WHERE username = 'admin'`))[0].id;
    expect(code(await t.as(bm01, get(`/users/${adminId}`)))).toBe('SCOPE_DENIED');
    // Reading needs no permission, changing does.
    expect(code(await t.as(bm01, patch(`/users/${sides.A.user.id}`, { displayName: 'x' })))).toBe('PERMISSION_DENIED');
  });

  it('the street sees both communities', async () => {
    for (const [side, other] of [[sides.A, sides.B], [sides.B, sides.A]]) {
      for (const [route, entry] of Object.entries(TABLE)) {
        if (!entry.street || entry.streetWrites) continue;
        for (const p of entry.street(side, other)) {
          const res = await t.as(street, p.req);
          try {
            await p.check(res, 'manager', side, other);
          } catch (e) {
            (e as Error).message = `jd01 on ${side.key}: ${route} ${p.label}: ${(e as Error).message}`;
            throw e;
          }
        }
      }
    }
  });

  it('after every refused request, the database is exactly as it was', async () => {
    const now = await snapshot();
    // Name what changed, not just that something did.
    expect(Object.keys(now).filter((k) => now[k] !== before[k]), 'changed by refused requests').toEqual([]);
    expect(now).toEqual(before);
  });

  it('the street changes both communities', async () => {
    for (const [side, other] of [[sides.A, sides.B], [sides.B, sides.A]]) {
      for (const [route, entry] of Object.entries(TABLE)) {
        if (!entry.street || !entry.streetWrites) continue;
        if (route === 'POST /api/v1/tokens' && side.key === 'B') continue; // once is enough
        for (const p of entry.street(side, other)) {
          const res = await t.as(street, p.req);
          try {
            await p.check(res, 'manager', side, other);
          } catch (e) {
            (e as Error).message = `jd01 on ${side.key}: ${route} ${p.label}: ${(e as Error).message}`;
            throw e;
          }
        }
      }
    }
    // Each write left its audit row in the street's view of the log.
    const log = (await t.as(street, get(`/audit?actorId=${(await rows<{ id: number }>(`SELECT id FROM users WHERE username = 'jd01'`))[0].id}&limit=500`))).json();
    const actions = new Set(log.items.map((i: { action: string }) => i.action));
    for (const a of ['user.create', 'user.update', 'user.resetPassword', 'user.unlock', 'region.create', 'region.update', 'region.move', 'region.merge', 'region.split', 'region.archive', 'region.restore', 'region.import', 'zone.create', 'zone.update', 'zone.archive', 'resident.create', 'resident.update', 'resident.move', 'resident.archive', 'resident.restore', 'resident.stays', 'household.update', 'pii.view', 'place.create', 'place.update', 'place.archive', 'organization.create', 'organization.update', 'organization.members', 'organization.archive', 'asset.create', 'asset.update', 'asset.archive']) {
      expect(actions).toContain(a);
    }
  });

  // Regression: size rules are kept per city; a settings.write holder scoped inside the city once
  // could set them, changing the sibling community's warnings too.
  it('city-wide size rules cannot be set from inside one community', async () => {
    const rules = { ...DEFAULT_SIZE_RULES, microGridResidents: { target: 150, tolerance: 0.3 } };
    const res = await t.as(sides.A.power, put('/regions/size-rules', { regionId: sides.A.community.id, rules }));
    expect(res.statusCode).toBe(403);
  });

  it('logging out ends only the caller’s own session', async () => {
    const other = await t.login('sq02');
    expect((await t.as(sides.A.cookie, post('/auth/logout'))).statusCode).toBe(204);
    expect(code(await t.as(sides.A.cookie, get('/auth/me')))).toBe('AUTH_REQUIRED');
    expect((await t.as(other, get('/auth/me'))).statusCode).toBe(200);
    expect((await t.as(sides.B.cookie, get('/auth/me'))).statusCode).toBe(200);
  });
});
