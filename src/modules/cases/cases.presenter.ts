// Wire views of cases: list items (one name lookup per kind for a whole page), the detail with its
// timeline, photos, units, whistles and the caller's available actions, and the public follow-up
// view (no staff names, no other reporter data). Only masked mobiles leave through here.
import type { DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { scoped } from '../../shared/scoped.ts';
import { dwellingAddress } from '../registry/index.ts';
import { categoriesWithParents, type CategoryRow } from './cases.categories.repository.ts';
import { availableActions } from './cases.guards.ts';
import * as repo from './cases.read.repository.ts';
import type { CaseDetail, CaseEventView, CaseListItem, CasePhotoView, NamedRef, PublicCaseView, TimeUnit, WhistleView } from './cases.views.ts';
import type { ActorKind, CaseAction, CaseSource, CaseStatus, DeskLevel, HandlingMode, Satisfaction, Stage } from './cases.workflow.ts';

type CaseRow = repo.CaseRow;
const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const idsOf = (path: string) => path.split('/').filter(Boolean).map(Number);

export const photoUrl = (caseId: number, photoId: number) => `/api/v1/cases/${caseId}/photos/${photoId}`;
/** The public page appends `?mobile=` itself: a mobile number never rides in a URL the server hands out. */
export const publicPhotoUrl = (code: string, photoId: number) => `/api/v1/public/cases/${encodeURIComponent(code)}/photos/${photoId}`;

interface Names {
  regions: Map<number, { name: string; level: number }>;
  departments: Map<number, string>;
  categories: Map<number, CategoryRow>;
  parents: Map<string, CategoryRow>;
}

async function loadNames(db: DbOrTx, rows: readonly CaseRow[], extraDepartments: readonly number[] = []): Promise<Names> {
  const regionIds = new Set<number>();
  for (const r of rows) {
    for (const id of idsOf(r.regionPath).slice(2)) regionIds.add(id);
    regionIds.add(r.deskRegionId);
  }
  const depIds = [...rows.map((r) => r.departmentId).filter((d): d is number => d !== null), ...extraDepartments];
  const catIds = [...new Set(rows.map((r) => r.categoryId).filter((c): c is number => c !== null))];
  const [regions, departments, cats] = [await repo.regionNames(db, [...regionIds]), await repo.departmentNames(db, depIds), await categoriesWithParents(db, catIds)];
  return {
    regions,
    departments,
    categories: new Map(cats.map((c) => [c.id, c])),
    parents: new Map(cats.filter((c) => c.parentCode === null).map((c) => [c.code, c])),
  };
}

function categoryOf(row: CaseRow, n: Names): CaseListItem['category'] {
  const c = row.categoryId ? n.categories.get(row.categoryId) : undefined;
  if (!c) return null;
  const p = c.parentCode ? n.parents.get(c.parentCode) : undefined;
  return { id: c.id, code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, parentNameZh: p?.nameZh ?? '', parentNameEn: p?.nameEn ?? '' };
}

const ref = (id: number | null, names: Map<number, string>): NamedRef | null => (id === null ? null : { id, name: names.get(id) ?? '' });

function toListItem(row: CaseRow, n: Names): CaseListItem {
  // Path names from the street down: the city and district are the same for everyone at a desk.
  const pathNames = idsOf(row.regionPath)
    .slice(2)
    .map((id) => n.regions.get(id)?.name ?? '');
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    source: row.source as CaseSource,
    status: row.status as CaseStatus,
    mode: (row.mode as HandlingMode | null) ?? null,
    urgency: row.urgency === 'urgent' ? 'urgent' : 'normal',
    category: categoryOf(row, n),
    region: { id: row.regionId, name: n.regions.get(row.regionId)?.name ?? '', pathNames },
    address: row.address,
    lng: row.lng,
    lat: row.lat,
    level: row.level as DeskLevel,
    desk: { id: row.deskRegionId, name: n.regions.get(row.deskRegionId)?.name ?? '' },
    department: ref(row.departmentId, n.departments),
    stage: (row.stage as Stage | null) ?? null,
    stageDeadlineAt: iso(row.stageDeadlineAt),
    dueAt: iso(row.dueAt),
    timerState: row.timerState as CaseListItem['timerState'],
    returnCount: row.returnCount,
    reworkCount: row.reworkCount,
    reportedAt: row.reportedAt.toISOString(),
    closedAt: iso(row.closedAt),
    satisfaction: (row.satisfaction as Satisfaction | null) ?? null,
    version: row.version,
  };
}

