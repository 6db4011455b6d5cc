// HTTP for party organizations (党组织) and their officers; registers the member and rules routes
// too (members.routes.ts, rules.routes.ts), so this one plugin carries the whole area.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, IdParams } from '../../shared/schema.ts';
import { memberRoutes } from './members.routes.ts';
import { setOfficers } from './orgs.officers.ts';
import { OfficersBody, OrgBody, OrgListQuery, OrgPatch, VersionBody } from './orgs.schema.ts';
import { archivePartyOrg, createPartyOrg, getPartyOrg, listPartyOrgs, updatePartyOrg } from './orgs.service.ts';
import { rulesRoutes } from './rules.routes.ts';

const tags = ['party'];

export const orgsRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/party/orgs', { schema: { tags, summary: '党组织列表（平铺，客户端建树） List party organizations (flat; the client builds the tree)', querystring: OrgListQuery, response: anyOk } }, async (req) =>
    listPartyOrgs(db, req.ctx, req.query),
  );
  app.get('/party/orgs/:id', { schema: { tags, summary: '党组织详情（班子、下级、预警） A party organization with officers, children and warnings', params: IdParams, response: anyOk } }, async (req) =>
    getPartyOrg(db, req.ctx, req.params.id),
  );
  app.post('/party/orgs', { schema: { tags, summary: '新建党组织 Create a party organization', body: OrgBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await createPartyOrg(db, req.ctx, req.body)),
  );
  app.patch('/party/orgs/:id', { schema: { tags, summary: '修改党组织 Update a party organization', params: IdParams, body: OrgPatch, response: anyOk } }, async (req) =>
    updatePartyOrg(db, req.ctx, req.params.id, req.body),
  );
  app.post('/party/orgs/:id/archive', { schema: { tags, summary: '撤销党组织 Archive a party organization', params: IdParams, body: VersionBody, response: anyOk } }, async (req) =>
    archivePartyOrg(db, req.ctx, req.params.id, req.body.version),
  );
  app.put('/party/orgs/:id/officers', { schema: { tags, summary: '设置班子成员（书记、副书记、委员） Set the officers', params: IdParams, body: OfficersBody, response: anyOk } }, async (req) =>
    setOfficers(db, req.ctx, req.params.id, req.body.officers),
  );
  await app.register(memberRoutes(db));
  await app.register(rulesRoutes(db));
};
