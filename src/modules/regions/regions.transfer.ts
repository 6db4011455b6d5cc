// Import and export of the tree as files, on top of the bulk importer.
import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { WHOLE_SYSTEM } from '../../shared/context.ts';
import { importRegions, type ImportProgress, type ImportResult } from './regions.bulk.ts';
import { loadInScope, scopeOf } from './regions.access.ts';
import { parseGeoJson, parseWorkbook, toFeatureCollection, toWorkbook, type ParsedFile } from './regions.files.ts';
import * as repo from './regions.repository.ts';

export type FileFormat = 'geojson' | 'xlsx';

export async function importRegionFile(db: Db, ctx: RequestContext, format: FileFormat, buf: Buffer, onProgress?: ImportProgress): Promise<ImportResult> {
  const parsed: ParsedFile = format === 'geojson' ? parseGeoJson(buf) : await parseWorkbook(buf);
  // Unreadable rows and rule-breaking rows come back together, in the file's own numbering.
  return importRegions(db, ctx, parsed.inputs, onProgress, parsed.problems, (i) => parsed.refs[i] ?? i);
}

async function subtreeRows(sdb: ScopedDb, rootId?: number): Promise<repo.RegionRow[]> {
  if (rootId) {
    const root = await loadInScope(sdb, rootId);
    return repo.listSubtree(sdb, root.path, 6, true);
  }
  const roots = await repo.listRoots(sdb);
  const out: repo.RegionRow[] = [];
  for (const r of roots) out.push(...(await repo.listSubtree(sdb, r.path, 6, true)));
  return out;
}

export async function exportRegions(db: Db, ctx: RequestContext, format: FileFormat, rootId?: number): Promise<{ body: Buffer; filename: string; contentType: string }> {
  const sdb = scopeOf(db, ctx);
  const rows = await subtreeRows(sdb, rootId);
  // Parent codes of the top rows may sit above the caller's scope: look them up by id.
  const codeOf = new Map(rows.map((r) => [r.id, r.code]));
  const missing = [...new Set(rows.map((r) => r.parentId).filter((p): p is number => p !== null && !codeOf.has(p)))];
  for (const p of await repo.listByIds(scoped(db, WHOLE_SYSTEM), missing)) codeOf.set(p.id, p.code);
  const stamp = new Date().toISOString().slice(0, 10);
  if (format === 'geojson') {
    return { body: Buffer.from(JSON.stringify(toFeatureCollection(rows, codeOf))), filename: `regions-${stamp}.geojson`, contentType: 'application/geo+json' };
  }
  return { body: await toWorkbook(rows, codeOf), filename: `regions-${stamp}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}
