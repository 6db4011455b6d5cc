// The demo city's grid workforce (网格力量), community by community: per grid a chief, a
// full-time grid worker (the same person the case loop has reporting on patrol there), 0–2
// part-time workers, 2–6 patrol members (联防员, residents), an informant per micro-grid and
// building heads for most buildings; a supervisor per community; in villages paired deputies
// (双副组长: one from the town, one from a district department per grid) and a stationed team
// (驻村工作队, 3–5 with a leader). The demo accounts hold their positions: wgz01 chief and wgy01
// full-time worker of their grid, lz01 building head (and informant) in their micro-grid. Then a
// year of visits (workforce.visits.ts). Pure and deterministic: same city, pools, seed, calendar
// and end date → the same rows.
import type { PositionKind } from '../modules/workforce/workforce.model.ts';
import type { RegionInput } from '../modules/regions/index.ts';
import { codeHash } from './cases.actors.ts';
import { dayString, localDay, plainClock, type CaseClock } from './cases.clock.ts';
import type { DemoAccount, DemoCity } from './index.ts';
import { Mobiles, personName } from './names.ts';
import { RegionIndex, type CommunityPool, type PoolResident } from './party.pool.ts';
import { CITY_ORGANS } from './party.words.ts';
import { Rng } from './random.ts';
import type { CommunityWorkforce, DemoPosition, DemoWorker } from './workforce.rows.ts';
import { deputyVisits, ruleVisits, teamVisits, type VisitContext } from './workforce.visits.ts';

export type * from './workforce.rows.ts';

export interface WorkforceOptions {
  /** The load date: the year of visits ends here. */
  end: number | Date;
  seed?: number;
  /** Working days (the platform's calendar); default Monday–Friday. */
  clock?: Pick<CaseClock, 'isWorkday'>;
  /** Without the year of visits (counting workers at city scale). */
  visits?: boolean;
}

export class WorkforcePlanner {
  readonly ix: RegionIndex;
  readonly end: number;
  readonly endDay: number;
  readonly seed: number;
  private readonly mobiles: Mobiles;
  private readonly isWorkday: (day: number) => boolean;
  private readonly next = { worker: 0, team: 0, visit: 0 };

  constructor(readonly city: DemoCity, readonly opts: WorkforceOptions) {
    this.ix = new RegionIndex(city);
    this.end = typeof opts.end === 'number' ? opts.end : opts.end.getTime();
    this.endDay = localDay(this.end);
    this.seed = opts.seed ?? city.seed;
    this.mobiles = new Mobiles(new Rng(this.seed ^ 0x3f0c));
    const clock = opts.clock ?? plainClock();
    // Asked for every day of every worker's year: answered once per day.
    const days = new Map<number, boolean>();
    this.isWorkday = (d) => {
      let w = days.get(d);
      if (w === undefined) days.set(d, (w = clock.isWorkday(d)));
      return w;
    };
  }

  /** The person the case loop names for a grid or micro-grid without an account (cases.actors.ts). */
  private actorName(key: string): string {
    return personName(new Rng(codeHash(this.city.seed, key)));
  }

