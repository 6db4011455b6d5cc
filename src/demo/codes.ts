// Region code builders, shared by the demo generator and the regions service (which uses them to
// give a code to a region created without one).
//
// Levels 1–4 use the 12-digit statistical area code (统计用区划代码): 2 province + 2 city +
// 2 county + 3 township + 3 village. Township numbers follow the national convention: 001–099
// streets (街道), 100–199 towns (镇); village-level numbers 001–199 communities (居委会),
// 200–399 villages (村委会). Grids use the CJ/T 349-style 20-digit code: 6-digit object code from
// the grid kind + the community's 12 digits + 2-digit sequence; micro-grids add 3 digits.
import type { RegionLevel } from '../modules/regions/regions.model.js';

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

/** The sequence number a child code carries within its kind (inverse of the builders above). */
function childSeq(code: string, level: RegionLevel): number {
  switch (level) {
    case 2: return Number(code.slice(4, 6));
    case 3: return Number(code.slice(6, 9)) % 100;
    case 4: return Number(code.slice(9, 12)) % 200;
    case 5: return Number(code.slice(18, 20));
    case 6: return Number(code.slice(20, 23));
    default: return 0;
  }
}

/**
 * The next free code for a new child of `parentCode` of the given kind, given the codes of its
 * existing children. Grids number across kinds (the sequence alone keeps them apart).
 */
export function nextChildCode(parentCode: string, childKind: string, siblingCodes: readonly string[]): string {
  const parentLevel = codeLevel(parentCode);
  if (parentLevel === null || parentLevel === 6) throw new RangeError(`cannot add a child under ${parentCode}`);
  const level = (parentLevel + 1) as RegionLevel;
  const sameSeries = (c: string): boolean => {
    if (level === 3) return (Number(c.slice(6, 9)) >= 100) === (childKind === 'town');
    if (level === 4) return (Number(c.slice(9, 12)) >= 200) === (childKind === 'village');
    return true;
  };
  const used = siblingCodes.filter((c) => codeLevel(c) === level && sameSeries(c)).map((c) => childSeq(c, level));
  const seq = used.length === 0 ? 1 : Math.max(...used) + 1;
  switch (level) {
    case 2: return districtCode(parentCode, seq);
    case 3: return streetCode(parentCode, childKind === 'town' ? 'town' : 'street', seq);
    case 4: return communityCode(parentCode, childKind === 'village' ? 'village' : 'community', seq);
    case 5: return gridCode(childKind as GridKind, parentCode, seq);
    default: return microGridCode(parentCode, seq);
  }
}
