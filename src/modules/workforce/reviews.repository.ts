// Queries of the quarterly two-way reviews: who may be reviewed by which community, the upsert
// under its unique key, lists and the per-subject averages for the ranking.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { escapeLike, type ScopedDb } from '../../shared/scoped.ts';
import { reviews } from './workforce.tables.ts';
import type { Span } from './week.ts';

export type ReviewRow = typeof reviews.$inferSelect;
export interface ReviewKey {
  quarter: string;
  subjectKind: string;
  subjectId: number;
  direction: string;
  regionId: number;
}

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;
const overlaps = (q: Span) => sql`p.start_on <= ${q.to}::date AND (p.end_on IS NULL OR p.end_on >= ${q.from}::date)`;

/** The subject's name, or null when there is no such worker / team. */
export async function subjectName(db: DbOrTx, kind: string, id: number): Promise<string | null> {
  const res = kind === 'pairedDeputy' ? await db.execute(sql`SELECT name FROM workers WHERE id = ${id}`) : await db.execute(sql`SELECT name FROM stationed_teams WHERE id = ${id}`);
  return rowsOf<{ name: string }>(res)[0]?.name ?? null;
}

/**
 * Does the subject serve (a region inside) the subtree at `path` during the quarter? A paired
 * deputy through a pairedDeputy position there; a team through its own region.
 */
export async function subjectServes(db: DbOrTx, kind: string, id: number, path: string, quarter: Span): Promise<boolean> {
  const under = (col: SQL) => sql`${col} LIKE ${escapeLike(path) + '%'}`;
  const res =
    kind === 'pairedDeputy'
      ? await db.execute(sql`SELECT 1 FROM positions p WHERE p.worker_id = ${id} AND p.kind = 'pairedDeputy' AND p.archived_at IS NULL AND ${overlaps(quarter)} AND ${under(sql`p.region_path`)} LIMIT 1`)
      : await db.execute(sql`SELECT 1 FROM stationed_teams p WHERE p.id = ${id} AND p.archived_at IS NULL AND ${overlaps(quarter)} AND ${under(sql`p.region_path`)} LIMIT 1`);
  return rowsOf(res).length > 0;
}

/** Is any trace of the subject (the worker's own region, a position, the team) inside the scope? */
export async function subjectVisible(sdb: ScopedDb, kind: string, id: number): Promise<boolean> {
  const res =
    kind === 'pairedDeputy'
      ? await sdb.db.execute(sql`SELECT 1 FROM workers w WHERE w.id = ${id} AND (${sdb.inScope(sql`w.region_path`)}
          OR EXISTS (SELECT 1 FROM positions p WHERE p.worker_id = w.id AND ${sdb.inScope(sql`p.region_path`)}))`)
      : await sdb.db.execute(sql`SELECT 1 FROM stationed_teams t WHERE t.id = ${id} AND ${sdb.inScope(sql`t.region_path`)}`);
  return rowsOf(res).length > 0;
}

/** Is the user the subject itself: the deputy's own worker record, or the team's leader in the quarter? */
export async function userIsSubject(db: DbOrTx, userId: number, kind: string, id: number, quarter: Span): Promise<boolean> {
  const res =
    kind === 'pairedDeputy'
      ? await db.execute(sql`SELECT 1 FROM workers w WHERE w.id = ${id} AND w.user_id = ${userId} AND w.archived_at IS NULL`)
      : await db.execute(sql`SELECT 1 FROM positions p JOIN workers w ON w.id = p.worker_id
          WHERE p.team_id = ${id} AND p.kind = 'stationedMember' AND p.is_leader AND p.archived_at IS NULL AND ${overlaps(quarter)}
            AND w.user_id = ${userId} AND w.archived_at IS NULL LIMIT 1`);
  return rowsOf(res).length > 0;
}

export async function findReviewForUpdate(db: DbOrTx, k: ReviewKey): Promise<ReviewRow | undefined> {
  const [row] = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.quarter, k.quarter), eq(reviews.subjectKind, k.subjectKind), eq(reviews.subjectId, k.subjectId), eq(reviews.direction, k.direction), eq(reviews.regionId, k.regionId)))
    .for('update');
  return row;
}

