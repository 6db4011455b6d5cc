// The party rules' warnings, on the edges of their ranges: a branch of 100 members is fine and
// of 101 is not (its groups' members count); a grid or estate with an organization attached vs
// without; an owners' committee with exactly half party members (not party-led) vs one more; a
// temporary branch ending today vs yesterday. The rules themselves: read by all, set only by a
// whole-system settings.write holder, audited.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARTY_RULES } from '../../src/modules/party/party.model.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { makeDwellings } from '../support/residents.ts';
import { addResident, childrenOf, client, day, ok, rows, scopeRegion, type Client, type R } from '../support/party-orgs.ts';

let t: TestApp;
let sq01: Client;
let sq02: Client;
let jd01: Client;
let qu01: Client;
let admin: Client;
let community: R;
let other: R;
let street: R;
let grids: R[];
const org: Record<string, { id: number; version: number }> = {};

interface Warning {
  kind: string;
  severity: string;
  subject: { type: string; id: number; name: string };
  region: { id: number; name: string } | null;
  numbers: Record<string, number | string>;
  message: { zh: string; en: string };
}
interface Warnings {
  rules: typeof DEFAULT_PARTY_RULES;
  region: { id: number; name: string } | null;
  summary: Record<string, { checked: number; flagged: number; listed: number }>;
  cap: number;
  items: Warning[];
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  sq01 = client(t, await t.login('sq01'));
  sq02 = client(t, await t.login('sq02'));
  jd01 = client(t, await t.login('jd01'));
  qu01 = client(t, await t.login('qu01'));
  admin = client(t, await t.login('admin'));
  community = await scopeRegion(t, 'sq01');
  other = await scopeRegion(t, 'sq02');
  street = await scopeRegion(t, 'jd01');
  grids = await childrenOf(t, community.id);
  expect(grids.length).toBeGreaterThanOrEqual(3);
  org.committee = ok(await sq01.post('/party/orgs', { kind: 'committee', name: '社区党委', regionId: community.id }), 201);
  org.branch = ok(await sq01.post('/party/orgs', { kind: 'branch', name: '大党支部', regionId: grids[0].id, parentId: org.committee.id }), 201);
  org.group = ok(await sq01.post('/party/orgs', { kind: 'group', name: '大党支部第一小组', regionId: grids[0].id, parentId: org.branch.id }), 201);
});
afterAll(() => t.close());

const warnings = async (c: Client, regionId?: number): Promise<Warnings> => ok(await c.get(`/party/warnings${regionId ? `?regionId=${regionId}` : ''}`));
const of = (w: Warnings, kind: string) => w.items.filter((i) => i.kind === kind);

/** `n` active members of an organization, written straight to the table (fast; counting is what is tested). */
async function bulkMembers(orgId: number, region: R, n: number, prefix: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    await t.database.db.execute(sql`INSERT INTO party_members (region_id, region_path, name, gender, kind, org_id) VALUES (${region.id}, ${region.path}, ${`${prefix}${i}`}, 'male', 'retired', ${orgId})`);
  }
}

