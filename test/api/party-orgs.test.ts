// Party organizations (党组织): the tree's shape rules (kinds under kinds, levels, same or higher
// region, no cycles), attachments (region, estate, building, resident institution), temporary
// branches' dates, officers drawn from the subtree, archive, scope and permissions.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { makeDwellings } from '../support/residents.ts';
import { childrenOf, client, day, ok, rows, scopeRegion, type Client, type R } from '../support/party-orgs.ts';

let t: TestApp;
let sq01: Client;
let sq02: Client;
let jd01: Client;
let wgy01: Client;
let sj01: Client;
let street: R;
let community: R;
let other: R;
let grids: R[];
let otherGrid: R;
const org: Record<string, { id: number; version: number }> = {};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  sq01 = client(t, await t.login('sq01'));
  sq02 = client(t, await t.login('sq02'));
  jd01 = client(t, await t.login('jd01'));
  wgy01 = client(t, await t.login('wgy01'));
  sj01 = client(t, await t.login('sj01'));
  community = await scopeRegion(t, 'sq01');
  other = await scopeRegion(t, 'sq02');
  street = await scopeRegion(t, 'jd01');
  grids = await childrenOf(t, community.id);
  [otherGrid] = await childrenOf(t, other.id);
});
afterAll(() => t.close());

const create = (c: Client, body: object, lang?: 'en' | 'zh') => c.post('/party/orgs', body, lang);
const refused = (res: { statusCode: number; json(): any }, status: number, code: string) => {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  expect(res.json().code).toBe(code);
};
const count = async () => Number((await rows<{ n: string }>(t, sql`SELECT count(*)::text AS n FROM party_orgs`))[0].n);

