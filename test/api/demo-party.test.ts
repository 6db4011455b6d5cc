// The small demo city with its population carries party building and the workforce: the rows
// the generators make, in a consistent tree the platform reads through its own routes; registry
// and party agree (political status, mobiles); the demo accounts in their places (sj01 secretary,
// dy01 registered, wgz01/wgy01 in their grid with a year of visits); the 5-3-10 board of a recent
// week is full; and live writes continue after the loaded ids.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedDemo } from '../../src/demo/load.ts';
import { generateParty } from '../../src/demo/party.ts';
import { poolsFromDb, regionRefs } from '../../src/demo/party.pool.db.ts';
import type { CommunityPool } from '../../src/demo/party.pool.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let demo: LoadedDemo;
const cookies = new Map<string, string>();

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}
const one = async <T>(q: ReturnType<typeof sql>): Promise<T> => (await rows<T>(q))[0];
const count = async (table: string) => (await one<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))).n;
async function get<T>(user: string, url: string): Promise<T> {
  if (!cookies.has(user)) cookies.set(user, await t.login(user));
  const res = await t.as(cookies.get(user)!, { method: 'GET', url: `/api/v1${url}` });
  expect(res.statusCode, `${user} GET ${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json() as T;
}
const account = (u: string) => demo.city.accounts.find((a) => a.username === u)!;
const regionId = async (code: string) => (await one<{ id: number }>(sql`SELECT id FROM regions WHERE code = ${code}`)).id;
/** ISO week of a moment in Shanghai time, 'YYYY-Www'. */
function isoWeek(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const wd = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - wd);
  const jan1 = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  return `${day.getUTCFullYear()}-W${String(Math.ceil(((day.getTime() - jan1.getTime()) / 86_400_000 + 1) / 7)).padStart(2, '0')}`;
}

beforeAll(async () => {
  t = await createTestApp();
  demo = await t.seedDemo({ population: true });
}, 600_000);
afterAll(async () => {
  await t?.close();
});

describe('demo party and workforce: loaded', () => {
  it('writes every table the generators fill, as many rows as they made, with one audit row each', async () => {
    expect(demo.party && demo.workforce).toBeTruthy();
    for (const [table, n] of Object.entries({ ...demo.party!.counts, ...demo.workforce!.counts })) {
      expect(n, table).toBeGreaterThan(0);
      expect(await count(table), table).toBe(n);
    }
    const audit = await rows<{ action: string }>(sql`SELECT action FROM audit_log WHERE action IN ('party.demoLoad', 'workforce.demoLoad') ORDER BY action`);
    expect(audit.map((a) => a.action)).toEqual(['party.demoLoad', 'workforce.demoLoad']);
  });

  it('is what the generator makes from the loaded registry, in the article\'s proportions', async () => {
    const db = t.database.db;
    const pools: CommunityPool[] = [];
    for await (const p of poolsFromDb(db, demo.city, await regionRefs(db, demo.city))) pools.push(p);
    const again = generateParty(demo.city, pools, { end: Date.parse(demo.party!.end) });
    expect(await count('party_orgs')).toBe(again.orgs.length);
    expect(await count('party_members')).toBe(again.members.length);
    expect(await count('household_links')).toBe(again.links.length);
    const residents = await count('residents');
    const members = (await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_members WHERE archived_at IS NULL`)).n;
    expect(Math.abs(members / residents - 72_000 / 2_400_000)).toBeLessThan(0.003);
    const basic = (await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_orgs WHERE kind <> 'group'`)).n;
    expect(Math.abs(basic / residents - 5703 / 2_400_000) / (5703 / 2_400_000)).toBeLessThan(0.12);
  });
});

describe('demo party: through the routes', () => {
  it('lists one tree: every parent listed, each inside its parent\'s region, member counts adding up', async () => {
    const { items } = await get<{ items: { id: number; parentId: number | null; kind: string; region: { path: string }; memberCount: number; secretary: unknown }[] }>('admin', '/party/orgs');
    expect(items.length).toBe(await count('party_orgs'));
    const byId = new Map(items.map((o) => [o.id, o]));
    for (const o of items) {
      if (o.parentId === null) continue;
      const parent = byId.get(o.parentId)!;
      expect(parent).toBeDefined();
      expect(o.region.path.startsWith(parent.region.path)).toBe(true);
    }
    const active = (await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM party_members WHERE archived_at IS NULL`)).n;
    expect(items.reduce((s, o) => s + o.memberCount, 0)).toBe(active);
    expect(items.every((o) => o.secretary !== null)).toBe(true);
    const { items: members } = await get<{ items: { id: number }[]; total: number }>('jd01', '/party/members?limit=5');
    expect(members.length).toBe(5);
  });

  it('makes sj01 the secretary of her community\'s committee and registers dy01 at his community', async () => {
    const community = await regionId(account('sj01').scopeCode!);
    const { items } = await get<{ items: { id: number; kind: string; region: { id: number }; secretary: { name: string } | null }[] }>('sj01', `/party/orgs?regionId=${community}`);
    const committee = items.find((o) => o.kind === 'committee' && o.region.id === community)!;
    expect(committee.secretary!.name).toBe(account('sj01').displayName);
    const dy = await one<{ id: number; kind: string; community: string }>(sql`SELECT m.id, m.kind, r.code AS community FROM party_members m
      JOIN dual_registrations d ON d.member_id = m.id AND d.deregistered_on IS NULL JOIN regions r ON r.id = d.region_id
      WHERE m.resident_id IS NULL AND m.name = ${account('dy01').displayName} AND m.mobile_hash = (SELECT mobile_hash FROM users WHERE username = 'dy01')`);
    expect(dy.kind).toBe('inService');
    expect(dy.community).toBe(account('sq01').scopeCode);
    const regs = await get<{ items: { member: { id: number } | null }[]; total: number }>('sq01', `/party/registrations?communityId=${community}&kind=member&limit=500`);
    expect(regs.items.some((r) => r.member?.id === dy.id)).toBe(true);
  });

  it('keeps registry and party in agreement: political status, mobiles, household links', async () => {
    const bad = await one<{ status: number; probationary: number; mobile: number }>(sql`SELECT
      count(*) FILTER (WHERE r.political_status NOT IN ('partyMember', 'probationaryMember'))::int AS status,
      count(*) FILTER (WHERE (m.standing = 'probationary') <> (r.political_status = 'probationaryMember'))::int AS probationary,
      count(*) FILTER (WHERE m.mobile_hash IS DISTINCT FROM r.mobile_hash)::int AS mobile
      FROM party_members m JOIN residents r ON r.id = m.resident_id`);
    expect(bad).toEqual({ status: 0, probationary: 0, mobile: 0 });
    const links = await one<{ doubled: number; selfLinked: number; foreign: number }>(sql`SELECT
      (SELECT count(*) FROM (SELECT household_id FROM household_links WHERE archived_at IS NULL GROUP BY household_id HAVING count(*) > 1) x)::int AS doubled,
      (SELECT count(*) FROM household_links k JOIN liaison_households l ON l.household_id = k.household_id)::int AS "selfLinked",
      (SELECT count(*) FROM liaison_households l JOIN party_members m ON m.id = l.member_id JOIN residents r ON r.id = m.resident_id WHERE r.household_id <> l.household_id)::int AS foreign`);
    expect(links).toEqual({ doubled: 0, selfLinked: 0, foreign: 0 });
    const coverage = await get<{ households: number; linked: number }>('sq01', `/party/links/coverage?regionId=${await regionId(account('sq01').scopeCode!)}`);
    expect(coverage.linked).toBeGreaterThan(0);
    expect(coverage.linked).toBeLessThan(coverage.households);
  });
});

