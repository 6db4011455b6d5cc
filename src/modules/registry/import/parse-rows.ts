// One sheet row (its cells as read) → a parsed value or its problems, with the entity's
// preparation done (unless a worker prepares the batch).
import type { RequestContext } from '../../../shared/context.ts';
import { problemIn } from '../../../shared/input-check.ts';
import type { EntitySheet, RowProblem } from '../sheet.ts';
import { rowPrepare } from './context.ts';

export interface RawRow {
  row: number;
  values: string[];
}

export interface ParsedRow {
  row: number;
  values: string[];
  value?: unknown;
  problems?: RowProblem[];
}

/**
 * A parser for one run. `keys` maps each file column to the sheet's column key (null = ignored).
 * Returns null for rows that are not data: blank lines, and the template's sample row left as is.
 * `prepare`: run the entity's per-row preparation (off when a worker prepares whole batches).
 */
export function rowParser(sheet: EntitySheet, keys: readonly (string | null)[], ctx: RequestContext, prepare = true): (raw: RawRow) => ParsedRow | null {
  const examples = new Map(sheet.columns.map((c) => [c.key, c.example]));
  const hooks = rowPrepare(sheet.entity);
  return ({ row, values }) => {
    const cells: Record<string, string> = {};
    let any = false;
    let sample = true;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (!k) continue;
      const v = (values[i] ?? '').trim();
      cells[k] = v;
      if (v) any = true;
      if (v !== (examples.get(k) ?? '')) sample = false;
    }
    for (const c of sheet.columns) if (!(c.key in cells)) cells[c.key] = '';
    if (!any || (sample && row === 2)) return null;
    const bad = problemIn(values);
    if (bad) return { row, values, problems: [{ column: '', reason: { zh: `含有无法保存的字符（${bad}）`, en: `contains characters that cannot be stored (${bad})` } }] };
    const parsed = sheet.parse(cells);
    if (!parsed.ok) return { row, values, problems: parsed.problems };
    if (prepare) hooks?.prepare(ctx, parsed.value);
    return { row, values, value: parsed.value };
  };
}
