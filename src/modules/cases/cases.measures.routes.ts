// HTTP for case measures per region, department and person.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';

export const caseMeasureRoutes = (_db: Db): FastifyPluginAsyncTypebox => async () => {};