describe('the organization tree', () => {
  it('puts a street working committee on a street, and nowhere else', async () => {
    const onCommunity = await create(jd01, { kind: 'streetWorkingCommittee', name: '某社区党工委', regionId: community.id });
    refused(onCommunity, 400, 'PARTY_FIELD_INVALID');
    expect(onCommunity.json().message).toContain('所在区域');
    expect(onCommunity.json().message).toContain('街道');
    const en = await create(jd01, { kind: 'streetWorkingCommittee', name: '某社区党工委', regionId: community.id }, 'en');
    expect(en.json().message).toMatch(/Invalid region: a streetWorkingCommittee sits on a street/);
    const res = await create(jd01, { kind: 'streetWorkingCommittee', name: '街道党工委', regionId: street.id, joint: true });
    const v = ok(res, 201);
    expect(v).toMatchObject({ kind: 'streetWorkingCommittee', kindLabel: '党工委', attachKind: 'region', joint: true, region: { id: street.id, level: 3 }, parentId: null, memberCount: 0, memberCountTotal: 0, secretary: null });
    org.swc = v;
    // It heads the tree: nothing above it.
    refused(await create(jd01, { kind: 'streetWorkingCommittee', name: '第二党工委', regionId: street.id, parentId: v.id }), 400, 'PARTY_FIELD_INVALID');
  });

  it('hangs a community committee under it; a community cannot reach the street organization', async () => {
    refused(await create(sq01, { kind: 'committee', name: '社区党委', regionId: community.id, parentId: org.swc.id }), 403, 'SCOPE_DENIED');
    org.committee = ok(await create(jd01, { kind: 'committee', name: '社区党委', regionId: community.id, parentId: org.swc.id, joint: true, establishedOn: '2015-07-01' }), 201);
    org.otherCommittee = ok(await create(jd01, { kind: 'committee', name: '兄弟社区党委', regionId: other.id, parentId: org.swc.id }), 201);
    // The community edits its committee; the street's organization above stays its parent.
    const edited = ok(await sq01.patch(`/party/orgs/${org.committee.id}`, { version: org.committee.version, note: '社区大党委' }));
    expect(edited).toMatchObject({ parentId: org.swc.id, note: '社区大党委' });
    org.committee = edited;
    // …which it cannot see.
    refused(await sq01.get(`/party/orgs/${org.swc.id}`), 403, 'SCOPE_DENIED');
  });

  it('checks parent kinds: a group under a branch, never alone nor under a committee', async () => {
    org.branch = ok(await create(sq01, { kind: 'branch', name: '第一网格党支部', regionId: grids[0].id, parentId: org.committee.id }), 201);
    org.branch2 = ok(await create(sq01, { kind: 'branch', name: '第二网格党支部', regionId: grids[1].id, parentId: org.committee.id }), 201);
    const alone = await create(sq01, { kind: 'group', name: '孤立党小组', regionId: grids[0].id });
    refused(alone, 400, 'PARTY_FIELD_INVALID');
    expect(alone.json().message).toBe('上级党组织不合法：党小组须隶属于党支部或党总支');
    expect((await create(sq01, { kind: 'group', name: '孤立党小组', regionId: grids[0].id }, 'en')).json().message).toBe('Invalid parent organization: a group belongs to a branch or general branch');
    const underCommittee = await create(sq01, { kind: 'group', name: '党委直属小组', regionId: grids[0].id, parentId: org.committee.id });
    expect(underCommittee.json().message).toContain('党小组的上级只能是党总支、党支部、临时党支部');
    org.group = ok(await create(sq01, { kind: 'group', name: '1栋党小组', regionId: grids[0].id, parentId: org.branch.id }), 201);
    refused(await create(sq01, { kind: 'branch', name: '小组下的支部', regionId: grids[0].id, parentId: org.group.id }), 400, 'PARTY_FIELD_INVALID');
  });

  it('keeps a child on the same or a lower region than its parent', async () => {
    // A branch of grid 1 cannot hold a group on grid 2.
    const res = await create(sq01, { kind: 'group', name: '跨网格小组', regionId: grids[1].id, parentId: org.branch.id });
    refused(res, 400, 'PARTY_FIELD_INVALID');
    expect(res.json().message).toContain('同级或更高一级区域');
  });

  it('refuses cycles', async () => {
    const top = ok(await create(sq01, { kind: 'committee', name: '上层党委', regionId: community.id }), 201);
    const low = ok(await create(sq01, { kind: 'committee', name: '下层党委', regionId: community.id, parentId: top.id }), 201);
    const res = await sq01.patch(`/party/orgs/${top.id}`, { version: top.version, parentId: low.id });
    refused(res, 400, 'PARTY_FIELD_INVALID');
    expect(res.json().message).toContain('下级');
    refused(await sq01.patch(`/party/orgs/${top.id}`, { version: top.version, parentId: top.id }), 400, 'PARTY_FIELD_INVALID');
    ok(await sq01.post(`/party/orgs/${low.id}/archive`, { version: low.version }));
    ok(await sq01.post(`/party/orgs/${top.id}/archive`, { version: top.version }));
  });

  it('keeps children valid when an organization changes', async () => {
    // The branch holds a group: it cannot become a group itself, nor move to another grid.
    refused(await sq01.patch(`/party/orgs/${org.branch.id}`, { version: org.branch.version, kind: 'group', parentId: org.branch2.id }), 400, 'PARTY_FIELD_INVALID');
    const moved = await sq01.patch(`/party/orgs/${org.branch.id}`, { version: org.branch.version, regionId: grids[1].id });
    refused(moved, 400, 'PARTY_FIELD_INVALID');
    expect(moved.json().message).toContain('1栋党小组');
    const renamed = ok(await sq01.patch(`/party/orgs/${org.branch.id}`, { version: org.branch.version, name: '第一网格党支部（改）', note: '按网格设置' }));
    expect(renamed).toMatchObject({ name: '第一网格党支部（改）', note: '按网格设置', version: org.branch.version + 1 });
    refused(await sq01.patch(`/party/orgs/${org.branch.id}`, { version: org.branch.version, name: '再改' }), 409, 'PARTY_VERSION_CONFLICT');
    org.branch = renamed;
  });

  it('refuses a second active organization of the same name in the same region', async () => {
    refused(await create(sq01, { kind: 'branch', name: '第二网格党支部', regionId: grids[1].id, parentId: org.committee.id }), 409, 'PARTY_DUPLICATE');
  });

  it('gives temporary branches start and end dates, and no one else', async () => {
    const before = await count();
    const noStart = await create(sq01, { kind: 'temporaryBranch', name: '项目临时党支部', regionId: community.id, parentId: org.committee.id });
    refused(noStart, 400, 'PARTY_FIELD_INVALID');
    expect(noStart.json().message).toBe('开始日期不合法：临时党支部须填写开始日期');
    expect((await create(sq01, { kind: 'temporaryBranch', name: '项目临时党支部', regionId: community.id }, 'en')).json().message).toBe('Invalid start date: a temporary branch needs a start date');
    const backwards = await create(sq01, { kind: 'temporaryBranch', name: '项目临时党支部', regionId: community.id, startOn: '2026-03-01', endOn: '2026-02-28' });
    expect(backwards.json().message).toBe('结束日期不合法：不能早于开始日期');
    const notADay = await create(sq01, { kind: 'temporaryBranch', name: '项目临时党支部', regionId: community.id, startOn: '2026-02-30' });
    expect(notADay.json().message).toBe('开始日期不合法：应为有效日期 YYYY-MM-DD');
    const branchWithEnd = await create(sq01, { kind: 'branch', name: '有期限的支部', regionId: community.id, endOn: '2026-03-01' }, 'en');
    expect(branchWithEnd.json().message).toBe('Invalid end date: only a temporary branch has an end date');
    const future = await create(sq01, { kind: 'branch', name: '未来支部', regionId: community.id, establishedOn: day(1) });
    expect(future.json().message).toBe('成立日期不合法：不能晚于今天');
    expect(await count()).toBe(before);
    // Same start and end day is a one-day branch; an open end is allowed.
    org.temporary = ok(await create(sq01, { kind: 'temporaryBranch', name: '项目临时党支部', regionId: community.id, parentId: org.committee.id, startOn: '2026-03-01', endOn: '2026-03-01' }), 201);
    expect(org.temporary).toMatchObject({ kindLabel: '临时党支部', startOn: '2026-03-01', endOn: '2026-03-01' });
    ok(await create(sq01, { kind: 'temporaryBranch', name: '长期临时党支部', regionId: community.id, startOn: '2026-03-01' }), 201);
  });

  it('allows joint only for committees', async () => {
    const res = await create(sq01, { kind: 'branch', name: '联合支部', regionId: community.id, joint: true });
    expect(res.json().message).toBe('大工委/大党委不合法：只有党工委、党委可以是大工委/大党委');
  });
});

