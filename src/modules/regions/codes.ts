// Region codes. Down to community: the 12-digit statistical area code (6 county + 3 township +
// 3 village). Grids: a 20-digit CJ/T 349-style code = 6-digit object code (by grid kind) + the
// community's 12 digits + a 2-digit sequence. Micro-grids: the grid code + a 3-digit sequence.
import type { RegionLevel } from './regions.model.ts';

export const GRID_OBJECT_CODES: Record<string, string> = {
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

/**
 * The code for the `seq`-th child of a parent. Callers pick the lowest sequence whose code is free.
 * Returns null when the sequence overflows its digits.
 */
export function childCode(level: RegionLevel, parentCode: string, kind: string, seq: number): string | null {
  const pad = (n: number, w: number) => (n < 10 ** w ? String(n).padStart(w, '0') : null);
  switch (level) {
    case 2: {
      const s = pad(seq, 2);
      return s && `${parentCode.slice(0, 4)}${s}000000`;
    }
    case 3: {
      const s = pad(seq, 3);
      return s && `${parentCode.slice(0, 6)}${s}000`;
    }
    case 4: {
      // National convention: villages' codes start at 200, communities' at 001.
      const s = pad(kind === 'village' ? 200 + seq : seq, 3);
      return s && `${parentCode.slice(0, 9)}${s}`;
    }
    case 5: {
      const s = pad(seq, 2);
      return s && `${GRID_OBJECT_CODES[kind] ?? '010000'}${parentCode}${s}`;
    }
    case 6: {
      const s = pad(seq, 3);
      return s && `${parentCode}${s}`;
    }
    default:
      return null;
  }
}
