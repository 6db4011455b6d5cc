// HTTP for the supervision board (yellow and red cases by unit).
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, Id, Obj } from '../../shared/schema.ts';
import { loadCalendar } from '../calendar/index.ts';
import { supervisionBoard } from './cases.supervision.ts';

const tags = ['cases'];
const BoardQuery = Obj({ regionId: Type.Optional(Id) });

export const caseSupervisionRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/cases/supervision', { schema: { tags, summary: '督办看板：按单位列出黄牌、红牌事件 Supervision board: yellow and red cases by unit', querystring: BoardQuery, response: anyOk } }, async (req) =>
    supervisionBoard(db, req.ctx, req.query, await loadCalendar(db)),
  );
};
