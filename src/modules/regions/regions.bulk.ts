// Importing many regions at once (tree import, demo city). Everything is checked first and every
// problem is reported with its row index; only a clean set is written, in one transaction.
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAuditMany, type AuditEvent } from '../audit/index.ts';
import { canonicalJson } from '../audit/audit.hash.ts';
import { checkRegionCode } from './codes.ts';
import { findSiblingOverlaps, outsideFraction, validateBoundary } from './geometry.ts';
import { scopeOf } from './regions.access.ts';
import { CONTAINMENT_TOLERANCE, OVERLAP_TOLERANCE } from './regions.geo-checks.ts';
import { bumpBoundaryVersion, invalidateLocateIndex } from './regions.locate.ts';
import { levelName, REGION_KINDS, type Boundary, type RegionInput, type RegionLevel } from './regions.model.ts';
import * as repo from './regions.repository.ts';
import { pinyinKeys } from './pinyin.ts';
import { boundaryColumns } from './regions.write.ts';

export interface ImportProblem {
  index: number;
  code: string;
  field: string;
  reason: string;
}

export interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
}

export type ImportProgress = (phase: 'check' | 'geometry' | 'write', done: number, total: number) => void;

interface Resolved {
  input: RegionInput;
  index: number;
  existing: repo.RegionRow | null;
  parent: { code: string; level: number; boundary: unknown; path?: string; id?: number } | null;
}

export async function importRegions(
  db: Db,
  ctx: RequestContext,
  inputs: RegionInput[],
  onProgress?: ImportProgress,
  /** Problems found before (e.g. rows a file parser could not read), reported together. */
  earlier: ImportProblem[] = [],
  /** Maps an input's position to the caller's numbering (feature index, sheet row). */
  ref: (index: number) => number = (i) => i,
): Promise<ImportResult> {
  assertPermission(ctx, 'regions.write');
  const { problems, resolved } = await checkImport(db, ctx, inputs, onProgress);
  const all = [...earlier, ...problems.map((p) => ({ ...p, index: ref(p.index) }))].sort((a, b) => a.index - b.index);
  if (all.length) throw new AppError('IMPORT_INVALID', { count: all.length }, all);
  return writeAll(db, ctx, resolved, onProgress);
}