describe('attachments', () => {
  let estate: number;
  let building: number;
  let otherEstate: number;

  beforeAll(async () => {
    const a = await makeDwellings(t, grids[0].id, { estate: '金山花园', building: '3', address: '金山路1号', rooms: ['101'] });
    estate = a.estateId;
    building = a.buildingId;
    otherEstate = (await makeDwellings(t, otherGrid.id, { estate: '银湖小区', building: '1', address: '银湖路1号', rooms: ['101'] })).estateId;
  });

  it('sits an estate organization in the estate’s region', async () => {
    const v = ok(await create(sq01, { kind: 'branch', name: '金山花园党支部', estateId: estate, parentId: org.committee.id }), 201);
    expect(v).toMatchObject({ attachKind: 'estate', attachKindLabel: '小区', estate: { id: estate, name: '金山花园' }, region: { id: grids[0].id } });
    const wrongRegion = await create(sq01, { kind: 'group', name: '金山花园小组', estateId: estate, regionId: community.id, parentId: v.id });
    expect(wrongRegion.json().message).toBe('所在区域不合法：须为所依托小区所在的区域');
    refused(await create(sq01, { kind: 'branch', name: '银湖党支部', estateId: otherEstate }), 403, 'SCOPE_DENIED');
    refused(await create(sq01, { kind: 'branch', name: '无此小区党支部', estateId: 999999 }), 404, 'REGISTRY_NOT_FOUND');
    const mixed = await create(sq01, { kind: 'branch', name: '混合依托', attachKind: 'region', regionId: grids[0].id, estateId: estate });
    expect(mixed.json().message).toBe('小区不合法：依托区域时不能填写');
  });

  it('sits a building group in the building’s region', async () => {
    const estateBranch = (await rows<{ id: number }>(t, sql`SELECT id FROM party_orgs WHERE name = '金山花园党支部'`))[0].id;
    const v = ok(await create(sq01, { kind: 'group', name: '3栋党小组', buildingId: building, parentId: estateBranch }), 201);
    expect(v).toMatchObject({ attachKind: 'building', building: { id: building, name: '金山花园 3栋' }, region: { id: grids[0].id } });
  });

  it('attaches to resident institutions only', async () => {
    const team = ok(await sq01.post('/organizations', { regionId: community.id, kind: 'communityTeam', subkind: 'volunteer', name: '红马甲' }), 201);
    const school = ok(await sq01.post('/organizations', { regionId: community.id, kind: 'residentInstitution', subkind: 'school', name: '金山小学' }), 201);
    const notInstitution = await create(sq01, { kind: 'branch', name: '红马甲党支部', institutionId: team.id });
    expect(notInstitution.json().message).toBe('驻区单位不合法：红马甲 不是驻区单位');
    const v = ok(await create(sq01, { kind: 'branch', name: '金山小学党支部', institutionId: school.id }), 201);
    expect(v).toMatchObject({ attachKind: 'institution', institution: { id: school.id, name: '金山小学' }, region: { id: community.id }, parentId: null });
    org.school = v;
    refused(await create(jd01, { kind: 'streetWorkingCommittee', name: '单位党工委', institutionId: school.id }), 400, 'PARTY_FIELD_INVALID');
  });
});

