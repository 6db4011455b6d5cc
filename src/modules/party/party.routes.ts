// HTTP for party building (党建), one plugin per area.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { jointRoutes } from './joint.routes.ts';
import { linksRoutes } from './links.routes.ts';
import { orgsRoutes } from './orgs.routes.ts';
import { registrationsRoutes } from './registrations.routes.ts';

export const partyRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  await app.register(orgsRoutes(db));
  await app.register(linksRoutes(db));
  await app.register(jointRoutes(db));
  await app.register(registrationsRoutes(db));
};
