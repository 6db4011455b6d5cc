// Paired deputies' accountability (双副组长责任): a case in a deputy's grid first reported by the
// public (resident or hotline), reported while the deputy held the position, with no visit by the
// deputy into that grid in the `deputyLookbackWeeks` weeks before the report, is flagged against
// the deputy and the unit that sent them. A visit exactly that many weeks before still counts.
import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { listPublicReports, type PublicReport } from '../cases/index.ts';
import { ruleArea } from './rules.area.ts';
import { deputyPositions, lastVisitsBefore, type DeputyPositionRow } from './rules.deputies.repository.ts';
import { workforceRules } from './rules.settings.ts';
import type { PairedDeputyFlag, PairedDeputyView } from './rules.views.ts';
import { workforceInvalid } from './workforce.common.ts';
import { addDays, dayStart, parsePeriod } from './week.ts';

const WEEK_MS = 7 * 86_400_000;
const PERIOD_REASONS = {
  badDay: { zh: '日期应为 YYYY-MM-DD', en: 'dates must be YYYY-MM-DD' },
  reversed: { zh: '开始日期晚于结束日期', en: 'from is after to' },
  tooLong: { zh: '期间不能超过两年', en: 'the period may not exceed two years' },
};

/** Is the report flagged, given the deputy's latest visit before it? (pure, for the edges) */
export function deputyFlagged(reportedAt: Date, lastVisitAt: Date | null, lookbackWeeks: number): boolean {
  return lastVisitAt === null || lastVisitAt.getTime() < reportedAt.getTime() - lookbackWeeks * WEEK_MS;
}

const held = (p: DeputyPositionRow, at: Date) => at >= dayStart(p.start_on) && (p.end_on === null || at < dayStart(addDays(p.end_on, 1)));

export async function pairedDeputyAccountability(db: Db, ctx: RequestContext, q: { regionId?: number; from?: string; to?: string }, now = new Date()): Promise<PairedDeputyView> {
  const period = parsePeriod(q.from, q.to, now);
  if (typeof period === 'string') throw workforceInvalid({ zh: '统计期间', en: 'period' }, PERIOD_REASONS[period]);
  const area = await ruleArea(db, ctx, q.regionId);
  const rules = await workforceRules(db);
  const deputies = await deputyPositions(area.sdb, area.path, period);
  const byPath = new Map<string, DeputyPositionRow[]>();
  for (const d of deputies) byPath.set(d.region_path, [...(byPath.get(d.region_path) ?? []), d]);

  // Each public report against every deputy whose grid holds it and who held the post at the time.
  const reports = deputies.length === 0 ? [] : await listPublicReports(area.sdb, { path: area.path, start: period.start, end: period.end });
  const pairs: { report: PublicReport; deputy: DeputyPositionRow }[] = [];
  const seen = new Set<string>();
  for (const report of reports) {
    const ids = report.regionPath.split('/').filter(Boolean);
    for (let k = 1; k <= ids.length; k++) {
      for (const deputy of byPath.get(`/${ids.slice(0, k).join('/')}/`) ?? []) {
        // Two position rows of one person in one grid (a re-appointment) answer for a report once.
        const key = `${report.id}:${deputy.worker_id}:${deputy.region_path}`;
        if (!held(deputy, report.reportedAt) || seen.has(key)) continue;
        seen.add(key);
        pairs.push({ report, deputy });
      }
    }
  }
  const last = await lastVisitsBefore(
    area.sdb,
    pairs.map((p) => ({ workerId: p.deputy.worker_id, gridPath: p.deputy.region_path, at: p.report.reportedAt })),
  );

  const items: PairedDeputyFlag[] = [];
  pairs.forEach(({ report, deputy }, k) => {
    const lastVisitAt = last[k];
    if (!deputyFlagged(report.reportedAt, lastVisitAt, rules.deputyLookbackWeeks)) return;
    items.push({
      deputy: { id: deputy.worker_id, name: deputy.worker_name },
      sendingUnit: deputy.sending_unit || deputy.department_name || '',
      sendingUnitKind: deputy.sending_unit_kind,
      department: deputy.department_id === null ? null : { id: deputy.department_id, name: deputy.department_name ?? '' },
      grid: { id: deputy.region_id, name: deputy.region_name },
      case: { id: report.id, code: report.code, reportedAt: report.reportedAt.toISOString(), source: report.source },
      lastVisitAt: lastVisitAt?.toISOString() ?? null,
      weeks: lastVisitAt === null ? null : Math.floor((report.reportedAt.getTime() - lastVisitAt.getTime()) / WEEK_MS),
    });
  });

  const units = new Map<string, { flags: number; deputies: Set<number> }>();
  for (const i of items) {
    const u = units.get(i.sendingUnit) ?? { flags: 0, deputies: new Set<number>() };
    u.flags++;
    u.deputies.add(i.deputy.id);
    units.set(i.sendingUnit, u);
  }
  const byUnit = [...units.entries()]
    .map(([sendingUnit, u]) => ({ sendingUnit, flags: u.flags, deputies: u.deputies.size }))
    .sort((a, b) => b.flags - a.flags || a.sendingUnit.localeCompare(b.sendingUnit, 'zh-CN'));
  return { from: period.from, to: period.to, region: area.region, rules: { deputyLookbackWeeks: rules.deputyLookbackWeeks }, checked: pairs.length, items, byUnit };
}
