// Who may take a workflow step: the caller's actor kinds (from roles, or as the case's reporter),
// the relation each row of TRANSITIONS demands (desk, handler, assist, called, grid, reporter),
// and the conditions that pick between rows sharing (from, action). Pure rules over a loaded case
// row plus a few facts (units, whistle calls) the caller loads; no SQL here.
import type { RequestContext } from '../../shared/context.ts';
import { WHOLE_SYSTEM } from '../../shared/context.ts';
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { piiLookupHash } from '../../shared/pii.ts';
import type { cases } from './cases.tables.ts';
import {
  TRANSITIONS,
  type ActorKind,
  type CaseAction,
  type CaseStatus,
  type Condition,
  type DeskLevel,
  type Relation,
  type Transition,
} from './cases.workflow.ts';

export type CaseRow = typeof cases.$inferSelect;

/** Facts about a case beyond its row that some relations need. */
export interface GuardFacts {
  /** The case's units (会商办): an assist that has not posted its part may post it. */
  units?: readonly { departmentId: number; role: string; postedAt: Date | string | null }[];
  /** The case's whistle calls: a called department that has not checked in may check in. */
  calls?: readonly { departmentId: number; outcome: string; checkedInAt?: Date | string | null }[];
  /** A resident proving to be the reporter by the mobile given at report time (public pages). */
  reporterMobile?: string;
}

/** The role `systemActor` carries: only the timer service acts as kind 'system'. */
export const SYSTEM_ROLE = 'system';

/** Context for the timer service: whole-system scope, actor kind 'system' and nothing else. */
export function systemActor(name = '系统计时器'): RequestContext {
  return {
    actor: { userId: null, name, roles: [SYSTEM_ROLE], permissions: new Set(['cases.read', 'cases.supervise']), scope: WHOLE_SYSTEM, departmentId: null },
    requestId: `timer-${process.pid}-${Date.now()}`,
    clientIp: null,
    lang: 'zh-CN',
  };
}

// Each role's kind, and the permission the kind needs (a token or account stripped of it loses the kind).
const ROLE_KINDS: Record<string, { kind: ActorKind; permission: string }> = {
  gridWorker: { kind: 'gridWorker', permission: 'cases.verify' },
  gridChief: { kind: 'gridWorker', permission: 'cases.verify' },
  communityStaff: { kind: 'communityDispatcher', permission: 'cases.dispatch' },
  streetStaff: { kind: 'streetDispatcher', permission: 'cases.dispatch' },
  districtStaff: { kind: 'districtDispatcher', permission: 'cases.dispatch' },
  admin: { kind: 'districtDispatcher', permission: 'cases.dispatch' },
  departmentHandler: { kind: 'departmentHandler', permission: 'cases.handle' },
  departmentLead: { kind: 'departmentHandler', permission: 'cases.handle' },
  supervisor: { kind: 'supervisor', permission: 'cases.supervise' },
  [SYSTEM_ROLE]: { kind: 'system', permission: 'cases.supervise' },
};

const DESK_OF_KIND: Partial<Record<ActorKind, DeskLevel>> = {
  communityDispatcher: 'community',
  streetDispatcher: 'street',
  districtDispatcher: 'district',
};

export const isDeskKind = (k: ActorKind): boolean => k in DESK_OF_KIND;

/** Kinds the caller holds by role alone (no case needed). */
export function roleKinds(ctx: RequestContext): ActorKind[] {
  const out: ActorKind[] = [];
  for (const role of ctx.actor.roles) {
    const m = ROLE_KINDS[role];
    if (m && ctx.actor.permissions.has(m.permission) && !out.includes(m.kind)) out.push(m.kind);
  }
  return out;
}

/** Is the caller this case's reporter (own account, or the mobile given at report time)? */
export function isReporter(ctx: RequestContext, row: CaseRow, reporterMobile?: string): boolean {
  if (ctx.actor.userId !== null && row.reporterUserId !== null && ctx.actor.userId === row.reporterUserId) return true;
  return !!reporterMobile && !!row.reporterMobileHash && piiLookupHash(reporterMobile.trim()) === row.reporterMobileHash;
}

