// HTTP for workflow steps: POST /cases/:id/actions/:action.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';

export const caseActionRoutes = (_db: Db): FastifyPluginAsyncTypebox => async () => {};
