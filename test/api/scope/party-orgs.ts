// Scope rows for party organizations and members: one entry per route (see ../scope.test.ts for the harness).
//
// Fixtures: each side gets organizations and members in its community, written straight to the
// tables by `prepare` (the first probe of every row; no audit rows). The harness snapshots the
// party tables before any probe runs and compares them after the street's read-only probes, so
// rows added later would look like a refused request's leak: the last read-only street probe of
// this file (`cleanUp`, on GET /party/rules) deletes exactly the fixtures made here, and the next
// `prepare` (the street's writes, after the comparison) makes them again. A setup hook in the
// harness, awaited before the snapshot, would make this unnecessary.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { encryptPii, maskMobile, piiLookupHash } from '../../../src/shared/pii.ts';
import type { Entry, Probe, ScopeKit, Side } from '../scope.test.ts';

interface Made {
  org: number;
  org2: number;
  orgPatch: number;
  orgArchive: number;
  member: number;
  memberPatch: number;
  memberTransfer: number;
  memberArchive: number;
  mobile: string;
}

export function partyOrgsScopeRows(k: ScopeKit): Record<string, Entry> {
  const made: Partial<Record<'A' | 'B', Made>> = {};
  const of = (s: Side) => made[s.key]!;
  const api = (url: string) => `/api/v1${url}`;

  async function make(s: Side): Promise<Made> {
    const mobile = s.key === 'A' ? '13900000101' : '13900000202';
    const org = async (name: string, region: { id: number; path: string }) =>
      Number((await k.rows<{ id: number }>(sql`INSERT INTO party_orgs (region_id, region_path, kind, name) VALUES (${region.id}, ${region.path}, 'branch', ${name}) RETURNING id`))[0].id);
    const member = async (name: string, orgId: number, withMobile = false) => {
      const [m] = await k.rows<{ id: number }>(sql`INSERT INTO party_members (region_id, region_path, name, gender, kind, org_id, mobile_enc, mobile_hash, mobile_masked)
        VALUES (${s.grid.id}, ${s.grid.path}, ${name}, 'male', 'retired', ${orgId}, ${withMobile ? encryptPii(mobile) : null}, ${withMobile ? piiLookupHash(mobile) : null}, ${withMobile ? maskMobile(mobile) : null}) RETURNING id`);
      await k.rows(sql`INSERT INTO party_memberships (member_id, org_id, from_on, reason) VALUES (${m.id}, ${orgId}, '2024-01-01', '登记')`);
      return Number(m.id);
    };
    const o = await org(`范围党支部${s.key}`, s.grid);
    const o2 = await org(`范围第二党支部${s.key}`, s.community);
    return {
      org: o,
      org2: o2,
      orgPatch: await org(`范围待改党支部${s.key}`, s.grid),
      orgArchive: await org(`范围待撤党支部${s.key}`, s.community),
      member: await member(`范围党员${s.key}`, o, true),
      memberPatch: await member(`范围待改党员${s.key}`, o),
      memberTransfer: await member(`范围待转党员${s.key}`, o),
      memberArchive: await member(`范围待出册党员${s.key}`, o),
      mobile,
    };
  }

  const prepare = k.probe('prepare party organizations and members on each side', k.get('/party/rules'), async (res) => {
    expect(res.statusCode, res.body).toBe(200);
    const sides = k.sides();
    for (const s of [sides.A, sides.B]) if (!made[s.key]) made[s.key] = await make(s);
  });

  const cleanUp = k.probe('remove the fixtures again before the snapshot is compared', k.get('/party/rules'), async () => {
    const ids = Object.values(made) as Made[];
    const orgs = ids.flatMap((m) => [m.org, m.org2, m.orgPatch, m.orgArchive]);
    const members = ids.flatMap((m) => [m.member, m.memberPatch, m.memberTransfer, m.memberArchive]);
    if (orgs.length === 0) return;
    const inList = (xs: number[]) => sql.join(xs.map((x) => sql`${x}`), sql`, `);
    await k.rows(sql`DELETE FROM party_org_officers WHERE org_id IN (${inList(orgs)}) OR member_id IN (${inList(members)})`);
    await k.rows(sql`DELETE FROM party_memberships WHERE member_id IN (${inList(members)})`);
    await k.rows(sql`DELETE FROM party_members WHERE id IN (${inList(members)})`);
    await k.rows(sql`DELETE FROM party_orgs WHERE id IN (${inList(orgs)})`);
    delete made.A;
    delete made.B;
  });

  /** A request whose URL and body are read when it is sent (after `prepare`). */
  const lazy = (method: InjectOptions['method'], url: () => string, body?: () => object): InjectOptions =>
    ({
      method,
      get url() {
        return api(url());
      },
      // A getter, not a spread: spreading would read the body now, before the fixtures exist.
      get payload() {
        return body?.();
      },
    }) as InjectOptions;
  const denied = k.scopeDenied();
  const membersOf = (s: Side) => new Set([of(s).member, of(s).memberPatch, of(s).memberTransfer, of(s).memberArchive]);
  const ids = (b: { items: { id: number }[] }) => b.items.map((i) => i.id);
  const status = (n: number, extra?: (body: any, side: Side) => void) => k.expectStatus(n, extra);
  const cross = (probes: (me: Side, them: Side) => Probe[]) => (me: Side, them: Side) => [prepare, ...probes(me, them)];
  const street = (probes: (side: Side, other: Side) => Probe[]) => (side: Side, other: Side) => [prepare, ...probes(side, other)];

  const rows: Record<string, Entry> = {
    'GET /api/v1/party/orgs': {
      cross: cross((me, them) => [
        k.probe('list', k.get('/party/orgs'), (res, a, m, th) => k.listWithout(ids, (s) => new Set([of(s).org, of(s).org2, of(s).orgPatch, of(s).orgArchive]), (x) => [of(x).org])(res, a, m, th)),
        k.probe('their community', k.get(`/party/orgs?regionId=${them.community.id}`), denied),
        k.probe('by their name', lazy('GET', () => `/party/orgs?q=${encodeURIComponent(`范围党支部${them.key}`)}`), (res) => expect(res.json().items).toEqual([])),
        k.probe('mine', k.get(`/party/orgs?regionId=${me.community.id}`), status(200)),
      ]),
      street: street((side) => [k.probe('a community', k.get(`/party/orgs?regionId=${side.community.id}`), status(200, (b, s) => expect(ids(b)).toContain(of(s).org)))]),
    },
    'GET /api/v1/party/orgs/:id': {
      cross: cross((_me, them) => [k.probe('their organization', lazy('GET', () => `/party/orgs/${of(them).org}`), denied)]),
      street: street((side) => [k.probe('read', lazy('GET', () => `/party/orgs/${of(side).org}`), status(200, (b, s) => expect(b.id).toBe(of(s).org)))]),
    },
    'POST /api/v1/party/orgs': {
      cross: cross((me, them) => [
        k.probe('under their organization', lazy('POST', () => '/party/orgs', () => ({ kind: 'group', name: '越界小组', regionId: me.grid.id, parentId: of(them).org })), denied),
        k.probe('on their grid', k.post('/party/orgs', { kind: 'branch', name: '越界支部', regionId: them.grid.id }), denied),
        k.probe('on their estate', k.post('/party/orgs', { kind: 'branch', name: '越界支部', estateId: them.housing.estate.id }), denied),
        k.probe('on their building', k.post('/party/orgs', { kind: 'group', name: '越界小组', buildingId: them.housing.building.id }), denied),
        k.probe('for their organization', k.post('/party/orgs', { kind: 'branch', name: '越界支部', institutionId: them.pl.org.id }), denied),
      ]),
      street: street((side) => [k.probe('a group under a branch', lazy('POST', () => '/party/orgs', () => ({ kind: 'group', name: `街道建小组${side.key}`, regionId: side.grid.id, parentId: of(side).org })), status(201))]),
      streetWrites: true,
    },
    'PATCH /api/v1/party/orgs/:id': {
      cross: cross((me, them) => [
        k.probe('rename theirs', lazy('PATCH', () => `/party/orgs/${of(them).orgPatch}`, () => ({ version: 1, name: '越界改名' })), denied),
        k.probe('hang mine under theirs', lazy('PATCH', () => `/party/orgs/${of(me).orgPatch}`, () => ({ version: 1, parentId: of(them).org2 })), denied),
        k.probe('move mine onto their grid', lazy('PATCH', () => `/party/orgs/${of(me).orgPatch}`, () => ({ version: 1, regionId: them.grid.id })), denied),
      ]),
      street: street((side) => [k.probe('rename', lazy('PATCH', () => `/party/orgs/${of(side).orgPatch}`, () => ({ version: 1, name: `街道改名${side.key}` })), status(200, (b, s) => expect(b.name).toBe(`街道改名${s.key}`)))]),
      streetWrites: true,
    },
    'POST /api/v1/party/orgs/:id/archive': {
      cross: cross((_me, them) => [k.probe('archive theirs', lazy('POST', () => `/party/orgs/${of(them).orgArchive}/archive`, () => ({ version: 1 })), denied)]),
      street: street((side) => [k.probe('archive', lazy('POST', () => `/party/orgs/${of(side).orgArchive}/archive`, () => ({ version: 1 })), status(200, (b) => expect(b.archivedAt).not.toBeNull()))]),
      streetWrites: true,
    },
    'PUT /api/v1/party/orgs/:id/officers': {
      cross: cross((me, them) => [
        k.probe('set theirs', lazy('PUT', () => `/party/orgs/${of(them).org}/officers`, () => ({ officers: [] })), denied),
        k.probe('their member on mine', lazy('PUT', () => `/party/orgs/${of(me).org}/officers`, () => ({ officers: [{ memberId: of(them).member, role: 'secretary' }] })), denied),
      ]),
      street: street((side) => [k.probe('a secretary', lazy('PUT', () => `/party/orgs/${of(side).org}/officers`, () => ({ officers: [{ memberId: of(side).member, role: 'secretary' }] })), status(200, (b) => expect(b.secretary).not.toBeNull()))]),
      streetWrites: true,
    },
    'GET /api/v1/party/members': {
      cross: cross((me, them) => [
        k.probe('list', k.get('/party/members?limit=500'), (res, a, m, th) => k.listWithout(ids, membersOf, (x) => [of(x).member])(res, a, m, th)),
        k.probe('their organization', lazy('GET', () => `/party/members?orgId=${of(them).org}`), denied),
        k.probe('their community', k.get(`/party/members?regionId=${them.community.id}`), denied),
        k.probe('their mobile', lazy('GET', () => `/party/members?q=${of(them).mobile}`), (res) => expect(res.json()).toMatchObject({ items: [], total: 0 })),
        k.probe('mine, with sub-organizations', lazy('GET', () => `/party/members?orgId=${of(me).org}&includeSubOrgs=true`), status(200)),
      ]),
      street: street((side) => [k.probe('a community', k.get(`/party/members?regionId=${side.community.id}&limit=500`), status(200, (b, s) => expect(ids(b)).toContain(of(s).member)))]),
    },
    'GET /api/v1/party/members/export': {
      cross: cross((_me, them) => [
        k.probe('their organization', lazy('GET', () => `/party/members/export?orgId=${of(them).org}`), denied),
        k.probe('their community', k.get(`/party/members/export?regionId=${them.community.id}`), denied),
      ]),
      // An export leaves an audit row, so the successful one runs with the street's writes.
      street: street((side, other) => [
        k.probe('a community, not the other', k.get(`/party/members/export?regionId=${side.community.id}`), async (res: LightMyRequestResponse, _a, s) => {
          expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
          const ExcelJS = (await import('exceljs')).default;
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
          const names: string[] = [];
          wb.worksheets[0].eachRow((r, n) => void (n > 1 && names.push(String(r.getCell(1).value))));
          expect(names).toContain(`范围党员${s.key}`);
          expect(names).not.toContain(`范围党员${other.key}`);
          expect(res.rawPayload.includes(Buffer.from(of(s).mobile))).toBe(false);
        }),
      ]),
      streetWrites: true,
    },
    'GET /api/v1/party/members/:id': {
      cross: cross((_me, them) => [k.probe('their member', lazy('GET', () => `/party/members/${of(them).member}`), denied)]),
      street: street((side) => [k.probe('read', lazy('GET', () => `/party/members/${of(side).member}`), status(200, (b) => expect(b.history).toHaveLength(1)))]),
    },
    'POST /api/v1/party/members': {
      cross: cross((me, them) => [
        k.probe('into their organization', lazy('POST', () => '/party/members', () => ({ name: '越界', gender: 'male', kind: 'retired', orgId: of(them).org })), denied),
        k.probe('their resident', lazy('POST', () => '/party/members', () => ({ residentId: them.reg.main.id, kind: 'retired', orgId: of(me).org })), denied),
        k.probe('living on their grid', lazy('POST', () => '/party/members', () => ({ name: '越界', gender: 'male', kind: 'retired', orgId: of(me).org, regionId: them.grid.id })), denied),
        k.probe('working for their organization', lazy('POST', () => '/party/members', () => ({ name: '越界', gender: 'male', kind: 'inService', orgId: of(me).org, institutionId: them.pl.org.id })), denied),
      ]),
      street: street((side) => [k.probe('register', lazy('POST', () => '/party/members', () => ({ name: `街道登记${side.key}`, gender: 'female', kind: 'inService', orgId: of(side).org, mobile: '13700000000' })), status(201, (b) => expect(b.mobileMasked).toBe('137****0000')))]),
      streetWrites: true,
    },
    'PATCH /api/v1/party/members/:id': {
      cross: cross((me, them) => [
        k.probe('rename theirs', lazy('PATCH', () => `/party/members/${of(them).memberPatch}`, () => ({ version: 1, name: '越界改名' })), denied),
        k.probe('link mine to their resident', lazy('PATCH', () => `/party/members/${of(me).memberPatch}`, () => ({ version: 1, residentId: them.reg.main.id })), denied),
        k.probe('move mine onto their grid', lazy('PATCH', () => `/party/members/${of(me).memberPatch}`, () => ({ version: 1, regionId: them.grid.id })), denied),
      ]),
      street: street((side) => [k.probe('edit', lazy('PATCH', () => `/party/members/${of(side).memberPatch}`, () => ({ version: 1, skills: ['调解'] })), status(200, (b) => expect(b.skills).toEqual(['调解'])))]),
      streetWrites: true,
    },
    'POST /api/v1/party/members/:id/transfer': {
      cross: cross((me, them) => [
        k.probe('transfer theirs', lazy('POST', () => `/party/members/${of(them).memberTransfer}/transfer`, () => ({ version: 1, orgId: of(them).org2, on: '2025-01-01', reason: '越界' })), denied),
        k.probe('transfer mine into theirs', lazy('POST', () => `/party/members/${of(me).memberTransfer}/transfer`, () => ({ version: 1, orgId: of(them).org2, on: '2025-01-01', reason: '越界' })), denied),
      ]),
      street: street((side) => [
        k.probe('transfer', lazy('POST', () => `/party/members/${of(side).memberTransfer}/transfer`, () => ({ version: 1, orgId: of(side).org2, on: '2025-01-01', reason: '调整' })), status(200, (b) => expect(b.history).toHaveLength(2))),
      ]),
      streetWrites: true,
    },
    'POST /api/v1/party/members/:id/archive': {
      cross: cross((_me, them) => [k.probe('archive theirs', lazy('POST', () => `/party/members/${of(them).memberArchive}/archive`, () => ({ version: 1, reason: 'other', on: '2025-01-01' })), denied)]),
      street: street((side) => [k.probe('archive', lazy('POST', () => `/party/members/${of(side).memberArchive}/archive`, () => ({ version: 1, reason: 'deceased', on: '2025-01-01' })), status(200, (b) => expect(b.leftReason).toBe('deceased')))]),
      streetWrites: true,
    },
    'POST /api/v1/party/members/:id/reveal': {
      cross: cross((_me, them) => [k.probe('their mobile', lazy('POST', () => `/party/members/${of(them).member}/reveal`), denied)]),
      // A reveal leaves an audit row: with the street's writes.
      street: street((side) => [k.probe('reveal', lazy('POST', () => `/party/members/${of(side).member}/reveal`), status(200, (b, s) => expect(b.mobile).toBe(of(s).mobile)))]),
      streetWrites: true,
    },
    'GET /api/v1/party/warnings': {
      cross: cross((_me, them) => [
        k.probe('their community', k.get(`/party/warnings?regionId=${them.community.id}`), denied),
        k.probe('their grid', k.get(`/party/warnings?regionId=${them.grid.id}`), denied),
        k.probe('mine', k.get('/party/warnings'), (res, _a, m, th) => {
          expect(res.statusCode, res.body).toBe(200);
          const subjects = (res.json().items as { subject: { type: string; id: number } }[]).map((i) => i.subject);
          expect(subjects.filter((s) => s.type === 'region' && th.subtreeIds.has(s.id))).toEqual([]);
          expect(subjects.filter((s) => s.type === 'estate' && s.id === th.housing.estate.id)).toEqual([]);
          expect(subjects.some((s) => s.type === 'region' && m.subtreeIds.has(s.id))).toBe(true);
        }),
      ]),
      street: street((side) => [k.probe('a community', k.get(`/party/warnings?regionId=${side.community.id}`), status(200, (b, s) => expect(b.region.id).toBe(s.community.id)))]),
    },
    'PUT /api/v1/party/rules': {
      // One set of rules for the whole system: community staff lack settings.write, and a
      // districtStaff-role user scoped to one community holds it but not the whole system.
      cross: cross(() => [k.probe('change everyone’s rules', k.put('/party/rules', { branchMaxMembers: 5, householdsPerLiaison: { min: 1, max: 2 }, liaisonsPerLeader: { min: 1, max: 2 } }), k.scopeDenied('settings.write'))]),
      street: street(() => [k.probe('street may not', k.put('/party/rules', { branchMaxMembers: 5, householdsPerLiaison: { min: 1, max: 2 }, liaisonsPerLeader: { min: 1, max: 2 } }), k.permissionDenied)]),
    },
    // Last of this file's read-only street rows: `cleanUp` must run after every other one.
    'GET /api/v1/party/rules': {
      cross: cross(() => [k.probe('the one set of rules', k.get('/party/rules'), status(200, (b) => expect(b.branchMaxMembers).toBeGreaterThan(0)))]),
      street: street(() => [k.probe('read', k.get('/party/rules'), status(200)), cleanUp]),
    },
  };
  return rows;
}
