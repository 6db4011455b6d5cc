// The coverage report as an Excel workbook with Chinese headers: one sheet of figures (the rows,
// then the total; rates as percentages) and one sheet saying what was counted and how.
import ExcelJS from 'exceljs';
import type { CoverageFigures, CoverageReport } from './registrations.views.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Column {
  header: string;
  width: number;
  value: (f: CoverageFigures) => number | null;
  percent?: boolean;
}

const COLUMNS: Column[] = [
  { header: '应报到单位党组织（个）', width: 14, value: (f) => f.orgsExpected },
  { header: '已报到单位党组织（个）', width: 14, value: (f) => f.orgsRegistered },
  { header: '党组织报到率', width: 12, value: (f) => f.orgCoverage, percent: true },
  { header: '应报到在职党员（名）', width: 14, value: (f) => f.membersExpected },
  { header: '已报到在职党员（名）', width: 14, value: (f) => f.membersRegistered },
  { header: '党员报到率', width: 12, value: (f) => f.memberCoverage, percent: true },
  { header: '总体覆盖率', width: 12, value: (f) => f.coverage, percent: true },
  { header: '服务时长（小时）', width: 14, value: (f) => f.serviceHours },
  { header: '承诺事项（件）', width: 12, value: (f) => f.pledges },
  { header: '已兑现（件）', width: 12, value: (f) => f.pledgesKept },
  { header: '未兑现（件）', width: 12, value: (f) => f.pledgesMissed },
  { header: '待兑现（件）', width: 12, value: (f) => f.pledgesPending },
];

const SUBJECT = { community: '社区（村）', institution: '驻区单位' } as const;

export async function coverageWorkbook(r: CoverageReport): Promise<{ body: Buffer; filename: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('双报到覆盖情况', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  ws.columns = [{ header: SUBJECT[r.by], width: 28 }, ...COLUMNS.map((c) => ({ header: c.header, width: c.width }))];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  for (const row of r.rows) ws.addRow([row.subject.name, ...COLUMNS.map((c) => c.value(row) ?? '—')]);
  ws.addRow(['合计', ...COLUMNS.map((c) => c.value(r.totals) ?? '—')]);
  ws.getRow(ws.rowCount).font = { bold: true };
  COLUMNS.forEach((c, i) => {
    if (c.percent) ws.getColumn(i + 2).numFmt = '0.00%';
  });

  const about = wb.addWorksheet('说明');
  about.columns = [{ width: 16 }, { width: 96 }];
  const period = r.period.from || r.period.to ? `${r.period.from ?? '不限'} 至 ${r.period.to ?? '不限'}（含首尾两日）` : '不限';
  about.addRows([
    ['统计区域', r.region?.name ?? '全部'],
    ['分组', SUBJECT[r.by]],
    ['统计期间', period],
    ['报到截至', `${r.asOf}（当日有效的报到计为已报到）`],
    [],
    ['指标', '计算方法'],
    ['应报到单位党组织', '驻区单位（机关企事业单位）未撤销的党组织；已报到的计入报到社区，未报到的计入单位所在社区'],
    ['应报到在职党员', '未转出的在职党员；已报到的计入报到社区，未报到的计入居住地社区'],
    ['报到率', '已报到数 ÷ 应报到数；总体覆盖率 =（已报到党组织 + 已报到党员）÷（应报到党组织 + 应报到党员）'],
    ['服务时长', '期间内在本区域各社区报到的党组织、党员登记的服务时长'],
    ['承诺事项', '期间内到期的承诺事项，按兑现状态统计'],
    ['未落到社区', `应报到党组织 ${r.outsideCommunities.orgsExpected} 个、在职党员 ${r.outsideCommunities.membersExpected} 名位于社区以上层级，只计入合计`],
    ['未填工作单位', `在职党员 ${r.withoutInstitution.membersExpected} 名（已报到 ${r.withoutInstitution.membersRegistered} 名）未填写所在驻区单位，按单位分组时只计入合计`],
  ]);
  about.getRow(6).font = { bold: true };
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  const name = r.region?.name ?? '全部';
  return { body, filename: `双报到覆盖情况-${name}-${r.asOf}.xlsx` };
}