export async function presentList(db: DbOrTx, rows: readonly CaseRow[]): Promise<CaseListItem[]> {
  if (rows.length === 0) return [];
  const n = await loadNames(db, rows);
  return rows.map((r) => toListItem(r, n));
}

type EventRow = Awaited<ReturnType<typeof repo.eventsOf>>[number];

/**
 * Each state change is judged against the deadline of the stage it ended (the last deadline set
 * before it); steps that keep the state (progress, whistles) end no stage and carry null.
 */
export function timelineOf(events: readonly EventRow[], departments: Map<number, string>): CaseEventView[] {
  let running: Date | null = null;
  return events.map((e) => {
    const changes = e.fromStatus !== e.toStatus;
    const late = changes && running ? e.createdAt.getTime() > running.getTime() : null;
    if (changes) running = e.stageDeadlineAt;
    else if (e.stageDeadlineAt) running = e.stageDeadlineAt;
    return {
      id: e.id,
      action: e.action as CaseEventView['action'],
      fromStatus: (e.fromStatus as CaseStatus | null) ?? null,
      toStatus: e.toStatus as CaseStatus,
      actorName: e.actorName,
      actorKind: e.actorKind as ActorKind,
      department: ref(e.departmentId, departments),
      note: e.note,
      data: (e.data as Record<string, unknown> | null) ?? null,
      stageDeadlineAt: iso(e.stageDeadlineAt),
      late,
      createdAt: e.createdAt.toISOString(),
    };
  });
}

type PhotoRow = Awaited<ReturnType<typeof repo.photosOf>>[number];
export const toPhotoView = (p: PhotoRow, url: string): CasePhotoView => ({ id: p.id, kind: p.kind as CasePhotoView['kind'], mime: p.mime, bytes: p.bytes, url, createdAt: p.createdAt.toISOString() });

async function linksOf(db: DbOrTx, ctx: RequestContext, row: CaseRow): Promise<CaseDetail['links']> {
  const b = row.buildingId ? await repo.buildingLabel(db, row.buildingId) : undefined;
  const d = row.dwellingId ? await repo.dwellingLabel(db, row.dwellingId) : undefined;
  const p = row.placeId ? await repo.placeName(db, row.placeId) : undefined;
  const a = row.assetId ? await repo.assetName(db, row.assetId) : undefined;
  const people = await repo.residentNames(scoped(db, ctx.actor.scope), row.residentIds);
  return {
    building: b && row.buildingId ? { id: row.buildingId, name: [b.estate, /[栋幢号楼座]$/.test(b.number) ? b.number : `${b.number}栋`].filter(Boolean).join(' ') } : null,
    dwelling: d && row.dwellingId ? { id: row.dwellingId, name: dwellingAddress(d.estate, d.building, d.unit, d.number) } : null,
    place: p !== undefined && row.placeId ? { id: row.placeId, name: p } : null,
    asset: a && row.assetId ? { id: row.assetId, name: `${a.name}（${a.code}）` } : null,
    residents: row.residentIds.map((id) => ({ id, name: people.find((r) => r.id === id)?.name ?? '' })).filter((r) => r.name),
  };
}

interface ExtensionJson {
  amount: number;
  unit: TimeUnit;
  reason: string;
  requestedBy?: number | null;
  requestedByName?: string;
  requestedAt: string;
}

