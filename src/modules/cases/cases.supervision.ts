// The supervision board (督办看板): open cases the timer marked yellow (80 % of the stage's time
// used) or red (overdue), grouped by the unit holding them — a department while it must respond
// or handle, otherwise the desk (community, street or district) — with counts per state and, for
// each unit, its cases, red and longest overdue first. Scoped like every case read.
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { scoped } from '../../shared/scoped.ts';
// The calendar's type from its pure file (not the module's index, which carries its routes): the
// web app compiles this file for the board's wire types.
import type { WorkCalendar } from '../calendar/calendar.ts';
import { loadInScope } from '../regions/index.ts';
import * as repo from './cases.supervision.repository.ts';
import type { TimerState } from './cases.views.ts';
import type { CaseStatus, DeskLevel, Stage } from './cases.workflow.ts';

export interface SupervisionCase {
  id: number;
  code: string;
  title: string;
  status: CaseStatus;
  stage: Stage | null;
  stageWarnAt: string | null;
  stageDeadlineAt: string | null;
  timerState: Extract<TimerState, 'yellow' | 'red'>;
  level: DeskLevel;
  supervisionCount: number;
  region: { id: number; name: string };
  /** How late the stage is (null while only yellow): plain hours and office hours past the deadline. */
  overdue: { naturalHours: number; workingHours: number } | null;
}

export interface SupervisionUnit {
  kind: 'department' | 'desk';
  /** Department id, or the desk's region id. */
  id: number;
  name: string;
  /** For a desk: its level (community, street, district). */
  level: DeskLevel | null;
  yellow: number;
  red: number;
  /** At most PER_UNIT cases; `yellow + red` says how many there are. */
  cases: SupervisionCase[];
}

export interface SupervisionBoard {
  /** The instant the board was computed for. */
  at: string;
  yellow: number;
  red: number;
  units: SupervisionUnit[];
  perUnit: number;
}

export const PER_UNIT = 100;
const DESK_LEVELS: Record<number, DeskLevel> = { 2: 'district', 3: 'street', 4: 'community' };
const round1 = (x: number) => Math.round(x * 10) / 10;

/** The board for the caller's scope; `cal` measures the office hours a red case is late by. */
export async function supervisionBoard(db: Db, ctx: RequestContext, q: { regionId?: number }, cal: Pick<WorkCalendar, 'between'>, now = new Date()): Promise<SupervisionBoard> {
  assertPermission(ctx, 'cases.read');
  const sdb = scoped(db, ctx.actor.scope);
  const regionPath = q.regionId ? (await loadInScope(sdb, q.regionId)).path : undefined;
  const filter = { now, regionPath };
  const counts = await repo.unitCounts(sdb, filter);
  const rows = await repo.unitCases(sdb, filter, PER_UNIT);

  const key = (kind: string, id: number) => `${kind}:${id}`;
  const units = new Map<string, SupervisionUnit>();
  for (const c of counts) {
    units.set(key(c.kind, c.id), { kind: c.kind, id: c.id, name: c.name, level: c.level === null ? null : (DESK_LEVELS[c.level] ?? null), yellow: c.yellow, red: c.red, cases: [] });
  }
  for (const r of rows) {
    const unit = units.get(key(r.holderKind, r.holderId));
    // A case that turned late between the two reads is left for the next refresh.
    if (!unit) continue;
    const late = r.timerState === 'red' && r.stageDeadlineAt && r.stageDeadlineAt < now;
    unit.cases.push({
      id: r.id,
      code: r.code,
      title: r.title,
      status: r.status as CaseStatus,
      stage: r.stage as Stage | null,
      stageWarnAt: r.stageWarnAt?.toISOString() ?? null,
      stageDeadlineAt: r.stageDeadlineAt?.toISOString() ?? null,
      timerState: r.timerState as 'yellow' | 'red',
      level: r.level as DeskLevel,
      supervisionCount: r.supervisionCount,
      region: { id: r.regionId, name: r.regionName ?? '' },
      overdue: late
        ? { naturalHours: round1((now.getTime() - r.stageDeadlineAt!.getTime()) / 3_600_000), workingHours: round1(cal.between(r.stageDeadlineAt!, now, 'workingHours')) }
        : null,
    });
  }
  // The units with the most red cases first, then the most yellow, then by name.
  const list = [...units.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.name.localeCompare(b.name, 'zh-CN'));
  return {
    at: now.toISOString(),
    yellow: list.reduce((s, u) => s + u.yellow, 0),
    red: list.reduce((s, u) => s + u.red, 0),
    units: list,
    perUnit: PER_UNIT,
  };
}
