// HTTP for rentals (出租屋) and the public posting (挂牌公开), which needs no login.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, IdParams } from '../../shared/schema.ts';
import { PostingParams, RentalCreate, RentalEnd, RentalPatch, RentalQuery } from './housing.schema.ts';
import { createRental, endRental, getRental, listRentals, publicPosting, revealRentalPii, updateRental } from './rentals.service.ts';

const tags = ['registry'];

export const rentalRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/rentals', { schema: { tags, summary: '出租屋列表 Rentals', querystring: RentalQuery, response: anyOk } }, async (req) => listRentals(db, req.ctx, req.query));
  app.get('/rentals/:id', { schema: { tags, summary: '出租屋详情 Rental', params: IdParams, response: anyOk } }, async (req) => getRental(db, req.ctx, req.params.id));
  app.get('/rentals/:id/pii', { schema: { tags, summary: '查看房东完整手机号 Reveal the landlord mobile', params: IdParams, response: anyOk } }, async (req) => revealRentalPii(db, req.ctx, req.params.id));
  app.post('/rentals', { schema: { tags, summary: '登记出租屋 Register a rental', body: RentalCreate, response: anyOk } }, async (req, reply) => reply.status(201).send(await createRental(db, req.ctx, req.body)));
  app.patch('/rentals/:id', { schema: { tags, summary: '修改租约 Update a rental', params: IdParams, body: RentalPatch, response: anyOk } }, async (req) => updateRental(db, req.ctx, req.params.id, req.body));
  app.post('/rentals/:id/end', { schema: { tags, summary: '结束租约 End a lease', params: IdParams, body: RentalEnd, response: anyOk } }, async (req) => endRental(db, req.ctx, req.params.id, req.body));
  // The door sign's page: anyone holding the code may read it; it carries no names or full numbers.
  app.get('/public/rentals/:postingCode', { config: { public: true }, schema: { tags, summary: '出租屋挂牌公开 Public rental posting', params: PostingParams, response: anyOk } }, async (req) =>
    publicPosting(db, req.params.postingCode),
  );
};
