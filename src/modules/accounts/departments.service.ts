// Departments (部门): functional units that handle cases, each serving a region subtree.
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { loadInScope, regionSummariesByIds, type RegionSummary } from '../regions/index.ts';
import * as repo from './accounts.repository.ts';

export interface DepartmentView {
  id: number;
  code: string;
  name: string;
  serviceArea: RegionSummary;
}

async function present(db: Db, d: repo.DepartmentRow): Promise<DepartmentView> {
  const whole = scoped(db, { regionId: null, path: '/' });
  const [serviceArea] = await regionSummariesByIds(whole, [d.serviceAreaId]);
  return { id: d.id, code: d.code, name: d.name, serviceArea };
}

export async function listDepartments(db: Db, ctx: RequestContext): Promise<DepartmentView[]> {
  const rows = await repo.listDepartments(scoped(db, ctx.actor.scope));
  return Promise.all(rows.map((r) => present(db, r.department)));
}

export async function createDepartment(db: Db, ctx: RequestContext, input: { code: string; name: string; serviceAreaId: number }): Promise<DepartmentView> {
  assertPermission(ctx, 'departments.manage');
  const code = input.code.trim();
  const name = input.name.trim();
  if (!/^[A-Za-z0-9_-]{2,32}$/.test(code)) throw new AppError('VALIDATION_FAILED', { detail: 'code' });
  if (!name) throw new AppError('VALIDATION_FAILED', { detail: 'name' });
  const row = await db.transaction(async (tx) => {
    const area = await loadInScope(scoped(tx, ctx.actor.scope), input.serviceAreaId);
    if (await repo.unscopedDepartmentCodeTaken(tx, code)) throw new AppError('DEPARTMENT_CODE_TAKEN', { code });
    const d = await repo.insertDepartment(tx, { code, name, serviceAreaId: area.id });
    await recordAudit(tx, ctx, { action: 'department.create', entityType: 'department', entityId: d.id, regionPath: area.path, after: d });
    return d;
  });
  return present(db, row);
}

export async function updateDepartment(db: Db, ctx: RequestContext, id: number, input: { name?: string; serviceAreaId?: number }): Promise<DepartmentView> {
  assertPermission(ctx, 'departments.manage');
  const row = await db.transaction(async (tx) => {
    const sdb = scoped(tx, ctx.actor.scope);
    const found = await repo.findDepartment(sdb, id);
    if (!found) throw new AppError((await repo.unscopedDepartmentExists(tx, id)) ? 'SCOPE_DENIED' : 'DEPARTMENT_NOT_FOUND');
    // Seeing a department is not owning it: only managers whose scope covers its area may edit it.
    if (!sdb.covers(found.areaPath)) throw new AppError('SCOPE_DENIED');
    const area = input.serviceAreaId !== undefined ? await loadInScope(sdb, input.serviceAreaId) : null;
    const name = input.name?.trim();
    if (input.name !== undefined && !name) throw new AppError('VALIDATION_FAILED', { detail: 'name' });
    const after = await repo.updateDepartment(tx, id, { ...(name ? { name } : {}), ...(area ? { serviceAreaId: area.id } : {}) });
    await recordAudit(tx, ctx, { action: 'department.update', entityType: 'department', entityId: id, regionPath: area?.path ?? found.areaPath, before: found.department, after });
    return after;
  });
  return present(db, row);
}
