// The dwelling sheet (房屋): rows name their building by grid, estate and number; upsert by
// (building, unit, room number).
import { assertPermission } from '../../shared/authz.ts';
import { scoped } from '../../shared/scoped.ts';
import { recordAuditMany, type AuditEvent } from '../audit/index.ts';
import { loadInScope, regionSummariesByIds } from '../regions/index.ts';
import { BUILDING_LEVELS } from './buildings.service.ts';
import * as repo from './dwellings.repository.ts';
import { dwellingCheck, dwellingMeasures } from './dwellings.service.ts';
import { buildingKey, buildingsByKey, changed, EstateFinder, resolveRegions, RowReader, str } from './housing.sheet-kit.ts';
import { DWELLING_USES, OCCUPANCIES, type DwellingUse, type Occupancy } from './housing.views.ts';
import { CounterDeltas } from './registry.common.ts';
import { activeRentalsOf } from './rentals.repository.ts';
import type { EntitySheet, WriteOutcome } from './sheet.ts';

export interface DwellingSheetRow {
  regionCode: string;
  estate: string;
  building: string;
  unit: number;
  floor: number;
  number: string;
  area: number | null;
  use: DwellingUse;
  occupancy: Occupancy;
}

const reject = (column: string, zh: string, en: string): WriteOutcome => ({ outcome: 'rejected', problems: [{ column, reason: { zh, en } }] });

/** Places rows of the dwelling and rental sheets: grid → estate → building, in three queries per batch. */
export async function locateBuildings<T extends { regionCode: string; estate: string; building: string }>(tx: Parameters<EntitySheet['write']>[0], sdb: Parameters<EntitySheet['write']>[2], rows: T[]) {
  const regions = await resolveRegions(tx, sdb, rows.map((r) => r.regionCode), BUILDING_LEVELS, { zh: '网格或微网格', en: 'grid or micro-grid' });
  const estates = await EstateFinder.load(
    sdb,
    rows.flatMap((r) => {
      const p = regions.get(r.regionCode);
      return p?.ok ? [{ name: r.estate, path: p.value.path }] : [];
    }),
  );
  const located = rows.map((row) => {
    const reg = regions.get(row.regionCode)!;
    if (!reg.ok) return { problem: { outcome: 'rejected', problems: [{ column: 'regionCode', reason: reg.reason }] } as WriteOutcome };
    const est = estates.find(row.estate, reg.value.path);
    if (!est.ok) return { problem: { outcome: 'rejected', problems: [{ column: 'estate', reason: est.reason }] } as WriteOutcome };
    return { key: buildingKey(reg.value.id, est.value?.id ?? null, row.building), lookup: { regionId: reg.value.id, estateId: est.value?.id ?? null, number: row.building } };
  });
  const buildings = await buildingsByKey(tx, located.flatMap((l) => (l.lookup ? [l.lookup] : [])));
  return located.map((l, i) => {
    if (l.problem) return { problem: l.problem };
    const b = buildings.get(l.key!);
    if (!b) return { problem: reject('building', `未找到楼栋「${rows[i].building}」，请先导入楼栋`, `no building ${rows[i].building} there; import buildings first`) };
    return { building: b };
  });
}

