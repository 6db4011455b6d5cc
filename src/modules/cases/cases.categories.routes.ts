// HTTP for the case category catalogue.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';

export const caseCategoryRoutes = (_db: Db): FastifyPluginAsyncTypebox => async () => {};
