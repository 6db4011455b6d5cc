// Rentals (出租屋): the lease of a dwelling, its landlord (mobile encrypted, shown masked) and the
// public posting (挂牌公开) reached by an unguessable code. A lease makes the dwelling 'rental';
// ending it gives the dwelling back its occupancy ('vacant' unless said otherwise).
import crypto from 'node:crypto';
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import { WHOLE_SYSTEM, type RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { decryptPii } from '../../shared/pii.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { loadInScope, regionSummariesByIds } from '../regions/index.ts';
import { checkMobile } from './checks.ts';
import * as dwellingsRepo from './dwellings.repository.ts';
import { dwellingMeasures, loadDwelling, presentDwellings, presentOccupants } from './dwellings.service.ts';
import type { RentalInput, RentalPatchInput } from './housing.schema.ts';
import { dwellingAddress, RENTAL_PURPOSES, type Occupancy, type Page, type PublicPostingView, type RentalDetailView, type RentalPurpose, type RentalView } from './housing.views.ts';
import * as repo from './rentals.repository.ts';
import { auditReveal, CounterDeltas, ENTITY_NAMES, invalidField, loadScoped, notFound, piiColumns } from './registry.common.ts';

const F = { mobile: { zh: '房东手机号码', en: 'landlord mobile' }, lease: { zh: '租期', en: 'lease period' }, landlord: { zh: '房东', en: 'landlord' }, name: { zh: '房东姓名', en: 'landlord name' } };

export const activeRentalOf = (db: DbOrTx, dwellingId: number) => repo.activeRentalOf(db, dwellingId);

/** 16 random bytes, url-safe: 22 characters nobody can guess or enumerate. */
export const newPostingCode = () => crypto.randomBytes(16).toString('base64url');

/** 王** for 王小明: the door sign shows the first character only, and not even the name's length. */
export const surnameOnly = (name: string) => `${[...name.trim()][0] ?? ''}**`;

export function presentRentals(_db: DbOrTx, rows: repo.RentalFull[]): Promise<RentalView[]> {
  return Promise.resolve(
    rows.map((r) => ({
      id: r.id,
      regionId: r.regionId,
      dwellingId: r.dwellingId,
      address: dwellingAddress(r.estateName, r.buildingNumber, r.unitNumber, r.roomNumber),
      landlordName: r.landlordName,
      landlordMobileMasked: r.landlordMobileMasked,
      landlordResidentId: r.landlordResidentId,
      leaseStart: r.leaseStart,
      leaseEnd: r.leaseEnd,
      monthlyRent: r.monthlyRent === null ? null : Number(r.monthlyRent),
      purpose: r.purpose as RentalPurpose,
      postingCode: r.postingCode,
      endedOn: r.endedAt,
      active: r.endedAt === null && r.archivedAt === null,
      version: r.version,
    })),
  );
}

/** What the audit log keeps of a rental: never the ciphertext or hash of the mobile. */
function auditable(r: repo.RentalRow) {
  const { landlordMobileEnc: _e, landlordMobileHash: _h, ...rest } = r;
  return rest;
}

export function checkLease(start: string | null | undefined, end: string | null | undefined): void {
  for (const d of [start, end]) if (d && Number.isNaN(Date.parse(`${d}T00:00:00Z`))) throw invalidField(F.lease, { zh: `${d} 不是有效日期`, en: `${d} is not a valid date` });
  if (start && end && end < start) throw invalidField(F.lease, { zh: '租期结束早于开始', en: 'lease ends before it starts' });
}

export function landlordMobile(raw: string | null | undefined): string | null {
  if (!raw || !raw.trim()) return null;
  const m = checkMobile(raw);
  if (!m.ok) throw invalidField(F.mobile, m.reason);
  return m.value;
}

async function checkLandlordResident(sdb: ScopedDb, id: number | null | undefined): Promise<void> {
  if (id === null || id === undefined) return;
  await loadScoped('resident', () => repo.findResident(sdb, id), () => repo.unscopedResidentExists(sdb.db, id));
}

export async function loadRental(sdb: ScopedDb, id: number): Promise<repo.RentalFull> {
  return loadScoped('rental', () => repo.findRental(sdb, id), () => repo.unscopedRentalExists(sdb.db, id));
}

/** Sets a dwelling's occupancy inside the caller's transaction and books the counter change. */
export async function setOccupancy(tx: DbOrTx, deltas: CounterDeltas, d: dwellingsRepo.DwellingRow, occupancy: Occupancy): Promise<dwellingsRepo.DwellingRow> {
  if (d.occupancy === occupancy) return d;
  const after = await dwellingsRepo.updateDwelling(tx, d.id, d.version, { occupancy });
  if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
  deltas.change({ path: d.regionPath, measures: dwellingMeasures(d) }, { path: after.regionPath, measures: dwellingMeasures(after) });
  return after;
}

export async function listRentals(db: Db, ctx: RequestContext, q: { regionId?: number; dwellingId?: number; includeEnded?: boolean; leaseEndingWithinDays?: number; q?: string; limit?: number; offset?: number }): Promise<Page<RentalView>> {
  const sdb = scoped(db, ctx.actor.scope);
  const regionPath = q.regionId ? (await loadInScope(sdb, q.regionId)).path : undefined;
  const { rows, total } = await repo.listRentals(sdb, { ...q, regionPath, leaseEndingWithin: endingWindow(q.leaseEndingWithinDays) }, q.limit ?? 50, q.offset ?? 0);
  return { items: await presentRentals(db, rows), total };
}

export function endingWindow(days: number | undefined): { today: string; until: string } | undefined {
  if (days === undefined) return undefined;
  const today = new Date();
  const until = new Date(today.getTime() + days * 86_400_000);
  return { today: today.toISOString().slice(0, 10), until: until.toISOString().slice(0, 10) };
}

export async function getRental(db: Db, ctx: RequestContext, id: number): Promise<RentalDetailView> {
  const sdb = scoped(db, ctx.actor.scope);
  const r = await loadRental(sdb, id);
  const [dwelling] = await dwellingsRepo.dwellingsByIds(db, [r.dwellingId]);
  return {
    ...(await presentRentals(db, [r]))[0],
    dwelling: presentDwellings([dwelling])[0],
    tenants: r.endedAt ? [] : presentOccupants(await dwellingsRepo.occupantsOf(db, [r.dwellingId])),
  };
}

export async function createRental(db: Db, ctx: RequestContext, input: RentalInput): Promise<RentalView> {
  assertPermission(ctx, 'registry.write');
  const name = input.landlordName.trim();
  if (!name) throw invalidField(F.name, { zh: '不能为空', en: 'must not be empty' });
  const mobile = landlordMobile(input.landlordMobile);
  checkLease(input.leaseStart, input.leaseEnd);
  const id = await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const d = await loadDwelling(sdb, input.dwellingId);
    if (d.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.dwelling });
    await dwellingsRepo.lockDwelling(tx, d.id);
    if (await repo.activeRentalOf(tx, d.id)) throw new AppError('REGISTRY_DUPLICATE', { entity: ENTITY_NAMES.rental, key: presentDwellings([d])[0].address });
    await checkLandlordResident(sdb, input.landlordResidentId);
    const pii = piiColumns(mobile, 'mobile');
    const [r] = await repo.insertRentals(tx, [
      {
        regionId: d.regionId,
        regionPath: d.regionPath,
        dwellingId: d.id,
        landlordName: name,
        landlordMobileEnc: pii.enc,
        landlordMobileHash: pii.hash,
        landlordMobileMasked: pii.masked,
        landlordResidentId: input.landlordResidentId ?? null,
        leaseStart: input.leaseStart ?? null,
        leaseEnd: input.leaseEnd ?? null,
        monthlyRent: input.monthlyRent ?? null,
        purpose: input.purpose ?? 'residential',
        postingCode: newPostingCode(),
      },
    ]);
    const deltas = new CounterDeltas();
    const { buildingNumber: _b, estateId: _e, estateName: _n, ...row } = d;
    await setOccupancy(tx, deltas, row, 'rental');
    await deltas.flush(tx);
    await recordAudit(tx, ctx, { action: 'rental.create', entityType: 'rental', entityId: r.id, regionPath: r.regionPath, after: auditable(r) });
    return r.id;
  });
  return (await presentRentals(db, [(await repo.findRental(scoped(db, WHOLE_SYSTEM), id))!]))[0];
}

