// Household links (联户): liaison households (党员中心户) linking 30–50 households, party group
// leaders (党小组长) linking 5–10 liaison households, one link per household, the building view,
// the coverage report with everyone out of range, and the households still free.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { makeBuilding, makeHouseholds, makeMember, makeOrg, makeResident, sqlRows } from '../support/party-links.ts';

let t: TestApp;
let admin: string;
let sq01: string;
let sq02: string;
let jd01: string;
let dy01: string;
let communityA: { id: number; path: string };
let communityB: { id: number; path: string };
let gridA: number;
let gridA2: number;
let gridB: number;
let orgA: number;
let orgB: number;

const api = (url: string) => `/api/v1${url}`;
const get = (cookie: string, url: string) => t.as(cookie, { method: 'GET', url: api(url) });
const post = (cookie: string, url: string, payload: object) => t.as(cookie, { method: 'POST', url: api(url), payload });
const put = (cookie: string, url: string, payload: object) => t.as(cookie, { method: 'PUT', url: api(url), payload });
const patch = (cookie: string, url: string, payload: object) => t.as(cookie, { method: 'PATCH', url: api(url), payload });

async function scopeOf(username: string) {
  const code = t.demo!.city.accounts.find((a) => a.username === username)!.scopeCode!;
  return (await sqlRows<{ id: number; path: string }>(t, sql`SELECT id, path FROM regions WHERE code = ${code}`))[0];
}
async function gridsOf(communityId: number) {
  return (await sqlRows<{ id: number }>(t, sql`SELECT id FROM regions WHERE parent_id = ${communityId} AND archived_at IS NULL ORDER BY code`)).map((r) => Number(r.id));
}

let names = 0;
/** A household headed by a resident who is a party member, made a liaison household through the API. */
async function liaison(regionId: number, opts: { leaderMemberId?: number; cookie?: string; org?: number } = {}) {
  const [h] = await makeHouseholds(t, regionId, 1);
  const name = `中心户${++names}`;
  const resident = await makeResident(t, h, name);
  const member = await makeMember(t, regionId, opts.org ?? orgA, name, resident);
  const res = await post(opts.cookie ?? sq01, '/party/liaisons', { householdId: h, memberId: member, leaderMemberId: opts.leaderMemberId });
  expect(res.statusCode, res.body).toBe(201);
  return { ...(res.json() as { id: number; version: number; linkedCount: number }), householdId: h, memberId: member, name };
}
async function leader(regionId: number, name: string) {
  return makeMember(t, regionId, orgA, name);
}
const snapshotLinks = async () => sqlRows<{ h: string }>(t, sql`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) AS h FROM (SELECT id, liaison_id, household_id, archived_at FROM household_links UNION ALL SELECT id, member_id, household_id, archived_at FROM liaison_households) x`);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  [admin, sq01, sq02, jd01, dy01] = await Promise.all(['admin', 'sq01', 'sq02', 'jd01', 'dy01'].map((u) => t.login(u)));
  communityA = await scopeOf('sq01');
  communityB = await scopeOf('sq02');
  [gridA, gridA2] = await gridsOf(communityA.id);
  [gridB] = await gridsOf(communityB.id);
  orgA = await makeOrg(t, communityA.id, '甲社区第一党支部');
  orgB = await makeOrg(t, communityB.id, '乙社区第一党支部');
});
afterAll(() => t?.close());

