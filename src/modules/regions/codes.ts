// Region codes. Down to community: the 12-digit statistical area code (6 county + 3 township +
// 3 village). Grids: a 20-digit CJ/T 349-style code = 6-digit object code (by grid kind) + the
// community's 12 digits + a 2-digit sequence. Micro-grids: the grid code + a 3-digit sequence.
import type { RegionLevel } from './regions.model.ts';

export type GridKind = 'residential' | 'rural' | 'officeBuilding' | 'businessDistrict' | 'industrialPark' | 'dedicated';

/** The 6-digit object code that opens a grid's code, per grid kind. */
export const GRID_OBJECT_CODES: Readonly<Record<GridKind, string>> = {
  residential: '010000',
  rural: '020000',
  officeBuilding: '030000',
  businessDistrict: '040000',
  industrialPark: '050000',
  dedicated: '060000',
};

interface CodeRule {
  pattern: RegExp;
  rule: string;
  /** Is `code` consistent with its parent's code? */
  fitsParent(code: string, parentCode: string): boolean;
}

const RULES: Record<RegionLevel, CodeRule> = {
  1: { pattern: /^\d{4}0{8}$/, rule: '4 位市代码 + 8 个 0 / 4-digit city code + 8 zeros', fitsParent: () => true },
  2: {
    pattern: /^\d{6}0{6}$/,
    rule: '6 位县级代码 + 6 个 0，前 4 位同上级 / 6-digit county code + 6 zeros, first 4 as parent',
    fitsParent: (c, p) => c.slice(0, 4) === p.slice(0, 4) && c.slice(4, 6) !== '00',
  },
  3: {
    pattern: /^\d{9}000$/,
    rule: '9 位乡级代码 + 000，前 6 位同上级 / 9-digit township code + 000, first 6 as parent',
    fitsParent: (c, p) => c.slice(0, 6) === p.slice(0, 6) && c.slice(6, 9) !== '000',
  },
  4: {
    pattern: /^\d{12}$/,
    rule: '12 位村级代码，前 9 位同上级 / 12-digit village code, first 9 as parent',
    fitsParent: (c, p) => c.slice(0, 9) === p.slice(0, 9) && c.slice(9) !== '000',
  },
  5: {
    pattern: /^\d{20}$/,
    rule: '6 位对象码 + 12 位社区代码 + 2 位序号 / 6-digit object code + community code + 2-digit sequence',
    fitsParent: (c, p) => c.slice(6, 18) === p && c.slice(18) !== '00',
  },
  6: {
    pattern: /^\d{23}$/,
    rule: '20 位网格代码 + 3 位序号 / grid code + 3-digit sequence',
    fitsParent: (c, p) => c.slice(0, 20) === p && c.slice(20) !== '000',
  },
};

/** Returns the broken rule's description, or null when the code is valid for its level and parent. */
export function checkRegionCode(level: RegionLevel, code: string, parentCode: string | null): string | null {
  const r = RULES[level];
  if (!r.pattern.test(code)) return r.rule;
  if (parentCode !== null && !r.fitsParent(code, parentCode)) return r.rule;
  return null;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function checkSeq(seq: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(seq) || seq < min || seq > max) {
    throw new RangeError(`${what} sequence ${seq} is outside ${min}–${max}`);
  }
}

function checkDigits(code: string, length: number, what: string): void {
  if (code.length !== length || !/^\d+$/.test(code)) throw new RangeError(`${what} code must be ${length} digits: ${code}`);
}

/** City (prefecture) code from its 4-digit prefix, e.g. '4453' → '445300000000'. */
export function cityCode(prefix4: string): string {
  checkDigits(prefix4, 4, 'city prefix');
  return `${prefix4}00000000`;
}

/** District (county-level) code: 2 digits after the city prefix, e.g. (…, 2) → '445302000000'. */
export function districtCode(parentCityCode: string, seq: number): string {
  checkDigits(parentCityCode, 12, 'city');
  checkSeq(seq, 1, 99, 'district');
  return `${parentCityCode.slice(0, 4)}${pad(seq, 2)}000000`;
}

