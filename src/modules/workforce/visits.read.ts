// Reading visits (lists with filters, one in detail) and the phone page: the caller's own worker
// record, current positions, open visit, and the regions they may check in to with boundaries.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { WHOLE_SYSTEM, type RequestContext } from '../../shared/context.ts';
import { scoped } from '../../shared/scoped.ts';
import { findRegionById, loadInScope, type Boundary } from '../regions/index.ts';
import { currentPositionsOfWorker } from './positions.repository.ts';
import * as repo from './visits.repository.ts';
import { loadReadableVisit, presentDetail, presentVisits } from './visits.present.ts';
import type { MeView, VisitDetail, VisitView } from './visits.views.ts';
import { invalid, today } from './workers.common.ts';
import { presentPositions, presentWorkers } from './workers.present.ts';
import { activeWorkerOfUser } from './workers.repository.ts';
import type { MeGrid } from './workers.views.ts';
import type { PositionKind } from './workforce.model.ts';
import { addDays, dayStart, isDay } from './week.ts';

export interface VisitQuery {
  regionId?: number;
  workerId?: number;
  from?: string;
  to?: string;
  outside?: boolean;
  limit?: number;
  offset?: number;
}

export async function listVisits(db: Db, ctx: RequestContext, q: VisitQuery): Promise<{ items: VisitView[]; total: number }> {
  const sdb = scoped(db, ctx.actor.scope);
  const region = q.regionId ? await loadInScope(sdb, q.regionId) : null;
  if (q.from !== undefined && !isDay(q.from)) throw invalid('from', '应为有效日期 YYYY-MM-DD', 'must be a real date, YYYY-MM-DD');
  if (q.to !== undefined && !isDay(q.to)) throw invalid('to', '应为有效日期 YYYY-MM-DD', 'must be a real date, YYYY-MM-DD');
  if (q.from && q.to && q.to < q.from) throw invalid('to', '不能早于开始日期', 'may not be before the from date');
  const { rows, total } = await repo.listVisits(
    sdb,
    { regionPath: region?.path, workerId: q.workerId, start: q.from ? dayStart(q.from) : undefined, end: q.to ? dayStart(addDays(q.to, 1)) : undefined, outside: q.outside },
    q.limit ?? 50,
    q.offset ?? 0,
  );
  return { items: await presentVisits(db, rows), total };
}

export async function getVisit(db: DbOrTx, ctx: RequestContext, id: number): Promise<VisitDetail> {
  return presentDetail(db, ctx, await loadReadableVisit(db, ctx, id));
}

/** The phone page. A caller without a worker record gets empty parts, not an error. */
export async function workforceMe(db: Db, ctx: RequestContext): Promise<MeView> {
  const worker = ctx.actor.userId !== null ? await activeWorkerOfUser(db, ctx.actor.userId) : undefined;
  if (!worker) return { worker: null, positions: [], openVisit: null, grids: [] };
  const day = today();
  // One's own record shows every current position, wherever one's scope lies.
  const [view] = await presentWorkers(db, ctx, [worker], day, 'current', WHOLE_SYSTEM);
  const positionRows = await currentPositionsOfWorker(db, worker.id, day);
  const positions = await presentPositions(db, ctx, positionRows, day);
  const open = await repo.openVisitOf(db, worker.id);
  const grids = new Map<number, MeGrid>();
  const whole = scoped(db, WHOLE_SYSTEM);
  for (const p of positionRows) {
    const g = grids.get(p.regionId);
    if (g) {
      if (!g.positionKinds.includes(p.kind as PositionKind)) g.positionKinds.push(p.kind as PositionKind);
      g.teamId ??= p.teamId;
      continue;
    }
    const r = await findRegionById(whole, p.regionId);
    if (!r || r.archivedAt) continue;
    grids.set(r.id, { id: r.id, name: r.name, code: r.code, level: r.level, boundary: (r.boundary as Boundary | null) ?? null, positionKinds: [p.kind as PositionKind], teamId: p.teamId });
  }
  return { worker: view, positions, openVisit: open ? (await presentVisits(db, [open]))[0] : null, grids: [...grids.values()] };
}
