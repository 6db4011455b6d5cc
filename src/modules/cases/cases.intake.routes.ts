// HTTP for reporting and reading cases (intake, lists, desk queue, detail, photos, export).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';

export const caseIntakeRoutes = (_db: Db): FastifyPluginAsyncTypebox => async () => {};
