// What a region looks like to clients. Summaries carry no boundary; details carry everything.
import type { Lang } from '../../shared/errors.ts';
import type { RegionListRow, RegionRow } from './regions.repository.ts';
import { evaluateSize, type SizeRules } from './size-rules.ts';
import type { RegionDetail, RegionSummary } from './regions.views.ts';
import type { Boundary } from './regions.model.ts';

export type { RegionSummary, RegionDetail } from './regions.views.ts';

type AnyRow = (RegionRow | RegionListRow) & { childCount?: number };

export function toSummary(row: AnyRow, counters: Record<string, number> | undefined, rules: SizeRules): RegionSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    kind: row.kind,
    parentId: row.parentId,
    childCount: row.childCount ?? 0,
    archived: row.archivedAt !== null,
    sizeStatus: evaluateSize(row.level, row.attributes as Record<string, unknown>, counters, rules).status,
  };
}

export function toDetail(
  row: RegionRow,
  extra: { childCount: number; counters: Record<string, number>; ancestors: RegionSummary[]; rules: SizeRules; lang: Lang },
): RegionDetail {
  const size = evaluateSize(row.level, row.attributes as Record<string, unknown>, extra.counters, extra.rules, extra.lang);
  return {
    ...toSummary({ ...row, childCount: extra.childCount }, extra.counters, extra.rules),
    path: row.path,
    attributes: row.attributes as Record<string, unknown>,
    boundary: (row.boundary as Boundary | null) ?? null,
    version: row.version,
    ancestors: extra.ancestors,
    counters: extra.counters,
    warnings: size.warning ? [size.warning] : [],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
  };
}

/** The part of a region recorded in the audit log (boundaries summarized: they can be large). */
export function auditSnapshot(row: RegionRow): Record<string, unknown> {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    kind: row.kind,
    parentId: row.parentId,
    path: row.path,
    attributes: row.attributes,
    boundary: row.boundary ?? null,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    version: row.version,
  };
}

/** Ids along a materialized path, root first. */
export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}