/** Every kind the caller holds for this case. */
export function actorKindsFor(ctx: RequestContext, row: CaseRow, facts: GuardFacts = {}): ActorKind[] {
  const kinds = roleKinds(ctx);
  if (isReporter(ctx, row, facts.reporterMobile)) kinds.push('reporter');
  return kinds;
}

/**
 * A desk acts on the cases waiting at its own desk: its scope region is the case's desk region and
 * its level matches. A whole-system administrator stands in for any district desk.
 */
function atDesk(ctx: RequestContext, row: CaseRow, kind: ActorKind): boolean {
  const level = DESK_OF_KIND[kind];
  if (!level || row.level !== level) return false;
  if (ctx.actor.scope.regionId === null) return level === 'district' && ctx.actor.scope.path === '/';
  return ctx.actor.scope.regionId === row.deskRegionId;
}

const myDepartment = (ctx: RequestContext): number | null => ctx.actor.departmentId;

const pendingAssists = (facts: GuardFacts): number[] => (facts.units ?? []).filter((u) => u.role === 'assist' && !u.postedAt).map((u) => u.departmentId);

// A call stays open until checked in; one the timer marked missed may still check in (late).
const pendingCalls = (facts: GuardFacts): number[] =>
  (facts.calls ?? []).filter((c) => !c.checkedInAt && (c.outcome === 'pending' || c.outcome === 'missed')).map((c) => c.departmentId);

/** Does the relation a row demands hold for the caller acting as `kind`? */
export function relationHolds(ctx: RequestContext, row: CaseRow, kind: ActorKind, relation: Relation, facts: GuardFacts = {}): boolean {
  const dept = myDepartment(ctx);
  switch (relation) {
    case 'any':
      return true;
    case 'desk':
      return atDesk(ctx, row, kind);
    case 'handler':
      if (kind === 'departmentHandler') return dept !== null && row.departmentId === dept;
      // Study mode: no department, the desk handles the case itself.
      return row.departmentId === null && atDesk(ctx, row, kind);
    case 'assist':
      return kind === 'departmentHandler' && dept !== null && pendingAssists(facts).includes(dept);
    case 'called':
      return kind === 'departmentHandler' && dept !== null && pendingCalls(facts).includes(dept);
    case 'grid':
      if (kind === 'gridWorker') return ctx.actor.scope.regionId !== null && row.regionPath.startsWith(ctx.actor.scope.path);
      return atDesk(ctx, row, kind);
    case 'reporter':
      if (kind === 'reporter') return true;
      // A desk may record the reporter's answer taken by phone (电话回访).
      return atDesk(ctx, row, kind);
  }
}

/** Why a relation failed, for CASE_ACTOR_NOT_ALLOWED. */
export const RELATION_REASONS: Record<Relation, Bilingual> = {
  desk: { zh: '该事件不在您所在的受理台', en: 'the case is not at your desk' },
  handler: { zh: '该事件不是交由您所在的单位办理', en: 'the case is not assigned to your unit' },
  assist: { zh: '您所在部门不是该事件尚未提交办理情况的协办单位', en: 'your department is not an assisting unit still to post its part' },
  called: { zh: '您所在部门没有待报到的吹哨', en: 'no open whistle calls your department' },
  grid: { zh: '该事件不在您负责的网格内', en: 'the case is not in your grid' },
  reporter: { zh: '您不是该事件的反映人', en: 'you did not report this case' },
  any: { zh: '无权操作', en: 'not permitted' },
};

