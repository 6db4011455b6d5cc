// HTTP for case measures per region, department and person, and their Excel export.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk } from '../../shared/schema.ts';
import { measuresWorkbook, XLSX_TYPE } from './cases.measures.export.ts';
import { MeasuresQuery } from './cases.measures.schema.ts';
import { caseMeasures } from './cases.measures.service.ts';

const tags = ['cases'];
const attachment = (name: string) => `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const caseMeasureRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/cases/measures',
    { schema: { tags, summary: '事件考核指标（按区域、部门、人员，任意期间） Case measures per region, department or person over a period', querystring: MeasuresQuery, response: anyOk } },
    async (req) => caseMeasures(db, req.ctx, req.query),
  );
  app.get(
    '/cases/measures/export',
    { schema: { tags, summary: '导出事件考核指标到 Excel Export case measures to Excel', querystring: MeasuresQuery, response: anyOk } },
    async (req, reply) => {
      const wb = await measuresWorkbook(await caseMeasures(db, req.ctx, req.query));
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(wb.filename)).send(wb.body);
    },
  );
};
