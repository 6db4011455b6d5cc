// HTTP for reporting and reading cases (intake, lists, desk queue, detail, photos, export).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/engine.ts';
import { anyOk, IdParams } from '../../shared/schema.ts';
import { exportCases, XLSX_TYPE } from './cases.export.ts';
import { CaseCreateBody, CaseExportQuery, CaseListQuery, PhotoKindQuery, PhotoParams, SuggestQuery } from './cases.intake.schema.ts';
import { reportCase } from './cases.intake.ts';
import { addPhoto, PHOTO_MAX_BYTES, PHOTO_MIMES, readPhoto } from './cases.photos.ts';
import { getCaseDetail, listCases } from './cases.read.ts';
import { similarCases, suggestHandling } from './cases.similar.ts';

const tags = ['cases'];
const attachment = (name: string) => `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;
// A little over the photo limit, so an oversize photo gets the photo error (with the limit in it).
export const PHOTO_BODY_LIMIT = PHOTO_MAX_BYTES + 1024 * 1024;

export const idempotencyKeyOf = (req: FastifyRequest): string | undefined => {
  const v = req.headers['idempotency-key'];
  return typeof v === 'string' && v.trim() ? v : undefined;
};

export const caseIntakeRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  // Photos arrive as the raw image body (this plugin only).
  app.addContentTypeParser([...PHOTO_MIMES], { parseAs: 'buffer', bodyLimit: PHOTO_BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.get('/cases/suggest', { schema: { tags, summary: '建议处置方式与部门 Suggested handling mode and unit', querystring: SuggestQuery, response: anyOk } }, async (req) => suggestHandling(db, req.ctx, req.query));

  app.get('/cases/export', { schema: { tags, summary: '导出事件到 Excel（手机号脱敏） Export cases to Excel, masked', querystring: CaseExportQuery, response: anyOk } }, async (req, reply) => {
    const x = await exportCases(db, req.ctx, req.query);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(x.filename)).send(x.stream);
  });

  app.post('/cases', { schema: { tags, summary: '上报事件（可带 Idempotency-Key） Report a case (Idempotency-Key honoured)', body: CaseCreateBody, response: anyOk } }, async (req, reply) => {
    const r = await reportCase(db, req.ctx, req.body, { idempotencyKey: idempotencyKeyOf(req) });
    return reply.status(r.created ? 201 : 200).send(await getCaseDetail(db, req.ctx, r.id));
  });

  app.get('/cases', { schema: { tags, summary: '事件列表：受理台、我的、全部 Cases: desk queue, mine, all', querystring: CaseListQuery, response: anyOk } }, async (req) => listCases(db, req.ctx, req.query));

  app.get('/cases/:id', { schema: { tags, summary: '事件详情 A case in detail', params: IdParams, response: anyOk } }, async (req) => getCaseDetail(db, req.ctx, req.params.id));

  app.get('/cases/:id/similar', { schema: { tags, summary: '附近相似的未结事件 Similar open cases nearby', params: IdParams, response: anyOk } }, async (req) => similarCases(db, req.ctx, req.params.id));

  app.post(
    '/cases/:id/photos',
    { bodyLimit: PHOTO_BODY_LIMIT, schema: { tags, summary: '上传事件照片（JPEG/PNG/WebP，≤5MB） Upload a photo', params: IdParams, querystring: PhotoKindQuery, response: anyOk } },
    async (req, reply) => reply.status(201).send(await addPhoto(db, req.ctx, req.params.id, req.query.kind, req.body, req.headers['content-type'])),
  );

  app.get('/cases/:id/photos/:photoId', { schema: { tags, summary: '事件照片 A case photo', params: PhotoParams } }, async (req, reply) => {
    const p = await readPhoto(db, req.ctx, req.params.id, req.params.photoId);
    return reply.header('content-type', p.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(p.content);
  });
};
