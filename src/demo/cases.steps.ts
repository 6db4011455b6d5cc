// What each step does to a demo case's row, its note and its timeline data: the same columns and
// shapes the service's effects write (src/modules/cases/cases.effects.desk.ts, …handling.ts,
// …followup.ts), so a demo case reads like a live one on the case page and in the measures.
// Ids come from the loader's refs; two the loader only knows when it writes (the original of a
// merged case, a whistle's id) are filled in there (see load-cases.ts).
import type { CaseAction, Condition, DeskLevel } from '../modules/cases/cases.workflow.ts';
import { iso, type CaseLife, type DemoActor, type LiveRow, type StepInput } from './cases.life.ts';

export interface EffectIn {
  now: number;
  actor: DemoActor;
  input: StepInput;
  when?: Condition;
}

export interface EffectOut {
  patch?: Partial<LiveRow>;
  note?: string | null;
  data?: Record<string, unknown>;
  /** The department the step was taken for (dispatch: the lead), when not the actor's own. */
  departmentCode?: string | null;
  /** Columns derived from the stage the step starts (its deadline). */
  withStage?: (deadlineAt: number) => void;
}

export type Effects = Record<CaseAction, (life: CaseLife, s: EffectIn) => EffectOut>;

const UP: Partial<Record<DeskLevel, DeskLevel>> = { community: 'street', street: 'district' };

