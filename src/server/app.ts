// App assembly: Fastify with TypeBox validation, error mapping, authentication, OpenAPI at
// /api/docs, the API under /api/v1 and the built web app at /.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Db } from '../db/engine.ts';
import { accountRoutes } from '../modules/accounts/accounts.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { regionRoutes } from '../modules/regions/regions.routes.ts';
import { zoneRoutes } from '../modules/zones/index.ts';
import { registryRoutes } from '../modules/registry/index.ts';
import { caseRoutes } from '../modules/cases/index.ts';
import { calendarRoutes } from '../modules/calendar/index.ts';
import { notificationRoutes } from '../modules/notifications/index.ts';
import { partyRoutes } from '../modules/party/index.ts';
import { workforceRoutes } from '../modules/workforce/index.ts';
import { installAuth } from './auth-plugin.ts';
import { frameworkErrors, installErrorHandling } from './errors.ts';
import { installInputGuard } from './input-guard.ts';

export interface AppOptions {
  db: Db;
  logger?: boolean | object;
  /** Folder of the built web app; omitted in API tests. */
  webDist?: string | null;
}

export const API_PREFIX = '/api/v1';
const JSON_LIMIT = 2 * 1024 * 1024;

export const defaultWebDist = () => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: JSON_LIMIT,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors,
    // Unknown fields are refused, not silently stripped; query strings are coerced to their types.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandling(app);
  installInputGuard(app);
  await app.register(cookie);
  // File uploads (region import) arrive as raw bytes.
  app.addContentTypeParser(
    ['application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/geo+json'],
    { parseAs: 'buffer', bodyLimit: 100 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
  await app.register(swagger, {
    openapi: {
      info: { title: 'wangge 网格 API', version: '1', description: '基层网格治理平台 API / grassroots grid-governance API' },
      components: { securitySchemes: { cookie: { type: 'apiKey', in: 'cookie', name: 'wangge_session' }, bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ cookie: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installAuth(app, opts.db);

  app.get('/api/v1/health', { config: { public: true }, schema: { tags: ['system'], summary: '健康检查 Health' } }, async () => ({ ok: true }));
  await app.register(accountRoutes(opts.db), { prefix: API_PREFIX });
  await app.register(regionRoutes(opts.db), { prefix: API_PREFIX });
  await app.register(auditRoutes(opts.db), { prefix: API_PREFIX });
  await app.register(zoneRoutes(opts.db), { prefix: API_PREFIX });
  await app.register(registryRoutes(opts.db), { prefix: API_PREFIX });
  await app.register(caseRoutes(opts.db), { prefix: API_PREFIX });
  await app.register(calendarRoutes(opts.db), { prefix: API_PREFIX });
  await app.register(notificationRoutes(opts.db), { prefix: API_PREFIX });
  await app.register(partyRoutes(opts.db), { prefix: API_PREFIX });
  await app.register(workforceRoutes(opts.db), { prefix: API_PREFIX });

  const web = opts.webDist === undefined ? defaultWebDist() : opts.webDist;
  if (web && fs.existsSync(path.join(web, 'index.html'))) {
    await app.register(fastifyStatic, { root: web, wildcard: false });
    // Client-side routes fall back to the app shell; unknown /api paths stay JSON 404s.
    app.get('/*', { config: { public: true }, schema: { hide: true } }, (req, reply) => {
      // Missing assets must stay 404s: answering a stale chunk URL with the HTML shell makes the
      // browser fail with a confusing module error instead of a plain missing file.
      const pathname = req.url.split('?')[0];
      if (pathname.startsWith('/api/') || pathname.startsWith('/assets/') || /\.[a-z0-9]{1,8}$/i.test(pathname)) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  }
  return app;
}
