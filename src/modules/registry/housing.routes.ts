// HTTP for the registry's estates, buildings, units, dwellings, rentals.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';

export const housingRoutes = (_db: Db): FastifyPluginAsyncTypebox => async () => {};
