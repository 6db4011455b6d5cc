// HTTP for the case loop: one plugin per area, registered together under /api/v1.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { caseActionRoutes } from './cases.actions.routes.ts';
import { caseCategoryRoutes } from './cases.categories.routes.ts';
import { caseIntakeRoutes } from './cases.intake.routes.ts';
import { caseMeasureRoutes } from './cases.measures.routes.ts';
import { casePublicRoutes } from './cases.public.routes.ts';
import { caseSupervisionRoutes } from './cases.supervision.routes.ts';

export const caseRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  await app.register(caseCategoryRoutes(db));
  await app.register(caseIntakeRoutes(db));
  await app.register(caseActionRoutes(db));
  await app.register(casePublicRoutes(db));
  await app.register(caseSupervisionRoutes(db));
  await app.register(caseMeasureRoutes(db));
};
