// Hints for the desk: similar open cases nearby (same category, within the category's radius and
// days — likely duplicates to merge) and the suggested handling (mode from the category's default
// and the urgency; the department of the category's unit serving the case's district).
import { and, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import * as catRepo from './cases.categories.repository.ts';
import { MODE_NAMES, usableCategory } from './cases.categories.ts';
import { presentList } from './cases.presenter.ts';
import { loadReadable } from './cases.read.ts';
import type { CaseRow } from './cases.read.repository.ts';
import { cases } from './cases.tables.ts';
import type { CaseListItem, NamedRef } from './cases.views.ts';
import { OPEN_STATUSES, type HandlingMode } from './cases.workflow.ts';

const EARTH_M = 6_371_000;
const SIMILAR_LIMIT = 20;

/** Great-circle distance in metres. */
export function haversineM(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Open cases of a category near a point, reported within `days` before `at`, in scope: a box
 * around the point narrows the (category, reported_at) index range, the exact circle is cut here.
 */
export async function findSimilar(sdb: ScopedDb, p: { categoryId: number; lng: number; lat: number; at: Date; radiusM: number; days: number; excludeId?: number }): Promise<CaseRow[]> {
  const dLat = p.radiusM / 111_320;
  const dLng = p.radiusM / (111_320 * Math.max(0.01, Math.cos((p.lat * Math.PI) / 180)));
  const since = new Date(p.at.getTime() - p.days * 86_400_000);
  const rows = await sdb.db
    .select()
    .from(cases)
    .where(
      and(
        sdb.inScope(cases.regionPath),
        eq(cases.categoryId, p.categoryId),
        gte(cases.reportedAt, since),
        inArray(cases.status, [...OPEN_STATUSES]),
        gte(cases.lng, p.lng - dLng),
        lte(cases.lng, p.lng + dLng),
        gte(cases.lat, p.lat - dLat),
        lte(cases.lat, p.lat + dLat),
        p.excludeId ? ne(cases.id, p.excludeId) : sql`true`,
      ),
    )
    .limit(500);
  return rows
    .map((r) => ({ r, d: haversineM(p.lng, p.lat, r.lng!, r.lat!) }))
    .filter((x) => x.d <= p.radiusM)
    .sort((a, b) => a.d - b.d || b.r.id - a.r.id)
    .slice(0, SIMILAR_LIMIT)
    .map((x) => x.r);
}

/** GET /cases/:id/similar: what the desk should look at before registering (possible duplicates). */
export async function similarCases(db: Db, ctx: RequestContext, id: number): Promise<CaseListItem[]> {
  const row = await loadReadable(db, ctx, id);
  if (!row.categoryId || row.lng === null || row.lat === null) return [];
  const category = await catRepo.findCategory(db, row.categoryId);
  if (!category) return [];
  const rows = await findSimilar(scoped(db, ctx.actor.scope), {
    categoryId: row.categoryId,
    lng: row.lng,
    lat: row.lat,
    at: row.reportedAt,
    radiusM: category.similarRadiusM,
    days: category.similarDays,
    excludeId: row.id,
  });
  return presentList(db, rows);
}

export interface Suggestion {
  mode: HandlingMode;
  department: NamedRef | null;
  reason: string;
}

const UNIT_NAMES = { workingDays: { zh: '个工作日', en: 'working day(s)' }, workingHours: { zh: '个工作小时', en: 'working hour(s)' }, naturalHours: { zh: '小时', en: 'hour(s)' } } as const;

/**
 * The suggested handling of a category at an urgency: urgent → 抓紧办; else the category's default
 * mode (a unit named → 移交办, none → 研究办 by the community). The department is the one with the
 * category's code suffix serving the case's district (or the caller's, without a case).
 */
export async function suggestHandling(db: Db, ctx: RequestContext, q: { categoryId: number; urgency?: string; caseId?: number }): Promise<Suggestion> {
  const urgency = q.urgency ?? 'normal';
  if (urgency !== 'normal' && urgency !== 'urgent') throw new AppError('CASE_FIELD_INVALID', { field: { zh: '紧急程度', en: 'urgency' }, reason: { zh: '只能是 normal/urgent', en: 'one of normal/urgent' } });
  const c = await usableCategory(db, q.categoryId);
  const path = q.caseId ? (await loadReadable(db, ctx, q.caseId)).regionPath : ctx.actor.scope.path;
  const base = (c.defaultMode as HandlingMode | null) ?? (c.defaultDepartmentCode ? 'transfer' : 'study');
  const mode: HandlingMode = urgency === 'urgent' ? 'urgent' : base;
  // On the spot and study mode stay with the grid and community; the others go to a unit.
  const wantsUnit = mode !== 'immediate' && mode !== 'study' && !!c.defaultDepartmentCode;
  const dep = wantsUnit ? (await catRepo.departmentsServing(db, path, [c.defaultDepartmentCode!]))[0] : undefined;
  const department = dep ? { id: dep.id, name: dep.name } : null;
  const urgentHours = urgency === 'urgent' ? c.urgentHandleHours : null;
  const limitZh = urgentHours !== null ? `${urgentHours} 小时` : `${c.handleAmount} ${UNIT_NAMES[c.handleUnit as keyof typeof UNIT_NAMES].zh}`;
  const limitEn = urgentHours !== null ? `${urgentHours} hour(s)` : `${c.handleAmount} ${UNIT_NAMES[c.handleUnit as keyof typeof UNIT_NAMES].en}`;
  const who = { zh: department ? `由${department.name}处置` : wantsUnit ? `处置部门（${c.defaultDepartmentCode}）在本区未设置，需手动指定` : '由社区处置', en: department ? `handled by ${department.name}` : wantsUnit ? `no ${c.defaultDepartmentCode} department serves this district; pick one` : 'handled by the community' };
  const why =
    urgency === 'urgent'
      ? { zh: `紧急事件按${MODE_NAMES.urgent.zh}，${who.zh}，处置时限 ${limitZh}（自然时）`, en: `Urgent: ${MODE_NAMES.urgent.en}, ${who.en}, within ${limitEn} (clock hours)` }
      : { zh: `「${c.nameZh}」默认${MODE_NAMES[mode].zh}，${who.zh}，处置时限 ${limitZh}`, en: `${c.nameEn}: ${MODE_NAMES[mode].en} by default, ${who.en}, within ${limitEn}` };
  return { mode, department, reason: ctx.lang === 'en' ? why.en : why.zh };
}
