// Export of any filtered list to Excel: the entity's exportPage() pages through the caller's scope
// with the list's own filters and masks personal data; rows are streamed into the workbook as they
// come (exceljs WorkbookWriter), so a city-wide export never sits in memory as a whole. Each export
// leaves an audit row saying who took which list.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../../db/engine.ts';
import type { RequestContext } from '../../../shared/context.ts';
import { recordAudit } from '../../audit/index.ts';
import type { EntitySheet } from '../sheet.ts';
import { sheetOf } from './jobs.service.ts';

const PAGE = 2000;

/** Query-string filters arrive as text: ids (`…Id`) become numbers and true/false booleans; search text stays text. */
export function coerceFilters(q: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === '') continue;
    if (typeof v === 'string' && /Id$/.test(k) && /^\d{1,10}$/.test(v)) out[k] = Number(v);
    else if (v === 'true' || v === 'false') out[k] = v === 'true';
    else out[k] = v;
  }
  return out;
}

async function writeRows(db: Db, ctx: RequestContext, sheet: EntitySheet, filters: Record<string, unknown>, out: PassThrough, onRows?: (n: number) => void): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheet.title.zh, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(10, c.header.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let after = 0;
  let n = 0;
  for (;;) {
    const page = await sheet.exportPage(db, ctx, filters, after, PAGE);
    for (const r of page.rows) ws.addRow(sheet.columns.map((c) => r[c.key] ?? '')).commit();
    n += page.rows.length;
    onRows?.(n);
    if (page.lastId === null || page.rows.length < PAGE) break;
    after = page.lastId;
  }
  ws.commit();
  await wb.commit();
  return n;
}

export interface ExportStream {
  stream: Readable;
  filename: string;
  /** Resolves with the row count when the workbook is complete. */
  done: Promise<number>;
}

export async function exportEntity(db: Db, ctx: RequestContext, entity: string, query: Record<string, unknown>, onRows?: (n: number) => void): Promise<ExportStream> {
  const sheet = sheetOf(entity);
  const filters = coerceFilters(query);
  // The first page is read before the response starts, so a bad filter or a scope error is a
  // proper error response rather than a broken download (and leaves no audit row).
  await sheet.exportPage(db, ctx, filters, 0, 1);
  await recordAudit(db, ctx, { action: 'registry.export', entityType: sheet.entity, entityId: 0, regionPath: ctx.actor.scope.path, after: { filters } });
  const out = new PassThrough();
  const done = writeRows(db, ctx, sheet, filters, out, onRows).catch((e) => {
    out.destroy(e as Error);
    throw e;
  });
  done.catch(() => undefined);
  const stamp = new Date().toISOString().slice(0, 10);
  return { stream: out, filename: `${sheet.entity}-${stamp}.xlsx`, done };
}
