// Fixtures for the case loop: points inside the demo accounts' regions (the vertex mean of the
// first micro-grid under an account's scope — demo boundaries are convex quads, so it lies inside),
// a one-call case report through the API, tiny image bytes with real magic numbers, and the seeded
// catalogue by code (migration 0007).
import { sql } from 'drizzle-orm';
import type { Polygon } from 'geojson';
import type { CaseDetail, CaseReportBody } from '../../src/modules/cases/cases.views.ts';
import type { TestApp } from './app.ts';

/** Codes of the seeded default catalogue that tests lean on (see 0007_case_categories_defaults.sql). */
export const CATEGORY = {
  /** 01 市容环境 (top level). */
  cityAppearance: '01',
  /** 暴露垃圾: CGJ, transfer, handle 1 working day, similar 100 m / 3 days. */
  exposedGarbage: '0101',
  /** 乱张贴乱涂写: the community handles it (no department), immediate. */
  posters: '0102',
  /** 占道经营: CGJ, transfer. */
  streetVending: '0201',
  /** 违章搭建: CGJ, transfer, handle 10 working days. */
  illegalBuilding: '0301',
  /** 燃气泄漏: ZJJ, urgent, handle 2 natural hours. */
  gasLeak: '0401',
  /** 食品安全隐患: SCJG, transfer. */
  foodSafety: '0407',
  /** 邻里纠纷: the community handles it, study mode, 5 working days. */
  neighbourDispute: '0501',
  /** 物业纠纷: ZJJ lead, joint mode. */
  propertyDispute: '0503',
  /** 困难群众救助: MZJ, transfer. */
  hardship: '0601',
  /** 路灯故障: CGJ, transfer. */
  streetLight: '0901',
} as const;

export interface CaseSite {
  /** The account's scope region (e.g. wgy01's grid, sq01's community). */
  scope: { id: number; code: string; path: string; level: number };
  community: { id: number; code: string; path: string };
  /** The first micro-grid under the scope (in demo order) and a point inside it. */
  micro: { id: number; code: string; path: string };
  point: [number, number];
  lng: number;
  lat: number;
}

type DemoRegion = NonNullable<TestApp['demo']>['city']['regions'][number];

function vertexMean(b: Polygon): [number, number] {
  const ring = b.coordinates[0].slice(0, -1);
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
}

