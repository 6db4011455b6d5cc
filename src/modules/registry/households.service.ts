// Households (户): founded by their head, joined by members, left on moves and deaths. A household
// with members always has a head: when the head leaves, the caller names a successor from the
// remaining members (or the move/archive is refused); when the last member leaves, the household
// is archived and stops counting.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { loadInScope, regionSummariesByIds } from '../regions/index.ts';
import * as repo from './households.repository.ts';
import { CounterDeltas, ENTITY_NAMES, invalidField, loadScoped, type Placement } from './registry.common.ts';
import { dwellingPlaces } from './residents.addresses.repository.ts';
import { householdMeasures } from './residents.measures.ts';
import { regionRef, toHouseholdView } from './residents.presenter.ts';
import * as residentsRepo from './residents.repository.ts';
import type { HouseholdList, HouseholdView } from './residents.views.ts';

export async function loadHousehold(sdb: ScopedDb, id: number): Promise<repo.HouseholdRow> {
  return loadScoped('household', () => repo.findHousehold(sdb, id), () => repo.unscopedHouseholdExists(sdb.db, id));
}

/** Founds a household (head set by `setHead` once the head's row exists) and counts it. */
export async function foundHousehold(tx: DbOrTx, region: Placement, dwellingId: number | null, deltas: CounterDeltas): Promise<repo.HouseholdRow> {
  const [id] = await repo.reserveHouseholdIds(tx, 1);
  const h = await repo.insertHousehold(tx, { id, number: repo.householdNumber(id), regionId: region.id, regionPath: region.path, dwellingId });
  deltas.change(null, { path: region.path, measures: householdMeasures() });
  return h;
}

export async function setHead(tx: DbOrTx, householdId: number, residentId: number): Promise<void> {
  await repo.updateHousehold(tx, householdId, null, { headResidentId: residentId });
}

/** A household someone may join: in scope, active; as head only if it has none. */
export async function joinable(sdb: ScopedDb, id: number, asHead: boolean): Promise<repo.HouseholdRow> {
  const h = await loadHousehold(sdb, id);
  if (h.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.household });
  if (asHead && h.headResidentId !== null) throw invalidField({ zh: '与户主关系', en: 'relation to the household head' }, { zh: `户 ${h.number} 已有户主`, en: `household ${h.number} already has a head` });
  return h;
}

/**
 * Takes a resident out of their household. A head leaving members behind must name one of them as
 * the new head (`newHeadResidentId`); otherwise the change is refused. The last one out archives it.
 */
export async function leaveHousehold(tx: DbOrTx, resident: residentsRepo.ResidentRow, newHeadResidentId: number | undefined, deltas: CounterDeltas): Promise<void> {
  if (resident.householdId === null) return;
  const [h] = await repo.householdsByIds(scoped(tx, { regionId: null, path: '/' }), [resident.householdId]);
  if (!h || h.archivedAt) return;
  const others = (await residentsRepo.activeMembers(tx, [h.id])).filter((m) => m.id !== resident.id);
  if (others.length === 0) {
    await repo.updateHousehold(tx, h.id, null, { archivedAt: new Date() });
    deltas.change({ path: h.regionPath, measures: householdMeasures() }, null);
    return;
  }
  if (h.headResidentId !== resident.id) return;
  const successor = others.find((m) => m.id === newHeadResidentId);
  if (!successor) {
    throw new AppError('REGISTRY_IN_USE', {
      entity: ENTITY_NAMES.household,
      reason: { zh: `${resident.name}是户主，户内还有 ${others.length} 人，请指定其中一人为新户主`, en: `${resident.name} heads it and ${others.length} other member(s) remain; name one of them as the new head` },
    });
  }
  await repo.updateHousehold(tx, h.id, null, { headResidentId: successor.id });
  await residentsRepo.setHouseholdRole(tx, successor.id, 'head');
}

