// The resident sheet's row parser: Chinese labels or codes, the date shapes offices type, values
// derived from the ID number, and one problem per bad column with a bilingual reason.
import { describe, expect, it } from 'vitest';
import { idCheckDigit } from './checks.ts';
import { parseResidentRow, parseSheetDate, RESIDENT_COLUMNS } from './residents.sheet.ts';

const id = (first17: string) => first17 + idCheckDigit(first17);
const HEAD = id('44030519500312011');
const row = (over: Record<string, string> = {}) => ({
  name: '张伟',
  gender: '',
  ethnicity: '汉族',
  birthDate: '',
  idType: '',
  idNumber: HEAD,
  mobile: '138 1234 5678',
  residenceType: '户籍人口',
  regionCode: '01000044530200100101001',
  estate: '阳光小区',
  building: '3',
  unit: '',
  room: '501室',
  householdHeadIdNumber: '',
  householdRole: '',
  employer: '',
  politicalStatus: '',
  tags: '独居老人、残疾人',
  seasonal: '',
  note: '',
  ...over,
});
const problems = (over: Record<string, string>) => {
  const r = parseResidentRow(row(over));
  return r.ok ? [] : r.problems;
};

describe('resident sheet columns', () => {
  it('has the headers offices use, with aliases', () => {
    const headers = RESIDENT_COLUMNS.map((c) => c.header);
    expect(headers).toEqual(['姓名', '性别', '民族', '出生日期', '证件类型', '证件号码', '手机号码', '人口类型', '所在网格编码', '小区', '楼栋', '单元', '房号', '户主证件号码', '与户主关系', '工作单位', '政治面貌', '特殊人群', '是否候鸟', '备注']);
    expect(RESIDENT_COLUMNS.find((c) => c.key === 'idNumber')!.aliases).toContain('身份证号');
    expect(RESIDENT_COLUMNS.find((c) => c.key === 'mobile')!.aliases).toEqual(expect.arrayContaining(['手机号', '联系电话']));
  });
});

describe('parseSheetDate', () => {
  it.each([
    ['1985-03-12', '1985-03-12'],
    ['1985/3/2', '1985-03-02'],
    ['1985.03.12', '1985-03-12'],
    ['1985年3月12日', '1985-03-12'],
    ['19850312', '1985-03-12'],
    ['31118', '1985-03-12'],
    ['1985-03-12 00:00:00', '1985-03-12'],
    ['1985-02-30', null],
    ['12/03/1985', null],
    ['昨天', null],
  ])('%s → %s', (input, out) => expect(parseSheetDate(input)).toBe(out));
});

describe('parseResidentRow', () => {
  it('reads labels, derives gender and birth date, and founds a household for a head', () => {
    const r = parseResidentRow(row());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      name: '张伟',
      gender: 'male',
      birthDate: '1950-03-12',
      idType: 'idCard',
      idNumber: HEAD,
      mobile: '13812345678',
      residenceType: 'registered',
      regionCode: '01000044530200100101001',
      dwellingRef: { estate: '阳光小区', building: '3', unit: 1, room: '501' },
      householdRole: 'head',
      householdHeadIdNumber: null,
      politicalStatus: 'masses',
      tags: ['elderlyAlone', 'disabled'],
      seasonal: false,
    });
  });

  it('accepts codes as well as labels, and a member names the head', () => {
    const r = parseResidentRow(
      row({ idNumber: id('44030519520701022'), residenceType: 'migrant', gender: 'female', birthDate: '1952/7/1', householdHeadIdNumber: HEAD.toLowerCase(), householdRole: '配偶', politicalStatus: 'partyMember', tags: 'veteran,disabled', seasonal: '是', unit: '二单元' }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ gender: 'female', residenceType: 'migrant', householdRole: 'spouse', householdHeadIdNumber: HEAD, politicalStatus: 'partyMember', tags: ['veteran', 'disabled'], seasonal: true, dwellingRef: { unit: 2 } });
  });

  it('leaves the dwelling out when no address is given', () => {
    const r = parseResidentRow(row({ estate: '', building: '', room: '' }));
    expect(r.ok && r.value.dwellingRef).toBeNull();
  });

  it.each([
    [{ idNumber: HEAD.slice(0, 17) + (HEAD[17] === '0' ? '1' : '0') }, 'idNumber', 'checksum'],
    [{ birthDate: '1950-03-13' }, 'birthDate', 'does not match'],
    [{ gender: '女' }, 'gender', 'does not match'],
    [{ gender: '未知' }, 'gender', 'one of'],
    [{ birthDate: '1950-02-30' }, 'birthDate', 'not a date'],
    [{ mobile: '1234' }, 'mobile', 'mobile'],
    [{ residenceType: '常住' }, 'residenceType', 'one of'],
    [{ residenceType: '' }, 'residenceType', 'empty'],
    [{ tags: '独居老人、火星人' }, 'tags', '火星人'],
    [{ seasonal: '也许' }, 'seasonal', 'yes'],
    [{ regionCode: '' }, 'regionCode', 'empty'],
    [{ building: '' }, 'building', 'no building'],
    [{ room: '' }, 'room', 'no room'],
    [{ unit: '甲' }, 'unit', 'unit'],
    [{ ethnicity: '' }, 'ethnicity', 'empty'],
    [{ name: '' }, 'name', 'empty'],
    [{ householdRole: '户主', householdHeadIdNumber: id('44030519520701022') }, 'householdRole', 'head'],
    [{ householdHeadIdNumber: id('44030519520701022').slice(0, 17) + 'Y' }, 'householdHeadIdNumber', ''],
    [{ idType: '护照', idNumber: 'E12' }, 'idNumber', '5–30'],
  ])('reports %o in column %s', (over, column, en) => {
    const ps = problems(over);
    const p = ps.find((x) => x.column === column);
    expect(p, JSON.stringify(ps)).toBeDefined();
    expect(p!.reason.en).toContain(en);
    expect(p!.reason.zh.length).toBeGreaterThan(0);
  });

  it('reports every bad column of a row at once', () => {
    expect(problems({ mobile: '1', tags: '火星人', seasonal: '?' }).map((p) => p.column).sort()).toEqual(['mobile', 'seasonal', 'tags']);
  });

  it('needs gender and birth date for a passport', () => {
    expect(problems({ idType: 'passport', idNumber: 'E12345678' }).map((p) => p.column).sort()).toEqual(['birthDate', 'gender']);
    const r = parseResidentRow(row({ idType: '护照', idNumber: 'e12345678', gender: '男', birthDate: '19800101' }));
    expect(r.ok && r.value).toMatchObject({ idType: 'passport', idNumber: 'E12345678', birthDate: '1980-01-01' });
  });
});
