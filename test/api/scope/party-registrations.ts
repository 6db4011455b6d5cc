// Scope rows for dual registration: one entry per route (see ../scope.test.ts for the harness).
//
// Each side gets, written straight to the tables by the first probe (no audit rows): a resident
// institution in its grid with two party organizations (one registered at the community, one
// not), three in-service members (one registered with a post, a pledge and a service record, one
// registered for the street to deregister, one not registered) and a plain grid branch. A sibling's
// registrations are SCOPE_DENIED by id and absent from lists and reports; a sibling's organization
// or member cannot be registered, nor one of mine at the sibling's community.
//
// The harness snapshots every party table before the first probe and compares after the refused
// requests, so these fixtures are removed again by the last read-only street probe, after checking
// that no refused request touched them (a digest taken when they were written). The street's writes
// run after the comparison and write them afresh.
import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Entry, ScopeKit, Side } from '../scope.test.ts';

type Key = 'A' | 'B';
interface Fixture {
  institution: number;
  branch: number;
  orgRegistered: number;
  orgFree: number;
  memberRegistered: number;
  memberRegisteredName: string;
  memberFree: number;
  memberToDeregister: number;
  regOrg: number;
  regMember: { id: number; version: number };
  regToDeregister: { id: number; version: number };
  pledge: { id: number; version: number };
}

