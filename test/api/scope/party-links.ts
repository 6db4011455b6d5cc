// Scope rows for household links, joint committees, partnerships and leader contacts: one entry
// per route (see ../scope.test.ts for the harness).
//
// Each side gets, written straight to the tables by the first probe (no audit rows): five
// households in its grid (a liaison household linking another, a free one, one for the street to
// make a liaison household, and a second liaison household for the street to archive), a community
// branch and a joint committee with one part-time member and one joint meeting, a resident
// institution, a partnership with one activity, and a leader contact with one visit. A sibling's rows are SCOPE_DENIED by id and absent from lists and reports; a
// sibling's household, member, institution or organization cannot be referenced from one's own.
//
// The harness snapshots every party table before the first probe and compares after the refused
// requests, so the last read-only street probe here (side B) checks that no refused request touched
// the fixtures or hung anything on them (a digest taken when they were written), then removes them.
// The street's writes run after the comparison and write them afresh.
import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Entry, ScopeKit, Side } from '../scope.test.ts';

type Key = 'A' | 'B';
interface Fixture {
  households: { liaison: number; linked: number; free: number; street: number; liaison2: number };
  branch: number;
  joint: number;
  institution: number;
  members: { liaison: number; leader: number; street: number; liaison2: number };
  liaison: number;
  liaison2: number;
  jointMember: number;
  meeting: number;
  partnership: number;
  contact: number;
}

