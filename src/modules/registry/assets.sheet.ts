// The asset sheet (部件): code optional (generated per county + category when blank), category by
// number or name, position required (it decides the region), owning department by code or name.
// Upsert by code, or for rows without one by (category, subcategory, name, position), so the same
// file imported twice changes nothing.
import type { DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import type { Bilingual } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { locatePointsInScope } from '../regions/index.ts';
import * as repo from './assets.repository.ts';
import { assetColumns, assetFilters, assetMeasures, AssetCodeSequence, countyMismatch, countyOf, normalizeAsset, visibleDepartments, type AssetQuery } from './assets.service.ts';
import { ASSET_CATEGORIES } from './checks.ts';
import { noRegionAtPoint } from './places.common.ts';
import { ASSET_LEVELS, ASSET_STATUSES, keyOf, type AssetInput } from './places.model.ts';
import { CounterDeltas } from './registry.common.ts';
import type { EntitySheet, Parsed, RowProblem, SheetColumn, WriteOutcome } from './sheet.ts';
import { numberCell, rejected, sheetQuery } from './sheet.helpers.ts';

const b = (zh: string, en: string): Bilingual => ({ zh, en });
const CATEGORY_NAMES = Object.fromEntries(Object.entries(ASSET_CATEGORIES).map(([k, v]) => [k, v.zh])) as Record<string, string>;

export const ASSET_COLUMNS: SheetColumn[] = [
  { key: 'code', header: '部件编码', headerEn: 'Asset code', hint: b('16 位；空白时自动生成', '16 digits; generated when blank'), example: '', width: 20 },
  { key: 'category', header: '大类', headerEn: 'Category', hint: b('01–06 或名称', '01–06 or the name'), example: '公用设施', choices: Object.values(CATEGORY_NAMES), width: 14 },
  { key: 'subcategory', header: '小类', headerEn: 'Subcategory', hint: b('2 位数字', '2 digits'), example: '01', width: 6 },
  { key: 'name', header: '名称', headerEn: 'Name', aliases: ['部件名称'], required: true, example: '污水井盖', width: 16 },
  { key: 'lng', header: '经度', headerEn: 'Longitude', required: true, example: '', width: 12 },
  { key: 'lat', header: '纬度', headerEn: 'Latitude', required: true, example: '', width: 12 },
  { key: 'address', header: '地址', headerEn: 'Address', example: '', width: 24 },
  { key: 'department', header: '权属部门', headerEn: 'Owning department', hint: b('部门编码或名称', 'department code or name'), example: '', width: 16 },
  { key: 'status', header: '状态', headerEn: 'Status', hint: b('空白为完好', 'blank: normal'), example: '完好', choices: Object.values(ASSET_STATUSES), width: 8 },
];

export type AssetRowInput = AssetInput & { department: string | null };

export function parseAssetRow(cells: Record<string, string>): Parsed<AssetRowInput> {
  const problems: RowProblem[] = [];
  const cell = (k: string) => (cells[k] ?? '').trim();
  let category = cell('category');
  if (/^\d{1,2}$/.test(category)) category = category.padStart(2, '0');
  else if (category) {
    const k = keyOf(CATEGORY_NAMES, category);
    if (k) category = k as string;
    else problems.push({ column: 'category', reason: b(`应为 01–06 或 ${Object.values(CATEGORY_NAMES).join('、')}`, 'must be 01–06 or a category name') });
  }
  const subcategory = /^\d$/.test(cell('subcategory')) ? cell('subcategory').padStart(2, '0') : cell('subcategory');
  let status: AssetInput['status'] = 'normal';
  if (cell('status')) {
    const s = keyOf(ASSET_STATUSES, cell('status'));
    if (s) status = s;
    else problems.push({ column: 'status', reason: b(`应为 ${Object.values(ASSET_STATUSES).join('、')} 之一`, `must be one of ${Object.keys(ASSET_STATUSES).join(', ')}`) });
  }
  const lng = numberCell(cell('lng'), 'lng', problems);
  const lat = numberCell(cell('lat'), 'lat', problems);
  const n = normalizeAsset({ code: cell('code') || null, category, subcategory, name: cell('name'), lng: lng ?? undefined, lat: lat ?? undefined, address: cell('address'), status });
  if (!n.ok) for (const p of n.problems) if (!problems.some((q) => q.column === p.column)) problems.push(p);
  if (problems.length || !n.ok) return { ok: false, problems };
  return { ok: true, value: { ...n.value, department: cell('department') || null } };
}

const shapeKey = (k: { category: string; subcategory: string; name: string; lng: number; lat: number }) => `${k.category}|${k.subcategory}|${k.name}|${k.lng}|${k.lat}`;

function sameAs(e: repo.AssetRow, c: Omit<repo.NewAssetRow, 'code'>): boolean {
  return e.regionId === c.regionId && e.name === c.name && e.address === (c.address ?? '') && (e.departmentId ?? null) === (c.departmentId ?? null) && e.lng === c.lng && e.lat === c.lat && e.status === c.status;
}

export async function writeAssets(tx: DbOrTx, ctx: RequestContext, sdbIn: ScopedDb, rows: AssetRowInput[]): Promise<WriteOutcome[]> {
  assertPermission(ctx, 'registry.write');
  const sdb = sdbIn.with(tx);
  const out: WriteOutcome[] = new Array(rows.length);
  const depts = rows.some((r) => r.department) ? await visibleDepartments(tx, ctx) : [];
  const located = await locatePointsInScope(sdb, rows.map((r) => ({ lng: r.lng, lat: r.lat })));
  const existing = [...(await repo.byCodes(tx, [...new Set(rows.flatMap((r) => (r.code ? [r.code] : [])))])), ...(await repo.activeByShape(tx, rows.filter((r) => !r.code)))];
  const byCode = new Map(existing.map((e) => [e.code, e]));
  const byShape = new Map(existing.filter((e) => !e.archivedAt).map((e) => [shapeKey(e), e]));
  const seq = new AssetCodeSequence(tx);
  const seen = new Set<string>();
  const inserts: repo.NewAssetRow[] = [];
  const insertedAt: number[] = [];
  const counters = new CounterDeltas();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const region = located[i].find((l) => (ASSET_LEVELS as readonly number[]).includes(l.level));
    if (!region) {
      out[i] = rejected([{ column: 'lng', reason: noRegionAtPoint(ASSET_LEVELS) }]);
      continue;
    }
    let departmentId: number | null = null;
    if (r.department) {
      const d = depts.find((x) => x.code === r.department) ?? depts.find((x) => x.name === r.department);
      if (!d) {
        out[i] = rejected([{ column: 'department', reason: b(`没有部门 ${r.department}`, `no department ${r.department}`) }]);
        continue;
      }
      departmentId = d.id;
    }
    const key = r.code ?? shapeKey(r);
    if (seen.has(key)) {
      out[i] = rejected([{ column: r.code ? 'code' : 'name', reason: b('与本批中前面的行重复', 'repeats an earlier row of this batch') }]);
      continue;
    }
    seen.add(key);
    const e = r.code ? byCode.get(r.code) : byShape.get(key);
    const code = e?.code ?? r.code;
    const county = code ? countyMismatch(code, region.code) : null;
    if (county) {
      out[i] = rejected([{ column: r.code ? 'code' : 'lng', reason: county }]);
      continue;
    }
    const c = assetColumns({ ...r, departmentId }, region);
    if (!e) {
      inserts.push({ ...c, code: code ?? (await seq.take(`${countyOf(region.code)}${r.category}${r.subcategory}`)) });
      insertedAt.push(i);
      continue;
    }
    if (e.archivedAt) {
      out[i] = rejected([{ column: 'code', reason: b('该编码属于已注销的部件，不能再用', 'the code belongs to an archived asset and is not reused') }]);
      continue;
    }
    if (!sdb.covers(e.regionPath)) {
      out[i] = rejected([{ column: 'code', reason: b('该部件已登记在您的管辖范围之外', 'this asset is registered outside your scope') }]);
      continue;
    }
    c.attributes = e.attributes; // not a sheet column: kept
    if (sameAs(e, c)) {
      out[i] = { outcome: 'unchanged' };
      continue;
    }
    await repo.updateAsset(tx, e.id, e.version, c);
    counters.change({ path: e.regionPath, measures: assetMeasures }, { path: c.regionPath, measures: assetMeasures });
    out[i] = { outcome: 'updated' };
  }
  await repo.insertAssets(tx, inserts);
  for (let k = 0; k < inserts.length; k++) {
    out[insertedAt[k]] = { outcome: 'added' };
    counters.change(null, { path: inserts[k].regionPath, measures: assetMeasures });
  }
  await counters.flush(tx);
  return out;
}

async function exportPage(db: DbOrTx, ctx: RequestContext, filters: Record<string, unknown>, afterId: number, limit: number) {
  const sdb = scoped(db, ctx.actor.scope);
  const rows = await repo.pageAfter(sdb, await assetFilters(sdb, sheetQuery(filters, ['category', 'subcategory']) as AssetQuery), afterId, limit);
  return {
    rows: rows.map((r) => ({
      code: r.code,
      category: CATEGORY_NAMES[r.category] ?? r.category,
      subcategory: r.subcategory,
      name: r.name,
      lng: String(r.lng),
      lat: String(r.lat),
      address: r.address,
      department: r.departmentCode ?? '',
      status: ASSET_STATUSES[r.status as keyof typeof ASSET_STATUSES] ?? r.status,
    })),
    lastId: rows.length ? rows[rows.length - 1].id : null,
  };
}

export const assetSheet: EntitySheet<AssetRowInput> = {
  entity: 'asset',
  title: { zh: '部件', en: 'Assets' },
  columns: ASSET_COLUMNS,
  parse: parseAssetRow,
  write: writeAssets,
  exportPage,
};