export function partyRegistrationsScopeRows(k: ScopeKit): Record<string, Entry> {
  const { probe, get, post, patch, scopeDenied, listWithout, itemIds, expectStatus, rows } = k;
  const day = (offset = 0) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  let made: Record<Key, Fixture> | null = null;
  let digestWhenMade = '';

  const one = async (q: ReturnType<typeof sql>) => (await rows<{ id: number; version?: number }>(q))[0];
  async function makeSide(s: Side): Promise<Fixture> {
    const g = s.grid;
    const institution = (await one(sql`INSERT INTO organizations (region_id, region_path, kind, subkind, name) VALUES (${g.id}, ${g.path}, 'residentInstitution', 'agency', ${`报到单位${s.key}`}) RETURNING id`)).id;
    const org = async (name: string, inst: number | null) =>
      (await one(sql`INSERT INTO party_orgs (region_id, region_path, kind, name, attach_kind, institution_id) VALUES (${g.id}, ${g.path}, 'branch', ${name}, ${inst ? 'institution' : 'region'}, ${inst}) RETURNING id`)).id;
    const branch = await org(`报到网格支部${s.key}`, null);
    const orgRegistered = await org(`报到单位已报到支部${s.key}`, institution);
    const orgFree = await org(`报到单位未报到支部${s.key}`, institution);
    const member = async (name: string) =>
      (await one(sql`INSERT INTO party_members (region_id, region_path, name, gender, kind, org_id, institution_id, mobile_masked) VALUES (${g.id}, ${g.path}, ${name}, 'female', 'inService', ${branch}, ${institution}, '138****0000') RETURNING id`)).id;
    const memberRegisteredName = `报到党员${s.key}`;
    const memberRegistered = await member(memberRegisteredName);
    const memberFree = await member(`未报到党员${s.key}`);
    const memberToDeregister = await member(`待注销党员${s.key}`);
    const c = s.community;
    const reg = (kind: string, orgId: number | null, memberId: number | null) =>
      one(sql`INSERT INTO dual_registrations (region_id, region_path, kind, party_org_id, member_id, institution_id, registered_on) VALUES (${c.id}, ${c.path}, ${kind}, ${orgId}, ${memberId}, ${institution}, ${day(-30)}) RETURNING id, version`);
    const regOrg = (await reg('organization', orgRegistered, null)).id;
    const regMember = await reg('member', null, memberRegistered);
    const regToDeregister = await reg('member', null, memberToDeregister);
    const pledge = await one(sql`INSERT INTO pledges (registration_id, title, due_on) VALUES (${regMember.id}, '结对帮扶一户', ${day(10)}) RETURNING id, version`);
    await rows(sql`INSERT INTO pioneer_posts (registration_id, title) VALUES (${regMember.id}, '楼道清洁岗')`);
    await rows(sql`INSERT INTO registration_services (registration_id, served_on, hours, activity) VALUES (${regMember.id}, ${day(-3)}, 2.5, '义务理发')`);
    return {
      institution, branch, orgRegistered, orgFree, memberRegistered, memberRegisteredName, memberFree, memberToDeregister, regOrg,
      regMember: { id: regMember.id, version: regMember.version! },
      regToDeregister: { id: regToDeregister.id, version: regToDeregister.version! },
      pledge: { id: pledge.id, version: pledge.version! },
    };
  }

  const regsOf = (f: Fixture) => [f.regOrg, f.regMember.id, f.regToDeregister.id];
  const list = (ids: number[]) => sql.join(ids.map((i) => sql`${i}`), sql`, `);
  async function digest(): Promise<string> {
    const all = Object.values(made!);
    const regs = list(all.flatMap(regsOf));
    const [r] = await rows<{ h: string }>(sql`SELECT md5(concat_ws('#',
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM organizations x WHERE x.id IN (${list(all.map((f) => f.institution))})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM party_orgs x WHERE x.id IN (${list(all.flatMap((f) => [f.branch, f.orgRegistered, f.orgFree]))})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM party_members x WHERE x.id IN (${list(all.flatMap((f) => [f.memberRegistered, f.memberFree, f.memberToDeregister]))})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM dual_registrations x WHERE x.id IN (${regs})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM pledges x WHERE x.registration_id IN (${regs})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM pioneer_posts x WHERE x.registration_id IN (${regs})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM registration_services x WHERE x.registration_id IN (${regs})))) AS h`);
    return r.h;
  }
  async function ensure(): Promise<void> {
    if (made) return;
    const s = k.sides();
    made = { A: await makeSide(s.A), B: await makeSide(s.B) };
    digestWhenMade = await digest();
  }
  /** Checks that nothing touched the fixtures, then removes them (see the header). */
  async function removeUntouched(): Promise<void> {
    if (!made) return;
    expect(await digest(), 'a refused request changed the registration fixtures').toBe(digestWhenMade);
    const all = Object.values(made);
    const regs = list(all.flatMap(regsOf));
    for (const table of ['pledges', 'pioneer_posts', 'registration_services']) await rows(sql`DELETE FROM ${sql.raw(table)} WHERE registration_id IN (${regs})`);
    await rows(sql`DELETE FROM dual_registrations WHERE id IN (${regs})`);
    await rows(sql`DELETE FROM party_members WHERE id IN (${list(all.flatMap((f) => [f.memberRegistered, f.memberFree, f.memberToDeregister]))})`);
    await rows(sql`DELETE FROM party_orgs WHERE id IN (${list(all.flatMap((f) => [f.branch, f.orgRegistered, f.orgFree]))})`);
    await rows(sql`DELETE FROM organizations WHERE id IN (${list(all.map((f) => f.institution))})`);
    made = null;
  }

  const of = (s: Side) => made![s.key];
  const prepare = probe('prepare registrations on each side', get('/party/registrations?limit=1'), async (res) => {
    expect(res.statusCode, res.body).toBe(200);
    await ensure();
  });
  // Requests whose URL and body are read when sent, after `prepare` ran.
  const lazy = (method: InjectOptions['method'], url: () => string, payload?: () => object): InjectOptions => {
    const req = { method } as InjectOptions;
    // Getters defined on the object itself (a spread would call them now, before `prepare`).
    Object.defineProperty(req, 'url', { get: () => `/api/v1${url()}`, enumerable: true });
    if (payload) Object.defineProperty(req, 'payload', { get: payload, enumerable: true });
    return req;
  };
  const theirRegs = (them: Side) => new Set(regsOf(of(them)));
  const empty = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ items: [], total: 0 });
  };

  return {
    'GET /api/v1/party/registrations': {
      cross: (_me, them) => [
        prepare,
        probe('list', get('/party/registrations?limit=500'), listWithout(itemIds, theirRegs, (m) => regsOf(of(m)))),
        probe('in their community', get(`/party/registrations?communityId=${them.community.id}`), scopeDenied()),
        probe('their member', lazy('GET', () => `/party/registrations?memberId=${of(them).memberRegistered}`), empty),
        probe('their organization', lazy('GET', () => `/party/registrations?partyOrgId=${of(them).orgRegistered}`), empty),
        probe('their institution', lazy('GET', () => `/party/registrations?institutionId=${of(them).institution}`), empty),
        probe('by their name', lazy('GET', () => `/party/registrations?q=${encodeURIComponent(of(them).memberRegisteredName)}`), empty),
      ],
      street: (side) => [prepare, probe('street lists both', get('/party/registrations?limit=500'), expectStatus(200, (b, s) => expect(itemIds(b)).toEqual(expect.arrayContaining(regsOf(of(s))))))],
    },
    'GET /api/v1/party/registrations/:id': {
      cross: (_me, them) => [prepare, probe('their registration', lazy('GET', () => `/party/registrations/${of(them).regMember.id}`), scopeDenied())],
      street: (side) => [
        prepare,
        probe('registration', lazy('GET', () => `/party/registrations/${of(side).regMember.id}`), expectStatus(200, (b) => {
          expect(b.pledges).toHaveLength(1);
          expect(b.posts).toHaveLength(1);
          expect(b.serviceHours).toBe(2.5);
        })),
      ],
    },
    'GET /api/v1/party/registrations/coverage': {
      cross: (me, them) => [
        prepare,
        probe('their community', get(`/party/registrations/coverage?regionId=${them.community.id}`), scopeDenied()),
        probe('their grid', get(`/party/registrations/coverage?regionId=${them.grid.id}&by=institution`), scopeDenied()),
        probe('mine, per community', get('/party/registrations/coverage'), expectStatus(200, (b) => {
          expect(b.rows.map((r: { subject: { id: number } }) => r.subject.id)).toEqual([me.community.id]);
          expect(b.totals.orgsRegistered).toBeGreaterThanOrEqual(1);
        })),
        probe('mine, per institution', get('/party/registrations/coverage?by=institution'), (res) => {
          expect(res.statusCode, res.body).toBe(200);
          const ids = res.json().rows.map((r: { subject: { id: number } }) => r.subject.id);
          expect(ids).toContain(of(me).institution);
          expect(ids).not.toContain(of(them).institution);
        }),
      ],
      street: (side) => [
        prepare,
        probe('a community', get(`/party/registrations/coverage?regionId=${side.community.id}`), expectStatus(200, (b, s) => {
          expect(b.rows.map((r: { subject: { id: number } }) => r.subject.id)).toEqual([s.community.id]);
          expect(b.totals.membersRegistered).toBeGreaterThanOrEqual(2);
        })),
      ],
    },
    'GET /api/v1/party/registrations/coverage/export': {
      cross: (me, them) => [
        prepare,
        probe('their community', get(`/party/registrations/coverage/export?regionId=${them.community.id}`), scopeDenied()),
        probe('mine', get('/party/registrations/coverage/export?by=institution'), async (res) => {
          expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
          const ExcelJS = (await import('exceljs')).default;
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
          const names: string[] = [];
          wb.worksheets[0].eachRow((r, n) => void (n > 1 && names.push(String(r.getCell(1).value))));
          expect(names).toContain(`报到单位${me.key}`);
          expect(names).not.toContain(`报到单位${them.key}`);
        }),
      ],
      // The last read-only probe: the refused requests are over, the fixtures go (see the header).
      street: (side) => [
        prepare,
        probe('a community', get(`/party/registrations/coverage/export?regionId=${side.community.id}`), async (res, _a, s) => {
          expect(res.statusCode).toBe(200);
          if (s.key === 'B') await removeUntouched();
        }),
      ],
    },
    'POST /api/v1/party/registrations': {
      cross: (me, them) => [
        prepare,
        probe('their member at my community', lazy('POST', () => '/party/registrations', () => ({ kind: 'member', memberId: of(them).memberFree, communityId: me.community.id })), scopeDenied()),
        probe('their member at their community', lazy('POST', () => '/party/registrations', () => ({ kind: 'member', memberId: of(them).memberFree, communityId: them.community.id })), scopeDenied()),
        probe('their organization at my community', lazy('POST', () => '/party/registrations', () => ({ kind: 'organization', partyOrgId: of(them).orgFree, communityId: me.community.id })), scopeDenied()),
        probe('my organization at their community', lazy('POST', () => '/party/registrations', () => ({ kind: 'organization', partyOrgId: of(me).orgFree, communityId: them.community.id })), scopeDenied()),
      ],
      street: (side) => [
        prepare,
        probe('register a member', lazy('POST', () => '/party/registrations', () => ({ kind: 'member', memberId: of(side).memberFree, communityId: side.community.id })), expectStatus(201, (b, s) => expect(b.community.id).toBe(s.community.id))),
        probe('register an organization', lazy('POST', () => '/party/registrations', () => ({ kind: 'organization', partyOrgId: of(side).orgFree, communityId: side.community.id })), expectStatus(201)),
      ],
      streetWrites: true,
    },
    'POST /api/v1/party/registrations/:id/deregister': {
      cross: (_me, them) => [prepare, probe('their registration', lazy('POST', () => `/party/registrations/${of(them).regToDeregister.id}/deregister`, () => ({ on: day(0), reason: '越界注销' })), scopeDenied())],
      street: (side) => [
        prepare,
        probe('deregister', lazy('POST', () => `/party/registrations/${of(side).regToDeregister.id}/deregister`, () => ({ on: day(0), reason: '街道注销', version: of(side).regToDeregister.version })), expectStatus(200, (b) => expect(b.active).toBe(false))),
      ],
      streetWrites: true,
    },
    'POST /api/v1/party/registrations/:id/posts': {
      cross: (_me, them) => [prepare, probe('their registration', lazy('POST', () => `/party/registrations/${of(them).regMember.id}/posts`, () => ({ title: '越界岗' })), scopeDenied())],
      street: (side) => [prepare, probe('add a post', lazy('POST', () => `/party/registrations/${of(side).regMember.id}/posts`, () => ({ title: '街道设岗' })), expectStatus(201))],
      streetWrites: true,
    },
    'POST /api/v1/party/registrations/:id/pledges': {
      cross: (_me, them) => [prepare, probe('their registration', lazy('POST', () => `/party/registrations/${of(them).regMember.id}/pledges`, () => ({ title: '越界承诺', dueOn: day(5) })), scopeDenied())],
      street: (side) => [prepare, probe('add a pledge', lazy('POST', () => `/party/registrations/${of(side).regMember.id}/pledges`, () => ({ title: '街道承诺', dueOn: day(5) })), expectStatus(201))],
      streetWrites: true,
    },
    'PATCH /api/v1/party/pledges/:id': {
      cross: (_me, them) => [prepare, probe('their pledge', lazy('PATCH', () => `/party/pledges/${of(them).pledge.id}`, () => ({ version: of(them).pledge.version, status: 'kept', evidence: '越界' })), scopeDenied())],
      street: (side) => [
        prepare,
        probe('keep a pledge', lazy('PATCH', () => `/party/pledges/${of(side).pledge.id}`, () => ({ version: of(side).pledge.version, status: 'kept', evidence: '街道核实' })), expectStatus(200, (b) => expect(b.status).toBe('kept'))),
      ],
      streetWrites: true,
    },
    'POST /api/v1/party/registrations/:id/services': {
      cross: (_me, them) => [prepare, probe('their registration', lazy('POST', () => `/party/registrations/${of(them).regMember.id}/services`, () => ({ servedOn: day(0), hours: 1, activity: '越界' })), scopeDenied())],
      street: (side) => [prepare, probe('record service', lazy('POST', () => `/party/registrations/${of(side).regMember.id}/services`, () => ({ servedOn: day(0), hours: 1.5, activity: '街道登记' })), expectStatus(201))],
      streetWrites: true,
    },
  };
}
