// HTTP for the workforce's people: workers, positions, stationed teams and each grid's team.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/engine.ts';
import { anyOk, Id, IdParams, Obj, Paging } from '../../shared/schema.ts';
import { createPosition, endPosition, getPosition, listPositions } from './positions.service.ts';
import { gridTeam, gridTeams } from './teams.grid.ts';
import { createTeam, endTeam, getTeam, listTeams, updateTeam } from './teams.service.ts';
import { archiveWorker, createWorker, getWorker, listWorkers, revealWorker, updateWorker } from './workers.service.ts';

const tags = ['workforce'];
const Text = (max: number) => Type.String({ maxLength: max });
const Day = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' });
const Version = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const WorkerFields = {
  name: Text(200),
  gender: Type.Optional(Nullable(Type.Union([Type.Literal('male'), Type.Literal('female')]))),
  mobile: Type.Optional(Nullable(Text(40))),
  userId: Type.Optional(Nullable(Id)),
  residentId: Type.Optional(Nullable(Id)),
  regionId: Id,
  sendingUnitKind: Type.Optional(Nullable(Type.Union([Type.Literal('town'), Type.Literal('department')]))),
  sendingUnit: Type.Optional(Text(400)),
  departmentId: Type.Optional(Nullable(Id)),
  note: Type.Optional(Text(2000)),
};
const WorkerPatch = Obj({ version: Version, ...Type.Partial(Obj(WorkerFields)).properties });

const PositionBody = Obj({
  workerId: Id,
  kind: Text(32),
  regionId: Type.Optional(Id),
  buildingId: Type.Optional(Id),
  unitId: Type.Optional(Id),
  teamId: Type.Optional(Id),
  zoneId: Type.Optional(Id),
  isLeader: Type.Optional(Type.Boolean()),
  startOn: Day,
  endOn: Type.Optional(Day),
  note: Type.Optional(Text(2000)),
});

const TeamFields = {
  name: Text(400),
  regionId: Id,
  sendingUnit: Type.Optional(Text(400)),
  departmentId: Type.Optional(Nullable(Id)),
  fixedWeekday: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })),
  startOn: Day,
};
const { regionId: _r, ...TeamPatchFields } = TeamFields;
const End = Obj({ version: Type.Optional(Version), endOn: Day });

export const workersRoutes = (db: Db): FastifyPluginAsyncTypebox => async (app) => {
  // Workers.
  app.get(
    '/workforce/workers',
    {
      schema: {
        tags,
        summary: '网格力量人员列表 Workers of the workforce',
        querystring: Obj({ regionId: Type.Optional(Id), q: Type.Optional(Text(100)), kind: Type.Optional(Text(32)), includeArchived: Type.Optional(Type.Boolean()), ...Paging }),
        response: anyOk,
      },
    },
    async (req) => listWorkers(db, req.ctx, req.query),
  );
  app.post('/workforce/workers', { schema: { tags, summary: '登记网格力量人员 Register a worker', body: Obj(WorkerFields), response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await createWorker(db, req.ctx, req.body)),
  );
  app.get('/workforce/workers/:id', { schema: { tags, summary: '人员详情（含岗位历史） A worker with position history', params: IdParams, response: anyOk } }, async (req) =>
    getWorker(db, req.ctx, req.params.id),
  );
  app.patch('/workforce/workers/:id', { schema: { tags, summary: '修改人员信息 Update a worker', params: IdParams, body: WorkerPatch, response: anyOk } }, async (req) => {
    const { version, ...input } = req.body;
    return updateWorker(db, req.ctx, req.params.id, version, input);
  });
  app.post(
    '/workforce/workers/:id/archive',
    { schema: { tags, summary: '人员离岗（结束其全部岗位） Archive a worker, ending their positions', params: IdParams, body: Type.Optional(Obj({ version: Type.Optional(Version) })), response: anyOk } },
    async (req) => archiveWorker(db, req.ctx, req.params.id, req.body?.version),
  );
  app.post('/workforce/workers/:id/reveal', { schema: { tags, summary: '查看完整手机号（留痕） Reveal the full mobile (audited)', params: IdParams, response: anyOk } }, async (req) =>
    revealWorker(db, req.ctx, req.params.id),
  );

  // Positions.
  app.get(
    '/workforce/positions',
    {
      schema: {
        tags,
        summary: '岗位列表 Positions',
        querystring: Obj({ regionId: Type.Optional(Id), kind: Type.Optional(Text(32)), workerId: Type.Optional(Id), teamId: Type.Optional(Id), current: Type.Optional(Type.Boolean()) }),
        response: anyOk,
      },
    },
    async (req) => listPositions(db, req.ctx, req.query),
  );
  app.post('/workforce/positions', { schema: { tags, summary: '设置岗位 Assign a position', body: PositionBody, response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await createPosition(db, req.ctx, req.body as Parameters<typeof createPosition>[2])),
  );
  app.get('/workforce/positions/:id', { schema: { tags, summary: '岗位详情 A position', params: IdParams, response: anyOk } }, async (req) => getPosition(db, req.ctx, req.params.id));
  app.post('/workforce/positions/:id/end', { schema: { tags, summary: '结束岗位（保留历史） End a position, history kept', params: IdParams, body: End, response: anyOk } }, async (req) =>
    endPosition(db, req.ctx, req.params.id, req.body.version, req.body.endOn),
  );

  // Stationed teams.
  app.get(
    '/workforce/teams',
    { schema: { tags, summary: '驻村(社区)团队 Stationed teams', querystring: Obj({ regionId: Type.Optional(Id), includeEnded: Type.Optional(Type.Boolean()) }), response: anyOk } },
    async (req) => listTeams(db, req.ctx, req.query),
  );
  app.post('/workforce/teams', { schema: { tags, summary: '组建驻村(社区)团队 Create a stationed team', body: Obj(TeamFields), response: anyOk } }, async (req, reply) =>
    reply.status(201).send(await createTeam(db, req.ctx, req.body)),
  );
  app.get('/workforce/teams/:id', { schema: { tags, summary: '团队详情 A stationed team', params: IdParams, response: anyOk } }, async (req) => getTeam(db, req.ctx, req.params.id));
  app.patch(
    '/workforce/teams/:id',
    { schema: { tags, summary: '修改团队 Update a stationed team', params: IdParams, body: Obj({ version: Version, ...Type.Partial(Obj(TeamPatchFields)).properties }), response: anyOk } },
    async (req) => {
      const { version, ...input } = req.body;
      return updateTeam(db, req.ctx, req.params.id, version, input);
    },
  );
  app.post('/workforce/teams/:id/end', { schema: { tags, summary: '结束团队派驻 End a stationed team', params: IdParams, body: End, response: anyOk } }, async (req) =>
    endTeam(db, req.ctx, req.params.id, req.body.version, req.body.endOn),
  );

  // Grid teams.
  app.get('/workforce/grids/:id/team', { schema: { tags, summary: '网格力量配置与缺口 A grid’s team and its gaps', params: IdParams, response: anyOk } }, async (req) =>
    gridTeam(db, req.ctx, req.params.id),
  );
  app.get(
    '/workforce/grid-teams',
    {
      schema: {
        tags,
        summary: '各网格力量配置一览 Every grid’s team, with gaps',
        querystring: Obj({ regionId: Type.Optional(Id), gapsOnly: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })), offset: Paging.offset }),
        response: anyOk,
      },
    },
    async (req) => gridTeams(db, req.ctx, req.query),
  );
};
