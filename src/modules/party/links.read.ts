// Household links (联户), the reads: liaison households with their load against the configured
// ranges, one liaison with its households, the building view used to assign them, the coverage
// report (households linked and not, by child region, and everyone out of range), and the
// households still free to link.
import type { Db, DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { listChildren, loadInScope } from '../regions/index.ts';
import { dwellingAddress, ENTITY_NAMES, getFloorPlan } from '../registry/index.ts';
import { coverageRatio, outOfRangeOrder, rangeState, tally } from './links.rules.ts';
import * as repo from './links.repository.ts';
import type { BuildingLinksView, CoverageRow, CoverageView, LiaisonDetail, LiaisonView, UnlinkedHouseholdView } from './links.views.ts';
import { loadPartyScoped } from './party.common.ts';
import type { PartyRules } from './party.model.ts';
import { getPartyRules } from './rules.service.ts';

/** The configured ranges (settings `party.rules`, kept by the rules area of this module). */
const partyRules = (db: DbOrTx): Promise<PartyRules> => getPartyRules(db);

const addressOf = (c: repo.HouseholdCard | undefined): string | null =>
  c && c.building !== null && c.unitNumber !== null && c.room !== null ? dwellingAddress(c.estate, c.building, c.unitNumber, c.room) : null;

async function present(db: DbOrTx, rows: repo.LiaisonListRow[], rules: PartyRules): Promise<LiaisonView[]> {
  const cards = await repo.householdCards(db, rows.map((r) => r.liaison.householdId));
  return rows.map((r) => {
    const l = r.liaison;
    const state = rangeState(r.linkedCount, rules.householdsPerLiaison);
    return {
      id: l.id,
      household: { id: l.householdId, number: r.householdNumber, address: addressOf(cards.get(l.householdId)) },
      member: { id: l.memberId, name: r.memberName ?? '' },
      leader: l.leaderMemberId === null ? null : { id: l.leaderMemberId, name: r.leaderName ?? '' },
      linkedCount: r.linkedCount,
      inRange: state === 'in',
      rangeState: state,
      region: { id: l.regionId, name: r.regionName ?? '' },
      version: l.version,
      archivedAt: l.archivedAt?.toISOString() ?? null,
    };
  });
}

export interface LiaisonQuery {
  regionId?: number;
  leaderMemberId?: number;
  includeArchived?: boolean;
  limit?: number;
  offset?: number;
}

export async function listLiaisons(db: Db, ctx: RequestContext, q: LiaisonQuery): Promise<{ items: LiaisonView[]; total: number }> {
  const sdb = scoped(db, ctx.actor.scope);
  const f: repo.LiaisonFilter = { leaderMemberId: q.leaderMemberId, includeArchived: q.includeArchived };
  if (q.regionId !== undefined) f.path = (await loadInScope(sdb, q.regionId)).path;
  const [rows, total, rules] = await Promise.all([repo.listLiaisons(sdb, f, q.limit ?? 500, q.offset ?? 0), repo.countLiaisons(sdb, f), partyRules(db)]);
  return { items: await present(db, rows, rules), total };
}

export async function getLiaison(db: Db, ctx: RequestContext, id: number): Promise<LiaisonDetail> {
  const sdb = scoped(db, ctx.actor.scope);
  await loadPartyScoped('liaisonHousehold', () => repo.findLiaison(sdb, id), () => repo.unscopedLiaisonExists(db, id));
  const rules = await partyRules(db);
  const [row] = await repo.listLiaisons(sdb, { ids: [id], includeArchived: true });
  const [view] = await present(db, [row], rules);
  const links = await repo.activeLinks(db, id);
  const cards = await repo.householdCards(db, links.map((l) => l.householdId));
  const leaderId = row.liaison.leaderMemberId;
  const load = leaderId === null ? null : ((await repo.leaderLoads(db, [leaderId])).get(leaderId) ?? 0);
  return {
    ...view,
    households: links.map((l) => {
      const c = cards.get(l.householdId);
      return {
        id: l.householdId,
        number: c?.number ?? '',
        address: addressOf(c),
        headName: c?.headName ?? null,
        region: { id: c?.regionId ?? 0, name: c?.regionName ?? '' },
        linkedOn: l.linkedOn,
        archived: !!c?.archivedAt,
      };
    }),
    leaderLoad: load === null ? null : { count: load, rangeState: rangeState(load, rules.liaisonsPerLeader) },
  };
}

/** 楼栋联户图: the building's floor × unit table, each dwelling's households and their link state. */
export async function buildingLinks(db: Db, ctx: RequestContext, buildingId: number): Promise<BuildingLinksView> {
  const sdb = scoped(db, ctx.actor.scope);
  const plan = await getFloorPlan(db, ctx, buildingId);
  const cells = plan.floors.flatMap((f) => f.cells.flatMap((unitCells) => unitCells.map((c) => ({ dwellingId: c.dwellingId, floor: f.floor, unit: c.unitNumber, number: c.number }))));
  const hs = await repo.householdsOfDwellings(sdb, cells.map((c) => c.dwellingId));
  const liaisonIds = [...new Set(hs.flatMap((h) => [h.liaisonId, h.ownLiaisonId]).filter((x): x is number => x !== null))];
  const rules = await partyRules(db);
  const liaisons = await present(db, await repo.listLiaisons(sdb, { ids: liaisonIds }), rules);
  const byId = new Map(liaisons.map((l) => [l.id, l]));
  const byDwelling = new Map<number, repo.DwellingHousehold[]>();
  for (const h of hs) byDwelling.set(h.dwellingId, [...(byDwelling.get(h.dwellingId) ?? []), h]);
  const b = plan.building;
  const linked = hs.filter((h) => h.liaisonId !== null).length;
  const own = hs.filter((h) => h.ownLiaisonId !== null).length;
  return {
    building: { id: b.id, name: [b.estateName, /[栋幢号楼座]$/.test(b.number) ? b.number : `${b.number}栋`].filter(Boolean).join(' '), estateName: b.estateName, floors: b.floors, unitCount: b.unitCount },
    units: plan.units,
    floors: plan.floors.map((f) => f.floor),
    cells: cells.map((c) => ({
      ...c,
      households: (byDwelling.get(c.dwellingId) ?? []).map((h) => ({
        id: h.id,
        number: h.number,
        headName: h.headName,
        liaisonId: h.liaisonId,
        // A liaison outside the caller's scope (a neighbouring grid of the community) is not named.
        liaisonMemberName: h.liaisonId === null ? null : (byId.get(h.liaisonId)?.member.name ?? null),
        isLiaison: h.ownLiaisonId !== null,
        ownLiaisonId: h.ownLiaisonId,
      })),
    })),
    liaisons,
    summary: { households: hs.length, linked: linked + own, liaisons: own, unlinked: hs.length - linked - own },
  };
}

async function reportRegion(sdb: ScopedDb, regionId: number | undefined) {
  const id = regionId ?? sdb.scope.regionId;
  return id === null || id === undefined ? null : loadInScope(sdb, id);
}

export async function coverage(db: Db, ctx: RequestContext, regionId?: number): Promise<CoverageView> {
  const sdb = scoped(db, ctx.actor.scope);
  const region = await reportRegion(sdb, regionId);
  const path = region?.path ?? '/';
  const depth = region ? region.path.split('/').filter(Boolean).length : 0;
  const rules = await partyRules(db);
  const groups = await repo.householdsByChild(sdb, path, depth);
  const children = region ? await listChildren(db, ctx, region.id, true) : [];
  const childName = new Map(children.map((c) => [String(c.id), c.name]));
  // Whole-system callers (no region) get one row per root region.
  if (!region) for (const g of groups) if (g.child) childName.set(g.child, (await loadInScope(sdb, Number(g.child))).name);
  const rows: CoverageRow[] = [];
  for (const c of children.filter((x) => !x.archived || groups.some((g) => g.child === String(x.id)))) {
    const g = groups.find((x) => x.child === String(c.id));
    rows.push(row({ id: c.id, name: c.name }, g?.households ?? 0, g?.linked ?? 0));
  }
  for (const g of groups) {
    if (g.child === '' && region) rows.push(row({ id: region.id, name: region.name }, g.households, g.linked));
    else if (!region || !children.some((c) => String(c.id) === g.child)) rows.push(row({ id: Number(g.child), name: childName.get(g.child) ?? g.child }, g.households, g.linked));
  }
  const households = groups.reduce((s, g) => s + g.households, 0);
  const linked = groups.reduce((s, g) => s + g.linked, 0);
  const liaisonRows = await repo.listLiaisons(sdb, { path }, 1_000_000);
  const liaisonTally = tally('liaison', liaisonRows.map((r) => ({ id: r.liaison.id, name: `${r.memberName ?? ''}（${r.householdNumber}）`, count: r.linkedCount })), rules.householdsPerLiaison);
  const leaderNames = new Map(liaisonRows.flatMap((r) => (r.liaison.leaderMemberId === null ? [] : [[r.liaison.leaderMemberId, r.leaderName ?? ''] as const])));
  const loads = await repo.leaderLoads(db, [...leaderNames.keys()]);
  const leaderTally = tally('leader', [...leaderNames].map(([id, name]) => ({ id, name, count: loads.get(id) ?? 0 })), rules.liaisonsPerLeader);
  return {
    region: region ? { id: region.id, name: region.name } : null,
    rules,
    households,
    linked,
    unlinked: households - linked,
    coverage: coverageRatio(linked, households),
    liaisons: { total: liaisonTally.total, below: liaisonTally.below, above: liaisonTally.above },
    leaders: { total: leaderTally.total, below: leaderTally.below, above: leaderTally.above },
    byChild: rows,
    outOfRange: [...leaderTally.out, ...liaisonTally.out].sort(outOfRangeOrder),
  };
}

function row(region: { id: number; name: string }, households: number, linked: number): CoverageRow {
  return { region, households, linked, unlinked: households - linked, coverage: coverageRatio(linked, households) };
}

export interface UnlinkedQuery {
  regionId?: number;
  buildingId?: number;
  limit?: number;
  offset?: number;
}

export async function unlinkedHouseholds(db: Db, ctx: RequestContext, q: UnlinkedQuery): Promise<{ items: UnlinkedHouseholdView[]; total: number }> {
  const sdb = scoped(db, ctx.actor.scope);
  const region = await reportRegion(sdb, q.regionId);
  if (q.buildingId !== undefined && !(await repo.buildingInScope(sdb, q.buildingId))) {
    throw (await repo.unscopedBuildingExists(db, q.buildingId)) ? new AppError('SCOPE_DENIED') : new AppError('PARTY_NOT_FOUND', { entity: ENTITY_NAMES.building });
  }
  const f: repo.UnlinkedFilter = { path: region?.path ?? '/', buildingId: q.buildingId };
  const [ids, total] = await Promise.all([repo.unlinkedHouseholds(sdb, f, q.limit ?? 50, q.offset ?? 0), repo.countUnlinked(sdb, f)]);
  const cards = await repo.householdCards(db, ids);
  return {
    items: ids.map((id) => {
      const c = cards.get(id)!;
      return { id, number: c.number, address: addressOf(c), headName: c.headName, region: { id: c.regionId, name: c.regionName ?? '' } };
    }),
    total,
  };
}
