// HTTP for the grid workforce (网格力量), one plugin per area.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { reviewsRoutes } from './reviews.routes.ts';
import { rulesRoutes } from './rules.routes.ts';
import { visitsRoutes } from './visits.routes.ts';
import { workersRoutes } from './workers.routes.ts';

export const workforceRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  await app.register(workersRoutes(db));
  await app.register(visitsRoutes(db));
  await app.register(rulesRoutes(db));
  await app.register(reviewsRoutes(db));
};
