import { parse as csvParseSync } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvQuoteError, csvRecords } from './csv-records.ts';

/** The text in the given pieces, as a stream of decoded chunks would bring it. */
async function* chunks(text: string, cuts: number[]): AsyncGenerator<string> {
  let at = 0;
  for (const c of [...new Set(cuts.map((x) => x % (text.length + 1)))].sort((a, b) => a - b)) {
    yield text.slice(at, c);
    at = c;
  }
  yield text.slice(at);
}

async function records(text: string, cuts: number[] = []): Promise<string[][]> {
  const out: string[][] = [];
  for await (const batch of csvRecords(chunks(text, cuts))) out.push(...batch);
  return out;
}

/** csv-parse, the reader the import used before, with the options it used: the oracle. */
const oracle = (text: string): string[][] => csvParseSync(text, { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false });

// Fields as offices' files hold them: Chinese text, numbers, blanks, and the awkward characters.
const field = fc.oneof(
  fc.constantFrom('', '王伟', '445302199001011234', '13812345678', '独居老人;低保户', ' 空格 ', 'x'),
  fc.string({ unit: fc.constantFrom('a', '张', ',', '"', '\n', '\r\n', ' ', '1', ';'), maxLength: 8 }),
);
/** Quoted when it must be (RFC 4180); a quote inside an otherwise plain field is left bare, as Excel users type it. */
const cell = (v: string) => (/[,\n\r]/.test(v) || v.startsWith('"') || v.startsWith(' "') ? `"${v.replace(/"/g, '""')}"` : v);

describe('csvRecords', () => {
  it('reads what csv-parse read, however the text is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.nat(400), { maxLength: 8 }),
        async (rows, eol, trailing, cuts) => {
          const text = rows.map((r) => r.map(cell).join(',')).join(eol) + (trailing ? eol : '');
          expect(await records(text, cuts)).toEqual(oracle(text));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps blank lines as empty records and drops only the final line break', async () => {
    expect(await records('a,b\n\nc,d\n')).toEqual([['a', 'b'], [''], ['c', 'd']]);
    expect(await records('a,b\r\n\r\nc,d', [3, 4, 5])).toEqual([['a', 'b'], [''], ['c', 'd']]);
  });

  it('reads a quoted line break and doubled quotes across a chunk boundary', async () => {
    const text = '姓名,备注\n王伟,"第一行\n第二行，""引号"""\n李娜,x\n';
    for (let cut = 1; cut < text.length; cut++) {
      expect(await records(text, [cut])).toEqual([['姓名', '备注'], ['王伟', '第一行\n第二行，"引号"'], ['李娜', 'x']]);
    }
  });

  it('refuses a quoted field that never closes, naming its record', async () => {
    await expect(records('a,b\nc,d\ne,"never closed\nf,g\n', [9])).rejects.toEqual(new CsvQuoteError(3));
    expect(() => oracle('a,b\nc,d\ne,"never closed\nf,g\n')).toThrow();
  });
});