  community(pool: CommunityPool): CommunityWorkforce {
    const { ix } = this;
    const rng = new Rng(codeHash(this.seed, `workforce:${pool.communityCode}`));
    const community = ix.get(pool.communityCode);
    const street = ix.get(community.parentCode!);
    const district = ix.get(street.parentCode!);
    const out: CommunityWorkforce = { communityCode: community.code, workers: [], positions: [], teams: [], visits: [] };
    const accounts = this.city.accounts.filter((a) => a.scopeCode && this.within(a.scopeCode, community.code));
    const account = (role: string, scope: string): DemoAccount | undefined => accounts.find((a) => a.roles.includes(role) && a.scopeCode === scope);
    const residents = new Map<string, PoolResident[]>();
    for (const r of pool.residents) (residents.get(r.gridCode) ?? residents.set(r.gridCode, []).get(r.gridCode)!).push(r);
    const used = new Set<number>();
    const since = (recent = 0.06) => (rng.chance(recent) ? this.endDay - rng.int(30, 300) : this.endDay - rng.int(366, 2600));
    const worker = ({ name, ...w }: Partial<DemoWorker>, account?: DemoAccount, resident?: PoolResident): DemoWorker => {
      if (resident) used.add(resident.id);
      const row: DemoWorker = {
        id: ++this.next.worker, username: account?.username ?? null, residentId: resident?.id ?? null, name: account?.displayName ?? resident?.name ?? name ?? personName(rng),
        gender: resident?.gender ?? null, mobile: resident ? null : (account?.mobile ?? this.mobiles.next()), regionCode: community.code, sendingUnitKind: null, sendingUnit: '', departmentCode: null, ...w,
      };
      out.workers.push(row);
      return row;
    };
    const position = (w: DemoWorker, kind: PositionKind, regionCode: string, startDay: number, extra: Partial<DemoPosition> = {}): DemoPosition => {
      const p: DemoPosition = { workerId: w.id, kind, regionCode, buildingId: null, teamId: null, isLeader: false, startOn: dayString(startDay), endOn: null, ...extra };
      out.positions.push(p);
      return p;
    };
    const visits = this.opts.visits !== false;
    const vc: VisitContext = { rng, firstDay: this.endDay - 364, endDay: this.endDay, end: this.end, isWorkday: this.isWorkday, nextId: () => ++this.next.visit };
    const resident = (grid: string, pred: (r: PoolResident) => boolean): PoolResident | undefined => {
      const list = residents.get(grid) ?? [];
      for (let tries = 0; tries < 40 && list.length; tries++) {
        const r = list[rng.int(0, list.length - 1)];
        if (!used.has(r.id) && pred(r)) return r;
      }
      return undefined;
    };
    const age = (r: PoolResident) => new Date(this.end).getUTCFullYear() - Number(r.birthDate.slice(0, 4));

    position(worker({ name: personName(rng) }), 'supervisor', community.code, since());
    for (const grid of ix.kids(community.code)) {
      const inGrid = residents.get(grid.code) ?? [];
      const cases = pool.patrolCases.filter((k) => k.gridCode === grid.code);
      const chiefAccount = account('gridChief', grid.code);
      if (chiefAccount || rng.chance(0.97)) {
        const w = worker({}, chiefAccount);
        const start = chiefAccount ? this.endDay - rng.int(400, 2000) : since();
        position(w, 'gridChief', grid.code, start);
        if (visits) out.visits.push(...ruleVisits(vc, { workerId: w.id, kind: 'gridChief', grid, startDay: start, residents: inGrid, cases: [] }));
      }
      const ftAccount = account('gridWorker', grid.code);
      const ft = worker({ name: this.actorName(`grid:${grid.code}`) }, ftAccount);
      const ftStart = ftAccount ? this.endDay - rng.int(400, 2000) : since(0.03);
      position(ft, 'gridWorkerFullTime', grid.code, ftStart);
      if (visits) out.visits.push(...ruleVisits(vc, { workerId: ft.id, kind: 'gridWorkerFullTime', grid, startDay: ftStart, residents: inGrid, cases }));
      for (let n = Number(rng.weighted({ 0: 25, 1: 50, 2: 25 })); n > 0; n--) {
        const w = worker({});
        const start = since();
        position(w, 'gridWorkerPartTime', grid.code, start);
        if (visits) out.visits.push(...ruleVisits(vc, { workerId: w.id, kind: 'gridWorkerPartTime', grid, startDay: start, residents: inGrid, cases: [] }));
      }
      // 联防员: residents of the grid, mostly men of working age; a few grids short of them.
      for (let n = rng.chance(0.03) ? rng.int(0, 1) : rng.int(2, 6); n > 0; n--) {
        const r = resident(grid.code, (x) => age(x) >= 25 && age(x) <= 62 && (x.gender === 'male' || rng.chance(0.3)));
        position(worker({}, undefined, r), 'patrolMember', grid.code, since());
      }
      const micros = ix.kids(grid.code).length ? ix.kids(grid.code) : [grid];
      for (const micro of micros) {
        const headAccount = account('buildingHead', micro.code);
        const informant = worker({ name: this.actorName(`informant:${micro.code}`) }, headAccount);
        position(informant, 'informant', micro.code, headAccount ? this.endDay - rng.int(400, 2000) : since());
        const buildings = pool.buildings.filter((b) => b.regionCode === micro.code);
        buildings.forEach((b, i) => {
          // The demo's building head heads the first building of their micro-grid.
          if (headAccount && i === 0) return void position(informant, 'buildingHead', micro.code, this.endDay - rng.int(400, 2000), { buildingId: b.id });
          if (!rng.chance(0.65)) return;
          const r = resident(grid.code, (x) => x.buildingId === b.id && age(x) >= 25 && age(x) <= 75);
          if (r) position(worker({}, undefined, r), 'buildingHead', micro.code, since(), { buildingId: b.id });
        });
      }
    }
    if (community.kind === 'village') this.village(rng, community, street, district, out, residents, worker, position, since, vc);
    return out;
  }