export function partyLinksScopeRows(k: ScopeKit): Record<string, Entry> {
  const { probe, get, post, scopeDenied, listWithout, itemIds, expectStatus, rows } = k;
  let made: Record<Key, Fixture> | null = null;
  let digestWhenMade = '';
  const one = async (q: ReturnType<typeof sql>) => Number((await rows<{ id: number }>(q))[0].id);
  const list = (ids: number[]) => sql.join(ids.map((i) => sql`${i}`), sql`, `);

  async function makeSide(s: Side): Promise<Fixture> {
    const g = s.grid;
    const c = s.community;
    const household = (n: string) => one(sql`INSERT INTO households (region_id, region_path, number) VALUES (${g.id}, ${g.path}, ${`LINK-${s.key}-${n}`}) RETURNING id`);
    const households = {
      liaison: await household('1'),
      linked: await household('2'),
      free: await household('3'),
      street: await household('4'),
      liaison2: await household('5'),
    };
    const org = (name: string, joint: boolean) =>
      one(sql`INSERT INTO party_orgs (region_id, region_path, kind, name, joint) VALUES (${c.id}, ${c.path}, ${joint ? 'committee' : 'branch'}, ${name}, ${joint}) RETURNING id`);
    const branch = await org(`联户支部${s.key}`, false);
    const joint = await org(`大党委${s.key}`, true);
    const member = (name: string) => one(sql`INSERT INTO party_members (region_id, region_path, name, gender, kind, org_id) VALUES (${g.id}, ${g.path}, ${name}, 'male', 'retired', ${branch}) RETURNING id`);
    const members = { liaison: await member(`中心户党员${s.key}`), leader: await member(`党小组长${s.key}`), street: await member(`街道设中心户${s.key}`), liaison2: await member(`待撤中心户${s.key}`) };
    const liaisonRow = (h: number, m: number) =>
      one(sql`INSERT INTO liaison_households (region_id, region_path, household_id, member_id, leader_member_id) VALUES (${g.id}, ${g.path}, ${h}, ${m}, ${members.leader}) RETURNING id`);
    const liaison = await liaisonRow(households.liaison, members.liaison);
    const liaison2 = await liaisonRow(households.liaison2, members.liaison2);
    await rows(sql`INSERT INTO household_links (liaison_id, household_id) VALUES (${liaison}, ${households.linked})`);
    const institution = await one(sql`INSERT INTO organizations (region_id, region_path, kind, subkind, name) VALUES (${g.id}, ${g.path}, 'residentInstitution', 'agency', ${`共建单位${s.key}`}) RETURNING id`);
    const jointMember = await one(sql`INSERT INTO joint_committee_members (org_id, name, institution_id, post) VALUES (${joint}, ${`兼职委员${s.key}`}, ${institution}, '兼职委员') RETURNING id`);
    const meeting = await one(sql`INSERT INTO joint_meetings (region_id, region_path, org_id, title, held_at, attendance, decisions)
      VALUES (${c.id}, ${c.path}, ${joint}, ${`联席会议${s.key}`}, '2026-01-10T02:00:00Z', ${JSON.stringify([{ name: `兼职委员${s.key}`, jointMemberId: jointMember, present: true, note: '' }])}::jsonb, '[]'::jsonb) RETURNING id`);
    const partnership = await one(sql`INSERT INTO partnerships (region_id, region_path, org_id, institution_id, title, start_on) VALUES (${c.id}, ${c.path}, ${branch}, ${institution}, ${`结对共建${s.key}`}, '2025-01-01') RETURNING id`);
    await rows(sql`INSERT INTO partnership_activities (partnership_id, held_on, title, participants) VALUES (${partnership}, '2025-03-05', '学雷锋志愿服务', 12)`);
    const contact = await one(sql`INSERT INTO leader_contacts (region_id, region_path, leader_name, leader_post, target_kind, from_on) VALUES (${c.id}, ${c.path}, ${`联系领导${s.key}`}, '副区长', 'region', '2025-01-01') RETURNING id`);
    await rows(sql`INSERT INTO leader_contact_visits (contact_id, visited_on, note) VALUES (${contact}, '2025-04-01', '调研')`);
    return { households, branch, joint, institution, members, liaison, liaison2, jointMember, meeting, partnership, contact };
  }

  const ids = (pick: (f: Fixture) => number[]) => list(Object.values(made!).flatMap(pick));
  /** Every fixture row and every row hung on a fixture (a refused write must have added none). */
  async function digest(): Promise<string> {
    const liaisons = ids((f) => [f.liaison, f.liaison2]);
    const orgs = ids((f) => [f.branch, f.joint]);
    const [r] = await rows<{ h: string }>(sql`SELECT md5(concat_ws('#',
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM households x WHERE x.id IN (${ids((f) => Object.values(f.households))})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM liaison_households x WHERE x.id IN (${liaisons}) OR x.household_id IN (${ids((f) => Object.values(f.households))}) OR x.member_id IN (${ids((f) => Object.values(f.members))})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM household_links x WHERE x.liaison_id IN (${liaisons}) OR x.household_id IN (${ids((f) => Object.values(f.households))})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM party_orgs x WHERE x.id IN (${orgs})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM party_members x WHERE x.id IN (${ids((f) => Object.values(f.members))})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM organizations x WHERE x.id IN (${ids((f) => [f.institution])})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM joint_committee_members x WHERE x.org_id IN (${orgs})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM joint_meetings x WHERE x.org_id IN (${orgs})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM partnerships x WHERE x.org_id IN (${orgs}) OR x.institution_id IN (${ids((f) => [f.institution])})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM partnership_activities x WHERE x.partnership_id IN (${ids((f) => [f.partnership])})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM leader_contacts x WHERE x.id IN (${ids((f) => [f.contact])}) OR x.organization_id IN (${ids((f) => [f.institution])})),
      (SELECT string_agg(x::text, '|' ORDER BY x.id) FROM leader_contact_visits x WHERE x.contact_id IN (${ids((f) => [f.contact])})))) AS h`);
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
    expect(await digest(), 'a refused request changed the household link / joint committee fixtures').toBe(digestWhenMade);
    const hs = ids((f) => Object.values(f.households));
    const orgs = ids((f) => [f.branch, f.joint]);
    await rows(sql`DELETE FROM household_links WHERE household_id IN (${hs})`);
    await rows(sql`DELETE FROM liaison_households WHERE household_id IN (${hs})`);
    await rows(sql`DELETE FROM households WHERE id IN (${hs})`);
    await rows(sql`DELETE FROM joint_committee_members WHERE org_id IN (${orgs})`);
    await rows(sql`DELETE FROM joint_meetings WHERE org_id IN (${orgs})`);
    await rows(sql`DELETE FROM partnership_activities WHERE partnership_id IN (${ids((f) => [f.partnership])})`);
    await rows(sql`DELETE FROM partnerships WHERE id IN (${ids((f) => [f.partnership])})`);
    await rows(sql`DELETE FROM leader_contact_visits WHERE contact_id IN (${ids((f) => [f.contact])})`);
    await rows(sql`DELETE FROM leader_contacts WHERE id IN (${ids((f) => [f.contact])})`);
    await rows(sql`DELETE FROM party_members WHERE id IN (${ids((f) => Object.values(f.members))})`);
    await rows(sql`DELETE FROM party_orgs WHERE id IN (${orgs})`);
    await rows(sql`DELETE FROM organizations WHERE id IN (${ids((f) => [f.institution])})`);
    made = null;
  }

  const of = (s: Side) => made![s.key];
  const prepare = probe('prepare household links and joint committees on each side', get('/party/liaisons?limit=1'), async (res) => {
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
  const lazyGet = (url: () => string) => lazy('GET', url);
  const empty = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ items: [], total: 0 });
  };
  const ok = (status = 200, extra?: (b: any, s: Side) => void) => expectStatus(status, extra);

  return {
    // ---- household links
    'GET /api/v1/party/liaisons': {
      cross: (_me, them) => [
        prepare,
        probe('list', get('/party/liaisons'), listWithout(itemIds, (t) => new Set([of(t).liaison, of(t).liaison2]), (m) => [of(m).liaison, of(m).liaison2])),
        probe('in their community', get(`/party/liaisons?regionId=${them.community.id}`), scopeDenied()),
        probe('by their leader', lazyGet(() => `/party/liaisons?leaderMemberId=${of(them).members.leader}`), empty),
      ],
      street: (side) => [prepare, probe('lists the community', get(`/party/liaisons?regionId=${side.community.id}`), ok(200, (b, s) => expect(itemIds(b)).toEqual(expect.arrayContaining([of(s).liaison, of(s).liaison2]))))],
    },
    'GET /api/v1/party/liaisons/:id': {
      cross: (_me, them) => [prepare, probe('their liaison household', lazyGet(() => `/party/liaisons/${of(them).liaison}`), scopeDenied())],
      street: (side) => [prepare, probe('liaison household', lazyGet(() => `/party/liaisons/${of(side).liaison}`), ok(200, (b, s) => expect(b.households.map((h: { id: number }) => h.id)).toEqual([of(s).households.linked])))],
    },
    'POST /api/v1/party/liaisons': {
      cross: (me, them) => [
        prepare,
        probe('their household, my member', lazy('POST', () => '/party/liaisons', () => ({ householdId: of(them).households.street, memberId: of(me).members.street })), scopeDenied()),
        probe('my household, their member', lazy('POST', () => '/party/liaisons', () => ({ householdId: of(me).households.street, memberId: of(them).members.street })), scopeDenied()),
        probe('under their leader', lazy('POST', () => '/party/liaisons', () => ({ householdId: of(me).households.street, memberId: of(me).members.street, leaderMemberId: of(them).members.leader })), scopeDenied()),
      ],
      street: (side) => [
        prepare,
        probe('make a liaison household', lazy('POST', () => '/party/liaisons', () => ({ householdId: of(side).households.street, memberId: of(side).members.street, leaderMemberId: of(side).members.leader })), ok(201, (b, s) => expect(b.household.id).toBe(of(s).households.street))),
      ],
      streetWrites: true,
    },
    'PATCH /api/v1/party/liaisons/:id': {
      cross: (me, them) => [
        prepare,
        probe('their liaison household', lazy('PATCH', () => `/party/liaisons/${of(them).liaison}`, () => ({ version: 1, leaderMemberId: of(me).members.leader })), scopeDenied()),
        probe('mine, under their leader', lazy('PATCH', () => `/party/liaisons/${of(me).liaison}`, () => ({ version: 1, leaderMemberId: of(them).members.leader })), scopeDenied()),
      ],
      street: (side) => [prepare, probe('clear the leader', lazy('PATCH', () => `/party/liaisons/${of(side).liaison}`, () => ({ version: 1, leaderMemberId: null })), ok(200, (b) => expect(b.leader).toBeNull()))],
      streetWrites: true,
    },
    'POST /api/v1/party/liaisons/:id/archive': {
      cross: (_me, them) => [prepare, probe('their liaison household', lazy('POST', () => `/party/liaisons/${of(them).liaison2}/archive`, () => ({ version: 1 })), scopeDenied())],
      street: (side) => [prepare, probe('archive', lazy('POST', () => `/party/liaisons/${of(side).liaison2}/archive`, () => ({ version: 1 })), ok(200, (b) => expect(b.archivedAt).not.toBeNull()))],
      streetWrites: true,
    },
    'PUT /api/v1/party/liaisons/:id/households': {
      cross: (me, them) => [
        prepare,
        probe('their liaison household', lazy('PUT', () => `/party/liaisons/${of(them).liaison}/households`, () => ({ householdIds: [] })), scopeDenied()),
        probe('link their household to mine', lazy('PUT', () => `/party/liaisons/${of(me).liaison}/households`, () => ({ householdIds: [of(me).households.linked, of(them).households.free] })), scopeDenied()),
      ],
      street: (side) => [
        prepare,
        probe('link two', lazy('PUT', () => `/party/liaisons/${of(side).liaison}/households`, () => ({ householdIds: [of(side).households.linked, of(side).households.free] })), ok(200, (b) => expect(b.linkedCount).toBe(2))),
      ],
      streetWrites: true,
    },
    'GET /api/v1/party/links/building/:buildingId': {
      cross: (_me, them) => [prepare, probe('their building', get(`/party/links/building/${them.housing.building.id}`), scopeDenied())],
      street: (side) => [
        prepare,
        probe('building', get(`/party/links/building/${side.housing.building.id}`), ok(200, (b, s) => {
          expect(b.building.id).toBe(s.housing.building.id);
          expect(b.cells.map((c: { dwellingId: number }) => c.dwellingId)).toContain(s.housing.dwelling.id);
        })),
      ],
    },
    'GET /api/v1/party/links/coverage': {
      cross: (me, them) => [
        prepare,
        probe('their community', get(`/party/links/coverage?regionId=${them.community.id}`), scopeDenied()),
        probe('their grid', get(`/party/links/coverage?regionId=${them.grid.id}`), scopeDenied()),
        probe('mine', get('/party/links/coverage'), ok(200, (b) => {
          expect(b.region.id).toBe(me.community.id);
          for (const r of b.byChild) expect(me.subtreeIds.has(r.region.id)).toBe(true);
          expect(b.outOfRange.map((o: { id: number }) => o.id)).not.toContain(of(them).liaison);
        })),
      ],
      street: (side) => [prepare, probe('a community', get(`/party/links/coverage?regionId=${side.community.id}`), ok(200, (b) => expect(b.linked).toBeGreaterThanOrEqual(3)))],
    },
    'GET /api/v1/party/links/unlinked': {
      cross: (me, them) => [
        prepare,
        probe('their community', get(`/party/links/unlinked?regionId=${them.community.id}`), scopeDenied()),
        probe('their building', get(`/party/links/unlinked?buildingId=${them.housing.building.id}`), scopeDenied()),
        probe('mine', get('/party/links/unlinked?limit=500'), listWithout(itemIds, (t) => new Set(Object.values(of(t).households)), (m) => [of(m).households.free])),
      ],
      street: (side) => [prepare, probe('a grid', get(`/party/links/unlinked?regionId=${side.grid.id}&limit=500`), ok(200, (b, s) => expect(itemIds(b)).toContain(of(s).households.free)))],
    },
    // ---- joint committees
    'GET /api/v1/party/orgs/:id/joint-members': {
      cross: (_me, them) => [prepare, probe('their committee', lazyGet(() => `/party/orgs/${of(them).joint}/joint-members`), scopeDenied())],
      street: (side) => [prepare, probe('committee', lazyGet(() => `/party/orgs/${of(side).joint}/joint-members`), ok(200, (b, s) => expect(itemIds(b)).toEqual([of(s).jointMember])))],
    },
    'PUT /api/v1/party/orgs/:id/joint-members': {
      cross: (me, them) => [
        prepare,
        probe('their committee', lazy('PUT', () => `/party/orgs/${of(them).joint}/joint-members`, () => ({ members: [] })), scopeDenied()),
        probe('mine, from their institution', lazy('PUT', () => `/party/orgs/${of(me).joint}/joint-members`, () => ({ members: [{ id: of(me).jointMember, name: '兼职委员', institutionId: of(them).institution, post: 'x' }] })), scopeDenied()),
      ],
      street: (side) => [
        prepare,
        probe('replace', lazy('PUT', () => `/party/orgs/${of(side).joint}/joint-members`, () => ({ members: [{ id: of(side).jointMember, name: '兼职委员', institutionId: of(side).institution, post: '兼职副书记' }, { name: '街道增补', post: '兼职委员' }] })), ok(200, (b) => expect(b.items).toHaveLength(2))),
      ],
      streetWrites: true,
    },
    'GET /api/v1/party/meetings': {
      cross: (_me, them) => [
        prepare,
        probe('list', get('/party/meetings?limit=500'), listWithout(itemIds, (t) => new Set([of(t).meeting]), (m) => [of(m).meeting])),
        probe('their committee', lazyGet(() => `/party/meetings?orgId=${of(them).joint}`), scopeDenied()),
        probe('their community', get(`/party/meetings?regionId=${them.community.id}`), scopeDenied()),
      ],
      street: (side) => [prepare, probe('a community', get(`/party/meetings?regionId=${side.community.id}`), ok(200, (b, s) => expect(itemIds(b)).toContain(of(s).meeting)))],
    },
    'POST /api/v1/party/meetings': {
      cross: (_me, them) => [
        prepare,
        probe('for their committee', lazy('POST', () => '/party/meetings', () => ({ orgId: of(them).joint, title: '越界会议', heldAt: '2026-02-01T09:00:00+08:00', attendance: [] })), scopeDenied()),
      ],
      street: (side) => [
        prepare,
        probe('record', lazy('POST', () => '/party/meetings', () => ({ orgId: of(side).joint, title: '街道联席会议', heldAt: '2026-02-01T09:00:00+08:00', attendance: [{ name: '书记', present: true }, { name: '委员', present: false }] })), ok(201, (b) => expect(b.attendanceRate.rate).toBe(0.5))),
      ],
      streetWrites: true,
    },
    'GET /api/v1/party/meetings/:id': {
      cross: (_me, them) => [prepare, probe('their meeting', lazyGet(() => `/party/meetings/${of(them).meeting}`), scopeDenied())],
      street: (side) => [prepare, probe('meeting', lazyGet(() => `/party/meetings/${of(side).meeting}`), ok(200, (b) => expect(b.attendanceRate).toEqual({ present: 1, total: 1, rate: 1 })))],
    },
    'PATCH /api/v1/party/meetings/:id': {
      cross: (_me, them) => [prepare, probe('their meeting', lazy('PATCH', () => `/party/meetings/${of(them).meeting}`, () => ({ version: 1, minutes: '越界' })), scopeDenied())],
      street: (side) => [prepare, probe('minutes', lazy('PATCH', () => `/party/meetings/${of(side).meeting}`, () => ({ version: 1, minutes: '街道补记' })), ok(200, (b) => expect(b.minutes).toBe('街道补记')))],
      streetWrites: true,
    },
    // ---- partnerships
    'GET /api/v1/party/partnerships': {
      cross: (_me, them) => [
        prepare,
        probe('list', get('/party/partnerships?limit=500&includeArchived=true'), listWithout(itemIds, (t) => new Set([of(t).partnership]), (m) => [of(m).partnership])),
        probe('their community', get(`/party/partnerships?regionId=${them.community.id}`), scopeDenied()),
        probe('their institution', lazyGet(() => `/party/partnerships?institutionId=${of(them).institution}`), empty),
      ],
      street: (side) => [prepare, probe('a community', get(`/party/partnerships?regionId=${side.community.id}`), ok(200, (b, s) => expect(itemIds(b)).toContain(of(s).partnership)))],
    },
    'POST /api/v1/party/partnerships': {
      cross: (me, them) => [
        prepare,
        probe('their organization signs', lazy('POST', () => '/party/partnerships', () => ({ orgId: of(them).joint, institutionId: of(me).institution, title: '越界', startOn: '2026-01-01' })), scopeDenied()),
        probe('with their institution', lazy('POST', () => '/party/partnerships', () => ({ orgId: of(me).joint, institutionId: of(them).institution, title: '越界', startOn: '2026-01-01' })), scopeDenied()),
      ],
      street: (side) => [
        prepare,
        probe('sign', lazy('POST', () => '/party/partnerships', () => ({ orgId: of(side).joint, institutionId: of(side).institution, title: '街道结对', startOn: '2026-01-01' })), ok(201, (b) => expect(b.status).toBe('active'))),
      ],
      streetWrites: true,
    },
    'GET /api/v1/party/partnerships/:id': {
      cross: (_me, them) => [prepare, probe('their partnership', lazyGet(() => `/party/partnerships/${of(them).partnership}`), scopeDenied())],
      street: (side) => [prepare, probe('partnership', lazyGet(() => `/party/partnerships/${of(side).partnership}`), ok(200, (b) => expect(b.activities).toHaveLength(1)))],
    },
    'PATCH /api/v1/party/partnerships/:id': {
      cross: (_me, them) => [prepare, probe('their partnership', lazy('PATCH', () => `/party/partnerships/${of(them).partnership}`, () => ({ version: 1, terms: '越界' })), scopeDenied())],
      street: (side) => [prepare, probe('terms', lazy('PATCH', () => `/party/partnerships/${of(side).partnership}`, () => ({ version: 1, terms: '街道修订' })), ok(200, (b) => expect(b.terms).toBe('街道修订')))],
      streetWrites: true,
    },
    'POST /api/v1/party/partnerships/:id/activities': {
      cross: (_me, them) => [prepare, probe('their partnership', lazy('POST', () => `/party/partnerships/${of(them).partnership}/activities`, () => ({ heldOn: '2025-06-01', title: '越界活动' })), scopeDenied())],
      street: (side) => [prepare, probe('log', lazy('POST', () => `/party/partnerships/${of(side).partnership}/activities`, () => ({ heldOn: '2025-06-01', title: '街道活动', participants: 5 })), ok(201, (b) => expect(b.activityCount).toBe(2)))],
      streetWrites: true,
    },
    'POST /api/v1/party/partnerships/:id/archive': {
      cross: (_me, them) => [prepare, probe('their partnership', lazy('POST', () => `/party/partnerships/${of(them).partnership}/archive`, () => ({ version: 1 })), scopeDenied())],
      street: (side) => [prepare, probe('archive', lazy('POST', () => `/party/partnerships/${of(side).partnership}/archive`, () => ({ version: 2 })), ok(200, (b) => expect(b.status).toBe('archived')))],
      streetWrites: true,
    },
    // ---- leader contacts
    'GET /api/v1/party/contacts': {
      cross: (_me, them) => [
        prepare,
        probe('list', get('/party/contacts?limit=500'), listWithout(itemIds, (t) => new Set([of(t).contact]), (m) => [of(m).contact])),
        probe('their community', get(`/party/contacts?regionId=${them.community.id}`), scopeDenied()),
      ],
      street: (side) => [prepare, probe('a community', get(`/party/contacts?regionId=${side.community.id}`), ok(200, (b, s) => expect(itemIds(b)).toContain(of(s).contact)))],
    },
    'POST /api/v1/party/contacts': {
      cross: (_me, them) => [
        prepare,
        probe('to their community', post('/party/contacts', { leaderName: '越界领导', targetKind: 'region', regionId: them.community.id, fromOn: '2026-01-01' }), scopeDenied()),
        probe('to their institution', lazy('POST', () => '/party/contacts', () => ({ leaderName: '越界领导', targetKind: 'organization', organizationId: of(them).institution, fromOn: '2026-01-01' })), scopeDenied()),
      ],
      street: (side) => [
        prepare,
        probe('link to an institution', lazy('POST', () => '/party/contacts', () => ({ leaderName: '街道领导', targetKind: 'organization', organizationId: of(side).institution, fromOn: '2026-01-01' })), ok(201, (b, s) => expect(b.region.id).toBe(s.grid.id))),
      ],
      streetWrites: true,
    },
    'POST /api/v1/party/contacts/:id/visits': {
      cross: (_me, them) => [prepare, probe('their contact', lazy('POST', () => `/party/contacts/${of(them).contact}/visits`, () => ({ visitedOn: '2025-05-01', note: '越界' })), scopeDenied())],
      street: (side) => [prepare, probe('log', lazy('POST', () => `/party/contacts/${of(side).contact}/visits`, () => ({ visitedOn: '2025-05-01', problems: '路灯不亮' })), ok(201, (b) => expect(b.visitCount).toBe(2)))],
      streetWrites: true,
    },
    'POST /api/v1/party/contacts/:id/end': {
      cross: (_me, them) => [prepare, probe('their contact', lazy('POST', () => `/party/contacts/${of(them).contact}/end`, () => ({ version: 1, toOn: '2025-12-31' })), scopeDenied())],
      street: (side) => [prepare, probe('end', lazy('POST', () => `/party/contacts/${of(side).contact}/end`, () => ({ version: 1, toOn: '2025-12-31' })), ok(200, (b) => expect(b.current).toBe(false)))],
      streetWrites: true,
    },
    // The last read-only row: after the street's reads of side B, the fixtures go (see the header).
    'GET /api/v1/party/contacts/:id': {
      cross: (_me, them) => [prepare, probe('their contact', lazyGet(() => `/party/contacts/${of(them).contact}`), scopeDenied())],
      street: (side) => [
        prepare,
        probe('contact', lazyGet(() => `/party/contacts/${of(side).contact}`), async (res, _a, s) => {
          expect(res.statusCode, res.body).toBe(200);
          expect(res.json().visits).toHaveLength(1);
          if (s.key === 'B') await removeUntouched();
        }),
      ],
    },
  };
}
