// Reading cases: the desk queue (cases waiting at the caller's desk), "mine" (a department's work,
// a grid's open cases, a desk's open cases), and "all" in scope, with filters; one case in detail.
// Every query is scoped by construction (the case's region path under the caller's scope).
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { piiLookupHash } from '../../shared/pii.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { loadInScope } from '../regions/index.ts';
import { checkMobile } from '../registry/index.ts';
import { categoryFamilyIds } from './cases.categories.repository.ts';
import { roleKinds } from './cases.guards.ts';
import { presentDetail, presentList } from './cases.presenter.ts';
import * as repo from './cases.read.repository.ts';
import type { CaseDetail, CaseListItem } from './cases.views.ts';
import { CASE_SOURCES, CASE_STATUSES, DESK_LEVELS, HANDLING_MODES, OPEN_STATUSES, type ActorKind, type DeskLevel } from './cases.workflow.ts';

export interface CaseQuery {
  view?: 'desk' | 'mine' | 'all';
  status?: string;
  level?: string;
  categoryId?: number;
  mode?: string;
  timerState?: string;
  departmentId?: number;
  regionId?: number;
  source?: string;
  q?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface CasePage {
  items: CaseListItem[];
  total: number;
  /** True when more than `total` match (counts stop at 10,000 outside the desk queue). */
  totalCapped: boolean;
}

/** Lists beyond the desk queue count exactly up to here, like the registry's "10000+". */
export const COUNT_CAP = 10_000;
const DESK_STATUSES = ['reported', 'registered'];
const TIMER_STATES = ['none', 'green', 'yellow', 'red'];
const DESK_LEVEL_OF: Partial<Record<ActorKind, DeskLevel>> = { communityDispatcher: 'community', streetDispatcher: 'street', districtDispatcher: 'district' };

const FILTER_NAMES: Record<string, Bilingual> = {
  status: { zh: '状态', en: 'status' },
  level: { zh: '层级', en: 'level' },
  mode: { zh: '处置方式', en: 'handling mode' },
  timerState: { zh: '计时状态', en: 'timer state' },
  source: { zh: '来源', en: 'source' },
  from: { zh: '开始日期', en: 'from date' },
  to: { zh: '结束日期', en: 'to date' },
};

function oneOf(field: string, value: string | undefined, allowed: readonly string[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!allowed.includes(value)) throw new AppError('CASE_FIELD_INVALID', { field: FILTER_NAMES[field], reason: { zh: `只能是 ${allowed.join('/')}`, en: `one of ${allowed.join('/')}` } });
  return value;
}

/** A calendar day in Asia/Shanghai → the instant it starts (`next` = the day after). */
function dayStart(field: string, value: string | undefined, next = false): Date | undefined {
  if (!value) return undefined;
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+08:00`) : new Date(NaN);
  // Round-trip check: 2026-02-30 parses in some engines but is not a day.
  if (Number.isNaN(d.getTime()) || new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10) !== value) {
    throw new AppError('CASE_FIELD_INVALID', { field: FILTER_NAMES[field], reason: { zh: '应为有效日期 YYYY-MM-DD', en: 'must be a real date YYYY-MM-DD' } });
  }
  return next ? new Date(d.getTime() + 86_400_000) : d;
}

/** The caller's desk, when they work one: its path and level (a whole-system admin stands in for district desks). */
export function deskOf(ctx: RequestContext): { path: string | null; level: DeskLevel } | null {
  const kind = roleKinds(ctx).find((k) => DESK_LEVEL_OF[k]);
  if (!kind) return null;
  const level = DESK_LEVEL_OF[kind]!;
  if (ctx.actor.scope.regionId === null) return level === 'district' ? { path: null, level } : null;
  return { path: ctx.actor.scope.path, level };
}

/** Turns the query into repository filters; answers null when the view can hold nothing for this caller. */
export async function caseFilters(sdb: ScopedDb, ctx: RequestContext, q: CaseQuery): Promise<{ filters: repo.CaseFilters; order: repo.CaseOrder } | null> {
  const statuses = q.status
    ? q.status
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
  for (const s of statuses) oneOf('status', s, CASE_STATUSES);
  const f: repo.CaseFilters = {
    statuses,
    level: oneOf('level', q.level, DESK_LEVELS),
    mode: oneOf('mode', q.mode, HANDLING_MODES),
    timerState: oneOf('timerState', q.timerState, TIMER_STATES),
    source: oneOf('source', q.source, CASE_SOURCES),
    departmentId: q.departmentId,
    q: q.q?.trim() || undefined,
    from: dayStart('from', q.from),
    to: dayStart('to', q.to, true),
  };
  if (q.categoryId) f.categoryIds = await categoryFamilyIds(sdb.db, q.categoryId);
  if (q.categoryId && f.categoryIds?.length === 0) return null;
  if (q.regionId) f.regionPath = (await loadInScope(sdb, q.regionId)).path;
  const view = q.view ?? 'all';
  if (view === 'desk') {
    const desk = deskOf(ctx);
    if (!desk) return null;
    f.statuses = statuses.length ? statuses.filter((s) => DESK_STATUSES.includes(s)) : DESK_STATUSES;
    if (f.statuses.length === 0) return null;
    if (desk.path) f.desk = { path: desk.path, level: desk.level };
    else f.level = desk.level;
    return { filters: f, order: 'desk' };
  }
  if (view === 'mine') {
    const kinds = roleKinds(ctx);
    const mine: NonNullable<repo.CaseFilters['mine']> = {};
    if (kinds.includes('departmentHandler') && ctx.actor.departmentId) mine.departmentId = ctx.actor.departmentId;
    if (kinds.includes('gridWorker') && ctx.actor.scope.regionId !== null) mine.gridPath = ctx.actor.scope.path;
    const desk = deskOf(ctx);
    if (desk?.path) {
      mine.deskPath = desk.path;
      mine.deskLevel = desk.level;
    }
    if (Object.keys(mine).length === 0 && ctx.actor.userId) mine.reporterUserId = ctx.actor.userId;
    if (Object.keys(mine).length === 0) return null;
    f.mine = mine;
    if (!statuses.length) f.statuses = [...OPEN_STATUSES];
    return { filters: f, order: 'deadline' };
  }
  return { filters: f, order: 'recent' };
}

export async function listCases(db: Db, ctx: RequestContext, q: CaseQuery): Promise<CasePage> {
  assertPermission(ctx, 'cases.read');
  const sdb = scoped(db, ctx.actor.scope);
  const built = await caseFilters(sdb, ctx, q);
  if (!built) return { items: [], total: 0, totalCapped: false };
  const limit = q.limit ?? 50;
  const offset = q.offset ?? 0;
  const rows = await repo.listCases(sdb, built.filters, built.order, limit, offset);
  // A short first page is its own count; otherwise count, capped (the desk queue is small anyway).
  const total = offset === 0 && rows.length < limit ? rows.length : await repo.countCases(sdb, built.filters, COUNT_CAP);
  return { items: await presentList(db, rows), total: Math.min(total, COUNT_CAP), totalCapped: total > COUNT_CAP };
}

/** A case in the caller's scope: outside it SCOPE_DENIED, nowhere CASE_NOT_FOUND. */
export async function loadReadable(db: Db, ctx: RequestContext, id: number): Promise<repo.CaseRow> {
  assertPermission(ctx, 'cases.read');
  const row = await repo.findCase(scoped(db, ctx.actor.scope), id);
  if (row) return row;
  throw (await repo.unscopedCaseExists(db, id)) ? new AppError('SCOPE_DENIED') : new AppError('CASE_NOT_FOUND');
}

export async function getCaseDetail(db: Db, ctx: RequestContext, id: number): Promise<CaseDetail> {
  return presentDetail(db, ctx, await loadReadable(db, ctx, id));
}

/**
 * A resident following a case: found by code and the mobile given at report time. A wrong mobile
 * and an unknown code answer the same CASE_NOT_FOUND, so codes cannot be probed. A merged
 * duplicate comes with the original it follows (chains of merges followed to their end).
 */
export async function loadFollowed(db: Db, code: string, mobile: string): Promise<{ row: repo.CaseRow; original: repo.CaseRow | null; mobile: string }> {
  const m = checkMobile(mobile);
  const row = m.ok ? await repo.unscopedCaseByCode(db, code.trim()) : undefined;
  if (!m.ok || !row || !row.reporterMobileHash || row.reporterMobileHash !== piiLookupHash(m.value)) throw new AppError('CASE_NOT_FOUND');
  let original: repo.CaseRow | null = null;
  for (let cur = row, hops = 0; cur.status === 'merged' && cur.duplicateOfId && hops < 10; hops++) {
    const next = await repo.unscopedCaseById(db, cur.duplicateOfId);
    if (!next) break;
    original = cur = next;
  }
  return { row, original, mobile: m.value };
}
