// The demo city's registry: for each community, its property companies, estates, buildings,
// dwellings, households and residents, rentals, places, organizations and assets, as sheet rows
// (Chinese headers) in dependency order. Generated community by community from a seed derived
// from the community's code, so a city of 2.4 million people streams in bounded memory and any
// one community is reproducible on its own.
import { creditCheckChar } from '../modules/registry/checks.ts';
import type { RegionInput } from '../modules/regions/index.ts';
import type { DemoCity, DemoScale } from './index.js';
import { Mobiles } from './names.js';
import { household, IdNumbers, MEAN_HOUSEHOLD, type DwellingRef, type PeopleContext, type SheetRow } from './people.ts';
import { Rng } from './random.js';

export type PopulationEntity = 'organization' | 'estate' | 'building' | 'dwelling' | 'resident' | 'rental' | 'place' | 'asset';
export interface CommunityPopulation {
  communityCode: string;
  /** In load order: later steps refer to rows of earlier ones by name. */
  steps: [PopulationEntity, SheetRow[]][];
}

/** Residents the whole city should hold, per scale (city: about Yunfu's 2.4 million). */
const TARGET: Record<DemoScale, number | null> = { small: null, district: null, city: 2_400_000 };
const ESTATE_WORDS = ['金山', '翠湖', '锦绣', '碧桂', '华府', '南山', '东城', '凤凰', '星河', '康泰', '和园', '嘉禾', '丽景', '御景', '幸福', '阳光'];
const ESTATE_SUFFIX = ['花园', '苑', '小区', '新村', '家园', '雅居'];
const SHOP_WORDS = ['佳佳', '好又多', '兴旺', '老陈', '阿强', '福来', '顺发', '惠民', '家家乐', '美味'];
const SHOP_KINDS: [string, string][] = [['商铺', '便利店'], ['餐饮', '餐馆'], ['商铺', '五金店'], ['餐饮', '早餐店'], ['商铺', '药店'], ['企业', '贸易有限公司'], ['诊所', '诊所'], ['宾馆', '宾馆']];
const TEAMS: [string, string][] = [['协商议事', '议事协商会'], ['调解法务', '人民调解委员会'], ['文体', '文艺队'], ['互助', '邻里互助队'], ['志愿服务', '志愿服务队']];
const ASSETS: [string, string, string][] = [['01', '01', '上水井盖'], ['01', '06', '电力井盖'], ['02', '10', '路灯'], ['03', '04', '垃圾箱'], ['03', '12', '公共厕所'], ['04', '03', '行道树'], ['06', '02', '消防栓']];
const CREDIT = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function codeSeed(seed: number, code: string): number {
  let h = seed ^ 0x2545f491;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A point inside a (convex-ish) boundary: between its vertex mean and a random vertex. */
function pointIn(rng: Rng, r: RegionInput): [number, number] | null {
  const b = r.boundary as { type: string; coordinates: number[][][] } | null | undefined;
  if (!b || b.type !== 'Polygon') return null;
  const ring = b.coordinates[0].slice(0, -1);
  const cx = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const cy = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  const v = rng.pick(ring);
  const t = rng.float(0, 0.6);
  return [+(cx + (v[0] - cx) * t).toFixed(6), +(cy + (v[1] - cy) * t).toFixed(6)];
}

function creditCode(rng: Rng, county: string, prefix = '91'): string {
  let body = `${prefix}${county}`;
  while (body.length < 17) body += rng.pick([...CREDIT]);
  return body + creditCheckChar(body);
}

interface Index {
  byParent: Map<string, RegionInput[]>;
  communities: RegionInput[];
  factor: number;
}

function indexCity(city: DemoCity): Index {
  const byParent = new Map<string, RegionInput[]>();
  for (const r of city.regions) if (r.parentCode) (byParent.get(r.parentCode) ?? byParent.set(r.parentCode, []).get(r.parentCode)!).push(r);
  let planned = 0;
  for (const g of city.regions.filter((r) => r.level === 5)) planned += gridResidents(g, byParent, 1).reduce((s, [, n]) => s + n, 0);
  const target = TARGET[city.scale];
  return { byParent, communities: city.regions.filter((r) => r.level === 4), factor: target ? target / planned : 1 };
}

/** Where a grid's people live: its micro-grids (each with its planned residents) or the grid itself. */
function gridResidents(grid: RegionInput, byParent: Map<string, RegionInput[]>, factor: number): [RegionInput, number][] {
  const micro = byParent.get(grid.code) ?? [];
  const n = (r: RegionInput) => Math.round(Number(r.attributes?.plannedResidents ?? 0) * factor);
  return micro.length ? micro.map((m) => [m, n(m)]) : [[grid, n(grid)]];
}

export function populationSize(city: DemoCity): { communities: number; residents: number } {
  const ix = indexCity(city);
  let residents = 0;
  for (const g of city.regions.filter((r) => r.level === 5)) residents += gridResidents(g, ix.byParent, ix.factor).reduce((s, [, n]) => s + n, 0);
  return { communities: ix.communities.length, residents };
}

/** Streams the city's registry, one community at a time. */
export function* generatePopulation(city: DemoCity): Generator<CommunityPopulation> {
  const ix = indexCity(city);
  const year = 2026;
  const mobiles = new Mobiles(new Rng(city.seed ^ 0x0b11e));
  const ids = new IdNumbers(new Rng(city.seed ^ 0x1d5));
  const serials = new Map<string, number>();
  for (const community of ix.communities) {
    const rng = new Rng(codeSeed(city.seed, community.code));
    const county = community.code.slice(0, 6);
    const people: PeopleContext = { rng, ids, mobile: () => mobiles.next(), county, year };
    const out = { organization: [] as SheetRow[], estate: [] as SheetRow[], building: [] as SheetRow[], dwelling: [] as SheetRow[], resident: [] as SheetRow[], rental: [] as SheetRow[], place: [] as SheetRow[], later: [] as SheetRow[], asset: [] as SheetRow[] };
    const short = community.name.replace(/(社区|村)$/, '');
    const company = `${short}${rng.pick(['宜居', '安家', '恒通', '万安'])}物业管理有限公司`;
    out.organization.push(org(community.code, '物业公司', '', company, creditCode(rng, county), `${community.name}服务中心`, ''));
    for (const [kind, name] of TEAMS) out.later.push(org(community.code, '群众团队', kind, `${short}${name}`, '', '', ''));
    if (rng.chance(0.6)) out.later.push(org(community.code, '驻区单位', '机关', `${short}片区派出所`, '', '', ''));
    if (rng.chance(0.5)) out.later.push(org(community.code, '驻区单位', '学校', `${short}小学`, '', '', ''));
    let estateNo = 0;
    for (const grid of ix.byParent.get(community.code) ?? []) {
      const old = grid.attributes?.estateAge === 'old';
      const withEstate = grid.kind === 'residential';
      const estate = withEstate ? `${rng.pick(ESTATE_WORDS)}${rng.pick(ESTATE_SUFFIX)}${++estateNo > 1 ? estateNo : ''}` : '';
      if (withEstate) {
        const managed = !old || rng.chance(0.5);
        const at = pointIn(rng, grid);
        out.estate.push({
          所在区域编码: grid.code, 小区名称: estate, 地址: `${community.name}${estate}`, 物业公司: managed ? company : '',
          有无保安: managed ? '有' : '无', 有无围墙: managed || rng.chance(0.3) ? '有' : '无', 新旧: old ? '老旧' : '新建',
          建成年份: String(old ? rng.int(1985, 2000) : rng.int(2005, 2022)), 经度: at ? String(at[0]) : '', 纬度: at ? String(at[1]) : '',
        });
        if (!old && rng.chance(0.5)) out.later.push(org(grid.code, '业委会', '', `${estate}业主委员会`, '', '', estate));
      }
      let buildingNo = 0;
      for (const [home, residents] of gridResidents(grid, ix.byParent, ix.factor)) {
        buildingNo = housing(rng, people, out, { home, residents, estate, old, rural: grid.kind === 'rural', buildingNo, community: community.name });
      }
      for (let i = rng.int(2, grid.kind === 'business' ? 12 : 6); i > 0; i--) {
        const [kind, word] = rng.pick(SHOP_KINDS);
        const at = pointIn(rng, grid);
        out.place.push({
          所在网格编码: grid.code, 名称: `${rng.pick(SHOP_WORDS)}${word}${i}`, 类型: kind, 地址: `${community.name}${rng.int(1, 200)}号铺`,
          统一社会信用代码: kind === '企业' ? creditCode(rng, county) : '', 联系人: '', 联系电话: '', 从业人数: String(rng.int(1, 30)),
          经度: at ? String(at[0]) : '', 纬度: at ? String(at[1]) : '',
        });
      }
      for (let i = rng.int(3, 8); i > 0; i--) {
        const [cat, sub, name] = rng.pick(ASSETS);
        const key = `${county}${cat}${sub}`;
        const serial = (serials.get(key) ?? 0) + 1;
        serials.set(key, serial);
        const at = pointIn(rng, grid);
        if (!at) continue;
        out.asset.push({ 部件编码: `${key}${String(serial).padStart(6, '0')}`, 大类: cat, 小类: sub, 名称: name, 经度: String(at[0]), 纬度: String(at[1]), 地址: community.name, 权属部门: `${county}-${cat === '01' ? 'ZJJ' : 'CGJ'}`, 状态: rng.chance(0.05) ? '损坏' : '完好' });
      }
    }
    yield {
      communityCode: community.code,
      steps: [['organization', out.organization], ['estate', out.estate], ['building', out.building], ['dwelling', out.dwelling], ['resident', out.resident], ['rental', out.rental], ['place', out.place], ['organization', out.later], ['asset', out.asset]],
    };
  }
}

function org(regionCode: string, kind: string, subkind: string, name: string, credit: string, address: string, estate: string): SheetRow {
  return { 所在区域编码: regionCode, 组织类型: kind, 细分类型: subkind, 名称: name, 统一社会信用代码: credit, 地址: address, 负责人: '', 联系电话: '', 所属小区: estate, 简介: '' };
}

interface HousingSpec {
  home: RegionInput;
  residents: number;
  estate: string;
  old: boolean;
  rural: boolean;
  buildingNo: number;
  community: string;
}

/** Buildings and dwellings enough for `residents`, then households moving in. Returns the last building number. */
function housing(rng: Rng, people: PeopleContext, out: Record<'building' | 'dwelling' | 'resident' | 'rental', SheetRow[]>, s: HousingSpec): number {
  const dwellingsNeeded = Math.ceil(s.residents / MEAN_HOUSEHOLD / 0.86);
  const free: (DwellingRef & { row: SheetRow })[] = [];
  let n = s.buildingNo;
  while (free.length < dwellingsNeeded) {
    n++;
    // Size the building to what is still needed (a micro-grid is often one building), within
    // what such estates build: rural self-built 2–4 floors, old walk-ups 5–7, new towers 8–33.
    const units = s.rural ? 1 : rng.int(1, 3);
    const perFloor = s.rural ? 1 : s.old ? 2 : rng.int(2, 4);
    const fit = Math.ceil((dwellingsNeeded - free.length) / (units * perFloor));
    const floors = s.rural ? rng.int(2, 4) : Math.min(s.old ? 7 : 33, Math.max(s.old ? 5 : 8, fit));
    const number = `${n}栋`;
    const at = pointIn(rng, s.home);
    out.building.push({
      所在网格编码: s.home.code, 小区名称: s.estate, 楼栋编号: number, 地址: s.estate ? `${s.community}${s.estate}${number}` : `${s.community}${n * 3 + 1}号`, 地上层数: String(floors), 地下层数: s.old || s.rural ? '0' : '1',
      单元数: String(units), 用途: '住宅', 建成年份: '', 经度: at ? String(at[0]) : '', 纬度: at ? String(at[1]) : '',
    });
    for (let u = 1; u <= units; u++) {
      for (let f = 1; f <= floors; f++) {
        for (let k = 1; k <= perFloor; k++) {
          const room = `${f}${String(k).padStart(2, '0')}`;
          const shop = f === 1 && !s.rural && rng.chance(0.1);
          const occupancy = shop ? '商用' : rng.weighted({ 自住: 72, 出租: 15, 空置: 13 });
          const row = { 所在网格编码: s.home.code, 小区名称: s.estate, 楼栋编号: number, 单元: String(u), 楼层: String(f), 房号: room, 面积: String(rng.int(45, 140)), 用途: shop ? '商业' : '住宅', 居住状态: occupancy };
          out.dwelling.push(row);
          if (occupancy === '自住' || occupancy === '出租') free.push({ gridCode: s.home.code, estate: s.estate, building: number, unit: u, room, rental: occupancy === '出租', row });
        }
      }
    }
  }
  let placed = 0;
  for (const d of rng.shuffle(free)) {
    // Homes nobody moved into are vacant: occupancy and residents must agree.
    if (placed >= s.residents) {
      d.row.居住状态 = '空置';
      continue;
    }
    const rows = household(people, d);
    out.resident.push(...rows);
    placed += rows.length;
    if (d.rental) {
      const start = `${2025 + rng.int(0, 1)}-${String(rng.int(1, 12)).padStart(2, '0')}-01`;
      out.rental.push({
        所在网格编码: d.gridCode, 小区名称: d.estate, 楼栋编号: d.building, 单元: String(d.unit), 房号: d.room, 房东姓名: `${rng.pick([...'王李张刘陈黄'])}先生`,
        房东手机号码: people.mobile(), 租期开始: start, 租期结束: `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`, 月租金: String(rng.int(6, 30) * 100), 用途: '居住',
      });
    }
  }
  return n;
}
