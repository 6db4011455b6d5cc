// Visits (走访) from a phone: the caller checks in with their own worker record to a region where
// they hold a current position (a grid or one of its micro-grids, or their stationed team's
// community), with one visit open at a time; check-in and check-out points are flagged when they
// lie outside the region's boundary; the residents and households seen come from the registry.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import { WHOLE_SYSTEM, type RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { boundaryContains, findRegionById, loadInScope, type Boundary } from '../regions/index.ts';
import { householdMemberIds, householdRefs, registryRowExists, residentRefs } from '../registry/index.ts';
import { currentPositionsOfWorker } from './positions.repository.ts';
import * as repo from './visits.repository.ts';
import { loadOwnVisit, ownWorker, presentDetail, presentVisits } from './visits.present.ts';
import type { CheckInInput, CheckOutInput, VisitDetail, VisitView } from './visits.views.ts';
import { checkPoint, checkText, invalid, today } from './workers.common.ts';
import { isUniqueViolation } from './workers.repository.ts';
import { workforceConflict } from './workforce.common.ts';
import { VISIT_PURPOSES } from './workforce.model.ts';

const MAX_PEOPLE = 300;

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai, for messages. */
const shanghaiTime = (t: Date) => new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Outside the boundary? null when there is no point or the region has no boundary. */
export function outsideOf(boundary: Boundary | null, point: { lng: number; lat: number } | null): boolean | null {
  if (!point || !boundary) return null;
  return !boundaryContains(boundary, point.lng, point.lat);
}

async function visitView(db: DbOrTx, id: number): Promise<VisitView> {
  return (await presentVisits(db, [(await repo.visitById(db, id))!]))[0];
}

/** The open visit is named in the details, so the phone can offer to check out of it. */
const openError = (v: repo.VisitListRow) => new AppError('WORKFORCE_VISIT_OPEN', { region: v.regionName, since: shanghaiTime(v.checkInAt) }, { visitId: v.id, regionId: v.regionId });

export async function checkIn(db: Db, ctx: RequestContext, input: CheckInInput): Promise<VisitView> {
  assertPermission(ctx, 'workforce.visit');
  const point = checkPoint(input.lng, input.lat);
  if (input.purpose !== undefined && !(input.purpose in VISIT_PURPOSES)) throw invalid('purpose', `只能是 ${Object.keys(VISIT_PURPOSES).join('/')}`, `one of ${Object.keys(VISIT_PURPOSES).join('/')}`);
  // The region first: a region outside the caller's scope is refused as such, whoever asks.
  const region = await loadInScope(scoped(db, ctx.actor.scope), input.regionId);
  const worker = await ownWorker(db, ctx);
  if (region.archivedAt) throw invalid('region', '该区域已撤销', 'the region is archived');
  // A position gives access to its region and everything below it (a grid's micro-grids).
  const posts = (await currentPositionsOfWorker(db, worker.id, today())).filter((p) => region.path.startsWith(p.regionPath));
  let teamId: number | null = null;
  if (input.teamId !== undefined) {
    if (!posts.some((p) => p.kind === 'stationedMember' && p.teamId === input.teamId)) throw new AppError('WORKFORCE_VISIT_NOT_POSTED', { region: region.name });
    teamId = input.teamId;
  } else {
    if (posts.length === 0) throw new AppError('WORKFORCE_VISIT_NOT_POSTED', { region: region.name });
    // Only a stationed member there: the visit counts for their team.
    if (posts.every((p) => p.kind === 'stationedMember')) teamId = posts[0].teamId;
  }
  const purpose = input.purpose ?? (teamId !== null ? 'stationed' : 'patrol');
  const outside = outsideOf((region.boundary as Boundary | null) ?? null, point);
  try {
    const id = await db.transaction(async (tx) => {
      await repo.lockWorker(tx, worker.id);
      const open = await repo.openVisitOf(tx, worker.id);
      if (open) throw openError(open);
      const v = await repo.insertVisit(tx, {
        workerId: worker.id,
        regionId: region.id,
        regionPath: region.path,
        teamId,
        purpose,
        checkInAt: new Date(),
        checkInLng: point?.lng ?? null,
        checkInLat: point?.lat ?? null,
        checkInOutside: outside,
      });
      await recordAudit(tx, ctx, { action: 'visit.checkIn', entityType: 'visit', entityId: v.id, regionPath: v.regionPath, after: v });
      return v.id;
    });
    return visitView(db, id);
  } catch (e) {
    if (isUniqueViolation(e, 'visits_open_uq')) {
      const open = await repo.openVisitOf(db, worker.id);
      if (open) throw openError(open);
    }
    throw e;
  }
}

