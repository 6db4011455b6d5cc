// Organizations (组织): kinds and subkinds, placement levels, the owners' committee's estate,
// members and leader, natural keys, counters, masking, archive.
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estates } from '../../src/modules/registry/places.tables.ts';
import { residents } from '../../src/modules/registry/people.tables.ts';
import { piiColumns } from '../../src/modules/registry/registry.common.ts';
import { idCheckDigit } from '../../src/modules/registry/checks.ts';
import { permissionsOf } from '../../src/modules/accounts/index.ts';
import { runImport } from '../../src/modules/registry/import/run.ts';
import { organizationSheet } from '../../src/modules/registry/organizations.sheet.ts';
import type { RequestContext } from '../../src/shared/context.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let sq01: string;
let jd01: string;
interface R { id: number; code: string; path: string; level: number; parent_id: number }
let community: R;
let other: R;
let grid: R;
let estate: number;
let otherEstate: number;
const people: Record<string, number> = {};

async function rows<T>(q: SQL): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const counter = async (regionId: number, measure: string) =>
  Number((await rows<{ value: string }>(sql`SELECT value::text FROM region_counters WHERE region_id = ${regionId} AND measure = ${measure}`))[0]?.value ?? 0);
const idNumber = (n: number) => {
  const first = `44030319900101${String(n).padStart(3, '0')}`;
  return first + idCheckDigit(first);
};
async function addResident(name: string, region: R, n: number, archived = false): Promise<number> {
  const id = piiColumns(idNumber(n), 'idNumber');
  const [r] = await t.database.db
    .insert(residents)
    .values({ regionId: region.id, regionPath: region.path, name, gender: 'male', birthDate: '1990-01-01', idNumberEnc: id.enc!, idNumberHash: id.hash!, idNumberMasked: id.masked!, idLast4: idNumber(n).slice(-4), residenceType: 'registered', archivedAt: archived ? new Date() : null })
    .returning();
  return r.id;
}

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  sq01 = await t.login('sq01');
  jd01 = await t.login('jd01');
  const code = (u: string) => t.demo!.city.accounts.find((a) => a.username === u)!.scopeCode!;
  [community] = await rows<R>(sql`SELECT id, code, path, level, parent_id FROM regions WHERE code = ${code('sq01')}`);
  [other] = await rows<R>(sql`SELECT id, code, path, level, parent_id FROM regions WHERE code = ${code('sq02')}`);
  [grid] = await rows<R>(sql`SELECT id, code, path, level, parent_id FROM regions WHERE parent_id = ${community.id} ORDER BY code LIMIT 1`);
  const [otherGrid] = await rows<R>(sql`SELECT id, code, path, level, parent_id FROM regions WHERE parent_id = ${other.id} ORDER BY code LIMIT 1`);
  estate = (await t.database.db.insert(estates).values({ regionId: grid.id, regionPath: grid.path, name: '金山花园' }).returning())[0].id;
  otherEstate = (await t.database.db.insert(estates).values({ regionId: otherGrid.id, regionPath: otherGrid.path, name: '银湖小区' }).returning())[0].id;
  people.a = await addResident('张三', grid, 1);
  people.b = await addResident('李四', grid, 2);
  people.c = await addResident('王五', community, 3);
  people.gone = await addResident('赵六', grid, 4, true);
  people.theirs = await addResident('孙七', otherGrid, 5);
});
afterAll(() => t.close());

const post = (payload: object, cookie = sq01) => t.as(cookie, { method: 'POST', url: '/api/v1/organizations', payload });
const members = (id: number, list: object[]) => t.as(sq01, { method: 'PUT', url: `/api/v1/organizations/${id}/members`, payload: { members: list } });

