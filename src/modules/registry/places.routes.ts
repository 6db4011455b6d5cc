// HTTP for the registry's places, organizations, assets.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';

export const placeRoutes = (_db: Db): FastifyPluginAsyncTypebox => async () => {};
