// Case photos: scene (at report), before and after (at handling). The bytes must be what they
// claim — JPEG, PNG or WebP by their magic numbers, whatever the Content-Type says — at most 5 MB,
// at most 9 per case. Staff upload and read them in scope; a resident by code and matching mobile.
import crypto from 'node:crypto';
import type { Db } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { STATUS_NAMES } from './cases.guards.ts';
import { toPhotoView, photoUrl, publicPhotoUrl } from './cases.presenter.ts';
import * as repo from './cases.photos.repository.ts';
import { loadReadable } from './cases.read.ts';
import type { CaseRow } from './cases.read.repository.ts';
import type { CasePhotoView } from './cases.views.ts';

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PHOTOS_PER_CASE = 9;
export const PHOTO_KINDS = ['scene', 'before', 'after'] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];
export const PHOTO_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;

// Cases past their end take no more pictures: the record is what it was when it ended.
const FINAL_STATUSES = ['closed', 'rejected', 'merged'];

/** The image type the bytes really are, or null. */
export function sniffImage(b: Buffer): (typeof PHOTO_MIMES)[number] | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export function checkKind(kind: string | undefined, allowed: readonly string[] = PHOTO_KINDS): PhotoKind {
  const k = kind ?? 'scene';
  if (!allowed.includes(k)) {
    throw new AppError('CASE_FIELD_INVALID', { field: { zh: '照片类型', en: 'photo kind' }, reason: { zh: `只能是 ${allowed.join('/')}`, en: `one of ${allowed.join('/')}` } });
  }
  return k as PhotoKind;
}

/** Size, then content against the declared type (a generic octet-stream is judged by content alone). */
export function checkImage(body: unknown, contentType: string | undefined): { bytes: Buffer; mime: (typeof PHOTO_MIMES)[number] } {
  if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('CASE_PHOTO_TYPE');
  if (body.length > PHOTO_MAX_BYTES) throw new AppError('CASE_PHOTO_TOO_LARGE', { maxMb: PHOTO_MAX_BYTES / 1024 / 1024 });
  const mime = sniffImage(body);
  const declared = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!mime || (declared && declared !== 'application/octet-stream' && declared !== mime)) throw new AppError('CASE_PHOTO_TYPE');
  return { bytes: body, mime };
}

async function store(db: Db, ctx: RequestContext, row: CaseRow, kind: PhotoKind, body: unknown, contentType: string | undefined) {
  if (FINAL_STATUSES.includes(row.status)) {
    throw new AppError('CASE_ACTION_NOT_ALLOWED', { status: STATUS_NAMES[row.status as keyof typeof STATUS_NAMES], action: { zh: '上传照片', en: 'given photos' } });
  }
  const { bytes, mime } = checkImage(body, contentType);
  return db.transaction(async (tx) => {
    if ((await repo.lockCaseAndCountPhotos(tx, row.id)) >= PHOTOS_PER_CASE) throw new AppError('CASE_PHOTO_LIMIT', { max: PHOTOS_PER_CASE });
    const p = await repo.insertPhoto(tx, { caseId: row.id, kind, mime, bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), content: bytes });
    await recordAudit(tx, ctx, { action: 'case.photo', entityType: 'case', entityId: row.id, regionPath: row.regionPath, after: { photoId: p.id, kind, mime, bytes: p.bytes, sha256: p.sha256 } });
    return p;
  });
}

const UPLOADERS = ['cases.report', 'cases.handle', 'cases.verify', 'cases.dispatch'];

export async function addPhoto(db: Db, ctx: RequestContext, caseId: number, kind: string | undefined, body: unknown, contentType: string | undefined): Promise<CasePhotoView> {
  const k = checkKind(kind);
  if (!UPLOADERS.some((p) => ctx.actor.permissions.has(p))) throw new AppError('PERMISSION_DENIED', { permission: 'cases.report' });
  const row = await loadReadable(db, ctx, caseId);
  const p = await store(db, ctx, row, k, body, contentType);
  return toPhotoView(p, photoUrl(row.id, p.id));
}

/** A resident adds scene photos to their own report (the case found by code and mobile). */
export async function addPublicPhoto(db: Db, ctx: RequestContext, row: CaseRow, kind: string | undefined, body: unknown, contentType: string | undefined): Promise<CasePhotoView> {
  const k = checkKind(kind, ['scene']);
  const p = await store(db, ctx, row, k, body, contentType);
  return toPhotoView(p, publicPhotoUrl(row.code, p.id));
}

export async function readPhoto(db: Db, ctx: RequestContext, caseId: number, photoId: number): Promise<{ mime: string; content: Buffer }> {
  const row = await loadReadable(db, ctx, caseId);
  const p = await repo.photoContent(db, row.id, photoId);
  if (!p) throw new AppError('CASE_PHOTO_NOT_FOUND');
  return p;
}

/** A resident's view of a photo: of their own case, or an after-photo of the original it was merged into. */
export async function readPublicPhoto(db: Db, row: CaseRow, original: CaseRow | null, photoId: number): Promise<{ mime: string; content: Buffer }> {
  const own = await repo.photoContent(db, row.id, photoId);
  if (own) return own;
  const theirs = original ? await repo.photoContent(db, original.id, photoId) : undefined;
  if (theirs && theirs.kind === 'after') return theirs;
  throw new AppError('CASE_PHOTO_NOT_FOUND');
}
