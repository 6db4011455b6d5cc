// Stationed teams (驻村/驻社区团队): per team and ISO week, the days a member visited; compliant
// with at least `teamVisits` visit days, one of them the team's fixed weekday (Tuesday by default).
// Two visits on one day are one visit day: the rule is about presence on separate days.
import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { rate, ruleArea, weekSpan } from './rules.area.ts';
import { workforceRules } from './rules.settings.ts';
import { stationedRows } from './rules.stationed.repository.ts';
import type { StationedRuleItem, StationedRuleView } from './rules.views.ts';

/** Postgres arrays arrive as arrays from one driver and as '{…}' text from another. */
export function pgArray(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.map(String);
  const s = String(v).replace(/^\{|\}$/g, '');
  return s === '' ? [] : s.split(',').map((x) => x.replace(/^"|"$/g, ''));
}

/** The rule on one team's week (pure, for the edges). */
export function stationedVerdict(days: readonly string[], weekdays: readonly number[], fixedWeekday: number, teamVisits: number): { fixedDayVisited: boolean; compliant: boolean } {
  const fixedDayVisited = weekdays.includes(fixedWeekday);
  return { fixedDayVisited, compliant: fixedDayVisited && days.length >= teamVisits };
}

export async function stationedCompliance(db: Db, ctx: RequestContext, q: { regionId?: number; week: string }): Promise<StationedRuleView> {
  const week = weekSpan(q.week);
  const area = await ruleArea(db, ctx, q.regionId);
  const rules = await workforceRules(db);
  const rows = await stationedRows(area.sdb, area.path, week);
  const items: StationedRuleItem[] = rows.map((r) => {
    const days = pgArray(r.days);
    const verdict = stationedVerdict(days, pgArray(r.weekdays).map(Number), Number(r.fixed_weekday), rules.teamVisits);
    return {
      team: { id: Number(r.team_id), name: r.team_name },
      region: { id: Number(r.region_id), name: r.region_name },
      sendingUnit: r.sending_unit,
      fixedWeekday: Number(r.fixed_weekday),
      visitDays: days,
      visits: Number(r.visits),
      ...verdict,
      members: Number(r.members),
      memberShortfall: Number(r.members) < rules.teamMinMembers,
    };
  });
  const compliant = items.filter((i) => i.compliant).length;
  return {
    week: q.week,
    from: week.from,
    to: week.to,
    region: area.region,
    rules: { teamVisits: rules.teamVisits, teamMinMembers: rules.teamMinMembers },
    items,
    summary: { teams: items.length, compliant, rate: rate(compliant, items.length) },
  };
}
