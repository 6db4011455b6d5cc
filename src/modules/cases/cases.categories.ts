// The case category catalogue (事件分类): a two-level tree whose subcategories carry the handling
// defaults (unit, mode, deadlines per stage, similar-case radius and window). Read by everyone
// signed in; edited with cases.configure. Rows are archived, never deleted (old cases keep them).
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './cases.categories.repository.ts';
import type { CategoryView, TimeUnit } from './cases.views.ts';
import { HANDLING_MODES, type HandlingMode } from './cases.workflow.ts';

export const TIME_UNITS: readonly TimeUnit[] = ['workingDays', 'workingHours', 'naturalHours'];
export const STAGE_KEYS = ['dispatch', 'respond', 'handle', 'verify'] as const;
type StageKey = (typeof STAGE_KEYS)[number];

export const CATEGORY_FIELDS: Record<string, Bilingual> = {
  code: { zh: '分类编码', en: 'category code' },
  parentCode: { zh: '上级分类', en: 'parent category' },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  defaultDepartmentCode: { zh: '默认处置部门', en: 'default department' },
  defaultMode: { zh: '默认处置方式', en: 'default handling mode' },
  dispatch: { zh: '派遣时限', en: 'dispatch deadline' },
  respond: { zh: '响应时限', en: 'response deadline' },
  handle: { zh: '处置时限', en: 'handling deadline' },
  verify: { zh: '核查时限', en: 'verification deadline' },
  urgentHandleHours: { zh: '紧急处置时限（小时）', en: 'urgent handling hours' },
  similarRadiusM: { zh: '相似事件半径（米）', en: 'similar-case radius (m)' },
  similarDays: { zh: '相似事件天数', en: 'similar-case window (days)' },
  sortOrder: { zh: '排序', en: 'sort order' },
};

/** Names of the department suffixes the default catalogue uses, when no district is in view. */
export const DEPARTMENT_SUFFIX_NAMES: Record<string, string> = {
  CGJ: '城市管理和综合执法局',
  SCJG: '市场监督管理局',
  GAFJ: '公安分局',
  ZJJ: '住房和城乡建设局',
  STHJ: '生态环境分局',
  MZJ: '民政局',
  RSJ: '人力资源和社会保障局',
  WJJ: '卫生健康局',
  SWJ: '水务局',
  JTJ: '交通运输局',
  YJJ: '应急管理局',
};

export const MODE_NAMES: Record<HandlingMode, Bilingual> = {
  immediate: { zh: '立即办', en: 'on the spot' },
  study: { zh: '研究办', en: 'study' },
  joint: { zh: '会商办', en: 'joint' },
  transfer: { zh: '移交办', en: 'transfer' },
  urgent: { zh: '抓紧办', en: 'urgent' },
};

const invalid = (field: string, zh: string, en: string) => new AppError('CASE_FIELD_INVALID', { field: CATEGORY_FIELDS[field], reason: { zh, en } });

export function toCategoryView(r: repo.CategoryRow, deptNames: ReadonlyMap<string, string>, parentArchived = false): CategoryView {
  const stage = (amount: number, unit: string) => ({ amount, unit: unit as TimeUnit });
  return {
    id: r.id,
    code: r.code,
    parentCode: r.parentCode,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    defaultDepartmentCode: r.defaultDepartmentCode,
    defaultDepartmentName: r.defaultDepartmentCode ? (deptNames.get(r.defaultDepartmentCode) ?? DEPARTMENT_SUFFIX_NAMES[r.defaultDepartmentCode] ?? null) : null,
    defaultMode: (r.defaultMode as HandlingMode | null) ?? null,
    dispatch: stage(r.dispatchAmount, r.dispatchUnit),
    respond: stage(r.respondAmount, r.respondUnit),
    handle: stage(r.handleAmount, r.handleUnit),
    verify: stage(r.verifyAmount, r.verifyUnit),
    urgentHandleHours: r.urgentHandleHours,
    similarRadiusM: r.similarRadiusM,
    similarDays: r.similarDays,
    custom: r.custom,
    archived: r.archivedAt !== null || parentArchived,
  };
}

/** Department names by suffix for a region path (e.g. CGJ → 云城区城市管理和综合执法局): the nearest serving one. */
export async function departmentNamesFor(db: DbOrTx, path: string, suffixes: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const d of await repo.departmentsServing(db, path, suffixes)) if (!out.has(d.suffix)) out.set(d.suffix, d.name);
  return out;
}

