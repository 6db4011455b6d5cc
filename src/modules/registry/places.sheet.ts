// The place sheet (场所): columns with the headers offices use, row parsing (all checks that need no
// database), batch upsert by natural key (credit code, else grid + name + address) with batched
// lookups, and masked export pages with the list's filters.
import type { DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import type { Bilingual } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { findRegionsByCodes, locatePointsInScope } from '../regions/index.ts';
import { noRegionAtPoint, pickLocated } from './places.common.ts';
import { keyOf, PLACE_KINDS, PLACE_LEVELS, type PlaceInput } from './places.model.ts';
import * as repo from './places.repository.ts';
import { normalizePlace, placeColumns, placeFilters, placeMeasures, type PlaceQuery } from './places.service.ts';
import { CounterDeltas, type Placement } from './registry.common.ts';
import type { EntitySheet, Parsed, RowProblem, SheetColumn, WriteOutcome } from './sheet.ts';
import { numberCell, sheetQuery, regionProblem, rejected } from './sheet.helpers.ts';

const b = (zh: string, en: string): Bilingual => ({ zh, en });

export const PLACE_COLUMNS: SheetColumn[] = [
  { key: 'regionCode', header: '所在网格编码', headerEn: 'Grid code', aliases: ['网格编码'], hint: b('网格或微网格编码；填了经纬度时可空', 'grid or micro-grid code; optional when longitude/latitude are given'), example: '', width: 26 },
  { key: 'name', header: '名称', headerEn: 'Name', aliases: ['场所名称'], required: true, example: '好又多超市', width: 20 },
  { key: 'kind', header: '类型', headerEn: 'Kind', aliases: ['场所类型'], required: true, example: '商铺', choices: Object.values(PLACE_KINDS), width: 10 },
  { key: 'address', header: '地址', headerEn: 'Address', example: '金山路 1 号', width: 24 },
  { key: 'creditCode', header: '统一社会信用代码', headerEn: 'Credit code', hint: b('18 位，校验位须正确', '18 characters with a correct check character'), example: '', width: 22 },
  { key: 'contactName', header: '联系人', headerEn: 'Contact', example: '王五', width: 10 },
  { key: 'contactMobile', header: '联系电话', headerEn: 'Contact mobile', aliases: ['手机号码'], example: '13812345678', width: 14 },
  { key: 'employees', header: '从业人数', headerEn: 'Employees', example: '12', width: 8 },
  { key: 'lng', header: '经度', headerEn: 'Longitude', example: '', width: 12 },
  { key: 'lat', header: '纬度', headerEn: 'Latitude', example: '', width: 12 },
];

export type PlaceRow = PlaceInput & { regionCode: string | null };

export function parsePlaceRow(cells: Record<string, string>): Parsed<PlaceRow> {
  const problems: RowProblem[] = [];
  const cell = (k: string) => (cells[k] ?? '').trim();
  const kind = keyOf(PLACE_KINDS, cell('kind'));
  if (!kind) problems.push({ column: 'kind', reason: b(`应为 ${Object.values(PLACE_KINDS).join('、')} 之一`, `must be one of ${Object.values(PLACE_KINDS).join(', ')}`) });
  const num = (k: string) => numberCell(cell(k), k, problems);
  const input: PlaceInput = { name: cell('name'), kind: kind ?? 'other', address: cell('address'), creditCode: cell('creditCode') || null, contactName: cell('contactName') || null, contactMobile: cell('contactMobile') || null, employees: num('employees'), lng: num('lng'), lat: num('lat') };
  const regionCode = cell('regionCode') || null;
  if (!regionCode && (input.lng == null || input.lat == null) && !problems.some((p) => p.column === 'lng' || p.column === 'lat')) {
    problems.push({ column: 'regionCode', reason: b('须填写网格编码或经纬度', 'give a grid code or longitude and latitude') });
  }
  const n = normalizePlace(input);
  if (!n.ok) for (const p of n.problems) if (!problems.some((q) => q.column === p.column)) problems.push(p);
  if (problems.length || !n.ok) return { ok: false, problems };
  return { ok: true, value: { ...n.value, regionCode } };
}

/** Where each row goes: its code's region, else the deepest grid or micro-grid at its point. */
async function placements(sdb: ScopedDb, rows: PlaceRow[]): Promise<(Placement | RowProblem)[]> {
  const codes = [...new Set(rows.flatMap((r) => (r.regionCode ? [r.regionCode] : [])))];
  const byCode = new Map((await findRegionsByCodes(sdb, codes)).map((r) => [r.code, r]));
  const toLocate = rows.map((r, i) => ({ r, i })).filter(({ r }) => !r.regionCode);
  const located = await locatePointsInScope(sdb, toLocate.map(({ r }) => ({ lng: r.lng!, lat: r.lat! })));
  const out: (Placement | RowProblem)[] = new Array(rows.length);
  toLocate.forEach(({ i }, k) => {
    out[i] = pickLocated(located[k], PLACE_LEVELS) ?? { column: 'lng', reason: noRegionAtPoint(PLACE_LEVELS) };
  });
  rows.forEach((r, i) => {
    if (r.regionCode) out[i] = regionProblem(byCode.get(r.regionCode), r.regionCode, PLACE_LEVELS) ?? { ...byCode.get(r.regionCode)! };
  });
  return out;
}

const keyOfRow = (c: { creditCode?: string | null; regionId: number; name: string; address?: string | null }) => (c.creditCode ? `c:${c.creditCode}` : `n:${c.regionId}\u0000${c.name}\u0000${c.address ?? ''}`);

function sameAs(e: repo.PlaceRow, c: repo.NewPlaceRow): boolean {
  const hash = c.contactMobileEnc ? c.contactMobileHash : null;
  return (
    e.regionId === c.regionId && e.name === c.name && e.kind === c.kind && e.address === (c.address ?? '') && e.creditCode === (c.creditCode ?? null) &&
    e.contactName === (c.contactName ?? null) && (e.contactMobileHash ?? null) === hash && e.employees === (c.employees ?? null) && e.lng === (c.lng ?? null) && e.lat === (c.lat ?? null)
  );
}

export async function writePlaces(tx: DbOrTx, ctx: RequestContext, sdbIn: ScopedDb, rows: PlaceRow[]): Promise<WriteOutcome[]> {
  assertPermission(ctx, 'registry.write');
  const sdb = sdbIn.with(tx);
  const where = await placements(sdb, rows);
  const out: WriteOutcome[] = new Array(rows.length);
  const cols: (repo.NewPlaceRow | null)[] = rows.map((r, i) => {
    const w = where[i];
    if ('reason' in w) {
      out[i] = rejected([w]);
      return null;
    }
    return placeColumns(r, w);
  });
  const live = cols.filter((c): c is repo.NewPlaceRow => !!c);
  const existing = [
    ...(await repo.activeByCreditCodes(tx, [...new Set(live.flatMap((c) => (c.creditCode ? [c.creditCode] : [])))])),
    ...(await repo.activeByNameKeys(tx, live.filter((c) => !c.creditCode).map((c) => ({ regionId: c.regionId, name: c.name, address: c.address ?? '' })))),
  ];
  const byKey = new Map(existing.map((e) => [keyOfRow(e), e]));
  const seen = new Set<string>();
  const inserts: { i: number; c: repo.NewPlaceRow }[] = [];
  const counters = new CounterDeltas();
  for (let i = 0; i < rows.length; i++) {
    const c = cols[i];
    if (!c) continue;
    const key = keyOfRow(c);
    if (seen.has(key)) {
      out[i] = rejected([{ column: c.creditCode ? 'creditCode' : 'name', reason: b('与本批中前面的行重复', 'repeats an earlier row of this batch') }]);
      continue;
    }
    seen.add(key);
    const e = byKey.get(key);
    if (!e) {
      inserts.push({ i, c });
      continue;
    }
    if (!sdb.covers(e.regionPath)) {
      out[i] = rejected([{ column: 'creditCode', reason: b('该场所已登记在您的管辖范围之外', 'this place is registered outside your scope') }]);
      continue;
    }
    // Same contact mobile → keep the stored ciphertext, so an unchanged row really is unchanged.
    if (c.contactMobileEnc && c.contactMobileHash === e.contactMobileHash) Object.assign(c, { contactMobileEnc: e.contactMobileEnc, contactMobileHash: e.contactMobileHash, contactMobileMasked: e.contactMobileMasked });
    // Not sheet columns: kept as they are.
    Object.assign(c, { buildingId: e.buildingId, status: e.status });
    if (sameAs(e, c)) {
      out[i] = { outcome: 'unchanged' };
      continue;
    }
    await repo.updatePlace(tx, e.id, e.version, c);
    counters.change({ path: e.regionPath, measures: placeMeasures }, { path: c.regionPath, measures: placeMeasures });
    out[i] = { outcome: 'updated' };
  }
  await repo.insertPlaces(tx, inserts.map((x) => x.c));
  for (const { i, c } of inserts) {
    out[i] = { outcome: 'added' };
    counters.change(null, { path: c.regionPath, measures: placeMeasures });
  }
  await counters.flush(tx);
  return out;
}

async function exportPage(db: DbOrTx, ctx: RequestContext, filters: Record<string, unknown>, afterId: number, limit: number) {
  const sdb = scoped(db, ctx.actor.scope);
  const rows = await repo.pageAfter(sdb, await placeFilters(sdb, sheetQuery(filters) as PlaceQuery), afterId, limit);
  return {
    rows: rows.map((r) => ({
      regionCode: r.regionCode,
      name: r.name,
      kind: PLACE_KINDS[r.kind as keyof typeof PLACE_KINDS] ?? r.kind,
      address: r.address,
      creditCode: r.creditCode ?? '',
      contactName: r.contactName ?? '',
      contactMobile: r.contactMobileMasked ?? '',
      employees: r.employees == null ? '' : String(r.employees),
      lng: r.lng == null ? '' : String(r.lng),
      lat: r.lat == null ? '' : String(r.lat),
    })),
    lastId: rows.length ? rows[rows.length - 1].id : null,
  };
}

export const placeSheet: EntitySheet<PlaceRow> = {
  entity: 'place',
  title: { zh: '场所', en: 'Places' },
  columns: PLACE_COLUMNS,
  parse: parsePlaceRow,
  write: writePlaces,
  exportPage,
};
