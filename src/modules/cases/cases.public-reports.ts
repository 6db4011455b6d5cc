// Cases first reported by the public (群众首报: source resident or hotline) in a region subtree and
// a period of report times, for rules outside this module (the paired deputies' accountability).
// Rejected reports and duplicates merged into an original are left out: they are not cases of
// their own, as in the missed-report rate (cases.measures.repository.ts).
import { and, asc, gte, inArray, lt, notInArray, sql } from 'drizzle-orm';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { cases } from './cases.tables.ts';
import { PUBLIC_SOURCES, type CaseSource } from './cases.workflow.ts';

export interface PublicReport {
  id: number;
  code: string;
  reportedAt: Date;
  regionId: number;
  regionPath: string;
  source: CaseSource;
}

export async function listPublicReports(
  sdb: ScopedDb,
  q: { path: string; start: Date; end: Date; sources?: readonly CaseSource[] },
): Promise<PublicReport[]> {
  const sources = [...(q.sources ?? PUBLIC_SOURCES)];
  if (sources.length === 0) return [];
  const rows = await sdb.db
    .select({ id: cases.id, code: cases.code, reportedAt: cases.reportedAt, regionId: cases.regionId, regionPath: cases.regionPath, source: cases.source })
    .from(cases)
    .where(
      and(
        sdb.inScope(cases.regionPath),
        q.path === '/' ? undefined : sql`${cases.regionPath} LIKE ${escapeLike(q.path) + '%'}`,
        gte(cases.reportedAt, q.start),
        lt(cases.reportedAt, q.end),
        inArray(cases.source, sources),
        notInArray(cases.status, ['rejected', 'merged']),
      ),
    )
    .orderBy(asc(cases.reportedAt), asc(cases.id));
  return rows.map((r) => ({ ...r, source: r.source as CaseSource }));
}
