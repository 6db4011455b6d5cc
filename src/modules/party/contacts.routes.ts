// HTTP for leader contacts (三联系) and their contact visits.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, Id, IdParams, Obj, Paging } from '../../shared/schema.ts';
import { addVisit, createContact, endContact, getContact, listContacts } from './contacts.service.ts';
import { DateStr, Text, Version } from './joint.schema.ts';

const tags = ['party'];
const TargetKind = Type.Union([Type.Literal('region'), Type.Literal('organization')]);

export const contactsRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/party/contacts',
    {
      schema: {
        tags,
        summary: '领导干部三联系 Leader contacts',
        querystring: Obj({ regionId: Type.Optional(Id), targetKind: Type.Optional(TargetKind), leaderUserId: Type.Optional(Id), current: Type.Optional(Type.Boolean()), ...Paging }),
        response: anyOk,
      },
    },
    async (req) => listContacts(db, req.ctx, req.query),
  );
  app.post(
    '/party/contacts',
    {
      schema: {
        tags,
        summary: '建立联系 Link a leader to a street, community or enterprise',
        body: Obj({
          leaderUserId: Type.Optional(Type.Union([Id, Type.Null()])),
          leaderName: Type.String({ minLength: 1, maxLength: 50 }),
          leaderPost: Type.Optional(Text(100)),
          targetKind: TargetKind,
          regionId: Type.Optional(Id),
          organizationId: Type.Optional(Type.Union([Id, Type.Null()])),
          fromOn: DateStr,
        }),
        response: anyOk,
      },
    },
    async (req, reply) => reply.status(201).send(await createContact(db, req.ctx, req.body)),
  );
  app.get('/party/contacts/:id', { schema: { tags, summary: '联系详情及走访记录 A leader contact with its visits', params: IdParams, response: anyOk } }, async (req) => getContact(db, req.ctx, req.params.id));
  app.post(
    '/party/contacts/:id/visits',
    {
      schema: {
        tags,
        summary: '记录联系走访 Log a contact visit',
        params: IdParams,
        body: Obj({ visitedOn: DateStr, note: Type.Optional(Text(5000)), problems: Type.Optional(Text(5000)) }),
        response: anyOk,
      },
    },
    async (req, reply) => reply.status(201).send(await addVisit(db, req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/party/contacts/:id/end',
    { schema: { tags, summary: '结束联系 End a leader contact', params: IdParams, body: Obj({ version: Version, toOn: DateStr }), response: anyOk } },
    async (req) => endContact(db, req.ctx, req.params.id, req.body),
  );
};
