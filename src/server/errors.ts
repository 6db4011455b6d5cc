// One error shape for every failure: {code, message, details?}. Validation, size limits and
// unknown routes map to catalogue codes; anything unexpected becomes INTERNAL_ERROR without a stack.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CATALOGUE, type ErrorCode } from '../i18n/errors.ts';
import { AppError, pickLang, renderMessage } from '../shared/errors.ts';

function send(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, params: Record<string, unknown>, details?: unknown) {
  const lang = pickLang(req.headers['accept-language']);
  const body: Record<string, unknown> = { code, message: renderMessage(code, params, lang) };
  if (details !== undefined) body.details = details;
  return reply.status(ERROR_CATALOGUE[code].status).send(body);
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

// PostgreSQL data exceptions caused by a value the client sent (an integer beyond int4, a date
// PostgreSQL cannot store, a NUL in text). Schemas should refuse these first; this is the safety
// net, so a missed bound is a 400, not a 500. Drizzle wraps the driver's error in `cause`.
const DB_INPUT_ERRORS: Record<string, string> = {
  '22001': 'value too long',
  '22003': 'number out of range',
  '22007': 'invalid date or time',
  '22008': 'date or time out of range',
  '22021': 'invalid character',
  '22P02': 'invalid value',
  '22P05': 'invalid character',
};

function dbInputError(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 3; e = e.cause as typeof e, i++) {
    if (typeof e.code === 'string' && DB_INPUT_ERRORS[e.code]) return DB_INPUT_ERRORS[e.code];
  }
  return undefined;
}

/**
 * Errors Fastify raises before routing (an undecodable URL, a path parameter over the router's
 * length limit) skip the error handler and would answer in Fastify's own shape, echoing the URL:
 * passed to Fastify as `frameworkErrors` so they too answer with a catalogue code.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err.code === 'FST_ERR_BAD_URL') return send(req, reply, 'VALIDATION_FAILED', { detail: 'malformed URL' });
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return send(req, reply, 'VALIDATION_FAILED', { detail: 'path parameter too long' });
  req.log.error({ err }, 'framework error');
  return send(req, reply, 'INTERNAL_ERROR', { requestId: req.id });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) return send(req, reply, err.code, err.params, err.details);
    // Geometry failures (clipping on degenerate shapes, a line that divides nothing) are input problems.
    if ((err as Error).name === 'GeometryError') {
      const ge = err as Error & { code: string };
      return send(req, reply, 'GEOMETRY_INVALID', { reason: ge.code });
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const first = fe.validation[0];
      const where = `${fe.validationContext ?? 'body'}${first?.instancePath ?? ''}`;
      const detail = first?.keyword === 'additionalProperties' ? `${where}: unknown field ${(first.params as { additionalProperty?: string }).additionalProperty}` : `${where} ${first?.message ?? ''}`;
      return send(req, reply, 'VALIDATION_FAILED', { detail }, fe.validation.slice(0, 10).map((v) => ({ path: v.instancePath, keyword: v.keyword, message: v.message })));
    }
    const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
    if (mapped) return send(req, reply, mapped, { detail: 'body' });
    // JSON syntax errors surface as SyntaxError with status 400.
    if (fe.statusCode === 400) return send(req, reply, 'VALIDATION_FAILED', { detail: 'malformed request' });
    if (fe.statusCode === 413) return send(req, reply, 'BODY_TOO_LARGE', {});
    if (fe.statusCode === 415) return send(req, reply, 'UNSUPPORTED_MEDIA_TYPE', {});
    const dbDetail = dbInputError(err);
    if (dbDetail) {
      req.log.warn({ err }, 'database refused a client value');
      return send(req, reply, 'VALIDATION_FAILED', { detail: dbDetail });
    }
    req.log.error({ err }, 'unhandled error');
    return send(req, reply, 'INTERNAL_ERROR', { requestId: req.id });
  });
  app.setNotFoundHandler((req, reply) => send(req, reply, 'ROUTE_NOT_FOUND', {}));
}
