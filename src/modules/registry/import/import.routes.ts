// HTTP for the registry's templates, imports, exports.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../../db/engine.ts';

export const importRoutes = (_db: Db): FastifyPluginAsyncTypebox => async () => {};
