// Workers (网格力量人员): a person who may be a user of the system (then the user must be in the
// caller's scope, and has at most one active worker record), a resident, or only a name and a
// mobile. The mobile is stored encrypted with a lookup hash and shown masked; the full number
// needs pii.read and leaves an audit row.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { decryptPii, encryptPii, maskMobile, piiLookupHash } from '../../shared/pii.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { getUser } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadInScope, pinyinKeys } from '../regions/index.ts';
import { checkMobile, registryRowExists, residentRefs } from '../registry/index.ts';
import * as repo from './workers.repository.ts';
import { checkText, invalid, today, visibleDepartments } from './workers.common.ts';
import { presentWorkers } from './workers.present.ts';
import type { WorkerInput, WorkerView } from './workers.views.ts';
import { endOpenPositions } from './positions.repository.ts';
import { loadWorkforceScoped, workforceArchived, workforceConflict } from './workforce.common.ts';
import { POSITION_KINDS, SENDING_UNIT_KINDS } from './workforce.model.ts';

const sdbOf = (db: DbOrTx, ctx: RequestContext) => scoped(db, ctx.actor.scope);

export const loadWorker = (sdb: ScopedDb, id: number) =>
  loadWorkforceScoped('worker', () => repo.findWorker(sdb, id), () => repo.unscopedWorkerExists(sdb.db, id));

/** Changing a worker's record is for those who manage the region the worker is managed from. */
async function loadWritableWorker(sdb: ScopedDb, id: number): Promise<repo.WorkerListRow> {
  const w = await loadWorker(sdb, id);
  if (!sdb.covers(w.regionPath)) throw new AppError('SCOPE_DENIED');
  if (w.archivedAt) throw workforceArchived('worker');
  return w;
}

/** What the audit log keeps of a worker: never the encrypted mobile or its hash. */
const audited = ({ mobileEnc: _e, mobileHash: _h, ...rest }: repo.WorkerRow) => rest;

export interface WorkerQuery {
  regionId?: number;
  q?: string;
  kind?: string;
  includeArchived?: boolean;
  limit?: number;
  offset?: number;
}

export async function listWorkers(db: Db, ctx: RequestContext, q: WorkerQuery): Promise<{ items: WorkerView[]; total: number }> {
  const sdb = sdbOf(db, ctx);
  const region = q.regionId ? await loadInScope(sdb, q.regionId) : null;
  if (q.kind && !(q.kind in POSITION_KINDS)) throw invalid('kind', `只能是 ${Object.keys(POSITION_KINDS).join('/')}`, `one of ${Object.keys(POSITION_KINDS).join('/')}`);
  const day = today();
  const { rows, total } = await repo.listWorkers(sdb, { regionPath: region?.path, q: q.q?.trim() || undefined, kind: q.kind, includeArchived: q.includeArchived, today: day }, q.limit ?? 50, q.offset ?? 0);
  return { items: await presentWorkers(db, ctx, rows, day, 'current'), total };
}

export async function getWorker(db: DbOrTx, ctx: RequestContext, id: number): Promise<WorkerView> {
  const w = await loadWorker(sdbOf(db, ctx), id);
  return (await presentWorkers(db, ctx, [w], today(), 'all'))[0];
}

interface Checked {
  name?: string;
  gender?: string | null;
  mobile?: { enc: string | null; hash: string | null; masked: string | null };
  userId?: number | null;
  residentId?: number | null;
  regionId?: number;
  regionPath?: string;
  sendingUnitKind?: string | null;
  sendingUnit?: string;
  departmentId?: number | null;
  note?: string;
}

/** Field checks and references (user, resident, region, department all inside the caller's scope). */
async function check(tx: DbOrTx, ctx: RequestContext, input: Partial<WorkerInput>, selfId: number | null): Promise<Checked> {
  const sdb = sdbOf(tx, ctx);
  const out: Checked = {};
  if (input.name !== undefined) out.name = checkText('name', input.name, 50, true);
  if (input.gender !== undefined) {
    if (input.gender !== null && input.gender !== 'male' && input.gender !== 'female') throw invalid('gender', '只能是 male/female', 'one of male/female');
    out.gender = input.gender;
  }
  if (input.mobile !== undefined) {
    if (input.mobile === null || !input.mobile.trim()) out.mobile = { enc: null, hash: null, masked: null };
    else {
      const m = checkMobile(input.mobile);
      if (!m.ok) throw invalid('mobile', m.reason.zh, m.reason.en);
      out.mobile = { enc: encryptPii(m.value), hash: piiLookupHash(m.value), masked: maskMobile(m.value) };
    }
  }
  if (input.regionId !== undefined) {
    const region = await loadInScope(sdb, input.regionId);
    if (region.archivedAt) throw invalid('region', '该区域已撤销', 'the region is archived');
    out.regionId = region.id;
    out.regionPath = region.path;
  }
  if (input.userId !== undefined) {
    if (input.userId !== null) {
      // getUser answers SCOPE_DENIED for a user outside the caller's scope.
      const user = await getUser(tx, ctx, input.userId);
      const other = await repo.activeWorkerOfUser(tx, user.id);
      if (other && other.id !== selfId) throw new AppError('WORKFORCE_DUPLICATE', { entity: { zh: '该用户的人员档案', en: 'A worker record of this user' }, key: user.username });
    }
    out.userId = input.userId;
  }
  if (input.residentId !== undefined) {
    if (input.residentId !== null) {
      const [r] = await residentRefs(sdb, [input.residentId]);
      if (!r) {
        if (await registryRowExists(tx, 'resident', input.residentId)) throw new AppError('SCOPE_DENIED');
        throw invalid('resident', `居民 ${input.residentId} 不存在`, `resident ${input.residentId} does not exist`);
      }
      if (r.archived) throw invalid('resident', '该居民已迁出或注销', 'the resident has left');
    }
    out.residentId = input.residentId;
  }
  if (input.sendingUnitKind !== undefined) {
    if (input.sendingUnitKind !== null && !(input.sendingUnitKind in SENDING_UNIT_KINDS)) throw invalid('sendingUnitKind', '只能是 town/department', 'one of town/department');
    out.sendingUnitKind = input.sendingUnitKind;
  }
  if (input.departmentId !== undefined) {
    if (input.departmentId !== null) {
      const dept = (await visibleDepartments(tx, ctx)).get(input.departmentId);
      if (!dept) throw new AppError('SCOPE_DENIED');
      // A department's cadre comes from a department unless told otherwise; the unit is named after it.
      if (input.sendingUnitKind === undefined) out.sendingUnitKind = 'department';
      if (input.sendingUnit === undefined || !input.sendingUnit.trim()) out.sendingUnit = dept.name;
    }
    out.departmentId = input.departmentId;
  }
  if (input.sendingUnit !== undefined && out.sendingUnit === undefined) out.sendingUnit = checkText('sendingUnit', input.sendingUnit, 100);
  if (input.note !== undefined) out.note = checkText('note', input.note, 500);
  return out;
}