describe('organizations', () => {
  it('checks kinds and subkinds', async () => {
    const missing = await post({ regionId: community.id, kind: 'communityTeam', name: '夕阳红' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe('REGISTRY_FIELD_INVALID');
    expect(missing.json().message).toContain('细分类型');
    expect((await post({ regionId: community.id, kind: 'communityTeam', subkind: 'enterprise', name: '夕阳红' })).json().code).toBe('REGISTRY_FIELD_INVALID');
    expect((await post({ regionId: community.id, kind: 'newOrganization', subkind: 'volunteer', name: '某公司' })).json().code).toBe('REGISTRY_FIELD_INVALID');
    expect((await post({ regionId: community.id, kind: 'propertyCompany', subkind: 'social', name: '某物业' })).json().code).toBe('REGISTRY_FIELD_INVALID');
    expect((await post({ regionId: community.id, kind: 'club', name: 'x' })).json().code).toBe('VALIDATION_FAILED');
    const bad = await post({ regionId: community.id, kind: 'newOrganization', name: '某公司', creditCode: '91440300000000001X' });
    expect(bad.json().code).toBe('REGISTRY_FIELD_INVALID');
    expect((await post({ regionId: community.id, kind: 'newOrganization', name: '某公司', contactMobile: '1381234' })).json().code).toBe('REGISTRY_FIELD_INVALID');
    expect(Number((await rows<{ n: string }>(sql`SELECT count(*)::text AS n FROM organizations`))[0].n)).toBe(0);
  });

  it('creates a team in a community, counts it by kind and masks the mobile', async () => {
    const res = await post({ regionId: community.id, kind: 'communityTeam', subkind: 'volunteer', name: '红马甲志愿队', contactMobile: '13912345678', description: '助老' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kindLabel: '群众团队', subkind: 'volunteer', subkindLabel: '志愿服务', contactMobile: '139****5678', partyLed: null, partyLedNote: '', members: [], region: { id: community.id, level: 4 } });
    expect(await counter(community.id, 'organizations')).toBe(1);
    expect(await counter(community.id, 'organizations.communityTeam')).toBe(1);
    expect(await counter(community.parent_id, 'organizations.communityTeam')).toBe(1);
    const audit = await rows<{ t: string }>(sql`SELECT after::text AS t FROM audit_log WHERE entity_type = 'organization'`);
    expect(audit[0].t).toContain('139****5678');
    expect(audit[0].t).not.toContain('13912345678');
    const dup = await post({ regionId: community.id, kind: 'communityTeam', subkind: 'culture', name: '红马甲志愿队' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('REGISTRY_DUPLICATE');
    expect((await post({ regionId: community.id, kind: 'newOrganization', subkind: 'social', name: '红马甲志愿队' })).statusCode).toBe(201);
  });

  it('places institutions up to a street, for those whose scope covers it', async () => {
    const street = community.parent_id;
    expect((await post({ regionId: street, kind: 'residentInstitution', subkind: 'hospital', name: '街道卫生院' })).json().code).toBe('SCOPE_DENIED');
    const res = await post({ regionId: street, kind: 'residentInstitution', subkind: 'hospital', name: '街道卫生院' }, jd01);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().region.level).toBe(3);
  });

  it("ties an owners' committee to an estate of the caller's", async () => {
    const none = await post({ regionId: grid.id, kind: 'ownersCommittee', name: '金山花园业委会' });
    expect(none.json().code).toBe('REGISTRY_FIELD_INVALID');
    expect(none.json().message).toContain('小区');
    expect((await post({ regionId: grid.id, kind: 'ownersCommittee', name: '金山花园业委会', estateId: otherEstate })).json().code).toBe('SCOPE_DENIED');
    expect((await post({ regionId: grid.id, kind: 'ownersCommittee', name: '金山花园业委会', estateId: 999999 })).json().code).toBe('REGISTRY_NOT_FOUND');
    const res = await post({ regionId: grid.id, kind: 'ownersCommittee', name: '金山花园业委会', estateId: estate });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().estate).toEqual({ id: estate, name: '金山花园' });
  });

  it('sets members with at most one leader, from active residents in scope', async () => {
    const [org] = (await t.as(sq01, { method: 'GET', url: '/api/v1/organizations?kind=ownersCommittee' })).json().items;
    const two = await members(org.id, [{ residentId: people.a, role: 'director' }, { residentId: people.b, role: 'leader' }]);
    expect(two.json().code).toBe('REGISTRY_FIELD_INVALID');
    expect((await members(org.id, [{ residentId: people.a, role: 'member' }, { residentId: people.a, role: 'deputy' }])).json().code).toBe('REGISTRY_FIELD_INVALID');
    expect((await members(org.id, [{ residentId: people.theirs, role: 'member' }])).json().code).toBe('SCOPE_DENIED');
    expect((await members(org.id, [{ residentId: 999999, role: 'member' }])).json().code).toBe('REGISTRY_NOT_FOUND');
    expect((await members(org.id, [{ residentId: people.gone, role: 'member' }])).json().code).toBe('REGISTRY_ARCHIVED');
    expect(Number((await rows<{ n: string }>(sql`SELECT count(*)::text AS n FROM organization_members`))[0].n)).toBe(0);

    const ok = await members(org.id, [{ residentId: people.a, role: 'director' }, { residentId: people.b, role: 'member', joinedOn: '2024-03-01' }, { residentId: people.c, role: 'secretary' }]);
    expect(ok.statusCode, ok.body).toBe(200);
    const v = ok.json();
    expect(v).toMatchObject({ leaderResidentId: people.a, leaderName: '张三', memberCount: 3, leader: { residentId: people.a, roleLabel: '主任' }, partyLed: false, partyLedNote: '党员 0/3 人' });
    expect(v.members.map((m: { name: string }) => m.name)).toEqual(['张三', '李四', '王五']);
    expect(v.members[1].joinedOn).toBe('2024-03-01');
    for (const m of v.members) expect(m.idNumber).toMatch(/^\d{3}\*+\d{3}[\dX]$/);
    expect(ok.body).not.toContain(idNumber(1));

    // Replacing the list drops the old leader.
    const again = await members(org.id, [{ residentId: people.b, role: 'member' }]);
    expect(again.json()).toMatchObject({ leaderResidentId: null, leaderName: null, memberCount: 1 });
    const audit = await rows<{ t: string }>(sql`SELECT after::text AS t FROM audit_log WHERE action = 'organization.members' ORDER BY id`);
    expect(audit).toHaveLength(2);
  });

  it('lists by kind, subkind, region and text', async () => {
    const list = (q: string) => t.as(sq01, { method: 'GET', url: `/api/v1/organizations?${q}` }).then((r) => r.json());
    expect((await list('kind=communityTeam&subkind=volunteer')).items.map((o: { name: string }) => o.name)).toEqual(['红马甲志愿队']);
    expect((await list('q=hmj')).total).toBe(2);
    expect((await list(`regionId=${grid.id}`)).items.map((o: { name: string }) => o.name)).toEqual(['金山花园业委会']);
    // The street's institution lies above sq01's scope: not listed.
    expect((await list('q=卫生院')).total).toBe(0);
    expect((await t.as(jd01, { method: 'GET', url: '/api/v1/organizations?q=卫生院' })).json().total).toBe(1);
  });

  it('updates with the version (a kind change moves counters) and archives', async () => {
    const [o] = (await t.as(sq01, { method: 'GET', url: '/api/v1/organizations?kind=newOrganization' })).json().items;
    const patch = (payload: object) => t.as(sq01, { method: 'PATCH', url: `/api/v1/organizations/${o.id}`, payload });
    expect((await patch({ version: o.version, kind: 'communityTeam' })).json().code).toBe('REGISTRY_FIELD_INVALID');
    const up = await patch({ version: o.version, kind: 'communityTeam', subkind: 'culture', name: '红马甲舞蹈队' });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ kind: 'communityTeam', subkind: 'culture', version: o.version + 1 });
    expect((await patch({ version: o.version, name: 'x' })).json().code).toBe('REGISTRY_VERSION_CONFLICT');
    expect(await counter(community.id, 'organizations.newOrganization')).toBe(0);
    expect(await counter(community.id, 'organizations.communityTeam')).toBe(2);
    expect((await t.as(sq01, { method: 'POST', url: `/api/v1/organizations/${o.id}/archive` })).statusCode).toBe(204);
    expect(await counter(community.id, 'organizations.communityTeam')).toBe(1);
    expect(await counter(community.id, 'organizations')).toBe(2);
    expect((await t.as(sq01, { method: 'GET', url: `/api/v1/organizations/${o.id}` })).json().archived).toBe(true);
    expect((await t.as(sq01, { method: 'PUT', url: `/api/v1/organizations/${o.id}/members`, payload: { members: [] } })).json().code).toBe('REGISTRY_ARCHIVED');
  });
});

