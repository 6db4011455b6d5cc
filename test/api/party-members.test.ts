// Party members (党员): name-only or linked to a resident (in scope, active, one active member per
// resident; the resident's political status follows), masked mobiles and the audited reveal,
// transfers that keep history, archive, list filters, export, scope.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { addResident, childrenOf, client, day, ok, rows, scopeRegion, type Client, type R } from '../support/party-orgs.ts';

let t: TestApp;
let sq01: Client;
let sq02: Client;
let jd01: Client;
let wgz01: Client;
let community: R;
let other: R;
let grid: R;
let micro: R;
let otherGrid: R;
const org: Record<string, { id: number; version: number }> = {};
const people: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  sq01 = client(t, await t.login('sq01'));
  sq02 = client(t, await t.login('sq02'));
  jd01 = client(t, await t.login('jd01'));
  wgz01 = client(t, await t.login('wgz01'));
  community = await scopeRegion(t, 'sq01');
  other = await scopeRegion(t, 'sq02');
  [grid] = await childrenOf(t, community.id);
  [micro] = await childrenOf(t, grid.id);
  [otherGrid] = await childrenOf(t, other.id);
  org.committee = ok(await sq01.post('/party/orgs', { kind: 'committee', name: '社区党委', regionId: community.id }), 201);
  org.a = ok(await sq01.post('/party/orgs', { kind: 'branch', name: '第一党支部', regionId: grid.id, parentId: org.committee.id }), 201);
  org.b = ok(await sq01.post('/party/orgs', { kind: 'branch', name: '第二党支部', regionId: community.id, parentId: org.committee.id }), 201);
  org.group = ok(await sq01.post('/party/orgs', { kind: 'group', name: '第一党小组', regionId: grid.id, parentId: org.a.id }), 201);
  org.theirs = ok(await sq02.post('/party/orgs', { kind: 'branch', name: '兄弟党支部', regionId: other.id }), 201);
  people.zhang = await addResident(t, micro, '张党员', { birthDate: '1960-05-04', gender: 'female' });
  people.li = await addResident(t, micro, '李预备', { birthDate: '1999-09-09' });
  people.gone = await addResident(t, micro, '赵已迁', { archived: true });
  people.theirs = await addResident(t, otherGrid, '孙兄弟');
});
afterAll(() => t.close());

const refused = (res: { statusCode: number; json(): any }, status: number, code: string) => {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  expect(res.json().code).toBe(code);
};
const status = async (residentId: number) => (await rows<{ s: string; v: number }>(t, sql`SELECT political_status AS s, version AS v FROM residents WHERE id = ${residentId}`))[0];
const memberCount = async () => Number((await rows<{ n: string }>(t, sql`SELECT count(*)::text AS n FROM party_members`))[0].n);

