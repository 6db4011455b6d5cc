// Presenting workers and positions: names of the rows they point at (users, residents,
// departments, buildings, units, zones), mobiles masked. Rows handed in are already authorized;
// the names of what they reference are looked up system-wide, so a position never shows a bare id.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { WHOLE_SYSTEM, type RequestContext } from '../../shared/context.ts';
import { scoped } from '../../shared/scoped.ts';
import { userNames } from '../accounts/index.ts';
import { buildingRefs, residentRefs, unitRefs } from '../registry/index.ts';
import { listZones } from '../zones/index.ts';
import * as positionsRepo from './positions.repository.ts';
import type { WorkerListRow } from './workers.repository.ts';
import { visibleDepartments } from './workers.common.ts';
import type { PositionView, Ref, WorkerView } from './workers.views.ts';
import { POSITION_KINDS, type PositionKind } from './workforce.model.ts';

const isCurrent = (p: { startOn: string; endOn: string | null }, day: string) => p.startOn <= day && (p.endOn === null || p.endOn >= day);

export async function presentPositions(db: DbOrTx, ctx: RequestContext, rows: positionsRepo.PositionListRow[], day: string): Promise<PositionView[]> {
  if (rows.length === 0) return [];
  const whole = scoped(db, WHOLE_SYSTEM);
  const buildings = new Map((await buildingRefs(whole, [...new Set(rows.map((r) => r.buildingId).filter((x): x is number => x !== null))])).map((b) => [b.id, b]));
  const units = new Map((await unitRefs(db, [...new Set(rows.map((r) => r.unitId).filter((x): x is number => x !== null))])).map((u) => [u.id, u]));
  const zones = new Map<number, Ref>();
  for (const communityId of new Set(rows.filter((r) => r.zoneId !== null).map((r) => r.regionId))) {
    // Zones are listed per community in the caller's scope; a community outside it names none.
    const list = await listZones(db as Db, ctx, communityId).catch(() => []);
    for (const z of list) zones.set(z.id, { id: z.id, name: z.name });
  }
  return rows.map((r) => ({
    id: r.id,
    workerId: r.workerId,
    worker: { id: r.workerId, name: r.workerName },
    kind: r.kind as PositionKind,
    kindLabel: POSITION_KINDS[r.kind as PositionKind] ?? r.kind,
    region: { id: r.regionId, name: r.regionName, level: r.regionLevel },
    building: r.buildingId !== null ? { id: r.buildingId, name: buildings.get(r.buildingId)?.name ?? `#${r.buildingId}` } : null,
    unit: r.unitId !== null ? { id: r.unitId, name: units.get(r.unitId)?.label ?? `#${r.unitId}` } : null,
    team: r.teamId !== null ? { id: r.teamId, name: r.teamName ?? `#${r.teamId}` } : null,
    zone: r.zoneId !== null ? (zones.get(r.zoneId) ?? { id: r.zoneId, name: `#${r.zoneId}` }) : null,
    isLeader: r.isLeader,
    startOn: r.startOn,
    endOn: r.endOn,
    current: isCurrent(r, day),
    note: r.note,
    version: r.version,
  }));
}

/**
 * Workers with the positions the caller may see: `current` positions only in lists, every one
 * (history too) in the detail.
 */
export async function presentWorkers(db: DbOrTx, ctx: RequestContext, rows: WorkerListRow[], day: string, which: 'current' | 'all', positionScope = ctx.actor.scope): Promise<WorkerView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const positionRows = await positionsRepo.listPositions(scoped(db, positionScope), { workerIds: ids, current: which === 'current', today: day });
  const positions = await presentPositions(db, ctx, positionRows, day);
  const byWorker = new Map<number, PositionView[]>();
  for (const p of positions) byWorker.set(p.workerId, [...(byWorker.get(p.workerId) ?? []), p]);
  const users = new Map((await userNames(db, [...new Set(rows.map((r) => r.userId).filter((x): x is number => x !== null))])).map((u) => [u.id, u]));
  const residentIds = [...new Set(rows.map((r) => r.residentId).filter((x): x is number => x !== null))];
  const residents = new Map((await residentRefs(scoped(db, ctx.actor.scope), residentIds)).map((r) => [r.id, r]));
  const departments = rows.some((r) => r.departmentId !== null) ? await visibleDepartments(db, ctx) : new Map<number, Ref>();
  return rows.map((r) => {
    const u = r.userId !== null ? users.get(r.userId) : undefined;
    return {
      id: r.id,
      name: r.name,
      gender: r.gender,
      mobileMasked: r.mobileMasked,
      user: u ? { id: u.id, username: u.username, displayName: u.displayName } : null,
      // A resident outside the caller's scope is named by the worker's own name, never looked up.
      resident: r.residentId !== null ? { id: r.residentId, name: residents.get(r.residentId)?.name ?? r.name } : null,
      region: { id: r.regionId, name: r.regionName, level: r.regionLevel },
      sendingUnitKind: (r.sendingUnitKind as WorkerView['sendingUnitKind']) ?? null,
      sendingUnit: r.sendingUnit,
      department: r.departmentId !== null ? (departments.get(r.departmentId) ?? { id: r.departmentId, name: r.sendingUnit || `#${r.departmentId}` }) : null,
      note: r.note,
      positions: byWorker.get(r.id) ?? [],
      archivedAt: r.archivedAt?.toISOString() ?? null,
      version: r.version,
    };
  });
}
