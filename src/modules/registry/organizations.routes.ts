// HTTP for organizations (组织) and their members.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, errors, IdParams } from '../../shared/schema.ts';
import { setMembers } from './organizations.members.ts';
import { archiveOrganization, createOrganization, getOrganization, listOrganizations, updateOrganization } from './organizations.service.ts';
import { ArchiveQuery, MembersBody, OrgBody, OrgListQuery, OrgPatch } from './places.schema.ts';

const tags = ['organizations'];

export const organizationRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/organizations', { schema: { tags, summary: '组织列表 List organizations', querystring: OrgListQuery, response: anyOk } }, async (req) => listOrganizations(db, req.ctx, req.query));
  app.get('/organizations/:id', { schema: { tags, summary: '组织详情（含成员） An organization with members', params: IdParams, response: anyOk } }, async (req) => getOrganization(db, req.ctx, req.params.id));
  app.post('/organizations', { schema: { tags, summary: '新增组织 Create an organization', body: OrgBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await createOrganization(db, req.ctx, req.body)),
  );
  app.patch('/organizations/:id', { schema: { tags, summary: '修改组织 Update an organization', params: IdParams, body: OrgPatch, response: anyOk } }, async (req) => {
    const { version, ...patch } = req.body;
    return updateOrganization(db, req.ctx, req.params.id, version, patch);
  });
  app.put('/organizations/:id/members', { schema: { tags, summary: '设置成员 Set the members', params: IdParams, body: MembersBody, response: anyOk } }, async (req) =>
    setMembers(db, req.ctx, req.params.id, req.body.members),
  );
  app.post('/organizations/:id/archive', { schema: { tags, summary: '注销组织 Archive an organization', params: IdParams, querystring: ArchiveQuery, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    await archiveOrganization(db, req.ctx, req.params.id, req.query.version);
    return reply.status(204).send(null);
  });
};
