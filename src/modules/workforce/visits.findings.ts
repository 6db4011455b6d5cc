// Problems found on a visit, and the one call that turns one into a case in the case loop:
// reported by the caller (source patrol) at the finding's point, else the visit's check-in point.
// The case is filed first, through the case loop's own intake (its checks, placement and scope),
// then the finding records it.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { caseCodes, reportCase } from '../cases/index.ts';
import * as repo from './visits.repository.ts';
import { findingViews, loadOwnVisit } from './visits.present.ts';
import type { FindingInput, FindingView } from './visits.views.ts';
import { checkPoint, checkText, invalid } from './workers.common.ts';

type ToCase = NonNullable<FindingInput['toCase']>;

async function fileCase(
  db: Db,
  ctx: RequestContext,
  visit: repo.VisitListRow,
  finding: { description: string; lng: number | null; lat: number | null },
  toCase: ToCase,
  idempotencyKey?: string,
): Promise<{ id: number; code: string }> {
  const lng = finding.lng ?? visit.checkInLng;
  const lat = finding.lat ?? visit.checkInLat;
  if (lng === null || lat === null) throw new AppError('WORKFORCE_LOCATION_REQUIRED');
  const title = toCase.title?.trim() || [...finding.description].slice(0, 30).join('');
  const r = await reportCase(
    db,
    ctx,
    { source: 'patrol', title, description: finding.description, categoryId: toCase.categoryId, urgency: toCase.urgency, lng, lat },
    { idempotencyKey },
  );
  return { id: r.id, code: r.code };
}

export async function addFinding(db: Db, ctx: RequestContext, visitId: number, input: FindingInput): Promise<FindingView> {
  assertPermission(ctx, 'workforce.visit');
  const description = checkText('description', input.description, 500, true);
  if ([...description].length < 2) throw invalid('description', '至少 2 个字符', 'at least 2 characters');
  const point = checkPoint(input.lng, input.lat);
  if (input.toCase) assertPermission(ctx, 'cases.report');
  // Checked before the case is filed, so a refused call files nothing.
  const { visit } = await loadOwnVisit(db, ctx, visitId);
  const filed = input.toCase ? await fileCase(db, ctx, visit, { description, lng: point?.lng ?? null, lat: point?.lat ?? null }, input.toCase) : null;
  const row = await db.transaction(async (tx) => {
    await loadOwnVisit(tx, ctx, visitId);
    const f = await repo.insertFinding(tx, { visitId, description, lng: point?.lng ?? null, lat: point?.lat ?? null, caseId: filed?.id ?? null });
    await recordAudit(tx, ctx, { action: 'visit.finding', entityType: 'visit', entityId: visitId, regionPath: visit.regionPath, after: f });
    return f;
  });
  return (await findingViews(db, [row]))[0];
}

/** Turns an earlier finding into a case; a retry finds the same case (one key per finding). */
export async function findingToCase(db: Db, ctx: RequestContext, visitId: number, findingId: number, toCase: ToCase): Promise<FindingView> {
  assertPermission(ctx, 'workforce.visit');
  assertPermission(ctx, 'cases.report');
  const { visit } = await loadOwnVisit(db, ctx, visitId, { anyTime: true });
  const finding = await repo.findFinding(db, visitId, findingId);
  if (!finding) throw new AppError('WORKFORCE_NOT_FOUND', { entity: { zh: '走访发现的问题', en: 'Finding' } });
  const already = async (h: DbOrTx, caseId: number) => new AppError('WORKFORCE_FINDING_HAS_CASE', { code: (await caseCodes(h, [caseId]))[0]?.code ?? caseId });
  if (finding.caseId !== null) throw await already(db, finding.caseId);
  const filed = await fileCase(db, ctx, visit, finding, toCase, `visit-finding-${finding.id}`);
  const row = await db.transaction(async (tx) => {
    const f = await repo.setFindingCase(tx, finding.id, filed.id);
    if (!f) {
      const now = await repo.findFinding(tx, visitId, findingId);
      if (now?.caseId === filed.id) return now;
      throw await already(tx, now!.caseId!);
    }
    await recordAudit(tx, ctx, { action: 'visit.findingCase', entityType: 'visit', entityId: visitId, regionPath: visit.regionPath, before: finding, after: f });
    return f;
  });
  return (await findingViews(db, [row]))[0];
}
