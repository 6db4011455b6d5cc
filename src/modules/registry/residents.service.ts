// Residents (实有人口): create, read, update, archive and restore, one person per ID number.
// Every write runs in one transaction with its audit row (masked values only) and its counter
// deltas; moves live in residents.move.ts, search in residents.search.ts, the full-data view in
// residents.reveal.ts.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import { WHOLE_SYSTEM, type RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { decryptPii } from '../../shared/pii.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { pinyinKeys, regionSummariesByIds } from '../regions/index.ts';
import { activeCareGroupCodes, tagViews } from './care-groups.service.ts';
import { foundHousehold, householdView, leaveHousehold, loadHousehold, setHead } from './households.service.ts';
import { CounterDeltas, ENTITY_NAMES, loadScoped, piiColumns, placeIn } from './registry.common.ts';
import { dwellingPlaces } from './residents.addresses.repository.ts';
import { checkIsoDate, checkResidentFields, throwProblems, type ResidentFields, type ResidentFieldsRaw } from './residents.input.ts';
import { residentMeasures } from './residents.measures.ts';
import type { Gender, HouseholdRole, IdType, PoliticalStatus, ResidenceType } from './residents.model.ts';
import { resolvePlacement } from './residents.placement.ts';
import { auditSnapshot, regionRef, toListItem } from './residents.presenter.ts';
import * as repo from './residents.repository.ts';
import type { ResidentDetail } from './residents.views.ts';

export interface ResidentBody {
  name: string;
  gender?: Gender;
  ethnicity: string;
  birthDate?: string;
  idType?: IdType;
  idNumber: string;
  mobile?: string | null;
  residenceType: ResidenceType;
  regionId?: number;
  dwellingId?: number | null;
  householdId?: number | null;
  householdRole: HouseholdRole;
  employer?: string;
  politicalStatus?: PoliticalStatus;
  tags?: string[];
  seasonal?: boolean;
  note?: string;
}

export type ResidentPatch = Partial<Omit<ResidentBody, 'regionId' | 'dwellingId' | 'householdId'>> & { version: number };

export const sdbOf = (db: DbOrTx, ctx: RequestContext): ScopedDb => scoped(db, ctx.actor.scope);

/**
 * The population registry is for the people who work with it. Reading inside one's scope needs no
 * permission elsewhere, but a resident's or party member's own account must not browse neighbours.
 */
/** People's records are for staff: residents and plain party members cannot list their neighbours. */
export function assertRegistryReader(ctx: RequestContext): void {
  assertPermission(ctx, 'registry.read');
}

export async function loadResident(sdb: ScopedDb, id: number): Promise<repo.ResidentRow> {
  return loadScoped('resident', () => repo.findResident(sdb, id), () => repo.unscopedResidentExists(sdb.db, id));
}

export const measured = (r: { regionPath: string; residenceType: string; tags: readonly string[]; seasonal: boolean }) => ({ path: r.regionPath, measures: residentMeasures(r) });

/** Tags newly given to a resident must be active care groups; tags already held may stay. */
export async function assertTagsActive(db: DbOrTx, tags: readonly string[], alreadyHeld: readonly string[] = []): Promise<void> {
  const fresh = tags.filter((t) => !alreadyHeld.includes(t));
  if (fresh.length === 0) return;
  const active = await activeCareGroupCodes(db);
  const unknown = fresh.filter((t) => !active.has(t));
  if (unknown.length > 0) throwProblems([{ column: 'tags', reason: { zh: `未知或已停用的特殊人群类别：${unknown.join('、')}`, en: `unknown or retired care group: ${unknown.join(', ')}` } }]);
}

/** One row per person: a second row with the same ID number is refused, naming the first (masked). */
export async function assertIdNumberFree(sdb: ScopedDb, hash: string, selfId: number | null): Promise<void> {
  const existing = await repo.unscopedFindByIdHash(sdb.db, hash);
  if (!existing || existing.id === selfId) return;
  const visible = sdb.covers(existing.regionPath);
  throw new AppError('REGISTRY_DUPLICATE', { entity: ENTITY_NAMES.resident, key: existing.idNumberMasked }, visible ? { residentId: existing.id } : undefined);
}