async function rows<T>(t: TestApp, q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

const siteCache = new WeakMap<TestApp, Map<string, CaseSite>>();

/**
 * Where an account's cases happen: its scope region, the community holding it, and a point in the
 * first micro-grid below. Default `wgy01` (first grid of sq01's community). Needs the demo city.
 */
export async function caseSite(t: TestApp, username = 'wgy01'): Promise<CaseSite> {
  let cache = siteCache.get(t);
  if (!cache) siteCache.set(t, (cache = new Map()));
  const hit = cache.get(username);
  if (hit) return hit;
  const city = t.demo?.city;
  if (!city) throw new Error('caseSite needs the demo city (createTestApp({ demo: true }))');
  const account = city.accounts.find((a) => a.username === username);
  if (!account?.scopeCode) throw new Error(`no demo account with a scope: ${username}`);
  const byCode = new Map(city.regions.map((r) => [r.code, r]));
  const start = byCode.get(account.scopeCode)!;
  if (start.level > 6) throw new Error('scope below micro-grid');
  // Walk down the first child at each level to a micro-grid; walk up to the community.
  let cur: DemoRegion = start;
  while (cur.level < 6) {
    const next = city.regions.find((r) => r.parentCode === cur.code && r.level === cur.level + 1);
    if (!next) throw new Error(`demo region ${cur.code} has no children`);
    cur = next;
  }
  const micro = cur;
  let comm: DemoRegion = micro;
  while (comm.level > 4) comm = byCode.get(comm.parentCode!)!;
  const codes = [start.code, micro.code, comm.code];
  const found = await rows<{ id: number; code: string; path: string; level: number }>(
    t,
    sql`SELECT id, code, path, level FROM regions WHERE code IN (${sql.join(codes.map((c) => sql`${c}`), sql`, `)})`,
  );
  const get = (code: string) => {
    const r = found.find((x) => x.code === code);
    if (!r) throw new Error(`region ${code} not loaded`);
    return { ...r, id: Number(r.id), level: Number(r.level) };
  };
  const point = vertexMean(micro.boundary as Polygon);
  const m = get(micro.code);
  const c = get(comm.code);
  const site: CaseSite = {
    scope: get(start.code),
    community: { id: c.id, code: c.code, path: c.path },
    micro: { id: m.id, code: m.code, path: m.path },
    point,
    lng: point[0],
    lat: point[1],
  };
  cache.set(username, site);
  return site;
}

/** A point `metres` east of (lng, lat): for similar-case radius tests. */
export function offsetEast(lng: number, lat: number, metres: number): [number, number] {
  return [lng + metres / (111_320 * Math.cos((lat * Math.PI) / 180)), lat];
}

export interface SeededCategory {
  id: number;
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
  defaultDepartmentCode: string | null;
  defaultMode: string | null;
  similarRadiusM: number;
  similarDays: number;
}

/** A catalogue row by code, read straight from the table (works without logging in). */
export async function categoryByCode(t: TestApp, code: string): Promise<SeededCategory> {
  const [r] = await rows<Record<string, unknown>>(
    t,
    sql`SELECT id, code, parent_code, name_zh, name_en, default_department_code, default_mode, similar_radius_m, similar_days FROM case_categories WHERE code = ${code}`,
  );
  if (!r) throw new Error(`no case category ${code}`);
  return {
    id: Number(r.id),
    code: String(r.code),
    parentCode: (r.parent_code as string | null) ?? null,
    nameZh: String(r.name_zh),
    nameEn: String(r.name_en),
    defaultDepartmentCode: (r.default_department_code as string | null) ?? null,
    defaultMode: (r.default_mode as string | null) ?? null,
    similarRadiusM: Number(r.similar_radius_m),
    similarDays: Number(r.similar_days),
  };
}

/** Fields of the report body (every one optional here, and loosely typed so tests can send bad values), plus helpers' own. */
export interface ReportOverrides extends Partial<Omit<CaseReportBody, 'source' | 'categoryId'>> {
  source?: string;
  /** A category id; or use `categoryCode`. Defaults to 暴露垃圾 (0101). `null` = none. */
  categoryId?: number | null;
  categoryCode?: string;
  /** Where to put the case when no lng/lat/link is given: this account's site (default wgy01). */
  siteOf?: string;
  idempotencyKey?: string;
}

/** The request body `reportCase` would send (for tests that want to tweak and post it themselves). */
export async function reportBody(t: TestApp, overrides: ReportOverrides = {}): Promise<Record<string, unknown>> {
  const { categoryCode, siteOf, idempotencyKey: _k, categoryId, ...rest } = overrides;
  const hasPlace = rest.lng !== undefined || rest.buildingId !== undefined || rest.dwellingId !== undefined || rest.placeId !== undefined || rest.assetId !== undefined;
  const site = hasPlace ? null : await caseSite(t, siteOf ?? 'wgy01');
  const catId = categoryId === undefined ? (await categoryByCode(t, categoryCode ?? CATEGORY.exposedGarbage)).id : categoryId;
  const body: Record<string, unknown> = {
    source: 'patrol',
    title: '路边暴露垃圾',
    description: '巡查发现路边堆放生活垃圾，约两袋。',
    ...(site ? { lng: site.lng, lat: site.lat } : {}),
    ...rest,
  };
  if (catId !== null) body.categoryId = catId;
  return body;
}

/**
 * Reports a case through POST /api/v1/cases as the given session and returns its CaseDetail.
 * Defaults: source patrol, 暴露垃圾, at the point of wgy01's first micro-grid. Throws on any
 * status other than 200/201 (with the body, so a failing fixture says why).
 */
export async function reportCase(t: TestApp, cookie: string, overrides: ReportOverrides = {}): Promise<CaseDetail> {
  const payload = await reportBody(t, overrides);
  const headers = overrides.idempotencyKey ? { 'idempotency-key': overrides.idempotencyKey } : undefined;
  const res = await t.as(cookie, { method: 'POST', url: '/api/v1/cases', payload, headers });
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`POST /cases: ${res.statusCode} ${res.body}`);
  return res.json() as CaseDetail;
}

/** Reads a case as the given session (GET /api/v1/cases/:id), throwing unless 200. */
export async function getCase(t: TestApp, cookie: string, id: number): Promise<CaseDetail> {
  const res = await t.as(cookie, { method: 'GET', url: `/api/v1/cases/${id}` });
  if (res.statusCode !== 200) throw new Error(`GET /cases/${id}: ${res.statusCode} ${res.body}`);
  return res.json() as CaseDetail;
}

/** Uploads a photo (default: a tiny JPEG scene photo) and returns the response. */
export function uploadPhoto(t: TestApp, cookie: string, caseId: number, kind: 'scene' | 'before' | 'after' = 'scene', bytes: Buffer = tinyJpeg(), contentType = 'image/jpeg') {
  return t.as(cookie, { method: 'POST', url: `/api/v1/cases/${caseId}/photos?kind=${kind}`, payload: bytes, headers: { 'content-type': contentType } });
}

// A 1×1 baseline JPEG, PNG and lossless WebP: real files, small enough to inline.
const JPEG_1x1 =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';
const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const WEBP_1x1 = 'UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==';

export const tinyJpeg = (): Buffer => Buffer.from(JPEG_1x1, 'base64');
export const tinyPng = (): Buffer => Buffer.from(PNG_1x1, 'base64');
export const tinyWebp = (): Buffer => Buffer.from(WEBP_1x1, 'base64');
