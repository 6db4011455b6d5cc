// HTTP for workflow steps: POST /cases/:id/actions/:action. The body carries the version the
// caller saw (409 when stale) and whatever the step requires; the answer is the case as it now is.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk } from '../../shared/schema.ts';
import { applyAction } from './cases.actions.ts';
import { ActionBody, ActionParams } from './cases.actions.schema.ts';
import { presentDetail } from './cases.presenter.ts';

const tags = ['cases'];

export const caseActionRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.post(
    '/cases/:id/actions/:action',
    {
      schema: {
        tags,
        summary: '事件流转（立案、派遣、签收、退回、办结、核查、结案、回访、吹哨等） Take a workflow step on a case',
        description: 'Who may take which step from which state is the transition table in cases.workflow.ts (docs/cases-workflow.md).',
        params: ActionParams,
        body: ActionBody,
        response: anyOk,
      },
    },
    async (req) => {
      const row = await applyAction(db, req.ctx, req.params.id, req.params.action, req.body);
      return presentDetail(db, req.ctx, row);
    },
  );
};
