// The dual registration coverage report for a region the caller may see (default: their scope),
// per community or per institution, over an optional period (service hours and pledges due in it;
// registrations active on its last day count as registered). The rules are in
// registrations.coverage.ts; this file loads the facts.
import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError, type Bilingual } from '../../shared/errors.ts';
import { scoped } from '../../shared/scoped.ts';
import { loadInScope } from '../regions/index.ts';
import { computeCoverage } from './registrations.coverage.ts';
import { isDay, shanghaiToday } from './registrations.model.ts';
import * as repo from './registrations.repository.ts';
import type { CoverageReport } from './registrations.views.ts';

export interface CoverageQuery {
  regionId?: number;
  by?: 'community' | 'institution';
  from?: string;
  to?: string;
}

const badPeriod = (reason: Bilingual) => new AppError('PARTY_COVERAGE_PERIOD', { reason });

export async function coverageReport(db: Db, ctx: RequestContext, q: CoverageQuery): Promise<CoverageReport> {
  for (const d of [q.from, q.to]) if (d !== undefined && !isDay(d)) throw badPeriod({ zh: `${d} 不是有效日期`, en: `${d} is not a calendar day` });
  if (q.from && q.to && q.from > q.to) throw badPeriod({ zh: `开始日期 ${q.from} 晚于结束日期 ${q.to}`, en: `${q.from} is after ${q.to}` });
  const sdb = scoped(db, ctx.actor.scope);
  const regionId = q.regionId ?? ctx.actor.scope.regionId;
  const region = regionId ? await loadInScope(sdb, regionId) : null;
  const rootPath = region?.path ?? '/';
  const by = q.by ?? 'community';
  const asOf = q.to ?? shanghaiToday();
  const period = { from: q.from ?? null, to: q.to ?? null };

  const communities = await repo.communitiesUnder(sdb, rootPath);
  const { orgs, members } = await repo.coverageSubjects(sdb, rootPath);
  const registrations = await repo.coverageRegistrations(sdb, rootPath, period);
  const institutionIds = new Set<number>();
  if (by === 'institution') {
    for (const x of [...orgs, ...members, ...registrations]) if (x.institutionId) institutionIds.add(x.institutionId);
  }
  const institutions = await repo.institutionNames(db, [...institutionIds]);
  const result = computeCoverage({ rootPath, asOf, communities, institutions, orgs, members, registrations }, by);
  return { region: region ? { id: region.id, name: region.name, level: region.level } : null, by, period, asOf, ...result };
}
