// Moving house (搬迁): a resident goes to another dwelling, household or grid; the old household
// is left (a head leaving members behind must name a successor, else the move is refused), the new
// one joined or founded, counters follow from the old region to the new one, and a resident_moves
// row keeps the history shown on the resident's page.
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { foundHousehold, leaveHousehold, setHead } from './households.service.ts';
import { CounterDeltas, ENTITY_NAMES } from './registry.common.ts';
import { checkIsoDate, throwProblems } from './residents.input.ts';
import type { HouseholdRole } from './residents.model.ts';
import { resolvePlacement } from './residents.placement.ts';
import { auditSnapshot } from './residents.presenter.ts';
import * as repo from './residents.repository.ts';
import { getResident, loadResident, measured, sdbOf } from './residents.service.ts';
import type { ResidentDetail } from './residents.views.ts';

export interface MoveBody {
  dwellingId?: number;
  regionId?: number;
  /** Join this household ... */
  householdId?: number;
  /** ... or found a new one, headed by the mover. Neither: the mover lives outside any household. */
  newHousehold?: boolean;
  householdRole: HouseholdRole;
  movedOn: string;
  reason?: string;
  version: number;
  /** Required when the mover heads a household that keeps other members. */
  newHeadResidentId?: number;
}

export async function moveResident(db: Db, ctx: RequestContext, id: number, body: MoveBody): Promise<ResidentDetail> {
  assertPermission(ctx, 'registry.write');
  const bad = checkIsoDate(body.movedOn);
  if (bad) throwProblems([{ column: 'movedOn', reason: bad }]);
  if (body.dwellingId === undefined && body.regionId === undefined && body.householdId === undefined) {
    throwProblems([{ column: 'regionId', reason: { zh: '须指定迁入的网格、房屋或户', en: 'give the grid, dwelling or household moved to' } }]);
  }
  if (body.newHousehold && body.householdId !== undefined) {
    throwProblems([{ column: 'householdId', reason: { zh: '加入已有户与新立户只能选一个', en: 'either join a household or found a new one, not both' } }]);
  }
  // A head without a household to join founds one: the same as asking for a new household.
  const founds = !!body.newHousehold || (body.householdRole === 'head' && body.householdId === undefined);
  const role: HouseholdRole = founds ? 'head' : body.householdRole;
  await db.transaction(async (tx) => {
    const sdb = sdbOf(tx, ctx);
    const before = await loadResident(sdb, id);
    if (before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.resident });
    if (before.version !== body.version) throw new AppError('REGISTRY_VERSION_CONFLICT');
    const staying = body.householdId !== undefined && body.householdId === before.householdId;
    if (staying && role === 'head' && before.householdRole !== 'head') {
      throwProblems([{ column: 'householdRole', reason: { zh: '更换户主请在户信息中操作', en: 'change the household head on the household' } }]);
    }
    const deltas = new CounterDeltas();
    if (!staying) await leaveHousehold(tx, before, body.newHeadResidentId, deltas);
    const place = await resolvePlacement(sdb, {
      regionId: body.regionId,
      dwellingId: body.dwellingId,
      householdId: staying ? undefined : body.householdId,
      asHead: role === 'head' && !founds,
    });
    const household = staying ? { id: before.householdId! } : (place.household ?? (founds ? await foundHousehold(tx, place.region, place.dwelling?.id ?? null, deltas) : null));
    const after = await repo.updateResident(tx, id, body.version, {
      regionId: place.region.id,
      regionPath: place.region.path,
      dwellingId: place.dwelling?.id ?? null,
      householdId: household?.id ?? null,
      householdRole: staying ? before.householdRole : role,
    });
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    if (household && !staying && role === 'head') await setHead(tx, household.id, id);
    await repo.insertMove(tx, {
      residentId: id,
      kind: 'move',
      movedOn: body.movedOn,
      reason: (body.reason ?? '').trim(),
      fromRegionId: before.regionId,
      fromDwellingId: before.dwellingId,
      fromHouseholdId: before.householdId,
      toRegionId: after.regionId,
      toDwellingId: after.dwellingId,
      toHouseholdId: after.householdId,
      byUserId: ctx.actor.userId,
    });
    deltas.change(measured(before), measured(after));
    await deltas.flush(tx);
    await recordAudit(tx, ctx, { action: 'resident.move', entityType: 'resident', entityId: id, regionPath: after.regionPath, before: auditSnapshot(before), after: auditSnapshot(after) });
  });
  return getResident(db, ctx, id);
}
