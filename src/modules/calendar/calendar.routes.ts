// HTTP for the working calendar (holidays and adjusted working days).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';

export const calendarRoutes = (_db: Db): FastifyPluginAsyncTypebox => async () => {};
