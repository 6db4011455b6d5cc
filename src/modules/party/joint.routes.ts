// HTTP for joint committees (大工委/大党委): part-time members and joint meetings (联席会议); also
// registers partnerships (结对共建) and leader contacts (三联系), which live in their own files.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, Id, IdParams, Obj, Paging } from '../../shared/schema.ts';
import { contactsRoutes } from './contacts.routes.ts';
import { DateStr, Text, Version } from './joint.schema.ts';
import { createMeeting, getMeeting, listJointMembers, listMeetings, replaceJointMembers, updateMeeting } from './joint.service.ts';
import { partnershipsRoutes } from './partnerships.routes.ts';

const tags = ['party'];

const JointMember = Obj({
  id: Type.Optional(Id),
  name: Type.String({ minLength: 1, maxLength: 50 }),
  institutionId: Type.Optional(Type.Union([Id, Type.Null()])),
  post: Text(100),
  fromOn: Type.Optional(Type.Union([DateStr, Type.Null()])),
  toOn: Type.Optional(Type.Union([DateStr, Type.Null()])),
});
const Attendee = Obj({ name: Type.String({ minLength: 1, maxLength: 50 }), jointMemberId: Type.Optional(Type.Union([Id, Type.Null()])), present: Type.Boolean(), note: Type.Optional(Text(200)) });
const Decision = Obj({ item: Type.String({ minLength: 1, maxLength: 500 }), owner: Text(100), dueOn: Type.Optional(Type.Union([DateStr, Type.Null()])), done: Type.Boolean() });
const MeetingFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  heldAt: Type.String({ format: 'date-time', maxLength: 40 }),
  place: Type.Optional(Text(200)),
  attendance: Type.Array(Attendee, { maxItems: 200 }),
  minutes: Type.Optional(Text(20000)),
  decisions: Type.Optional(Type.Array(Decision, { maxItems: 100 })),
};

export const jointRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/party/orgs/:id/joint-members', { schema: { tags, summary: '大工委/大党委兼职委员 Part-time members of a joint committee', params: IdParams, response: anyOk } }, async (req) =>
    listJointMembers(db, req.ctx, req.params.id),
  );
  app.put(
    '/party/orgs/:id/joint-members',
    { schema: { tags, summary: '设置兼职委员 Replace the part-time members of a joint committee', params: IdParams, body: Obj({ members: Type.Array(JointMember, { maxItems: 100 }) }), response: anyOk } },
    async (req) => replaceJointMembers(db, req.ctx, req.params.id, req.body.members),
  );
  app.get(
    '/party/meetings',
    {
      schema: {
        tags,
        summary: '联席会议列表 Joint meetings',
        querystring: Obj({ orgId: Type.Optional(Id), regionId: Type.Optional(Id), from: Type.Optional(DateStr), to: Type.Optional(DateStr), ...Paging }),
        response: anyOk,
      },
    },
    async (req) => listMeetings(db, req.ctx, req.query),
  );
  app.post('/party/meetings', { schema: { tags, summary: '记录联席会议 Record a joint meeting', body: Obj({ orgId: Id, ...MeetingFields }), response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await createMeeting(db, req.ctx, req.body)),
  );
  app.get('/party/meetings/:id', { schema: { tags, summary: '联席会议详情 A joint meeting with minutes', params: IdParams, response: anyOk } }, async (req) => getMeeting(db, req.ctx, req.params.id));
  app.patch(
    '/party/meetings/:id',
    {
      schema: {
        tags,
        summary: '修改联席会议记录 Update a joint meeting',
        params: IdParams,
        body: Obj({ version: Version, ...Type.Partial(Obj(MeetingFields)).properties }),
        response: anyOk,
      },
    },
    async (req) => updateMeeting(db, req.ctx, req.params.id, req.body),
  );
  await app.register(partnershipsRoutes(db));
  await app.register(contactsRoutes(db));
};