async function staffContext(username: string, scope: R): Promise<RequestContext> {
  const [u] = await rows<{ id: number; roles: string[] }>(sql`SELECT id, roles FROM users WHERE username = ${username}`);
  return { actor: { userId: u.id, name: username, roles: u.roles, permissions: permissionsOf(u.roles), scope: { regionId: scope.id, path: scope.path }, departmentId: null }, requestId: 'test', clientIp: null, lang: 'zh-CN' };
}

describe('organization sheet', () => {
  it('imports by label, resolves estates by name, rejects with reasons, and re-imports unchanged', async () => {
    const [otherGrid] = await rows<R>(sql`SELECT id, code, path, level, parent_id FROM regions WHERE parent_id = ${other.id} ORDER BY code LIMIT 1`);
    const csv = (mobile: string) =>
      [
        '所在区域编码,组织类型,细分类型,名称,统一社会信用代码,地址,负责人,联系电话,所属小区,简介',
        `${community.code},群众团队,文体,广场舞队,,,李大妈,${mobile},,跳舞`,
        `${grid.code},业委会,,金山花园第二届业委会,,,,,金山花园,`,
        `${grid.code},业委会,,无小区业委会,,,,,,`,
        `${grid.code},业委会,,错小区业委会,,,,,银湖小区,`,
        `${otherGrid.code},两新组织,社会组织,越界组织,,,,,,`,
        `${community.code},群众团队,,无细分,,,,,,`,
      ].join('\n');
    const ctx = await staffContext('sq01', community);
    const run = (m: string) => runImport(t.database.db, ctx, organizationSheet, { buffer: Buffer.from(csv(m)) }, { mode: 'skip-invalid', fileName: 'orgs.csv' });
    const teams = await counter(community.id, 'organizations.communityTeam');
    const r = await run('13600000001');
    expect({ added: r.added, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected }).toEqual({ added: 2, updated: 0, unchanged: 0, rejected: 4 });
    expect(r.rejectedRows.map((x) => x.problems[0].column)).toEqual(['estate', 'estate', 'regionCode', 'subkind']);
    expect(await counter(community.id, 'organizations.communityTeam')).toBe(teams + 1);
    const committee = (await t.as(sq01, { method: 'GET', url: `/api/v1/organizations?q=${encodeURIComponent('第二届')}` })).json().items[0];
    expect(committee.estate).toEqual({ id: estate, name: '金山花园' });
    const again = await run('13600000001');
    expect({ added: again.added, updated: again.updated, unchanged: again.unchanged }).toEqual({ added: 0, updated: 0, unchanged: 2 });
    const changed = await run('13600000002');
    expect({ added: changed.added, updated: changed.updated, unchanged: changed.unchanged }).toEqual({ added: 0, updated: 1, unchanged: 1 });
    const page = await organizationSheet.exportPage(t.database.db, ctx, { kind: 'communityTeam', subkind: 'culture' }, 0, 100);
    expect(page.rows.find((x) => x.name === '广场舞队')).toMatchObject({ kind: '群众团队', subkind: '文体', contactMobile: '136****0002', leaderName: '李大妈' });
    expect(JSON.stringify(page.rows)).not.toContain('13600000002');
  });
});
