// Demo departments (a handful per district) and one account per role a demo walks through.
// Passwords are not set here: the loader gives every demo account the same known password.
import type { RegionInput } from '../modules/regions/regions.model.js';
import { Mobiles, personName } from './names.js';
import type { Rng } from './random.js';

export interface DemoAccount {
  username: string;
  displayName: string;
  /** Mainland mobile, 11 digits, unique within the demo. */
  mobile: string;
  roles: string[];
  /** Region code the account sees; null = the whole system (admin). */
  scopeCode: string | null;
  departmentCode?: string;
}

export interface DemoDepartment {
  code: string;
  name: string;
  /** The region the department serves (its district). */
  serviceAreaCode: string;
}

/** [suffix for the code, name after the district's name]; the first six every district has. */
const DEPARTMENTS: [string, string][] = [
  ['CGJ', '城市管理和综合执法局'],
  ['SCJG', '市场监督管理局'],
  ['GAFJ', '公安分局'],
  ['ZJJ', '住房和城乡建设局'],
  ['STHJ', '生态环境分局'],
  ['MZJ', '民政局'],
  ['RSJ', '人力资源和社会保障局'],
  ['WJJ', '卫生健康局'],
  ['SWJ', '水务局'],
  ['JTJ', '交通运输局'],
  ['YJJ', '应急管理局'],
];

export function buildDepartments(rng: Rng, regions: readonly RegionInput[]): DemoDepartment[] {
  const out: DemoDepartment[] = [];
  for (const d of regions.filter((r) => r.level === 2)) {
    const extra = rng.shuffle(DEPARTMENTS.slice(6)).slice(0, rng.int(0, 3));
    const chosen = DEPARTMENTS.filter((dep, i) => i < 6 || extra.includes(dep));
    const county = d.name.replace(/[区县市]$/, '');
    for (const [suffix, name] of chosen) {
      out.push({
        code: `${d.code.slice(0, 6)}-${suffix}`,
        // 公安 and 生态环境 are branches of the city's bureau (云浮市公安局云城分局).
        name: suffix === 'GAFJ' ? `云浮市公安局${county}分局` : suffix === 'STHJ' ? `云浮市生态环境局${county}分局` : `${d.name}${name}`,
        serviceAreaCode: d.code,
      });
    }
  }
  return out;
}

function first(regions: readonly RegionInput[], pred: (r: RegionInput) => boolean, what: string): RegionInput {
  const r = regions.find(pred);
  if (!r) throw new Error(`demo city has no ${what}`);
  return r;
}

/**
 * admin; district, street and two sibling community staff; grid chief, grid worker, building head
 * and resident in the first grid of sq01's community; a party secretary and member there; and
 * the handler and leader of the first department, handlers of the next two, and a supervisor.
 */
export function buildAccounts(rng: Rng, regions: readonly RegionInput[], departments: readonly DemoDepartment[]): DemoAccount[] {
  const mobiles = new Mobiles(rng);
  const district = first(regions, (r) => r.level === 2, 'district');
  const street = first(regions, (r) => r.level === 3 && r.parentCode === district.code, 'street');
  const communities = regions.filter((r) => r.level === 4 && r.parentCode === street.code).slice(0, 2);
  if (communities.length < 2) throw new Error('demo city needs two communities in its first street');
  const grid = first(regions, (r) => r.level === 5 && r.parentCode === communities[0].code, 'grid');
  const micro = first(regions, (r) => r.level === 6 && r.parentCode === grid.code, 'micro-grid');
  const department = departments[0];

  const account = (username: string, roles: string[], scopeCode: string | null, displayName?: string): DemoAccount => ({
    username,
    displayName: displayName ?? personName(rng),
    mobile: mobiles.next(),
    roles,
    scopeCode,
  });
  return [
    account('admin', ['admin'], null, '系统管理员'),
    account('qu01', ['districtStaff'], district.code),
    account('jd01', ['streetStaff'], street.code),
    account('sq01', ['communityStaff'], communities[0].code),
    account('sq02', ['communityStaff'], communities[1].code),
    account('wgz01', ['gridChief'], grid.code),
    account('wgy01', ['gridWorker'], grid.code),
    account('lz01', ['buildingHead'], micro.code),
    account('sj01', ['partySecretary', 'communityStaff'], communities[0].code),
    account('dy01', ['partyMember', 'resident'], micro.code),
    { ...account('bm01', ['departmentHandler'], department.serviceAreaCode), departmentCode: department.code },
    // The case loop: the first department's leader, handlers of two more (会商办 assists), a supervisor.
    { ...account('bmfz01', ['departmentLead'], department.serviceAreaCode), departmentCode: department.code },
    ...departments
      .filter((d) => d.serviceAreaCode === department.serviceAreaCode)
      .slice(1, 3)
      .map((d, i) => ({ ...account(`bm0${i + 2}`, ['departmentHandler'], d.serviceAreaCode), departmentCode: d.code })),
    account('dd01', ['supervisor'], district.code),
    account('jm01', ['resident'], micro.code),
  ];
}
