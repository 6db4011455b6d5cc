// CSV records from a stream of decoded text, through papaparse's parser fed one chunk at a time.
// Why not csv-parse's stream (used before): on a 1,000,000-row residents file it took 8.8 s of the
// import's main thread against 1.7 s here (scratch measurement, same file) — and the main thread
// is what an import waits on. papaparse's own Node duplex stream is unusable at that size
// (minutes: it queues rows one by one), so we drive its Parser ourselves: each chunk is parsed with
// the last, possibly incomplete, record held back (`ignoreLastRow`) and prepended to the next chunk.
//
// Semantics kept from before: quotes only open a field at its start (a stray " inside a field is
// text), no trimming, blank lines come out as [''], the row count is the record count; a quoted
// field still open at the end of the file is an error (IMPORT_FORMAT, from the caller).
import Papa from 'papaparse';

export class CsvQuoteError extends Error {
  constructor(readonly record: number) {
    super(`unclosed quoted field in record ${record}`);
  }
}

/**
 * The line break the file uses: its first one outside a quoted field (a quote opens a field only at
 * the field's start, as in the parser), or null while the text seen so far cannot tell (no break
 * yet, or a '\r' at its very end whose '\n' may be in the next chunk).
 */
export function lineBreakOf(text: string, last: boolean): '\r\n' | '\n' | '\r' | null {
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (fieldStart && c === 0x22) {
      // Skip the quoted field: up to a quote that is not doubled.
      for (i++; i < text.length; i++) {
        if (text.charCodeAt(i) !== 0x22) continue;
        if (text.charCodeAt(i + 1) === 0x22) i++;
        else break;
      }
      fieldStart = false;
      continue;
    }
    if (c === 0x0a) return '\n';
    if (c === 0x0d) {
      if (i + 1 < text.length) return text.charCodeAt(i + 1) === 0x0a ? '\r\n' : '\r';
      return last ? '\r' : null;
    }
    fieldStart = c === 0x2c;
  }
  return last ? '\n' : null;
}

/** Parses `text` as it arrives; yields the complete records of each chunk, in order. */
export async function* csvRecords(text: AsyncIterable<string>): AsyncGenerator<string[][]> {
  let parser: Papa.Parser | null = null;
  let held = '';
  let records = 0;
  const parse = (input: string, last: boolean): string[][] => {
    if (!parser) {
      const newline = lineBreakOf(input, last);
      // No record can be complete before the first line break: hold the text until one comes.
      if (!newline) {
        held = input;
        return [];
      }
      parser = new Papa.Parser({ delimiter: ',', newline, quoteChar: '"' });
    }
    const res = parser.parse(input, 0, !last) as { data: string[][]; errors: { code: string; row?: number }[]; meta: { cursor: number } };
    if (last) {
      const open = res.errors.find((e) => e.code === 'MissingQuotes');
      if (open) throw new CsvQuoteError(records + (open.row ?? res.data.length - 1) + 1);
      held = '';
    } else {
      held = input.slice(res.meta.cursor);
    }
    records += res.data.length;
    return res.data;
  };
  for await (const chunk of text) {
    if (!chunk) continue;
    const rows = parse(held + chunk, false);
    if (rows.length) yield rows;
  }
  if (held) {
    const rows = parse(held, true);
    if (rows.length) yield rows;
  }
}