const duplicateRace = (idNumber: string) => new AppError('REGISTRY_DUPLICATE', { entity: ENTITY_NAMES.resident, key: piiColumns(idNumber, 'idNumber').masked });

export function identityColumns(f: ResidentFields) {
  const id = piiColumns(f.idNumber, 'idNumber');
  const mobile = piiColumns(f.mobile, 'mobile');
  const keys = pinyinKeys(f.name);
  return {
    name: f.name,
    namePinyin: keys.full,
    nameInitials: keys.initials,
    gender: f.gender,
    ethnicity: f.ethnicity,
    birthDate: f.birthDate,
    idType: f.idType,
    idNumberEnc: id.enc!,
    idNumberHash: id.hash!,
    idNumberMasked: id.masked!,
    idLast4: f.idNumber.slice(-4),
    mobileEnc: mobile.enc,
    mobileHash: mobile.hash,
    mobileMasked: mobile.masked,
    residenceType: f.residenceType,
    householdRole: f.householdRole,
    employer: f.employer,
    politicalStatus: f.politicalStatus,
    tags: f.tags,
    seasonal: f.seasonal,
    note: f.note,
  };
}

const today = () => new Date().toISOString().slice(0, 10);

export async function createResident(db: Db, ctx: RequestContext, body: ResidentBody): Promise<ResidentDetail> {
  assertPermission(ctx, 'registry.write');
  const checked = checkResidentFields({ ...body, idType: body.idType ?? 'idCard' });
  if (!checked.ok) throwProblems(checked.problems);
  const f = checked.value;
  const id = await db
    .transaction(async (tx) => {
      const sdb = sdbOf(tx, ctx);
      await assertTagsActive(tx, f.tags);
      const asHead = f.householdRole === 'head';
      const place = await resolvePlacement(sdb, { regionId: body.regionId, dwellingId: body.dwellingId, householdId: body.householdId, asHead });
      const cols = identityColumns(f);
      await assertIdNumberFree(sdb, cols.idNumberHash, null);
      const deltas = new CounterDeltas();
      const household = place.household ?? (asHead ? await foundHousehold(tx, place.region, place.dwelling?.id ?? null, deltas) : null);
      const row = await repo.insertResident(tx, { ...cols, regionId: place.region.id, regionPath: place.region.path, dwellingId: place.dwelling?.id ?? null, householdId: household?.id ?? null });
      if (household && asHead) await setHead(tx, household.id, row.id);
      await repo.insertMove(tx, { residentId: row.id, kind: 'moveIn', movedOn: today(), toRegionId: row.regionId, toDwellingId: row.dwellingId, toHouseholdId: row.householdId, byUserId: ctx.actor.userId });
      deltas.change(null, measured(row));
      await deltas.flush(tx);
      await recordAudit(tx, ctx, { action: 'resident.create', entityType: 'resident', entityId: row.id, regionPath: row.regionPath, after: auditSnapshot(row) });
      return row.id;
    })
    .catch((e: unknown) => {
      throw repo.isDuplicateIdNumber(e) ? duplicateRace(f.idNumber) : e;
    });
  return getResident(db, ctx, id);
}

/** The current values in the shape of a form, with the ID number and mobile decrypted for re-checking. */
function currentFields(r: repo.ResidentRow): ResidentFieldsRaw {
  return {
    name: r.name,
    gender: r.gender,
    ethnicity: r.ethnicity,
    birthDate: r.birthDate,
    idType: r.idType,
    idNumber: decryptPii(r.idNumberEnc),
    mobile: r.mobileEnc ? decryptPii(r.mobileEnc) : null,
    residenceType: r.residenceType,
    householdRole: r.householdRole,
    employer: r.employer,
    politicalStatus: r.politicalStatus,
    tags: r.tags,
    seasonal: r.seasonal,
    note: r.note,
  };
}

