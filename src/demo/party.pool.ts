// What the party and workforce generators draw people and places from: one community's residents,
// households, buildings, estates and registry organizations (and, for findings, its patrol cases),
// with the ids the database gave them. The loader reads pools from the database
// (party.pool.db.ts); tests build them from the population generator's sheet rows without a
// database; the city-scale benchmark uses synthetic pools sized like the planned population.
import type { RegionInput } from '../modules/regions/index.ts';
import { codeHash } from './cases.actors.ts';
import type { DemoCity } from './index.ts';
import { personName } from './names.ts';
import { generatePopulation, populationSize } from './population.ts';
import { Rng } from './random.ts';

export interface PoolResident {
  id: number;
  householdId: number | null;
  /** The micro-grid (or grid) the resident lives in, and its grid. */
  regionCode: string;
  gridCode: string;
  buildingId: number | null;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  /** The registry's political status: partyMember | probationaryMember | leagueMember | masses … */
  political: string;
  employer: string;
  migrant: boolean;
  seasonal: boolean;
}
export interface PoolHousehold {
  id: number;
  regionCode: string;
  gridCode: string;
  buildingId: number | null;
  headId: number | null;
}
export interface PoolBuilding {
  id: number;
  regionCode: string;
  gridCode: string;
  number: string;
  estateId: number | null;
}
export interface PoolEstate {
  id: number;
  gridCode: string;
  name: string;
}
/** A registry organization: residentInstitution (驻区单位), propertyCompany, ownersCommittee, communityTeam … */
export interface PoolOrganization {
  id: number;
  kind: string;
  name: string;
  regionCode: string;
}
/** A case a grid worker reported on patrol (findings of visits point at them). */
export interface PoolCase {
  id: number;
  gridCode: string;
  at: number;
  title: string;
}
export interface CommunityPool {
  communityCode: string;
  residents: PoolResident[];
  households: PoolHousehold[];
  buildings: PoolBuilding[];
  estates: PoolEstate[];
  organizations: PoolOrganization[];
  patrolCases: PoolCase[];
}

/** The tree of a demo city by code: parents, children, and the grid / community / street above a code. */
export class RegionIndex {
  readonly byCode = new Map<string, RegionInput>();
  readonly children = new Map<string, RegionInput[]>();

  constructor(readonly city: DemoCity) {
    for (const r of city.regions) {
      this.byCode.set(r.code, r);
      if (r.parentCode) (this.children.get(r.parentCode) ?? this.children.set(r.parentCode, []).get(r.parentCode)!).push(r);
    }
  }

  get(code: string): RegionInput {
    const r = this.byCode.get(code);
    if (!r) throw new Error(`demo: no region ${code}`);
    return r;
  }

  kids(code: string): RegionInput[] {
    return this.children.get(code) ?? [];
  }

  /** The ancestor (or self) at `level`. */
  up(code: string, level: number): RegionInput {
    let r = this.get(code);
    while (r.level > level && r.parentCode) r = this.get(r.parentCode);
    if (r.level !== level) throw new Error(`demo: ${code} has no ancestor at level ${level}`);
    return r;
  }

  gridOf(code: string): string {
    const r = this.get(code);
    return r.level === 6 ? r.parentCode! : r.code;
  }

  levels(level: number): RegionInput[] {
    return this.city.regions.filter((r) => r.level === level);
  }
}

const ORG_KINDS: Record<string, string> = { 物业公司: 'propertyCompany', 群众团队: 'communityTeam', 驻区单位: 'residentInstitution', 业委会: 'ownersCommittee', 两新组织: 'newOrganization' };
const POLITICAL: Record<string, string> = { 中共党员: 'partyMember', 中共预备党员: 'probationaryMember', 共青团员: 'leagueMember' };

/**
 * Pools from the population generator's sheet rows, ids numbered in load order (as a fresh
 * database would number them). For tests: the small city's 31k residents in under a second.
 */