describe('registering members', () => {
  it('keeps a name-only member in their organization’s region, with the mobile encrypted and masked', async () => {
    const res = await sq01.post('/party/members', { name: ' 王名 ', gender: 'male', mobile: '13812345678', kind: 'inService', orgId: org.a.id, joinedPartyOn: '2001-07-01', employer: '市二中', skills: ['电工', ' 法律 ', '电工'] });
    const v = ok(res, 201);
    expect(v).toMatchObject({ name: '王名', mobileMasked: '138****5678', kind: 'inService', kindLabel: '在职党员', standing: 'full', standingLabel: '正式党员', org: { id: org.a.id, name: '第一党支部' }, resident: null, region: { id: grid.id }, skills: ['电工', '法律'], archivedAt: null });
    expect(res.body).not.toContain('13812345678');
    const [row] = await rows<{ mobile_enc: string; name_initials: string }>(t, sql`SELECT mobile_enc, name_initials FROM party_members WHERE id = ${v.id}`);
    expect(row.mobile_enc).toMatch(/^v1:/);
    expect(row.mobile_enc).not.toContain('13812345678');
    expect(row.name_initials).toBe('wm');
    expect(v.history).toEqual([{ org: { id: org.a.id, name: '第一党支部' }, fromOn: day(), toOn: null, reason: '登记' }]);
    people.wang = v.id;
  });

  it('links a resident: name, gender, birth date and home come from the record; the political status follows', async () => {
    const before = await status(people.zhang);
    expect(before.s).toBe('masses');
    const v = ok(await sq01.post('/party/members', { residentId: people.zhang, kind: 'retired', orgId: org.a.id }), 201);
    expect(v).toMatchObject({ name: '张党员', gender: 'female', birthDate: '1960-05-04', resident: { id: people.zhang, name: '张党员' }, region: { id: micro.id } });
    expect(await status(people.zhang)).toEqual({ s: 'partyMember', v: before.v + 1 });
    const p = ok(await sq01.post('/party/members', { residentId: people.li, kind: 'mobile', standing: 'probationary', orgId: org.b.id }), 201);
    expect((await status(people.li)).s).toBe('probationaryMember');
    expect(p.standingLabel).toBe('预备党员');
    // Full membership (转正) follows through to the registry.
    const full = ok(await sq01.patch(`/party/members/${p.id}`, { version: p.version, standing: 'full' }));
    expect(full.standing).toBe('full');
    expect((await status(people.li)).s).toBe('partyMember');
    const audit = await rows<{ after: { politicalStatus: string } }>(t, sql`SELECT after FROM audit_log WHERE action = 'resident.politicalStatus' AND entity_id = ${String(people.li)} ORDER BY id`);
    expect(audit.map((a) => a.after.politicalStatus)).toEqual(['probationaryMember', 'partyMember']);
    people.zhangMember = v.id;
    people.liMember = p.id;
  });

  it('refuses a second active member for one resident, an archived resident and a sibling’s resident', async () => {
    const n = await memberCount();
    const dup = await sq01.post('/party/members', { residentId: people.zhang, kind: 'retired', orgId: org.b.id });
    refused(dup, 409, 'PARTY_DUPLICATE');
    expect(dup.json().message).toContain('张党员');
    const linkLater = ok(await sq01.post('/party/members', { name: '后补关联', gender: 'male', kind: 'retired', orgId: org.b.id }), 201);
    refused(await sq01.patch(`/party/members/${linkLater.id}`, { version: linkLater.version, residentId: people.zhang }), 409, 'PARTY_DUPLICATE');
    const gone = await sq01.post('/party/members', { residentId: people.gone, kind: 'retired', orgId: org.a.id });
    expect(gone.json().message).toBe('关联居民不合法：居民 赵已迁 已迁出或死亡');
    refused(await sq01.post('/party/members', { residentId: people.theirs, kind: 'retired', orgId: org.a.id }), 403, 'SCOPE_DENIED');
    refused(await sq01.post('/party/members', { residentId: 999999, kind: 'retired', orgId: org.a.id }), 404, 'REGISTRY_NOT_FOUND');
    refused(await sq01.post('/party/members', { name: '越权', gender: 'male', kind: 'retired', orgId: org.theirs.id }), 403, 'SCOPE_DENIED');
    expect(await memberCount()).toBe(n + 1);
  });

  it('says which field is wrong and why, in zh and en', async () => {
    const n = await memberCount();
    const cases: [object, string, string][] = [
      [{ name: '甲', gender: 'male', kind: 'retired', orgId: org.a.id, mobile: '1381234' }, '手机号不合法：手机号应为 11 位、以 13–19 开头', 'Invalid mobile: mobile must be 11 digits starting with 13–19'],
      [{ gender: 'male', kind: 'retired', orgId: org.a.id }, '姓名不合法：未关联居民时必填', 'Invalid name: required unless a resident is linked'],
      [{ name: '甲', kind: 'retired', orgId: org.a.id }, '性别不合法：未关联居民时必填', 'Invalid gender: required unless a resident is linked'],
      [{ name: '甲', gender: 'male', kind: 'retired', orgId: org.a.id, birthDate: '1990-01-01', joinedPartyOn: '2007-12-31' }, '入党日期不合法：入党时应年满 18 周岁（出生于 1990-01-01）', 'Invalid joined the party on: must be at least 18 years after the birth date (1990-01-01)'],
      [{ name: '甲', gender: 'male', kind: 'retired', orgId: org.a.id, joinedPartyOn: day(1) }, '入党日期不合法：不能晚于今天', 'Invalid joined the party on: cannot be in the future'],
      [{ name: '甲', gender: 'male', kind: 'retired', orgId: org.a.id, birthDate: '1990-02-30' }, '出生日期不合法：应为有效日期 YYYY-MM-DD', 'Invalid birth date: a real date, YYYY-MM-DD'],
      [{ name: '甲', gender: 'male', kind: 'retired', orgId: org.a.id, skills: ['一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一'] }, '特长不合法：“一二三四五六七八九十…”超过 30 个字', 'Invalid skills: "一二三四五六七八九十…" is longer than 30 characters'],
    ];
    for (const [body, zh, en] of cases) {
      const res = await sq01.post('/party/members', body);
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.json().message, JSON.stringify(body)).toBe(zh);
      expect((await sq01.post('/party/members', body, 'en')).json().message).toBe(en);
    }
    // Only the whole system reaches a district; a member does not live on one.
    const district = (await rows<{ id: number }>(t, sql`SELECT parent_id AS id FROM regions WHERE id = ${community.parent_id}`))[0].id;
    const admin = client(t, await t.login('admin'));
    expect((await admin.post('/party/members', { name: '甲', gender: 'male', kind: 'retired', orgId: org.a.id, regionId: district })).json().message).toBe('居住区域不合法：只能是街道、社区、网格或微网格');
    // The schema refuses unknown kinds and fields before any rule runs.
    refused(await sq01.post('/party/members', { name: '甲', gender: 'male', kind: 'honorary', orgId: org.a.id }), 400, 'VALIDATION_FAILED');
    refused(await sq01.post('/party/members', { name: '甲', gender: 'male', kind: 'retired', orgId: org.a.id, idNumber: 'x' }), 400, 'VALIDATION_FAILED');
    expect(await memberCount()).toBe(n);
  });

  it('joined at eighteen exactly is fine', async () => {
    ok(await sq01.post('/party/members', { name: '十八岁', gender: 'male', kind: 'inService', orgId: org.b.id, birthDate: '1990-01-01', joinedPartyOn: '2008-01-01' }), 201);
  });
});

