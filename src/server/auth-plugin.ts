// Authentication for every /api route: a session cookie (web) or a Bearer API token (machines).
// Routes marked `config: { public: true }` skip it. The resolved RequestContext hangs on the request.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import type { Db } from '../db/engine.ts';
import { actorOf, authenticate, mustChange } from '../modules/accounts/index.ts';
import type { RequestContext } from '../shared/context.ts';
import { AppError, pickLang } from '../shared/errors.ts';

export const SESSION_COOKIE = 'wangge_session';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyContextConfig {
    public?: boolean;
    /** Reachable while the user still has to change the initial password. */
    allowPasswordChange?: boolean;
  }
}

export function baseContext(req: FastifyRequest): Omit<RequestContext, 'actor'> {
  return { requestId: String(req.id), clientIp: req.ip ?? null, lang: pickLang(req.headers['accept-language']) };
}

export function installAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('preHandler', async (req) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const config = req.routeOptions.config ?? {};
    // Unknown routes answer 404 whoever asks: there is nothing behind them to protect.
    if (config.public || req.is404) return;
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    const cookie = req.cookies?.[SESSION_COOKIE];
    const user = bearer ? await authenticate(db, 'token', bearer) : cookie ? await authenticate(db, 'session', cookie) : null;
    if (!user) throw new AppError(bearer ? 'AUTH_TOKEN_INVALID' : 'AUTH_REQUIRED');
    if (mustChange(user) && !config.allowPasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    req.ctx = { ...baseContext(req), actor: actorOf(user) };
  });
}
