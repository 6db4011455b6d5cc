// HTTP for the registry's templates, imports, exports. Uploads arrive as the raw file body
// (xlsx, csv or octet-stream); the import runs as a background job that the web polls.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../../db/engine.ts';
import { AppError } from '../../../shared/errors.ts';
import { anyOk, Id, IdParams, Obj } from '../../../shared/schema.ts';
import { exportEntity } from './export.ts';
import { getImportJob, importErrorWorkbook, listImportJobs, sheetOf, startImport } from './jobs.service.ts';
import { buildTemplate, XLSX_CONTENT_TYPE } from './template.ts';

const tags = ['registry import/export'];
export const IMPORT_LIMIT_BYTES = 50 * 1024 * 1024;

const EntityParams = Obj({ entity: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-zA-Z]+$' }) });
const ImportQuery = Obj({
  entity: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-zA-Z]+$' }),
  mode: Type.Optional(Type.Union([Type.Literal('all-or-nothing'), Type.Literal('skip-invalid')])),
  fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
const JobListQuery = Obj({
  entity: Type.Optional(Type.String({ maxLength: 40 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
});
// The list's filters differ per entity and are checked by its exportPage(); here only their shape.
const ExportQuery = Type.Object({}, { additionalProperties: Type.String({ maxLength: 200 }), maxProperties: 30 });

const attachment = (name: string) => `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const importRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  // CSV uploads (browsers label them text/csv, or application/vnd.ms-excel on Windows).
  app.addContentTypeParser(['text/csv', 'text/plain', 'application/vnd.ms-excel'], { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT_BYTES }, (_req, body, done) => done(null, body));

  app.get('/registry/templates/:entity', { schema: { tags, summary: '下载导入模板 Download the import template', params: EntityParams, response: anyOk } }, async (req, reply) => {
    const t = await buildTemplate(sheetOf(req.params.entity));
    return reply.header('content-type', t.contentType).header('content-disposition', attachment(t.filename)).send(t.body);
  });

  app.post(
    '/registry/imports',
    { bodyLimit: IMPORT_LIMIT_BYTES, schema: { tags, summary: '上传文件导入（后台任务） Import a file as a background job', querystring: ImportQuery, response: { ...anyOk, 202: Obj({ jobId: Id }) } } },
    async (req, reply) => {
      const body = req.body as unknown;
      if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('IMPORT_FORMAT', { reason: { zh: '请上传文件内容（xlsx 或 csv）', en: 'send the file as the request body (xlsx or csv)' } });
      if (body.length > IMPORT_LIMIT_BYTES) throw new AppError('IMPORT_TOO_LARGE', { limit: '50 MB' });
      const ct = String(req.headers['content-type'] ?? '');
      const fileName = req.query.fileName ?? (ct.includes('csv') || ct.startsWith('text/') ? 'upload.csv' : ct.includes('spreadsheetml') ? 'upload.xlsx' : 'upload');
      const r = await startImport(db, req.ctx, { buffer: body }, { entity: req.query.entity, mode: req.query.mode ?? 'all-or-nothing', fileName });
      return reply.status(202).send(r);
    },
  );

  app.get('/registry/imports', { schema: { tags, summary: '导入任务列表 Import jobs in my scope', querystring: JobListQuery, response: anyOk } }, async (req) =>
    listImportJobs(db, req.ctx, req.query),
  );

  app.get('/registry/imports/:id', { schema: { tags, summary: '导入任务进度与结果 Import job progress and result', params: IdParams, response: anyOk } }, async (req) =>
    getImportJob(db, req.ctx, req.params.id),
  );

  app.get('/registry/imports/:id/errors', { schema: { tags, summary: '下载错误清单 Download the error workbook', params: IdParams, response: anyOk } }, async (req, reply) => {
    const wb = await importErrorWorkbook(db, req.ctx, req.params.id);
    return reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', attachment(wb.filename)).send(wb.body);
  });

  app.get('/registry/exports/:entity', { schema: { tags, summary: '导出列表到 Excel（个人信息脱敏） Export a filtered list to Excel, masked', params: EntityParams, querystring: ExportQuery, response: anyOk } }, async (req, reply) => {
    const x = await exportEntity(db, req.ctx, req.params.entity, req.query as Record<string, unknown>);
    return reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', attachment(x.filename)).send(x.stream);
  });
};