export async function updateResident(db: Db, ctx: RequestContext, id: number, patch: ResidentPatch): Promise<ResidentDetail> {
  assertPermission(ctx, 'registry.write');
  const { version, ...changes } = patch;
  await db
    .transaction(async (tx) => {
      const sdb = sdbOf(tx, ctx);
      const before = await loadResident(sdb, id);
      if (before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.resident });
      const current = currentFields(before);
      const merged: ResidentFieldsRaw = { ...current, ...changes };
      // A new ID number brings its own birth date and gender unless the form also changed them.
      if (changes.idNumber !== undefined && changes.idNumber.trim().toUpperCase() !== current.idNumber) {
        if (changes.birthDate === undefined) merged.birthDate = null;
        if (changes.gender === undefined) merged.gender = null;
      }
      const checked = checkResidentFields(merged);
      if (!checked.ok) throwProblems(checked.problems);
      const f = checked.value;
      if ((before.householdRole === 'head') !== (f.householdRole === 'head')) {
        throwProblems([{ column: 'householdRole', reason: { zh: '更换户主请在户信息中操作', en: 'change the household head on the household' } }]);
      }
      await assertTagsActive(tx, f.tags, before.tags);
      const cols = identityColumns(f);
      if (cols.idNumberHash !== before.idNumberHash) await assertIdNumberFree(sdb, cols.idNumberHash, before.id);
      // Unchanged ciphertexts are kept: re-encrypting would only churn the row.
      const keep = {
        ...(cols.idNumberHash === before.idNumberHash ? { idNumberEnc: before.idNumberEnc } : {}),
        ...(cols.mobileHash === before.mobileHash ? { mobileEnc: before.mobileEnc } : {}),
      };
      const after = await repo.updateResident(tx, id, version, { ...cols, ...keep });
      if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
      const deltas = new CounterDeltas();
      deltas.change(measured(before), measured(after));
      await deltas.flush(tx);
      await recordAudit(tx, ctx, { action: 'resident.update', entityType: 'resident', entityId: id, regionPath: after.regionPath, before: auditSnapshot(before), after: auditSnapshot(after) });
    })
    .catch((e: unknown) => {
      throw repo.isDuplicateIdNumber(e) ? duplicateRace(patch.idNumber ?? '') : e;
    });
  return getResident(db, ctx, id);
}

export interface ArchiveBody {
  leftReason: 'movedOut' | 'deceased' | 'other';
  on: string;
  version: number;
  newHeadResidentId?: number;
}

export async function archiveResident(db: Db, ctx: RequestContext, id: number, body: ArchiveBody): Promise<ResidentDetail> {
  assertPermission(ctx, 'registry.write');
  const bad = checkIsoDate(body.on);
  if (bad) throwProblems([{ column: 'movedOn', reason: bad }]);
  await db.transaction(async (tx) => {
    const sdb = sdbOf(tx, ctx);
    const before = await loadResident(sdb, id);
    if (before.archivedAt) throw new AppError('REGISTRY_ARCHIVED', { entity: ENTITY_NAMES.resident });
    if (before.version !== body.version) throw new AppError('REGISTRY_VERSION_CONFLICT');
    const deltas = new CounterDeltas();
    await leaveHousehold(tx, before, body.newHeadResidentId, deltas);
    // The household link is cut (the household may live on without them); the last dwelling and
    // region stay on the row, so a restore knows where they were.
    const after = await repo.updateResident(tx, id, body.version, { archivedAt: new Date(), leftReason: body.leftReason, householdId: null });
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    await repo.insertMove(tx, {
      residentId: id,
      kind: body.leftReason === 'deceased' ? 'deceased' : 'moveOut',
      movedOn: body.on,
      reason: body.leftReason,
      fromRegionId: before.regionId,
      fromDwellingId: before.dwellingId,
      fromHouseholdId: before.householdId,
      byUserId: ctx.actor.userId,
    });
    deltas.change(measured(before), null);
    await deltas.flush(tx);
    await recordAudit(tx, ctx, { action: 'resident.archive', entityType: 'resident', entityId: id, regionPath: before.regionPath, before: auditSnapshot(before), after: auditSnapshot(after) });
  });
  return getResident(db, ctx, id);
}

