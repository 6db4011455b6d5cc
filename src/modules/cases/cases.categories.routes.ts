// HTTP for the case category catalogue.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, IdParams } from '../../shared/schema.ts';
import { categoryTree, createCategory, updateCategory } from './cases.categories.ts';
import { CategoryCreateBody, CategoryListQuery, CategoryPatchBody } from './cases.intake.schema.ts';

const tags = ['cases'];

export const caseCategoryRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get('/case-categories', { schema: { tags, summary: '事件分类树（?all=1 含已停用） Case category tree', querystring: CategoryListQuery, response: anyOk } }, async (req) =>
    categoryTree(db, req.ctx, { all: req.query.all === '1' || req.query.all === 'true' }),
  );
  app.post('/case-categories', { schema: { tags, summary: '新增事件分类 Create a case category', body: CategoryCreateBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await createCategory(db, req.ctx, req.body)),
  );
  app.patch('/case-categories/:id', { schema: { tags, summary: '修改或停用事件分类 Update or archive a case category', params: IdParams, body: CategoryPatchBody, response: anyOk } }, async (req) =>
    updateCategory(db, req.ctx, req.params.id, req.body),
  );
};