/** Street / town code: streets 001–099, towns 101–199 (seq counts from 1 within its kind). */
export function streetCode(parentDistrictCode: string, kind: 'street' | 'town', seq: number): string {
  checkDigits(parentDistrictCode, 12, 'district');
  checkSeq(seq, 1, 99, kind);
  return `${parentDistrictCode.slice(0, 6)}${pad(kind === 'town' ? 100 + seq : seq, 3)}000`;
}

/** Community / village code: communities 001–199, villages 201–399 (seq from 1 within its kind). */
export function communityCode(parentStreetCode: string, kind: 'community' | 'village', seq: number): string {
  checkDigits(parentStreetCode, 12, 'street');
  checkSeq(seq, 1, 199, kind);
  return `${parentStreetCode.slice(0, 9)}${pad(kind === 'village' ? 200 + seq : seq, 3)}`;
}

/** Grid code (20 digits): object code of the kind + community code + 2-digit sequence. */
export function gridCode(kind: GridKind, parentCommunityCode: string, seq: number): string {
  const object = GRID_OBJECT_CODES[kind];
  if (!object) throw new RangeError(`unknown grid kind: ${kind}`);
  checkDigits(parentCommunityCode, 12, 'community');
  checkSeq(seq, 1, 99, 'grid');
  return `${object}${parentCommunityCode}${pad(seq, 2)}`;
}

/** Micro-grid code (23 digits): the grid code + 3-digit sequence. */
export function microGridCode(parentGridCode: string, seq: number): string {
  checkDigits(parentGridCode, 20, 'grid');
  checkSeq(seq, 1, 999, 'micro-grid');
  return `${parentGridCode}${pad(seq, 3)}`;
}

/** The level a well-formed code belongs to, or null when it is not one of the shapes above. */
export function codeLevel(code: string): RegionLevel | null {
  if (!/^\d+$/.test(code)) return null;
  if (code.length === 23) return codeLevel(code.slice(0, 20)) === 5 ? 6 : null;
  if (code.length === 20) {
    const objectOk = Object.values(GRID_OBJECT_CODES).includes(code.slice(0, 6));
    return objectOk && codeLevel(code.slice(6, 18)) === 4 && code.slice(18) !== '00' ? 5 : null;
  }
  if (code.length !== 12) return null;
  if (code.slice(4) === '00000000') return code.slice(2, 4) === '00' ? null : 1;
  if (code.slice(6) === '000000') return 2;
  if (code.slice(9) === '000') return code.slice(6, 9) === '000' ? null : 3;
  return code.slice(6, 9) === '000' ? null : 4;
}

/** The code of the region directly above, derived from the code alone (null for a city). */
export function parentCodeOf(code: string): string | null {
  switch (codeLevel(code)) {
    case 6: return code.slice(0, 20);
    case 5: return code.slice(6, 18);
    case 4: return `${code.slice(0, 9)}000`;
    case 3: return `${code.slice(0, 6)}000000`;
    case 2: return `${code.slice(0, 4)}00000000`;
    case 1: return null;
    default: throw new RangeError(`not a region code: ${code}`);
  }
}

/**
 * The code for the `seq`-th child of a parent (seq counts from 1 within the child's kind: streets
 * 001–099 and towns 101–199; communities 001–199 and villages 201–399). Null when seq overflows.
 */
export function childCode(level: RegionLevel, parentCode: string, kind: string, seq: number): string | null {
  try {
    switch (level) {
      case 2:
        return districtCode(parentCode, seq);
      case 3:
        return streetCode(parentCode, kind === 'town' ? 'town' : 'street', seq);
      case 4:
        return communityCode(parentCode, kind === 'village' ? 'village' : 'community', seq);
      case 5:
        return gridCode((kind in GRID_OBJECT_CODES ? kind : 'residential') as GridKind, parentCode, seq);
      case 6:
        return microGridCode(parentCode, seq);
      default:
        return null;
    }
  } catch {
    return null;
  }
}
