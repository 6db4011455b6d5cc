// The building sheet (楼栋): upsert by (grid, estate, number); units follow the unit count.
import { assertPermission } from '../../shared/authz.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAuditMany, type AuditEvent } from '../audit/index.ts';
import { loadInScope, regionSummariesByIds } from '../regions/index.ts';
import * as repo from './buildings.repository.ts';
import { BUILDING_LEVELS, buildingMeasures } from './buildings.service.ts';
import { buildingKey, buildingsByKey, changed, EstateFinder, resolveRegions, RowReader, str } from './housing.sheet-kit.ts';
import { BUILDING_USES, type BuildingUse } from './housing.views.ts';
import { CounterDeltas } from './registry.common.ts';
import type { EntitySheet, WriteOutcome } from './sheet.ts';

export interface BuildingSheetRow {
  regionCode: string;
  estate: string;
  number: string;
  address: string;
  floors: number;
  basementFloors: number;
  unitCount: number;
  use: BuildingUse;
  builtYear: number | null;
  lng: number | null;
  lat: number | null;
}

const reject = (column: string, zh: string, en: string): WriteOutcome => ({ outcome: 'rejected', problems: [{ column, reason: { zh, en } }] });

export const buildingSheet: EntitySheet<BuildingSheetRow> = {
  entity: 'building',
  title: { zh: '楼栋', en: 'Buildings' },
  columns: [
    { key: 'regionCode', header: '所在网格编码', headerEn: 'Grid code', required: true, example: '44130200100101', width: 24, hint: { zh: '网格或微网格的编码', en: 'code of a grid or micro-grid' } },
    { key: 'estate', header: '小区名称', headerEn: 'Estate', example: '幸福小区', width: 18, hint: { zh: '不在小区内的楼栋留空', en: 'empty for a building outside any estate' } },
    { key: 'number', header: '楼栋编号', headerEn: 'Building number', required: true, example: '3', width: 10 },
    { key: 'address', header: '地址', headerEn: 'Address', example: '幸福路 1 号 3 栋', width: 24 },
    { key: 'floors', header: '地上层数', headerEn: 'Floors', required: true, example: '6', width: 10 },
    { key: 'basementFloors', header: '地下层数', headerEn: 'Basement floors', example: '0', width: 10 },
    { key: 'unitCount', header: '单元数', headerEn: 'Units', example: '2', width: 8 },
    { key: 'use', header: '用途', headerEn: 'Use', example: '住宅', choices: Object.values(BUILDING_USES), width: 10 },
    { key: 'builtYear', header: '建成年份', headerEn: 'Built year', example: '1998', width: 10 },
    { key: 'lng', header: '经度', headerEn: 'Longitude', example: '114.4155', width: 12 },
    { key: 'lat', header: '纬度', headerEn: 'Latitude', example: '23.1115', width: 12 },
  ],

  parse(cells) {
    const r = new RowReader(cells);
    const value: BuildingSheetRow = {
      regionCode: r.text('regionCode', { required: true, max: 40 }),
      estate: r.text('estate', { max: 100 }),
      number: r.text('number', { required: true, max: 40 }).replace(/[栋幢]$/u, ''),
      address: r.text('address', { max: 200 }),
      floors: r.int('floors', { required: true, min: 1, max: 200 }) ?? 1,
      basementFloors: r.int('basementFloors', { min: 0, max: 20 }) ?? 0,
      unitCount: r.int('unitCount', { min: 1, max: 50 }) ?? 1,
      use: r.choice('use', BUILDING_USES, 'residential') as BuildingUse,
      builtYear: r.int('builtYear', { min: 1800, max: 2100 }),
      ...r.position('lng', 'lat'),
    };
    return r.problems.length ? { ok: false, problems: r.problems } : { ok: true, value };
  },

  async write(tx, ctx, sdb, rows) {
    assertPermission(ctx, 'registry.write');
    const regions = await resolveRegions(tx, sdb, rows.map((r) => r.regionCode), BUILDING_LEVELS, { zh: '网格或微网格', en: 'grid or micro-grid' });
    const placeOf = (r: BuildingSheetRow) => regions.get(r.regionCode);
    const estates = await EstateFinder.load(
      sdb,
      rows.flatMap((r) => {
        const p = placeOf(r);
        return p?.ok ? [{ name: r.estate, path: p.value.path }] : [];
      }),
    );
    // First pass: place each row and find its estate, so existing buildings load in one query.
    const placed = rows.map((row) => {
      const reg = placeOf(row)!;
      if (!reg.ok) return { row, problem: { outcome: 'rejected', problems: [{ column: 'regionCode', reason: reg.reason }] } as WriteOutcome };
      const est = estates.find(row.estate, reg.value.path);
      if (!est.ok) return { row, problem: { outcome: 'rejected', problems: [{ column: 'estate', reason: est.reason }] } as WriteOutcome };
      return { row, place: reg.value, estateId: est.value?.id ?? null };
    });
    const existing = await buildingsByKey(
      tx,
      placed.flatMap((p) => (p.place ? [{ regionId: p.place.id, estateId: p.estateId!, number: p.row.number }] : [])),
    );
    const outcomes: WriteOutcome[] = [];
    const inserts: repo.NewBuildingRow[] = [];
    const grown: { buildingId: number; unitCount: number }[] = [];
    const audits: AuditEvent[] = [];
    const deltas = new CounterDeltas();
    const seen = new Set<string>();
    for (const p of placed) {
      if (!p.place) {
        outcomes.push(p.problem!);
        continue;
      }
      const { row, place } = p;
      const estateId = p.estateId ?? null;
      const key = buildingKey(place.id, estateId, row.number);
      if (seen.has(key)) {
        outcomes.push(reject('number', '与本批前面的行重复', 'repeats an earlier row of this file'));
        continue;
      }
      seen.add(key);
      const fields = { address: row.address, floors: row.floors, basementFloors: row.basementFloors, unitCount: row.unitCount, use: row.use, builtYear: row.builtYear, lng: row.lng, lat: row.lat };
      const before = existing.get(key);
      if (!before) {
        inserts.push({ regionId: place.id, regionPath: place.path, estateId, number: row.number, ...fields });
        outcomes.push({ outcome: 'added' });
        continue;
      }
      const diff = changed(fields, before);
      if (Object.keys(diff).length === 0) {
        outcomes.push({ outcome: 'unchanged' });
        continue;
      }
      // Shrinking is checked against the dwellings already there (rare: one query for such rows only).
      if (row.unitCount < before.unitCount && row.unitCount < (await repo.highestOccupiedUnit(tx, before.id))) {
        outcomes.push(reject('unitCount', '减少后的单元内还有房屋', 'units being removed still hold dwellings'));
        continue;
      }
      if (row.floors < before.floors || row.basementFloors < before.basementFloors) {
        const span = await repo.occupiedFloorSpan(tx, before.id);
        if (span && (span.top > row.floors || span.bottom < -row.basementFloors)) {
          outcomes.push(reject('floors', `第 ${span.top > row.floors ? span.top : span.bottom} 层还有房屋`, 'floors being removed still hold dwellings'));
          continue;
        }
      }
      const after = await repo.updateBuilding(tx, before.id, before.version, diff);
      if (!after) {
        outcomes.push(reject('', '该记录正被他人修改', 'the record is being changed by someone else'));
        continue;
      }
      if (after.unitCount > before.unitCount) grown.push({ buildingId: after.id, unitCount: after.unitCount });
      if (after.unitCount < before.unitCount) await repo.dropUnitsAbove(tx, after.id, after.unitCount);
      audits.push({ action: 'building.update', entityType: 'building', entityId: after.id, regionPath: after.regionPath, before, after });
      outcomes.push({ outcome: 'updated' });
    }
    for (const b of await repo.insertBuildings(tx, inserts)) {
      grown.push({ buildingId: b.id, unitCount: b.unitCount });
      deltas.change(null, { path: b.regionPath, measures: buildingMeasures(b) });
      audits.push({ action: 'building.create', entityType: 'building', entityId: b.id, regionPath: b.regionPath, after: b });
    }
    await repo.ensureUnits(tx, grown);
    await deltas.flush(tx);
    await recordAuditMany(tx, ctx, audits);
    return outcomes;
  },

  async exportPage(db, ctx, filters, afterId, limit) {
    const sdb = scoped(db, ctx.actor.scope);
    const f = filters as { regionId?: number; estateId?: number; q?: string };
    const regionPath = f.regionId ? (await loadInScope(sdb, Number(f.regionId))).path : undefined;
    const rows = await repo.exportBuildings(sdb, { regionPath, estateId: f.estateId ? Number(f.estateId) : undefined, q: f.q }, afterId, limit);
    return { rows: await display(sdb, rows), lastId: rows.length ? rows[rows.length - 1].id : null };
  },
};

async function display(sdb: ScopedDb, rows: repo.BuildingRow[]): Promise<Record<string, string>[]> {
  const codes = new Map((await regionSummariesByIds(sdb, [...new Set(rows.map((r) => r.regionId))])).map((r) => [r.id, r.code]));
  const estates = await repo.estateNames(sdb.db, [...new Set(rows.map((r) => r.estateId).filter((x): x is number => x !== null))]);
  return rows.map((r) => ({
    regionCode: codes.get(r.regionId) ?? '',
    estate: r.estateId ? (estates.get(r.estateId)?.name ?? '') : '',
    number: r.number,
    address: r.address,
    floors: str(r.floors),
    basementFloors: str(r.basementFloors),
    unitCount: str(r.unitCount),
    use: BUILDING_USES[r.use as BuildingUse] ?? r.use,
    builtYear: str(r.builtYear),
    lng: str(r.lng),
    lat: str(r.lat),
  }));
}
