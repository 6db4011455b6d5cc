// Steps of the handling unit and of verification: accept, return, progress, an assist's part,
// handle, extensions (request, approve, refuse), verify pass / fail.
import { AppError } from '../../shared/errors.ts';
import * as repo from './cases.actions.repository.ts';
import { FIELD_NAMES, invalid, text, type Effect } from './cases.effects.ts';
import { extendClock } from './cases.stages.ts';

const accept: Effect = async (s) => {
  const due = s.row.respondDueAt;
  const onTime = due ? s.now <= due : true;
  return {
    patch: { acceptedAt: s.now, handlerUserId: s.ctx.actor.userId, respondedOnTime: onTime },
    withStage: (c) => ({ dueAt: c.stageDeadlineAt }),
    note: text(s.input.note) || null,
    data: { onTime },
  };
};

// A wrong dispatch goes straight back to the desk, which re-dispatches it.
const ret: Effect = async (s) => ({
  patch: { returnCount: s.row.returnCount + 1, departmentId: null, handlerUserId: null },
  note: text(s.input.reason),
  data: { reason: text(s.input.reason), department: s.row.departmentId },
  after: () => repo.deleteUnits(s.tx, s.row.id),
});

const progress: Effect = async (s) => ({ note: text(s.input.note) });

const postPart: Effect = async (s) => {
  const dept = s.ctx.actor.departmentId!;
  return {
    note: text(s.input.note),
    data: { part: text(s.input.note) },
    after: async () => {
      // The version check already serialises posts; 0 rows means the unit changed under us.
      if ((await repo.postPart(s.tx, s.row.id, dept, text(s.input.note), s.ctx.actor.userId, s.now)) === 0) throw new AppError('CASE_VERSION_CONFLICT');
    },
  };
};

// 会商办: the lead closes its handling only after every assisting unit has posted its part.
const handle: Effect = async (s) => {
  const missing = s.units.filter((u) => u.role === 'assist' && !u.postedAt);
  if (missing.length) throw new AppError('CASE_PARTS_MISSING', { units: missing.map((u) => u.name).join('、') });
  return { patch: { result: text(s.input.result), handledAt: s.now }, note: text(s.input.result) };
};

// Generous caps: a request beyond them is a typing slip, not a plan.
const EXTENSION_CAPS = { workingDays: 60, workingHours: 480, naturalHours: 720 } as const;

const requestExtension: Effect = async (s) => {
  const { amount, unit } = s.input.extension!;
  if (amount > EXTENSION_CAPS[unit]) throw invalid(FIELD_NAMES.extension, { zh: `最多 ${EXTENSION_CAPS[unit]}`, en: `at most ${EXTENSION_CAPS[unit]}` });
  const request = { amount, unit, reason: text(s.input.reason), requestedBy: s.ctx.actor.userId, requestedByName: s.ctx.actor.name, requestedAt: s.now.toISOString() };
  return { patch: { extensionRequest: request }, note: request.reason, data: { amount, unit, reason: request.reason } };
};

interface PendingExtension {
  amount: number;
  unit: 'workingDays' | 'workingHours' | 'naturalHours';
  reason: string;
  requestedBy: number | null;
}

export const pendingExtension = (row: { extensionRequest: unknown }): PendingExtension | null => (row.extensionRequest as PendingExtension | null) ?? null;

const approveExtension: Effect = async (s) => {
  const req = pendingExtension(s.row)!;
  const moved = extendClock(await s.calendar(), s.row, req.amount, req.unit, s.now);
  return {
    patch: { ...moved, extensionCount: s.row.extensionCount + 1, extensionRequest: null },
    note: text(s.input.note) || null,
    data: { amount: req.amount, unit: req.unit, requestedBy: req.requestedBy, dueAt: moved.dueAt ?? null, stageDeadlineAt: moved.stageDeadlineAt ?? null },
  };
};

const refuseExtension: Effect = async (s) => {
  const req = pendingExtension(s.row)!;
  return {
    patch: { extensionRequest: null },
    note: text(s.input.reason),
    data: { amount: req.amount, unit: req.unit, requestedBy: req.requestedBy, reason: text(s.input.reason) },
  };
};

const verifyPass: Effect = async (s) => ({ patch: { verifiedAt: s.now }, note: text(s.input.note) || null });

// Rework keeps the original handling deadline: the unit had its time.
const verifyFail: Effect = async (s) => ({
  patch: { reworkCount: s.row.reworkCount + 1 },
  note: text(s.input.reason),
  data: { reason: text(s.input.reason) },
});

export const handlingEffects = { accept, return: ret, progress, postPart, handle, requestExtension, approveExtension, refuseExtension, verifyPass, verifyFail };
