// The demo's grid workforce and its year of visits, generated without a database: every grid's
// team, the villages' paired deputies and stationed teams, the demo accounts in their positions,
// tens of thousands of workers at `city` scale, and visits that keep the rules the way people do
// (mostly 5-3-10, Tuesdays for stationed teams, a few outside the boundary) and cover the
// patrol reports of the case loop.
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR, dayStart, localDay } from './cases.clock.ts';
import { generateDemoCity, type DemoCity } from './index.ts';
import { poolsFromPopulation, RegionIndex, type CommunityPool } from './party.pool.ts';
import { inside } from './workforce.geo.ts';
import { generateWorkforce, type CommunityWorkforce, type DemoVisit } from './workforce.ts';
import { weekday } from './workforce.visits.ts';
import { syntheticPools } from './party.pool.ts';

const END = Date.parse('2026-11-20T07:30:00Z'); // a Friday, 15:30 in Shanghai
let city: DemoCity;
let ix: RegionIndex;
let pools: CommunityPool[];
let out: CommunityWorkforce[];
const all = <K extends 'workers' | 'positions' | 'teams' | 'visits'>(k: K): CommunityWorkforce[K] => out.flatMap((c) => c[k] as unknown[]) as CommunityWorkforce[K];
const account = (u: string) => city.accounts.find((a) => a.username === u)!;

beforeAll(() => {
  city = generateDemoCity({ scale: 'small' });
  ix = new RegionIndex(city);
  pools = [...poolsFromPopulation(city)];
  // Patrol reports in wgy01's grid (as the case loop files them): the visits must cover them.
  const grid = account('wgy01').scopeCode!;
  const pool = pools.find((p) => p.communityCode === ix.up(grid, 4).code)!;
  const endDay = localDay(END);
  pool.patrolCases = Array.from({ length: 40 }, (_, i) => ({ id: 9000 + i, gridCode: grid, at: dayStart(endDay - 3 - i * 7) + (9.5 + (i % 5)) * HOUR, title: `巡查发现问题${i}` }));
  out = [...generateWorkforce(city, pools, { end: END })];
}, 120_000);

