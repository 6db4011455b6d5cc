// Synthetic people for the demo city: households of realistic sizes, ages, valid ID numbers
// (GB 11643 checksum, the district's own county code for registered residents, other provinces'
// for migrants), mobiles, care-group tags in plausible shares. Rows are keyed by the resident
// sheet's Chinese headers, so the demo goes through the same import path an office uses.
import { idCheckDigit } from '../modules/registry/checks.ts';
import { personName } from './names.js';
import type { Rng } from './random.js';

export type SheetRow = Record<string, string>;

/** Real county-level codes of provinces that send many migrants to Guangdong. */
const MIGRANT_COUNTIES = ['450102', '450103', '450881', '452402', '430111', '430521', '431121', '510104', '511102', '513701', '360102', '360732', '420106', '421002', '350102', '441881', '445121', '522101', '530102', '410102'];
const ETHNICITIES = { 汉族: 960, 壮族: 18, 瑶族: 8, 苗族: 4, 土家族: 4, 回族: 3, 满族: 3 } as const;
const EMPLOYERS = ['云浮市人民医院', '云浮供电局', '温氏食品集团', '广东华润水泥', '云浮市第一中学', '个体经营', '云浮市石材城', '新兴县凉果厂', '中国邮政云浮分公司', '云浮市交通运输局', '罗定市农商银行', '自由职业'];
const SIZES = { 1: 15, 2: 30, 3: 27, 4: 17, 5: 8, 6: 3 } as const;

/** Hands out unique synthetic ID numbers. */
export class IdNumbers {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  next(county: string, birth: string, gender: 'male' | 'female'): string {
    for (;;) {
      const seq = this.rng.int(0, 99) * 10 + (gender === 'male' ? this.rng.int(0, 4) * 2 + 1 : this.rng.int(0, 4) * 2);
      const first17 = `${county}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      const id = first17 + idCheckDigit(first17);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  /** A passport number for a foreign resident, unique like the ID numbers (one person, one number). */
  passport(): string {
    for (;;) {
      const id = `E${this.rng.int(10_000_000, 99_999_999)}`;
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

/** A birth date giving `age` at the start of `year` (never in the future, whatever today is). */
function birthDate(rng: Rng, age: number, year: number): string {
  const d = new Date(Date.UTC(year - age - 1, 0, 1) + rng.int(0, 364) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export interface DwellingRef {
  gridCode: string;
  estate: string;
  building: string;
  unit: number;
  room: string;
  rental: boolean;
}

export interface PeopleContext {
  rng: Rng;
  ids: IdNumbers;
  mobile: () => string;
  county: string;
  year: number;
}

interface Member {
  role: string;
  age: number;
  gender: 'male' | 'female';
}

function compose(rng: Rng, size: number): Member[] {
  const headAge = size === 1 ? (rng.chance(0.45) ? rng.int(65, 92) : rng.int(22, 64)) : rng.int(26, 78);
  const headGender = rng.chance(0.62) ? 'male' : 'female';
  const out: Member[] = [{ role: 'head', age: headAge, gender: headGender }];
  const other = (g: 'male' | 'female') => (g === 'male' ? 'female' : 'male');
  if (size >= 2) out.push({ role: 'spouse', age: Math.max(20, headAge + rng.int(-5, 4)), gender: other(headGender) });
  for (let i = out.length; i < size; i++) {
    const g = rng.chance(0.51) ? 'male' : 'female';
    if (i === 4 && headAge < 60) out.push({ role: 'parent', age: Math.min(95, headAge + rng.int(22, 32)), gender: g });
    else if (headAge > 55 && rng.chance(0.4)) out.push({ role: 'grandchild', age: rng.int(0, 15), gender: g });
    else out.push({ role: 'child', age: Math.max(0, headAge - rng.int(22, 34)), gender: g });
  }
  return out;
}

function tagsFor(rng: Rng, m: Member, alone: boolean): string[] {
  const tags: string[] = [];
  if (m.age >= 65 && alone) tags.push('独居老人');
  if (m.age >= 75 && rng.chance(0.12)) tags.push('75岁以上无养老金老人');
  if (rng.chance(0.02)) tags.push('残疾人');
  if (m.age < 16 && rng.chance(0.04)) tags.push('留守儿童');
  if (rng.chance(0.015)) tags.push('低保户');
  if (m.age >= 18 && m.gender === 'male' && rng.chance(0.02)) tags.push('退役军人');
  if (m.age >= 18 && rng.chance(0.0008)) tags.push('社区矫正人员');
  if (m.age >= 18 && rng.chance(0.003)) tags.push('严重精神障碍患者');
  return tags;
}

/**
 * One household in one dwelling: resident sheet rows, head first (members name the head's ID).
 * Rental dwellings mostly hold migrants; a few seasonal residents (候鸟) winter here.
 */
export function household(ctx: PeopleContext, at: DwellingRef): SheetRow[] {
  const { rng } = ctx;
  const size = Number(rng.weighted(SIZES));
  const members = compose(rng, size);
  const residenceType = rng.chance(0.003) ? 'foreign' : at.rental ? (rng.chance(0.8) ? 'migrant' : 'registered') : rng.chance(0.12) ? 'migrant' : 'registered';
  const seasonal = residenceType === 'migrant' && members[0].age >= 55 && rng.chance(0.15);
  const county = residenceType === 'registered' ? ctx.county : rng.pick(MIGRANT_COUNTIES);
  const surname = personName(rng).slice(0, 1);
  let headId = '';
  const rows: SheetRow[] = [];
  for (const m of members) {
    const birth = birthDate(rng, m.age, ctx.year);
    const passport = residenceType === 'foreign';
    const id = passport ? ctx.ids.passport() : ctx.ids.next(county, birth, m.gender);
    if (m.role === 'head') headId = id;
    const name = m.role === 'spouse' || m.role === 'parent' ? personName(rng) : surname + personName(rng).slice(1);
    const adult = m.age >= 18;
    rows.push({
      姓名: name,
      性别: m.gender === 'male' ? '男' : '女',
      民族: passport ? '其他' : rng.weighted(ETHNICITIES),
      出生日期: birth,
      证件类型: passport ? '护照' : '居民身份证',
      证件号码: id,
      手机号码: adult && rng.chance(0.92) ? ctx.mobile() : '',
      人口类型: residenceType === 'registered' ? '户籍人口' : residenceType === 'migrant' ? '流动人口' : '境外人员',
      所在网格编码: at.gridCode,
      小区: at.estate,
      楼栋: at.building,
      单元: String(at.unit),
      房号: at.room,
      户主证件号码: m.role === 'head' ? '' : headId,
      与户主关系: { head: '户主', spouse: '配偶', child: '子女', parent: '父母', grandchild: '孙子女' }[m.role] ?? '其他',
      工作单位: adult && m.age < 60 && rng.chance(0.65) ? rng.pick(EMPLOYERS) : '',
      政治面貌: adult && rng.chance(0.07) ? '中共党员' : m.age >= 14 && m.age <= 28 && rng.chance(0.25) ? '共青团员' : '群众',
      特殊人群: tagsFor(rng, m, size === 1).join('、'),
      是否候鸟: seasonal ? '是' : '否',
      备注: '',
    });
  }
  return rows;
}

/** Mean persons per household of the size table, for sizing buildings before people exist. */
export const MEAN_HOUSEHOLD = (() => {
  let n = 0;
  let s = 0;
  for (const [k, w] of Object.entries(SIZES)) {
    n += w;
    s += Number(k) * w;
  }
  return s / n;
})();
