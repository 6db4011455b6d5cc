// Small pieces shared by the place, organization and asset sheets: number cells, region-code
// problems, export filters from query text.
import type { Bilingual } from '../../shared/errors.ts';
import type { RowProblem, WriteOutcome } from './sheet.ts';

const LEVEL_ZH: Record<number, string> = { 3: '街道', 4: '社区', 5: '网格', 6: '微网格' };

export const rejected = (problems: RowProblem[]): WriteOutcome => ({ outcome: 'rejected', problems });

/** A number cell: '' → null; not a number → a problem on `column` and null. */
export function numberCell(v: string, column: string, problems: RowProblem[]): number | null {
  if (!v) return null;
  const n = Number(v.replace(/,/g, ''));
  if (!Number.isFinite(n)) {
    problems.push({ column, reason: { zh: `不是数字：${v}`, en: `not a number: ${v}` } });
    return null;
  }
  return n;
}

/** Why a region found by code (in scope, or undefined) cannot hold the row, or null. */
export function regionProblem(r: { level: number; archivedAt: Date | null; name: string } | undefined, code: string, levels: readonly number[], column = 'regionCode'): RowProblem | null {
  const reason = (zh: string, en: string): RowProblem => ({ column, reason: { zh, en } as Bilingual });
  if (!r) return reason(`区域编码 ${code} 不存在或不在您的管辖范围内`, `region ${code} does not exist or is outside your scope`);
  if (r.archivedAt) return reason(`${r.name} 已归档`, `${r.name} is archived`);
  if (!levels.includes(r.level)) return reason(`只能放在${levels.map((l) => LEVEL_ZH[l]).join('、')}下，${r.name} 是${LEVEL_ZH[r.level] ?? r.level}`, `region level ${r.level} is not allowed here`);
  return null;
}

/**
 * Export filters arrive coerced from query text (numbers where they look like numbers); give the
 * list services back strings where they expect codes or text (e.g. category '01', q '1234').
 */
export function sheetQuery(filters: Record<string, unknown>, twoDigit: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filters)) {
    if (v === undefined || v === null || v === '') continue;
    if (twoDigit.includes(k)) out[k] = String(v).padStart(2, '0');
    else if (k === 'q' || k === 'kind' || k === 'subkind' || k === 'status' || k === 'bbox') out[k] = String(v);
    else if (k === 'regionId' || k === 'departmentId') out[k] = Number(v);
    // limit/offset and unknown keys are the engine's business, not the list's.
  }
  return out;
}
