// Export of a filtered case list to Excel (Chinese headers, reporter mobiles masked), with the
// list's own filters and scope. Counted first: beyond 100,000 rows the caller is asked to narrow
// the filters instead of waiting for a workbook nobody opens. Rows stream into the workbook page
// by page (keyset on id), and the export leaves an audit row saying who took which list.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { MODE_NAMES } from './cases.categories.ts';
import { STATUS_NAMES } from './cases.guards.ts';
import { presentList } from './cases.presenter.ts';
import { caseFilters, type CaseQuery } from './cases.read.ts';
import * as repo from './cases.read.repository.ts';
import type { CaseListItem } from './cases.views.ts';
import type { CaseStatus, HandlingMode } from './cases.workflow.ts';

export const EXPORT_MAX_ROWS = 100_000;
const PAGE = 1000;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const SOURCE_ZH: Record<string, string> = { patrol: '网格巡查', resident: '群众上报', hotline: '12345热线', department: '部门移交', informant: '信息员', video: '视频发现' };
const LEVEL_ZH: Record<string, string> = { community: '社区', street: '街道', district: '区' };
const STAGE_ZH: Record<string, string> = { dispatch: '派遣', respond: '签收', handle: '处置', verify: '核查' };
const TIMER_ZH: Record<string, string> = { none: '', green: '正常', yellow: '黄灯预警', red: '红灯超期' };
const SATISFACTION_ZH: Record<string, string> = { satisfied: '满意', basicallySatisfied: '基本满意', dissatisfied: '不满意' };

/** Asia/Shanghai wall time, e.g. 2026-11-21 09:30. */
const local = (iso: string | null): string => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

interface Column {
  header: string;
  width: number;
  value: (item: CaseListItem, row: repo.CaseRow) => string | number;
}

export const EXPORT_COLUMNS: Column[] = [
  { header: '事件编号', width: 22, value: (i) => i.code },
  { header: '标题', width: 30, value: (i) => i.title },
  { header: '来源', width: 10, value: (i) => SOURCE_ZH[i.source] ?? i.source },
  { header: '大类', width: 12, value: (i) => i.category?.parentNameZh ?? '' },
  { header: '小类', width: 14, value: (i) => i.category?.nameZh ?? '' },
  { header: '状态', width: 10, value: (i) => STATUS_NAMES[i.status as CaseStatus]?.zh ?? i.status },
  { header: '处置方式', width: 10, value: (i) => (i.mode ? MODE_NAMES[i.mode as HandlingMode].zh : '') },
  { header: '紧急程度', width: 8, value: (i) => (i.urgency === 'urgent' ? '紧急' : '一般') },
  { header: '所在区域', width: 36, value: (i) => i.region.pathNames.join(' / ') },
  { header: '地址', width: 30, value: (i) => i.address },
  { header: '经度', width: 12, value: (i) => i.lng ?? '' },
  { header: '纬度', width: 12, value: (i) => i.lat ?? '' },
  { header: '受理层级', width: 8, value: (i) => LEVEL_ZH[i.level] ?? i.level },
  { header: '受理台', width: 14, value: (i) => i.desk.name },
  { header: '处置部门', width: 24, value: (i) => i.department?.name ?? '' },
  { header: '当前环节', width: 8, value: (i) => (i.stage ? STAGE_ZH[i.stage] : '') },
  { header: '环节时限', width: 17, value: (i) => local(i.stageDeadlineAt) },
  { header: '处置期限', width: 17, value: (i) => local(i.dueAt) },
  { header: '计时状态', width: 10, value: (i) => TIMER_ZH[i.timerState] ?? '' },
  { header: '退回次数', width: 8, value: (i) => i.returnCount },
  { header: '返工次数', width: 8, value: (i) => i.reworkCount },
  { header: '上报人', width: 10, value: (_i, r) => (r.anonymous ? '匿名' : (r.reporterName ?? '')) },
  // Only the stored mask ever reaches the sheet.
  { header: '上报人手机号', width: 14, value: (_i, r) => r.reporterMobileMasked ?? '' },
  { header: '上报时间', width: 17, value: (i) => local(i.reportedAt) },
  { header: '结案时间', width: 17, value: (i) => local(i.closedAt) },
  { header: '满意度', width: 10, value: (i) => (i.satisfaction ? SATISFACTION_ZH[i.satisfaction] : '') },
  { header: '处置结果', width: 40, value: (_i, r) => r.result ?? '' },
];

export interface CaseExport {
  stream: Readable;
  filename: string;
  rows: number;
  done: Promise<number>;
}

export async function exportCases(db: Db, ctx: RequestContext, q: CaseQuery): Promise<CaseExport> {
  assertPermission(ctx, 'cases.read');
  const sdb = scoped(db, ctx.actor.scope);
  // Filters are checked (and the count taken) before the response starts: errors stay errors.
  const built = await caseFilters(sdb, ctx, q);
  const count = built ? await repo.countCases(sdb, built.filters, EXPORT_MAX_ROWS) : 0;
  if (count > EXPORT_MAX_ROWS) throw new AppError('CASE_EXPORT_TOO_LARGE', { count: `${EXPORT_MAX_ROWS}+`, max: EXPORT_MAX_ROWS });
  await recordAudit(db, ctx, { action: 'case.export', entityType: 'case', entityId: 0, regionPath: ctx.actor.scope.path, after: { filters: q, rows: count } });
  const out = new PassThrough();
  const done = (async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('事件', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    let n = 0;
    let before: number | null = null;
    while (built && n < count) {
      const rows = await repo.listCasesBefore(sdb, built.filters, before, PAGE);
      if (rows.length === 0) break;
      const items = await presentList(db, rows);
      items.forEach((item, k) => ws.addRow(EXPORT_COLUMNS.map((c) => c.value(item, rows[k]))).commit());
      n += rows.length;
      before = rows[rows.length - 1].id;
      if (rows.length < PAGE) break;
    }
    ws.commit();
    await wb.commit();
    return n;
  })().catch((e) => {
    out.destroy(e as Error);
    throw e;
  });
  done.catch(() => undefined);
  const stamp = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return { stream: out, filename: `事件-${stamp}.xlsx`, rows: count, done };
}
