// Where a rule report looks: the asked region (in the caller's scope, else SCOPE_DENIED / not
// found), or the caller's whole scope. Shared by the weekly rules and the reviews.
import type { DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { loadInScope } from '../regions/index.ts';
import type { RuleRegionRef } from './rules.views.ts';
import { workforceInvalid } from './workforce.common.ts';
import { parseWeek, type Span } from './week.ts';

export interface RuleArea {
  sdb: ScopedDb;
  /** Subtree prefix of the report. */
  path: string;
  region: RuleRegionRef | null;
}

export async function ruleArea(db: DbOrTx, ctx: RequestContext, regionId: number | undefined): Promise<RuleArea> {
  const sdb = scoped(db, ctx.actor.scope);
  const id = regionId ?? ctx.actor.scope.regionId;
  if (id === null || id === undefined) return { sdb, path: '/', region: null };
  const row = await loadInScope(sdb, id);
  return { sdb, path: row.path, region: { id: row.id, name: row.name, level: row.level } };
}

export function weekSpan(week: string): Span {
  const w = parseWeek(week);
  if (!w) throw workforceInvalid({ zh: '周次', en: 'week' }, { zh: '应为存在的 ISO 周，如 2026-W47', en: 'must be an existing ISO week such as 2026-W47' });
  return w;
}

/** Fractions in [0, 1], four places; null when nothing was measured. */
export const rate = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);
