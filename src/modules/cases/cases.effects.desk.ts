// Steps a desk takes (and the grid worker's 立即办): register, reject, merge, resolve on the spot,
// dispatch (transfer, joint with assists, or the desk itself), escalate, shelve, resume, close.
import { AppError } from '../../shared/errors.ts';
import { scoped } from '../../shared/scoped.ts';
import { localDay } from '../calendar/index.ts';
import * as repo from './cases.actions.repository.ts';
import { deptRef, FIELD_NAMES, invalid, servingDepartments, text, unique, type Effect } from './cases.effects.ts';
import { OPEN_STATUSES, type CaseStatus, type DeskLevel } from './cases.workflow.ts';

/** A registrable category: exists, not archived, and a subcategory (it carries the deadlines). */
async function usableCategory(s: Parameters<Effect>[0], id: number) {
  const c = await repo.categoryById(s.tx, id);
  if (!c) throw invalid(FIELD_NAMES.categoryId, { zh: `分类 ${id} 不存在`, en: `category ${id} does not exist` });
  if (c.archivedAt) throw invalid(FIELD_NAMES.categoryId, { zh: `${c.nameZh}已停用`, en: `${c.nameEn} is archived` });
  if (!c.parentCode) throw invalid(FIELD_NAMES.categoryId, { zh: '请选择小类', en: 'choose a subcategory' });
  return c;
}

const register: Effect = async (s) => {
  const c = await usableCategory(s, s.input.categoryId!);
  const urgency = s.input.urgency ?? s.row.urgency;
  return {
    patch: { categoryId: c.id, mode: s.input.mode!, urgency, registeredAt: s.now },
    data: { category: { id: c.id, code: c.code, nameZh: c.nameZh, nameEn: c.nameEn }, mode: s.input.mode, urgency },
  };
};

const reject: Effect = async (s) => ({ note: text(s.input.reason), data: { reason: text(s.input.reason) } });

const merge: Effect = async (s) => {
  const id = s.input.duplicateOfId!;
  if (id === s.row.id) throw invalid(FIELD_NAMES.duplicateOfId, { zh: '不能合并到自身', en: 'a case cannot be merged into itself' });
  const original = await repo.findCase(scoped(s.tx, s.ctx.actor.scope), id);
  if (!original) throw invalid(FIELD_NAMES.duplicateOfId, { zh: `您的辖区内没有事件 ${id}`, en: `no case ${id} in your scope` });
  if (!OPEN_STATUSES.includes(original.status as CaseStatus)) throw invalid(FIELD_NAMES.duplicateOfId, { zh: `${original.code} 已办结或不在办理中`, en: `${original.code} is no longer open` });
  return { patch: { duplicateOfId: original.id }, note: text(s.input.note) || null, data: { duplicateOf: { id: original.id, code: original.code } } };
};

// 立即办: reported, handled and closed in one step by the grid worker on the spot.
const resolveOnSpot: Effect = async (s) => {
  const c = s.input.categoryId ? await usableCategory(s, s.input.categoryId) : null;
  const now = s.now;
  return {
    patch: {
      ...(c ? { categoryId: c.id } : {}),
      mode: 'immediate',
      result: text(s.input.result),
      handlerUserId: s.ctx.actor.userId,
      registeredAt: now,
      dispatchedAt: now,
      acceptedAt: now,
      handledAt: now,
      closedAt: now,
      dueAt: now,
      respondedOnTime: true,
      closedOnTime: true,
    },
    note: text(s.input.result),
    data: { mode: 'immediate', ...(c ? { category: { id: c.id, code: c.code } } : {}) },
  };
};

/**
 * 派遣: transfer / urgent to a department, joint to a lead with assisting departments, study to
 * the desk itself (department null). Every department must serve the case's area.
 */
