// HTTP for the workforce's weekly rules: the thresholds, the 5-3-10 board (and its Excel export),
// stationed teams' visit days, and paired deputies' accountability for public reports.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, Id, Obj } from '../../shared/schema.ts';
import { pairedDeputyAccountability } from './rules.deputies.ts';
import { setWorkforceRules, workforceRules, WorkforceRulesBody } from './rules.settings.ts';
import { stationedCompliance } from './rules.stationed.ts';
import { rule5310Workbook, XLSX_TYPE } from './rules5310.export.ts';
import { compute5310 } from './rules5310.service.ts';
import { weekOf } from './week.ts';

const tags = ['workforce'];
const Week = Type.String({ pattern: '^\\d{4}-W\\d{2}$', description: "ISO week, e.g. '2026-W47' (Shanghai time); default this week" });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const WeekQuery = Obj({ regionId: Type.Optional(Id), week: Type.Optional(Week) });
const BoardQuery = Obj({
  regionId: Type.Optional(Id),
  week: Type.Optional(Week),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
});
const attachment = (name: string) => `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const rulesRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/workforce/rules', { schema: { tags, summary: '网格力量考核规则 Workforce rule thresholds', response: anyOk } }, async () => workforceRules(db));
  app.put('/workforce/rules', { schema: { tags, summary: '设置网格力量考核规则（全系统） Set the workforce rule thresholds (whole system)', body: WorkforceRulesBody, response: anyOk } }, async (req) =>
    setWorkforceRules(db, req.ctx, req.body),
  );
  app.get('/workforce/rules/5310', { schema: { tags, summary: '“5-3-10”周考核排行 Weekly 5-3-10 board, ranked', querystring: BoardQuery, response: anyOk } }, async (req) =>
    compute5310(db, req.ctx, { ...req.query, week: req.query.week ?? weekOf(new Date()) }),
  );
  app.get('/workforce/rules/5310/export', { schema: { tags, summary: '导出“5-3-10”周考核到 Excel Export the weekly 5-3-10 board to Excel', querystring: WeekQuery, response: anyOk } }, async (req, reply) => {
    const wb = await rule5310Workbook(await compute5310(db, req.ctx, { regionId: req.query.regionId, week: req.query.week ?? weekOf(new Date()) }));
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(wb.filename)).send(wb.body);
  });
  app.get('/workforce/rules/stationed', { schema: { tags, summary: '驻村(社区)团队周走访考核 Stationed teams’ weekly visits', querystring: WeekQuery, response: anyOk } }, async (req) =>
    stationedCompliance(db, req.ctx, { regionId: req.query.regionId, week: req.query.week ?? weekOf(new Date()) }),
  );
  app.get(
    '/workforce/rules/paired-deputies',
    { schema: { tags, summary: '双副组长问责：群众首报而未走访 Paired deputies: public reports with no recent visit', querystring: Obj({ regionId: Type.Optional(Id), from: Type.Optional(Day), to: Type.Optional(Day) }), response: anyOk } },
    async (req) => pairedDeputyAccountability(db, req.ctx, req.query),
  );
};