async function checkImport(db: Db, ctx: RequestContext, inputs: RegionInput[], onProgress?: ImportProgress): Promise<{ problems: ImportProblem[]; resolved: Resolved[] }> {
  const problems: ImportProblem[] = [];
  const bad = (index: number, code: string, field: string, reason: string) => problems.push({ index, code, field, reason });
  const sdb = scopeOf(db, ctx);

  // 1. Row-level checks.
  const byCode = new Map<string, number>();
  inputs.forEach((r, i) => {
    if (!r.code || typeof r.code !== 'string') bad(i, String(r.code ?? ''), 'code', 'required');
    else if (byCode.has(r.code)) bad(i, r.code, 'code', `duplicate of row ${byCode.get(r.code)}`);
    else byCode.set(r.code, i);
    if (!r.name || !String(r.name).trim()) bad(i, r.code, 'name', 'required');
    else if (String(r.name).length > 100) bad(i, r.code, 'name', 'longer than 100 characters');
    if (![1, 2, 3, 4, 5, 6].includes(r.level)) bad(i, r.code, 'level', 'must be 1..6');
    else if (!REGION_KINDS[r.level].includes(r.kind)) bad(i, r.code, 'kind', `${r.kind} is not a kind of ${levelName(r.level)}`);
    if (r.boundary) {
      const issues = validateBoundary(r.boundary);
      if (issues.length) bad(i, r.code, 'boundary', `${issues[0].code} @ ${issues[0].path}`);
    }
  });
  onProgress?.('check', 0, inputs.length);

  // 2. Existing rows (updates) and parents, both within the caller's scope.
  const codes = [...byCode.keys()];
  const parentCodes = [...new Set(inputs.map((r) => r.parentCode).filter((c): c is string => !!c && !byCode.has(c)))];
  const existingInScope = new Map((await repo.findManyByCode(sdb, [...codes, ...parentCodes])).map((r) => [r.code, r]));
  const takenAnywhere = await repo.unscopedCodesTaken(db, [...codes, ...parentCodes]);
  const resolved: Resolved[] = [];
  inputs.forEach((r, i) => {
    if (byCode.get(r.code) !== i) return;
    const existing = existingInScope.get(r.code) ?? null;
    if (!existing && takenAnywhere.has(r.code)) return bad(i, r.code, 'code', 'exists outside your scope');
    let parent: Resolved['parent'] = null;
    if (r.parentCode) {
      const pi = byCode.get(r.parentCode);
      const pe = existingInScope.get(r.parentCode);
      if (pi !== undefined) parent = { code: r.parentCode, level: inputs[pi].level, boundary: inputs[pi].boundary };
      else if (pe) parent = pe;
      else return bad(i, r.code, 'parentCode', takenAnywhere.has(r.parentCode) ? 'parent outside your scope' : 'parent not found');
      if (parent.level !== r.level - 1) return bad(i, r.code, 'level', `parent is ${levelName(parent.level)}`);
    } else if (r.level !== 1) return bad(i, r.code, 'parentCode', 'required below city level');
    else if (ctx.actor.scope.path !== '/' && !existing) return bad(i, r.code, 'parentCode', 'only administrators create cities');
    if (existing && existing.parentId !== null && parent && 'id' in parent && parent.id !== existing.parentId) {
      return bad(i, r.code, 'parentCode', 'differs from the current parent: use move');
    }
    if (existing && existing.level !== r.level) return bad(i, r.code, 'level', 'differs from the existing region');
    if (!existing) {
      const broken = checkRegionCode(r.level as RegionLevel, r.code, parent?.code ?? null);
      if (broken) return bad(i, r.code, 'code', broken);
    }
    resolved.push({ input: r, index: i, existing, parent });
  });

  // 3. Geometry against parents and siblings (only among rows that passed so far).
  const withBoundary = resolved.filter((r) => r.input.boundary && !problems.some((p) => p.index === r.index && p.field === 'boundary'));
  let done = 0;
  for (const r of withBoundary) {
    if (r.parent?.boundary) {
      const f = outsideFraction(r.input.boundary as Boundary, r.parent.boundary as Boundary);
      if (f > CONTAINMENT_TOLERANCE) bad(r.index, r.input.code, 'boundary', `${(f * 100).toFixed(1)}% outside parent ${r.parent.code}`);
    }
    if (++done % 500 === 0) onProgress?.('geometry', done, withBoundary.length * 2);
  }
  const groups = new Map<string, { key: string; boundary: Boundary }[]>();
  for (const r of withBoundary) {
    const k = r.input.parentCode ?? '';
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push({ key: String(r.index), boundary: r.input.boundary as Boundary });
  }
  for (const [parentCode, items] of groups) {
    // Existing siblings that are not re-imported take part in the overlap check too.
    const parent = existingInScope.get(parentCode);
    if (parent) {
      for (const s of await repo.siblingsWithBoundary(sdb, parent.id, [])) {
        if (!byCode.has(s.code)) items.push({ key: `db:${s.code}`, boundary: s.boundary as Boundary });
      }
    }
    for (const o of findSiblingOverlaps(items, OVERLAP_TOLERANCE)) {
      const idx = o.a.startsWith('db:') ? Number(o.b) : Number(o.a);
      const other = o.a.startsWith('db:') ? o.a.slice(3) : o.b.startsWith('db:') ? o.b.slice(3) : inputs[Number(o.b)].code;
      bad(idx, inputs[idx].code, 'boundary', `overlaps ${other} by ${(o.fraction * 100).toFixed(1)}%`);
    }
    done += items.length;
    onProgress?.('geometry', Math.min(done, withBoundary.length * 2), withBoundary.length * 2);
  }
  return { problems, resolved };
}