describe('liaison households (党员中心户)', () => {
  it('a party member’s own household becomes a liaison household, once', async () => {
    const l = await liaison(gridA);
    expect(l).toMatchObject({ household: { id: l.householdId }, member: { id: l.memberId, name: l.name }, leader: null, linkedCount: 0, inRange: false, rangeState: 'below', region: { id: gridA } });
    const again = await post(sq01, '/party/liaisons', { householdId: l.householdId, memberId: l.memberId });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('PARTY_DUPLICATE');
    // The same member cannot run a second liaison household elsewhere.
    const [other] = await makeHouseholds(t, gridA, 1);
    const [r] = await sqlRows<{ resident_id: number }>(t, sql`SELECT resident_id FROM party_members WHERE id = ${l.memberId}`);
    expect(r.resident_id).not.toBeNull();
    const member2 = await makeMember(t, gridA, orgA, '无户籍党员');
    expect((await post(sq01, '/party/liaisons', { householdId: other, memberId: l.memberId })).json().code).toBe('PARTY_FIELD_INVALID');
    // A member without a resident record may run a liaison household in scope.
    const ok = await post(sq01, '/party/liaisons', { householdId: other, memberId: member2 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await post(sq01, '/party/liaisons', { householdId: (await makeHouseholds(t, gridA, 1))[0], memberId: member2 })).json().code).toBe('PARTY_DUPLICATE');
  });

  it('refuses a member who does not live in the household, and rows of another community', async () => {
    const [h] = await makeHouseholds(t, gridA, 1);
    const [elsewhere] = await makeHouseholds(t, gridA, 1);
    const resident = await makeResident(t, elsewhere, '别户党员');
    const member = await makeMember(t, gridA, orgA, '别户党员', resident);
    const wrong = await post(sq01, '/party/liaisons', { householdId: h, memberId: member });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('PARTY_FIELD_INVALID');
    const [hB] = await makeHouseholds(t, gridB, 1);
    const memberB = await makeMember(t, gridB, orgB, '乙社区党员');
    expect((await post(sq01, '/party/liaisons', { householdId: hB, memberId: member })).json().code).toBe('SCOPE_DENIED');
    expect((await post(sq01, '/party/liaisons', { householdId: h, memberId: memberB })).json().code).toBe('SCOPE_DENIED');
    expect((await post(sq01, '/party/liaisons', { householdId: h, memberId: member, leaderMemberId: memberB })).json().code).toBe('SCOPE_DENIED');
    const missing = await post(sq01, '/party/liaisons', { householdId: 999999, memberId: member });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('PARTY_NOT_FOUND');
    // Writing needs party.write: a plain party member's account and a grid worker have none.
    expect((await post(dy01, '/party/liaisons', { householdId: h, memberId: member })).json().code).toBe('PERMISSION_DENIED');
    expect((await post(await t.login('wgy01'), '/party/liaisons', { householdId: h, memberId: member })).json().code).toBe('PERMISSION_DENIED');
  });

  it('changes the leader with the version, and archiving ends every link', async () => {
    const l = await liaison(gridA);
    const boss = await leader(gridA, '组长甲');
    const households = await makeHouseholds(t, gridA, 3);
    const linked = await put(sq01, `/party/liaisons/${l.id}/households`, { householdIds: households });
    expect(linked.json().linkedCount).toBe(3);
    const now = linked.json().version;
    const stale = await patch(sq01, `/party/liaisons/${l.id}`, { version: now - 1, leaderMemberId: boss });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('PARTY_VERSION_CONFLICT');
    const up = await patch(sq01, `/party/liaisons/${l.id}`, { version: now, leaderMemberId: boss });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ leader: { id: boss, name: '组长甲' }, leaderLoad: { count: 1, rangeState: 'below' } });
    expect((await t.as(sq01, { method: 'GET', url: api(`/party/liaisons?leaderMemberId=${boss}`) })).json().items.map((i: { id: number }) => i.id)).toEqual([l.id]);
    const archived = await post(sq01, `/party/liaisons/${l.id}/archive`, { version: up.json().version });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json()).toMatchObject({ linkedCount: 0, households: [] });
    expect(archived.json().archivedAt).not.toBeNull();
    expect((await post(sq01, `/party/liaisons/${l.id}/archive`, { version: archived.json().version })).json().code).toBe('PARTY_ARCHIVED');
    expect((await put(sq01, `/party/liaisons/${l.id}/households`, { householdIds: households })).json().code).toBe('PARTY_ARCHIVED');
    // Its households are free again, and so is its own household (a new liaison may take it).
    const l2 = await liaison(gridA);
    expect((await put(sq01, `/party/liaisons/${l2.id}/households`, { householdIds: [...households, l.householdId] })).json().linkedCount).toBe(4);
    const log = await sqlRows<{ action: string }>(t, sql`SELECT action FROM audit_log WHERE entity_type = 'liaisonHousehold' AND entity_id = ${String(l.id)} ORDER BY id`);
    expect(log.map((r) => r.action)).toEqual(['liaisonHousehold.create', 'householdLink.replace', 'liaisonHousehold.update', 'liaisonHousehold.archive']);
  });
});

