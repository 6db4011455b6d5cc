// The downloadable template of an entity: Chinese headers in row 1 (with the hint as a cell note),
// one sample row (skipped on import while it is left unchanged), dropdowns for fixed choices, all
// cells formatted as text so Excel keeps ID numbers and leading zeros, and a 说明 sheet.
import ExcelJS from 'exceljs';
import type { EntitySheet, SheetColumn } from '../sheet.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Rows that get the dropdowns; Excel applies a validation range, not "every row". */
const VALIDATED_ROWS = 20000;

const colLetter = (i: number): string => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

export async function buildTemplate(sheet: EntitySheet): Promise<{ body: Buffer; filename: string; contentType: string }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'wangge';
  const ws = wb.addWorksheet(sheet.title.zh, { views: [{ state: 'frozen', ySplit: 1 }] });
  const choices = wb.addWorksheet('选项', { state: 'hidden' });
  ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(10, c.header.length * 2 + 4), style: { numFmt: '@' } }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  sheet.columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    if (c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
    const note = [c.required ? '必填' : '选填', c.hint?.zh, c.choices ? `可选：${c.choices.join('、')}` : null, `例：${c.example}`].filter(Boolean).join('\n');
    cell.note = note;
  });
  ws.addRow(Object.fromEntries(sheet.columns.map((c) => [c.key, c.example])));
  // Dropdowns read their list from the hidden 选项 sheet: an inline list is capped at 255 characters.
  sheet.columns.forEach((c, i) => {
    if (!c.choices?.length) return;
    c.choices.forEach((v, j) => (choices.getCell(j + 1, i + 1).value = v));
    const letter = colLetter(i);
    const range = `选项!$${letter}$1:$${letter}$${c.choices.length}`;
    // One range per column (sqref "B2:B20000"): per-cell validations would make the file slow to build and open.
    (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${VALIDATED_ROWS}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [range],
      showErrorMessage: true,
      errorTitle: '取值无效',
      error: `请从下拉列表中选择：${c.choices.slice(0, 20).join('、')}${c.choices.length > 20 ? '…' : ''}`,
    });
  });
  addNotesSheet(wb, sheet);
  return {
    body: Buffer.from(await wb.xlsx.writeBuffer()),
    filename: `${sheet.entity}-template.xlsx`,
    contentType: XLSX,
  };
}

function addNotesSheet(wb: ExcelJS.Workbook, sheet: EntitySheet): void {
  const ws = wb.addWorksheet('说明');
  ws.columns = [
    { header: '列名', key: 'header', width: 18 },
    { header: 'Column', key: 'en', width: 22 },
    { header: '必填', key: 'required', width: 8 },
    { header: '格式与说明', key: 'hint', width: 50 },
    { header: '可选值', key: 'choices', width: 40 },
    { header: '示例', key: 'example', width: 24 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const c of sheet.columns as SheetColumn[]) {
    ws.addRow({ header: c.header, en: c.headerEn, required: c.required ? '是' : '否', hint: c.hint ? `${c.hint.zh}\n${c.hint.en}` : '', choices: c.choices?.join('、') ?? '', example: c.example });
  }
  ws.addRow({});
  const lines = [
    `填写说明（${sheet.title.zh}）`,
    '1. 第 1 行为表头，请勿修改列名；列的顺序可以调整，选填列可以删除。',
    '2. 第 2 行为示例，未修改时导入会自动跳过；请从第 3 行起填写，或直接覆盖示例行。',
    '3. 可保存为 .xlsx，或 .csv（UTF-8 或 GBK 编码均可）。',
    '4. 导入模式：“全部成功或全部不导入”（网页默认）——有任何一行错误则不写入任何数据；“跳过错误行”——正确的行写入，错误行列入错误清单。',
    '5. 按身份证号等唯一标识更新：重复导入同一文件不会产生重复数据。',
    '6. 导入完成后可下载错误清单（每个被拒绝的行、出错的列和原因），修改后重新导入即可。',
  ];
  for (const l of lines) ws.addRow({ header: l });
}

export const XLSX_CONTENT_TYPE = XLSX;
