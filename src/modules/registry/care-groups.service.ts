// The configurable care-group list (特殊人群/重点人群). Codes are stable (residents' tags store
// them); names, order and the active flag are editable. The list is city-wide configuration, not
// region-bound: everyone may read it, and changing it needs `settings.write` held by someone whose
// scope covers a whole city (the rule size rules follow): a districtStaff-role account scoped to
// one community holds the permission but must not change what every other community sees.
import type { DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './care-groups.repository.ts';
import { ENTITY_NAMES, invalidField } from './registry.common.ts';
import { TAG_CODE_RE } from './residents.input.ts';
import type { CareGroupView, TagView } from './residents.views.ts';

export interface CareGroupInput {
  code: string;
  nameZh: string;
  nameEn: string;
  sort?: number;
}
export interface CareGroupPatch {
  nameZh?: string;
  nameEn?: string;
  sort?: number;
  active?: boolean;
}

const view = (r: repo.CareGroupRow): CareGroupView => ({ code: r.code, nameZh: r.nameZh, nameEn: r.nameEn, sort: r.sort, active: r.active });

export async function listCareGroups(db: DbOrTx): Promise<CareGroupView[]> {
  return (await repo.listCareGroups(db)).map(view);
}

/** Codes a resident may newly be tagged with. */
export async function activeCareGroupCodes(db: DbOrTx): Promise<Set<string>> {
  return new Set((await repo.listCareGroups(db)).filter((g) => g.active).map((g) => g.code));
}

/** Names for tag codes (inactive ones too: a resident keeps a tag whose group was retired). */
export async function tagViews(db: DbOrTx, codes: readonly string[]): Promise<TagView[]> {
  if (codes.length === 0) return [];
  const all = new Map((await repo.listCareGroups(db)).map((g) => [g.code, g]));
  return codes.map((c) => {
    const g = all.get(c);
    return { code: c, nameZh: g?.nameZh ?? c, nameEn: g?.nameEn ?? c };
  });
}

function assertCityWide(ctx: RequestContext): void {
  assertPermission(ctx, 'settings.write');
  // '/' or '/<city>/': anything deeper is a part of a city.
  if (ctx.actor.scope.path.split('/').filter(Boolean).length > 1) throw new AppError('SCOPE_DENIED');
}

const auditPath = (ctx: RequestContext) => (ctx.actor.scope.path === '/' ? null : ctx.actor.scope.path);

function checkNames(p: { nameZh?: string; nameEn?: string }): void {
  if (p.nameZh !== undefined && !p.nameZh.trim()) throw invalidField({ zh: '中文名称', en: 'Chinese name' }, { zh: '不能为空', en: 'must not be empty' });
  if (p.nameEn !== undefined && !p.nameEn.trim()) throw invalidField({ zh: '英文名称', en: 'English name' }, { zh: '不能为空', en: 'must not be empty' });
}

export async function createCareGroup(db: DbOrTx, ctx: RequestContext, input: CareGroupInput): Promise<CareGroupView> {
  assertCityWide(ctx);
  if (!TAG_CODE_RE.test(input.code)) throw invalidField({ zh: '编码', en: 'code' }, { zh: '应为小驼峰英文字母和数字，如 elderlyAlone', en: 'camelCase ASCII letters and digits, e.g. elderlyAlone' });
  checkNames(input);
  const row = { code: input.code, nameZh: input.nameZh.trim(), nameEn: input.nameEn.trim(), sort: input.sort ?? 0, active: true };
  await db.transaction(async (tx) => {
    if (!(await repo.insertCareGroup(tx, row))) throw new AppError('REGISTRY_DUPLICATE', { entity: ENTITY_NAMES.careGroup, key: input.code });
    await recordAudit(tx, ctx, { action: 'careGroup.create', entityType: 'careGroup', entityId: input.code, regionPath: auditPath(ctx), after: row });
  });
  return view(row);
}

export async function updateCareGroup(db: DbOrTx, ctx: RequestContext, code: string, patch: CareGroupPatch): Promise<CareGroupView> {
  assertCityWide(ctx);
  checkNames(patch);
  return db.transaction(async (tx) => {
    const before = await repo.findCareGroup(tx, code);
    if (!before) throw new AppError('REGISTRY_NOT_FOUND', { entity: ENTITY_NAMES.careGroup });
    const clean: CareGroupPatch = {};
    if (patch.nameZh !== undefined) clean.nameZh = patch.nameZh.trim();
    if (patch.nameEn !== undefined) clean.nameEn = patch.nameEn.trim();
    if (patch.sort !== undefined) clean.sort = patch.sort;
    if (patch.active !== undefined) clean.active = patch.active;
    const after = (await repo.updateCareGroup(tx, code, clean)) ?? before;
    await recordAudit(tx, ctx, { action: 'careGroup.update', entityType: 'careGroup', entityId: code, regionPath: auditPath(ctx), before: view(before), after: view(after) });
    return view(after);
  });
}
