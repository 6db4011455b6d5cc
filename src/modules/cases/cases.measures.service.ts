// Case measures for a subject (a region subtree, optionally one department or one person) over a
// period, grouped by child region, department or person. Decides who may see what (scope; a
// department handler sees only their own department), asks the repository for per-leaf figures
// and assembles them with the pure formulas of cases.measures.ts.
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import { WHOLE_SYSTEM, type RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { getUser, listDepartments, userNames, type DepartmentView } from '../accounts/index.ts';
import { listChildren, listRoots, loadInScope, regionRowsByIds } from '../regions/index.ts';
import {
  childOf,
  emptyFigures,
  groupFigures,
  periodOf,
  personFigures,
  sumFigures,
  toRow,
  withWhistles,
  type KeyedFigures,
  type MeasureCounts,
  type MeasureGrouping,
  type MeasureRow,
  type MeasuresView,
  type Period,
} from './cases.measures.ts';
import { countCaseLeaves, countWhistleLeaves, type LeafBy, type LeafKey, type MeasureFilter } from './cases.measures.repository.ts';

export interface MeasuresQuery {
  regionId?: number;
  departmentId?: number;
  userId?: number;
  from?: string;
  to?: string;
  groupBy?: MeasureGrouping;
}

const PERIOD_REASONS = {
  badDay: { zh: '日期须为有效的 YYYY-MM-DD', en: 'days must be valid YYYY-MM-DD dates' },
  reversed: { zh: '开始日期晚于结束日期', en: 'the start day is after the end day' },
  tooLong: { zh: '统计期间不能超过 5 年', en: 'a period may not exceed 5 years' },
};

/**
 * A department's handlers and leaders see their own department's figures only; holding a desk or
 * supervision permission as well (a wider role) lifts that.
 */
export function departmentBound(ctx: RequestContext): number | null {
  const p = ctx.actor.permissions;
  if (ctx.actor.departmentId === null || p.has('cases.dispatch') || p.has('cases.supervise')) return null;
  return ctx.actor.departmentId;
}

interface Subject {
  region: { id: number | null; name: string; path: string };
  department: DepartmentView | null;
  user: { id: number; name: string } | null;
  departments: () => Promise<DepartmentView[]>;
}

async function resolveSubject(db: Db, ctx: RequestContext, sdb: ScopedDb, q: MeasuresQuery): Promise<Subject> {
  if (q.departmentId !== undefined && q.userId !== undefined) {
    throw new AppError('CASE_MEASURES_SUBJECT', { reason: { zh: '部门与人员只能选其一', en: 'give a department or a person, not both' } });
  }
  const regionId = q.regionId ?? ctx.actor.scope.regionId;
  const r = regionId === null ? null : await loadInScope(sdb, regionId);
  const region = r ? { id: r.id, name: r.name, path: r.path } : { id: null, name: ctx.lang === 'en' ? 'All regions' : '全部区域', path: '/' };

  let deps: Promise<DepartmentView[]> | null = null;
  const departments = () => (deps ??= listDepartments(db, ctx));
  const bound = departmentBound(ctx);
  if (bound !== null && q.departmentId !== undefined && q.departmentId !== bound) throw new AppError('SCOPE_DENIED');
  const departmentId = bound ?? q.departmentId ?? null;
  let department: DepartmentView | null = null;
  if (departmentId !== null) {
    department = (await departments()).find((d) => d.id === departmentId) ?? null;
    if (!department) {
      const anywhere = await listDepartments(db, { ...ctx, actor: { ...ctx.actor, scope: WHOLE_SYSTEM } });
      throw new AppError(anywhere.some((d) => d.id === departmentId) ? 'SCOPE_DENIED' : 'DEPARTMENT_NOT_FOUND');
    }
  }
  const user = q.userId === undefined ? null : await personInSight(db, ctx, q.userId);
  return { region, department, user, departments };
}

/**
 * A person whose figures the caller may ask for: one inside the caller's scope, or one whose scope
 * contains it (a district department's handler working the street's cases), the rule departments
 * follow too. Their figures are still counted on the caller's cases only.
 */
async function personInSight(db: Db, ctx: RequestContext, userId: number): Promise<{ id: number; name: string }> {
  try {
    const u = await getUser(db, ctx, userId);
    return { id: u.id, name: u.displayName };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'SCOPE_DENIED') throw e;
    const u = await getUser(db, { ...ctx, actor: { ...ctx.actor, scope: WHOLE_SYSTEM } }, userId);
    const [area] = u.scopeRegion ? await regionRowsByIds(scoped(db, WHOLE_SYSTEM), [u.scopeRegion.id]) : [];
    const above = u.scopeRegion === null || (area !== undefined && ctx.actor.scope.path.startsWith(area.path));
    if (!above) throw e;
    return { id: u.id, name: u.displayName };
  }
}