async function writeAll(db: Db, ctx: RequestContext, resolved: Resolved[], onProgress?: ImportProgress): Promise<ImportResult> {
  const result: ImportResult = { added: 0, updated: 0, unchanged: 0 };
  const ordered = [...resolved].sort((a, b) => a.input.level - b.input.level);
  await db.transaction(async (tx) => {
    const sdb = scopeOf(tx, ctx);
    const fresh = ordered.filter((r) => !r.existing);
    const ids = await repo.reserveIds(tx, fresh.length);
    const paths = new Map<string, { id: number; path: string }>();
    for (const r of ordered) if (r.existing) paths.set(r.existing.code, { id: r.existing.id, path: r.existing.path });
    const parentRefs = ordered.map((r) => r.parent).filter((p) => p && 'id' in p && p.id !== undefined);
    for (const p of parentRefs) paths.set(p!.code, { id: p!.id!, path: p!.path! });
    const audits: AuditEvent[] = [];
    const rows = fresh.map((r, k) => {
      const id = ids[k];
      const parent = r.input.parentCode ? paths.get(r.input.parentCode)! : null;
      const path = `${parent?.path ?? '/'}${id}/`;
      paths.set(r.input.code, { id, path });
      const keys = pinyinKeys(r.input.name);
      const row = {
        id,
        code: r.input.code,
        name: r.input.name.trim(),
        level: r.input.level,
        kind: r.input.kind,
        parentId: parent?.id ?? null,
        path,
        namePinyin: keys.full,
        nameInitials: keys.initials,
        attributes: r.input.attributes ?? {},
        ...boundaryColumns(r.input.boundary),
      };
      audits.push({ action: 'region.import', entityType: 'region', entityId: id, regionPath: path, after: { ...row, minLng: undefined, minLat: undefined, maxLng: undefined, maxLat: undefined } });
      return row;
    });
    for (let i = 0; i < rows.length; i += 1000) {
      await repo.insertRegionsBulk(tx, rows.slice(i, i + 1000));
      onProgress?.('write', Math.min(i + 1000, rows.length), resolved.length);
    }
    result.added = rows.length;
    for (const r of ordered.filter((x) => x.existing)) {
      const e = r.existing!;
      const next = { name: r.input.name.trim(), kind: r.input.kind, attributes: r.input.attributes ?? {}, boundary: r.input.boundary ?? null };
      const same = canonicalJson({ name: e.name, kind: e.kind, attributes: e.attributes, boundary: e.boundary }) === canonicalJson(next);
      if (same) {
        result.unchanged++;
        continue;
      }
      const keys = pinyinKeys(next.name);
      const after = await repo.updateRegion(sdb, e.id, e.version, {
        name: next.name,
        kind: next.kind,
        attributes: next.attributes,
        namePinyin: keys.full,
        nameInitials: keys.initials,
        ...boundaryColumns(next.boundary as Boundary | null),
      });
      if (!after) throw new AppError('REGION_VERSION_CONFLICT');
      audits.push({ action: 'region.import', entityType: 'region', entityId: e.id, regionPath: e.path, before: { name: e.name, kind: e.kind, attributes: e.attributes, boundary: e.boundary }, after: next });
      result.updated++;
    }
    await recordAuditMany(tx, ctx, audits);
    if (result.added || result.updated) await bumpBoundaryVersion(tx);
  });
  invalidateLocateIndex(db);
  return result;
}

/**
 * Adds counts measured at regions (by code) to those regions and all their ancestors, summing in
 * memory first so each (region, measure) is written once.
 */
export async function addCountsByCode(db: Db, ctx: RequestContext, counts: { code: string; measure: string; value: number }[]): Promise<void> {
  await db.transaction(async (tx) => {
    const sdb = scopeOf(tx, ctx);
    const rows = new Map((await repo.findPathsByCode(sdb, [...new Set(counts.map((c) => c.code))])).map((r) => [r.code, r]));
    const sums = new Map<string, { regionId: number; measure: string; value: number }>();
    for (const c of counts) {
      const r = rows.get(c.code);
      if (!r) throw new AppError('REGION_NOT_FOUND');
      for (const id of r.path.split('/').filter(Boolean).map(Number)) {
        const k = `${id}:${c.measure}`;
        const cur = sums.get(k) ?? { regionId: id, measure: c.measure, value: 0 };
        cur.value += c.value;
        sums.set(k, cur);
      }
    }
    await repo.addToCountersBulk(tx, [...sums.values()]);
  });
}
