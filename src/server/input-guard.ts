// Input hygiene for every route, before schema validation: refuses what no column can hold and
// what would exhaust a stack further down, so hostile input gets a 400 instead of a 500.
// - NUL characters: PostgreSQL text and jsonb cannot store U+0000 (the query fails).
// - Lone surrogates: not representable in UTF-8; the driver would silently store U+FFFD instead.
// - Nesting deeper than MAX_DEPTH: Drizzle's JSON.stringify of a jsonb value overflows the stack
//   at a few thousand levels (found by test/api/hostile.property.test.ts).
// After validation, one more check: no number may be infinite. JSON cannot carry one, but ajv's
// type coercion turns the strings "Infinity" and "1e999" into ±Infinity, and ajv 8 then lets
// them pass `minimum`/`maximum` (found by test/api/hostile.property.test.ts: size rules were
// saved with a target of -Infinity).
// Raw bodies (Buffers: file uploads) are left to their parsers.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { hasNonFinite, problemIn } from '../shared/input-check.ts';

export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [['body', req.body], ['querystring', req.query], ['params', req.params]] as const) {
      const problem = problemIn(value);
      if (problem) throw new AppError('VALIDATION_FAILED', { detail: `${where}: ${problem}` });
    }
  });
  // preHandler hooks run in registration order: this one before authentication's.
  app.addHook('preHandler', async (req) => {
    for (const [where, value] of [['body', req.body], ['querystring', req.query], ['params', req.params]] as const) {
      if (hasNonFinite(value)) throw new AppError('VALIDATION_FAILED', { detail: `${where}: number out of range` });
    }
  });
}
