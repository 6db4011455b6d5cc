// One demo case living through the workflow, as the service would have recorded it. Each step is
// looked up in the transition table (cases.workflow.ts: state, actor kind, condition, stage); its
// effect on the row mirrors the service's (cases.effects.*.ts: the columns it sets, the event's
// note and data) and the stage clock is the service's (cases.stages.ts on the working calendar).
// Between steps the timer does what cases.timer.ts does: a 'warning' at 80 %, an 'overdue' mark
// and a system 督办 at the deadline. Steps dated after the load date are dropped, so the year ends
// with cases still open at whatever stage "now" finds them. A step the table refuses is a bug in
// the generator and throws.
import { stageAllowance } from '../modules/cases/cases.stages.ts';
import type { TimeUnit, TimerState } from '../modules/cases/cases.views.ts';
import { transitionsFor, type ActorKind, type CaseAction, type CaseStatus, type DeskLevel, type HandlingMode, type Satisfaction, type Stage } from '../modules/cases/cases.workflow.ts';
import type { caseCategories } from '../modules/cases/cases.tables.ts';
import { localMinute, type CaseClock } from './cases.clock.ts';
import type { Effects } from './cases.steps.ts';

export type DemoCategory = typeof caseCategories.$inferSelect;

/** Ids and names the loader has already written (regions, departments, demo accounts). */
export interface DemoRefs {
  regions: ReadonlyMap<string, { id: number; path: string; name: string }>;
  departments: ReadonlyMap<string, { id: number; name: string }>;
  users: ReadonlyMap<string, number>;
}

export interface DemoActor {
  kind: ActorKind;
  /** The demo account acting, when one exists for this desk, grid or department. */
  username: string | null;
  name: string;
  departmentCode?: string | null;
}

export interface DemoCaseEvent {
  action: CaseAction | 'report' | 'warning' | 'overdue';
  from: CaseStatus | null;
  to: CaseStatus;
  actorKind: ActorKind;
  actorUserId: number | null;
  actorName: string;
  departmentId: number | null;
  /** The department's code (for checks; the row stores the id). */
  departmentCode: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
  /** The row's running stage deadline after the step (null when no stage runs). */
  stageDeadlineAt: number | null;
  at: number;
}

export interface StepInput {
  note?: string | null;
  reason?: string;
  result?: string;
  mode?: HandlingMode;
  urgency?: 'normal' | 'urgent';
  duplicateOfCode?: string;
  target?: { departmentCode: string | null; assistCodes: string[] };
  extension?: { amount: number; unit: TimeUnit };
  reviewOn?: string;
  satisfaction?: Satisfaction;
  departmentCodes?: string[];
  hours?: number;
}

export interface DemoUnit {
  departmentCode: string;
  role: 'lead' | 'assist';
  part: string | null;
  postedAt: number | null;
  postedBy: string | null;
}

export interface DemoWhistle {
  level: 'community' | 'street';
  calledByUsername: string | null;
  calledByName: string;
  reason: string;
  deadlineAt: number;
  createdAt: number;
  calls: { departmentCode: string; outcome: 'pending' | 'onTime' | 'late' | 'missed'; checkedInAt: number | null; checkedInBy: string | null; note: string | null }[];
}

/** The case row's workflow columns as they stand (names follow cases.tables.ts). */
export interface LiveRow {
  status: CaseStatus;
  mode: HandlingMode | null;
  urgency: 'normal' | 'urgent';
  level: DeskLevel;
  deskCode: string;
  departmentCode: string | null;
  handlerUsername: string | null;
  duplicateOfCode: string | null;
  version: number;
  stage: Stage | null;
  stageStartedAt: number | null;
  stageWarnAt: number | null;
  stageDeadlineAt: number | null;
  timerState: TimerState;
  dueAt: number | null;
  respondDueAt: number | null;
  respondedOnTime: boolean | null;
  closedOnTime: boolean | null;
  everOverdue: boolean;
  reworkCount: number;
  returnCount: number;
  extensionCount: number;
  reopenCount: number;
  escalationCount: number;
  supervisionCount: number;
  extensionRequest: { amount: number; unit: TimeUnit; reason: string; requestedBy: number | null; requestedByName: string; requestedAt: string } | null;
  shelvedReviewOn: string | null;
  result: string | null;
  satisfaction: Satisfaction | null;
  feedbackNote: string | null;
  reportedAt: number;
  registeredAt: number | null;
  dispatchedAt: number | null;
  acceptedAt: number | null;
  handledAt: number | null;
  verifiedAt: number | null;
  closedAt: number | null;
  feedbackAt: number | null;
  updatedAt: number;
}