/** Brings an archived resident back where they were (without a household: join one by a move). */
export async function restoreResident(db: Db, ctx: RequestContext, id: number, body: { version: number }): Promise<ResidentDetail> {
  assertPermission(ctx, 'registry.write');
  await db.transaction(async (tx) => {
    const sdb = sdbOf(tx, ctx);
    const before = await loadResident(sdb, id);
    if (!before.archivedAt) throwProblems([{ column: 'name', reason: { zh: '该居民未注销', en: 'the resident is not archived' } }]);
    const region = await placeIn(sdb, before.regionId, [5, 6]);
    const dwelling = before.dwellingId ? (await dwellingPlaces(sdb, [before.dwellingId])).get(before.dwellingId) : undefined;
    const dwellingId = dwelling && !dwelling.archivedAt ? dwelling.id : null;
    const role = before.householdRole === 'head' ? 'other' : before.householdRole;
    const after = await repo.updateResident(tx, id, body.version, { archivedAt: null, leftReason: null, dwellingId, householdRole: role, regionPath: region.path });
    if (!after) throw new AppError('REGISTRY_VERSION_CONFLICT');
    await repo.insertMove(tx, { residentId: id, kind: 'return', movedOn: today(), toRegionId: region.id, toDwellingId: dwellingId, byUserId: ctx.actor.userId });
    const deltas = new CounterDeltas();
    deltas.change(null, measured(after));
    await deltas.flush(tx);
    await recordAudit(tx, ctx, { action: 'resident.restore', entityType: 'resident', entityId: id, regionPath: after.regionPath, before: auditSnapshot(before), after: auditSnapshot(after) });
  });
  return getResident(db, ctx, id);
}

export async function getResident(db: Db, ctx: RequestContext, id: number): Promise<ResidentDetail> {
  assertRegistryReader(ctx);
  const sdb = sdbOf(db, ctx);
  const row = await loadResident(sdb, id);
  // Names of the regions above the caller's scope and of regions a person came from are shown
  // (a breadcrumb and a history without them are useless); nothing else about them is.
  const everywhere = scoped(db, WHOLE_SYSTEM);
  const [moves, stays, tags, places] = await Promise.all([repo.listMoves(db, id), repo.listStays(db, id), tagViews(db, row.tags), dwellingPlaces(sdb, row.dwellingId ? [row.dwellingId] : [])]);
  const regionIds = new Set([...row.regionPath.split('/').filter(Boolean).map(Number), ...moves.flatMap((m) => [m.fromRegionId ?? 0, m.toRegionId ?? 0]).filter(Boolean)]);
  const regions = new Map((await regionSummariesByIds(everywhere, [...regionIds])).map((r) => [r.id, r]));
  const place = row.dwellingId ? places.get(row.dwellingId) : undefined;
  const household = row.householdId ? await householdView(sdb, await loadHousehold(sdb, row.householdId)) : null;
  const item = toListItem(row, regionRef(regions.get(row.regionId)), place);
  const ref = (rid: number | null) => (rid === null ? null : regionRef(regions.get(rid)));
  return {
    ...item,
    ethnicity: row.ethnicity,
    employer: row.employer,
    politicalStatus: row.politicalStatus,
    note: row.note,
    tags,
    breadcrumb: row.regionPath.split('/').filter(Boolean).map(Number).flatMap((rid) => (regions.has(rid) ? [regionRef(regions.get(rid))!] : [])),
    dwelling: place
      ? { id: place.id, floor: place.floor, unitNumber: place.unitNumber, number: place.number, occupancy: place.occupancy, building: place.building, estate: place.estate }
      : null,
    household,
    stays: stays.map((s) => ({ id: s.id, arriveOn: s.arriveOn, leaveOn: s.leaveOn, note: s.note })),
    moves: moves.map((m) => ({
      id: m.id,
      kind: m.kind,
      movedOn: m.movedOn,
      reason: m.reason,
      from: { region: ref(m.fromRegionId), dwellingId: m.fromDwellingId, householdId: m.fromHouseholdId },
      to: { region: ref(m.toRegionId), dwellingId: m.toDwellingId, householdId: m.toHouseholdId },
      byUserId: m.byUserId,
      createdAt: m.createdAt.toISOString(),
    })),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
  };
}