/** The catalogue as a tree: top-level groups with their subcategories; archived ones only with `all`. */
export async function categoryTree(db: Db, ctx: RequestContext, opts: { all?: boolean } = {}): Promise<CategoryView[]> {
  const rows = await repo.listCategories(db);
  const names = await departmentNamesFor(db, ctx.actor.scope.path, [...new Set(rows.map((r) => r.defaultDepartmentCode).filter((c): c is string => !!c))]);
  const tops = rows.filter((r) => r.parentCode === null);
  return tops
    .map((t) => {
      const view = toCategoryView(t, names);
      view.children = rows.filter((c) => c.parentCode === t.code).map((c) => toCategoryView(c, names, view.archived)).filter((c) => opts.all || !c.archived);
      return view;
    })
    .filter((t) => opts.all || !t.archived);
}

export interface StageInput {
  amount: number;
  unit: string;
}
export interface CategoryInput {
  code?: string;
  parentCode?: string | null;
  nameZh?: string;
  nameEn?: string;
  defaultDepartmentCode?: string | null;
  defaultMode?: string | null;
  dispatch?: StageInput;
  respond?: StageInput;
  handle?: StageInput;
  verify?: StageInput;
  urgentHandleHours?: number;
  similarRadiusM?: number;
  similarDays?: number;
  sortOrder?: number;
  archived?: boolean;
}

const intIn = (field: string, v: number | undefined, min: number, max: number) => {
  if (v === undefined) return;
  if (!Number.isInteger(v) || v < min || v > max) throw invalid(field, `应为 ${min}–${max} 的整数`, `must be a whole number from ${min} to ${max}`);
};

/** Checks and normalizes the editable fields (shared by create and update); returns table columns. */
function columnsOf(input: CategoryInput): Partial<repo.NewCategoryRow> {
  const out: Partial<repo.NewCategoryRow> = {};
  for (const key of ['nameZh', 'nameEn'] as const) {
    const v = input[key];
    if (v === undefined) continue;
    const s = v.trim();
    if (s.length < 1 || s.length > 50) throw invalid(key, '长度应为 1–50 个字符', 'must be 1–50 characters');
    out[key] = s;
  }
  if (input.defaultDepartmentCode !== undefined) {
    const c = input.defaultDepartmentCode?.trim().toUpperCase() || null;
    if (c !== null && !/^[A-Z]{2,8}$/.test(c)) throw invalid('defaultDepartmentCode', '应为部门编码后缀，如 CGJ（2–8 个大写字母）', 'must be a department code suffix such as CGJ (2–8 capital letters)');
    out.defaultDepartmentCode = c;
  }
  if (input.defaultMode !== undefined) {
    // With type coercion on, a JSON null for a string-or-null field arrives as '': both clear it.
    const m = input.defaultMode === '' ? null : input.defaultMode;
    if (m !== null && !(HANDLING_MODES as readonly string[]).includes(m)) throw invalid('defaultMode', `只能是 ${HANDLING_MODES.join('/')}`, `one of ${HANDLING_MODES.join('/')}`);
    out.defaultMode = m;
  }
  for (const s of STAGE_KEYS) {
    const st = input[s];
    if (!st) continue;
    intIn(s, st.amount, 1, 365);
    if (!(TIME_UNITS as readonly string[]).includes(st.unit)) throw invalid(s, `时间单位只能是 ${TIME_UNITS.join('/')}`, `unit must be one of ${TIME_UNITS.join('/')}`);
    Object.assign(out, stageColumns(s, st));
  }
  intIn('urgentHandleHours', input.urgentHandleHours, 1, 365);
  intIn('similarRadiusM', input.similarRadiusM, 1, 10_000);
  intIn('similarDays', input.similarDays, 1, 365);
  intIn('sortOrder', input.sortOrder, 0, 32_767);
  if (input.urgentHandleHours !== undefined) out.urgentHandleHours = input.urgentHandleHours;
  if (input.similarRadiusM !== undefined) out.similarRadiusM = input.similarRadiusM;
  if (input.similarDays !== undefined) out.similarDays = input.similarDays;
  if (input.sortOrder !== undefined) out.sortOrder = input.sortOrder;
  return out;
}

function stageColumns(s: StageKey, st: StageInput): Partial<repo.NewCategoryRow> {
  switch (s) {
    case 'dispatch':
      return { dispatchAmount: st.amount, dispatchUnit: st.unit };
    case 'respond':
      return { respondAmount: st.amount, respondUnit: st.unit };
    case 'handle':
      return { handleAmount: st.amount, handleUnit: st.unit };
    case 'verify':
      return { verifyAmount: st.amount, verifyUnit: st.unit };
  }
}

