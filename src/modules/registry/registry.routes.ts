// HTTP for the registry: one plugin per area, registered together under /api/v1.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { housingRoutes } from './housing.routes.ts';
import { importRoutes } from './import/import.routes.ts';
import { placeRoutes } from './places.routes.ts';
import { residentRoutes } from './residents.routes.ts';

export const registryRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  await app.register(residentRoutes(db));
  await app.register(housingRoutes(db));
  await app.register(placeRoutes(db));
  await app.register(importRoutes(db));
};
