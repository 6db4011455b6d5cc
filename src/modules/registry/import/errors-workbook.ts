// The error workbook: every rejected row with its original cells, then 错误列 (the columns at
// fault), 错误原因 (the reasons in Chinese) and Error (in English). The user fixes the cells and
// imports this very file again: the three extra columns are recognised and ignored on import.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { EntitySheet } from '../sheet.ts';
import { headerOf } from './header.ts';
import type { RejectedRow } from './run.ts';

export const ERROR_COLUMNS = ['错误列', '错误原因', 'Error'] as const;

export async function buildErrorWorkbook(sheet: EntitySheet, header: string[], rows: RejectedRow[], totalRejected = rows.length): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(`${sheet.title.zh}-错误`);
  const cols = header;
  ws.columns = [...cols.map((h) => ({ header: h, width: Math.max(10, h.length * 2 + 4) })), { header: ERROR_COLUMNS[0], width: 16 }, { header: ERROR_COLUMNS[1], width: 50 }, { header: ERROR_COLUMNS[2], width: 50 }];
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.commit();
  for (const r of rows) {
    const where = [...new Set(r.problems.map((p) => headerOf(sheet, p.column).zh || '整行'))];
    const zh = r.problems.map((p) => `${headerOf(sheet, p.column).zh || '整行'}：${p.reason.zh}`).join('；');
    const en = r.problems.map((p) => `${headerOf(sheet, p.column).en || 'row'}: ${p.reason.en}`).join('; ');
    const values = cols.map((_, i) => r.values[i] ?? '');
    const row = ws.addRow([...values, where.join('、'), `第 ${r.row} 行：${zh}`, `row ${r.row}: ${en}`]);
    row.getCell(cols.length + 2).font = { color: { argb: 'FFC00000' } };
    row.commit();
  }
  if (totalRejected > rows.length) ws.addRow([`…另有 ${totalRejected - rows.length} 行被拒绝，未列出 (${totalRejected - rows.length} more rejected rows not listed)`]).commit();
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