export function* poolsFromPopulation(city: DemoCity): Generator<CommunityPool> {
  const ix = new RegionIndex(city);
  const next = { resident: 0, household: 0, building: 0, estate: 0, organization: 0 };
  for (const p of generatePopulation(city)) {
    const pool: CommunityPool = { communityCode: p.communityCode, residents: [], households: [], buildings: [], estates: [], organizations: [], patrolCases: [] };
    const buildings = new Map<string, PoolBuilding>();
    const estates = new Map<string, number>();
    const heads = new Map<string, PoolHousehold>();
    for (const [entity, rows] of p.steps) {
      for (const row of rows) {
        if (entity === 'organization') {
          pool.organizations.push({ id: ++next.organization, kind: ORG_KINDS[row.组织类型] ?? 'other', name: row.名称, regionCode: row.所在区域编码 });
        } else if (entity === 'estate') {
          const id = ++next.estate;
          estates.set(`${row.所在区域编码}|${row.小区名称}`, id);
          pool.estates.push({ id, gridCode: ix.gridOf(row.所在区域编码), name: row.小区名称 });
        } else if (entity === 'building') {
          const code = row.所在网格编码;
          const gridCode = ix.gridOf(code);
          const b = { id: ++next.building, regionCode: code, gridCode, number: row.楼栋编号, estateId: row.小区名称 ? (estates.get(`${gridCode}|${row.小区名称}`) ?? null) : null };
          buildings.set(`${code}|${row.小区名称}|${row.楼栋编号}`, b);
          pool.buildings.push(b);
        } else if (entity === 'resident') {
          const code = row.所在网格编码;
          const gridCode = ix.gridOf(code);
          const building = buildings.get(`${code}|${row.小区}|${row.楼栋}`) ?? null;
          const id = ++next.resident;
          let household = heads.get(row.户主证件号码 || row.证件号码);
          if (!household) {
            household = { id: ++next.household, regionCode: code, gridCode, buildingId: building?.id ?? null, headId: id };
            heads.set(row.证件号码, household);
            pool.households.push(household);
          }
          pool.residents.push({
            id, householdId: household.id, regionCode: code, gridCode, buildingId: building?.id ?? null, name: row.姓名, gender: row.性别 === '男' ? 'male' : 'female',
            birthDate: row.出生日期, political: POLITICAL[row.政治面貌] ?? 'masses', employer: row.工作单位, migrant: row.人口类型 !== '户籍人口', seasonal: row.是否候鸟 === '是',
          });
        }
      }
    }
    yield pool;
  }
}

const SIZES = [1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 5, 5, 6];

/**
 * Pools sized like the planned population without generating it (the benchmark's `city` scale:
 * 2.4 million people would take minutes to generate and are not needed). Ids are synthetic;
 * shares (party members ≈ 7 % of adults, migrants, seasonal residents) follow the population.
 */
export function* syntheticPools(city: DemoCity, seed = city.seed): Generator<CommunityPool> {
  const ix = new RegionIndex(city);
  const planned = city.regions.filter((r) => r.level === 6 || (r.level === 5 && ix.kids(r.code).length === 0)).reduce((s, r) => s + Number(r.attributes?.plannedResidents ?? 0), 0);
  const factor = planned ? populationSize(city).residents / planned : 1;
  const next = { resident: 0, household: 0, building: 0, estate: 0, organization: 0 };
  const year = 2026;
  for (const community of ix.levels(4)) {
    const rng = new Rng(codeHash(seed, `pool:${community.code}`));
    const pool: CommunityPool = { communityCode: community.code, residents: [], households: [], buildings: [], estates: [], organizations: [], patrolCases: [] };
    const short = community.name.replace(/(社区|村)$/, '');
    pool.organizations.push({ id: ++next.organization, kind: 'propertyCompany', name: `${short}物业管理有限公司`, regionCode: community.code });
    if (rng.chance(0.6)) pool.organizations.push({ id: ++next.organization, kind: 'residentInstitution', name: `${short}片区派出所`, regionCode: community.code });
    if (rng.chance(0.5)) pool.organizations.push({ id: ++next.organization, kind: 'residentInstitution', name: `${short}小学`, regionCode: community.code });
    for (const grid of ix.kids(community.code)) {
      const estateId = grid.kind === 'residential' ? ++next.estate : null;
      if (estateId) pool.estates.push({ id: estateId, gridCode: grid.code, name: `${short}${rng.pick(['花园', '苑', '小区', '新村'])}${estateId}` });
      const homes = ix.kids(grid.code).length ? ix.kids(grid.code) : [grid];
      let buildingNo = 0;
      for (const home of homes) {
        let left = Math.round(Number(home.attributes?.plannedResidents ?? 0) * factor);
        let building: PoolBuilding | null = null;
        let room = 0;
        while (left > 0) {
          if (!building || room >= 24) {
            building = { id: ++next.building, regionCode: home.code, gridCode: grid.code, number: `${++buildingNo}栋`, estateId };
            pool.buildings.push(building);
            room = 0;
          }
          room++;
          const size = Math.min(left, rng.pick(SIZES));
          left -= size;
          const household: PoolHousehold = { id: ++next.household, regionCode: home.code, gridCode: grid.code, buildingId: building.id, headId: next.resident + 1 };
          pool.households.push(household);
          const migrant = rng.chance(0.15);
          for (let k = 0; k < size; k++) {
            const age = k < 2 ? rng.int(24, 88) : rng.int(0, 40);
            const gender = rng.chance(0.5) ? 'male' : 'female';
            const birth = `${year - age - 1}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
            pool.residents.push({
              id: ++next.resident, householdId: household.id, regionCode: home.code, gridCode: grid.code, buildingId: building.id, name: personName(rng), gender, birthDate: birth,
              political: age >= 18 && rng.chance(0.07) ? 'partyMember' : 'masses', employer: age >= 18 && age < 60 && rng.chance(0.65) ? '个体经营' : '',
              migrant, seasonal: migrant && age >= 55 && rng.chance(0.15),
            });
          }
        }
      }
    }
    yield pool;
  }
}