export async function checkOut(db: Db, ctx: RequestContext, id: number, input: CheckOutInput): Promise<VisitView> {
  assertPermission(ctx, 'workforce.visit');
  const point = checkPoint(input.lng, input.lat);
  const notes = input.notes !== undefined ? checkText('notes', input.notes, 2000) : undefined;
  await db.transaction(async (tx) => {
    const { visit } = await loadOwnVisit(tx, ctx, id, { open: true });
    const region = await findRegionById(scoped(tx, WHOLE_SYSTEM), visit.regionId);
    const after = await repo.updateVisit(tx, id, visit.version, {
      checkOutAt: new Date(),
      checkOutLng: point?.lng ?? null,
      checkOutLat: point?.lat ?? null,
      checkOutOutside: outsideOf((region?.boundary as Boundary | null) ?? null, point),
      ...(notes !== undefined ? { notes } : {}),
    });
    if (!after) throw workforceConflict();
    await recordAudit(tx, ctx, { action: 'visit.checkOut', entityType: 'visit', entityId: id, regionPath: visit.regionPath, after });
  });
  return visitView(db, id);
}

/**
 * Replaces the residents and households seen. Each must be in the caller's scope and live in the
 * visit's region; `peopleCount` becomes the distinct residents seen: those listed plus the
 * current members of the households listed.
 */
export async function setVisitPeople(db: Db, ctx: RequestContext, id: number, input: { residentIds: number[]; householdIds: number[] }): Promise<VisitDetail> {
  assertPermission(ctx, 'workforce.visit');
  const residentIds = [...new Set(input.residentIds)];
  const householdIds = [...new Set(input.householdIds)];
  if (residentIds.length > MAX_PEOPLE) throw invalid('residents', `一次最多 ${MAX_PEOPLE} 人`, `at most ${MAX_PEOPLE}`);
  if (householdIds.length > MAX_PEOPLE) throw invalid('households', `一次最多 ${MAX_PEOPLE} 户`, `at most ${MAX_PEOPLE}`);
  await db.transaction(async (tx) => {
    const { visit } = await loadOwnVisit(tx, ctx, id);
    const sdb = scoped(tx, ctx.actor.scope);
    const inRegion = (path: string) => path.startsWith(visit.regionPath);
    const residents = new Map((await residentRefs(sdb, residentIds)).map((r) => [r.id, r]));
    for (const rid of residentIds) {
      const r = residents.get(rid);
      if (!r) {
        if (await registryRowExists(tx, 'resident', rid)) throw new AppError('SCOPE_DENIED');
        throw invalid('residents', `居民 ${rid} 不存在`, `resident ${rid} does not exist`);
      }
      if (r.archived) throw invalid('residents', `居民「${r.name}」已迁出或注销`, `resident ${r.name} has left`);
      if (!inRegion(r.regionPath)) throw invalid('residents', `居民「${r.name}」不在「${visit.regionName}」`, `resident ${r.name} does not live in ${visit.regionName}`);
    }
    const households = new Map((await householdRefs(sdb, householdIds)).map((h) => [h.id, h]));
    for (const hid of householdIds) {
      const h = households.get(hid);
      if (!h) {
        if (await registryRowExists(tx, 'household', hid)) throw new AppError('SCOPE_DENIED');
        throw invalid('households', `住户 ${hid} 不存在`, `household ${hid} does not exist`);
      }
      if (h.archived) throw invalid('households', `住户 ${h.number} 已注销`, `household ${h.number} is archived`);
      if (!inRegion(h.regionPath)) throw invalid('households', `住户 ${h.number} 不在「${visit.regionName}」`, `household ${h.number} is not in ${visit.regionName}`);
    }
    // A household listed is recorded as the members it has now (resident + household per row):
    // who was seen stays fixed when people later move, and the weekly rule counts residents
    // without reading the registry.
    const members = await householdMemberIds(sdb, householdIds);
    const seen = new Set([...residentIds, ...members.map((m) => m.residentId)]);
    const before = await repo.peopleOf(tx, id);
    await repo.replacePeople(tx, id, residentIds, householdIds, members);
    const after = await repo.updateVisit(tx, id, visit.version, { peopleCount: seen.size });
    if (!after) throw workforceConflict();
    await recordAudit(tx, ctx, {
      action: 'visit.people',
      entityType: 'visit',
      entityId: id,
      regionPath: visit.regionPath,
      before: { people: before, peopleCount: visit.peopleCount },
      after: { residentIds, householdIds, peopleCount: seen.size },
    });
  });
  return presentDetail(db, ctx, (await repo.visitById(db, id))!);
}
