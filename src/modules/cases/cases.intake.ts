// Intake (上报): checks a report field by field, places it (the point through the locate index,
// or the region of a linked building, dwelling, place or asset), puts it at the desk of the
// community that contains it, numbers it, and writes the case, its first timeline step and the
// audit row in one transaction. A retry carrying the same Idempotency-Key gets the first case back.
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import { WHOLE_SYSTEM, type RequestContext } from '../../shared/context.ts';
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { locatePointsInScope } from '../regions/index.ts';
import { checkMobile } from '../registry/index.ts';
import { piiColumns } from '../registry/registry.common.ts';
import { usableCategory } from './cases.categories.ts';
import { nextCaseCode } from './cases.code.ts';
import { roleKinds } from './cases.guards.ts';
import * as repo from './cases.intake.repository.ts';
import { CASE_SOURCES, type ActorKind, type CaseSource } from './cases.workflow.ts';

export const CASE_FIELDS: Record<string, Bilingual> = {
  source: { zh: '来源', en: 'source' },
  title: { zh: '标题', en: 'title' },
  description: { zh: '描述', en: 'description' },
  categoryId: { zh: '分类', en: 'category' },
  urgency: { zh: '紧急程度', en: 'urgency' },
  lng: { zh: '经度', en: 'longitude' },
  lat: { zh: '纬度', en: 'latitude' },
  address: { zh: '地址', en: 'address' },
  reporterName: { zh: '上报人姓名', en: 'reporter name' },
  reporterMobile: { zh: '上报人手机号', en: 'reporter mobile' },
  residentIds: { zh: '涉事居民', en: 'residents involved' },
};

const LINK_NAMES: Record<repo.LinkEntity, Bilingual> = {
  building: { zh: '楼栋', en: 'building' },
  dwelling: { zh: '房屋', en: 'dwelling' },
  place: { zh: '场所', en: 'place' },
  asset: { zh: '部件', en: 'asset' },
  resident: { zh: '居民', en: 'resident' },
};

/**
 * The context of a resident without an account: no user, no roles, no permissions; whole-system
 * scope, because the case is found by code and mobile, never by browsing.
 */
export function publicContext(base: Omit<RequestContext, 'actor'>): RequestContext {
  return { ...base, actor: { userId: null, name: '群众', roles: [], permissions: new Set(), scope: WHOLE_SYSTEM, departmentId: null } };
}

/** Public reports per mobile number per rolling hour. */
export const PUBLIC_REPORTS_PER_HOUR = 5;

export interface ReportInput {
  source: string;
  title: string;
  description?: string;
  categoryId?: number;
  urgency?: string;
  lng?: number;
  lat?: number;
  address?: string;
  buildingId?: number;
  dwellingId?: number;
  placeId?: number;
  assetId?: number;
  residentIds?: number[];
  reporterName?: string;
  reporterMobile?: string;
  anonymous?: boolean;
}

export interface ReportOptions {
  idempotencyKey?: string;
  /** A resident without an account (public route): source forced to 'resident', mobile required, hourly limit. */
  public?: boolean;
}

const invalid = (field: string, zh: string, en: string) => new AppError('CASE_FIELD_INVALID', { field: CASE_FIELDS[field], reason: { zh, en } });
const required = (field: string) => new AppError('CASE_FIELD_REQUIRED', { field: CASE_FIELDS[field] });

interface Checked {
  source: CaseSource;
  title: string;
  description: string;
  urgency: 'normal' | 'urgent';
  point: { lng: number; lat: number } | null;
  address: string;
  reporterName: string | null;
  reporterMobile: string | null;
  anonymous: boolean;
  residentIds: number[];
}