/** Insert, or (two writers racing on a new key) update the row the other one inserted. */
export async function upsertReview(
  db: DbOrTx,
  k: ReviewKey & { regionPath: string; score: number; comment: string; reviewerUserId: number | null },
): Promise<ReviewRow> {
  const [row] = await db
    .insert(reviews)
    .values(k)
    .onConflictDoUpdate({
      target: [reviews.quarter, reviews.subjectKind, reviews.subjectId, reviews.direction, reviews.regionId],
      set: { score: k.score, comment: k.comment, reviewerUserId: k.reviewerUserId, regionPath: k.regionPath, version: sql`${reviews.version} + 1`, updatedAt: new Date() },
    })
    .returning();
  return row;
}

export interface ReviewListRow extends ReviewRow {
  subjectName: string | null;
  communityName: string | null;
}

export async function listReviews(sdb: ScopedDb, f: { path: string; quarter?: string; subjectKind?: string; direction?: string; subjectId?: number; limit: number }): Promise<ReviewListRow[]> {
  const where: SQL[] = [sdb.inScope(sql`x.region_path`), sql`x.archived_at IS NULL`];
  if (f.path !== '/') where.push(sql`x.region_path LIKE ${escapeLike(f.path) + '%'}`);
  if (f.quarter) where.push(sql`x.quarter = ${f.quarter}`);
  if (f.subjectKind) where.push(sql`x.subject_kind = ${f.subjectKind}`);
  if (f.direction) where.push(sql`x.direction = ${f.direction}`);
  if (f.subjectId) where.push(sql`x.subject_id = ${f.subjectId}`);
  const res = await sdb.db.execute(sql`
    SELECT x.id, x.quarter, x.subject_kind, x.subject_id, x.direction, x.region_id, x.region_path, x.score::float8 AS score, x.comment,
      x.reviewer_user_id, x.version, x.created_at, x.updated_at,
      CASE x.subject_kind WHEN 'pairedDeputy' THEN (SELECT w.name FROM workers w WHERE w.id = x.subject_id)
        ELSE (SELECT t.name FROM stationed_teams t WHERE t.id = x.subject_id) END AS subject_name,
      r.name AS community_name
    FROM reviews x LEFT JOIN regions r ON r.id = x.region_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY x.quarter DESC, x.subject_kind, subject_name, x.direction, community_name, x.id
    LIMIT ${f.limit}`);
  return rowsOf<Record<string, unknown>>(res).map((r) => ({
    id: Number(r.id),
    quarter: String(r.quarter),
    subjectKind: String(r.subject_kind),
    subjectId: Number(r.subject_id),
    direction: String(r.direction),
    regionId: Number(r.region_id),
    regionPath: String(r.region_path),
    score: Number(r.score),
    comment: String(r.comment),
    reviewerUserId: r.reviewer_user_id === null ? null : Number(r.reviewer_user_id),
    version: Number(r.version),
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
    archivedAt: null,
    subjectName: (r.subject_name as string | null) ?? null,
    communityName: (r.community_name as string | null) ?? null,
  }));
}

/** Per subject: the average of the communities' scores (two decimals) and how many there were. */
export async function subjectAverages(sdb: ScopedDb, f: { path: string; quarter: string; subjectKind?: string }): Promise<{ kind: string; id: number; name: string; score: number; reviews: number }[]> {
  const where: SQL[] = [sdb.inScope(sql`x.region_path`), sql`x.archived_at IS NULL`, sql`x.quarter = ${f.quarter}`, sql`x.direction = 'communityRatesSubject'`];
  if (f.path !== '/') where.push(sql`x.region_path LIKE ${escapeLike(f.path) + '%'}`);
  if (f.subjectKind) where.push(sql`x.subject_kind = ${f.subjectKind}`);
  const res = await sdb.db.execute(sql`
    SELECT x.subject_kind AS kind, x.subject_id AS id, round(avg(x.score), 2)::float8 AS score, count(*)::int AS reviews,
      COALESCE(CASE x.subject_kind WHEN 'pairedDeputy' THEN (SELECT w.name FROM workers w WHERE w.id = x.subject_id)
        ELSE (SELECT t.name FROM stationed_teams t WHERE t.id = x.subject_id) END, '') AS name
    FROM reviews x
    WHERE ${sql.join(where, sql` AND `)}
    GROUP BY x.subject_kind, x.subject_id`);
  return rowsOf<Record<string, unknown>>(res).map((r) => ({ kind: String(r.kind), id: Number(r.id), name: String(r.name), score: Number(r.score), reviews: Number(r.reviews) }));
}