describe('a branch of more than 100 members', () => {
  it('is fine at 100 (its groups’ members included) and warned about at 101, with the numbers', async () => {
    await bulkMembers(org.branch.id, grids[0], 99, '支部党员');
    ok(await sq01.post('/party/members', { name: '小组党员', gender: 'female', kind: 'retired', orgId: org.group.id }), 201);
    const at100 = await warnings(sq01, community.id);
    expect(of(at100, 'branchTooLarge')).toEqual([]);
    expect(at100.summary.branchTooLarge).toEqual({ checked: 1, flagged: 0, listed: 0 });
    expect(ok(await sq01.get(`/party/orgs/${org.branch.id}`))).toMatchObject({ memberCount: 99, memberCountTotal: 100, warnings: [] });

    ok(await sq01.post('/party/members', { name: '第一百零一名', gender: 'male', kind: 'inService', orgId: org.branch.id }), 201);
    const at101 = await warnings(sq01, community.id);
    expect(of(at101, 'branchTooLarge')).toEqual([
      {
        kind: 'branchTooLarge',
        severity: 'warning',
        subject: { type: 'partyOrg', id: org.branch.id, name: '大党支部' },
        region: { id: grids[0].id, name: grids[0].name },
        numbers: { members: 101, max: 100 },
        message: { zh: '大党支部 有党员 101 名，超过 100 名，应改设党总支或党委', en: '大党支部 has 101 members, more than 100: it should become a general branch or a committee' },
      },
    ]);
    expect(at101.summary.branchTooLarge).toEqual({ checked: 1, flagged: 1, listed: 1 });
    const detail = ok(await sq01.get(`/party/orgs/${org.branch.id}`));
    expect(detail.warnings.map((w: Warning) => w.numbers)).toEqual([{ members: 101, max: 100 }]);
    // A general branch or committee of any size is what the rule asks for.
    expect(ok(await sq01.get(`/party/orgs/${org.committee.id}`))).toMatchObject({ memberCountTotal: 101, warnings: [] });
  });

  it('follows the configured limit', async () => {
    ok(await admin.put('/party/rules', { ...DEFAULT_PARTY_RULES, branchMaxMembers: 101 }));
    expect(of(await warnings(sq01, community.id), 'branchTooLarge')).toEqual([]);
    expect((await warnings(sq01)).rules.branchMaxMembers).toBe(101);
    ok(await admin.put('/party/rules', DEFAULT_PARTY_RULES));
    expect(of(await warnings(sq01, community.id), 'branchTooLarge')).toHaveLength(1);
  });
});

