// Grid zones (网格片): grids of one community grouped under a zone chief (片长) and deputies
// (副片长). A grid belongs to at most one active zone.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped } from '../../shared/scoped.ts';
import { getUser, userNames } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { listChildren, loadInScope, type RegionSummary } from '../regions/index.ts';
import * as repo from './zones.repository.ts';
import type { ZoneInput, ZoneView } from './zones.views.ts';

export type { ZoneView, ZoneInput };

async function present(db: DbOrTx, ctx: RequestContext, zones: repo.ZoneRow[]): Promise<ZoneView[]> {
  if (zones.length === 0) return [];
  const names = new Map((await userNames(db, [...new Set(zones.flatMap((z) => [z.chiefUserId ?? 0, ...z.deputyUserIds]).filter(Boolean))])).map((u) => [u.id, u]));
  const grids = new Map((await listChildren(db as Db, ctx, zones[0].communityId, false)).map((g) => [g.id, g]));
  const person = (id: number) => ({ id, displayName: names.get(id)?.displayName ?? String(id) });
  return zones.map((z) => ({
    id: z.id,
    communityId: z.communityId,
    name: z.name,
    chief: z.chiefUserId ? person(z.chiefUserId) : null,
    deputies: z.deputyUserIds.map(person),
    grids: z.gridIds.map((g) => grids.get(g)).filter((g): g is RegionSummary => !!g),
    version: z.version,
  }));
}

/** Checks grids (active grids of the community, in no other zone) and people (visible to the caller). */
async function validate(db: DbOrTx, ctx: RequestContext, communityId: number, input: ZoneInput, selfId: number | null): Promise<void> {
  if (!input.name.trim()) throw new AppError('ZONE_INVALID', { reason: 'name' });
  const grids = new Set((await listChildren(db, ctx, communityId, false)).map((g) => g.id));
  for (const g of input.gridIds) if (!grids.has(g)) throw new AppError('ZONE_INVALID', { reason: `grid ${g} is not an active grid of this community` });
  const others = (await repo.listZones(scoped(db, ctx.actor.scope), communityId)).filter((z) => z.id !== selfId);
  for (const z of others) {
    const clash = z.gridIds.find((g) => input.gridIds.includes(g));
    if (clash) throw new AppError('ZONE_GRID_TAKEN', { grid: clash, zone: z.name });
  }
  if (input.chiefUserId !== null && input.deputyUserIds.includes(input.chiefUserId)) throw new AppError('ZONE_INVALID', { reason: 'chief is also a deputy' });
  for (const u of [input.chiefUserId, ...input.deputyUserIds]) if (u !== null) await getUser(db, ctx, u);
}

export async function listZones(db: Db, ctx: RequestContext, communityId: number): Promise<ZoneView[]> {
  const sdb = scoped(db, ctx.actor.scope);
  const community = await loadInScope(sdb, communityId);
  if (community.level !== 4) throw new AppError('ZONE_INVALID', { reason: 'zones belong to communities' });
  return present(db, ctx, await repo.listZones(sdb, communityId));
}

export async function createZone(db: Db, ctx: RequestContext, communityId: number, input: ZoneInput): Promise<ZoneView> {
  assertPermission(ctx, 'regions.write');
  const community = await loadInScope(scoped(db, ctx.actor.scope), communityId);
  if (community.level !== 4) throw new AppError('ZONE_INVALID', { reason: 'zones belong to communities' });
  const row = await db.transaction(async (tx) => {
    // Check and write under one lock: otherwise two requests could both claim the same grid.
    await repo.lockCommunityZones(tx, communityId);
    await validate(tx, ctx, communityId, input, null);
    const z = await repo.insertZone(tx, { communityId, name: input.name.trim(), gridIds: [...new Set(input.gridIds)], chiefUserId: input.chiefUserId, deputyUserIds: [...new Set(input.deputyUserIds)] });
    await recordAudit(tx, ctx, { action: 'zone.create', entityType: 'gridZone', entityId: z.id, regionPath: community.path, after: z });
    return { ...z, communityPath: community.path };
  });
  return (await present(db, ctx, [row]))[0];
}

async function loadZone(db: DbOrTx, ctx: RequestContext, id: number): Promise<repo.ZoneRow> {
  const z = await repo.findZone(scoped(db, ctx.actor.scope), id);
  if (z) return z;
  throw new AppError((await repo.unscopedZoneExists(db, id)) ? 'SCOPE_DENIED' : 'ZONE_NOT_FOUND');
}

export async function updateZone(db: Db, ctx: RequestContext, id: number, version: number, input: ZoneInput): Promise<ZoneView> {
  assertPermission(ctx, 'regions.write');
  const after = await db.transaction(async (tx) => {
    const before = await loadZone(tx, ctx, id);
    if (before.archivedAt) throw new AppError('ZONE_ARCHIVED');
    await repo.lockCommunityZones(tx, before.communityId);
    await validate(tx, ctx, before.communityId, input, id);
    const z = await repo.updateZone(tx, id, version, { name: input.name.trim(), gridIds: [...new Set(input.gridIds)], chiefUserId: input.chiefUserId, deputyUserIds: [...new Set(input.deputyUserIds)] });
    if (!z) throw new AppError('REGION_VERSION_CONFLICT');
    await recordAudit(tx, ctx, { action: 'zone.update', entityType: 'gridZone', entityId: id, regionPath: before.communityPath, before, after: z });
    return { ...z, communityPath: before.communityPath };
  });
  return (await present(db, ctx, [after]))[0];
}

export async function archiveZone(db: Db, ctx: RequestContext, id: number, version?: number): Promise<void> {
  assertPermission(ctx, 'regions.write');
  await db.transaction(async (tx) => {
    const before = await loadZone(tx, ctx, id);
    if (before.archivedAt) throw new AppError('ZONE_ARCHIVED');
    // A client that read the zone passes its version, so an archive cannot silently undo an edit.
    const z = await repo.updateZone(tx, id, version ?? before.version, { archivedAt: new Date() });
    if (!z) throw new AppError('REGION_VERSION_CONFLICT');
    await recordAudit(tx, ctx, { action: 'zone.archive', entityType: 'gridZone', entityId: id, regionPath: before.communityPath, before });
  });
}