describe('transfers keep history', () => {
  it('closes the current stay and opens the next on the transfer date', async () => {
    const m = ok(await sq01.get(`/party/members/${people.wang}`));
    await t.database.db.execute(sql`UPDATE party_memberships SET from_on = '2020-01-01' WHERE member_id = ${people.wang}`);
    const early = await sq01.post(`/party/members/${m.id}/transfer`, { version: m.version, orgId: org.b.id, on: '2019-12-31', reason: '调整' });
    expect(early.json().message).toBe('日期不合法：不能早于进入现组织的日期 2020-01-01');
    expect((await sq01.post(`/party/members/${m.id}/transfer`, { version: m.version, orgId: org.a.id, on: '2024-01-01', reason: '调整' })).json().message).toBe('所在党组织不合法：已在 第一党支部');
    refused(await sq01.post(`/party/members/${m.id}/transfer`, { version: m.version + 5, orgId: org.b.id, on: '2024-01-01', reason: '调整' }), 409, 'PARTY_VERSION_CONFLICT');
    refused(await sq01.post(`/party/members/${m.id}/transfer`, { version: m.version, orgId: org.theirs.id, on: '2024-01-01', reason: '调整' }), 403, 'SCOPE_DENIED');
    const first = ok(await sq01.post(`/party/members/${m.id}/transfer`, { version: m.version, orgId: org.b.id, on: '2024-03-01', reason: '工作调动' }));
    // A name-only member moves with the organization; the history has both stays.
    expect(first).toMatchObject({ org: { id: org.b.id }, region: { id: community.id }, version: m.version + 1 });
    const second = ok(await sq01.post(`/party/members/${m.id}/transfer`, { version: first.version, orgId: org.group.id, on: '2024-03-01', reason: '编入党小组' }));
    expect(second.history).toEqual([
      { org: { id: org.a.id, name: '第一党支部' }, fromOn: '2020-01-01', toOn: '2024-03-01', reason: '登记' },
      { org: { id: org.b.id, name: '第二党支部' }, fromOn: '2024-03-01', toOn: '2024-03-01', reason: '工作调动' },
      { org: { id: org.group.id, name: '第一党小组' }, fromOn: '2024-03-01', toOn: null, reason: '编入党小组' },
    ]);
    expect(second.region.id).toBe(grid.id);
  });

  it('keeps a resident’s home when they change organization', async () => {
    const m = ok(await sq01.get(`/party/members/${people.zhangMember}`));
    const v = ok(await sq01.post(`/party/members/${m.id}/transfer`, { version: m.version, orgId: org.b.id, on: day(), reason: '调整' }));
    expect(v.region.id).toBe(micro.id);
  });
});