export const dwellingSheet: EntitySheet<DwellingSheetRow> = {
  entity: 'dwelling',
  title: { zh: '房屋', en: 'Dwellings' },
  columns: [
    { key: 'regionCode', header: '所在网格编码', headerEn: 'Grid code', required: true, example: '44130200100101', width: 24 },
    { key: 'estate', header: '小区名称', headerEn: 'Estate', example: '幸福小区', width: 18 },
    { key: 'building', header: '楼栋编号', headerEn: 'Building number', required: true, example: '3', width: 10 },
    { key: 'unit', header: '单元', headerEn: 'Unit', required: true, example: '1', width: 8 },
    { key: 'floor', header: '楼层', headerEn: 'Floor', required: true, example: '3', width: 8, hint: { zh: '地下层填负数，如 -1', en: 'negative below ground, e.g. -1' } },
    { key: 'number', header: '房号', headerEn: 'Room number', required: true, example: '302', width: 10 },
    { key: 'area', header: '面积', headerEn: 'Area (m²)', example: '89.5', width: 10 },
    { key: 'use', header: '用途', headerEn: 'Use', example: '住宅', choices: Object.values(DWELLING_USES), width: 10 },
    { key: 'occupancy', header: '居住状态', headerEn: 'Occupancy', example: '自住', choices: Object.values(OCCUPANCIES), width: 10 },
  ],

  parse(cells) {
    const r = new RowReader(cells);
    const value: DwellingSheetRow = {
      regionCode: r.text('regionCode', { required: true, max: 40 }),
      estate: r.text('estate', { max: 100 }),
      building: r.text('building', { required: true, max: 40 }).replace(/[栋幢]$/u, ''),
      unit: r.int('unit', { required: true, min: 1, max: 50 }) ?? 1,
      floor: r.int('floor', { required: true, min: -20, max: 200 }) ?? 1,
      number: r.text('number', { required: true, max: 20 }),
      area: r.number('area', { positive: true, max: 100000 }),
      use: r.choice('use', DWELLING_USES, 'residential') as DwellingUse,
      occupancy: r.choice('occupancy', OCCUPANCIES, 'vacant') as Occupancy,
    };
    if (value.floor === 0) r.fail('floor', '没有第 0 层', 'there is no floor 0');
    return r.problems.length ? { ok: false, problems: r.problems } : { ok: true, value };
  },

  async write(tx, ctx, sdb, rows) {
    assertPermission(ctx, 'registry.write');
    const located = await locateBuildings(tx, sdb, rows);
    const keys = located.flatMap((l, i) => (l.building ? [{ buildingId: l.building.id, unitNumber: rows[i].unit, number: rows[i].number }] : []));
    const existing = new Map((await repo.findDwellingsByKey(tx, keys)).map((d) => [`${d.buildingId}:${d.unitNumber}:${d.number}`, d]));
    const leased = new Set((await activeRentalsOf(tx, [...existing.values()].filter((d) => d.occupancy === 'rental').map((d) => d.id))).map((r) => r.dwellingId));
    const outcomes: WriteOutcome[] = [];
    const inserts: repo.NewDwellingRow[] = [];
    const audits: AuditEvent[] = [];
    const deltas = new CounterDeltas();
    const seen = new Set<string>();
    for (const [i, row] of rows.entries()) {
      const b = located[i].building;
      if (!b) {
        outcomes.push(located[i].problem!);
        continue;
      }
      const bad = dwellingCheck(b, { unitNumber: row.unit, floor: row.floor, area: row.area });
      if (bad) {
        outcomes.push({ outcome: 'rejected', problems: [{ column: bad.column, reason: bad.reason }] });
        continue;
      }
      const key = `${b.id}:${row.unit}:${row.number}`;
      if (seen.has(key)) {
        outcomes.push(reject('number', '与本批前面的行重复', 'repeats an earlier row of this file'));
        continue;
      }
      seen.add(key);
      const fields = { floor: row.floor, area: row.area, use: row.use, occupancy: row.occupancy };
      const before = existing.get(key);
      if (!before) {
        inserts.push({ regionId: b.regionId, regionPath: b.regionPath, buildingId: b.id, unitNumber: row.unit, number: row.number, ...fields });
        outcomes.push({ outcome: 'added' });
        continue;
      }
      const diff = changed(fields, before);
      if (Object.keys(diff).length === 0) {
        outcomes.push({ outcome: 'unchanged' });
        continue;
      }
      if (diff.occupancy !== undefined && leased.has(before.id)) {
        outcomes.push(reject('occupancy', '租约未结束，不能改为非出租', 'the lease is still running; end it first'));
        continue;
      }
      const after = await repo.updateDwelling(tx, before.id, before.version, diff);
      if (!after) {
        outcomes.push(reject('', '该记录正被他人修改', 'the record is being changed by someone else'));
        continue;
      }
      deltas.change({ path: before.regionPath, measures: dwellingMeasures(before) }, { path: after.regionPath, measures: dwellingMeasures(after) });
      audits.push({ action: 'dwelling.update', entityType: 'dwelling', entityId: after.id, regionPath: after.regionPath, before, after });
      outcomes.push({ outcome: 'updated' });
    }
    for (const d of await repo.insertDwellings(tx, inserts)) {
      deltas.change(null, { path: d.regionPath, measures: dwellingMeasures(d) });
      audits.push({ action: 'dwelling.create', entityType: 'dwelling', entityId: d.id, regionPath: d.regionPath, after: d });
    }
    await deltas.flush(tx);
    await recordAuditMany(tx, ctx, audits);
    return outcomes;
  },

  async exportPage(db, ctx, filters, afterId, limit) {
    const sdb = scoped(db, ctx.actor.scope);
    const f = filters as { regionId?: number; buildingId?: number; occupancy?: string; q?: string };
    const regionPath = f.regionId ? (await loadInScope(sdb, Number(f.regionId))).path : undefined;
    const rows = await repo.exportDwellings(sdb, { regionPath, buildingId: f.buildingId ? Number(f.buildingId) : undefined, occupancy: f.occupancy, q: f.q }, afterId, limit);
    const codes = new Map((await regionSummariesByIds(sdb, [...new Set(rows.map((r) => r.regionId))])).map((r) => [r.id, r.code]));
    return {
      rows: rows.map((r) => ({
        regionCode: codes.get(r.regionId) ?? '',
        estate: r.estateName ?? '',
        building: r.buildingNumber,
        unit: str(r.unitNumber),
        floor: str(r.floor),
        number: r.number,
        area: str(r.area),
        use: DWELLING_USES[r.use as DwellingUse] ?? r.use,
        occupancy: OCCUPANCIES[r.occupancy as Occupancy] ?? r.occupancy,
      })),
      lastId: rows.length ? rows[rows.length - 1].id : null,
    };
  },
};
