// Stage clocks: when a step starts a timed stage (dispatch, respond, handle, verify), the case row
// gets the stage, its start, its warning time (80 %) and its deadline, counted on the working
// calendar in the category's unit; urgent cases count natural hours. The timer service reads these
// columns, so a clock survives restarts. An approved extension moves the deadline by its amount.
import type { DbOrTx } from '../../db/engine.ts';
import { loadCalendar, stageClock, type TimeUnit, type WorkCalendar } from '../calendar/index.ts';
import type { CaseRow, CasePatch, CategoryRow } from './cases.actions.repository.ts';
import type { Stage } from './cases.workflow.ts';

export interface StageColumns {
  stage: Stage | null;
  stageStartedAt: Date | null;
  stageWarnAt: Date | null;
  stageDeadlineAt: Date | null;
  timerState: 'none' | 'green' | 'yellow' | 'red';
}

export const NO_STAGE: StageColumns = { stage: null, stageStartedAt: null, stageWarnAt: null, stageDeadlineAt: null, timerState: 'none' };

/** 抓紧办: urgent mode, or an urgent report. */
export const isUrgent = (c: { mode: string | null; urgency: string }): boolean => c.mode === 'urgent' || c.urgency === 'urgent';

/** Working hours in one office day (08:30–12:00, 14:00–17:30): an urgent case's hours per working day. */
const URGENT_HOURS_PER_DAY = 7;

/**
 * The allowed time of a stage. Urgent cases count natural hours: the handle stage takes the
 * category's `urgentHandleHours`; other stages keep their amount, a working day becoming 8 hours.
 */
export function stageAllowance(category: Allowances, stage: Stage, urgent: boolean): { amount: number; unit: TimeUnit } {
  const plan: Record<Stage, { amount: number; unit: string }> = {
    dispatch: { amount: category.dispatchAmount, unit: category.dispatchUnit },
    respond: { amount: category.respondAmount, unit: category.respondUnit },
    handle: { amount: category.handleAmount, unit: category.handleUnit },
    verify: { amount: category.verifyAmount, unit: category.verifyUnit },
  };
  const p = plan[stage];
  if (!urgent) return { amount: p.amount, unit: p.unit as TimeUnit };
  if (stage === 'handle') return { amount: category.urgentHandleHours, unit: 'naturalHours' };
  if (p.unit === 'workingDays') return { amount: p.amount * URGENT_HOURS_PER_DAY, unit: 'naturalHours' };
  return { amount: p.amount, unit: 'naturalHours' };
}

/**
 * The catalogue's column defaults, for the rare clock on a case without a category (a 立即办 case
 * reported without one and then reopened by a dissatisfied reporter).
 */
export const UNCATEGORIZED: Pick<
  CategoryRow,
  'dispatchAmount' | 'dispatchUnit' | 'respondAmount' | 'respondUnit' | 'handleAmount' | 'handleUnit' | 'verifyAmount' | 'verifyUnit' | 'urgentHandleHours'
> = { dispatchAmount: 2, dispatchUnit: 'workingHours', respondAmount: 4, respondUnit: 'workingHours', handleAmount: 5, handleUnit: 'workingDays', verifyAmount: 1, verifyUnit: 'workingDays', urgentHandleHours: 24 };

type Allowances = typeof UNCATEGORIZED;

export function startStage(cal: WorkCalendar, category: Allowances, stage: Stage, urgent: boolean, now: Date): StageColumns {
  const { amount, unit } = stageAllowance(category, stage, urgent);
  const { warnAt, deadlineAt } = stageClock(cal, now, amount, unit);
  return { stage, stageStartedAt: now, stageWarnAt: warnAt, stageDeadlineAt: deadlineAt, timerState: 'green' };
}

export const calendarFor = (tx: DbOrTx): Promise<WorkCalendar> => loadCalendar(tx);

/** The colour a clock shows at `now` (the timer service keeps it current between steps). */
export function timerStateAt(warnAt: Date | null, deadlineAt: Date | null, now: Date): StageColumns['timerState'] {
  if (!deadlineAt) return 'none';
  if (now >= deadlineAt) return 'red';
  return warnAt && now >= warnAt ? 'yellow' : 'green';
}

/**
 * An approved extension: the handling deadline and the running stage's deadline move by the
 * amount on the calendar; the warning is recomputed at 80 % of the stage's new length.
 */
export function extendClock(cal: WorkCalendar, row: CaseRow, amount: number, unit: TimeUnit, now: Date): CasePatch {
  const patch: CasePatch = {};
  if (row.dueAt) patch.dueAt = cal.add(row.dueAt, amount, unit);
  if (row.stageDeadlineAt && row.stageStartedAt) {
    const deadlineAt = cal.add(row.stageDeadlineAt, amount, unit);
    const span = cal.between(row.stageStartedAt, deadlineAt, unit);
    const { warnAt } = stageClock(cal, row.stageStartedAt, span, unit);
    patch.stageDeadlineAt = deadlineAt;
    patch.stageWarnAt = warnAt;
    patch.timerState = timerStateAt(warnAt, deadlineAt, now);
  }
  return patch;
}
