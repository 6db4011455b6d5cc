// Row 1 of an uploaded sheet → the entity's column keys. Accepts the Chinese header, the English
// header, any alias or the key itself, with a required-marker '*' and stray spaces forgiven. A
// header that matches nothing, a column given twice, or a required column missing is a file-level
// error (IMPORT_FORMAT) naming the columns: guessing would put data in the wrong field.
import { AppError } from '../../../shared/errors.ts';
import type { EntitySheet, SheetColumn } from '../sheet.ts';

const norm = (s: string) => s.replace(/[\s\u3000*＊]/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();

const IGNORED = new Set(['错误列', '错误原因', 'error'].map(norm));

export interface HeaderMap {
  /** For each position of the file's header: the column key, or null for an empty header cell. */
  keys: (string | null)[];
  /** The entity's columns present in the file. */
  present: SheetColumn[];
}

export function mapHeader(sheet: EntitySheet, header: string[]): HeaderMap {
  const byName = new Map<string, SheetColumn>();
  for (const c of sheet.columns) for (const n of [c.header, c.headerEn, c.key, ...(c.aliases ?? [])]) byName.set(norm(n), c);
  const keys: (string | null)[] = [];
  const unknown: string[] = [];
  const twice: string[] = [];
  const seen = new Set<string>();
  for (const h of header) {
    if (!h.trim()) {
      keys.push(null);
      continue;
    }
    // The error workbook's own columns: its rows can be fixed and imported again as they are.
    if (IGNORED.has(norm(h))) {
      keys.push(null);
      continue;
    }
    const col = byName.get(norm(h));
    if (!col) {
      unknown.push(h);
      keys.push(null);
      continue;
    }
    if (seen.has(col.key)) twice.push(h);
    seen.add(col.key);
    keys.push(col.key);
  }
  const reasons: { zh: string; en: string }[] = [];
  if (unknown.length) {
    reasons.push({
      zh: `无法识别的列：${unknown.join('、')}（可用的列：${sheet.columns.map((c) => c.header).join('、')}）`,
      en: `unknown column(s): ${unknown.join(', ')} (columns: ${sheet.columns.map((c) => c.headerEn).join(', ')})`,
    });
  }
  if (twice.length) reasons.push({ zh: `列重复：${twice.join('、')}`, en: `column(s) given twice: ${twice.join(', ')}` });
  const missing = sheet.columns.filter((c) => c.required && !seen.has(c.key));
  if (missing.length) {
    reasons.push({ zh: `缺少必填列：${missing.map((c) => c.header).join('、')}`, en: `missing required column(s): ${missing.map((c) => c.headerEn).join(', ')}` });
  }
  if (reasons.length) {
    throw new AppError('IMPORT_FORMAT', { reason: { zh: reasons.map((r) => r.zh).join('；'), en: reasons.map((r) => r.en).join('; ') } }, { unknown, duplicated: twice, missing: missing.map((c) => c.header) });
  }
  return { keys, present: sheet.columns.filter((c) => seen.has(c.key)) };
}

/** Column key → header for problems and the error workbook ('' = the row as a whole). */
export function headerOf(sheet: EntitySheet, key: string): { zh: string; en: string } {
  if (!key) return { zh: '', en: '' };
  const c = sheet.columns.find((x) => x.key === key);
  return c ? { zh: c.header, en: c.headerEn } : { zh: key, en: key };
}
