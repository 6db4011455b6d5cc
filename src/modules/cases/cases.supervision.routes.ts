// HTTP for the supervision board (yellow and red cases by unit).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';

export const caseSupervisionRoutes = (_db: Db): FastifyPluginAsyncTypebox => async () => {};