describe('grids and estates without an organization', () => {
  it('counts a grid as covered only by an organization attached to the grid itself', async () => {
    const w = await warnings(sq01, community.id);
    const flagged = of(w, 'gridWithoutOrg').map((i) => i.subject.id);
    expect(flagged).not.toContain(grids[0].id);
    expect(flagged).toContain(grids[1].id);
    expect(w.summary.gridWithoutOrg).toEqual({ checked: grids.length, flagged: grids.length - 1, listed: grids.length - 1 });
    const item = of(w, 'gridWithoutOrg').find((i) => i.subject.id === grids[1].id)!;
    expect(item).toMatchObject({ severity: 'warning', subject: { type: 'region', name: grids[1].name }, region: { id: community.id }, message: { zh: `网格 ${grids[1].name} 未建立党组织` } });
    // An organization on a micro-grid of grid 2 does not cover grid 2.
    const [micro] = await childrenOf(t, grids[2].id);
    ok(await sq01.post('/party/orgs', { kind: 'branch', name: '微网格党支部', regionId: micro.id }), 201);
    expect(of(await warnings(sq01, community.id), 'gridWithoutOrg').map((i) => i.subject.id)).toContain(grids[2].id);
    ok(await sq01.post('/party/orgs', { kind: 'branch', name: '第三网格党支部', regionId: grids[2].id }), 201);
    const after = await warnings(sq01, community.id);
    expect(of(after, 'gridWithoutOrg').map((i) => i.subject.id)).not.toContain(grids[2].id);
    expect(after.summary.gridWithoutOrg.flagged).toBe(grids.length - 2);
    // Asked about one grid, only that grid is checked.
    expect((await warnings(sq01, grids[1].id)).summary.gridWithoutOrg).toEqual({ checked: 1, flagged: 1, listed: 1 });
    expect((await warnings(sq01, grids[0].id)).summary.gridWithoutOrg).toEqual({ checked: 1, flagged: 0, listed: 0 });
  });

  it('counts an estate as covered only by an organization attached to the estate', async () => {
    const covered = (await makeDwellings(t, grids[1].id, { estate: '有组织小区', building: '1', address: '路1号', rooms: ['101'] })).estateId;
    const bare = (await makeDwellings(t, grids[1].id, { estate: '无组织小区', building: '2', address: '路2号', rooms: ['101'] })).estateId;
    ok(await sq01.post('/party/orgs', { kind: 'branch', name: '有组织小区党支部', estateId: covered }), 201);
    const w = await warnings(sq01, grids[1].id);
    expect(of(w, 'estateWithoutOrg').map((i) => i.subject)).toEqual([{ type: 'estate', id: bare, name: '无组织小区' }]);
    expect(w.summary.estateWithoutOrg).toEqual({ checked: 2, flagged: 1, listed: 1 });
    // The estate's branch sits on grid 1 but is attached to the estate, not the grid.
    expect(w.summary.gridWithoutOrg.flagged).toBe(1);
  });

  it('lists at most the cap, with totals for the whole scope', async () => {
    const w = await warnings(jd01);
    const [{ n }] = await rows<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM regions WHERE level = 5 AND archived_at IS NULL AND path LIKE ${`${street.path}%`}`);
    expect(w.cap).toBe(100);
    expect(w.summary.gridWithoutOrg.checked).toBe(Number(n));
    expect(w.summary.gridWithoutOrg.listed).toBe(Math.min(w.summary.gridWithoutOrg.flagged, 100));
    expect(of(w, 'gridWithoutOrg')).toHaveLength(w.summary.gridWithoutOrg.listed);
  });
});

describe("owners' committees led by party members (红色业委会)", () => {
  it('is not party-led at exactly half, and is once one more member is a party member', async () => {
    const estate = (await makeDwellings(t, grids[0].id, { estate: '红色小区', building: '1', address: '红色路1号', rooms: ['101'] })).estateId;
    const committee = ok(await sq01.post('/organizations', { regionId: grids[0].id, kind: 'ownersCommittee', name: '红色小区业委会', estateId: estate }), 201);
    const a = await addResident(t, grids[0], '业委甲', { politicalStatus: 'partyMember' });
    const b = await addResident(t, grids[0], '业委乙', { politicalStatus: 'probationaryMember' });
    const c = await addResident(t, grids[0], '业委丙');
    const d = await addResident(t, grids[0], '业委丁', { politicalStatus: 'leagueMember' });
    const gone = await addResident(t, grids[0], '业委戊', { politicalStatus: 'partyMember' });
    const set = ok(await sq01.put(`/organizations/${committee.id}/members`, { members: [{ residentId: a, role: 'director' }, { residentId: b, role: 'member' }, { residentId: c, role: 'member' }, { residentId: d, role: 'member' }, { residentId: gone, role: 'member' }] }));
    // A member who moved away counts on neither side.
    await t.database.db.execute(sql`UPDATE residents SET archived_at = now() WHERE id = ${gone}`);
    const half = ok(await sq01.get(`/organizations/${committee.id}`));
    expect(set.partyLed).toBe(true); // 3 of 5 before the move
    expect(half).toMatchObject({ partyLed: false, partyLedNote: '党员 2/4 人' });
    const w = await warnings(sq01, community.id);
    expect(of(w, 'partyLedOwnersCommittee')).toEqual([]);
    expect(w.summary.partyLedOwnersCommittee).toEqual({ checked: 1, flagged: 0, listed: 0 });

    // Registering 业委丙 as a party member makes them one by political status: 3 of 4.
    ok(await sq01.post('/party/members', { residentId: c, kind: 'retired', orgId: org.branch.id }), 201);
    expect(ok(await sq01.get(`/organizations/${committee.id}`))).toMatchObject({ partyLed: true, partyLedNote: '党员 3/4 人' });
    const list = ok(await sq01.get('/organizations?kind=ownersCommittee')).items;
    expect(list.find((o: { id: number }) => o.id === committee.id).partyLed).toBe(true);
    expect(of(await warnings(sq01, community.id), 'partyLedOwnersCommittee')).toEqual([
      {
        kind: 'partyLedOwnersCommittee',
        severity: 'info',
        subject: { type: 'organization', id: committee.id, name: '红色小区业委会' },
        region: { id: grids[0].id, name: grids[0].name },
        numbers: { partyMembers: 3, members: 4 },
        message: { zh: '红色小区业委会 成员 4 人中党员 3 人，过半，为红色业委会', en: '红色小区业委会: 3 of 4 members are party members, a majority: party-led (红色业委会)' },
      },
    ]);
    // Other kinds are not party-led or not: the question does not apply.
    const team = ok(await sq01.post('/organizations', { regionId: community.id, kind: 'communityTeam', subkind: 'volunteer', name: '志愿队' }), 201);
    expect(team).toMatchObject({ partyLed: null, partyLedNote: '' });
  });
});

describe('temporary branches past their end', () => {
  it('warns the day after the end date, not on it', async () => {
    const yesterday = ok(await sq01.post('/party/orgs', { kind: 'temporaryBranch', name: '昨日结束临时支部', regionId: community.id, startOn: day(-30), endOn: day(-1) }), 201);
    ok(await sq01.post('/party/orgs', { kind: 'temporaryBranch', name: '今日结束临时支部', regionId: community.id, startOn: day(-30), endOn: day() }), 201);
    ok(await sq01.post('/party/orgs', { kind: 'temporaryBranch', name: '无期限临时支部', regionId: community.id, startOn: day(-30) }), 201);
    const w = await warnings(sq01, community.id);
    expect(of(w, 'temporaryBranchExpired')).toEqual([
      {
        kind: 'temporaryBranchExpired',
        severity: 'warning',
        subject: { type: 'partyOrg', id: yesterday.id, name: '昨日结束临时支部' },
        region: { id: community.id, name: community.name },
        numbers: { endOn: day(-1), daysPast: 1 },
        message: { zh: `临时党支部 昨日结束临时支部 已于 ${day(-1)} 到期（超过 1 天），应撤销或延期`, en: `temporary branch 昨日结束临时支部 ended on ${day(-1)} (1 days ago): archive it or extend it` },
      },
    ]);
    expect(w.summary.temporaryBranchExpired).toEqual({ checked: 3, flagged: 1, listed: 1 });
    expect(ok(await sq01.get(`/party/orgs/${yesterday.id}`)).warnings.map((x: Warning) => x.kind)).toEqual(['temporaryBranchExpired']);
    // Extending it clears the warning.
    ok(await sq01.patch(`/party/orgs/${yesterday.id}`, { version: yesterday.version, endOn: day() }));
    expect(of(await warnings(sq01, community.id), 'temporaryBranchExpired')).toEqual([]);
  });
});

describe('scope', () => {
  it('keeps a sibling community’s warnings out', async () => {
    expect((await sq02.get(`/party/warnings?regionId=${community.id}`)).json().code).toBe('SCOPE_DENIED');
    const w = await warnings(sq02);
    const theirs = await childrenOf(t, other.id);
    expect(w.summary.gridWithoutOrg.checked).toBe(theirs.length);
    expect(w.summary.branchTooLarge.checked).toBe(0);
    expect(w.summary.partyLedOwnersCommittee.checked).toBe(0);
    for (const i of w.items) expect(theirs.map((g) => g.id)).toContain(i.subject.id);
    const street = await warnings(jd01);
    expect(of(street, 'branchTooLarge')).toHaveLength(1);
    expect(of(street, 'partyLedOwnersCommittee')).toHaveLength(1);
  });
});

describe('the rules', () => {
  it('are read by anyone and default to the seeds’ figures', async () => {
    expect(ok(await sq02.get('/party/rules'))).toEqual(DEFAULT_PARTY_RULES);
  });

  it('are set only with settings.write and a whole-system scope', async () => {
    const rules = { ...DEFAULT_PARTY_RULES, householdsPerLiaison: { min: 20, max: 40 } };
    expect((await sq01.put('/party/rules', rules)).json().code).toBe('PERMISSION_DENIED');
    // qu01 holds settings.write but only for its district: the rules are for the whole system.
    expect((await qu01.put('/party/rules', rules)).json().code).toBe('SCOPE_DENIED');
    const backwards = await admin.put('/party/rules', { ...DEFAULT_PARTY_RULES, householdsPerLiaison: { min: 60, max: 50 } });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toBe('党员中心户联系户数不合法：下限 60 大于上限 50');
    expect((await admin.put('/party/rules', { ...DEFAULT_PARTY_RULES, householdsPerLiaison: { min: 60, max: 50 } }, 'en')).json().message).toBe('Invalid households per liaison household: min 60 is above max 50');
    expect((await admin.put('/party/rules', { ...DEFAULT_PARTY_RULES, branchMaxMembers: 0 })).json().code).toBe('VALIDATION_FAILED');
    expect((await admin.put('/party/rules', { branchMaxMembers: 100 })).json().code).toBe('VALIDATION_FAILED');
    expect(ok(await sq01.get('/party/rules'))).toEqual(DEFAULT_PARTY_RULES);
    expect(ok(await admin.put('/party/rules', rules))).toEqual(rules);
    expect(ok(await sq01.get('/party/rules'))).toEqual(rules);
    const audit = await rows<{ before: unknown; after: unknown }>(t, sql`SELECT before, after FROM audit_log WHERE action = 'settings.partyRules' ORDER BY id DESC LIMIT 1`);
    expect(audit[0]).toEqual({ before: DEFAULT_PARTY_RULES, after: rules });
  });
});
