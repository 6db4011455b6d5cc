// Who is told about each step. Inbox notices go in the step's transaction (delivered live after
// commit by the notifications module); the reporter's feedback request leaves by SMS. Recipients
// are picked by role around the case: the desk's staff, the department's handlers and leader, the
// grid's workers, the supervisors above the case, and the actor is never told of their own step.
import type { DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { decryptPii } from '../../shared/pii.ts';
import { recipientUserIds } from '../accounts/index.ts';
import { notify, sendOutbound } from '../notifications/index.ts';
import * as repo from './cases.actions.repository.ts';
import type { CaseRow } from './cases.actions.repository.ts';
import { isUrgent } from './cases.stages.ts';
import type { CaseAction, Transition } from './cases.workflow.ts';

export interface AnnouncedStep {
  ctx: RequestContext;
  action: CaseAction;
  transition: Transition;
  before: CaseRow;
  after: CaseRow;
  data: Record<string, unknown>;
  note: string | null;
}

const DESK_ROLES: Record<string, string[]> = { community: ['communityStaff'], street: ['streetStaff'], district: ['districtStaff'] };
const DEPARTMENT_ROLES = ['departmentHandler', 'departmentLead'];

const deskStaff = (tx: DbOrTx, c: CaseRow) => recipientUserIds(tx, { scopeRegionIds: [c.deskRegionId], roles: DESK_ROLES[c.level] ?? [] });
const departmentStaff = (tx: DbOrTx, departmentId: number, roles = DEPARTMENT_ROLES) => recipientUserIds(tx, { departmentId, roles });
const gridStaff = (tx: DbOrTx, c: CaseRow) => recipientUserIds(tx, { scopeRegionIds: repo.pathIds(c.regionPath), roles: ['gridWorker', 'gridChief'] });
const supervisors = (tx: DbOrTx, c: CaseRow) => recipientUserIds(tx, { scopeRegionIds: repo.pathIds(c.regionPath), roles: ['supervisor'] });

/** Whoever holds the work now, with their leader: the handler and the department's lead, or the desk. */
async function holderAndLeader(tx: DbOrTx, c: CaseRow): Promise<number[]> {
  if (c.departmentId === null) return deskStaff(tx, c);
  const leads = await departmentStaff(tx, c.departmentId, ['departmentLead']);
  const handlers = c.handlerUserId ? [c.handlerUserId] : await departmentStaff(tx, c.departmentId, ['departmentHandler']);
  return [...handlers, ...leads];
}

/** 抓紧办: the desk, the street above a community desk, and the leader of the suggested department. */
async function urgentChain(tx: DbOrTx, c: CaseRow): Promise<number[]> {
  const out = await deskStaff(tx, c);
  if (c.level === 'community') {
    const desk = await repo.regionById(tx, c.deskRegionId);
    if (desk?.parentId) out.push(...(await recipientUserIds(tx, { scopeRegionIds: [desk.parentId], roles: ['streetStaff'] })));
  }
  const category = c.categoryId ? await repo.categoryById(tx, c.categoryId) : undefined;
  const dept = category?.defaultDepartmentCode ? await repo.departmentBySuffix(tx, category.defaultDepartmentCode, c.regionPath) : undefined;
  if (dept) out.push(...(await departmentStaff(tx, dept.id, ['departmentLead'])));
  return out;
}

/** The feedback request (回访) by SMS to the reporter and to every reporter merged into the case. */
async function requestFeedback(tx: DbOrTx, c: CaseRow): Promise<void> {
  const merged = await repo.mergedInto(tx, c.id);
  const mobiles = new Set<string>();
  for (const enc of [c.reporterMobileEnc, ...merged.map((m) => m.reporterMobileEnc)]) if (enc) mobiles.add(decryptPii(enc));
  for (const recipient of mobiles) await sendOutbound(tx, { channel: 'sms', recipient, template: 'case.feedbackRequest', params: { code: c.code, title: c.title }, caseId: c.id });
  const accounts = [c.reporterUserId, ...merged.map((m) => m.reporterUserId)].filter((id): id is number => id !== null);
  await tell(tx, accounts, 'closed', c, { action: 'close' });
}

async function tell(tx: DbOrTx, userIds: number[], kind: string, c: CaseRow, params: Record<string, unknown>, actorId: number | null = null): Promise<void> {
  const ids = [...new Set(userIds)].filter((id) => id !== actorId);
  if (ids.length) await notify(tx, { userIds: ids, kind, caseId: c.id, params: { code: c.code, title: c.title, ...params } });
}

export async function announceStep(tx: DbOrTx, s: AnnouncedStep): Promise<void> {
  const c = s.after;
  const me = s.ctx.actor.userId;
  const say = (userIds: number[], kind: string, extra: Record<string, unknown> = {}) => tell(tx, userIds, kind, c, { action: s.action, ...(s.note ? { note: s.note } : {}), ...extra }, me);
  switch (s.action) {
    case 'register':
      if (isUrgent(c)) await say(await urgentChain(tx, c), 'urgent');
      return;
    case 'dispatch': {
      if (c.departmentId !== null) await say(await departmentStaff(tx, c.departmentId), 'task', { role: 'lead', urgent: isUrgent(c), deadline: c.stageDeadlineAt?.toISOString() });
      for (const a of (s.data.assists as { id: number }[] | undefined) ?? []) await say(await departmentStaff(tx, a.id), 'task', { role: 'assist' });
      return;
    }
    case 'return':
      return say(await deskStaff(tx, c), 'returned', { reason: s.note, by: s.ctx.actor.name });
    case 'escalate':
      return say(await deskStaff(tx, c), 'escalated', { reason: s.note });
    case 'postPart':
      if (c.departmentId !== null) await say(await departmentStaff(tx, c.departmentId), 'assistPosted', { by: s.ctx.actor.name });
      return;
    case 'handle': {
      // The grid worker checks the result on site; a grid without staff leaves it to the desk.
      const grid = await gridStaff(tx, c);
      return say(grid.length ? grid : await deskStaff(tx, c), 'handled', { by: s.ctx.actor.name });
    }
    case 'verifyFail':
      return say(await holderAndLeader(tx, c), 'verifyFailed', { reason: s.note });
    case 'verifyPass':
      return say(await deskStaff(tx, c), 'verified', { by: s.ctx.actor.name });
    case 'reject':
    case 'merge':
      // A reporter with an account hears why their report was not taken up.
      return say(c.reporterUserId ? [c.reporterUserId] : [], 'rejected', { reason: s.note });
    case 'requestExtension':
      return say(await deskStaff(tx, c), 'extensionRequested', { amount: s.data.amount, unit: s.data.unit, reason: s.note, by: s.ctx.actor.name });
    case 'approveExtension':
    case 'refuseExtension': {
      const requester = s.data.requestedBy as number | null;
      const kind = s.action === 'approveExtension' ? 'extensionApproved' : 'extensionRefused';
      return say(requester ? [requester] : await holderAndLeader(tx, c), kind, { amount: s.data.amount, unit: s.data.unit, reason: s.note, deadline: c.dueAt?.toISOString() });
    }
    case 'close':
    case 'resolveOnSpot':
      return requestFeedback(tx, c);
    case 'feedback':
      if (c.status === 'handling') return say(await holderAndLeader(tx, c), 'reopened', { satisfaction: c.satisfaction });
      if (c.status === 'supervision') return say(await supervisors(tx, c), 'supervision', { satisfaction: c.satisfaction });
      return say(await holderAndLeader(tx, c), 'feedback', { satisfaction: c.satisfaction });
    case 'reopen':
      return say(await holderAndLeader(tx, c), 'reopened');
    case 'supervise':
      return say(await holderAndLeader(tx, c), 'supervision', { by: s.ctx.actor.name, deadline: c.stageDeadlineAt?.toISOString() });
    case 'whistle':
      for (const d of (s.data.departments as { id: number }[]) ?? []) await say(await departmentStaff(tx, d.id), 'whistle', { deadline: s.data.deadlineAt, hours: s.data.hours, reason: s.note, by: s.ctx.actor.name });
      return;
    case 'checkIn':
      // The desk that called hears each department arrive.
      return say(await deskStaff(tx, c), 'checkIn', { by: s.ctx.actor.name, calls: s.data.calls });
    default:
      return;
  }
}
