// Steps after closing and around the work: the reporter's feedback (满意 / 基本满意 / 不满意 with
// one reopening), the supervisor's decision, 督办, and 吹哨报到 (whistle, check-in).
import { AppError } from '../../shared/errors.ts';
import * as repo from './cases.actions.repository.ts';
import { deptRef, FIELD_NAMES, invalid, servingDepartments, text, unique, type Effect } from './cases.effects.ts';

const feedback: Effect = async (s) => {
  const satisfaction = s.input.satisfaction!;
  const reopens = s.transition.when === 'dissatisfiedFirst';
  return {
    patch: { satisfaction, feedbackNote: text(s.input.note) || null, feedbackAt: s.now, ...(reopens ? { reopenCount: s.row.reopenCount + 1 } : {}) },
    withStage: reopens ? (c) => ({ dueAt: c.stageDeadlineAt }) : undefined,
    note: text(s.input.note) || null,
    data: { satisfaction, outcome: s.transition.when },
  };
};

const conclude: Effect = async (s) => ({ note: text(s.input.note), data: { decision: 'conclude' } });

const reopen: Effect = async (s) => ({
  patch: { reopenCount: s.row.reopenCount + 1 },
  withStage: (c) => ({ dueAt: c.stageDeadlineAt }),
  note: text(s.input.note),
  data: { decision: 'reopen' },
});

const supervise: Effect = async (s) => ({
  patch: { supervisionCount: s.row.supervisionCount + 1 },
  note: text(s.input.note),
  data: { stage: s.row.stage, stageDeadlineAt: s.row.stageDeadlineAt, timerState: s.row.timerState },
});

const DEFAULT_WHISTLE_HOURS = 24;

// 吹哨: the desk calls departments serving the case's area; each must check in within the hours.
const whistle: Effect = async (s) => {
  const ids = unique(s.input.departmentIds!);
  const hours = s.input.hours ?? DEFAULT_WHISTLE_HOURS;
  if (!Number.isInteger(hours) || hours < 1 || hours > 72) throw invalid(FIELD_NAMES.hours, { zh: '应为 1–72 小时', en: 'must be 1–72 hours' });
  const depts = await servingDepartments(s.tx, s.row, ids, FIELD_NAMES.departmentIds);
  const deadlineAt = new Date(s.now.getTime() + hours * 3600_000);
  const level = s.kind === 'streetDispatcher' ? 'street' : 'community';
  const reason = text(s.input.reason);
  return {
    note: reason,
    data: { level, hours, deadlineAt: deadlineAt.toISOString(), departments: depts.map(deptRef), reason },
    after: async () => {
      await repo.insertWhistle(s.tx, { caseId: s.row.id, level, calledByUserId: s.ctx.actor.userId, calledByName: s.ctx.actor.name, reason, deadlineAt, createdAt: s.now }, ids);
    },
  };
};

// 报到: every open call on the caller's department is answered; late when past its deadline.
const checkIn: Effect = async (s) => {
  const dept = s.ctx.actor.departmentId!;
  const open = s.calls.filter((c) => c.departmentId === dept && !c.checkedInAt && (c.outcome === 'pending' || c.outcome === 'missed'));
  const outcomes = open.map((c) => ({ whistleId: c.whistleId, outcome: s.now <= c.deadlineAt ? ('onTime' as const) : ('late' as const) }));
  const note = text(s.input.note) || null;
  return {
    note,
    data: { calls: outcomes },
    after: async () => {
      for (const [i, c] of open.entries()) {
        if ((await repo.checkInCall(s.tx, c.id, outcomes[i].outcome, s.ctx.actor.userId, s.now, note)) === 0) throw new AppError('CASE_VERSION_CONFLICT');
      }
    },
  };
};

export const followupEffects = { feedback, conclude, reopen, supervise, whistle, checkIn };