export async function caseMeasures(db: Db, ctx: RequestContext, q: MeasuresQuery, now = new Date()): Promise<MeasuresView> {
  assertPermission(ctx, 'cases.read');
  const period = periodOf(q.from, q.to, now);
  if (typeof period === 'string') throw new AppError('CASE_MEASURES_PERIOD', { reason: PERIOD_REASONS[period] });
  const sdb = scoped(db, ctx.actor.scope);
  const subject = await resolveSubject(db, ctx, sdb, q);
  const groupBy = q.groupBy ?? 'child';
  const filter: MeasureFilter = { path: subject.region.path, departmentId: subject.department?.id ?? null, handlerId: null, reporterId: null };
  const { total, rows } = subject.user ? await forPerson(db, ctx, sdb, subject, filter, period, groupBy) : await forUnit(db, ctx, sdb, subject, filter, period, groupBy);
  return {
    subject: {
      region: subject.region,
      department: subject.department ? { id: subject.department.id, name: subject.department.name } : null,
      user: subject.user,
    },
    period: { from: period.from, to: period.to, start: period.start.toISOString(), end: period.end.toISOString() },
    groupBy,
    total,
    rows,
  };
}

type Assembled = { total: MeasureRow; rows: MeasureRow[] };

/** A region or department subject: every case in it counts, once. */
async function forUnit(db: Db, ctx: RequestContext, sdb: ScopedDb, s: Subject, f: MeasureFilter, p: Period, groupBy: MeasureGrouping): Promise<Assembled> {
  const totalName = ctx.lang === 'en' ? 'Total' : '合计';
  if (groupBy === 'person') {
    const [handlers, reporters, whistles] = await Promise.all([countCaseLeaves(sdb, f, p, 'handler'), countCaseLeaves(sdb, f, p, 'reporter'), countWhistleLeaves(sdb, f, p, 'none')]);
    const total = withWhistles(sumFigures(handlers.map((l) => l.figures)), whistles[0]?.counts);
    return { total: toRow('total', null, totalName, total), rows: await personRows(db, handlers, reporters) };
  }
  const by: LeafBy = groupBy === 'child' ? 'child' : 'department';
  const [leaves, whistles] = await Promise.all([countCaseLeaves(sdb, f, p, by), countWhistleLeaves(sdb, f, p, by)]);
  const total = withWhistles(sumFigures(leaves.map((l) => l.figures)), sumCounts(whistles.map((w) => w.counts)));
  const rows = groupBy === 'child' ? await childRows(db, ctx, s, leaves, whistles) : await departmentRows(db, ctx, s, leaves, whistles);
  return { total: toRow('total', null, totalName, total), rows };
}

/** A person subject: what they handled plus the patrol cases they reported, grouped as asked. */
async function forPerson(db: Db, ctx: RequestContext, sdb: ScopedDb, s: Subject, f: MeasureFilter, p: Period, groupBy: MeasureGrouping): Promise<Assembled> {
  const user = s.user!;
  const by: LeafBy = groupBy === 'child' ? 'child' : groupBy === 'department' ? 'department' : 'none';
  const [handled, reported] = await Promise.all([countCaseLeaves(sdb, { ...f, handlerId: user.id }, p, by), countCaseLeaves(sdb, { ...f, reporterId: user.id }, p, by)]);
  const combined = combinePerson(handled, reported);
  const total = toRow('person', user.id, user.name, sumFigures(combined.map((l) => l.figures)));
  if (groupBy === 'person') return { total, rows: [total] };
  // A person's rows are a person's figures: rates about grids and whistles do not apply.
  const rows = groupBy === 'child' ? await childRows(db, ctx, s, combined, [], true) : await departmentRows(db, ctx, s, combined, [], true);
  return { total, rows };
}

function combinePerson(handled: KeyedFigures<LeafKey>[], reported: KeyedFigures<LeafKey>[]): KeyedFigures<LeafKey>[] {
  const h = new Map(handled.map((l) => [l.key, l.figures]));
  const r = new Map(reported.map((l) => [l.key, l.figures]));
  return [...new Set([...h.keys(), ...r.keys()])].map((key) => ({ key, figures: personFigures(h.get(key), r.get(key)) }));
}

