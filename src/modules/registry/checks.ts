// Field checks shared by forms, the API and bulk import: citizen ID numbers (GB 11643), mainland
// mobiles, unified social credit codes (GB 32100) and asset codes. Each check returns the
// normalized value or a bilingual reason, so an import row and an API error say the same thing.
import type { Bilingual } from '../../shared/errors.ts';

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: Bilingual };

const fail = (zh: string, en: string): { ok: false; reason: Bilingual } => ({ ok: false, reason: { zh, en } });

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
/**
 * Province-level codes (GB/T 2260) that can open an ID number. 81/82/83 open the residence permits
 * of Hong Kong, Macau and Taiwan residents (810000/820000/830000); 71 is Taiwan's own code.
 */
const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]);

export interface IdNumberFacts {
  idNumber: string;
  birthDate: string;
  gender: 'male' | 'female';
}

export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Validates a citizen ID number: 18 characters, plausible province, real birth date, checksum. */
export function checkIdNumber(raw: string, today = new Date()): Checked<IdNumberFacts> {
  const id = raw.trim().toUpperCase();
  if (id.length === 15 && /^\d{15}$/.test(id)) return fail('15 位旧身份证号，请换成 18 位号码', 'old 15-digit ID number; use the 18-digit number');
  if (id.length !== 18) return fail(`应为 18 位，实际 ${id.length} 位`, `must be 18 characters, got ${id.length}`);
  if (!/^\d{17}[\dX]$/.test(id)) return fail('前 17 位须为数字，末位为数字或 X', 'first 17 characters must be digits, the last a digit or X');
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return fail(`地区码 ${id.slice(0, 6)} 不存在`, `no such region code ${id.slice(0, 6)}`);
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return fail(`出生日期 ${id.slice(6, 14)} 无效`, `invalid birth date ${id.slice(6, 14)}`);
  }
  if (birth.getTime() > today.getTime()) return fail(`出生日期 ${id.slice(6, 14)} 晚于今天`, `birth date ${id.slice(6, 14)} is in the future`);
  if (idCheckDigit(id) !== id[17]) return fail('校验码错误', 'checksum digit is wrong');
  return {
    ok: true,
    value: { idNumber: id, birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' },
  };
}

/** Mainland mobile: 11 digits starting 13–19; spaces, dashes and a +86 prefix are tolerated. */
export function checkMobile(raw: string): Checked<string> {
  const m = raw.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (!/^1[3-9]\d{9}$/.test(m)) return fail('手机号应为 11 位、以 13–19 开头', 'mobile must be 11 digits starting with 13–19');
  return { ok: true, value: m };
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(first17[i]) * CREDIT_WEIGHTS[i];
  return CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

/** 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-letter alphabet with a check character. */
export function checkCreditCode(raw: string): Checked<string> {
  const c = raw.trim().toUpperCase();
  if (c.length !== 18) return fail(`统一社会信用代码应为 18 位，实际 ${c.length} 位`, `credit code must be 18 characters, got ${c.length}`);
  for (const ch of c) if (!CREDIT_CHARS.includes(ch)) return fail(`含非法字符 ${ch}`, `invalid character ${ch}`);
  if (creditCheckChar(c) !== c[17]) return fail('统一社会信用代码校验位错误', 'credit code check character is wrong');
  return { ok: true, value: c };
}

/** Asset major categories (CJ/T 214): the 7th–8th digits of a 16-digit asset code. */
export const ASSET_CATEGORIES = {
  '01': { zh: '公用设施', en: 'Public utilities' },
  '02': { zh: '交通设施', en: 'Traffic facilities' },
  '03': { zh: '市容环境设施', en: 'City appearance and environment' },
  '04': { zh: '园林绿化设施', en: 'Landscaping and greenery' },
  '05': { zh: '房屋土地', en: 'Buildings and land' },
  '06': { zh: '其他设施', en: 'Other facilities' },
} as const;
export type AssetCategory = keyof typeof ASSET_CATEGORIES;

/** 16 digits: 6 county code + 2 major category + 2 subcategory + 6 serial. */
export function checkAssetCode(raw: string): Checked<{ code: string; county: string; category: AssetCategory; subcategory: string }> {
  const c = raw.trim();
  if (!/^\d{16}$/.test(c)) return fail('部件编码应为 16 位数字', 'asset code must be 16 digits');
  const category = c.slice(6, 8);
  if (!(category in ASSET_CATEGORIES)) return fail(`部件大类 ${category} 不存在（01–06）`, `no asset category ${category} (01–06)`);
  return { ok: true, value: { code: c, county: c.slice(0, 6), category: category as AssetCategory, subcategory: c.slice(8, 10) } };
}

/** Age in whole years on a date, from an ISO birth date. */
export function ageOn(birthDate: string, on: Date = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = on.getUTCFullYear() - y;
  if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) age--;
  return age;
}
