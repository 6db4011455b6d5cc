// Quarterly two-way reviews (双向评价). A community rates the paired deputies and stationed teams
// serving it (staff with workforce.review, community in scope); the subject rates the community
// (the deputy, or the team's leader, through their own account with workforce.visit — their scope
// is their grid, not the community, so their link to the subject is what lets them — or staff
// with workforce.review on their behalf). One review per quarter, subject, direction and community:
// posting again updates it, audited with before and after.
import type { Db } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import { WHOLE_SYSTEM, type RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { scoped } from '../../shared/scoped.ts';
import { userNames } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { findRegionById, loadInScope } from '../regions/index.ts';
import { ruleArea } from './rules.area.ts';
import { workforceRules } from './rules.settings.ts';
import * as repo from './reviews.repository.ts';
import { rankByScore } from './reviews.ranking.ts';
import type { ReviewDirection, ReviewInput, ReviewRankingItem, ReviewRankingView, ReviewSubjectKind, ReviewView } from './reviews.views.ts';
import { REVIEW_DIRECTIONS, REVIEW_SUBJECTS } from './workforce.model.ts';
import { workforceConflict, workforceInvalid, workforceNotFound } from './workforce.common.ts';
import { parseQuarter, quarterOf, type Span } from './week.ts';

const SUBJECT_ORDER: ReviewSubjectKind[] = ['pairedDeputy', 'stationedTeam'];

function quarterSpan(quarter: string, now: Date): Span {
  const q = parseQuarter(quarter);
  if (!q) throw workforceInvalid({ zh: '季度', en: 'quarter' }, { zh: '应如 2026Q3', en: 'must look like 2026Q3' });
  if (q.start > now) throw workforceInvalid({ zh: '季度', en: 'quarter' }, { zh: '尚未开始，不能评价', en: 'has not begun yet' });
  return q;
}

async function present(db: Db, rows: repo.ReviewListRow[]): Promise<ReviewView[]> {
  const reviewers = new Map((await userNames(db, [...new Set(rows.map((r) => r.reviewerUserId).filter((x): x is number => x !== null))])).map((u) => [u.id, u.displayName]));
  return rows.map((r) => ({
    id: r.id,
    quarter: r.quarter,
    subject: { kind: r.subjectKind as ReviewSubjectKind, kindLabel: REVIEW_SUBJECTS[r.subjectKind as ReviewSubjectKind] ?? r.subjectKind, id: r.subjectId, name: r.subjectName ?? '' },
    direction: r.direction as ReviewDirection,
    directionLabel: REVIEW_DIRECTIONS[r.direction as ReviewDirection] ?? r.direction,
    community: { id: r.regionId, name: r.communityName ?? '' },
    score: r.score,
    comment: r.comment,
    reviewer: r.reviewerUserId === null ? null : { id: r.reviewerUserId, name: reviewers.get(r.reviewerUserId) ?? String(r.reviewerUserId) },
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** Who may post this review, and for which community (loaded, level checked). */
async function authorize(db: Db, ctx: RequestContext, input: ReviewInput, quarter: Span) {
  const sdb = scoped(db, ctx.actor.scope);
  const can = (p: string) => ctx.actor.permissions.has(p);
  let community;
  let asSubject = false;
  if (input.direction === 'communityRatesSubject') {
    assertPermission(ctx, 'workforce.review');
    community = await loadInScope(sdb, input.communityId);
  } else {
    community = await findRegionById(scoped(db, WHOLE_SYSTEM), input.communityId);
    if (!community) throw new AppError('REGION_NOT_FOUND');
    const staff = can('workforce.review') && sdb.covers(community.path);
    asSubject = !staff && can('workforce.visit') && ctx.actor.userId !== null && (await repo.userIsSubject(db, ctx.actor.userId, input.subjectKind, input.subjectId, quarter));
    if (!staff && !asSubject) {
      if (!can('workforce.review') && !can('workforce.visit')) throw new AppError('PERMISSION_DENIED', { permission: 'workforce.review' });
      throw new AppError('SCOPE_DENIED');
    }
  }
  if (community.level !== 4) throw workforceInvalid({ zh: '社区', en: 'community' }, { zh: '须为社区或村', en: 'must be a community or village' });
  if (community.archivedAt) throw workforceInvalid({ zh: '社区', en: 'community' }, { zh: '已撤销', en: 'is archived' });

  // The subject must serve this community in the quarter. A subject the caller cannot see at all is
  // outside their scope (the subject itself is always allowed to name itself).
  const name = await repo.subjectName(db, input.subjectKind, input.subjectId);
  if (name === null) throw workforceNotFound(input.subjectKind === 'pairedDeputy' ? 'worker' : 'stationedTeam');
  if (!(await repo.subjectServes(db, input.subjectKind, input.subjectId, community.path, quarter))) {
    if (!asSubject && !(await repo.subjectVisible(sdb, input.subjectKind, input.subjectId))) throw new AppError('SCOPE_DENIED');
    throw workforceInvalid(
      { zh: '评价对象', en: 'subject' },
      { zh: `本季度未在${community.name}任职`, en: `does not serve ${community.name} in ${input.quarter}` },
    );
  }
  return community;
}

export async function postReview(db: Db, ctx: RequestContext, input: ReviewInput, now = new Date()): Promise<{ created: boolean; review: ReviewView }> {
  const quarter = quarterSpan(input.quarter, now);
  const community = await authorize(db, ctx, input, quarter);
  const score = Math.round(input.score * 10) / 10;
  const key: repo.ReviewKey = { quarter: input.quarter, subjectKind: input.subjectKind, subjectId: input.subjectId, direction: input.direction, regionId: community.id };
  const { row, created } = await db.transaction(async (tx) => {
    const before = await repo.findReviewForUpdate(tx, key);
    if (before && input.version !== undefined && before.version !== input.version) throw workforceConflict();
    const after = await repo.upsertReview(tx, { ...key, regionPath: community.path, score, comment: (input.comment ?? '').trim(), reviewerUserId: ctx.actor.userId });
    const isNew = before === undefined && after.version === 1;
    await recordAudit(tx, ctx, { action: isNew ? 'review.create' : 'review.update', entityType: 'review', entityId: after.id, regionPath: community.path, before, after });
    return { row: after, created: isNew };
  });
  const [review] = await present(db, [{ ...row, score: Number(row.score), subjectName: await repo.subjectName(db, row.subjectKind, row.subjectId), communityName: community.name }]);
  return { created, review };
}

export interface ReviewQuery {
  quarter?: string;
  regionId?: number;
  subjectKind?: ReviewSubjectKind;
  direction?: ReviewDirection;
  subjectId?: number;
}

export async function listReviews(db: Db, ctx: RequestContext, q: ReviewQuery): Promise<{ items: ReviewView[] }> {
  if (q.quarter !== undefined && !parseQuarter(q.quarter)) throw workforceInvalid({ zh: '季度', en: 'quarter' }, { zh: '应如 2026Q3', en: 'must look like 2026Q3' });
  const area = await ruleArea(db, ctx, q.regionId);
  const rows = await repo.listReviews(area.sdb, { path: area.path, quarter: q.quarter, subjectKind: q.subjectKind, direction: q.direction, subjectId: q.subjectId, limit: 5000 });
  return { items: await present(db, rows) };
}

export async function reviewRanking(db: Db, ctx: RequestContext, q: { quarter?: string; regionId?: number; subjectKind?: ReviewSubjectKind }, now = new Date()): Promise<ReviewRankingView> {
  const quarter = q.quarter ?? quarterOf(now);
  if (!parseQuarter(quarter)) throw workforceInvalid({ zh: '季度', en: 'quarter' }, { zh: '应如 2026Q3', en: 'must look like 2026Q3' });
  const area = await ruleArea(db, ctx, q.regionId);
  const { excellentShare } = await workforceRules(db);
  const rows = await repo.subjectAverages(area.sdb, { path: area.path, quarter, subjectKind: q.subjectKind });
  const items: ReviewRankingItem[] = [];
  const groups: ReviewRankingView['groups'] = [];
  for (const kind of SUBJECT_ORDER) {
    if (q.subjectKind && q.subjectKind !== kind) continue;
    const ranked = rankByScore(rows.filter((r) => r.kind === kind), excellentShare);
    groups.push({ subjectKind: kind, subjects: ranked.items.length, cut: ranked.cut, excellentCount: ranked.excellentCount, tiesAtCut: ranked.tiesAtCut });
    for (const r of ranked.items) items.push({ rank: r.rank, subject: { kind, id: r.id, name: r.name }, score: r.score, reviews: r.reviews, excellent: r.excellent });
  }
  return { quarter, region: area.region, excellentShare, items, excellentCount: groups.reduce((n, g) => n + g.excellentCount, 0), groups };
}
