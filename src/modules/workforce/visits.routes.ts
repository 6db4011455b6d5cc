// HTTP for visits (走访) and the phone page.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, Id, IdParams, Obj, Paging } from '../../shared/schema.ts';
import { addFinding, findingToCase } from './visits.findings.ts';
import { getVisit, listVisits, workforceMe } from './visits.read.ts';
import { checkIn, checkOut, setVisitPeople } from './visits.service.ts';
import type { VisitPurpose } from './workforce.model.ts';

const tags = ['workforce'];
const Text = (max: number) => Type.String({ maxLength: max });
const Coord = Type.Number();
const ToCase = Obj({
  categoryId: Type.Optional(Id),
  title: Type.Optional(Text(1000)),
  urgency: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('urgent')])),
});

export const visitsRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/workforce/me', { schema: { tags, summary: '我的网格力量档案、岗位与当前走访 My worker record, positions and open visit', response: anyOk } }, async (req) =>
    workforceMe(db, req.ctx),
  );

  app.post(
    '/workforce/visits/check-in',
    {
      schema: {
        tags,
        summary: '走访签到（越界标记） Check in to a visit (flagged outside the boundary)',
        body: Obj({ regionId: Id, lng: Type.Optional(Coord), lat: Type.Optional(Coord), purpose: Type.Optional(Text(16)), teamId: Type.Optional(Id) }),
        response: anyOk,
      },
    },
    async (req, reply) => reply.status(201).send(await checkIn(db, req.ctx, { ...req.body, purpose: req.body.purpose as VisitPurpose | undefined })),
  );
  app.post(
    '/workforce/visits/:id/check-out',
    { schema: { tags, summary: '走访签退 Check out of a visit', params: IdParams, body: Obj({ lng: Type.Optional(Coord), lat: Type.Optional(Coord), notes: Type.Optional(Text(20_000)) }), response: anyOk } },
    async (req) => checkOut(db, req.ctx, req.params.id, req.body),
  );
  app.put(
    '/workforce/visits/:id/people',
    {
      schema: {
        tags,
        summary: '登记走访的居民和住户 Residents and households seen',
        params: IdParams,
        body: Obj({ residentIds: Type.Array(Id, { maxItems: 1000 }), householdIds: Type.Array(Id, { maxItems: 1000 }) }),
        response: anyOk,
      },
    },
    async (req) => setVisitPeople(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/workforce/visits/:id/findings',
    {
      schema: {
        tags,
        summary: '记录走访发现的问题（可一键转事件） Record a finding, optionally as a case',
        params: IdParams,
        body: Obj({ description: Text(5000), lng: Type.Optional(Coord), lat: Type.Optional(Coord), toCase: Type.Optional(ToCase) }),
        response: anyOk,
      },
    },
    async (req, reply) => reply.status(201).send(await addFinding(db, req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/workforce/visits/:id/findings/:findingId/case',
    { schema: { tags, summary: '问题转为事件 Turn a finding into a case', params: Obj({ id: Id, findingId: Id }), body: ToCase, response: anyOk } },
    async (req, reply) => reply.status(201).send(await findingToCase(db, req.ctx, req.params.id, req.params.findingId, req.body)),
  );

  app.get(
    '/workforce/visits',
    {
      schema: {
        tags,
        summary: '走访记录 Visits',
        querystring: Obj({
          regionId: Type.Optional(Id),
          workerId: Type.Optional(Id),
          from: Type.Optional(Text(10)),
          to: Type.Optional(Text(10)),
          outside: Type.Optional(Type.Boolean()),
          ...Paging,
        }),
        response: anyOk,
      },
    },
    async (req) => listVisits(db, req.ctx, req.query),
  );
  app.get('/workforce/visits/:id', { schema: { tags, summary: '走访详情（走访对象、发现问题） A visit with people and findings', params: IdParams, response: anyOk } }, async (req) =>
    getVisit(db, req.ctx, req.params.id),
  );
};