export function demoEffects(parentOf: (code: string) => string | null): Effects {
  const dept = (life: CaseLife, code: string) => {
    const d = life.env.refs.departments.get(code);
    return { id: d?.id ?? null, name: d?.name ?? code };
  };
  const userId = (life: CaseLife, a: DemoActor) => (a.username ? (life.env.refs.users.get(a.username) ?? null) : null);
  const region = (life: CaseLife, code: string, level: DeskLevel) => {
    const r = life.env.refs.regions.get(code);
    return { id: r?.id ?? null, name: r?.name ?? code, level };
  };
  return {
    register: (life, s) => {
      const c = life.head.category;
      const urgency = s.input.urgency ?? life.row.urgency;
      return {
        patch: { mode: s.input.mode!, urgency, registeredAt: s.now },
        data: { category: { id: c.id, code: c.code, nameZh: c.nameZh, nameEn: c.nameEn }, mode: s.input.mode, urgency },
      };
    },
    reject: (_l, s) => ({ note: s.input.reason, data: { reason: s.input.reason } }),
    // The original's id is filled in by the loader (it knows case ids only when it writes them).
    merge: (_l, s) => ({ patch: { duplicateOfCode: s.input.duplicateOfCode! }, data: { duplicateOf: { id: null, code: s.input.duplicateOfCode } } }),
    resolveOnSpot: (_l, s) => ({
      patch: {
        mode: 'immediate', result: s.input.result!, handlerUsername: s.actor.username, registeredAt: s.now, dispatchedAt: s.now, acceptedAt: s.now,
        handledAt: s.now, closedAt: s.now, dueAt: s.now, respondedOnTime: true, closedOnTime: true,
      },
      note: s.input.result,
      data: { mode: 'immediate' },
    }),
    dispatch: (life, s) => {
      const lead = s.input.target!.departmentCode;
      const assists = s.input.target!.assistCodes;
      const mode = s.input.mode ?? life.row.mode ?? 'transfer';
      // A re-dispatch replaces the units of an earlier one.
      life.units.length = 0;
      if (lead && assists.length) {
        life.units.push({ departmentCode: lead, role: 'lead', part: null, postedAt: null, postedBy: null });
        for (const a of assists) life.units.push({ departmentCode: a, role: 'assist', part: null, postedAt: null, postedBy: null });
      }
      return {
        patch: { mode, departmentCode: lead, handlerUsername: null, dispatchedAt: s.now },
        withStage: (deadline) => (life.row.respondDueAt = deadline),
        departmentCode: lead,
        data: { mode, department: lead ? dept(life, lead) : null, assists: assists.map((a) => dept(life, a)) },
      };
    },
    escalate: (life, s) => {
      const level = UP[life.row.level]!;
      const to = parentOf(life.row.deskCode)!;
      life.units.length = 0;
      return {
        patch: { level, deskCode: to, escalationCount: life.row.escalationCount + 1, departmentCode: null, handlerUsername: null },
        note: s.input.reason,
        data: { reason: s.input.reason, from: region(life, life.row.deskCode, life.row.level), to: region(life, to, level) },
      };
    },
    shelve: (_l, s) => ({ patch: { shelvedReviewOn: s.input.reviewOn! }, note: s.input.reason, data: { reviewOn: s.input.reviewOn, reason: s.input.reason } }),
    resume: (life) => ({ patch: { shelvedReviewOn: null }, withStage: (deadline) => (life.row.dueAt = deadline) }),
    close: (life, s) => {
      const due = life.row.dueAt;
      const late = due !== null && s.now > due;
      return { patch: { closedAt: s.now, closedOnTime: due !== null ? !late : null, everOverdue: life.row.everOverdue || late }, data: { onTime: due !== null ? !late : null } };
    },
    accept: (life, s) => {
      const due = life.row.respondDueAt;
      const onTime = due !== null ? s.now <= due : true;
      return {
        patch: { acceptedAt: s.now, handlerUsername: s.actor.username, respondedOnTime: onTime },
        withStage: (deadline) => (life.row.dueAt = deadline),
        data: { onTime },
      };
    },
    return: (life, s) => {
      const from = life.row.departmentCode;
      life.units.length = 0;
      return {
        patch: { returnCount: life.row.returnCount + 1, departmentCode: null, handlerUsername: null },
        note: s.input.reason,
        data: { reason: s.input.reason, department: from ? dept(life, from).id : null },
      };
    },
    progress: (_l, s) => ({ note: s.input.note }),
    postPart: (life, s) => {
      const unit = life.units.find((u) => u.departmentCode === s.actor.departmentCode && u.role === 'assist');
      if (!unit || unit.postedAt !== null) throw new Error('demo case: postPart by a unit without an open part');
      unit.part = s.input.note!;
      unit.postedAt = s.now;
      unit.postedBy = s.actor.username;
      return { note: s.input.note, data: { part: s.input.note } };
    },
    handle: (life, s) => {
      if (life.units.some((u) => u.role === 'assist' && u.postedAt === null)) throw new Error('demo case: handled before every assist posted its part');
      return { patch: { result: s.input.result!, handledAt: s.now }, note: s.input.result };
    },
    requestExtension: (life, s) => {
      const { amount, unit } = s.input.extension!;
      const request = { amount, unit, reason: s.input.reason!, requestedBy: userId(life, s.actor), requestedByName: s.actor.name, requestedAt: iso(s.now)! };
      return { patch: { extensionRequest: request }, note: request.reason, data: { amount, unit, reason: request.reason } };
    },
    // The handling deadline and the running stage's deadline move by the amount; the warning is
    // placed again at 80 % of the stage's new length (cases.stages.ts extendClock).
    approveExtension: (life, s) => {
      const r = life.row;
      const req = r.extensionRequest!;
      const c = life.clock;
      const patch: Partial<LiveRow> = { extensionCount: r.extensionCount + 1, extensionRequest: null };
      if (r.dueAt !== null) patch.dueAt = c.add(r.dueAt, req.amount, req.unit);
      if (r.stageDeadlineAt !== null && r.stageStartedAt !== null) {
        const deadlineAt = c.add(r.stageDeadlineAt, req.amount, req.unit);
        const warnAt = c.stage(r.stageStartedAt, c.between(r.stageStartedAt, deadlineAt, req.unit), req.unit).warnAt;
        Object.assign(patch, { stageDeadlineAt: deadlineAt, stageWarnAt: warnAt, timerState: s.now >= deadlineAt ? 'red' : s.now >= warnAt ? 'yellow' : 'green' });
      }
      return { patch, data: { amount: req.amount, unit: req.unit, requestedBy: req.requestedBy, dueAt: iso(patch.dueAt ?? null), stageDeadlineAt: iso(patch.stageDeadlineAt ?? null) } };
    },
    refuseExtension: (life, s) => {
      const req = life.row.extensionRequest!;
      return { patch: { extensionRequest: null }, note: s.input.reason, data: { amount: req.amount, unit: req.unit, requestedBy: req.requestedBy, reason: s.input.reason } };
    },
    verifyPass: (_l, s) => ({ patch: { verifiedAt: s.now } }),
    // Rework keeps the original handling deadline: the unit had its time.
    verifyFail: (life, s) => ({ patch: { reworkCount: life.row.reworkCount + 1 }, note: s.input.reason, data: { reason: s.input.reason } }),
    feedback: (life, s) => {
      const reopens = s.when === 'dissatisfiedFirst';
      return {
        patch: { satisfaction: s.input.satisfaction!, feedbackNote: s.input.note || null, feedbackAt: s.now, ...(reopens ? { reopenCount: life.row.reopenCount + 1 } : {}) },
        withStage: reopens ? (deadline) => (life.row.dueAt = deadline) : undefined,
        note: s.input.note || null,
        data: { satisfaction: s.input.satisfaction, outcome: s.when },
      };
    },
    conclude: (_l, s) => ({ note: s.input.note, data: { decision: 'conclude' } }),
    reopen: (life, s) => ({ patch: { reopenCount: life.row.reopenCount + 1 }, withStage: (deadline) => (life.row.dueAt = deadline), note: s.input.note, data: { decision: 'reopen' } }),
    supervise: (life, s) => ({
      patch: { supervisionCount: life.row.supervisionCount + 1 },
      note: s.input.note,
      data: { stage: life.row.stage, stageDeadlineAt: iso(life.row.stageDeadlineAt), timerState: life.row.timerState },
    }),
    whistle: (life, s) => {
      const hours = s.input.hours ?? 24;
      const deadlineAt = s.now + hours * 3_600_000;
      const level = s.actor.kind === 'streetDispatcher' ? 'street' : 'community';
      const codes = s.input.departmentCodes!;
      life.whistles.push({
        level, calledByUsername: s.actor.username, calledByName: s.actor.name, reason: s.input.reason!, deadlineAt, createdAt: s.now,
        calls: codes.map((departmentCode) => ({ departmentCode, outcome: 'pending', checkedInAt: null, checkedInBy: null, note: null })),
      });
      return { note: s.input.reason, data: { level, hours, deadlineAt: iso(deadlineAt), departments: codes.map((c) => dept(life, c)), reason: s.input.reason } };
    },
    // Every open call on the department is answered; late when past its deadline. The whistle's
    // index stands in for its id until the loader writes it.
    checkIn: (life, s) => {
      const calls: { whistleId: number; outcome: 'onTime' | 'late' }[] = [];
      life.whistles.forEach((w, i) => {
        for (const c of w.calls) {
          if (c.departmentCode !== s.actor.departmentCode || c.checkedInAt !== null || (c.outcome !== 'pending' && c.outcome !== 'missed')) continue;
          c.outcome = s.now <= w.deadlineAt ? 'onTime' : 'late';
          c.checkedInAt = s.now;
          c.checkedInBy = s.actor.username;
          c.note = s.input.note || null;
          calls.push({ whistleId: i, outcome: c.outcome });
        }
      });
      if (calls.length === 0) throw new Error('demo case: check-in without an open call');
      return { note: s.input.note || null, data: { calls } };
    },
  };
}