export async function updateRental(db: Db, ctx: RequestContext, id: number, input: RentalPatchInput): Promise<RentalView> {
  assertPermission(ctx, 'registry.write');
  await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const before = await loadRental(sdb, id);
    if (before.endedAt || before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.rental });
    const patch: Partial<repo.NewRentalRow> = {};
    if (input.landlordName !== undefined) {
      patch.landlordName = input.landlordName.trim();
      if (!patch.landlordName) throw invalidField(F.name, { zh: '不能为空', en: 'must not be empty' });
    }
    if (input.landlordMobile !== undefined) {
      const pii = piiColumns(landlordMobile(input.landlordMobile), 'mobile');
      Object.assign(patch, { landlordMobileEnc: pii.enc, landlordMobileHash: pii.hash, landlordMobileMasked: pii.masked });
    }
    if (input.landlordResidentId !== undefined) {
      await checkLandlordResident(sdb, input.landlordResidentId);
      patch.landlordResidentId = input.landlordResidentId;
    }
    checkLease(input.leaseStart !== undefined ? input.leaseStart : before.leaseStart, input.leaseEnd !== undefined ? input.leaseEnd : before.leaseEnd);
    for (const k of ['leaseStart', 'leaseEnd', 'monthlyRent', 'purpose'] as const) if (input[k] !== undefined) (patch as Record<string, unknown>)[k] = input[k];
    const after = await repo.updateRental(tx, id, input.version, patch);
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    const { unitNumber: _u, roomNumber: _r, buildingNumber: _b, estateName: _e, ...plain } = before;
    await recordAudit(tx, ctx, { action: 'rental.update', entityType: 'rental', entityId: id, regionPath: after.regionPath, before: auditable(plain), after: auditable(after) });
  });
  return (await presentRentals(db, [(await repo.findRental(scoped(db, WHOLE_SYSTEM), id))!]))[0];
}

