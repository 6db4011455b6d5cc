// HTTP for residents without an account: report, follow by code and mobile, give feedback.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';

export const casePublicRoutes = (_db: Db): FastifyPluginAsyncTypebox => async () => {};
