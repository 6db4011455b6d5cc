// SQL of case photos: the count under the case's row lock (so the per-case limit holds under
// parallel uploads), the insert, and reading one image back.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/engine.ts';
import { casePhotos, cases } from './cases.tables.ts';

export type NewPhotoRow = typeof casePhotos.$inferInsert;

/** Locks the case row for the rest of the transaction and counts its photos. */
export async function lockCaseAndCountPhotos(tx: DbOrTx, caseId: number): Promise<number> {
  await tx.execute(sql`SELECT id FROM ${cases} WHERE ${cases.id} = ${caseId} FOR UPDATE`);
  const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(casePhotos).where(eq(casePhotos.caseId, caseId));
  return Number(r?.n ?? 0);
}

export async function insertPhoto(tx: DbOrTx, row: NewPhotoRow) {
  const [r] = await tx
    .insert(casePhotos)
    .values(row)
    .returning({ id: casePhotos.id, caseId: casePhotos.caseId, kind: casePhotos.kind, mime: casePhotos.mime, bytes: casePhotos.bytes, sha256: casePhotos.sha256, createdAt: casePhotos.createdAt });
  return r;
}

export async function photoContent(db: DbOrTx, caseId: number, photoId: number): Promise<{ mime: string; content: Buffer; kind: string } | undefined> {
  const [r] = await db
    .select({ mime: casePhotos.mime, content: casePhotos.content, kind: casePhotos.kind })
    .from(casePhotos)
    .where(and(eq(casePhotos.id, photoId), eq(casePhotos.caseId, caseId)));
  return r ? { ...r, content: Buffer.from(r.content) } : undefined;
}
