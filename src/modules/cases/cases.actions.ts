// The workflow engine: one function takes any step on a case. It looks the step up in TRANSITIONS
// (state, actor kind, relation, condition, requirements — cases.guards.ts), applies the action's
// effect (cases.effects.*.ts), starts or stops the stage clock the row names, and writes the case
// with an optimistic version check, one timeline event, one audit row and the notices, all in one
// transaction. A stale version (someone acted first, or a client retried) is a 409.
import type { Db, DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import type { ActionInput } from './cases.actions.schema.ts';
import * as repo from './cases.actions.repository.ts';
import type { CasePatch, CaseRow } from './cases.actions.repository.ts';
import { deskEffects } from './cases.effects.desk.ts';
import { followupEffects } from './cases.effects.followup.ts';
import { handlingEffects, pendingExtension } from './cases.effects.handling.ts';
import { FIELD_NAMES, text, type EffectTable, type StepContext } from './cases.effects.ts';
import { inputCondition, permittedRows } from './cases.guards.ts';
import { announceStep } from './cases.notify.ts';
import { calendarFor, isUrgent, NO_STAGE, startStage, UNCATEGORIZED, type StageColumns } from './cases.stages.ts';
import { STAGES, type ActorKind, type CaseAction, type Requirement, type Transition } from './cases.workflow.ts';

export { systemActor, availableActions, actorKindsFor, type CaseRow } from './cases.guards.ts';

const EFFECTS: EffectTable = { ...deskEffects, ...handlingEffects, ...followupEffects };

/** Loads a case in the caller's scope: outside it SCOPE_DENIED, nowhere CASE_NOT_FOUND. */
export async function loadCase(tx: DbOrTx, ctx: RequestContext, id: number): Promise<CaseRow> {
  const row = await repo.findCase(scoped(tx, ctx.actor.scope), id);
  if (row) return row;
  throw (await repo.unscopedCaseExists(tx, id)) ? new AppError('SCOPE_DENIED') : new AppError('CASE_NOT_FOUND');
}

/** The facts `availableActions` needs beyond the row (joint units, whistle calls), for presenters. */
export async function loadGuardFacts(db: DbOrTx, caseId: number) {
  const [units, calls] = [await repo.unitsOf(db, caseId), await repo.callsOf(db, caseId)];
  return { units, calls };
}

/** Steps that make sense only in some sub-states of a status (a pending extension, feedback not yet given). */
function checkPrecondition(action: CaseAction, row: CaseRow): void {
  const pending = pendingExtension(row);
  if (action === 'requestExtension' && pending) throw new AppError('CASE_EXTENSION_PENDING');
  if ((action === 'approveExtension' || action === 'refuseExtension') && !pending) throw new AppError('CASE_EXTENSION_NONE');
  if (action === 'feedback' && row.feedbackAt && row.closedAt && row.feedbackAt >= row.closedAt) throw new AppError('CASE_FEEDBACK_GIVEN');
}

async function checkRequirements(tx: DbOrTx, row: CaseRow, requires: readonly Requirement[], input: ActionInput): Promise<void> {
  const missing = (r: Requirement) => new AppError('CASE_FIELD_REQUIRED', { field: FIELD_NAMES[r] });
  for (const r of requires) {
    switch (r) {
      case 'reason':
      case 'note':
      case 'result':
        if (!text(input[r])) throw missing(r);
        break;
      case 'afterPhotos':
        if ((await repo.countPhotos(tx, row.id, 'after')) === 0) throw missing(r);
        break;
      case 'target':
        if (!input.target || input.target.departmentId === undefined) throw missing(r);
        break;
      case 'departmentIds':
        if (!input.departmentIds?.length) throw missing(r);
        break;
      default:
        if (input[r] === undefined || input[r] === null) throw missing(r);
    }
  }
}

/** The stage clock a row starts, counted in the (possibly just chosen) category and urgency. */
async function stageColumns(tx: DbOrTx, t: Transition, merged: CaseRow, cal: () => Promise<WorkCalendar>, now: Date): Promise<StageColumns | null> {
  if (t.stage === undefined) return null;
  if (t.stage === null) return NO_STAGE;
  const category = merged.categoryId ? await repo.categoryById(tx, merged.categoryId) : undefined;
  return startStage(await cal(), category ?? UNCATEGORIZED, t.stage, isUrgent(merged), now);
}

const eventActorName = (ctx: RequestContext, kind: ActorKind, row: CaseRow): string => {
  if (kind === 'reporter' && ctx.actor.userId === null) return row.anonymous ? '匿名群众' : row.reporterName || '群众';
  return ctx.actor.name;
};

// Columns worth keeping in the audit row's before/after (the full row lives in the table).
const auditView = (r: CaseRow) => ({
  status: r.status,
  version: r.version,
  level: r.level,
  deskRegionId: r.deskRegionId,
  departmentId: r.departmentId,
  mode: r.mode,
  stage: r.stage,
  stageDeadlineAt: r.stageDeadlineAt,
  dueAt: r.dueAt,
});

/**
 * Takes one workflow step. `opts.reporterMobile` is a resident's proof of being the reporter on the
 * public pages (no account). Returns the updated row; presenters build the view from it.
 */
export async function applyAction(db: Db, ctx: RequestContext, caseId: number, action: CaseAction, input: ActionInput, opts: { reporterMobile?: string } = {}): Promise<CaseRow> {
  if (!EFFECTS[action]) throw new AppError('VALIDATION_FAILED', { detail: `action ${String(action)}` });
  return db.transaction(async (tx) => {
    const row = await loadCase(tx, ctx, caseId);
    if (row.version !== input.version) throw new AppError('CASE_VERSION_CONFLICT');
    const { units, calls } = await loadGuardFacts(tx, caseId);
    const { rows, kind } = permittedRows(ctx, row, action, { units, calls, reporterMobile: opts.reporterMobile });
    checkPrecondition(action, row);
    await checkRequirements(tx, row, rows[0].requires ?? [], input);
    const transition = rows.find((t) => inputCondition(t.when, row, input.satisfaction));
    if (!transition) throw new AppError('CASE_FIELD_INVALID', { field: FIELD_NAMES.satisfaction, reason: { zh: '无法判定回访结果', en: 'matches no outcome' } });

    const now = new Date();
    let cal: Promise<WorkCalendar> | null = null;
    const calendar = () => (cal ??= calendarFor(tx));
    const step: StepContext = { tx, ctx, row, input, transition, kind, now, units, calls, calendar };
    const outcome = await EFFECTS[action](step);

    const status = transition.to === 'same' ? row.status : transition.to;
    let patch: CasePatch = { ...outcome.patch, status };
    const clock = await stageColumns(tx, transition, { ...row, ...patch } as CaseRow, calendar, now);
    if (clock) patch = { ...patch, ...clock, ...(outcome.withStage && clock.stage ? outcome.withStage(clock) : {}) };
    const ended = endedStage(row, clock, now);
    if (ended.endedStage?.late) patch.everOverdue = true;

    const updated = await repo.updateCaseVersioned(tx, row.id, row.version, patch, now);
    if (!updated) throw new AppError('CASE_VERSION_CONFLICT');
    await outcome.after?.(updated);

    const data = { ...(outcome.data ?? {}), ...ended };
    const note = outcome.note ?? null;
    await repo.insertEvent(tx, {
      caseId: row.id,
      action,
      fromStatus: row.status,
      toStatus: updated.status,
      actorUserId: ctx.actor.userId,
      actorName: eventActorName(ctx, kind, row),
      actorKind: kind,
      departmentId: outcome.departmentId !== undefined ? outcome.departmentId : kind === 'departmentHandler' ? ctx.actor.departmentId : null,
      note,
      data,
      stageDeadlineAt: updated.stageDeadlineAt,
      createdAt: now,
    });
    await recordAudit(tx, ctx, { action: `case.${action}`, entityType: 'case', entityId: row.id, regionPath: row.regionPath, before: auditView(row), after: { ...auditView(updated), actorKind: kind, ...data } });
    await announceStep(tx, { ctx, action, transition, before: row, after: updated, data, note });
    return updated;
  });
}

/**
 * When a step ends or restarts the running stage, the timeline keeps which stage ended, its
 * deadline and whether the step came after it (the measures' and the case page's "late").
 */
function endedStage(row: CaseRow, clock: StageColumns | null, now: Date): { endedStage?: { stage: string; deadlineAt: string | null; late: boolean | null } } {
  if (!clock || !row.stage || !(STAGES as readonly string[]).includes(row.stage)) return {};
  const deadline = row.stageDeadlineAt;
  return { endedStage: { stage: row.stage, deadlineAt: deadline?.toISOString() ?? null, late: deadline ? now > deadline : null } };
}
