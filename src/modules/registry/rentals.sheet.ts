// The rental sheet (出租屋): one row per rented dwelling; upsert by the dwelling's running lease.
// A new lease marks the dwelling 'rental' and gets its posting code; mobiles are stored encrypted
// and exported masked.
import { assertPermission } from '../../shared/authz.ts';
import { piiLookupHash } from '../../shared/pii.ts';
import { scoped } from '../../shared/scoped.ts';
import { recordAuditMany, type AuditEvent } from '../audit/index.ts';
import { loadInScope, regionSummariesByIds } from '../regions/index.ts';
import { checkMobile } from './checks.ts';
import * as dwellingsRepo from './dwellings.repository.ts';
import { dwellingMeasures } from './dwellings.service.ts';
import { locateBuildings } from './dwellings.sheet.ts';
import { changed, RowReader, str } from './housing.sheet-kit.ts';
import { RENTAL_PURPOSES, type RentalPurpose } from './housing.views.ts';
import { CounterDeltas, piiColumns } from './registry.common.ts';
import * as repo from './rentals.repository.ts';
import { endingWindow, newPostingCode } from './rentals.service.ts';
import type { EntitySheet, WriteOutcome } from './sheet.ts';

export interface RentalSheetRow {
  regionCode: string;
  estate: string;
  building: string;
  unit: number;
  number: string;
  landlordName: string;
  landlordMobile: string | null;
  leaseStart: string | null;
  leaseEnd: string | null;
  monthlyRent: number | null;
  purpose: RentalPurpose;
}

const reject = (column: string, zh: string, en: string): WriteOutcome => ({ outcome: 'rejected', problems: [{ column, reason: { zh, en } }] });
const auditable = (r: repo.RentalRow) => {
  const { landlordMobileEnc: _e, landlordMobileHash: _h, ...rest } = r;
  return rest;
};