describe('demo workforce: teams', () => {
  it('staffs every grid: a full-time worker always, a chief nearly always, patrol members, informants, building heads', () => {
    const grids = ix.levels(5);
    const at = (kind: string, code: string) => all('positions').filter((p) => p.kind === kind && p.regionCode === code);
    for (const g of grids) {
      expect(at('gridWorkerFullTime', g.code).length).toBe(1);
      expect(at('gridWorkerPartTime', g.code).length).toBeLessThanOrEqual(2);
    }
    expect(grids.filter((g) => at('gridChief', g.code).length === 1).length / grids.length).toBeGreaterThan(0.9);
    expect(grids.filter((g) => at('patrolMember', g.code).length >= 2).length / grids.length).toBeGreaterThan(0.9);
    expect(all('positions').filter((p) => p.kind === 'informant').length).toBe(ix.levels(6).length);
    const heads = all('positions').filter((p) => p.kind === 'buildingHead');
    expect(heads.length / pools.reduce((s, p) => s + p.buildings.length, 0)).toBeGreaterThan(0.4);
    expect(heads.every((p) => p.buildingId !== null)).toBe(true);
    // Patrol members and most building heads are residents (of their grid).
    const residents = new Map(pools.flatMap((p) => p.residents).map((r) => [r.id, r]));
    const workers = new Map(all('workers').map((w) => [w.id, w]));
    for (const p of all('positions').filter((x) => x.kind === 'patrolMember')) {
      const w = workers.get(p.workerId)!;
      if (w.residentId !== null) expect(residents.get(w.residentId)!.gridCode).toBe(p.regionCode);
    }
    expect(all('workers').filter((w) => w.residentId !== null).every((w) => w.mobile === null)).toBe(true);
  });

  it('gives villages paired deputies (a town one and a department one per grid) and a stationed team of 3–5 with a leader', () => {
    const villages = ix.levels(4).filter((c) => c.kind === 'village');
    expect(villages.length).toBeGreaterThan(0);
    const workers = new Map(all('workers').map((w) => [w.id, w]));
    for (const v of villages) {
      for (const g of ix.kids(v.code)) {
        const deputies = all('positions').filter((p) => p.kind === 'pairedDeputy' && p.regionCode === g.code).map((p) => workers.get(p.workerId)!);
        expect(deputies.map((w) => w.sendingUnitKind).sort()).toEqual(['department', 'town']);
        expect(deputies.find((w) => w.sendingUnitKind === 'department')!.departmentCode).not.toBeNull();
      }
      const team = all('teams').find((t) => t.regionCode === v.code)!;
      const members = all('positions').filter((p) => p.teamId === team.id);
      expect(members.length).toBeGreaterThanOrEqual(2);
      expect(members.length).toBeLessThanOrEqual(5);
      expect(members.filter((p) => p.isLeader).length).toBe(1);
      expect(team.fixedWeekday).toBe(2);
    }
    expect(all('positions').some((p) => p.kind === 'pairedDeputy' && ix.get(p.regionCode).level === 5)).toBe(true);
  });

  it('puts the demo accounts in their positions', () => {
    const w = (u: string) => all('workers').find((x) => x.username === u)!;
    const pos = (u: string) => all('positions').filter((p) => p.workerId === w(u).id).map((p) => [p.kind, p.regionCode]);
    expect(pos('wgz01')).toEqual([['gridChief', account('wgz01').scopeCode]]);
    expect(pos('wgy01')).toEqual([['gridWorkerFullTime', account('wgy01').scopeCode]]);
    expect(pos('lz01')).toEqual(expect.arrayContaining([['buildingHead', account('lz01').scopeCode]]));
    const head = all('positions').find((p) => p.workerId === w('lz01').id && p.kind === 'buildingHead')!;
    expect(pools.flatMap((p) => p.buildings).find((b) => b.id === head.buildingId)!.regionCode).toBe(account('lz01').scopeCode);
    for (const u of ['wgz01', 'wgy01', 'lz01']) expect([w(u).name, w(u).mobile]).toEqual([account(u).displayName, account(u).mobile]);
    expect(all('workers').filter((x) => x.username !== null).length).toBe(3);
  });

  it('reaches tens of thousands of workers at city scale', () => {
    const big = generateDemoCity({ scale: 'city' });
    let workers = 0;
    let fullTime = 0;
    for (const c of generateWorkforce(big, syntheticPools(big), { end: END, visits: false })) {
      workers += c.workers.length;
      fullTime += c.positions.filter((p) => p.kind === 'gridWorkerFullTime').length;
    }
    expect(workers).toBeGreaterThan(50_000);
    expect(fullTime).toBe(big.regions.filter((r) => r.level === 5).length);
  }, 120_000);
});