async function presentOne(db: DbOrTx, ctx: RequestContext, row: repo.CategoryRow): Promise<CategoryView> {
  const names = await departmentNamesFor(db, ctx.actor.scope.path, row.defaultDepartmentCode ? [row.defaultDepartmentCode] : []);
  const parent = row.parentCode ? await repo.findCategoryByCode(db, row.parentCode) : undefined;
  return toCategoryView(row, names, !!parent?.archivedAt);
}

/**
 * The catalogue is one for the whole system (like the working calendar): changing it needs
 * cases.configure and a scope covering every region, so a district cannot reshape another's.
 */
async function assertMayConfigure(db: DbOrTx, ctx: RequestContext): Promise<void> {
  assertPermission(ctx, 'cases.configure');
  if (ctx.actor.scope.path !== '/' && (await repo.rootsOutside(db, ctx.actor.scope.path)) > 0) throw new AppError('SCOPE_DENIED');
}

export async function createCategory(db: Db, ctx: RequestContext, input: CategoryInput): Promise<CategoryView> {
  await assertMayConfigure(db, ctx);
  const code = input.code?.trim() ?? '';
  const parentCode = input.parentCode?.trim() || null;
  if (!input.nameZh) throw new AppError('CASE_FIELD_REQUIRED', { field: CATEGORY_FIELDS.nameZh });
  if (!input.nameEn) throw new AppError('CASE_FIELD_REQUIRED', { field: CATEGORY_FIELDS.nameEn });
  if (parentCode === null) {
    if (!/^\d{2}$/.test(code) || code === '00') throw invalid('code', '大类编码应为 2 位数字（01–99）', 'a top-level code is 2 digits (01–99)');
  } else if (!/^\d{4}$/.test(code) || !code.startsWith(parentCode) || code.endsWith('00')) {
    throw invalid('code', `小类编码应为 4 位数字，以上级编码 ${parentCode} 开头（${parentCode}01–${parentCode}99）`, `a subcategory code is 4 digits starting with its parent's ${parentCode} (${parentCode}01–${parentCode}99)`);
  }
  const cols = columnsOf(input);
  const row = await db.transaction(async (tx) => {
    if (parentCode !== null) {
      const parent = await repo.findCategoryByCode(tx, parentCode);
      if (!parent || parent.parentCode !== null) throw invalid('parentCode', `${parentCode} 不是已有的大类`, `${parentCode} is not an existing top-level category`);
      if (parent.archivedAt) throw new AppError('CASE_CATEGORY_ARCHIVED', { name: parent.nameZh });
    }
    if (await repo.findCategoryByCode(tx, code)) throw new AppError('CASE_CATEGORY_CODE_TAKEN', { code });
    const r = await repo.insertCategory(tx, { ...cols, code, parentCode, nameZh: cols.nameZh!, nameEn: cols.nameEn!, custom: true, archivedAt: input.archived ? new Date() : null });
    await recordAudit(tx, ctx, { action: 'caseCategory.create', entityType: 'caseCategory', entityId: r.id, regionPath: null, after: r });
    return r;
  });
  return presentOne(db, ctx, row);
}

export async function updateCategory(db: Db, ctx: RequestContext, id: number, input: CategoryInput): Promise<CategoryView> {
  await assertMayConfigure(db, ctx);
  const cols = columnsOf(input);
  const row = await db.transaction(async (tx) => {
    const before = await repo.findCategory(tx, id);
    if (!before) throw new AppError('CASE_CATEGORY_NOT_FOUND');
    if (input.archived !== undefined) cols.archivedAt = input.archived ? (before.archivedAt ?? new Date()) : null;
    if (Object.keys(cols).length === 0) return before;
    const after = await repo.updateCategory(tx, id, cols);
    await recordAudit(tx, ctx, { action: input.archived === true && !before.archivedAt ? 'caseCategory.archive' : 'caseCategory.update', entityType: 'caseCategory', entityId: id, regionPath: null, before, after });
    return after;
  });
  return presentOne(db, ctx, row);
}

/**
 * A category a case may be filed under: it exists, is a subcategory (the defaults live there),
 * and neither it nor its group is archived.
 */
export async function usableCategory(db: DbOrTx, id: number): Promise<repo.CategoryRow> {
  const c = await repo.findCategory(db, id);
  if (!c) throw new AppError('CASE_CATEGORY_NOT_FOUND');
  if (c.parentCode === null) throw new AppError('CASE_CATEGORY_NOT_LEAF', { name: c.nameZh });
  const parent = await repo.findCategoryByCode(db, c.parentCode);
  if (c.archivedAt || parent?.archivedAt) throw new AppError('CASE_CATEGORY_ARCHIVED', { name: c.nameZh });
  return c;
}