export const rentalSheet: EntitySheet<RentalSheetRow> = {
  entity: 'rental',
  title: { zh: '出租屋', en: 'Rentals' },
  columns: [
    { key: 'regionCode', header: '所在网格编码', headerEn: 'Grid code', required: true, example: '44130200100101', width: 24 },
    { key: 'estate', header: '小区名称', headerEn: 'Estate', example: '幸福小区', width: 18 },
    { key: 'building', header: '楼栋编号', headerEn: 'Building number', required: true, example: '3', width: 10 },
    { key: 'unit', header: '单元', headerEn: 'Unit', required: true, example: '1', width: 8 },
    { key: 'number', header: '房号', headerEn: 'Room number', required: true, example: '302', width: 10 },
    { key: 'landlordName', header: '房东姓名', headerEn: 'Landlord', required: true, example: '王大明', width: 12 },
    { key: 'landlordMobile', header: '房东手机号码', headerEn: 'Landlord mobile', example: '13800135678', width: 16 },
    { key: 'leaseStart', header: '租期开始', headerEn: 'Lease start', example: '2026-01-01', width: 12 },
    { key: 'leaseEnd', header: '租期结束', headerEn: 'Lease end', example: '2026-12-31', width: 12 },
    { key: 'monthlyRent', header: '月租金', headerEn: 'Monthly rent', example: '1800', width: 10 },
    { key: 'purpose', header: '用途', headerEn: 'Purpose', example: '居住', choices: Object.values(RENTAL_PURPOSES), width: 10 },
  ],

  parse(cells) {
    const r = new RowReader(cells);
    const rawMobile = r.text('landlordMobile');
    let landlordMobile: string | null = null;
    if (rawMobile) {
      const m = checkMobile(rawMobile);
      if (m.ok) landlordMobile = m.value;
      else r.problems.push({ column: 'landlordMobile', reason: m.reason });
    }
    const value: RentalSheetRow = {
      regionCode: r.text('regionCode', { required: true, max: 40 }),
      estate: r.text('estate', { max: 100 }),
      building: r.text('building', { required: true, max: 40 }).replace(/[栋幢]$/u, ''),
      unit: r.int('unit', { required: true, min: 1, max: 50 }) ?? 1,
      number: r.text('number', { required: true, max: 20 }),
      landlordName: r.text('landlordName', { required: true, max: 50 }),
      landlordMobile,
      leaseStart: r.date('leaseStart'),
      leaseEnd: r.date('leaseEnd'),
      monthlyRent: r.number('monthlyRent', { min: 0, max: 10_000_000 }),
      purpose: r.choice('purpose', RENTAL_PURPOSES, 'residential') as RentalPurpose,
    };
    if (value.leaseStart && value.leaseEnd && value.leaseEnd < value.leaseStart) r.fail('leaseEnd', '租期结束早于开始', 'lease ends before it starts');
    return r.problems.length ? { ok: false, problems: r.problems } : { ok: true, value };
  },

  async write(tx, ctx, sdb, rows) {
    assertPermission(ctx, 'registry.write');
    const located = await locateBuildings(tx, sdb, rows);
    const keys = located.flatMap((l, i) => (l.building ? [{ buildingId: l.building.id, unitNumber: rows[i].unit, number: rows[i].number }] : []));
    const dwellings = new Map((await dwellingsRepo.findDwellingsByKey(tx, keys)).map((d) => [`${d.buildingId}:${d.unitNumber}:${d.number}`, d]));
    const leases = new Map((await repo.activeRentalsOf(tx, [...dwellings.values()].map((d) => d.id))).map((r) => [r.dwellingId, r]));
    const outcomes: WriteOutcome[] = [];
    const inserts: repo.NewRentalRow[] = [];
    const toRent: dwellingsRepo.DwellingRow[] = [];
    const audits: AuditEvent[] = [];
    const deltas = new CounterDeltas();
    const seen = new Set<number>();
    for (const [i, row] of rows.entries()) {
      const b = located[i].building;
      if (!b) {
        outcomes.push(located[i].problem!);
        continue;
      }
      const d = dwellings.get(`${b.id}:${row.unit}:${row.number}`);
      if (!d) {
        outcomes.push(reject('number', `未找到房屋 ${row.unit}单元 ${row.number}，请先导入房屋`, `no dwelling ${row.unit}-${row.number}; import dwellings first`));
        continue;
      }
      if (seen.has(d.id)) {
        outcomes.push(reject('number', '与本批前面的行重复', 'repeats an earlier row of this file'));
        continue;
      }
      seen.add(d.id);
      const fields = { landlordName: row.landlordName, leaseStart: row.leaseStart, leaseEnd: row.leaseEnd, monthlyRent: row.monthlyRent, purpose: row.purpose };
      const before = leases.get(d.id);
      if (!before) {
        const pii = piiColumns(row.landlordMobile, 'mobile');
        inserts.push({ regionId: d.regionId, regionPath: d.regionPath, dwellingId: d.id, ...fields, landlordMobileEnc: pii.enc, landlordMobileHash: pii.hash, landlordMobileMasked: pii.masked, postingCode: newPostingCode() });
        if (d.occupancy !== 'rental') toRent.push(d);
        outcomes.push({ outcome: 'added' });
        continue;
      }
      const diff: Partial<repo.NewRentalRow> = changed(fields, before);
      // Mobiles compare by their keyed hash: the ciphertext differs on every encryption.
      if ((row.landlordMobile ? piiLookupHash(row.landlordMobile) : null) !== before.landlordMobileHash) {
        const pii = piiColumns(row.landlordMobile, 'mobile');
        Object.assign(diff, { landlordMobileEnc: pii.enc, landlordMobileHash: pii.hash, landlordMobileMasked: pii.masked });
      }
      if (Object.keys(diff).length === 0) {
        outcomes.push({ outcome: 'unchanged' });
        continue;
      }
      const after = await repo.updateRental(tx, before.id, before.version, diff);
      if (!after) {
        outcomes.push(reject('', '该记录正被他人修改', 'the record is being changed by someone else'));
        continue;
      }
      audits.push({ action: 'rental.update', entityType: 'rental', entityId: after.id, regionPath: after.regionPath, before: auditable(before), after: auditable(after) });
      outcomes.push({ outcome: 'updated' });
    }
    for (const d of toRent) {
      const after = await dwellingsRepo.updateDwelling(tx, d.id, d.version, { occupancy: 'rental' });
      if (!after) throw new Error(`dwelling ${d.id} changed during the import`);
      deltas.change({ path: d.regionPath, measures: dwellingMeasures(d) }, { path: after.regionPath, measures: dwellingMeasures(after) });
    }
    for (const r of await repo.insertRentals(tx, inserts)) audits.push({ action: 'rental.create', entityType: 'rental', entityId: r.id, regionPath: r.regionPath, after: auditable(r) });
    await deltas.flush(tx);
    await recordAuditMany(tx, ctx, audits);
    return outcomes;
  },

  async exportPage(db, ctx, filters, afterId, limit) {
    const sdb = scoped(db, ctx.actor.scope);
    const f = filters as { regionId?: number; dwellingId?: number; includeEnded?: boolean; leaseEndingWithinDays?: number; q?: string };
    const regionPath = f.regionId ? (await loadInScope(sdb, Number(f.regionId))).path : undefined;
    const within = f.leaseEndingWithinDays === undefined ? undefined : endingWindow(Number(f.leaseEndingWithinDays));
    const rows = await repo.exportRentals(sdb, { regionPath, dwellingId: f.dwellingId ? Number(f.dwellingId) : undefined, includeEnded: Boolean(f.includeEnded), leaseEndingWithin: within, q: f.q }, afterId, limit);
    const codes = new Map((await regionSummariesByIds(sdb, [...new Set(rows.map((r) => r.regionId))])).map((r) => [r.id, r.code]));
    return {
      rows: rows.map((r) => ({
        regionCode: codes.get(r.regionId) ?? '',
        estate: r.estateName ?? '',
        building: r.buildingNumber,
        unit: str(r.unitNumber),
        number: r.roomNumber,
        landlordName: r.landlordName,
        landlordMobile: r.landlordMobileMasked ?? '',
        leaseStart: r.leaseStart ?? '',
        leaseEnd: r.leaseEnd ?? '',
        monthlyRent: str(r.monthlyRent),
        purpose: RENTAL_PURPOSES[r.purpose as RentalPurpose] ?? r.purpose,
      })),
      lastId: rows.length ? rows[rows.length - 1].id : null,
    };
  },
};