const columns = (c: Checked) => ({
  ...(c.name !== undefined ? { name: c.name, nameInitials: pinyinKeys(c.name).initials } : {}),
  ...(c.gender !== undefined ? { gender: c.gender } : {}),
  ...(c.mobile ? { mobileEnc: c.mobile.enc, mobileHash: c.mobile.hash, mobileMasked: c.mobile.masked } : {}),
  ...(c.userId !== undefined ? { userId: c.userId } : {}),
  ...(c.residentId !== undefined ? { residentId: c.residentId } : {}),
  ...(c.regionId !== undefined ? { regionId: c.regionId, regionPath: c.regionPath! } : {}),
  ...(c.sendingUnitKind !== undefined ? { sendingUnitKind: c.sendingUnitKind } : {}),
  ...(c.sendingUnit !== undefined ? { sendingUnit: c.sendingUnit } : {}),
  ...(c.departmentId !== undefined ? { departmentId: c.departmentId } : {}),
  ...(c.note !== undefined ? { note: c.note } : {}),
});

const duplicateUser = () => new AppError('WORKFORCE_DUPLICATE', { entity: { zh: '该用户的人员档案', en: 'A worker record of this user' }, key: '' });

export async function createWorker(db: Db, ctx: RequestContext, input: WorkerInput): Promise<WorkerView> {
  assertPermission(ctx, 'workforce.write');
  try {
    const id = await db.transaction(async (tx) => {
      const c = await check(tx, ctx, input, null);
      const w = await repo.insertWorker(tx, { ...columns(c), name: c.name!, regionId: c.regionId!, regionPath: c.regionPath! });
      await recordAudit(tx, ctx, { action: 'worker.create', entityType: 'worker', entityId: w.id, regionPath: w.regionPath, after: audited(w) });
      return w.id;
    });
    return getWorker(db, ctx, id);
  } catch (e) {
    // Two requests linking one user at once: the unique index lets one through.
    if (repo.isUniqueViolation(e, 'workers_user_uq')) throw duplicateUser();
    throw e;
  }
}

export async function updateWorker(db: Db, ctx: RequestContext, id: number, version: number, input: Partial<WorkerInput>): Promise<WorkerView> {
  assertPermission(ctx, 'workforce.write');
  try {
    await db.transaction(async (tx) => {
      const before = await loadWritableWorker(sdbOf(tx, ctx), id);
      const c = await check(tx, ctx, input, id);
      const after = await repo.updateWorker(tx, id, version, columns(c));
      if (!after) throw workforceConflict();
      await recordAudit(tx, ctx, { action: 'worker.update', entityType: 'worker', entityId: id, regionPath: after.regionPath, before: audited(before), after: audited(after) });
    });
  } catch (e) {
    if (repo.isUniqueViolation(e, 'workers_user_uq')) throw duplicateUser();
    throw e;
  }
  return getWorker(db, ctx, id);
}

/** Archiving a worker (left the workforce) ends every position still open today; history stays. */
export async function archiveWorker(db: Db, ctx: RequestContext, id: number, version?: number): Promise<WorkerView> {
  assertPermission(ctx, 'workforce.write');
  await db.transaction(async (tx) => {
    const before = await loadWritableWorker(sdbOf(tx, ctx), id);
    const after = await repo.updateWorker(tx, id, version ?? before.version, { archivedAt: new Date() });
    if (!after) throw workforceConflict();
    const ended = await endOpenPositions(tx, { workerId: id }, today());
    await recordAudit(tx, ctx, { action: 'worker.archive', entityType: 'worker', entityId: id, regionPath: before.regionPath, before: audited(before), after: { ...audited(after), endedPositions: ended.map((p) => p.id) } });
  });
  return getWorker(db, ctx, id);
}

/** The full mobile: pii.read, and the audit row commits with the read (no audit, no data). */
export async function revealWorker(db: Db, ctx: RequestContext, id: number): Promise<{ id: number; mobile: string | null }> {
  assertPermission(ctx, 'pii.read');
  return db.transaction(async (tx) => {
    const w = await loadWorker(sdbOf(tx, ctx), id);
    await recordAudit(tx, ctx, { action: 'pii.view', entityType: 'worker', entityId: w.id, regionPath: w.regionPath, after: { fields: ['mobile'], subject: `${w.name}（${w.mobileMasked ?? '-'}）` } });
    return { id: w.id, mobile: w.mobileEnc ? decryptPii(w.mobileEnc) : null };
  });
}