function sumCounts(all: MeasureCounts[]): MeasureCounts | undefined {
  if (all.length === 0) return undefined;
  return sumFigures(all.map((counts) => ({ counts, stages: emptyFigures().stages }))).counts;
}

type WhistleLeaves = { key: LeafKey; counts: MeasureCounts }[];

async function childRows(db: Db, ctx: RequestContext, s: Subject, leaves: KeyedFigures<LeafKey>[], whistles: WhistleLeaves, person = false): Promise<MeasureRow[]> {
  const parentPath = s.region.path;
  const groupOf = (k: LeafKey) => (typeof k === 'string' ? (childOf(parentPath, k) ?? undefined) : undefined);
  const figures = groupFigures(leaves, groupOf);
  const whistleBy = groupFigures(
    whistles.map((w) => ({ key: w.key, figures: { counts: w.counts, stages: emptyFigures().stages } })),
    groupOf,
  );
  const children = s.region.id === null ? await listRoots(db, ctx) : await listChildren(db, ctx, s.region.id, true);
  const rows: MeasureRow[] = [];
  for (const child of children) {
    const f = figures.get(child.id);
    // Archived children stay listed only while they still carry cases of the period.
    if (child.archived && !f && !whistleBy.has(child.id)) continue;
    rows.push(toRow('region', child.id, child.name, withWhistles(f ?? emptyFigures(), whistleBy.get(child.id)?.counts), { person }));
  }
  const own = figures.get('self');
  if (own || whistleBy.has('self')) {
    const name = ctx.lang === 'en' ? `${s.region.name} (itself)` : `${s.region.name}（本级）`;
    rows.push(toRow('self', s.region.id, name, withWhistles(own ?? emptyFigures(), whistleBy.get('self')?.counts), { person }));
  }
  return rows;
}

async function departmentRows(db: Db, ctx: RequestContext, s: Subject, leaves: KeyedFigures<LeafKey>[], whistles: WhistleLeaves, person = false): Promise<MeasureRow[]> {
  const figures = new Map(leaves.map((l) => [l.key, l.figures]));
  const whistleBy = new Map(whistles.map((w) => [w.key, w.counts]));
  const all = s.department ? [s.department] : await departmentsServing(db, s);
  const known = new Set(all.map((d) => d.id));
  // Departments serving elsewhere may still hold cases here (or have been called by a whistle).
  const strays = [...new Set([...figures.keys(), ...whistleBy.keys()])].filter((k): k is number => typeof k === 'number' && !known.has(k));
  const names = new Map((strays.length ? await s.departments() : []).map((d) => [d.id, d.name]));
  const units = [...all.map((d) => ({ id: d.id, name: d.name })), ...strays.map((id) => ({ id, name: names.get(id) ?? (ctx.lang === 'en' ? `Department #${id}` : `部门 #${id}`) }))];
  const rows = units.map((d) => toRow('department', d.id, d.name, withWhistles(figures.get(d.id) ?? emptyFigures(), whistleBy.get(d.id)), { person }));
  const none = figures.get(null);
  if (none && !s.department) rows.push(toRow('noDepartment', null, ctx.lang === 'en' ? 'No department (desk)' : '未派部门（属地自办）', withWhistles(none, undefined), { person }));
  return rows;
}

/** Visible departments whose service area overlaps the subject region (either contains the other). */
async function departmentsServing(db: Db, s: Subject): Promise<DepartmentView[]> {
  const deps = await s.departments();
  const areas = await regionRowsByIds(scoped(db, WHOLE_SYSTEM), [...new Set(deps.map((d) => d.serviceArea.id))]);
  const pathOf = new Map(areas.map((a) => [a.id, a.path]));
  const p = s.region.path;
  return deps.filter((d) => {
    const a = pathOf.get(d.serviceArea.id);
    return a !== undefined && (a.startsWith(p) || p.startsWith(a));
  });
}

async function personRows(db: Db, handlers: KeyedFigures<LeafKey>[], reporters: KeyedFigures<LeafKey>[]): Promise<MeasureRow[]> {
  const people = combinePerson(handlers, reporters).filter((l): l is KeyedFigures<number> => typeof l.key === 'number');
  const names = new Map((await userNames(db, people.map((l) => l.key))).map((u) => [u.id, u.displayName]));
  return people
    .map((l) => toRow('person', l.key, names.get(l.key) ?? `#${l.key}`, l.figures))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || (a.id ?? 0) - (b.id ?? 0));
}
