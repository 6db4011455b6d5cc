import { describe, expect, it } from 'vitest';
import { checkCreditCode, checkIdNumber, checkMobile } from '../modules/registry/checks.ts';
import { generateDemoCity } from './index.js';
import { generatePopulation, populationSize } from './population.ts';
import type { SheetRow } from './people.ts';

const small = generateDemoCity({ scale: 'small' });
const all = (city = small) => {
  const by: Record<string, SheetRow[]> = {};
  for (const c of generatePopulation(city)) for (const [e, rows] of c.steps) (by[e] ??= []).push(...rows);
  return by;
};
const pop = all();
const home = (r: SheetRow) => [r.所在网格编码, r.小区 ?? r.小区名称, r.楼栋 ?? r.楼栋编号, r.单元, r.房号].join('|');

describe('demo population', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(all()).toEqual(pop);
    expect(all(generateDemoCity({ scale: 'small', seed: 2 })).resident.slice(0, 50)).not.toEqual(pop.resident.slice(0, 50));
  });

  it('the city holds about 2.4 million residents, the small city its planned ~31 thousand', () => {
    const city = populationSize(generateDemoCity({ scale: 'city' }));
    expect(city.residents).toBeGreaterThan(2_350_000);
    expect(city.residents).toBeLessThan(2_450_000);
    expect(pop.resident.length).toBeGreaterThan(30_000);
  });

  it('every ID number, mobile and credit code passes the registry checks, and IDs are unique', () => {
    const ids = new Set<string>();
    for (const r of pop.resident) {
      if (r.证件类型 === '居民身份证') {
        const c = checkIdNumber(r.证件号码);
        expect(c.ok, r.证件号码).toBe(true);
        if (c.ok) {
          expect(c.value.birthDate).toBe(r.出生日期);
          expect(c.value.gender === 'male' ? '男' : '女').toBe(r.性别);
        }
      }
      expect(ids.has(r.证件号码)).toBe(false);
      ids.add(r.证件号码);
      if (r.手机号码) expect(checkMobile(r.手机号码).ok).toBe(true);
    }
    for (const o of [...pop.organization, ...pop.place]) if (o.统一社会信用代码) expect(checkCreditCode(o.统一社会信用代码).ok).toBe(true);
  });

  it('people live in generated dwellings that are occupied; heads come before their members', () => {
    const dwellings = new Map(pop.dwelling.map((d) => [home(d), d]));
    const heads = new Set<string>();
    for (const r of pop.resident) {
      const d = dwellings.get(home(r));
      expect(d, home(r)).toBeDefined();
      expect(['自住', '出租']).toContain(d!.居住状态);
      if (r.与户主关系 === '户主') heads.add(r.证件号码);
      else expect(heads.has(r.户主证件号码)).toBe(true);
    }
    const lived = new Set(pop.resident.map(home));
    for (const d of pop.dwelling) if (d.居住状态 === '自住' || d.居住状态 === '出租') expect(lived.has(home(d))).toBe(true);
    for (const r of pop.rental) expect(dwellings.get(home(r))!.居住状态).toBe('出租');
  });

  it('has rentals, care-group members, seasonal and foreign residents, places, organizations and assets in plausible shares', () => {
    const n = pop.resident.length;
    const share = (p: (r: SheetRow) => boolean) => pop.resident.filter(p).length / n;
    expect(share((r) => r.人口类型 === '流动人口')).toBeGreaterThan(0.08);
    expect(share((r) => r.人口类型 === '境外人员')).toBeGreaterThan(0);
    expect(share((r) => r.特殊人群 !== '')).toBeGreaterThan(0.02);
    expect(share((r) => r.是否候鸟 === '是')).toBeGreaterThan(0);
    expect(share((r) => r.政治面貌 === '中共党员')).toBeGreaterThan(0.03);
    expect(pop.rental.length).toBeGreaterThan(500);
    expect(pop.place.length).toBeGreaterThan(100);
    expect(new Set(pop.organization.map((o) => o.组织类型))).toEqual(new Set(['物业公司', '群众团队', '业委会', '驻区单位']));
    expect(pop.asset.every((a) => /^\d{16}$/.test(a.部件编码))).toBe(true);
    expect(new Set(pop.asset.map((a) => a.部件编码)).size).toBe(pop.asset.length);
  });
});
