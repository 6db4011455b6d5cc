// Presenting visits: findings with the cases they became, durations, and (in the detail) the
// residents and households seen. Also how a visit is loaded for reading and for its own worker.
import type { DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped } from '../../shared/scoped.ts';
import { caseCodes } from '../cases/index.ts';
import { householdRefs, residentRefs } from '../registry/index.ts';
import * as repo from './visits.repository.ts';
import { activeWorkerOfUser, type WorkerListRow } from './workers.repository.ts';
import type { FindingView, VisitDetail, VisitView } from './visits.views.ts';
import { workforceNotFound } from './workforce.common.ts';
import { VISIT_PURPOSES, type VisitPurpose } from './workforce.model.ts';

/** How long after check-out the worker may still complete a visit's people and findings. */
export const EDIT_HOURS = 24;

export function presentFinding(f: repo.FindingRow, codes: Map<number, string>): FindingView {
  return {
    id: f.id,
    visitId: f.visitId,
    description: f.description,
    lng: f.lng,
    lat: f.lat,
    createdAt: f.createdAt.toISOString(),
    case: f.caseId !== null ? { id: f.caseId, code: codes.get(f.caseId) ?? '' } : null,
  };
}

export async function findingViews(db: DbOrTx, rows: repo.FindingRow[]): Promise<FindingView[]> {
  const codes = new Map((await caseCodes(db, [...new Set(rows.map((f) => f.caseId).filter((x): x is number => x !== null))])).map((c) => [c.id, c.code]));
  return rows.map((f) => presentFinding(f, codes));
}

export async function presentVisits(db: DbOrTx, rows: repo.VisitListRow[]): Promise<VisitView[]> {
  if (rows.length === 0) return [];
  const findings = await findingViews(db, await repo.findingsOf(db, rows.map((v) => v.id)));
  return rows.map((v) => ({
    id: v.id,
    worker: { id: v.workerId, name: v.workerName },
    region: { id: v.regionId, name: v.regionName, level: v.regionLevel },
    team: v.teamId !== null ? { id: v.teamId, name: v.teamName ?? `#${v.teamId}` } : null,
    purpose: v.purpose as VisitPurpose,
    purposeLabel: VISIT_PURPOSES[v.purpose as VisitPurpose] ?? v.purpose,
    checkInAt: v.checkInAt.toISOString(),
    checkInLng: v.checkInLng,
    checkInLat: v.checkInLat,
    checkInOutside: v.checkInOutside,
    checkOutAt: v.checkOutAt?.toISOString() ?? null,
    checkOutLng: v.checkOutLng,
    checkOutLat: v.checkOutLat,
    checkOutOutside: v.checkOutOutside,
    durationMinutes: v.checkOutAt ? Math.floor((v.checkOutAt.getTime() - v.checkInAt.getTime()) / 60_000) : null,
    notes: v.notes,
    peopleCount: v.peopleCount,
    findings: findings.filter((f) => f.visitId === v.id),
    version: v.version,
  }));
}

export async function presentDetail(db: DbOrTx, ctx: RequestContext, v: repo.VisitListRow): Promise<VisitDetail> {
  const [view] = await presentVisits(db, [v]);
  const people = await repo.peopleOf(db, v.id);
  const sdb = scoped(db, ctx.actor.scope);
  // Residents listed on their own (rows without a household), and the households listed (their
  // members' rows carry the household).
  const residentIds = people.flatMap((p) => (p.residentId !== null && p.householdId === null ? [p.residentId] : []));
  const householdIds = [...new Set(people.flatMap((p) => (p.householdId !== null ? [p.householdId] : [])))];
  // Someone who has since moved out of the caller's scope stays listed, without a name.
  const residents = new Map((await residentRefs(sdb, residentIds)).map((r) => [r.id, r]));
  const households = new Map((await householdRefs(sdb, householdIds)).map((h) => [h.id, h]));
  return {
    ...view,
    residents: residentIds.map((id) => ({ id, name: residents.get(id)?.name ?? '—', householdId: residents.get(id)?.householdId ?? null })),
    households: householdIds.map((id) => ({ id, number: households.get(id)?.number ?? '—', head: households.get(id)?.head ?? null })),
  };
}

/** The caller's own active worker record, or why there is none. */
export async function ownWorker(db: DbOrTx, ctx: RequestContext): Promise<WorkerListRow> {
  const w = ctx.actor.userId !== null ? await activeWorkerOfUser(db, ctx.actor.userId) : undefined;
  if (!w) throw new AppError('WORKFORCE_NOT_A_WORKER');
  return w;
}

/** A visit the caller may read: in scope, or their own (wherever their scope now lies). */
export async function loadReadableVisit(db: DbOrTx, ctx: RequestContext, id: number): Promise<repo.VisitListRow> {
  const inScope = await repo.findVisit(scoped(db, ctx.actor.scope), id);
  if (inScope) return inScope;
  const any = await repo.visitById(db, id);
  if (!any) throw workforceNotFound('visit');
  if (any.workerUserId !== null && any.workerUserId === ctx.actor.userId) return any;
  throw new AppError('SCOPE_DENIED');
}

/** A visit its own worker is changing: readable, the caller's, and (unless `anyTime`) still editable. */
export async function loadOwnVisit(db: DbOrTx, ctx: RequestContext, id: number, opts: { open?: boolean; anyTime?: boolean } = {}): Promise<{ visit: repo.VisitListRow; worker: WorkerListRow }> {
  const visit = await loadReadableVisit(db, ctx, id);
  const worker = ctx.actor.userId !== null ? await activeWorkerOfUser(db, ctx.actor.userId) : undefined;
  if (!worker || worker.id !== visit.workerId) throw new AppError('WORKFORCE_VISIT_NOT_OWN');
  if (opts.open && visit.checkOutAt) throw new AppError('WORKFORCE_VISIT_CLOSED', { at: new Date(visit.checkOutAt.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') });
  if (!opts.anyTime && visit.checkOutAt && Date.now() - visit.checkOutAt.getTime() > EDIT_HOURS * 3600_000) throw new AppError('WORKFORCE_VISIT_LOCKED', { hours: EDIT_HOURS });
  return { visit, worker };
}
