// What each action does to a case beyond the move the transition table prescribes: the columns it
// sets, the rows it writes beside the case (units, whistles), and what the timeline records. One
// effect per action, grouped by who usually takes it (desk, handler, follow-up); the runner in
// cases.actions.ts applies the table's state and stage, the versioned update, event and audit.
import type { DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError, type Bilingual } from '../../shared/errors.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import type { ActionInput } from './cases.actions.schema.ts';
import type { CasePatch, CaseRow, DepartmentRef } from './cases.actions.repository.ts';
import * as repo from './cases.actions.repository.ts';
import type { StageColumns } from './cases.stages.ts';
import type { ActorKind, CaseAction, Transition } from './cases.workflow.ts';

export type UnitFact = Awaited<ReturnType<typeof repo.unitsOf>>[number];
export type CallFact = Awaited<ReturnType<typeof repo.callsOf>>[number];

export interface StepContext {
  tx: DbOrTx;
  ctx: RequestContext;
  row: CaseRow;
  input: ActionInput;
  transition: Transition;
  kind: ActorKind;
  now: Date;
  units: UnitFact[];
  calls: CallFact[];
  calendar(): Promise<WorkCalendar>;
}

export interface StepOutcome {
  patch?: CasePatch;
  /** Details kept on the timeline event (and in the audit row). */
  data?: Record<string, unknown>;
  note?: string | null;
  /** The department the step was taken for, when not the actor's own (dispatch target). */
  departmentId?: number | null;
  /** Columns derived from the stage clock the step starts (e.g. due_at from the handle stage). */
  withStage?: (s: StageColumns) => CasePatch;
  /** Rows written beside the case (units, whistles), after the versioned update succeeded. */
  after?: (updated: CaseRow) => Promise<void>;
}

export type Effect = (s: StepContext) => Promise<StepOutcome>;

export const invalid = (field: Bilingual, reason: Bilingual) => new AppError('CASE_FIELD_INVALID', { field, reason });

export const FIELD_NAMES = {
  reason: { zh: '原因', en: 'reason' },
  note: { zh: '说明', en: 'note' },
  categoryId: { zh: '事件分类', en: 'category' },
  mode: { zh: '办理方式', en: 'handling mode' },
  duplicateOfId: { zh: '原事件', en: 'original case' },
  result: { zh: '处置结果', en: 'result' },
  afterPhotos: { zh: '处置后照片', en: 'after photos' },
  target: { zh: '派遣对象', en: 'dispatch target' },
  extension: { zh: '延期时长', en: 'extension' },
  reviewOn: { zh: '复查日期', en: 'review date' },
  satisfaction: { zh: '满意度', en: 'satisfaction' },
  departmentIds: { zh: '吹哨部门', en: 'called departments' },
  hours: { zh: '报到时限', en: 'check-in hours' },
  assistDepartmentIds: { zh: '协办部门', en: 'assisting departments' },
} satisfies Record<string, Bilingual>;

/** Trimmed text of an optional field ('' when absent). */
export const text = (v: string | undefined | null): string => (v ?? '').trim();

/**
 * Departments by id that must all exist and serve the case (their service area contains the
 * case's region); refused naming the first that does not.
 */
export async function servingDepartments(tx: DbOrTx, row: CaseRow, ids: readonly number[], field: Bilingual): Promise<DepartmentRef[]> {
  const found = await repo.departmentsByIds(tx, ids);
  for (const id of ids) {
    const d = found.find((x) => x.id === id);
    if (!d) throw invalid(field, { zh: `部门 ${id} 不存在`, en: `department ${id} does not exist` });
    if (!row.regionPath.startsWith(d.serviceAreaPath)) throw invalid(field, { zh: `${d.name}不负责该事件所在区域`, en: `${d.name} does not serve the case's area` });
  }
  return ids.map((id) => found.find((x) => x.id === id)!);
}

export const deptRef = (d: { id: number; name: string }) => ({ id: d.id, name: d.name });

/** Unique ids in the order given. */
export const unique = (ids: readonly number[]): number[] => [...new Set(ids)];

export type EffectTable = Record<CaseAction, Effect>;
