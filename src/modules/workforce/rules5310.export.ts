// The 5-3-10 board of a week as an Excel workbook with Chinese headers: one sheet ranked as the
// board is, one sheet saying which week, region and thresholds it was measured against.
import ExcelJS from 'exceljs';
import type { Rule5310Item, Rule5310View } from './rules.views.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const yes = (b: boolean) => (b ? '是' : '否');

const COLUMNS: { header: string; width: number; value: (i: Rule5310Item) => string | number }[] = [
  { header: '排名', width: 6, value: (i) => i.rank },
  { header: '姓名', width: 12, value: (i) => i.worker.name },
  { header: '网格', width: 24, value: (i) => i.grid.name },
  { header: '岗位', width: 12, value: (i) => i.positionKindLabel },
  { header: '进入网格次数', width: 12, value: (i) => i.entries },
  { header: '有效进入次数', width: 12, value: (i) => i.qualifyingEntries },
  { header: '累计时长（小时）', width: 14, value: (i) => i.hours },
  { header: '走访居民数', width: 10, value: (i) => i.residents },
  { header: '次数达标', width: 9, value: (i) => yes(i.meets.entries) },
  { header: '时长达标', width: 9, value: (i) => yes(i.meets.hours) },
  { header: '居民数达标', width: 10, value: (i) => yes(i.meets.residents) },
  { header: '是否达标', width: 9, value: (i) => yes(i.compliant) },
];

export async function rule5310Workbook(v: Rule5310View): Promise<{ body: Buffer; filename: string }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('5-3-10', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const i of v.items) ws.addRow(COLUMNS.map((c) => c.value(i)));

  const about = wb.addWorksheet('说明');
  about.columns = [{ width: 16 }, { width: 80 }];
  const r = v.rules;
  about.addRows([
    ['周次', `${v.week}（${v.from} 至 ${v.to}，北京时间周一 00:00 至周日 24:00）`],
    ['区域', v.region?.name ?? '全部'],
    ['统计人数', v.summary.workers],
    ['达标人数', v.summary.compliant],
    ['达标率', v.summary.rate === null ? '—' : `${(v.summary.rate * 100).toFixed(2)}%`],
    [],
    ['规则', `每周进入网格不少于 ${r.entries} 次，每次不少于 ${r.hoursPerEntry} 小时，走访居民不少于 ${r.residents} 人`],
    ['有效进入', `已签退、签到时间在本周内、进入本人网格（含其微网格）的走访，时长不少于 ${r.hoursPerEntry} 小时且签到位置未标记为网格外`],
    ['走访居民数', '本周进入网格的走访所关联居民（去重）'],
  ]);
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { body, filename: `5-3-10-${v.week}.xlsx` };
}
