// HTTP for inboxes: list, unread counts, mark read, live stream (SSE).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';

export const notificationRoutes = (_db: Db): FastifyPluginAsyncTypebox => async () => {};
