// HTTP for the quarterly two-way reviews (双向评价) of paired deputies and stationed teams.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, Id, Obj } from '../../shared/schema.ts';
import { listReviews, postReview, reviewRanking } from './reviews.service.ts';

const tags = ['workforce'];
const Quarter = Type.String({ pattern: '^\\d{4}Q[1-4]$', description: "e.g. '2026Q3'" });
const SubjectKind = Type.Union([Type.Literal('pairedDeputy'), Type.Literal('stationedTeam')]);
const Direction = Type.Union([Type.Literal('communityRatesSubject'), Type.Literal('subjectRatesCommunity')]);

const ReviewBody = Obj({
  quarter: Quarter,
  subjectKind: SubjectKind,
  subjectId: Id,
  direction: Direction,
  communityId: Id,
  score: Type.Number({ minimum: 0, maximum: 100 }),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
  version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
});

export const reviewsRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  app.get(
    '/workforce/reviews',
    {
      schema: {
        tags,
        summary: '双向评价列表 Two-way reviews',
        querystring: Obj({ quarter: Type.Optional(Quarter), regionId: Type.Optional(Id), subjectKind: Type.Optional(SubjectKind), direction: Type.Optional(Direction), subjectId: Type.Optional(Id) }),
        response: anyOk,
      },
    },
    async (req) => listReviews(db, req.ctx, req.query),
  );
  app.post('/workforce/reviews', { schema: { tags, summary: '提交双向评价（每季度每对象每方向一条） Post a two-way review (one per quarter, subject, direction)', body: ReviewBody, response: anyOk } }, async (req, reply) => {
    const { created, review } = await postReview(db, req.ctx, req.body);
    return reply.status(created ? 201 : 200).send(review);
  });
  app.get(
    '/workforce/reviews/ranking',
    { schema: { tags, summary: '季度评价排名（前 20% 为优秀） Quarterly ranking, top 20 % excellent', querystring: Obj({ quarter: Type.Optional(Quarter), regionId: Type.Optional(Id), subjectKind: Type.Optional(SubjectKind) }), response: anyOk } },
    async (req) => reviewRanking(db, req.ctx, req.query),
  );
};