/** Field checks, in the order of the form: the first problem is answered, naming its field. */
export function checkReport(input: ReportInput, isPublic: boolean): Checked {
  const source = isPublic ? 'resident' : input.source;
  if (!source) throw required('source');
  if (!(CASE_SOURCES as readonly string[]).includes(source)) throw invalid('source', `只能是 ${CASE_SOURCES.join('/')}`, `one of ${CASE_SOURCES.join('/')}`);
  const title = (input.title ?? '').trim();
  if (!title) throw required('title');
  if ([...title].length < 2 || [...title].length > 100) throw invalid('title', '长度应为 2–100 个字符', 'must be 2–100 characters');
  const description = (input.description ?? '').trim();
  if (isPublic && !description) throw required('description');
  if ([...description].length > 2000) throw invalid('description', '不能超过 2000 个字符', 'may not exceed 2000 characters');
  const urgency = input.urgency ?? 'normal';
  if (urgency !== 'normal' && urgency !== 'urgent') throw invalid('urgency', '只能是 normal/urgent', 'one of normal/urgent');
  let point: Checked['point'] = null;
  if (input.lng !== undefined || input.lat !== undefined) {
    if (input.lng === undefined) throw required('lng');
    if (input.lat === undefined) throw required('lat');
    if (!Number.isFinite(input.lng) || input.lng < -180 || input.lng > 180) throw invalid('lng', '经度应在 -180 到 180 之间', 'longitude must be within -180..180');
    if (!Number.isFinite(input.lat) || input.lat < -90 || input.lat > 90) throw invalid('lat', '纬度应在 -90 到 90 之间', 'latitude must be within -90..90');
    point = { lng: input.lng, lat: input.lat };
  }
  if (isPublic && !point) throw required(input.lng === undefined ? 'lng' : 'lat');
  const address = (input.address ?? '').trim();
  if ([...address].length > 200) throw invalid('address', '不能超过 200 个字符', 'may not exceed 200 characters');
  const reporterName = input.reporterName?.trim() || null;
  if (reporterName && [...reporterName].length > 50) throw invalid('reporterName', '不能超过 50 个字符', 'may not exceed 50 characters');
  let reporterMobile: string | null = null;
  if (input.reporterMobile?.trim()) {
    const m = checkMobile(input.reporterMobile);
    if (!m.ok) throw new AppError('CASE_FIELD_INVALID', { field: CASE_FIELDS.reporterMobile, reason: m.reason });
    reporterMobile = m.value;
  } else if (isPublic) throw required('reporterMobile');
  const residentIds = [...new Set(input.residentIds ?? [])];
  return { source: source as CaseSource, title, description, urgency, point, address, reporterName, reporterMobile, anonymous: input.anonymous ?? false, residentIds };
}

interface Placement {
  regionId: number;
  regionPath: string;
  lng: number | null;
  lat: number | null;
  address: string;
}

async function linked(sdb: ScopedDb, entity: repo.LinkEntity, id: number, find: () => Promise<repo.LinkedPlace | undefined>): Promise<repo.LinkedPlace> {
  const r = await find();
  if (r && !r.archived) return r;
  if (!r && (await repo.unscopedLinkExists(sdb.db, entity, id))) throw new AppError('SCOPE_DENIED');
  throw new AppError('CASE_LINK_NOT_FOUND', { entity: LINK_NAMES[entity], id });
}

/**
 * Where the case is: the most precise link wins (dwelling, building, place, asset), else the point.
 * A point inside a grid the caller does not cover is SCOPE_DENIED; outside every grid, refused.
 */
async function place(db: Db, sdb: ScopedDb, input: ReportInput, c: Checked): Promise<Placement> {
  // Every link given must be reachable; the most precise one decides the region.
  const given = [
    ['dwelling', input.dwellingId, repo.dwellingIn],
    ['building', input.buildingId, repo.buildingIn],
    ['place', input.placeId, repo.placeIn],
    ['asset', input.assetId, repo.assetIn],
  ] as const;
  let link: repo.LinkedPlace | null = null;
  for (const [entity, id, find] of given) {
    if (!id) continue;
    const found = await linked(sdb, entity, id, () => find(sdb, id));
    link ??= found;
  }
  if (link) {
    const at = c.point ?? (link.lng !== null && link.lat !== null ? { lng: link.lng, lat: link.lat } : null);
    return { regionId: link.regionId, regionPath: link.regionPath, lng: at?.lng ?? null, lat: at?.lat ?? null, address: c.address || link.address };
  }
  if (!c.point) throw new AppError('CASE_LOCATION_REQUIRED');
  const { lng, lat } = c.point;
  // Located against the whole tree, then judged against the caller's scope: 403 vs "no grid here".
  const [hits] = await locatePointsInScope(scoped(db, WHOLE_SYSTEM), [c.point]);
  const deepest = hits.find((h) => h.level >= 5);
  if (!deepest) throw new AppError('CASE_OUTSIDE_GRIDS', { lng: lng.toFixed(6), lat: lat.toFixed(6) });
  if (!sdb.covers(deepest.path)) throw new AppError('SCOPE_DENIED');
  return { regionId: deepest.id, regionPath: deepest.path, lng, lat, address: c.address };
}

/** The kind the report step is recorded as: grid staff, a desk, a department, else the reporter. */
export function reportActorKind(ctx: RequestContext, isPublic: boolean): ActorKind {
  if (isPublic) return 'reporter';
  const kinds = roleKinds(ctx);
  for (const k of ['gridWorker', 'communityDispatcher', 'streetDispatcher', 'districtDispatcher', 'departmentHandler'] as const) if (kinds.includes(k)) return k;
  return 'reporter';
}

const idsOf = (path: string) => path.split('/').filter(Boolean).map(Number);