export interface LifeEnv {
  clock: CaseClock;
  now: number;
  refs: DemoRefs;
  effects: Effects;
}

export interface CaseHead {
  category: DemoCategory;
  urgent: boolean;
  source: string;
  deskCode: string;
  reportedAt: number;
  reporter: DemoActor;
  reporterName: string | null;
  anonymous: boolean;
}

const MINUTE = 60_000;
const STAGE_NAMES: Record<Stage, string> = { dispatch: '派遣', respond: '签收', handle: '处置', verify: '核查' };
export const TIMER_ACTOR: DemoActor = { kind: 'system', username: null, name: '系统计时器' };

export class CaseLife {
  readonly row: LiveRow;
  readonly events: DemoCaseEvent[] = [];
  readonly units: DemoUnit[] = [];
  readonly whistles: DemoWhistle[] = [];
  /** True once a step fell after the load date: later steps are ignored. */
  cut = false;
  last: number;

  constructor(readonly env: LifeEnv, readonly head: CaseHead) {
    const at = head.reportedAt;
    this.last = at;
    this.row = {
      status: 'reported', mode: null, urgency: head.urgent ? 'urgent' : 'normal', level: 'community', deskCode: head.deskCode, departmentCode: null, handlerUsername: null,
      duplicateOfCode: null, version: 1, stage: null, stageStartedAt: null, stageWarnAt: null, stageDeadlineAt: null, timerState: 'none', dueAt: null, respondDueAt: null,
      respondedOnTime: null, closedOnTime: null, everOverdue: false, reworkCount: 0, returnCount: 0, extensionCount: 0, reopenCount: 0, escalationCount: 0, supervisionCount: 0,
      extensionRequest: null, shelvedReviewOn: null, result: null, satisfaction: null, feedbackNote: null, reportedAt: at, registeredAt: null, dispatchedAt: null, acceptedAt: null,
      handledAt: null, verifiedAt: null, closedAt: null, feedbackAt: null, updatedAt: at,
    };
    // The report step as intake records it: a resident without an account shows as 群众.
    const r = head.reporter;
    const name = r.kind === 'reporter' && !r.username ? (head.anonymous || !head.reporterName ? '群众' : head.reporterName) : r.name;
    this.push({ action: 'report', from: null, to: 'reported', actor: { ...r, name }, note: null, data: { source: head.source }, departmentCode: r.kind === 'departmentHandler' ? (r.departmentCode ?? null) : null, at });
  }

  get clock(): CaseClock {
    return this.env.clock;
  }
  get now(): number {
    return this.env.now;
  }
  get status(): CaseStatus {
    return this.row.status;
  }

  private push(e: { action: DemoCaseEvent['action']; from: CaseStatus | null; to: CaseStatus; actor: DemoActor; note: string | null; data: Record<string, unknown> | null; departmentCode: string | null; at: number }): void {
    const user = e.actor.username ? (this.env.refs.users.get(e.actor.username) ?? null) : null;
    this.events.push({
      action: e.action, from: e.from, to: e.to, actorKind: e.actor.kind, actorUserId: user, actorName: e.actor.name,
      departmentId: e.departmentCode ? (this.env.refs.departments.get(e.departmentCode)?.id ?? null) : null, departmentCode: e.departmentCode,
      note: e.note, data: e.data, stageDeadlineAt: this.row.stageDeadlineAt, at: e.at,
    });
    this.last = e.at;
  }

  /** What the timer service does to the running stage up to `until` (exclusive). */
  private runTimer(until: number): void {
    const r = this.row;
    if (!r.stage || r.stageDeadlineAt === null) return;
    // The timer ticks every 30 s: a mark lands a few seconds to half a minute after its moment.
    const tick = (t: number) => Math.max(t + 1000 + Math.floor(((t / 7) % 29) * 1000), this.last + 1000);
    if (r.timerState === 'green' && r.stageWarnAt! < until) {
      const at = tick(r.stageWarnAt!);
      if (at >= until) return;
      r.timerState = 'yellow';
      this.timerEvent('warning', at);
    }
    if (r.timerState !== 'red' && r.stageDeadlineAt < until) {
      const at = tick(r.stageDeadlineAt);
      if (at >= until) return;
      r.timerState = 'red';
      r.everOverdue = true;
      this.timerEvent('overdue', at);
      const note = `系统督办：${STAGE_NAMES[r.stage]}环节已超过时限（${localMinute(r.stageDeadlineAt)}）`;
      this.apply('supervise', at + 1000, TIMER_ACTOR, { note });
    }
  }

