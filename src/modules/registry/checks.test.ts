// Field checks: properties over generated ID numbers (valid ones pass, any single-character change
// is caught), plus the named failure cases for IDs, mobiles, credit codes and asset codes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, checkAssetCode, checkCreditCode, checkIdNumber, checkMobile, creditCheckChar, idCheckDigit } from './checks.ts';

const TODAY = new Date(Date.UTC(2026, 0, 15));
const PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65];
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Valid ID numbers: a real province, a real past birth date, any sequence, the right check digit. */
const validId = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    rest: fc.integer({ min: 0, max: 9999 }),
    birth: fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2025, 11, 31)), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, rest, birth, seq }) => {
    const first17 = `${province}${pad(rest, 4)}${birth.getUTCFullYear()}${pad(birth.getUTCMonth() + 1, 2)}${pad(birth.getUTCDate(), 2)}${pad(seq, 3)}`;
    return { id: first17 + idCheckDigit(first17), birth: birth.toISOString().slice(0, 10), male: seq % 2 === 1 };
  });

describe('checkIdNumber', () => {
  it('accepts every valid generated number, with its birth date and gender', () => {
    fc.assert(
      fc.property(validId, ({ id, birth, male }) => {
        const r = checkIdNumber(id, TODAY);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value).toEqual({ idNumber: id, birthDate: birth, gender: male ? 'male' : 'female' });
      }),
    );
  });

  it('accepts lower-case x and surrounding spaces', () => {
    const first17 = '11010519491231002';
    expect(idCheckDigit(first17)).toBe('X');
    const r = checkIdNumber(` ${first17}x `, TODAY);
    expect(r.ok && r.value.idNumber).toBe(`${first17}X`);
  });

  it('rejects any single-character change', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789X'), ({ id }, pos, ch) => {
        fc.pre(id[pos] !== ch);
        const changed = id.slice(0, pos) + ch + id.slice(pos + 1);
        // The check digit catches every single substitution (mod 11 with weights coprime to 11);
        // some changes fail earlier (a bad province, date or format), which is as good.
        expect(checkIdNumber(changed, TODAY).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects swapping two adjacent different digits', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 15 }), ({ id }, pos) => {
        fc.pre(id[pos] !== id[pos + 1]);
        const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
        expect(checkIdNumber(swapped, TODAY).ok).toBe(false);
      }),
    );
  });

  const reason = (raw: string) => {
    const r = checkIdNumber(raw, TODAY);
    return r.ok ? null : r.reason.en;
  };
  const withCheck = (first17: string) => first17 + idCheckDigit(first17);

  it('names what is wrong', () => {
    expect(reason('440305600101001')).toContain('15-digit');
    expect(reason('44030519600101')).toContain('18 characters');
    expect(reason('4403051960010100A1')).toContain('digits');
    expect(reason(withCheck('99030519600101001'))).toContain('region code');
    expect(reason(withCheck('00030519600101001'))).toContain('region code');
    expect(reason(withCheck('44030519900230001'))).toContain('invalid birth date');
    expect(reason(withCheck('44030519001301001'))).toContain('invalid birth date');
    expect(reason(withCheck('44030518991231001'))).toContain('invalid birth date');
    expect(reason(withCheck('44030520260116001'))).toContain('future');
    expect(reason(withCheck('44030520260115001'))).toBeNull();
    expect(reason(withCheck('44030520000229001'))).toBeNull();
    expect(reason(withCheck('44030519000229001'))).toContain('invalid birth date');
    const good = withCheck('44030519600101001');
    expect(reason(good.slice(0, 17) + (good[17] === '0' ? '1' : '0'))).toContain('checksum');
  });

  it('accepts the Hong Kong, Macau and Taiwan residence-permit prefixes', () => {
    for (const p of ['81', '82', '83']) expect(reason(withCheck(`${p}000019900101001`))).toBeNull();
    expect(reason(withCheck('71000019900101001'))).toBeNull();
  });
});

describe('checkMobile', () => {
  it('accepts mainland numbers, tolerating spaces, dashes and +86', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/), (second, rest) => {
        const m = `1${second}${rest}`;
        expect(checkMobile(m)).toEqual({ ok: true, value: m });
        expect(checkMobile(`+86 ${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`)).toEqual({ ok: true, value: m });
      }),
    );
  });

  it.each(['12345678901', '1381234567', '138123456789', '23812345678', '1381234567a', '', '+85213812345678'])('rejects %s', (m) => {
    expect(checkMobile(m).ok).toBe(false);
  });
});

describe('checkCreditCode', () => {
  const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const validCode = fc.array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 }).map((a) => a.join('') + creditCheckChar(a.join('')));

  it('accepts a known code and every generated one', () => {
    expect(checkCreditCode('91350100M000100Y43').ok).toBe(true);
    fc.assert(
      fc.property(validCode, (c) => {
        expect(checkCreditCode(c.toLowerCase())).toEqual({ ok: true, value: c });
      }),
    );
  });

  it('rejects any single-character change, letters outside the alphabet, and wrong lengths', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...ALPHABET), (c, pos, ch) => {
        fc.pre(c[pos] !== ch);
        expect(checkCreditCode(c.slice(0, pos) + ch + c.slice(pos + 1)).ok).toBe(false);
      }),
    );
    const r = checkCreditCode('91350100M000100YI3');
    expect(r.ok || r.reason.en).toContain('invalid character I');
    expect(checkCreditCode('91350100M000100Y4').ok).toBe(false);
  });
});

describe('checkAssetCode', () => {
  it('splits a 16-digit code into county, category, subcategory', () => {
    expect(checkAssetCode('4403050102000123')).toEqual({ ok: true, value: { code: '4403050102000123', county: '440305', category: '01', subcategory: '02' } });
  });

  it.each([
    ['440305010200012', '16 digits'],
    ['44030501020001234', '16 digits'],
    ['44030501020001A3', '16 digits'],
    ['4403050902000123', 'category 09'],
    ['4403050002000123', 'category 00'],
  ])('rejects %s', (code, why) => {
    const r = checkAssetCode(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.en).toContain(why);
  });
});

describe('ageOn', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1950-03-12', new Date(Date.UTC(2026, 2, 11)))).toBe(75);
    expect(ageOn('1950-03-12', new Date(Date.UTC(2026, 2, 12)))).toBe(76);
    expect(ageOn('2000-02-29', new Date(Date.UTC(2026, 1, 28)))).toBe(25);
  });
});