async function present(sdb: ScopedDb, rows: repo.HouseholdRow[], withMembers: boolean): Promise<HouseholdView[]> {
  if (rows.length === 0) return [];
  const regions = new Map((await regionSummariesByIds(sdb, [...new Set(rows.map((h) => h.regionId))])).map((r) => [r.id, r]));
  const places = await dwellingPlaces(sdb, rows.flatMap((h) => (h.dwellingId ? [h.dwellingId] : [])));
  const counts = await residentsRepo.memberCounts(sdb.db, rows.map((h) => h.id));
  const members = withMembers ? await residentsRepo.activeMembers(sdb.db, rows.map((h) => h.id)) : [];
  const heads = new Map(
    (withMembers ? members : await residentsRepo.findResidentsByIds(sdb, rows.flatMap((h) => (h.headResidentId ? [h.headResidentId] : [])))).map((m) => [m.id, m.name]),
  );
  return rows.map((h) =>
    toHouseholdView(h, {
      region: regionRef(regions.get(h.regionId)),
      place: h.dwellingId ? places.get(h.dwellingId) : undefined,
      members: withMembers ? members.filter((m) => m.householdId === h.id) : null,
      memberCount: counts.get(h.id) ?? 0,
      headName: h.headResidentId ? (heads.get(h.headResidentId) ?? null) : null,
    }),
  );
}

export async function householdView(sdb: ScopedDb, h: repo.HouseholdRow): Promise<HouseholdView> {
  return (await present(sdb, [h], true))[0];
}

export interface HouseholdQuery {
  regionId?: number;
  dwellingId?: number;
  includeArchived?: boolean;
  limit?: number;
  offset?: number;
}

export async function listHouseholds(db: Db, ctx: RequestContext, q: HouseholdQuery): Promise<HouseholdList> {
  const sdb = scoped(db, ctx.actor.scope);
  const filter: repo.HouseholdFilter = { dwellingId: q.dwellingId, includeArchived: q.includeArchived };
  if (q.regionId !== undefined) filter.regionPath = (await loadInScope(sdb, q.regionId)).path;
  const [rows, count] = await Promise.all([repo.listHouseholds(sdb, filter, q.limit ?? 50, q.offset ?? 0), repo.countHouseholds(sdb, filter)]);
  const items = (await present(sdb, rows, false)).map(({ members: _m, ...rest }) => rest);
  return { items, total: count.total, totalCapped: count.capped };
}

export async function getHousehold(db: Db, ctx: RequestContext, id: number): Promise<HouseholdView> {
  const sdb = scoped(db, ctx.actor.scope);
  return householdView(sdb, await loadHousehold(sdb, id));
}

/** Names another member as head; the old head's relation becomes 'other' until someone edits it. */
export async function changeHead(db: Db, ctx: RequestContext, id: number, input: { headResidentId: number; version: number }): Promise<HouseholdView> {
  assertPermission(ctx, 'registry.write');
  await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const h = await loadHousehold(sdb, id);
    if (h.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.household });
    const members = await residentsRepo.activeMembers(tx, [h.id]);
    const next = members.find((m) => m.id === input.headResidentId);
    if (!next) throw invalidField({ zh: '户主', en: 'household head' }, { zh: '须为本户成员', en: 'must be a member of this household' });
    if (h.headResidentId === next.id) {
      if (h.version !== input.version) throw new AppError('REGISTRY_VERSION_CONFLICT');
      return;
    }
    const after = await repo.updateHousehold(tx, h.id, input.version, { headResidentId: next.id });
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    const old = members.find((m) => m.id === h.headResidentId);
    if (old) await residentsRepo.setHouseholdRole(tx, old.id, 'other');
    await residentsRepo.setHouseholdRole(tx, next.id, 'head');
    await recordAudit(tx, ctx, {
      action: 'household.update',
      entityType: 'household',
      entityId: h.id,
      regionPath: h.regionPath,
      before: { headResidentId: h.headResidentId, version: h.version },
      after: { headResidentId: next.id, version: after.version },
    });
  });
  return getHousehold(db, ctx, id);
}