describe('archive', () => {
  it('closes the history, drops the posts and leaves the list', async () => {
    const m = ok(await sq01.post('/party/members', { name: '将转出', gender: 'male', kind: 'retired', orgId: org.a.id }), 201);
    ok(await sq01.put(`/party/orgs/${org.a.id}/officers`, { officers: [{ memberId: m.id, role: 'secretary' }] }));
    const bad = await sq01.post(`/party/members/${m.id}/archive`, { version: m.version, reason: 'deceased', on: day(1) }, 'en');
    expect(bad.json().message).toBe('Invalid date: cannot be in the future');
    const v = ok(await sq01.post(`/party/members/${m.id}/archive`, { version: m.version, reason: 'transferredOut', on: day() }));
    expect(v).toMatchObject({ leftReason: 'transferredOut', leftReasonLabel: '组织关系转出', posts: [] });
    expect(v.archivedAt).not.toBeNull();
    expect(v.history).toEqual([{ org: { id: org.a.id, name: '第一党支部' }, fromOn: day(), toOn: day(), reason: '登记' }]);
    expect(ok(await sq01.get(`/party/orgs/${org.a.id}`)).secretary).toBeNull();
    refused(await sq01.post(`/party/members/${m.id}/archive`, { version: v.version, reason: 'other', on: day() }), 409, 'PARTY_ARCHIVED');
    refused(await sq01.patch(`/party/members/${m.id}`, { version: v.version, name: '改' }), 409, 'PARTY_ARCHIVED');
    refused(await sq01.post(`/party/members/${m.id}/transfer`, { version: v.version, orgId: org.b.id, on: day(), reason: 'x' }), 409, 'PARTY_ARCHIVED');
    const ids = (b: { items: { id: number }[] }) => b.items.map((i) => i.id);
    expect(ids(ok(await sq01.get(`/party/members?orgId=${org.a.id}`)))).not.toContain(m.id);
    expect(ids(ok(await sq01.get(`/party/members?orgId=${org.a.id}&includeArchived=true`)))).toContain(m.id);
  });

  it('ends the member’s dual registration with the archive', async () => {
    const m = ok(await sq01.post('/party/members', { name: '报到党员', gender: 'male', kind: 'inService', orgId: org.a.id }), 201);
    const reg = ok(await sq01.post('/party/registrations', { kind: 'member', memberId: m.id, communityId: community.id, registeredOn: day() }), 201);
    ok(await sq01.post(`/party/members/${m.id}/archive`, { version: m.version, reason: 'transferredOut', on: day() }));
    const [r] = await rows<{ deregistered_on: string | null; deregister_reason: string | null }>(t, sql`SELECT deregistered_on::text, deregister_reason FROM dual_registrations WHERE id = ${reg.id}`);
    expect(r).toEqual({ deregistered_on: day(), deregister_reason: '党员出册：组织关系转出' });
  });

  it('frees the resident for a new membership once the old one is archived', async () => {
    const m = ok(await sq01.get(`/party/members/${people.liMember}`));
    ok(await sq01.post(`/party/members/${m.id}/archive`, { version: m.version, reason: 'other', on: day() }));
    ok(await sq01.post('/party/members', { residentId: people.li, kind: 'retired', orgId: org.a.id }), 201);
  });
});

