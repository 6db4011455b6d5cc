// HTTP for household links (联户): liaison households (党员中心户) and the households they link, the
// building view for assigning them, the coverage report and the households not yet linked.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, Id, IdParams, Obj, Paging } from '../../shared/schema.ts';
import { buildingLinks, coverage, getLiaison, listLiaisons, unlinkedHouseholds } from './links.read.ts';
import { archiveLiaison, createLiaison, replaceLinkedHouseholds, updateLiaison } from './links.service.ts';

const tags = ['party'];
const Version = Type.Integer({ minimum: 1, maximum: 2147483647 });

export const linksRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/party/liaisons',
    {
      schema: {
        tags,
        summary: '党员中心户列表 Liaison households',
        querystring: Obj({ regionId: Type.Optional(Id), leaderMemberId: Type.Optional(Id), includeArchived: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 500 })), offset: Paging.offset }),
        response: anyOk,
      },
    },
    async (req) => listLiaisons(db, req.ctx, req.query),
  );
  app.get('/party/liaisons/:id', { schema: { tags, summary: '党员中心户及其联系户 A liaison household with its linked households', params: IdParams, response: anyOk } }, async (req) =>
    getLiaison(db, req.ctx, req.params.id),
  );
  app.post(
    '/party/liaisons',
    { schema: { tags, summary: '设立党员中心户 Make a household a liaison household', body: Obj({ householdId: Id, memberId: Id, leaderMemberId: Type.Optional(Type.Union([Id, Type.Null()])) }), response: anyOk } },
    async (req, reply) => reply.status(201).send(await createLiaison(db, req.ctx, req.body)),
  );
  app.patch(
    '/party/liaisons/:id',
    { schema: { tags, summary: '更换党小组长 Change the party group leader of a liaison household', params: IdParams, body: Obj({ version: Version, leaderMemberId: Type.Union([Id, Type.Null()]) }), response: anyOk } },
    async (req) => updateLiaison(db, req.ctx, req.params.id, req.body),
  );
  app.post(
    '/party/liaisons/:id/archive',
    { schema: { tags, summary: '撤销党员中心户（解除其全部联户） Archive a liaison household and end its links', params: IdParams, body: Obj({ version: Version }), response: anyOk } },
    async (req) => archiveLiaison(db, req.ctx, req.params.id, req.body.version),
  );
  app.put(
    '/party/liaisons/:id/households',
    {
      schema: {
        tags,
        summary: '设置联系户 Replace the households a liaison household links',
        params: IdParams,
        body: Obj({ householdIds: Type.Array(Id, { maxItems: 500 }), version: Type.Optional(Version) }),
        response: anyOk,
      },
    },
    async (req) => replaceLinkedHouseholds(db, req.ctx, req.params.id, req.body),
  );
  app.get(
    '/party/links/building/:buildingId',
    { schema: { tags, summary: '楼栋联户图 Household links on a building’s floor × unit table', params: Obj({ buildingId: Id }), response: anyOk } },
    async (req) => buildingLinks(db, req.ctx, req.params.buildingId),
  );
  app.get(
    '/party/links/coverage',
    { schema: { tags, summary: '联户覆盖情况 Household link coverage and out-of-range links', querystring: Obj({ regionId: Type.Optional(Id) }), response: anyOk } },
    async (req) => coverage(db, req.ctx, req.query.regionId),
  );
  app.get(
    '/party/links/unlinked',
    { schema: { tags, summary: '未联系的户 Households not yet linked', querystring: Obj({ regionId: Type.Optional(Id), buildingId: Type.Optional(Id), ...Paging }), response: anyOk } },
    async (req) => unlinkedHouseholds(db, req.ctx, req.query),
  );
};