  private timerEvent(action: 'warning' | 'overdue', at: number): void {
    const r = this.row;
    const data = { stage: r.stage, warnAt: iso(r.stageWarnAt), deadlineAt: iso(r.stageDeadlineAt) };
    this.push({ action, from: r.status, to: r.status, actor: TIMER_ACTOR, note: null, data, departmentCode: r.departmentCode, at });
  }

  /**
   * Takes one step at `at` (at least a minute after the previous one). Returns false when the step
   * falls after the load date: the case stays where it is and later steps are ignored.
   */
  step(action: CaseAction, at: number, actor: DemoActor, input: StepInput = {}): boolean {
    if (this.cut) return false;
    const when = Math.max(at, this.last + MINUTE);
    this.runTimer(Math.min(when, this.now));
    if (when > this.now) {
      this.cut = true;
      return false;
    }
    this.apply(action, Math.max(when, this.last + 1000), actor, input);
    return true;
  }

  /** Finishes the year: the timer runs up to the load date (late clocks, missed check-ins). */
  settle(): void {
    this.runTimer(this.now);
    for (const w of this.whistles) for (const c of w.calls) if (c.outcome === 'pending' && w.deadlineAt <= this.now) c.outcome = 'missed';
  }

  private apply(action: CaseAction, now: number, actor: DemoActor, input: StepInput): void {
    const row = this.row;
    const from = row.status;
    const t = transitionsFor(from, action).find((x) => condition(x.when, row, input.satisfaction));
    if (!t) throw new Error(`demo case: no transition ${from} --${action}`);
    if (!t.who.includes(actor.kind)) throw new Error(`demo case: ${actor.kind} may not ${action} from ${from}`);
    // The effect sees the row before the step, as the service's effects do.
    const out = this.env.effects[action](this, { now, actor, input, when: t.when });
    Object.assign(row, out.patch ?? {});
    row.status = t.to === 'same' ? from : t.to;
    let ended: Record<string, unknown> = {};
    if (t.stage !== undefined) {
      // The running stage ends (or restarts): the timeline keeps whether the step came after it.
      if (row.stage && row.stageDeadlineAt !== null) {
        const late = now > row.stageDeadlineAt;
        ended = { endedStage: { stage: row.stage, deadlineAt: iso(row.stageDeadlineAt), late } };
        if (late) row.everOverdue = true;
      }
      if (t.stage === null) Object.assign(row, { stage: null, stageStartedAt: null, stageWarnAt: null, stageDeadlineAt: null, timerState: 'none' });
      else {
        const a = stageAllowance(this.head.category, t.stage, row.mode === 'urgent' || row.urgency === 'urgent');
        const c = this.clock.stage(now, a.amount, a.unit);
        Object.assign(row, { stage: t.stage, stageStartedAt: now, stageWarnAt: c.warnAt, stageDeadlineAt: c.deadlineAt, timerState: 'green' });
        out.withStage?.(c.deadlineAt);
      }
    }
    row.version += 1;
    row.updatedAt = now;
    const departmentCode = out.departmentCode !== undefined ? out.departmentCode : actor.kind === 'departmentHandler' ? (actor.departmentCode ?? null) : null;
    const name = actor.kind === 'reporter' && !actor.username ? (this.head.anonymous ? '匿名群众' : this.head.reporterName || '群众') : actor.name;
    this.push({ action, from, to: row.status, actor: { ...actor, name }, note: out.note ?? null, data: { ...(out.data ?? {}), ...ended }, departmentCode, at: now });
  }

  /** `f` of the running stage's allowance after it began (0.5 = half its time). */
  inStage(f: number): number {
    const r = this.row;
    if (!r.stage || r.stageStartedAt === null) return this.last + MINUTE;
    const a = stageAllowance(this.head.category, r.stage, r.mode === 'urgent' || r.urgency === 'urgent');
    return this.clock.add(r.stageStartedAt, a.amount * f, a.unit);
  }

  count(action: DemoCaseEvent['action']): number {
    let n = 0;
    for (const e of this.events) if (e.action === action) n++;
    return n;
  }
}

/** Picks between rows sharing (state, action), as cases.guards.ts inputCondition does. */
function condition(when: string | undefined, row: LiveRow, satisfaction: Satisfaction | undefined): boolean {
  switch (when) {
    case 'satisfied':
      return satisfaction === 'satisfied' || satisfaction === 'basicallySatisfied';
    case 'dissatisfiedFirst':
      return satisfaction === 'dissatisfied' && row.reopenCount === 0;
    case 'dissatisfiedAgain':
      return satisfaction === 'dissatisfied' && row.reopenCount > 0;
    default:
      return true;
  }
}

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