describe('demo workforce: a year of visits', () => {
  const weeksBack = (v: DemoVisit) => Math.floor((localDay(END) - (weekday(localDay(END)) - 1) - localDay(v.checkInAt)) / 7);

  it('closes every visit before the load date, one at a time per worker, within the year', () => {
    const byWorker = new Map<number, DemoVisit[]>();
    for (const v of all('visits')) (byWorker.get(v.workerId) ?? byWorker.set(v.workerId, []).get(v.workerId)!).push(v);
    for (const list of byWorker.values()) {
      list.sort((a, b) => a.checkInAt - b.checkInAt);
      for (let i = 0; i < list.length; i++) {
        const v = list[i];
        expect(v.checkOutAt).toBeGreaterThan(v.checkInAt);
        expect(v.checkOutAt).toBeLessThanOrEqual(END);
        expect(localDay(v.checkInAt)).toBeGreaterThan(localDay(END) - 365);
        if (i) expect(v.checkInAt).toBeGreaterThanOrEqual(list[i - 1].checkOutAt);
      }
    }
    expect(new Set(all('visits').map((v) => v.id)).size).toBe(all('visits').length);
  });

  it('sees residents of the visited region, and flags check-ins outside its boundary (a few per cent) as the geometry says', () => {
    const residents = new Map(pools.flatMap((p) => p.residents).map((r) => [r.id, r]));
    const visits = all('visits');
    for (const v of visits) {
      const region = ix.get(v.regionCode);
      for (const p of v.people) expect(ix.up(residents.get(p.residentId)!.regionCode, region.level).code).toBe(v.regionCode);
      expect(new Set(v.people.map((p) => p.residentId)).size).toBe(v.people.length);
      const ring = (region.boundary as { coordinates: number[][][] }).coordinates[0];
      for (const pt of [v.checkIn, v.checkOut]) expect(pt!.outside).toBe(!inside(ring, pt!.lng, pt!.lat));
    }
    const outside = visits.filter((v) => v.checkIn!.outside).length / visits.length;
    expect(outside).toBeGreaterThan(0.01);
    expect(outside).toBeLessThan(0.06);
  });

  it('keeps 5-3-10 mostly: full-time workers comply in most weeks, not all, part-timers less', () => {
    const kindOf = new Map(all('positions').map((p) => [p.workerId, p.kind]));
    const weeks = new Map<string, DemoVisit[]>();
    for (const v of all('visits')) {
      const k = weeksBack(v);
      if (v.purpose !== 'patrol' || k < 1 || k > 20) continue;
      const key = `${v.workerId}|${k}`;
      (weeks.get(key) ?? weeks.set(key, []).get(key)!).push(v);
    }
    const rate = (kind: string) => {
      const ws = all('positions').filter((p) => p.kind === kind).map((p) => p.workerId);
      let ok = 0;
      for (const w of ws) {
        for (let k = 1; k <= 20; k++) {
          const list = weeks.get(`${w}|${k}`) ?? [];
          const long = list.filter((v) => v.checkOutAt - v.checkInAt >= 3 * HOUR).length;
          if (long >= 5 && new Set(list.flatMap((v) => v.people.map((p) => p.residentId))).size >= 10) ok++;
        }
      }
      return ok / (ws.length * 20);
    };
    const ft = rate('gridWorkerFullTime');
    expect(ft).toBeGreaterThan(0.65);
    expect(ft).toBeLessThan(0.97);
    expect(rate('gridWorkerPartTime')).toBeLessThan(ft);
    // Most entries last three hours or more; a few are cut short.
    const patrol = all('visits').filter((v) => v.purpose === 'patrol');
    const short = patrol.filter((v) => v.checkOutAt - v.checkInAt < 3 * HOUR).length / patrol.length;
    expect(short).toBeGreaterThan(0.01);
    expect(short).toBeLessThan(0.15);
    const wgy = all('workers').find((w) => w.username === 'wgy01')!;
    expect(all('visits').filter((v) => v.workerId === wgy.id).length).toBeGreaterThan(200);
  });

  it('has stationed teams out about twice a week, mostly on Tuesday; deputies every few weeks', () => {
    const team = all('visits').filter((v) => v.purpose === 'stationed');
    expect(team.length).toBeGreaterThan(52);
    expect(team.every((v) => v.teamId !== null)).toBe(true);
    expect(team.filter((v) => weekday(localDay(v.checkInAt)) === 2).length / team.length).toBeGreaterThan(0.35);
    const perWeek = team.length / 52 / all('teams').length;
    expect(perWeek).toBeGreaterThan(1.2);
    expect(perWeek).toBeLessThan(2.5);
    const deputy = all('visits').filter((v) => v.purpose === 'contact');
    const deputies = new Set(all('positions').filter((p) => p.kind === 'pairedDeputy').map((p) => `${p.workerId}|${p.regionCode}`));
    for (const v of deputy) expect(deputies.has(`${v.workerId}|${v.regionCode}`)).toBe(true);
    expect(deputy.length / deputies.size).toBeGreaterThan(8);
    expect(deputy.length / deputies.size).toBeLessThan(40);
  });

  it('covers the patrol reports of the case loop with the full-time worker\'s visits, the finding pointing at the case', () => {
    const wgy = all('workers').find((w) => w.username === 'wgy01')!;
    const linked = all('visits').flatMap((v) => v.findings.filter((f) => f.caseId !== null).map((f) => ({ v, f })));
    expect(new Set(linked.map((x) => x.f.caseId)).size).toBe(40);
    for (const { v, f } of linked) {
      expect(v.workerId).toBe(wgy.id);
      const at = 9000 <= f.caseId! ? dayStart(localDay(END) - 3 - (f.caseId! - 9000) * 7) + (9.5 + ((f.caseId! - 9000) % 5)) * HOUR : 0;
      expect(at).toBeGreaterThanOrEqual(v.checkInAt);
      expect(at).toBeLessThanOrEqual(v.checkOutAt);
      expect(v.checkOutAt - v.checkInAt).toBeLessThan(11 * HOUR);
    }
    expect(all('visits').some((v) => v.findings.some((f) => f.caseId === null))).toBe(true);
  });

  it('is deterministic', () => {
    const again = [...generateWorkforce(city, pools, { end: END })];
    expect(JSON.stringify(again)).toBe(JSON.stringify(out));
    expect(DAY).toBe(86_400_000);
  });
});