export async function endRental(db: Db, ctx: RequestContext, id: number, input: { endedOn: string; occupancy?: Occupancy; version?: number }): Promise<RentalView> {
  assertPermission(ctx, 'registry.write');
  if (input.occupancy === 'rental') throw invalidField({ zh: '居住状态', en: 'occupancy' }, { zh: '结束租约后不能仍为出租', en: 'cannot stay rental once the lease ends' });
  await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const before = await loadRental(sdb, id);
    if (before.endedAt || before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.rental });
    checkLease(before.leaseStart, null);
    if (Number.isNaN(Date.parse(`${input.endedOn}T00:00:00Z`))) throw invalidField(F.lease, { zh: `${input.endedOn} 不是有效日期`, en: `${input.endedOn} is not a valid date` });
    if (before.leaseStart && input.endedOn < before.leaseStart) throw invalidField(F.lease, { zh: '结束日期早于租期开始', en: 'ends before the lease started' });
    await dwellingsRepo.lockDwelling(tx, before.dwellingId);
    const after = await repo.updateRental(tx, id, input.version ?? before.version, { endedAt: input.endedOn });
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    const [d] = await dwellingsRepo.dwellingsByIds(tx, [before.dwellingId]);
    const deltas = new CounterDeltas();
    // Someone may have set another occupancy meanwhile (e.g. commercial): only a 'rental' dwelling goes back.
    if (d.occupancy === 'rental' && !d.archivedAt) {
      const { buildingNumber: _b, estateId: _e, estateName: _n, ...row } = d;
      await setOccupancy(tx, deltas, row, input.occupancy ?? 'vacant');
    }
    await deltas.flush(tx);
    await recordAudit(tx, ctx, { action: 'rental.end', entityType: 'rental', entityId: id, regionPath: after.regionPath, after: auditable(after) });
  });
  return (await presentRentals(db, [(await repo.findRental(scoped(db, WHOLE_SYSTEM), id))!]))[0];
}

/** The landlord's full mobile, for `pii.read` holders; the reveal is audited in the same transaction. */
export async function revealRentalPii(db: Db, ctx: RequestContext, id: number): Promise<{ id: number; landlordName: string; landlordMobile: string | null }> {
  return db.transaction(async (tx) => {
    const r = await loadRental(scoped(tx, ctx.actor.scope), id);
    await auditReveal(tx, ctx, { entityType: 'rental', entityId: r.id, regionPath: r.regionPath, fields: ['landlordMobile'], subject: r.landlordName });
    return { id: r.id, landlordName: r.landlordName, landlordMobile: r.landlordMobileEnc ? decryptPii(r.landlordMobileEnc) : null };
  });
}

/** 挂牌公开: what a door sign shows to anyone holding the code. Ended or unknown codes are simply not found. */
export async function publicPosting(db: Db, code: string): Promise<PublicPostingView> {
  const r = await repo.findByPostingCode(db, code);
  if (!r) throw notFound('rental');
  const ids = r.dwellingPath.split('/').filter(Boolean).map(Number);
  const regions = await regionSummariesByIds(scoped(db, WHOLE_SYSTEM), ids);
  const community = regions.find((x) => x.level === 4)?.name ?? null;
  const grid = regions.find((x) => x.level === 5)?.name ?? null;
  const purpose = r.purpose as RentalPurpose;
  return {
    postingCode: r.postingCode,
    address: {
      estate: r.estateName,
      building: r.buildingNumber,
      unit: `${r.unitNumber}单元`,
      room: r.roomNumber,
      full: dwellingAddress(r.estateName, r.buildingNumber, r.unitNumber, r.roomNumber),
    },
    region: { community, grid },
    landlord: { name: surnameOnly(r.landlordName), mobile: r.landlordMobileMasked },
    lease: { start: r.leaseStart, end: r.leaseEnd },
    tenantCount: await dwellingsRepo.countResidentsIn(db, r.dwellingId),
    purpose,
    purposeLabel: RENTAL_PURPOSES[purpose] ?? purpose,
  };
}