const KIND_NAMES: Record<ActorKind, Bilingual> = {
  gridWorker: { zh: '网格员', en: 'grid worker' },
  communityDispatcher: { zh: '社区受理员', en: 'community dispatcher' },
  streetDispatcher: { zh: '街道受理员', en: 'street dispatcher' },
  districtDispatcher: { zh: '区受理员', en: 'district dispatcher' },
  departmentHandler: { zh: '部门办理人', en: 'department handler' },
  supervisor: { zh: '督导员', en: 'supervisor' },
  reporter: { zh: '反映人', en: 'reporter' },
  system: { zh: '系统', en: 'the system' },
};

function kindsReason(who: readonly ActorKind[]): Bilingual {
  return { zh: `只有${who.map((k) => KIND_NAMES[k].zh).join('、')}可以执行`, en: `only a ${who.map((k) => KIND_NAMES[k].en).join(', ')} may do this` };
}

/** Conditions that need nothing but the row (the others read the step's input). */
function rowCondition(when: Condition | undefined, row: CaseRow): boolean {
  return when === 'belowDistrict' ? row.level !== 'district' : true;
}

/** Picks the row a satisfaction answer selects among the feedback rows. */
export function inputCondition(when: Condition | undefined, row: CaseRow, satisfaction: string | undefined): boolean {
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

export const ACTION_NAMES: Record<CaseAction, Bilingual> = {
  register: { zh: '立案', en: 'registered' },
  reject: { zh: '不予立案', en: 'rejected' },
  merge: { zh: '合并', en: 'merged' },
  resolveOnSpot: { zh: '立即办结', en: 'resolved on the spot' },
  dispatch: { zh: '派遣', en: 'dispatched' },
  accept: { zh: '签收', en: 'accepted' },
  return: { zh: '退回', en: 'returned' },
  escalate: { zh: '上报上级', en: 'escalated' },
  progress: { zh: '反馈进展', en: 'given progress' },
  postPart: { zh: '提交协办情况', en: 'given an assisting part' },
  handle: { zh: '办结', en: 'handled' },
  requestExtension: { zh: '申请延期', en: 'given an extension request' },
  approveExtension: { zh: '批准延期', en: 'granted an extension' },
  refuseExtension: { zh: '驳回延期', en: 'refused an extension' },
  shelve: { zh: '挂账', en: 'shelved' },
  resume: { zh: '恢复办理', en: 'resumed' },
  verifyPass: { zh: '核查通过', en: 'verified' },
  verifyFail: { zh: '核查不通过', en: 'failed at verification' },
  close: { zh: '结案', en: 'closed' },
  feedback: { zh: '回访评价', en: 'given feedback' },
  conclude: { zh: '督办结案', en: 'concluded' },
  reopen: { zh: '重新办理', en: 'reopened' },
  supervise: { zh: '督办', en: 'supervised' },
  whistle: { zh: '吹哨', en: 'whistled' },
  checkIn: { zh: '报到', en: 'checked in' },
};

/** The same steps as verbs, for "you may not {action} this case". */
export const ACTION_VERBS: Record<CaseAction, Bilingual> = {
  register: { zh: '立案', en: 'register' },
  reject: { zh: '不予立案', en: 'reject' },
  merge: { zh: '合并', en: 'merge' },
  resolveOnSpot: { zh: '立即办结', en: 'resolve on the spot' },
  dispatch: { zh: '派遣', en: 'dispatch' },
  accept: { zh: '签收', en: 'accept' },
  return: { zh: '退回', en: 'return' },
  escalate: { zh: '上报上级', en: 'escalate' },
  progress: { zh: '反馈进展', en: 'post progress on' },
  postPart: { zh: '提交协办情况', en: 'post an assisting part on' },
  handle: { zh: '办结', en: 'handle' },
  requestExtension: { zh: '申请延期', en: 'request an extension for' },
  approveExtension: { zh: '批准延期', en: 'approve an extension for' },
  refuseExtension: { zh: '驳回延期', en: 'refuse an extension for' },
  shelve: { zh: '挂账', en: 'shelve' },
  resume: { zh: '恢复办理', en: 'resume' },
  verifyPass: { zh: '核查通过', en: 'pass the verification of' },
  verifyFail: { zh: '核查不通过', en: 'fail the verification of' },
  close: { zh: '结案', en: 'close' },
  feedback: { zh: '回访评价', en: 'give feedback on' },
  conclude: { zh: '督办结案', en: 'conclude' },
  reopen: { zh: '重新办理', en: 'reopen' },
  supervise: { zh: '督办', en: 'supervise' },
  whistle: { zh: '吹哨', en: 'whistle on' },
  checkIn: { zh: '报到', en: 'check in on' },
};

export const STATUS_NAMES: Record<CaseStatus, Bilingual> = {
  reported: { zh: '待立案', en: 'reported' },
  registered: { zh: '待派遣', en: 'registered' },
  rejected: { zh: '不予立案', en: 'rejected' },
  merged: { zh: '已合并', en: 'merged' },
  dispatched: { zh: '待签收', en: 'dispatched' },
  handling: { zh: '处置中', en: 'being handled' },
  handled: { zh: '待核查', en: 'handled' },
  verified: { zh: '待结案', en: 'verified' },
  closed: { zh: '已结案', en: 'closed' },
  shelved: { zh: '挂账', en: 'shelved' },
  supervision: { zh: '督办中', en: 'under supervision' },
};

/** The rows that could apply to the caller now, ignoring conditions that read the step's input. */
export interface Permitted {
  rows: Transition[];
  kind: ActorKind;
}

/**
 * Looks the step up in TRANSITIONS and checks state, actor kind and relation, in that order:
 * a step absent for the state is CASE_ACTION_NOT_ALLOWED (409); a row-only condition that fails is
 * its own 409; a kind or relation that fails is CASE_ACTOR_NOT_ALLOWED (403) with the reason.
 * Returns the candidate rows (conditions on input still to pick) and the kind the caller acts as.
 */
export function permittedRows(ctx: RequestContext, row: CaseRow, action: CaseAction, facts: GuardFacts = {}): Permitted {
  const status = row.status as CaseStatus;
  const forState = TRANSITIONS.filter((t) => t.from === status && t.action === action);
  if (forState.length === 0) throw new AppError('CASE_ACTION_NOT_ALLOWED', { status: STATUS_NAMES[status] ?? status, action: ACTION_NAMES[action] });
  const candidates = forState.filter((t) => rowCondition(t.when, row));
  if (candidates.length === 0) {
    if (forState.some((t) => t.when === 'belowDistrict')) throw new AppError('CASE_ESCALATION_TOP');
    throw new AppError('CASE_ACTION_NOT_ALLOWED', { status: STATUS_NAMES[status] ?? status, action: ACTION_NAMES[action] });
  }
  const kinds = actorKindsFor(ctx, row, facts);
  // Rows sharing (from, action) share who and relation, so the first row speaks for all.
  const who = candidates[0].who;
  const relation = candidates[0].relation;
  const mine = who.filter((k) => kinds.includes(k));
  if (mine.length === 0) throw new AppError('CASE_ACTOR_NOT_ALLOWED', { action: ACTION_VERBS[action], reason: kindsReason(who) });
  const kind = mine.find((k) => relationHolds(ctx, row, k, relation, facts));
  if (!kind) throw new AppError('CASE_ACTOR_NOT_ALLOWED', { action: ACTION_VERBS[action], reason: RELATION_REASONS[relation] });
  return { rows: candidates, kind };
}

/** The actions the caller may take now (buttons), after kind, relation and row-only conditions. */
export function availableActions(ctx: RequestContext, row: CaseRow, extra: GuardFacts = {}): CaseAction[] {
  const kinds = actorKindsFor(ctx, row, extra);
  const out: CaseAction[] = [];
  for (const t of TRANSITIONS) {
    if (t.from !== row.status || out.includes(t.action) || !rowCondition(t.when, row)) continue;
    if (t.who.some((k) => kinds.includes(k) && relationHolds(ctx, row, k, t.relation, extra))) out.push(t.action);
  }
  return out;
}
