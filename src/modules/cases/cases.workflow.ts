// The case workflow as data: every (state, action) a case may take, the state it lands in, which
// actor kinds may take it, the timed stage it starts, and what the step must carry. The service
// looks a step up here and refuses anything absent; tests drive every row, allowed and refused;
// docs/cases-workflow.md draws it. Relations that data cannot express (the handler must belong to
// the case's department, a dispatcher must own the case's desk) are named in `relation` and
// checked by the service (cases.guards.ts).

export const CASE_STATUSES = [
  'reported', // 上报: waiting at a desk to be registered
  'registered', // 立案: accepted as a case, waiting to be dispatched
  'rejected', // 不予立案: invalid, with reason
  'merged', // 合并: a duplicate, merged into its original
  'dispatched', // 派遣: sent to a unit, waiting for it to accept or return
  'handling', // 处置中
  'handled', // 处置完毕: result posted, waiting for verification
  'verified', // 核查通过: waiting to be closed
  'closed', // 结案
  'shelved', // 挂账: long-term work with a review date
  'supervision', // 督办: the reporter was dissatisfied twice; a supervisor decides
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** States in which a case is still open (counted by boards, timers and the similar-case hint). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['reported', 'registered', 'dispatched', 'handling', 'handled', 'verified', 'shelved', 'supervision'];

export const ACTOR_KINDS = [
  'gridWorker', // 网格员 / 网格长 of the case's grid
  'communityDispatcher', // 社区 desk
  'streetDispatcher', // 街道 desk
  'districtDispatcher', // 区 desk (governance centre)
  'departmentHandler', // 职能部门 handler
  'supervisor', // 督导员
  'reporter', // the person who reported (by account, or by code + mobile)
  'system', // the timer service
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const HANDLING_MODES = ['immediate', 'study', 'joint', 'transfer', 'urgent'] as const;
export type HandlingMode = (typeof HANDLING_MODES)[number];

export const CASE_SOURCES = ['patrol', 'resident', 'hotline', 'department', 'informant', 'video'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
/** Sources that count as "first reported by the public" for the missed-report rate (漏报率). */
export const PUBLIC_SOURCES: readonly CaseSource[] = ['resident', 'hotline'];

export const DESK_LEVELS = ['community', 'street', 'district'] as const;
export type DeskLevel = (typeof DESK_LEVELS)[number];

export const SATISFACTIONS = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** Timed stages: dispatch (desk → unit), respond (unit accepts), handle (until handled), verify. */
export const STAGES = ['dispatch', 'respond', 'handle', 'verify'] as const;
export type Stage = (typeof STAGES)[number];

export const CASE_ACTIONS = [
  'register',
  'reject',
  'merge',
  'resolveOnSpot',
  'dispatch',
  'accept',
  'return',
  'escalate',
  'progress',
  'postPart',
  'handle',
  'requestExtension',
  'approveExtension',
  'refuseExtension',
  'shelve',
  'resume',
  'verifyPass',
  'verifyFail',
  'close',
  'feedback',
  'conclude',
  'reopen',
  'supervise',
  'whistle',
  'checkIn',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/**
 * Relations checked beyond the actor kind:
 * - desk: a dispatcher whose scope region is the case's desk region (level matches the kind)
 * - handler: a department handler of the case's lead department, or, when the case has no
 *   department (study mode: the desk handles it), the desk's dispatcher
 * - assist: a handler of an assisting department of a joint case that has not posted its part
 * - called: a handler of a department called by an open whistle that has not checked in
 * - grid: a grid worker whose scope contains the case
 * - reporter: the case's reporter (own account, or code + matching mobile)
 * - any: no relation beyond scope (supervisors, the timer)
 */
export type Relation = 'desk' | 'handler' | 'assist' | 'called' | 'grid' | 'reporter' | 'any';

/** Named conditions that pick between rows sharing (from, action); evaluated by the service. */
export type Condition = 'satisfied' | 'dissatisfiedFirst' | 'dissatisfiedAgain' | 'belowDistrict';

/** Fields a step must carry; missing ones are refused with CASE_FIELD_REQUIRED. */
export type Requirement =
  | 'reason'
  | 'note'
  | 'categoryId'
  | 'mode'
  | 'duplicateOfId'
  | 'result'
  | 'afterPhotos'
  | 'target'
  | 'extension'
  | 'reviewOn'
  | 'satisfaction'
  | 'departmentIds';

export interface Transition {
  from: CaseStatus;
  action: CaseAction;
  /** 'same' = the step is recorded on the timeline without changing the state. */
  to: CaseStatus | 'same';
  who: readonly ActorKind[];
  relation: Relation;
  when?: Condition;
  /** The timed stage the case enters (its clock restarts); null = no clock; absent = unchanged. */
  stage?: Stage | null;
  requires?: readonly Requirement[];
}

const DESKS: readonly ActorKind[] = ['communityDispatcher', 'streetDispatcher', 'districtDispatcher'];
const HANDLERS: readonly ActorKind[] = ['departmentHandler', ...DESKS];
const OPEN_WORK: readonly CaseStatus[] = ['registered', 'dispatched', 'handling'];

export const TRANSITIONS: readonly Transition[] = [
  // 立案: register with category and mode (suggested from category and urgency), or refuse.
  { from: 'reported', action: 'register', to: 'registered', who: DESKS, relation: 'desk', stage: 'dispatch', requires: ['categoryId', 'mode'] },
  { from: 'reported', action: 'reject', to: 'rejected', who: DESKS, relation: 'desk', stage: null, requires: ['reason'] },
  { from: 'reported', action: 'merge', to: 'merged', who: DESKS, relation: 'desk', stage: null, requires: ['duplicateOfId'] },
  // 立即办: the grid worker reports, handles and closes in one step, with photos.
  { from: 'reported', action: 'resolveOnSpot', to: 'closed', who: ['gridWorker'], relation: 'grid', stage: null, requires: ['result', 'afterPhotos'] },
  // 派遣: to a department (transfer, urgent), to a lead + assists (joint), or to the desk itself (study).
  { from: 'registered', action: 'dispatch', to: 'dispatched', who: DESKS, relation: 'desk', stage: 'respond', requires: ['target'] },
  { from: 'dispatched', action: 'accept', to: 'handling', who: HANDLERS, relation: 'handler', stage: 'handle' },
  // A wrong dispatch comes back to the desk at once, with its reason, to be re-dispatched.
  { from: 'dispatched', action: 'return', to: 'registered', who: ['departmentHandler'], relation: 'handler', stage: 'dispatch', requires: ['reason'] },
  // 小事不出社区、大事不出街道: a desk passes a case up one level, with a reason.
  ...OPEN_WORK.map((from): Transition => ({ from, action: 'escalate', to: 'registered', who: ['communityDispatcher', 'streetDispatcher'], relation: 'desk', when: 'belowDistrict', stage: 'dispatch', requires: ['reason'] })),
  { from: 'handling', action: 'progress', to: 'same', who: HANDLERS, relation: 'handler', requires: ['note'] },
  { from: 'handling', action: 'postPart', to: 'same', who: ['departmentHandler'], relation: 'assist', requires: ['note'] },
  { from: 'handling', action: 'handle', to: 'handled', who: HANDLERS, relation: 'handler', stage: 'verify', requires: ['result'] },
  { from: 'handling', action: 'requestExtension', to: 'same', who: HANDLERS, relation: 'handler', requires: ['extension', 'reason'] },
  { from: 'handling', action: 'approveExtension', to: 'same', who: DESKS, relation: 'desk' },
  { from: 'handling', action: 'refuseExtension', to: 'same', who: DESKS, relation: 'desk', requires: ['reason'] },
  // 挂账: long-term work leaves the clock, with a date to look at it again.
  { from: 'handling', action: 'shelve', to: 'shelved', who: DESKS, relation: 'desk', stage: null, requires: ['reviewOn', 'reason'] },
  { from: 'shelved', action: 'resume', to: 'handling', who: DESKS, relation: 'desk', stage: 'handle' },
  // 核查: the grid worker (or the desk) checks the result on site.
  { from: 'handled', action: 'verifyPass', to: 'verified', who: ['gridWorker', ...DESKS], relation: 'grid', stage: null },
  { from: 'handled', action: 'verifyFail', to: 'handling', who: ['gridWorker', ...DESKS], relation: 'grid', stage: 'handle', requires: ['reason'] },
  { from: 'verified', action: 'close', to: 'closed', who: DESKS, relation: 'desk', stage: null },
  // 回访: 不满意 reopens once; a second 不满意 goes to supervision.
  { from: 'closed', action: 'feedback', to: 'same', who: ['reporter', ...DESKS], relation: 'reporter', when: 'satisfied', requires: ['satisfaction'] },
  { from: 'closed', action: 'feedback', to: 'handling', who: ['reporter', ...DESKS], relation: 'reporter', when: 'dissatisfiedFirst', stage: 'handle', requires: ['satisfaction'] },
  { from: 'closed', action: 'feedback', to: 'supervision', who: ['reporter', ...DESKS], relation: 'reporter', when: 'dissatisfiedAgain', stage: null, requires: ['satisfaction'] },
  { from: 'supervision', action: 'conclude', to: 'closed', who: ['supervisor'], relation: 'any', stage: null, requires: ['note'] },
  { from: 'supervision', action: 'reopen', to: 'handling', who: ['supervisor'], relation: 'any', stage: 'handle', requires: ['note'] },
  // 督办: a supervisor (or the timer, when a stage runs late) presses the unit holding the case.
  ...(['registered', 'dispatched', 'handling', 'handled', 'verified', 'shelved'] as const).map(
    (from): Transition => ({ from, action: 'supervise', to: 'same', who: ['supervisor', 'districtDispatcher', 'system'], relation: 'any', requires: ['note'] }),
  ),
  // 吹哨报到: a community or street desk calls departments; each called one checks in.
  ...OPEN_WORK.map((from): Transition => ({ from, action: 'whistle', to: 'same', who: ['communityDispatcher', 'streetDispatcher'], relation: 'desk', requires: ['departmentIds', 'reason'] })),
  ...OPEN_WORK.map((from): Transition => ({ from, action: 'checkIn', to: 'same', who: ['departmentHandler'], relation: 'called' })),
];

/** Rows for (from, action); several when a condition picks between them. */
export function transitionsFor(from: CaseStatus, action: CaseAction): readonly Transition[] {
  return TRANSITIONS.filter((t) => t.from === from && t.action === action);
}

/** The actions an actor kind may try from a state (the web shows these as buttons). */
export function actionsFor(from: CaseStatus, kinds: readonly ActorKind[]): CaseAction[] {
  const out = new Set<CaseAction>();
  for (const t of TRANSITIONS) if (t.from === from && t.who.some((k) => kinds.includes(k))) out.add(t.action);
  return [...out];
}
