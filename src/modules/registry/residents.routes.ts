// HTTP for the registry's residents, households, care groups.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';

export const residentRoutes = (_db: Db): FastifyPluginAsyncTypebox => async () => {};
