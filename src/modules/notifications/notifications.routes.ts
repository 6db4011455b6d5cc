// HTTP for inboxes: list, unread counts, mark read, live stream (SSE). Every route acts on the
// caller's own inbox; the stream is authenticated like any route (session cookie or token) by
// the app's auth hook before the handler takes over the raw response.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/engine.ts';
import { authenticate } from '../accounts/index.ts';
import { SESSION_COOKIE } from '../../server/auth-plugin.ts';
import { AppError } from '../../shared/errors.ts';
import { errors, IdParams } from '../../shared/schema.ts';
import { closeInboxStreams, HEARTBEAT_MS, SseStream, stopInboxBus } from './notifications.bus.ts';
import { InboxPageBody, InboxQuery, ReadAllBody, ReadAllResultBody, ReadResultBody } from './notifications.schema.ts';
import { listInbox, markAllRead, markRead, openInboxStream } from './notifications.service.ts';

const tags = ['inbox'];

/** The credential the request was authenticated with, to check again while a stream stays open. */
function credentialOf(req: FastifyRequest): { kind: 'session' | 'token'; secret: string } | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return { kind: 'token', secret: header.slice(7).trim() };
  const cookie = req.cookies?.[SESSION_COOKIE];
  return cookie ? { kind: 'session', secret: cookie } : null;
}

function heartbeatMs(): number {
  // Tests shorten it; production keeps 25 s (below the usual 30–60 s proxy idle timeouts).
  const v = Number(process.env.WANGGE_SSE_HEARTBEAT_MS);
  return Number.isFinite(v) && v >= 50 ? v : HEARTBEAT_MS;
}

export const notificationRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  // Open streams would keep the HTTP server from closing: end them first, then stop listening.
  app.addHook('preClose', async () => {
    closeInboxStreams(db);
  });
  app.addHook('onClose', async () => stopInboxBus(db));

  app.get(
    '/inbox',
    { schema: { tags, summary: '我的消息 My inbox (newest first) with unread count', querystring: InboxQuery, response: { 200: InboxPageBody, ...errors } } },
    async (req) => listInbox(db, req.ctx, req.query),
  );

  app.post(
    '/inbox/:id/read',
    { schema: { tags, summary: '标记已读 Mark one item read', params: IdParams, response: { 200: ReadResultBody, ...errors } } },
    async (req) => markRead(db, req.ctx, req.params.id),
  );

  app.post(
    '/inbox/read-all',
    {
      schema: { tags, summary: '全部已读 Mark every item read (up to an id); the body is optional', body: ReadAllBody, response: { 200: ReadAllResultBody, ...errors } },
      // A bare POST (no body) means "everything": validated as an empty object.
      preValidation: async (req) => {
        if (req.body === undefined || req.body === null) req.body = {};
      },
    },
    async (req) => markAllRead(db, req.ctx, req.body?.upToId ?? null),
  );

  app.get(
    '/inbox/stream',
    {
      schema: {
        tags,
        summary: '消息推送（SSE） Live inbox: `event: unread` {unread} on connect and on every change, `event: notification` with the item; a comment line every 25 s',
        produces: ['text/event-stream'],
        response: errors,
      },
    },
    async (req, reply) => {
      const userId = req.ctx.actor.userId;
      if (userId === null) throw new AppError('AUTH_REQUIRED');
      const credential = credentialOf(req);
      // From here on the handler owns the socket; Fastify neither serializes nor ends it.
      reply.hijack();
      const stream = new SseStream(userId, reply.raw, {
        heartbeatMs: heartbeatMs(),
        stillValid: async () => {
          if (!credential) return false;
          const user = await authenticate(db, credential.kind, credential.secret);
          return user?.id === userId;
        },
      });
      try {
        const detach = await openInboxStream(db, req.ctx, stream, app.log);
        stream.onClose(detach);
      } catch (e) {
        req.log.error({ err: e }, 'inbox stream failed to open');
        stream.close();
      }
    },
  );
};
