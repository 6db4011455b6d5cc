// HTTP for the working calendar (holidays and adjusted working days).
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, errors } from '../../shared/schema.ts';
import { CalendarQuery, DayBody, DayParams } from './calendar.schema.ts';
import { deleteCalendarDay, getCalendarYear, putCalendarDay } from './calendar.service.ts';

const tags = ['calendar'];

export const calendarRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/calendar', { schema: { tags, summary: '节假日与调休安排 Holidays and adjusted working days of a year', querystring: CalendarQuery, response: anyOk } }, async (req) =>
    getCalendarYear(db, req.ctx, req.query.year),
  );
  app.put('/calendar/days/:day', { schema: { tags, summary: '设置放假或调休上班日 Set a holiday or an adjusted working day', params: DayParams, body: DayBody, response: anyOk } }, async (req) =>
    putCalendarDay(db, req.ctx, req.params.day, req.body),
  );
  app.delete('/calendar/days/:day', { schema: { tags, summary: '删除特殊日期（恢复按周一至周五） Remove a special day', params: DayParams, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    await deleteCalendarDay(db, req.ctx, req.params.day);
    return reply.status(204).send(null);
  });
};