describe('demo workforce: through the routes', () => {
  it('gives wgy01 his position and a year of visits, and wgz01 her grid\'s team', async () => {
    const grid = await regionId(account('wgy01').scopeCode!);
    const me = await get<{ worker: { id: number; name: string } | null; positions: { kind: string; region: { id: number } }[]; openVisit: unknown }>('wgy01', '/workforce/me');
    expect(me.worker!.name).toBe(account('wgy01').displayName);
    expect(me.positions.map((p) => [p.kind, p.region.id])).toEqual([['gridWorkerFullTime', grid]]);
    expect(me.openVisit).toBeNull();
    const visits = await get<{ total: number }>('wgy01', `/workforce/visits?workerId=${me.worker!.id}&limit=5`);
    expect(visits.total).toBeGreaterThan(200);
    // A visit reads back whole: the residents seen by name, the finding, the check-in inside the grid.
    const withFinding = await one<{ id: number }>(sql`SELECT v.id FROM visits v JOIN visit_findings f ON f.visit_id = v.id WHERE v.worker_id = ${me.worker!.id} AND v.check_in_outside = false LIMIT 1`);
    const v = await get<{ peopleCount: number; checkInOutside: boolean; findings: unknown[]; residents: { name: string }[]; households: unknown[] }>('wgy01', `/workforce/visits/${withFinding.id}`);
    expect(v.findings.length).toBeGreaterThan(0);
    expect(v.peopleCount).toBeGreaterThanOrEqual(2);
    expect(v.checkInOutside).toBe(false);
    expect(v.residents.length).toBe(v.peopleCount);
    expect(v.residents.every((r) => r.name !== '—')).toBe(true);
    expect(v.households).toEqual([]);
    const team = await get<{ chief: { name: string }[]; fullTime: { name: string }[]; patrol: unknown[] }>('wgz01', `/workforce/grids/${grid}/team`);
    expect(team.chief.map((c) => c.name)).toContain(account('wgz01').displayName);
    expect(team.fullTime.map((c) => c.name)).toContain(account('wgy01').displayName);
    const lz = await one<{ kinds: string[] }>(sql`SELECT array_agg(p.kind ORDER BY p.kind) AS kinds FROM positions p JOIN workers w ON w.id = p.worker_id JOIN users u ON u.id = w.user_id WHERE u.username = 'lz01'`);
    expect(lz.kinds).toEqual(['buildingHead', 'informant']);
  });

  it('fills the 5-3-10 board of last week, most grid workers compliant, wgy01 on it', async () => {
    const week = isoWeek(Date.parse(demo.workforce!.end) - 7 * 86_400_000);
    const board = await get<{ items: { worker: { id: number; name: string }; compliant: boolean }[]; summary: { workers: number; compliant: number } }>('jd01', `/workforce/rules/5310?week=${week}`);
    expect(board.items.length).toBeGreaterThan(100);
    expect(board.summary.compliant).toBeGreaterThan(0);
    expect(board.summary.compliant).toBeLessThan(board.summary.workers);
    expect(board.items.some((i) => i.worker.name === account('wgy01').displayName)).toBe(true);
  });

  it('continues ids after the loaded rows: a new check-in and a new organization', async () => {
    const maxVisit = (await one<{ m: number }>(sql`SELECT max(id)::int AS m FROM visits`)).m;
    const cookie = await t.login('wgy01');
    const res = await t.as(cookie, { method: 'POST', url: '/api/v1/workforce/visits/check-in', payload: { regionId: await regionId(account('wgy01').scopeCode!) } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().id).toBeGreaterThan(maxVisit);
    const maxOrg = (await one<{ m: number }>(sql`SELECT max(id)::int AS m FROM party_orgs`)).m;
    const parent = (await one<{ id: number }>(sql`SELECT id FROM party_orgs WHERE kind = 'committee' AND region_id = ${await regionId(account('sq01').scopeCode!)}`)).id;
    const admin = await t.login('admin');
    const org = await t.as(admin, {
      method: 'POST', url: '/api/v1/party/orgs',
      payload: { parentId: parent, kind: 'temporaryBranch', name: '测试临时党支部', regionId: await regionId(account('sq01').scopeCode!), startOn: '2026-01-01', endOn: '2026-12-31' },
    });
    expect(org.statusCode, org.body).toBe(201);
    expect(org.json().id).toBeGreaterThan(maxOrg);
  });
});
