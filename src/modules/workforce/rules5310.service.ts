// The 5-3-10 rule (≥ 5 entries into the grid a week, each ≥ 3 hours, ≥ 10 residents visited),
// computed per person, grid and ISO week (Shanghai time), ranked. Reading in scope needs no
// permission; the region asked for must lie in the caller's scope.
import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { rate, ruleArea, weekSpan } from './rules.area.ts';
import { workforceRules } from './rules.settings.ts';
import type { Rule5310Item, Rule5310View } from './rules.views.ts';
import { rule5310Rows } from './rules5310.repository.ts';
import { POSITION_KINDS, RULE_5310_KINDS, type PositionKind } from './workforce.model.ts';

export interface Rule5310Query {
  regionId?: number;
  /** ISO week, '2026-W47'. */
  week: string;
  limit?: number;
  offset?: number;
}

export async function compute5310(db: Db, ctx: RequestContext, q: Rule5310Query): Promise<Rule5310View> {
  const week = weekSpan(q.week);
  const area = await ruleArea(db, ctx, q.regionId);
  const rules = await workforceRules(db);
  const rows = await rule5310Rows(area.sdb, {
    path: area.path,
    week,
    kinds: RULE_5310_KINDS,
    entries: rules.entries,
    minutesPerEntry: Math.round(rules.hoursPerEntry * 60),
    residents: rules.residents,
  });
  const compliant = rows.reduce((n, r) => n + (r.compliant ? 1 : 0), 0);
  const offset = q.offset ?? 0;
  const page = q.limit === undefined ? rows.slice(offset) : rows.slice(offset, offset + q.limit);
  const items: Rule5310Item[] = page.map((r) => ({
    rank: r.rank,
    worker: { id: r.worker_id, name: r.worker_name },
    grid: { id: r.region_id, name: r.region_name, level: r.region_level },
    positionKind: r.kind,
    positionKindLabel: POSITION_KINDS[r.kind as PositionKind] ?? r.kind,
    entries: r.entries,
    qualifyingEntries: r.qualifying,
    hours: Math.round(r.hours * 10) / 10,
    residents: r.residents,
    meets: { entries: r.entries >= rules.entries, hours: r.qualifying >= rules.entries, residents: r.residents >= rules.residents },
    compliant: r.compliant,
  }));
  return {
    week: q.week,
    from: week.from,
    to: week.to,
    start: week.start.toISOString(),
    end: week.end.toISOString(),
    region: area.region,
    rules: { entries: rules.entries, hoursPerEntry: rules.hoursPerEntry, residents: rules.residents },
    items,
    total: rows.length,
    summary: { workers: rows.length, compliant, rate: rate(compliant, rows.length) },
  };
}
