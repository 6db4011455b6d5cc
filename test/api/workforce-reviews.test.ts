// Quarterly two-way reviews (双向评价): who may post in which direction, one review per key
// (upsert, audited, versioned), the refusals, and the ranking with the top 20 % excellent on 5,
// 6 and 10 subjects (a tie at the cut included).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { freshRegion, place, position, q, team, userId, worker, type Place } from '../support/workforce-rules.ts';

let t: TestApp;
let admin: string;
let sq01: string;
let sq02: string;
let wgy01: string;
let wgz01: string;
let A: Place;
let B: Place;
let G1: Place;
let GB: Place;
let D1: number; // paired deputy of G1 (and of GB), the account of wgy01
const P: number[] = []; // ten more paired deputies of G1
let Ended: number; // a deputy whose post ended before 2026Q3
let T1: number; // stationed team of A led by wgz01's worker
let T2: number;

const api = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) => t.as(cookie, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const review = (cookie: string, body: Record<string, unknown>) =>
  api(cookie, 'POST', '/workforce/reviews', { quarter: '2026Q4', subjectKind: 'pairedDeputy', direction: 'communityRatesSubject', communityId: A.id, score: 90, ...body });
const reviewCount = async () => Number((await q<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM reviews`))[0].n);

beforeAll(async () => {
  t = await createTestApp({ demo: true });
  admin = await t.login('admin');
  sq01 = await t.login('sq01');
  sq02 = await t.login('sq02');
  wgy01 = await t.login('wgy01');
  wgz01 = await t.login('wgz01');
  A = await place(t, (await api(sq01, 'GET', '/auth/me')).json().user.scopeRegion.id);
  B = await place(t, (await api(sq02, 'GET', '/auth/me')).json().user.scopeRegion.id);
  G1 = await freshRegion(t, admin, A.id, '评价测试网格');
  GB = await freshRegion(t, admin, B.id, '评价测试乙网格');
  D1 = await worker(t, A, '双副甲', { userId: await userId(t, 'wgy01'), sendingUnit: '某镇' });
  await position(t, D1, 'pairedDeputy', G1);
  await position(t, D1, 'pairedDeputy', GB);
  for (let i = 1; i <= 10; i++) {
    const id = await worker(t, A, `双副${String(i).padStart(2, '0')}`);
    await position(t, id, 'pairedDeputy', G1);
    P.push(id);
  }
  Ended = await worker(t, A, '已离任双副');
  await position(t, Ended, 'pairedDeputy', G1, { startOn: '2026-01-01', endOn: '2026-06-30' });
  T1 = await team(t, A, '评价一队');
  const leader = await worker(t, A, '一队队长', { userId: await userId(t, 'wgz01') });
  await position(t, leader, 'stationedMember', A, { teamId: T1, isLeader: true });
  T2 = await team(t, A, '评价二队');
});
afterAll(() => t.close());

describe('posting reviews', () => {
  it('the community rates a deputy once per quarter: posting again updates, audited, versioned', async () => {
    const first = await review(sq01, { subjectId: D1, score: 88, comment: '走访扎实' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      quarter: '2026Q4',
      subject: { kind: 'pairedDeputy', id: D1, name: '双副甲', kindLabel: '双副组长' },
      direction: 'communityRatesSubject',
      community: { id: A.id },
      score: 88,
      comment: '走访扎实',
      version: 1,
    });
    const again = await review(sq01, { subjectId: D1, score: 92.04, version: 1 });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: first.json().id, score: 92, version: 2 });
    const stale = await review(sq01, { subjectId: D1, score: 10, version: 1 });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'WORKFORCE_VERSION_CONFLICT']);
    const audit = await q<{ action: string; before: { score: number } | null; after: { score: number } }>(t, sql`SELECT action, before, after FROM audit_log WHERE entity_type = 'review' ORDER BY id`);
    expect(audit.map((a) => [a.action, a.before?.score ?? null, a.after.score])).toEqual([['review.create', null, 88], ['review.update', 88, 92]]);
  });

  it('the deputy rates the community with their own account; not for someone else, nor the other way', async () => {
    const own = await review(wgy01, { subjectId: D1, direction: 'subjectRatesCommunity', score: 85 });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().reviewer.name).toBeTruthy();
    const notMine = await review(wgy01, { subjectId: P[0], direction: 'subjectRatesCommunity' });
    expect(notMine.statusCode).toBe(403);
    const wrongWay = await review(wgy01, { subjectId: D1 });
    expect([wrongWay.statusCode, wrongWay.json().code]).toEqual([403, 'PERMISSION_DENIED']);
  });

  it('a team’s leader rates the community for the team; staff may post it for them', async () => {
    expect((await review(wgz01, { subjectKind: 'stationedTeam', subjectId: T1, direction: 'subjectRatesCommunity', score: 80 })).statusCode).toBe(201);
    expect((await review(wgz01, { subjectKind: 'stationedTeam', subjectId: T2, direction: 'subjectRatesCommunity', score: 80 })).statusCode).toBe(403);
    expect((await review(sq01, { subjectKind: 'stationedTeam', subjectId: T2, direction: 'subjectRatesCommunity', score: 75 })).statusCode).toBe(201);
  });

  it('refuses another community, subjects not serving the community, bad quarters and scores, and writes nothing', async () => {
    const before = await reviewCount();
    const code = async (p: Promise<{ statusCode: number; json(): { code: string } }>) => {
      const r = await p;
      return [r.statusCode, r.json().code];
    };
    expect(await code(review(sq02, { subjectId: D1 }))).toEqual([403, 'SCOPE_DENIED']);
    expect(await code(review(sq02, { subjectId: P[0], communityId: B.id }))).toEqual([403, 'SCOPE_DENIED']);
    expect(await code(review(sq02, { subjectId: D1, direction: 'subjectRatesCommunity' }))).toEqual([403, 'SCOPE_DENIED']);
    expect(await code(review(admin, { subjectId: P[0], communityId: B.id }))).toEqual([400, 'WORKFORCE_FIELD_INVALID']);
    expect(await code(review(admin, { subjectId: Ended, quarter: '2026Q3' }))).toEqual([400, 'WORKFORCE_FIELD_INVALID']);
    expect(await code(review(admin, { subjectId: D1, quarter: '2027Q1' }))).toEqual([400, 'WORKFORCE_FIELD_INVALID']);
    expect(await code(review(admin, { subjectId: D1, communityId: G1.id }))).toEqual([400, 'WORKFORCE_FIELD_INVALID']);
    expect(await code(review(admin, { subjectId: 999_999 }))).toEqual([404, 'WORKFORCE_NOT_FOUND']);
    expect(await code(review(admin, { subjectId: D1, quarter: '2026Q5' }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code(review(admin, { subjectId: D1, score: 100.5 }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(await reviewCount()).toBe(before);
    // The one that served before the end of its post may still be reviewed for that quarter.
    expect((await review(sq01, { subjectId: Ended, quarter: '2026Q2', score: 50 })).statusCode).toBe(201);
  });

  it('lists reviews in scope', async () => {
    const mine = (await api(sq01, 'GET', '/workforce/reviews?quarter=2026Q4')).json().items as { subject: { id: number; kind: string }; direction: string }[];
    expect(mine.filter((r) => r.subject.kind === 'pairedDeputy' && r.subject.id === D1).map((r) => r.direction).sort()).toEqual(['communityRatesSubject', 'subjectRatesCommunity']);
    const theirs = (await api(sq02, 'GET', '/workforce/reviews?quarter=2026Q4')).json().items;
    expect(theirs).toEqual([]);
    expect((await api(sq02, 'GET', `/workforce/reviews?regionId=${A.id}`)).json().code).toBe('SCOPE_DENIED');
    const teams = (await api(sq01, 'GET', '/workforce/reviews?subjectKind=stationedTeam&direction=subjectRatesCommunity')).json().items;
    expect(teams.map((r: { subject: { name: string } }) => r.subject.name).sort()).toEqual(['评价一队', '评价二队']);
  });
});

describe('ranking', () => {
  type Row = { rank: number; subject: { id: number; name: string }; score: number; reviews: number; excellent: boolean };
  const rank = async (quarter: string, cookie = sq01, kind = 'pairedDeputy') => (await api(cookie, 'GET', `/workforce/reviews/ranking?quarter=${quarter}&subjectKind=${kind}`)).json();
  const excellent = (b: { items: Row[] }) => b.items.filter((i) => i.excellent).map((i) => i.subject.name);
  const rate = async (quarter: string, scores: number[]) => {
    for (const [i, score] of scores.entries()) expect((await review(sq01, { quarter, subjectId: P[i], score })).statusCode).toBe(201);
  };

  it('5 subjects: one excellent', async () => {
    await rate('2026Q1', [80, 95, 70, 90, 60]);
    const b = await rank('2026Q1');
    expect(b.items.map((i: Row) => [i.rank, i.subject.name, i.score])).toEqual([[1, '双副02', 95], [2, '双副04', 90], [3, '双副01', 80], [4, '双副03', 70], [5, '双副05', 60]]);
    expect(excellent(b)).toEqual(['双副02']);
    expect(b.groups).toEqual([{ subjectKind: 'pairedDeputy', subjects: 5, cut: 1, excellentCount: 1, tiesAtCut: false }]);
  });

  it('6 subjects: two excellent', async () => {
    await rate('2026Q2', [80, 95, 70, 90, 60, 85]);
    // The ended deputy rated in 2026Q2 above is a seventh subject of that quarter (50 points).
    const b = await rank('2026Q2');
    expect(b.items).toHaveLength(7);
    expect(excellent(b)).toEqual(['双副02', '双副04']);
    expect(b.excellentCount).toBe(2);
  });

  it('10 subjects: two excellent, three with a tie at the cut, said so', async () => {
    await rate('2026Q3', [91, 92, 93, 94, 95, 96, 97, 98, 99, 100]);
    let b = await rank('2026Q3');
    expect(excellent(b)).toEqual(['双副10', '双副09']);
    expect(b.groups[0]).toMatchObject({ subjects: 10, cut: 2, excellentCount: 2, tiesAtCut: false });
    expect((await review(sq01, { quarter: '2026Q3', subjectId: P[7], score: 99 })).statusCode).toBe(200);
    b = await rank('2026Q3');
    expect(excellent(b)).toEqual(['双副10', '双副08', '双副09']);
    expect(b.groups[0]).toMatchObject({ subjects: 10, cut: 2, excellentCount: 3, tiesAtCut: true });
    expect(b.items.slice(0, 4).map((i: Row) => i.rank)).toEqual([1, 2, 2, 4]);
  });

  it('averages the communities’ scores in the caller’s scope and ignores the subject’s own ratings', async () => {
    // D1 also serves B's grid: B's rating joins the average for whoever sees both communities.
    expect((await review(admin, { subjectId: D1, communityId: B.id, score: 81 })).statusCode).toBe(201);
    const whole = await rank('2026Q4', admin);
    expect(whole.items).toEqual([{ rank: 1, subject: { kind: 'pairedDeputy', id: D1, name: '双副甲' }, score: 86.5, reviews: 2, excellent: true }]);
    const mine = await rank('2026Q4', sq01);
    expect(mine.items[0]).toMatchObject({ score: 92, reviews: 1 });
    expect((await rank('2026Q4', sq02)).items[0]).toMatchObject({ score: 81, reviews: 1 });
    // Teams are ranked on their own.
    expect((await review(sq01, { subjectKind: 'stationedTeam', subjectId: T1, score: 88 })).statusCode).toBe(201);
    expect((await review(sq01, { subjectKind: 'stationedTeam', subjectId: T2, score: 70 })).statusCode).toBe(201);
    const both = (await api(sq01, 'GET', '/workforce/reviews/ranking?quarter=2026Q4')).json();
    expect(both.items.map((i: Row & { subject: { kind: string } }) => [i.subject.kind, i.rank, i.subject.name, i.excellent])).toEqual([
      ['pairedDeputy', 1, '双副甲', true],
      ['stationedTeam', 1, '评价一队', true],
      ['stationedTeam', 2, '评价二队', false],
    ]);
    expect(both.excellentCount).toBe(2);
    expect((await api(sq02, 'GET', `/workforce/reviews/ranking?quarter=2026Q4&regionId=${A.id}`)).json().code).toBe('SCOPE_DENIED');
  });
});
