// HTTP for the party rules (settings key party.rules) and the warnings they raise.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk } from '../../shared/schema.ts';
import { RulesBody, WarningsQuery } from './orgs.schema.ts';
import { getPartyRules, listWarnings, putPartyRules } from './rules.service.ts';

const tags = ['party'];

export const rulesRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/party/warnings', { schema: { tags, summary: '党建规则预警（含数字） Party rules warnings, with the numbers', querystring: WarningsQuery, response: anyOk } }, async (req) =>
    listWarnings(db, req.ctx, req.query),
  );
  app.get('/party/rules', { schema: { tags, summary: '党建规则参数 The party rules', response: anyOk } }, async () => getPartyRules(db));
  app.put('/party/rules', { schema: { tags, summary: '修改党建规则参数（全系统） Set the party rules (whole system)', body: RulesBody, response: anyOk } }, async (req) => putPartyRules(db, req.ctx, req.body));
};
