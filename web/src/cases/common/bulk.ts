// Bulk desk steps: register several reported cases with their suggested category and mode, or
// dispatch several registered cases to their suggested units. One case at a time (each its own
// versioned step); a case that cannot follow its suggestion is reported, not guessed.
import type { TFunction } from 'i18next';
import { errorMessage } from '../../api/useApi';
import { casesApi, type CaseListItem, type Suggestion } from '../api';

export type BulkKind = 'register' | 'dispatch';

export async function runBulk(
  kind: BulkKind,
  cases: CaseListItem[],
  known: (c: CaseListItem) => Suggestion | null | undefined,
  t: TFunction,
): Promise<{ ok: number; problems: string[] }> {
  let ok = 0;
  const problems: string[] = [];
  for (const c of cases) {
    try {
      if (!c.category) { problems.push(t('cases.desk.bulkNoCategory', { code: c.code })); continue; }
      const s = known(c) ?? (await casesApi.suggest(c.category.id, c.urgency, c.id));
      if (kind === 'register') {
        await casesApi.act(c.id, 'register', { version: c.version, categoryId: c.category.id, mode: s.mode, urgency: c.urgency });
      } else {
        const mode = c.mode ?? s.mode;
        if (mode === 'joint') { problems.push(t('cases.desk.bulkJointSkipped', { code: c.code })); continue; }
        // Transfer needs a department; study stays at the desk; immediate and urgent go to the suggested unit, if any.
        if (mode === 'transfer' && !s.department) { problems.push(t('cases.desk.bulkNoDepartment', { code: c.code })); continue; }
        await casesApi.act(c.id, 'dispatch', { version: c.version, target: { departmentId: mode === 'study' ? null : s.department?.id ?? null } });
      }
      ok += 1;
    } catch (e) {
      problems.push(t('cases.desk.bulkFailed', { code: c.code, message: errorMessage(e) }));
    }
  }
  return { ok, problems };
}