describe('officers', () => {
  const member = async (name: string, orgId: number) => ok(await sq01.post('/party/members', { name, gender: 'female', kind: 'retired', orgId }), 201);
  let a: { id: number };
  let b: { id: number };
  let c: { id: number };
  let outside: { id: number };

  beforeAll(async () => {
    a = await member('王书记', org.branch.id);
    b = await member('李委员', org.group.id);
    c = await member('赵副书记', org.branch.id);
    outside = await member('钱党员', org.branch2.id);
  });

  it('takes a secretary, deputies and committee members from the organization and its subtree', async () => {
    const v = ok(await sq01.put(`/party/orgs/${org.branch.id}/officers`, { officers: [{ memberId: a.id, role: 'secretary' }, { memberId: c.id, role: 'deputySecretary' }, { memberId: b.id, role: 'committeeMember' }] }));
    expect(v.officers.map((o: { name: string; roleLabel: string }) => `${o.roleLabel}:${o.name}`)).toEqual(['书记:王书记', '副书记:赵副书记', '委员:李委员']);
    expect(v.officers[2].org).toEqual({ id: org.group.id, name: '1栋党小组' });
    expect(v.secretary).toEqual({ memberId: a.id, name: '王书记' });
    expect(v).toMatchObject({ memberCount: 2, memberCountTotal: 3 });
    const list = ok((await sq01.get('/party/orgs')) as never) as { items: { id: number; secretary: unknown; memberCountTotal: number }[] };
    expect(list.items.find((o) => o.id === org.branch.id)).toMatchObject({ secretary: { memberId: a.id, name: '王书记' }, memberCountTotal: 3 });
    // The committee above counts every member under it.
    expect(list.items.find((o) => o.id === org.committee.id)).toMatchObject({ memberCount: 0, memberCountTotal: 4 });
  });

  it('allows at most one secretary, each member once, members of the subtree only', async () => {
    const two = await sq01.put(`/party/orgs/${org.branch.id}/officers`, { officers: [{ memberId: a.id, role: 'secretary' }, { memberId: c.id, role: 'secretary' }] });
    expect(two.json().message).toBe('班子成员不合法：书记至多一人');
    const twice = await sq01.put(`/party/orgs/${org.branch.id}/officers`, { officers: [{ memberId: a.id, role: 'secretary' }, { memberId: a.id, role: 'committeeMember' }] }, 'en');
    expect(twice.json().message).toBe(`Invalid officers: member ${a.id} listed twice`);
    const elsewhere = await sq01.put(`/party/orgs/${org.branch.id}/officers`, { officers: [{ memberId: outside.id, role: 'committeeMember' }] });
    expect(elsewhere.json().message).toBe('班子成员不合法：钱党员 不是 第一网格党支部（改） 或其下级组织的党员');
    // A group's officers come from the group only.
    const up = await sq01.put(`/party/orgs/${org.group.id}/officers`, { officers: [{ memberId: a.id, role: 'secretary' }] });
    expect(up.json().code).toBe('PARTY_FIELD_INVALID');
    refused(await sq01.put(`/party/orgs/${org.branch.id}/officers`, { officers: [{ memberId: 999999, role: 'secretary' }] }), 404, 'PARTY_NOT_FOUND');
    // The committee may take its branches' members.
    const committee = ok(await jd01.put(`/party/orgs/${org.committee.id}/officers`, { officers: [{ memberId: a.id, role: 'secretary' }, { memberId: outside.id, role: 'committeeMember' }] }));
    expect(committee.officers).toHaveLength(2);
    // Unchanged: the branch keeps its three.
    expect(ok(await sq01.get(`/party/orgs/${org.branch.id}`)).officers).toHaveLength(3);
  });

  it('keeps the date a post was taken when the list is saved again', async () => {
    await t.database.db.execute(sql`UPDATE party_org_officers SET from_on = '2024-05-01' WHERE org_id = ${org.branch.id} AND member_id = ${a.id}`);
    const v = ok(await sq01.put(`/party/orgs/${org.branch.id}/officers`, { officers: [{ memberId: a.id, role: 'secretary' }, { memberId: c.id, role: 'committeeMember' }] }));
    expect(v.officers.find((o: { memberId: number }) => o.memberId === a.id).fromOn).toBe('2024-05-01');
    expect(v.officers.find((o: { memberId: number }) => o.memberId === c.id).fromOn).toBe(day());
  });

  it('drops the posts a transfer takes the member out of', async () => {
    const moved = ok(await sq01.post(`/party/members/${outside.id}/transfer`, { version: 1, orgId: org.branch.id, on: day(), reason: '调整' }));
    // Still under the committee: the committee post stays.
    expect(moved.posts).toEqual([{ org: { id: org.committee.id, name: '社区党委' }, role: 'committeeMember', roleLabel: '委员' }]);
  });
});

