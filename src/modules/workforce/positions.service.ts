// Positions (岗位): one person may hold several; each sits where its kind allows (positions.place),
// and ends with an end date (history kept). Paired deputies (双副组长): at most two current on a
// grid, one sent by the town and one by a district department. A stationed team has one leader.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { loadInScope } from '../regions/index.ts';
import * as repo from './positions.repository.ts';
import { resolvePlacement } from './positions.place.ts';
import { presentPositions } from './workers.present.ts';
import { checkDay, checkText, invalid, today } from './workers.common.ts';
import { loadWorker } from './workers.service.ts';
import type { PositionInput, PositionView } from './workers.views.ts';
import { loadWorkforceScoped, workforceArchived, workforceConflict } from './workforce.common.ts';
import { POSITION_KINDS, SENDING_UNIT_KINDS, type PositionKind } from './workforce.model.ts';

const sdbOf = (db: DbOrTx, ctx: RequestContext) => scoped(db, ctx.actor.scope);

export const loadPosition = (sdb: ScopedDb, id: number) =>
  loadWorkforceScoped('position', () => repo.findPosition(sdb, id), () => repo.unscopedPositionExists(sdb.db, id));

export interface PositionQuery {
  regionId?: number;
  kind?: string;
  workerId?: number;
  teamId?: number;
  current?: boolean;
}

export async function listPositions(db: Db, ctx: RequestContext, q: PositionQuery): Promise<{ items: PositionView[]; total: number }> {
  const sdb = sdbOf(db, ctx);
  const region = q.regionId ? await loadInScope(sdb, q.regionId) : null;
  if (q.kind && !(q.kind in POSITION_KINDS)) throw invalid('kind', `只能是 ${Object.keys(POSITION_KINDS).join('/')}`, `one of ${Object.keys(POSITION_KINDS).join('/')}`);
  const day = today();
  const rows = await repo.listPositions(sdb, {
    regionPath: region?.path,
    kind: q.kind,
    workerIds: q.workerId ? [q.workerId] : undefined,
    teamIds: q.teamId ? [q.teamId] : undefined,
    current: q.current,
    today: day,
  });
  const items = await presentPositions(db, ctx, rows, day);
  return { items, total: items.length };
}

export async function getPosition(db: DbOrTx, ctx: RequestContext, id: number): Promise<PositionView> {
  const p = await loadPosition(sdbOf(db, ctx), id);
  return (await presentPositions(db, ctx, [p], today()))[0];
}

const unitKindName = (k: string) => SENDING_UNIT_KINDS[k as keyof typeof SENDING_UNIT_KINDS] ?? k;
const unitKindEn = (k: string) => (k === 'town' ? 'the town' : 'a district department');

/** 双副组长: the worker is sent by the town or a department; two seats per grid, one of each. */
async function checkDeputySeat(tx: DbOrTx, worker: { name: string; sendingUnitKind: string | null }, region: { id: number; name: string }, from: string): Promise<void> {
  const unitKind = worker.sendingUnitKind;
  if (unitKind !== 'town' && unitKind !== 'department') throw new AppError('WORKFORCE_DEPUTY_UNIT_REQUIRED', { name: worker.name });
  const seated = await repo.activeDeputies(tx, region.id, from);
  if (seated.length >= 2) throw new AppError('WORKFORCE_DEPUTIES_FULL', { region: region.name });
  const same = seated.find((d) => d.workerSendingUnitKind === unitKind);
  if (same) {
    const other = unitKind === 'town' ? 'department' : 'town';
    throw new AppError('WORKFORCE_DEPUTY_UNIT_TAKEN', {
      region: region.name,
      name: same.workerName,
      unitKind: { zh: unitKindName(unitKind), en: unitKindEn(unitKind) },
      otherKind: { zh: unitKindName(other), en: unitKindEn(other) },
    });
  }
}

export async function createPosition(db: Db, ctx: RequestContext, input: PositionInput): Promise<PositionView> {
  assertPermission(ctx, 'workforce.write');
  if (!(input.kind in POSITION_KINDS)) throw invalid('kind', `只能是 ${Object.keys(POSITION_KINDS).join('/')}`, `one of ${Object.keys(POSITION_KINDS).join('/')}`);
  const startOn = checkDay('startOn', input.startOn);
  const endOn = input.endOn !== undefined ? checkDay('endOn', input.endOn) : null;
  if (endOn !== null && endOn < startOn) throw invalid('endOn', '不能早于开始日期', 'may not be before the start date');
  const note = checkText('note', input.note, 500);
  const id = await db.transaction(async (tx) => {
    const sdb = sdbOf(tx, ctx);
    const worker = await loadWorker(sdb, input.workerId);
    if (worker.archivedAt) throw workforceArchived('worker');
    const place = await resolvePlacement(tx, ctx, sdb, input, startOn);
    // One lock per seat's place: the deputy count and the team's leadership are read and written under it.
    await repo.lockPlace(tx, 'region', place.region.id);
    if (place.teamId !== null) await repo.lockPlace(tx, 'team', place.teamId);
    const seat = { workerId: worker.id, kind: input.kind, regionId: place.region.id, buildingId: place.buildingId, unitId: place.unitId, teamId: place.teamId, zoneId: place.zoneId };
    if (await repo.sameSeat(tx, seat, startOn)) {
      throw new AppError('WORKFORCE_DUPLICATE', { entity: { zh: '该岗位', en: 'This position' }, key: `${worker.name} · ${POSITION_KINDS[input.kind as PositionKind]} · ${place.region.name}` });
    }
    if (input.kind === 'pairedDeputy') await checkDeputySeat(tx, worker, place.region, startOn);
    if (place.isLeader) {
      const leader = await repo.activeLeader(tx, place.teamId!, startOn);
      if (leader) throw new AppError('WORKFORCE_TEAM_LEADER_TAKEN', { name: leader.workerName });
    }
    const p = await repo.insertPosition(tx, { ...seat, regionPath: place.region.path, isLeader: place.isLeader, startOn, endOn, note });
    await recordAudit(tx, ctx, { action: 'position.create', entityType: 'position', entityId: p.id, regionPath: p.regionPath, after: p });
    return p.id;
  });
  return getPosition(db, ctx, id);
}

/** Ends a position on `endOn` (the last day served); the row stays as history. */
export async function endPosition(db: Db, ctx: RequestContext, id: number, version: number | undefined, endOnRaw: string): Promise<PositionView> {
  assertPermission(ctx, 'workforce.write');
  const endOn = checkDay('endOn', endOnRaw);
  await db.transaction(async (tx) => {
    const before = await loadPosition(sdbOf(tx, ctx), id);
    if (before.archivedAt || before.endOn !== null) throw workforceArchived('position');
    if (endOn < before.startOn) throw invalid('endOn', '不能早于开始日期', 'may not be before the start date');
    const after = await repo.updatePosition(tx, id, version ?? before.version, { endOn });
    if (!after) throw workforceConflict();
    await recordAudit(tx, ctx, { action: 'position.end', entityType: 'position', entityId: id, regionPath: before.regionPath, before, after });
  });
  return getPosition(db, ctx, id);
}