describe('linking households (联户)', () => {
  it('a household is linked to at most one liaison household: the second answers 409 naming the first', async () => {
    const a = await liaison(gridA);
    const b = await liaison(gridA);
    const hs = await makeHouseholds(t, gridA, 4);
    expect((await put(sq01, `/party/liaisons/${a.id}/households`, { householdIds: hs.slice(0, 3) })).statusCode).toBe(200);
    const before = await snapshotLinks();
    const clash = await put(sq01, `/party/liaisons/${b.id}/households`, { householdIds: [hs[3], hs[2]] });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('PARTY_HOUSEHOLD_LINKED');
    expect(clash.json().message).toContain(a.name);
    expect(clash.json().details).toMatchObject({ liaisonId: a.id, householdIds: [hs[2]] });
    expect(await snapshotLinks()).toEqual(before);
    // A liaison household is not linked to another one, and does not link itself.
    expect((await put(sq01, `/party/liaisons/${b.id}/households`, { householdIds: [a.householdId] })).json().code).toBe('PARTY_HOUSEHOLD_IS_LIAISON');
    expect((await put(sq01, `/party/liaisons/${b.id}/households`, { householdIds: [b.householdId] })).json().code).toBe('PARTY_FIELD_INVALID');
    // And a household already linked cannot become a liaison household while linked.
    const resident = await makeResident(t, hs[0], '被联系户的党员');
    const m = await makeMember(t, gridA, orgA, '被联系户的党员', resident);
    expect((await post(sq01, '/party/liaisons', { householdId: hs[0], memberId: m })).json().code).toBe('PARTY_HOUSEHOLD_LINKED');
    expect(await snapshotLinks()).toEqual(before);
    // Replacing the set moves links: dropped ones end, kept ones stay, new ones start.
    const moved = await put(sq01, `/party/liaisons/${a.id}/households`, { householdIds: [hs[1], hs[2], hs[3]] });
    expect(moved.json().households.map((h: { id: number }) => h.id)).toEqual([hs[1], hs[2], hs[3]]);
    expect((await put(sq01, `/party/liaisons/${b.id}/households`, { householdIds: [hs[0]] })).json().linkedCount).toBe(1);
  });

  it('links only households of the liaison household’s own community, in the caller’s scope', async () => {
    const a = await liaison(gridA);
    const [inB] = await makeHouseholds(t, gridB, 1);
    const [inA2] = await makeHouseholds(t, gridA2, 1);
    expect((await put(sq01, `/party/liaisons/${a.id}/households`, { householdIds: [inB] })).json().code).toBe('SCOPE_DENIED');
    // The street sees both communities, and is refused for another reason.
    const cross = await put(jd01, `/party/liaisons/${a.id}/households`, { householdIds: [inA2, inB] });
    expect(cross.statusCode).toBe(400);
    expect(cross.json().code).toBe('PARTY_LINK_OTHER_COMMUNITY');
    // Another grid of the same community is fine.
    expect((await put(jd01, `/party/liaisons/${a.id}/households`, { householdIds: [inA2] })).json().linkedCount).toBe(1);
    // The other community's staff cannot see or touch it.
    expect((await get(sq02, `/party/liaisons/${a.id}`)).json().code).toBe('SCOPE_DENIED');
    expect((await put(sq02, `/party/liaisons/${a.id}/households`, { householdIds: [] })).json().code).toBe('SCOPE_DENIED');
    expect((await put(sq01, `/party/liaisons/${a.id}/households`, { householdIds: [999999] })).json().code).toBe('PARTY_NOT_FOUND');
    const stale = await put(sq01, `/party/liaisons/${a.id}/households`, { householdIds: [], version: 1 });
    expect(stale.json().code).toBe('PARTY_VERSION_CONFLICT');
  });

  it('a linked household that moves away stays listed but no longer counts', async () => {
    const a = await liaison(gridA);
    const hs = await makeHouseholds(t, gridA, 2);
    await put(sq01, `/party/liaisons/${a.id}/households`, { householdIds: hs });
    await t.database.db.execute(sql`UPDATE households SET archived_at = now() WHERE id = ${hs[1]}`);
    const d = (await get(sq01, `/party/liaisons/${a.id}`)).json();
    expect(d.linkedCount).toBe(1);
    expect(d.households.map((h: { id: number; archived: boolean }) => [h.id, h.archived])).toEqual([[hs[0], false], [hs[1], true]]);
    // An archived household cannot be newly linked.
    const b = await liaison(gridA);
    expect((await put(sq01, `/party/liaisons/${b.id}/households`, { householdIds: [hs[1]] })).json().code).toBe('PARTY_ARCHIVED');
  });

  it('lets only one of two simultaneous claims on a household win', async () => {
    const a = await liaison(gridA);
    const b = await liaison(gridA);
    const [h] = await makeHouseholds(t, gridA, 1);
    const [ra, rb] = await Promise.all([put(sq01, `/party/liaisons/${a.id}/households`, { householdIds: [h] }), put(sq01, `/party/liaisons/${b.id}/households`, { householdIds: [h] })]);
    expect([ra.statusCode, rb.statusCode].sort()).toEqual([200, 409]);
    const [n] = await sqlRows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM household_links WHERE household_id = ${h} AND archived_at IS NULL`);
    expect(Number(n.n)).toBe(1);
  });
});

describe('ranges and coverage', () => {
  let community: { id: number; path: string };
  let grids: number[];
  const liaisons: Record<number, number> = {};
  let leaders: Record<number, number>;

  beforeAll(async () => {
    // A fresh community of the street, so counts start from zero.
    const res = await post(admin, '/regions', { parentId: (await scopeOf('jd01')).id, name: '联户测试社区' });
    community = res.json();
    for (const name of ['一网格', '二网格']) await post(admin, '/regions', { parentId: community.id, name });
    grids = await gridsOf(community.id);
    orgA = await makeOrg(t, community.id, '联户测试社区党支部');
  });

  it('a liaison household links 30–50: 29 and 51 are out of range, 30 and 50 are in', async () => {
    for (const n of [29, 30, 50, 51]) {
      const l = await liaison(grids[0], { cookie: admin });
      const hs = await makeHouseholds(t, grids[n % 2 === 0 ? 0 : 1], n);
      const res = await put(admin, `/party/liaisons/${l.id}/households`, { householdIds: hs });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ linkedCount: n, inRange: n === 30 || n === 50, rangeState: n === 29 ? 'below' : n === 51 ? 'above' : 'in' });
      liaisons[n] = l.id;
    }
    const list = (await get(admin, `/party/liaisons?regionId=${community.id}`)).json();
    expect(list.total).toBe(4);
    expect(Object.fromEntries(list.items.map((i: { id: number; inRange: boolean }) => [i.id, i.inRange]))).toEqual({ [liaisons[29]]: false, [liaisons[30]]: true, [liaisons[50]]: true, [liaisons[51]]: false });
    const cov = (await get(admin, `/party/links/coverage?regionId=${community.id}`)).json();
    expect(cov.liaisons).toEqual({ total: 4, below: 1, above: 1 });
    expect(cov.outOfRange.filter((o: { kind: string }) => o.kind === 'liaison')).toEqual([
      expect.objectContaining({ kind: 'liaison', id: liaisons[29], count: 29, min: 30, max: 50, state: 'below' }),
      expect.objectContaining({ kind: 'liaison', id: liaisons[51], count: 51, min: 30, max: 50, state: 'above' }),
    ]);
    // 160 linked households and the 4 liaison households themselves, all covered.
    expect(cov).toMatchObject({ households: 164, linked: 164, unlinked: 0, coverage: 1 });
  });

  it('a party group leader links 5–10 liaison households: 4 and 11 are out of range, 5 and 10 in', async () => {
    leaders = {};
    for (const n of [4, 5, 10, 11]) {
      const id = await leader(community.id, `组长${n}`);
      leaders[n] = id;
      for (let i = 0; i < n; i++) await liaison(grids[1], { cookie: admin, leaderMemberId: id });
    }
    const cov = (await get(admin, `/party/links/coverage?regionId=${community.id}`)).json();
    expect(cov.leaders).toEqual({ total: 4, below: 1, above: 1 });
    expect(cov.outOfRange.filter((o: { kind: string }) => o.kind === 'leader')).toEqual([
      { kind: 'leader', id: leaders[4], name: '组长4', count: 4, min: 5, max: 10, state: 'below' },
      { kind: 'leader', id: leaders[11], name: '组长11', count: 11, min: 5, max: 10, state: 'above' },
    ]);
    // The 30 new liaison households link nobody yet: each is out of range below.
    expect(cov.liaisons).toEqual({ total: 34, below: 31, above: 1 });
    // Moving one liaison household from the leader of 11 to the leader of 4 brings both into range.
    const moving = (await get(admin, `/party/liaisons?leaderMemberId=${leaders[11]}`)).json().items[0];
    expect((await patch(admin, `/party/liaisons/${moving.id}`, { version: moving.version, leaderMemberId: leaders[4] })).json().leaderLoad).toEqual({ count: 5, rangeState: 'in' });
    const after = (await get(admin, `/party/links/coverage?regionId=${community.id}`)).json();
    expect(after.leaders).toEqual({ total: 4, below: 0, above: 0 });
  });

  it('counts by child region, covered and not', async () => {
    await makeHouseholds(t, grids[1], 6);
    const cov = (await get(admin, `/party/links/coverage?regionId=${community.id}`)).json();
    // Grid one: the 30 and 50 linked plus 4 liaison households; grid two: 29 + 51 linked, 30 liaison households, 6 free.
    expect(cov.byChild).toEqual([
      { region: { id: grids[0], name: '一网格' }, households: 84, linked: 84, unlinked: 0, coverage: 1 },
      { region: { id: grids[1], name: '二网格' }, households: 116, linked: 110, unlinked: 6, coverage: 0.9483 },
    ]);
    expect(cov).toMatchObject({ households: 200, linked: 194, unlinked: 6, coverage: 0.97, rules: { householdsPerLiaison: { min: 30, max: 50 }, liaisonsPerLeader: { min: 5, max: 10 } } });
    const free = (await get(admin, `/party/links/unlinked?regionId=${community.id}&limit=4`)).json();
    expect(free.total).toBe(6);
    expect(free.items).toHaveLength(4);
    expect(free.items[0]).toMatchObject({ region: { id: grids[1], name: '二网格' }, headName: null });
  });

  it('follows the configured ranges', async () => {
    await t.database.db.execute(sql`INSERT INTO settings (key, value) VALUES ('party.rules', ${JSON.stringify({ branchMaxMembers: 100, householdsPerLiaison: { min: 29, max: 30 }, liaisonsPerLeader: { min: 1, max: 4 } })}::jsonb)
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`);
    try {
      const cov = (await get(admin, `/party/links/coverage?regionId=${community.id}`)).json();
      expect(cov.rules.householdsPerLiaison).toEqual({ min: 29, max: 30 });
      expect(cov.outOfRange.filter((o: { kind: string; count: number }) => o.kind === 'liaison' && o.count > 0).map((o: { count: number }) => o.count)).toEqual([50, 51]);
      // After the move the leaders link 5, 5, 10 and 10: all above 4.
      expect(cov.leaders).toEqual({ total: 4, below: 0, above: 4 });
      expect((await get(admin, `/party/liaisons/${liaisons[29]}`)).json().inRange).toBe(true);
    } finally {
      await t.database.db.execute(sql`DELETE FROM settings WHERE key = 'party.rules'`);
    }
  });

  it('answers for the caller’s own scope without a region, and refuses a region outside it', async () => {
    const mine = (await get(sq01, '/party/links/coverage')).json();
    expect(mine.region).toEqual({ id: communityA.id, name: expect.any(String) });
    expect(mine.households).toBeGreaterThan(0);
    expect((await get(sq01, `/party/links/coverage?regionId=${community.id}`)).json().code).toBe('SCOPE_DENIED');
    expect((await get(sq01, `/party/links/unlinked?regionId=${communityB.id}`)).json().code).toBe('SCOPE_DENIED');
    const all = (await get(admin, '/party/links/coverage')).json();
    expect(all.region).toBeNull();
    expect(all.byChild).toHaveLength(1);
    expect(all.households).toBeGreaterThanOrEqual(200);
  });
});

describe('building view (楼栋联户图)', () => {
  it('shows each dwelling’s households with their link state', async () => {
    const b = await makeBuilding(t, gridA, '9', 3, 2);
    const [h101] = await makeHouseholds(t, gridA, 1, b.dwellings.get('1-101')!);
    const [h201, h201b] = await makeHouseholds(t, gridA, 2, b.dwellings.get('1-201')!);
    const [h302] = await makeHouseholds(t, gridA, 1, b.dwellings.get('2-302')!);
    await makeResident(t, h201, '二零一户主');
    const center = await makeResident(t, h101, '一零一党员');
    const member = await makeMember(t, gridA, orgA, '一零一党员', center);
    const l = (await post(sq01, '/party/liaisons', { householdId: h101, memberId: member })).json();
    await put(sq01, `/party/liaisons/${l.id}/households`, { householdIds: [h201, h302] });
    const view = await get(sq01, `/party/links/building/${b.id}`);
    expect(view.statusCode, view.body).toBe(200);
    const v = view.json();
    expect(v.building).toMatchObject({ id: b.id, name: '9栋', floors: 3, unitCount: 2 });
    expect(v.units.map((u: { number: number }) => u.number)).toEqual([1, 2]);
    expect(v.floors).toEqual([3, 2, 1]);
    expect(v.cells).toHaveLength(6);
    const cell = (unit: number, number: string) => v.cells.find((c: { unit: number; number: string }) => c.unit === unit && c.number === number);
    expect(cell(1, '101')).toMatchObject({ floor: 1, households: [{ id: h101, isLiaison: true, ownLiaisonId: l.id, liaisonId: null, headName: '一零一党员' }] });
    expect(cell(1, '201').households).toEqual([
      { id: h201, number: expect.any(String), headName: '二零一户主', liaisonId: l.id, liaisonMemberName: '一零一党员', isLiaison: false, ownLiaisonId: null },
      { id: h201b, number: expect.any(String), headName: null, liaisonId: null, liaisonMemberName: null, isLiaison: false, ownLiaisonId: null },
    ]);
    expect(cell(2, '302').households[0]).toMatchObject({ liaisonId: l.id });
    expect(cell(2, '102').households).toEqual([]);
    expect(v.liaisons.map((x: { id: number }) => x.id)).toEqual([l.id]);
    expect(v.liaisons[0].household.address).toBe('9栋 1单元 101');
    expect(v.summary).toEqual({ households: 4, linked: 3, liaisons: 1, unlinked: 1 });
    // The free households of the building, for picking.
    const free = (await get(sq01, `/party/links/unlinked?buildingId=${b.id}`)).json();
    expect(free.items.map((i: { id: number }) => i.id)).toEqual([h201b]);
    expect(free.items[0].address).toBe('9栋 1单元 201');
    expect((await get(sq02, `/party/links/building/${b.id}`)).json().code).toBe('SCOPE_DENIED');
    expect((await get(sq02, `/party/links/unlinked?buildingId=${b.id}`)).json().code).toBe('SCOPE_DENIED');
    expect((await get(sq01, '/party/links/building/999999')).statusCode).toBe(404);
  });
});