  private within(scope: string, communityCode: string): boolean {
    let r = this.ix.byCode.get(scope);
    while (r && r.level > 4) r = this.ix.byCode.get(r.parentCode!);
    return r?.code === communityCode;
  }

  /** Paired deputies for each grid of a village, and its stationed team, with their visits. */
  private village(
    rng: Rng, community: RegionInput, street: RegionInput, district: RegionInput, out: CommunityWorkforce, residents: Map<string, PoolResident[]>,
    worker: (w: Partial<DemoWorker>) => DemoWorker, position: (w: DemoWorker, kind: PositionKind, regionCode: string, startDay: number, extra?: Partial<DemoPosition>) => DemoPosition,
    since: (recent?: number) => number, vc: VisitContext,
  ): void {
    const visits = this.opts.visits !== false;
    const grids = this.ix.kids(community.code);
    const departments = this.city.departments.filter((d) => d.serviceAreaCode === district.code);
    const town = `${street.name}${street.kind === 'town' ? '人民政府' : '办事处'}`;
    const deputies = (kind: 'town' | 'department', perWorker: [number, number]) => {
      for (let i = 0; i < grids.length; ) {
        const dept = kind === 'department' && departments.length ? rng.pick(departments) : null;
        const w = worker({ sendingUnitKind: kind, sendingUnit: dept?.name ?? town, departmentCode: dept?.code ?? null });
        const lax = rng.chance(0.1);
        const busy = new Set<number>();
        for (const grid of grids.slice(i, (i += rng.int(...perWorker)))) {
          const start = since();
          position(w, 'pairedDeputy', grid.code, start);
          if (visits) out.visits.push(...deputyVisits(vc, { workerId: w.id, grid, startDay: start, residents: residents.get(grid.code) ?? [], lax, busy }));
        }
      }
    };
    deputies('town', [1, 2]);
    deputies('department', [1, 3]);
    const dept = departments.length && rng.chance(0.7) ? rng.pick(departments) : null;
    const unit = dept?.name ?? rng.pick(CITY_ORGANS);
    const teamId = ++this.next.team;
    const startDay = since(0.1);
    out.teams.push({ id: teamId, name: `${unit}驻${community.name}工作队`, regionCode: community.code, sendingUnit: unit, departmentCode: dept?.code ?? null, fixedWeekday: 2, startOn: dayString(startDay) });
    const members: { workerId: number; leader: boolean }[] = [];
    // At least three with a leader; now and then a team is a member short (the team page shows it).
    for (let n = rng.chance(0.03) ? 2 : rng.int(3, 5), i = 0; i < n; i++) {
      const w = worker({ sendingUnitKind: 'department', sendingUnit: unit, departmentCode: dept?.code ?? null });
      position(w, 'stationedMember', community.code, startDay, { teamId, isLeader: i === 0 });
      members.push({ workerId: w.id, leader: i === 0 });
    }
    const all = grids.flatMap((g) => residents.get(g.code) ?? []);
    if (visits) out.visits.push(...teamVisits(vc, { teamId, members, community, startDay, residents: all, fixedWeekday: 2 }));
  }
}

/** The whole workforce over a sequence of pools (tests; the loader drives the planner itself). */
export function* generateWorkforce(city: DemoCity, pools: Iterable<CommunityPool>, opts: WorkforceOptions): Generator<CommunityWorkforce> {
  const planner = new WorkforcePlanner(city, opts);
  for (const pool of pools) yield planner.community(pool);
}