export async function presentDetail(db: DbOrTx, ctx: RequestContext, row: CaseRow): Promise<CaseDetail> {
  const [events, photos, units, ws] = [await repo.eventsOf(db, row.id), await repo.photosOf(db, row.id), await repo.unitsOf(db, row.id), await repo.whistlesOf(db, row.id)];
  const depIds = [...events.map((e) => e.departmentId), ...units.map((u) => u.departmentId), ...ws.calls.map((c) => c.departmentId)].filter((d): d is number => d !== null);
  const n = await loadNames(db, [row], depIds);
  const dup = row.duplicateOfId ? await repo.caseCodesByIds(db, [row.duplicateOfId]) : new Map<number, string>();
  const ext = row.extensionRequest as ExtensionJson | null;
  const whistles: WhistleView[] = ws.whistles.map((w) => ({
    id: w.id,
    level: w.level as WhistleView['level'],
    calledByName: w.calledByName,
    reason: w.reason,
    deadlineAt: w.deadlineAt.toISOString(),
    createdAt: w.createdAt.toISOString(),
    calls: ws.calls
      .filter((c) => c.whistleId === w.id)
      .map((c) => ({ department: { id: c.departmentId, name: n.departments.get(c.departmentId) ?? '' }, outcome: c.outcome as WhistleView['calls'][number]['outcome'], checkedInAt: iso(c.checkedInAt), note: c.note })),
  }));
  const actions: CaseAction[] = availableActions(ctx, row, { units, calls: ws.calls });
  return {
    ...toListItem(row, n),
    description: row.description,
    reporter: { name: row.anonymous ? null : row.reporterName, mobileMasked: row.reporterMobileMasked, anonymous: row.anonymous },
    links: await linksOf(db, ctx, row),
    duplicateOf: row.duplicateOfId ? { id: row.duplicateOfId, code: dup.get(row.duplicateOfId) ?? '' } : null,
    result: row.result,
    feedbackNote: row.feedbackNote,
    extensionRequest: ext ? { amount: ext.amount, unit: ext.unit, reason: ext.reason, requestedByName: ext.requestedByName ?? '', requestedAt: ext.requestedAt } : null,
    shelvedReviewOn: row.shelvedReviewOn,
    respondDueAt: iso(row.respondDueAt),
    counts: { rework: row.reworkCount, return: row.returnCount, extension: row.extensionCount, reopen: row.reopenCount, escalation: row.escalationCount, supervision: row.supervisionCount },
    timeline: timelineOf(events, n.departments),
    photos: photos.map((p) => toPhotoView(p, photoUrl(row.id, p.id))),
    units: units.map((u) => ({ department: { id: u.departmentId, name: n.departments.get(u.departmentId) ?? '' }, role: u.role as 'lead' | 'assist', part: u.part, postedAt: iso(u.postedAt) })),
    whistles,
    availableActions: actions,
  };
}

/** Feedback is open once per closing: not yet given since the case was (last) closed. */
export const canGiveFeedback = (row: CaseRow): boolean => row.status === 'closed' && !(row.feedbackAt && row.closedAt && row.feedbackAt >= row.closedAt);

/**
 * What the reporter sees. A merged duplicate follows its original: the original's state, result
 * and steps (after its own report and merge), and the original's after-photos.
 */
export async function presentPublic(db: DbOrTx, row: CaseRow, original: CaseRow | null): Promise<PublicCaseView> {
  const shown = original ?? row;
  const n = await loadNames(db, [row]);
  const cat = categoryOf(row, n);
  const own = await repo.eventsOf(db, row.id);
  const theirs = original ? (await repo.eventsOf(db, original.id)).filter((e) => e.action !== 'report') : [];
  const steps = [...own, ...theirs]
    .filter((e) => e.fromStatus !== e.toStatus || e.action === 'feedback')
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id)
    .map((e) => ({ action: e.action, toStatus: e.toStatus as CaseStatus, at: e.createdAt.toISOString() }));
  const photos = (await repo.photosOf(db, row.id)).map((p) => toPhotoView(p, publicPhotoUrl(row.code, p.id)));
  if (original) photos.push(...(await repo.photosOf(db, original.id)).filter((p) => p.kind === 'after').map((p) => toPhotoView(p, publicPhotoUrl(row.code, p.id))));
  return {
    code: row.code,
    title: row.title,
    status: shown.status as CaseStatus,
    categoryNameZh: cat?.nameZh ?? null,
    categoryNameEn: cat?.nameEn ?? null,
    reportedAt: row.reportedAt.toISOString(),
    closedAt: iso(shown.closedAt),
    result: shown.result,
    satisfaction: (row.satisfaction as Satisfaction | null) ?? null,
    mergedInto: original?.code ?? null,
    rejectionReason: shown.status === 'rejected' ? ([...own].reverse().find((e) => e.action === 'reject')?.note ?? null) : null,
    steps,
    photos,
    canGiveFeedback: !original && canGiveFeedback(row),
  };
}
