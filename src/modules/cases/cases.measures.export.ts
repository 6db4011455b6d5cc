// The measures table as an Excel workbook with Chinese headers: one sheet of figures (the groups,
// then the total; rates as percentages, stage times in hours) and one sheet saying what was
// measured, for which subject and period, and how each rate is defined (docs/measures.md).
import ExcelJS from 'exceljs';
import { COUNT_KEYS, COUNT_NAMES, RATE_DEFS, STAGE_SPANS, type MeasureRow, type MeasuresView } from './cases.measures.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const GROUP_NAMES = { child: '下级区域', department: '部门', person: '人员' } as const;

/** The rule behind each rate, as the 说明 sheet states it (the long form is docs/measures.md). */
const RATE_RULES: Record<(typeof RATE_DEFS)[number]['key'], string> = {
  closeRate: '结案数 ÷ 应结案数。应结案 = 期内结案，或处置时限（含批准延期）落在期内且期初前未结案的事件（挂账除外）',
  onTimeCloseRate: '按期结案数 ÷ 应结案数',
  responseRate: '期内派遣且在签收时限内签收的事件数 ÷ 期内派遣数',
  satisfactionRate: '（满意 + 基本满意）÷ 期内回访数',
  reworkRate: '期内处置完毕且曾核查不通过（返工）的事件数 ÷ 期内处置数',
  returnRate: '期内派遣且曾被退回的事件数 ÷ 期内派遣数',
  extensionRate: '期内派遣且获批延期的事件数 ÷ 期内派遣数',
  overdueRate: '应结案中曾经超期的事件数 ÷ 应结案数',
  missedReportRate: '期内立案中由群众首报（群众上报、12345 热线）的事件数 ÷ 期内立案数',
  checkInRate: '期内吹哨的按时报到数 ÷（按时 + 迟到 + 未报到）',
};

interface Column {
  header: string;
  width: number;
  value: (r: MeasureRow) => string | number | null;
  percent?: boolean;
}

const COLUMNS: Column[] = [
  { header: '名称', width: 28, value: (r) => r.name },
  ...COUNT_KEYS.map((k): Column => ({ header: COUNT_NAMES[k].zh, width: Math.max(10, COUNT_NAMES[k].zh.length * 2 + 2), value: (r) => r.counts[k] })),
  ...RATE_DEFS.map((d): Column => ({ header: d.zh, width: 12, value: (r) => r.rates[d.key], percent: true })),
  ...STAGE_SPANS.map((s): Column => ({ header: `平均用时：${s.zh}（小时）`, width: 22, value: (r) => r.avgHours[s.key] })),
];

export async function measuresWorkbook(v: MeasuresView): Promise<{ body: Buffer; filename: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考核指标', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of [...v.rows, v.total]) ws.addRow(COLUMNS.map((c) => c.value(r) ?? '—'));
  ws.getRow(ws.rowCount).font = { bold: true };
  COLUMNS.forEach((c, i) => {
    if (c.percent) ws.getColumn(i + 1).numFmt = '0.00%';
  });

  const about = wb.addWorksheet('说明');
  about.columns = [{ width: 16 }, { width: 90 }];
  const subject = [v.subject.region.name, v.subject.department?.name, v.subject.user?.name].filter(Boolean).join(' / ');
  about.addRows([
    ['统计对象', subject],
    ['统计期间', `${v.period.from} 至 ${v.period.to}（北京时间，含首尾两日）`],
    ['分组', GROUP_NAMES[v.groupBy]],
    [],
    ['指标', '计算方法'],
    ...RATE_DEFS.map((d) => [d.zh, RATE_RULES[d.key]]),
    ['平均用时', '期内完成该环节的事件，从上一环节到该环节所用自然小时数的平均值'],
  ]);
  about.getRow(5).font = { bold: true };
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { body, filename: `事件考核指标-${v.period.from}-${v.period.to}.xlsx` };
}
