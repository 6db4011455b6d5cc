// HTTP for the registry's estates, buildings, units, dwellings, rentals and the public posting.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { buildingRoutes } from './buildings.routes.ts';
import { dwellingRoutes } from './dwellings.routes.ts';
import { estateRoutes } from './estates.routes.ts';
import { rentalRoutes } from './rentals.routes.ts';

export const housingRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  await app.register(estateRoutes(db));
  await app.register(buildingRoutes(db));
  await app.register(dwellingRoutes(db));
  await app.register(rentalRoutes(db));
};
