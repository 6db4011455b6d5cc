// The estate sheet (小区): template columns, row parsing, batched upsert by (region, name), export.
import type { DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAuditMany, type AuditEvent } from '../audit/index.ts';
import { loadInScope, pinyinKeys, regionSummariesByIds } from '../regions/index.ts';
import * as repo from './estates.repository.ts';
import { ESTATE_LEVELS, estateMeasures, isUnmanaged } from './estates.service.ts';
import { changed, resolveRegions, RowReader, str, yesNo } from './housing.sheet-kit.ts';
import { ESTATE_AGES, type EstateAge } from './housing.views.ts';
import { CounterDeltas } from './registry.common.ts';
import type { EntitySheet, WriteOutcome } from './sheet.ts';

export interface EstateSheetRow {
  regionCode: string;
  name: string;
  address: string;
  propertyCompany: string;
  hasSecurity: boolean;
  hasEnclosure: boolean;
  age: EstateAge;
  builtYear: number | null;
  lng: number | null;
  lat: number | null;
}

const reject = (column: string, zh: string, en: string): WriteOutcome => ({ outcome: 'rejected', problems: [{ column, reason: { zh, en } }] });

export const estateSheet: EntitySheet<EstateSheetRow> = {
  entity: 'estate',
  title: { zh: '小区', en: 'Estates' },
  columns: [
    { key: 'regionCode', header: '所在区域编码', headerEn: 'Region code', required: true, example: '441302001001', width: 22, hint: { zh: '社区或网格的编码', en: 'code of a community or grid' } },
    { key: 'name', header: '小区名称', headerEn: 'Estate name', required: true, example: '幸福小区', width: 18 },
    { key: 'address', header: '地址', headerEn: 'Address', example: '幸福路 1 号', width: 24 },
    { key: 'propertyCompany', header: '物业公司', headerEn: 'Property company', example: '安居物业', width: 18, hint: { zh: '已登记的物业公司名称；无物业留空', en: 'name of a registered property company; empty for none' } },
    { key: 'hasSecurity', header: '有无保安', headerEn: 'Security', example: '有', choices: ['有', '无'], width: 10 },
    { key: 'hasEnclosure', header: '有无围墙', headerEn: 'Enclosure', example: '有', choices: ['有', '无'], width: 10 },
    { key: 'age', header: '新旧', headerEn: 'Old or new', example: '老旧', choices: Object.values(ESTATE_AGES), width: 8 },
    { key: 'builtYear', header: '建成年份', headerEn: 'Built year', example: '1998', width: 10 },
    { key: 'lng', header: '经度', headerEn: 'Longitude', example: '114.4155', width: 12 },
    { key: 'lat', header: '纬度', headerEn: 'Latitude', example: '23.1115', width: 12 },
  ],

  parse(cells) {
    const r = new RowReader(cells);
    const value: EstateSheetRow = {
      regionCode: r.text('regionCode', { required: true, max: 40 }),
      name: r.text('name', { required: true, max: 100 }),
      address: r.text('address', { max: 200 }),
      propertyCompany: r.text('propertyCompany', { max: 100 }),
      hasSecurity: r.yesNo('hasSecurity', false),
      hasEnclosure: r.yesNo('hasEnclosure', false),
      age: r.choice('age', ESTATE_AGES, 'new') as EstateAge,
      builtYear: r.int('builtYear', { min: 1800, max: 2100 }),
      ...r.position('lng', 'lat'),
    };
    return r.problems.length ? { ok: false, problems: r.problems } : { ok: true, value };
  },

  async write(tx, ctx, sdb, rows) {
    assertPermission(ctx, 'registry.write');
    const regions = await resolveRegions(tx, sdb, rows.map((r) => r.regionCode), ESTATE_LEVELS, { zh: '社区或网格', en: 'community or grid' });
    const companies = await repo.findPropertyCompaniesByName(sdb, [...new Set(rows.map((r) => r.propertyCompany).filter(Boolean))]);
    const keys = rows.flatMap((r) => {
      const reg = regions.get(r.regionCode);
      return reg?.ok ? [{ regionId: reg.value.id, name: r.name }] : [];
    });
    const existing = new Map((await repo.findEstatesByName(tx, keys)).map((e) => [`${e.regionId}:${e.name}`, e]));
    const outcomes: WriteOutcome[] = [];
    const inserts: { index: number; row: repo.NewEstateRow }[] = [];
    const audits: AuditEvent[] = [];
    const deltas = new CounterDeltas();
    const seen = new Set<string>();
    for (const [i, row] of rows.entries()) {
      const reg = regions.get(row.regionCode)!;
      if (!reg.ok) {
        outcomes.push({ outcome: 'rejected', problems: [{ column: 'regionCode', reason: reg.reason }] });
        continue;
      }
      const place = reg.value;
      let propertyCompanyId: number | null = null;
      if (row.propertyCompany) {
        const hits = companies.filter((c) => c.name === row.propertyCompany);
        // Several companies of one name: the one registered above or below the estate's region.
        const near = hits.length > 1 ? hits.filter((c) => place.path.startsWith(c.regionPath) || c.regionPath.startsWith(place.path)) : hits;
        if (near.length !== 1) {
          outcomes.push(reject('propertyCompany', near.length ? `有多家名为「${row.propertyCompany}」的物业公司` : `未找到物业公司「${row.propertyCompany}」`, near.length ? `several property companies named ${row.propertyCompany}` : `no property company ${row.propertyCompany}`));
          continue;
        }
        propertyCompanyId = near[0].id;
      }
      const key = `${place.id}:${row.name}`;
      if (seen.has(key)) {
        outcomes.push(reject('name', '与本批前面的行重复', 'repeats an earlier row of this file'));
        continue;
      }
      seen.add(key);
      const flags = { propertyCompanyId, hasSecurity: row.hasSecurity, hasEnclosure: row.hasEnclosure };
      const fields = {
        address: row.address,
        ...flags,
        unmanaged: isUnmanaged(flags),
        age: row.age,
        builtYear: row.builtYear,
        lng: row.lng,
        lat: row.lat,
        geometry: row.lng !== null && row.lat !== null ? { type: 'Point', coordinates: [row.lng, row.lat] } : null,
      };
      const before = existing.get(key);
      if (!before) {
        inserts.push({ index: i, row: { regionId: place.id, regionPath: place.path, name: row.name, nameInitials: pinyinKeys(row.name).initials, ...fields } });
        outcomes.push({ outcome: 'added' });
        continue;
      }
      // An estate drawn as a polygon keeps it when the sheet gives no position.
      if (row.lng === null && before.geometry) Object.assign(fields, { geometry: before.geometry, lng: before.lng, lat: before.lat });
      const diff = changed(fields, before);
      if (Object.keys(diff).length === 0) {
        outcomes.push({ outcome: 'unchanged' });
        continue;
      }
      const after = await repo.updateEstate(tx, before.id, before.version, diff);
      if (!after) {
        outcomes.push(reject('', '该记录正被他人修改', 'the record is being changed by someone else'));
        continue;
      }
      deltas.change({ path: before.regionPath, measures: estateMeasures(before) }, { path: after.regionPath, measures: estateMeasures(after) });
      audits.push({ action: 'estate.update', entityType: 'estate', entityId: after.id, regionPath: after.regionPath, before, after });
      outcomes.push({ outcome: 'updated' });
    }
    for (const e of await repo.insertEstates(tx, inserts.map((x) => x.row))) {
      deltas.change(null, { path: e.regionPath, measures: estateMeasures(e) });
      audits.push({ action: 'estate.create', entityType: 'estate', entityId: e.id, regionPath: e.regionPath, after: e });
    }
    await deltas.flush(tx);
    await recordAuditMany(tx, ctx, audits);
    return outcomes;
  },

  async exportPage(db, ctx, filters, afterId, limit) {
    const sdb = scoped(db, ctx.actor.scope);
    const f = filters as { regionId?: number; q?: string; unmanaged?: boolean; age?: string };
    const regionPath = f.regionId ? (await loadInScope(sdb, Number(f.regionId))).path : undefined;
    const rows = await repo.exportEstates(sdb, { q: f.q, unmanaged: f.unmanaged, age: f.age, regionPath }, afterId, limit);
    return { rows: await display(sdb, rows), lastId: rows.length ? rows[rows.length - 1].id : null };
  },
};

async function display(sdb: ScopedDb, rows: repo.EstateRow[]): Promise<Record<string, string>[]> {
  const codes = new Map((await regionSummariesByIds(sdb, [...new Set(rows.map((r) => r.regionId))])).map((r) => [r.id, r.code]));
  const companies = await repo.organizationNames(sdb.db as DbOrTx, [...new Set(rows.map((r) => r.propertyCompanyId).filter((x): x is number => x !== null))]);
  return rows.map((r) => ({
    regionCode: codes.get(r.regionId) ?? '',
    name: r.name,
    address: r.address,
    propertyCompany: r.propertyCompanyId ? (companies.get(r.propertyCompanyId) ?? '') : '',
    hasSecurity: yesNo(r.hasSecurity),
    hasEnclosure: yesNo(r.hasEnclosure),
    age: ESTATE_AGES[r.age as EstateAge] ?? r.age,
    builtYear: str(r.builtYear),
    lng: str(r.lng),
    lat: str(r.lat),
  }));
}