/** Files a report; answers the case id and whether it is new (false = an idempotent retry). */
export async function reportCase(db: Db, ctx: RequestContext, input: ReportInput, opts: ReportOptions = {}): Promise<{ id: number; code: string; created: boolean }> {
  const isPublic = !!opts.public;
  if (!isPublic) assertPermission(ctx, 'cases.report');
  const c = checkReport(input, isPublic);
  const mobile = piiColumns(c.reporterMobile, 'mobile');
  // Keys are per caller (account, or a resident's mobile): one caller's key never fetches another's case.
  const owner = isPublic ? `m${mobile.hash}` : `u${ctx.actor.userId ?? 0}`;
  const key = opts.idempotencyKey?.trim() ? `${owner}:${opts.idempotencyKey.trim().slice(0, 200)}` : null;
  if (key) {
    const prior = await repo.findByIdempotencyKey(db, key);
    if (prior) return { ...(await codeOf(db, prior.id)), created: false };
  }
  const category = input.categoryId ? await usableCategory(db, input.categoryId) : null;
  const sdb = scoped(db, isPublic ? WHOLE_SYSTEM : ctx.actor.scope);
  const at = await place(db, sdb, input, c);
  if (c.residentIds.length) {
    const found = new Set(await repo.residentsIn(sdb, c.residentIds));
    const missing = c.residentIds.find((id) => !found.has(id));
    if (missing !== undefined) {
      if (await repo.unscopedLinkExists(db, 'resident', missing)) throw new AppError('SCOPE_DENIED');
      throw new AppError('CASE_LINK_NOT_FOUND', { entity: LINK_NAMES.resident, id: missing });
    }
  }
  const ids = idsOf(at.regionPath);
  if (ids.length < 4) throw new AppError('CASE_OUTSIDE_GRIDS', { lng: at.lng ?? '-', lat: at.lat ?? '-' });
  const [district, community] = await repo.regionCodes(db, [ids[1], ids[3]]).then((rs) => [rs.find((r) => r.id === ids[1])!, rs.find((r) => r.id === ids[3])!]);
  const now = new Date();
  try {
    const row = await db.transaction(async (tx) => {
      if (isPublic) {
        const n = await repo.lockAndCountReportsByMobile(tx, mobile.hash!, new Date(now.getTime() - 3600_000));
        if (n >= PUBLIC_REPORTS_PER_HOUR) throw new AppError('CASE_REPORT_RATE_LIMITED', { max: PUBLIC_REPORTS_PER_HOUR });
      }
      const code = await nextCaseCode(tx, district.code.slice(0, 6), now);
      const r = await repo.insertCase(tx, {
        code,
        source: c.source,
        categoryId: category?.id ?? null,
        urgency: c.urgency,
        status: 'reported',
        title: c.title,
        description: c.description,
        regionId: at.regionId,
        regionPath: at.regionPath,
        lng: at.lng,
        lat: at.lat,
        address: at.address,
        buildingId: input.buildingId ?? null,
        dwellingId: input.dwellingId ?? null,
        placeId: input.placeId ?? null,
        assetId: input.assetId ?? null,
        residentIds: c.residentIds,
        reporterName: c.reporterName,
        reporterMobileEnc: mobile.enc,
        reporterMobileHash: mobile.hash,
        reporterMobileMasked: mobile.masked,
        anonymous: c.anonymous,
        reporterUserId: isPublic ? null : ctx.actor.userId,
        level: 'community',
        deskRegionId: community.id,
        deskRegionPath: community.path,
        idempotencyKey: key,
        reportedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      await repo.insertEvent(tx, {
        caseId: r.id,
        action: 'report',
        fromStatus: null,
        toStatus: 'reported',
        actorUserId: isPublic ? null : ctx.actor.userId,
        actorName: isPublic ? (c.anonymous ? '匿名群众' : c.reporterName || '群众') : ctx.actor.name,
        actorKind: reportActorKind(ctx, isPublic),
        departmentId: isPublic ? null : ctx.actor.departmentId,
        data: { source: c.source },
        createdAt: now,
      });
      const { reporterMobileEnc: _e, reporterMobileHash: _h, ...audited } = r;
      await recordAudit(tx, ctx, { action: 'case.report', entityType: 'case', entityId: r.id, regionPath: r.regionPath, after: audited });
      return r;
    });
    return { id: row.id, code: row.code, created: true };
  } catch (e) {
    // Two requests with one key: the loser of the unique index returns the winner's case.
    if (key && isUniqueViolation(e)) {
      const prior = await repo.findByIdempotencyKey(db, key);
      if (prior) return { ...(await codeOf(db, prior.id)), created: false };
    }
    throw e;
  }
}

async function codeOf(db: Db, id: number): Promise<{ id: number; code: string }> {
  const [r] = await repo.caseCodes(db, [id]);
  return { id, code: r.code };
}

function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; cur = (cur as { cause?: unknown }).cause, depth++) {
    if ((cur as { code?: string }).code === '23505') return true;
  }
  return false;
}