describe('archive, scope and permissions', () => {
  it('archives only empty organizations, with the current version', async () => {
    ok(await sq01.post('/party/members', { name: '临时支部党员', gender: 'male', kind: 'mobile', orgId: org.temporary.id }), 201);
    const busy = await sq01.post(`/party/orgs/${org.temporary.id}/archive`, { version: org.temporary.version });
    refused(busy, 409, 'PARTY_IN_USE');
    expect(busy.json().message).toBe('党组织仍被使用：还有 1 名党员，请先转接组织关系');
    const parent = await sq01.post(`/party/orgs/${org.branch.id}/archive`, { version: org.branch.version }, 'en');
    expect(parent.json().message).toMatch(/still in use: 1 organizations still under it/);
    const empty = ok(await create(sq01, { kind: 'group', name: '待撤销小组', regionId: grids[1].id, parentId: org.branch2.id }), 201);
    refused(await sq01.post(`/party/orgs/${empty.id}/archive`, { version: empty.version + 1 }), 409, 'PARTY_VERSION_CONFLICT');
    const gone = ok(await sq01.post(`/party/orgs/${empty.id}/archive`, { version: empty.version }));
    expect(gone.archivedAt).not.toBeNull();
    refused(await sq01.post(`/party/orgs/${empty.id}/archive`, { version: gone.version }), 409, 'PARTY_ARCHIVED');
    refused(await sq01.patch(`/party/orgs/${empty.id}`, { version: gone.version, name: 'x' }), 409, 'PARTY_ARCHIVED');
    const ids = (b: { items: { id: number }[] }) => b.items.map((o) => o.id);
    expect(ids(ok(await sq01.get('/party/orgs')))).not.toContain(empty.id);
    expect(ids(ok(await sq01.get('/party/orgs?includeArchived=true')))).toContain(empty.id);
    refused(await create(sq01, { kind: 'group', name: '挂在已撤销组织下', regionId: grids[1].id, parentId: empty.id }), 400, 'PARTY_FIELD_INVALID');
  });

  it('ends a dissolved organization’s dual registration', async () => {
    const reg = ok(await sq01.post('/party/registrations', { kind: 'organization', partyOrgId: org.school.id, communityId: community.id, registeredOn: day() }), 201);
    ok(await sq01.post(`/party/orgs/${org.school.id}/archive`, { version: org.school.version }));
    const [r] = await rows<{ deregistered_on: string | null; deregister_reason: string | null }>(t, sql`SELECT deregistered_on::text, deregister_reason FROM dual_registrations WHERE id = ${reg.id}`);
    expect(r).toEqual({ deregistered_on: day(), deregister_reason: '党组织撤销' });
  });

  it('keeps a sibling community out', async () => {
    const before = await count();
    refused(await sq02.get(`/party/orgs/${org.branch.id}`), 403, 'SCOPE_DENIED');
    refused(await sq02.patch(`/party/orgs/${org.branch.id}`, { version: org.branch.version, name: '越权' }), 403, 'SCOPE_DENIED');
    refused(await sq02.post(`/party/orgs/${org.branch.id}/archive`, { version: org.branch.version }), 403, 'SCOPE_DENIED');
    refused(await sq02.put(`/party/orgs/${org.branch.id}/officers`, { officers: [] }), 403, 'SCOPE_DENIED');
    refused(await create(sq02, { kind: 'group', name: '越权小组', regionId: otherGrid.id, parentId: org.branch.id }), 403, 'SCOPE_DENIED');
    refused(await create(sq02, { kind: 'branch', name: '越权支部', regionId: grids[0].id }), 403, 'SCOPE_DENIED');
    refused(await sq02.get(`/party/orgs?regionId=${community.id}`), 403, 'SCOPE_DENIED');
    const theirs = ok(await sq02.get('/party/orgs')).items.map((o: { region: { path: string } }) => o.region.path);
    expect(theirs.length).toBeGreaterThan(0);
    for (const p of theirs) expect(p.startsWith(other.path)).toBe(true);
    refused(await sq01.get('/party/orgs/999999'), 404, 'PARTY_NOT_FOUND');
    expect(await count()).toBe(before);
    expect(ok(await sq01.get(`/party/orgs/${org.branch.id}`)).officers).toHaveLength(2);
  });

  it('lets the street see both communities and filters by region, kind and name', async () => {
    const all = ok(await jd01.get('/party/orgs')).items.map((o: { id: number }) => o.id);
    expect(all).toEqual(expect.arrayContaining([org.swc.id, org.committee.id, org.otherCommittee.id, org.branch.id]));
    const branches = ok(await jd01.get(`/party/orgs?regionId=${community.id}&kind=branch`)).items;
    expect(branches.every((o: { kind: string; region: { path: string } }) => o.kind === 'branch' && o.region.path.startsWith(community.path))).toBe(true);
    expect(ok(await jd01.get(`/party/orgs?q=${encodeURIComponent('小学')}&includeArchived=true`)).items.map((o: { name: string }) => o.name)).toEqual(['金山小学党支部']);
    const detail = ok(await jd01.get(`/party/orgs/${org.committee.id}`));
    expect(detail.children.map((c: { id: number }) => c.id)).toEqual(expect.arrayContaining([org.branch.id, org.branch2.id, org.temporary.id]));
    expect(detail.warnings).toEqual([]);
  });

  it('needs party.write to change anything; a party secretary has it', async () => {
    refused(await create(wgy01, { kind: 'branch', name: '网格员建支部', regionId: grids[0].id }), 403, 'PERMISSION_DENIED');
    ok(await create(sj01, { kind: 'branch', name: '书记建支部', regionId: grids[2]?.id ?? grids[0].id, parentId: org.committee.id }), 201);
    // Reading in scope needs none.
    ok(await wgy01.get('/party/orgs'));
  });

  it('audits every write', async () => {
    const actions = (await rows<{ action: string }>(t, sql`SELECT DISTINCT action FROM audit_log WHERE action LIKE 'partyOrg.%'`)).map((r) => r.action);
    expect(actions.sort()).toEqual(['partyOrg.archive', 'partyOrg.create', 'partyOrg.officers', 'partyOrg.update']);
  });
});
