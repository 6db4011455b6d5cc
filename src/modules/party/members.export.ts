// Export of a filtered member list to Excel: Chinese headers, mobiles masked (only the stored mask
// reaches the sheet), the list's own filters and scope. Counted first (beyond the cap the caller
// narrows the filters), then streamed page by page; the export leaves an audit row.
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './members.repository.ts';
import { memberFilters, toMemberView, type MemberQuery } from './members.service.ts';
import type { PartyMemberView } from './members.views.ts';
import { todayShanghai } from './orgs.rules.ts';

export const MEMBER_EXPORT_MAX = 100_000;
const PAGE = 1000;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Column {
  header: string;
  width: number;
  value: (m: PartyMemberView) => string | number;
}

export const MEMBER_EXPORT_COLUMNS: Column[] = [
  { header: '姓名', width: 10, value: (m) => m.name },
  { header: '性别', width: 6, value: (m) => (m.gender === 'male' ? '男' : m.gender === 'female' ? '女' : m.gender) },
  { header: '出生日期', width: 12, value: (m) => m.birthDate ?? '' },
  { header: '手机号', width: 14, value: (m) => m.mobileMasked ?? '' },
  { header: '党员类型', width: 10, value: (m) => m.kindLabel },
  { header: '党员身份', width: 10, value: (m) => m.standingLabel },
  { header: '所在党组织', width: 24, value: (m) => m.org.name },
  { header: '居住区域', width: 16, value: (m) => m.region.name },
  { header: '关联居民', width: 10, value: (m) => (m.resident ? '是' : '否') },
  { header: '入党日期', width: 12, value: (m) => m.joinedPartyOn ?? '' },
  { header: '工作单位', width: 20, value: (m) => m.employer },
  { header: '驻区单位', width: 20, value: (m) => m.institution?.name ?? '' },
  { header: '特长', width: 24, value: (m) => m.skills.join('、') },
  { header: '状态', width: 10, value: (m) => (m.archivedAt ? (m.leftReasonLabel ?? '已出册') : '在册') },
];

export interface MemberExport {
  stream: Readable;
  filename: string;
  rows: number;
}

export async function exportPartyMembers(db: Db, ctx: RequestContext, q: MemberQuery): Promise<MemberExport> {
  const sdb = scoped(db, ctx.actor.scope);
  // Filters are checked (and the count taken) before the response starts: errors stay errors.
  const filters = await memberFilters(sdb, q);
  const count = await repo.countMembers(sdb, filters);
  if (count > MEMBER_EXPORT_MAX) throw new AppError('PARTY_EXPORT_TOO_LARGE', { count, max: MEMBER_EXPORT_MAX });
  const { limit: _l, offset: _o, ...recorded } = q;
  await recordAudit(db, ctx, { action: 'partyMember.export', entityType: 'partyMember', entityId: 0, regionPath: ctx.actor.scope.path === '/' ? null : ctx.actor.scope.path, after: { filters: recorded, rows: count } });
  const out = new PassThrough();
  (async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('党员', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = MEMBER_EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    let after = 0;
    for (;;) {
      const rows = await repo.pageAfter(sdb, filters, after, PAGE);
      for (const r of rows) ws.addRow(MEMBER_EXPORT_COLUMNS.map((c) => c.value(toMemberView(r)))).commit();
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].id;
    }
    ws.commit();
    await wb.commit();
  })().catch((e) => out.destroy(e as Error));
  return { stream: out, filename: `党员-${todayShanghai()}.xlsx`, rows: count };
}