describe('reading', () => {
  it('lists by organization (with its subtree), kind and name or initials', async () => {
    const names = (b: { items: { name: string }[] }) => b.items.map((i) => i.name).sort();
    expect(names(ok(await sq01.get(`/party/members?orgId=${org.a.id}`)))).toEqual(['李预备']);
    expect(names(ok(await sq01.get(`/party/members?orgId=${org.a.id}&includeSubOrgs=true`)))).toEqual(['李预备', '王名']);
    expect(names(ok(await sq01.get(`/party/members?orgId=${org.committee.id}&includeSubOrgs=true&kind=retired`)))).toEqual(['后补关联', '张党员', '李预备']);
    expect(names(ok(await sq01.get(`/party/members?q=${encodeURIComponent('张')}`)))).toEqual(['张党员']);
    expect(names(ok(await sq01.get('/party/members?q=zdy')))).toEqual(['张党员']);
    expect(names(ok(await sq01.get('/party/members?q=13812345678')))).toEqual(['王名']);
    const page = ok(await sq01.get('/party/members?limit=2&offset=0'));
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
  });

  it('reveals a mobile to pii.read holders only, and audits it', async () => {
    refused(await wgz01.post(`/party/members/${people.wang}/reveal`), 403, 'PERMISSION_DENIED');
    expect(ok(await sq01.post(`/party/members/${people.wang}/reveal`))).toEqual({ id: people.wang, mobile: '13812345678' });
    const [a] = await rows<{ entity_type: string; after: { fields: string[] } }>(t, sql`SELECT entity_type, after FROM audit_log WHERE action = 'pii.view' ORDER BY id DESC LIMIT 1`);
    expect(a).toMatchObject({ entity_type: 'partyMember', after: { fields: ['mobile'] } });
    refused(await sq02.post(`/party/members/${people.wang}/reveal`), 403, 'SCOPE_DENIED');
  });

  it('exports the list to Excel with Chinese headers and masked mobiles', async () => {
    const res = await sq01.get(`/party/members/export?orgId=${org.committee.id}&includeSubOrgs=true`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('党员');
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['姓名', '性别', '出生日期', '手机号', '党员类型', '党员身份', '所在党组织', '居住区域', '关联居民', '入党日期', '工作单位', '驻区单位', '特长', '状态']);
    const body: string[][] = [];
    ws.eachRow((r, n) => void (n > 1 && body.push((r.values as unknown[]).slice(1).map((v) => String(v ?? '')))));
    const wang = body.find((r) => r[0] === '王名')!;
    expect(wang[3]).toBe('138****5678');
    expect(wang.slice(4, 7)).toEqual(['在职党员', '正式党员', '第一党小组']);
    expect(wang[12]).toBe('电工、法律');
    expect(res.rawPayload.includes(Buffer.from('13812345678'))).toBe(false);
    expect((await rows<{ n: string }>(t, sql`SELECT count(*)::text AS n FROM audit_log WHERE action = 'partyMember.export'`))[0].n).toBe('1');
    refused(await sq02.get(`/party/members/export?orgId=${org.a.id}`), 403, 'SCOPE_DENIED');
  });

  it('keeps a sibling community out of members', async () => {
    refused(await sq02.get(`/party/members/${people.wang}`), 403, 'SCOPE_DENIED');
    refused(await sq02.patch(`/party/members/${people.wang}`, { version: 1, name: '越权' }), 403, 'SCOPE_DENIED');
    refused(await sq02.post(`/party/members/${people.wang}/transfer`, { version: 1, orgId: org.theirs.id, on: day(), reason: '越权' }), 403, 'SCOPE_DENIED');
    refused(await sq02.post(`/party/members/${people.wang}/archive`, { version: 1, reason: 'other', on: day() }), 403, 'SCOPE_DENIED');
    refused(await sq02.get(`/party/members?orgId=${org.a.id}`), 403, 'SCOPE_DENIED');
    expect(ok(await sq02.get('/party/members?q=13812345678')).items).toEqual([]);
    expect(ok(await sq02.get('/party/members')).total).toBe(0);
    refused(await sq01.get('/party/members/999999'), 404, 'PARTY_NOT_FOUND');
    expect(ok(await jd01.get(`/party/members/${people.wang}`)).name).toBe('王名');
  });

  it('edits the member’s own fields; the organization only moves by transfer', async () => {
    const m = ok(await sq01.get(`/party/members/${people.wang}`));
    refused(await sq01.patch(`/party/members/${m.id}`, { version: m.version, orgId: org.a.id }), 400, 'VALIDATION_FAILED');
    const v = ok(await sq01.patch(`/party/members/${m.id}`, { version: m.version, kind: 'seasonal', mobile: null, skills: [] }));
    expect(v).toMatchObject({ kind: 'seasonal', kindLabel: '候鸟党员', mobileMasked: null, skills: [] });
    const [row] = await rows<{ mobile_enc: string | null; mobile_hash: string | null }>(t, sql`SELECT mobile_enc, mobile_hash FROM party_members WHERE id = ${m.id}`);
    expect(row).toEqual({ mobile_enc: null, mobile_hash: null });
    const actions = (await rows<{ action: string }>(t, sql`SELECT DISTINCT action FROM audit_log WHERE entity_type = 'partyMember'`)).map((r) => r.action).sort();
    expect(actions).toEqual(['partyMember.archive', 'partyMember.create', 'partyMember.export', 'partyMember.transfer', 'partyMember.update', 'pii.view']);
  });
});
