// HTTP for dual registration (双报到): registrations, their pioneer posts, pledges and service
// records, and the coverage report with its Excel export.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, IdParams } from '../../shared/schema.ts';
import { coverageWorkbook, XLSX_TYPE } from './registrations.export.ts';
import { addPledge, addPost, addService, updatePledge } from './registrations.items.ts';
import { coverageReport } from './registrations.report.ts';
import { CoverageQuery, DeregisterBody, PledgeBody, PledgePatchBody, PostBody, RegistrationBody, RegistrationListQuery, ServiceBody } from './registrations.schema.ts';
import { deregister, getRegistration, listRegistrations, register } from './registrations.service.ts';

const tags = ['party'];
const attachment = (name: string) => `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const registrationsRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/party/registrations', { schema: { tags, summary: '双报到列表 List dual registrations', querystring: RegistrationListQuery, response: anyOk } }, async (req) =>
    listRegistrations(db, req.ctx, req.query),
  );
  app.get(
    '/party/registrations/coverage',
    { schema: { tags, summary: '双报到覆盖情况（按社区或驻区单位） Dual registration coverage per community or institution', querystring: CoverageQuery, response: anyOk } },
    async (req) => coverageReport(db, req.ctx, req.query),
  );
  app.get(
    '/party/registrations/coverage/export',
    { schema: { tags, summary: '导出双报到覆盖情况到 Excel Export dual registration coverage to Excel', querystring: CoverageQuery, response: anyOk } },
    async (req, reply) => {
      const wb = await coverageWorkbook(await coverageReport(db, req.ctx, req.query));
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(wb.filename)).send(wb.body);
    },
  );
  app.get('/party/registrations/:id', { schema: { tags, summary: '双报到详情 A dual registration with posts, pledges and services', params: IdParams, response: anyOk } }, async (req) =>
    getRegistration(db, req.ctx, req.params.id),
  );
  app.post('/party/registrations', { schema: { tags, summary: '到社区报到 Register at a community', body: RegistrationBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await register(db, req.ctx, req.body)),
  );
  app.post('/party/registrations/:id/deregister', { schema: { tags, summary: '注销报到 Deregister', params: IdParams, body: DeregisterBody, response: anyOk } }, async (req) =>
    deregister(db, req.ctx, req.params.id, req.body),
  );
  app.post('/party/registrations/:id/posts', { schema: { tags, summary: '设立党员先锋岗 Add a pioneer post', params: IdParams, body: PostBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await addPost(db, req.ctx, req.params.id, req.body)),
  );
  app.post('/party/registrations/:id/pledges', { schema: { tags, summary: '作出承诺事项 Add a pledge', params: IdParams, body: PledgeBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await addPledge(db, req.ctx, req.params.id, req.body)),
  );
  app.patch('/party/pledges/:id', { schema: { tags, summary: '更新承诺兑现情况 Update a pledge', params: IdParams, body: PledgePatchBody, response: anyOk } }, async (req) =>
    updatePledge(db, req.ctx, req.params.id, req.body),
  );
  app.post('/party/registrations/:id/services', { schema: { tags, summary: '登记服务时长 Record service hours', params: IdParams, body: ServiceBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await addService(db, req.ctx, req.params.id, req.body)),
  );
};
