// HTTP for party members (党员): list, detail with history, create, edit, transfer, archive,
// reveal the mobile (pii.read, audited) and export to Excel (masked).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, IdParams } from '../../shared/schema.ts';
import { exportPartyMembers, XLSX_TYPE } from './members.export.ts';
import { archivePartyMember, transferPartyMember } from './members.moves.ts';
import { createPartyMember, getPartyMember, listPartyMembers, revealPartyMember, updatePartyMember } from './members.service.ts';
import { MemberArchiveBody, MemberBody, MemberExportQuery, MemberListQuery, MemberPatch, TransferBody } from './orgs.schema.ts';

const tags = ['party'];
const attachment = (name: string) => `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const memberRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/party/members', { schema: { tags, summary: '党员列表 List party members', querystring: MemberListQuery, response: anyOk } }, async (req) => listPartyMembers(db, req.ctx, req.query));
  app.get('/party/members/export', { schema: { tags, summary: '导出党员到 Excel（手机号脱敏） Export members to Excel, masked', querystring: MemberExportQuery, response: anyOk } }, async (req, reply) => {
    const x = await exportPartyMembers(db, req.ctx, req.query);
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(x.filename)).send(x.stream);
  });
  app.get('/party/members/:id', { schema: { tags, summary: '党员详情（含组织关系历史） A member with membership history', params: IdParams, response: anyOk } }, async (req) => getPartyMember(db, req.ctx, req.params.id));
  app.post('/party/members', { schema: { tags, summary: '登记党员 Register a party member', body: MemberBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await createPartyMember(db, req.ctx, req.body)),
  );
  app.patch('/party/members/:id', { schema: { tags, summary: '修改党员信息 Update a party member', params: IdParams, body: MemberPatch, response: anyOk } }, async (req) =>
    updatePartyMember(db, req.ctx, req.params.id, req.body),
  );
  app.post('/party/members/:id/transfer', { schema: { tags, summary: '转接组织关系（保留历史） Transfer to another organization, history kept', params: IdParams, body: TransferBody, response: anyOk } }, async (req) =>
    transferPartyMember(db, req.ctx, req.params.id, req.body),
  );
  app.post('/party/members/:id/archive', { schema: { tags, summary: '党员出册（转出、去世） Archive a member (transferred out, deceased)', params: IdParams, body: MemberArchiveBody, response: anyOk } }, async (req) =>
    archivePartyMember(db, req.ctx, req.params.id, req.body),
  );
  app.post('/party/members/:id/reveal', { schema: { tags, summary: '查看完整手机号（需权限，留痕） Reveal the mobile (pii.read, audited)', params: IdParams, response: anyOk } }, async (req) =>
    revealPartyMember(db, req.ctx, req.params.id),
  );
};
