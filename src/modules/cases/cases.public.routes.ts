// HTTP for residents without an account: report, follow by code and mobile, give feedback.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { baseContext } from '../../server/auth-plugin.ts';
import { AppError } from '../../shared/errors.ts';
import { anyOk } from '../../shared/schema.ts';
import { applyAction } from './cases.actions.ts';
import { categoryTree } from './cases.categories.ts';
import { CodeParams, CodePhotoParams, MobileQuery, PublicCaseBody, PublicFeedbackBody, PublicPhotoQuery } from './cases.intake.schema.ts';
import { idempotencyKeyOf, PHOTO_BODY_LIMIT } from './cases.intake.routes.ts';
import { publicContext, reportCase } from './cases.intake.ts';
import { addPublicPhoto, PHOTO_MIMES, readPublicPhoto } from './cases.photos.ts';
import { presentPublic } from './cases.presenter.ts';
import { loadFollowed } from './cases.read.ts';
import { SATISFACTIONS, type Satisfaction } from './cases.workflow.ts';

const tags = ['cases (public)'];
const open = { public: true };

export const casePublicRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.addContentTypeParser([...PHOTO_MIMES], { parseAs: 'buffer', bodyLimit: PHOTO_BODY_LIMIT }, (_req, body, done) => done(null, body));

  // The resident's report page offers the catalogue: names and codes only, no handling defaults.
  app.get('/public/case-categories', { config: open, schema: { tags, summary: '事件分类（群众上报用） Case categories for residents', response: anyOk } }, async (req) =>
    (await categoryTree(db, publicContext(baseContext(req)))).map((t) => ({
      id: t.id,
      code: t.code,
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      children: (t.children ?? []).map((c) => ({ id: c.id, code: c.code, nameZh: c.nameZh, nameEn: c.nameEn })),
    })),
  );

  app.post('/public/cases', { config: open, schema: { tags, summary: '群众上报（无需登录，须手机号） Report without an account', body: PublicCaseBody, response: anyOk } }, async (req, reply) => {
    const r = await reportCase(db, publicContext(baseContext(req)), { ...req.body, source: 'resident' }, { public: true, idempotencyKey: idempotencyKeyOf(req) });
    return reply.status(r.created ? 201 : 200).send({ code: r.code });
  });

  app.get('/public/cases/:code', { config: open, schema: { tags, summary: '凭编号和手机号查看进度 Follow a case by code and mobile', params: CodeParams, querystring: MobileQuery, response: anyOk } }, async (req) => {
    const f = await loadFollowed(db, req.params.code, req.query.mobile);
    return presentPublic(db, f.row, f.original);
  });

  app.post(
    '/public/cases/:code/photos',
    { config: open, bodyLimit: PHOTO_BODY_LIMIT, schema: { tags, summary: '群众补充现场照片 Add a scene photo', params: CodeParams, querystring: PublicPhotoQuery, response: anyOk } },
    async (req, reply) => {
      const f = await loadFollowed(db, req.params.code, req.query.mobile);
      return reply.status(201).send(await addPublicPhoto(db, publicContext(baseContext(req)), f.row, req.query.kind, req.body, req.headers['content-type']));
    },
  );

  app.get('/public/cases/:code/photos/:photoId', { config: open, schema: { tags, summary: '查看照片 A photo of a followed case', params: CodePhotoParams, querystring: MobileQuery } }, async (req, reply) => {
    const f = await loadFollowed(db, req.params.code, req.query.mobile);
    const p = await readPublicPhoto(db, f.row, f.original, req.params.photoId);
    return reply.header('content-type', p.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(p.content);
  });

  app.post('/public/cases/:code/feedback', { config: open, schema: { tags, summary: '回访评价 Give feedback on a closed case', params: CodeParams, body: PublicFeedbackBody, response: anyOk } }, async (req) => {
    const f = await loadFollowed(db, req.params.code, req.body.mobile);
    const satisfaction = req.body.satisfaction;
    if (!(SATISFACTIONS as readonly string[]).includes(satisfaction)) {
      throw new AppError('CASE_FIELD_INVALID', { field: { zh: '满意度', en: 'satisfaction' }, reason: { zh: `只能是 ${SATISFACTIONS.join('/')}`, en: `one of ${SATISFACTIONS.join('/')}` } });
    }
    // The reporter's mobile is the proof of being the reporter; the case's own version is the one seen.
    const row = await applyAction(db, publicContext(baseContext(req)), f.row.id, 'feedback', { version: f.row.version, satisfaction: satisfaction as Satisfaction, note: req.body.note }, { reporterMobile: f.mobile });
    return presentPublic(db, row, null);
  });
};
