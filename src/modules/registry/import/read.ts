// Reading an uploaded sheet row by row without holding it in memory: .xlsx through exceljs's
// streaming reader (first worksheet only; the template's 说明 sheet comes second), .csv through
// papaparse (csv-records.ts) with the encoding guessed from the bytes: a BOM or valid UTF-8 means UTF-8, anything
// else is taken as GBK (what Excel writes for "CSV" on a Chinese Windows).
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../../../shared/errors.ts';
import { CsvQuoteError, csvRecords } from './csv-records.ts';

export type ImportSource = { buffer: Buffer } | { path: string };
export type FileKind = 'xlsx' | 'csv';

export interface SheetRow {
  /** The row's number in the sheet, 1-based, header = 1. */
  row: number;
  values: string[];
}

export interface OpenedSheet {
  kind: FileKind;
  encoding: string;
  header: string[];
  /** Estimated data rows (csv: line count; xlsx: unknown = 0 until read). */
  estimatedRows: number;
  rows: AsyncIterable<SheetRow>;
}

const formatError = (zh: string, en: string) => new AppError('IMPORT_FORMAT', { reason: { zh, en } });

/** The kind from the file name, or else from the first bytes (xlsx is a zip: "PK"). */
export async function detectKind(source: ImportSource, fileName: string): Promise<FileKind> {
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  if (/\.(csv|txt)$/i.test(fileName)) return 'csv';
  if (/\.xls$/i.test(fileName)) throw formatError('不支持旧版 .xls 文件，请另存为 .xlsx 或 .csv', 'old .xls files are not supported; save as .xlsx or .csv');
  const head = await firstBytes(source, 4);
  return head[0] === 0x50 && head[1] === 0x4b ? 'xlsx' : 'csv';
}

async function firstBytes(source: ImportSource, n: number): Promise<Buffer> {
  if ('buffer' in source) return source.buffer.subarray(0, n);
  const fd = await fs.promises.open(source.path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fd.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
}

const byteStream = (source: ImportSource): Readable =>
  'buffer' in source ? Readable.from([source.buffer], { objectMode: false }) : fs.createReadStream(source.path, { highWaterMark: 1 << 20 });

/** UTF-8 when the file starts with a BOM or its first 256 KB decode as strict UTF-8; else GBK. */
export async function detectEncoding(source: ImportSource): Promise<'utf-8' | 'gbk'> {
  const head = await firstBytes(source, 256 * 1024);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  try {
    // stream: true so a character cut at the end of the sample is not taken for an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gbk';
  }
}

function decoder(encoding: string): Transform {
  const dec = new TextDecoder(encoding, { ignoreBOM: false });
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, dec.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, dec.decode());
    },
  });
}

/** Line count, for the progress bar only (quoted line breaks make it an estimate). */
async function countLines(source: ImportSource): Promise<number> {
  let n = 0;
  let last = 0x0a;
  for await (const chunk of byteStream(source) as AsyncIterable<Buffer>) {
    let i = -1;
    while ((i = chunk.indexOf(0x0a, i + 1)) !== -1) n++;
    if (chunk.length) last = chunk[chunk.length - 1];
  }
  return n + (last === 0x0a ? 0 : 1);
}

export async function openSheet(source: ImportSource, fileName: string): Promise<OpenedSheet> {
  const kind = await detectKind(source, fileName);
  return kind === 'csv' ? openCsv(source) : openXlsx(source);
}

async function openCsv(source: ImportSource): Promise<OpenedSheet> {
  const encoding = await detectEncoding(source);
  const lines = await countLines(source);
  const batches = csvRecords(byteStream(source).pipe(decoder(encoding)) as AsyncIterable<string>);
  const unreadable = (e: unknown, near: number) =>
    e instanceof CsvQuoteError
      ? formatError(`CSV 第 ${e.record} 行的引号没有闭合`, `CSV record ${e.record} opens a quoted field that never closes`)
      : formatError(`CSV 第 ${near} 行附近无法解析：${(e as Error).message}`, `CSV cannot be parsed near row ${near}: ${(e as Error).message}`);
  let first: IteratorResult<string[][]>;
  try {
    first = await batches.next();
  } catch (e) {
    throw unreadable(e, 1);
  }
  if (first.done) throw formatError('文件为空', 'the file is empty');
  const header = first.value[0].map((v) => v.trim());
  async function* rows(): AsyncIterable<SheetRow> {
    let row = 1;
    let batch = first.done ? [] : first.value.slice(1);
    while (true) {
      for (const values of batch) yield { row: ++row, values };
      let next: IteratorResult<string[][]>;
      try {
        next = await batches.next();
      } catch (e) {
        throw unreadable(e, row + 1);
      }
      if (next.done) return;
      batch = next.value;
    }
  }
  return { kind: 'csv', encoding, header, estimatedRows: Math.max(0, lines - 1), rows: rows() };
}

/** A cell as the text a person sees: dates as YYYY-MM-DD, formulas by their result, rich text joined. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? BigInt(v).toString() : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result);
    if ('text' in o) return cellText(o.text);
    if ('error' in o) return '';
  }
  return String(v);
}

async function openXlsx(source: ImportSource): Promise<OpenedSheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(byteStream(source), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles are needed to tell a date cell from a number.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = (reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>)[Symbol.asyncIterator]();
  let rowsIt: AsyncIterator<ExcelJS.Row>;
  let first: IteratorResult<ExcelJS.Row>;
  try {
    const ws = await sheets.next();
    if (ws.done) throw formatError('工作簿中没有工作表', 'the workbook has no worksheet');
    rowsIt = ws.value[Symbol.asyncIterator]();
    first = await rowsIt.next();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw formatError(`不是有效的 .xlsx 文件：${(e as Error).message}`, `not a valid .xlsx file: ${(e as Error).message}`);
  }
  if (first.done) throw formatError('第一个工作表为空', 'the first worksheet is empty');
  if (first.value.number !== 1) throw formatError('第 1 行应为表头', 'row 1 must hold the column headers');
  const toValues = (r: ExcelJS.Row): string[] => {
    const vals = r.values as unknown[];
    const out: string[] = [];
    for (let i = 1; i < vals.length; i++) out.push(cellText(vals[i]));
    return out;
  };
  const header = toValues(first.value).map((v) => v.trim());
  async function* rows(): AsyncIterable<SheetRow> {
    while (true) {
      let r: IteratorResult<ExcelJS.Row>;
      try {
        r = await rowsIt.next();
      } catch (e) {
        throw formatError(`.xlsx 读取失败：${(e as Error).message}`, `.xlsx could not be read: ${(e as Error).message}`);
      }
      if (r.done) break;
      yield { row: r.value.number, values: toValues(r.value) };
    }
    // Drain the remaining worksheets so the zip stream ends cleanly.
    for (let s = await sheets.next(); !s.done; s = await sheets.next()) for await (const _ of s.value) void _;
  }
  return { kind: 'xlsx', encoding: 'xlsx', header, estimatedRows: 0, rows: rows() };
}