const dispatch: Effect = async (s) => {
  const target = s.input.target!;
  const mode = s.input.mode ?? s.row.mode ?? 'transfer';
  const lead = target.departmentId ?? null;
  const assists = unique(target.assistDepartmentIds ?? []);
  if (mode === 'joint') {
    if (lead === null) throw invalid(FIELD_NAMES.target, { zh: '会商办需要指定牵头部门', en: 'a joint case needs a lead department' });
    if (assists.length === 0) throw invalid(FIELD_NAMES.assistDepartmentIds, { zh: '会商办至少需要一个协办部门', en: 'a joint case needs at least one assisting department' });
    if (assists.includes(lead)) throw invalid(FIELD_NAMES.assistDepartmentIds, { zh: '牵头部门不能同时是协办部门', en: 'the lead department cannot also assist' });
  } else if (assists.length > 0) {
    throw invalid(FIELD_NAMES.assistDepartmentIds, { zh: '只有会商办可以指定协办部门', en: 'only a joint case has assisting departments' });
  }
  if (mode === 'transfer' && lead === null) throw invalid(FIELD_NAMES.target, { zh: '移交办需要指定承办部门', en: 'a transferred case needs a department' });
  if (mode === 'study' && lead !== null) throw invalid(FIELD_NAMES.target, { zh: '研究办由受理台自行办理，不指定部门', en: 'a study case is handled by the desk itself, without a department' });
  const depts = await servingDepartments(s.tx, s.row, lead === null ? assists : [lead, ...assists], FIELD_NAMES.target);
  const leadDept = lead === null ? null : depts[0];
  const assistDepts = lead === null ? depts : depts.slice(1);
  return {
    patch: { mode, departmentId: lead, handlerUserId: null, dispatchedAt: s.now },
    withStage: (c) => ({ respondDueAt: c.stageDeadlineAt }),
    departmentId: lead,
    note: text(s.input.note) || null,
    data: { mode, department: leadDept ? deptRef(leadDept) : null, assists: assistDepts.map(deptRef) },
    after: async () => {
      // A re-dispatch replaces the units of an earlier one.
      await repo.deleteUnits(s.tx, s.row.id);
      if (leadDept && assistDepts.length) await repo.insertUnits(s.tx, s.row.id, leadDept.id, assistDepts.map((d) => d.id));
    },
  };
};

const PARENT_DESK: Partial<Record<DeskLevel, { level: DeskLevel; regionLevel: number }>> = {
  community: { level: 'street', regionLevel: 3 },
  street: { level: 'district', regionLevel: 2 },
};

// 小事不出社区、大事不出街道: the case moves to the desk one level up, back to be dispatched there.
const escalate: Effect = async (s) => {
  const up = PARENT_DESK[s.row.level as DeskLevel];
  if (!up) throw new AppError('CASE_ESCALATION_TOP');
  const desk = await repo.regionById(s.tx, s.row.deskRegionId);
  const parent = desk?.parentId ? await repo.regionById(s.tx, desk.parentId) : undefined;
  if (!desk || !parent || parent.level !== up.regionLevel) throw new AppError('CASE_ESCALATION_TOP');
  return {
    patch: { level: up.level, deskRegionId: parent.id, deskRegionPath: parent.path, escalationCount: s.row.escalationCount + 1, departmentId: null, handlerUserId: null },
    note: text(s.input.reason),
    data: { reason: text(s.input.reason), from: { id: desk.id, name: desk.name, level: s.row.level }, to: { id: parent.id, name: parent.name, level: up.level } },
    after: () => repo.deleteUnits(s.tx, s.row.id),
  };
};

const shelve: Effect = async (s) => {
  const reviewOn = s.input.reviewOn!;
  if (Number.isNaN(Date.parse(`${reviewOn}T00:00:00Z`)) || new Date(`${reviewOn}T00:00:00Z`).toISOString().slice(0, 10) !== reviewOn) {
    throw invalid(FIELD_NAMES.reviewOn, { zh: '不是有效日期', en: 'not a valid date' });
  }
  if (reviewOn <= localDay(s.now)) throw invalid(FIELD_NAMES.reviewOn, { zh: '复查日期须晚于今天', en: 'the review date must be after today' });
  return { patch: { shelvedReviewOn: reviewOn }, note: text(s.input.reason), data: { reviewOn, reason: text(s.input.reason) } };
};

const resume: Effect = async (s) => ({
  patch: { shelvedReviewOn: null },
  withStage: (c) => ({ dueAt: c.stageDeadlineAt }),
  note: text(s.input.note) || null,
});

const close: Effect = async (s) => {
  const due = s.row.dueAt;
  const late = !!due && s.now > due;
  return {
    patch: { closedAt: s.now, closedOnTime: due ? !late : null, everOverdue: s.row.everOverdue || late },
    note: text(s.input.note) || null,
    data: { onTime: due ? !late : null },
  };
};

export const deskEffects = { register, reject, merge, resolveOnSpot, dispatch, escalate, shelve, resume, close };
