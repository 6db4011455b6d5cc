// Where each position kind may sit (岗位设置): grid positions on a grid or micro-grid, building and
// unit heads on a building or unit (the position lies in the building's region), zone chiefs on a
// community with one of its grid zones, paired deputies on a grid (a villagers' group is a grid of
// a village), supervisors from street to grid, stationed members on their team's community.
import type { Db, DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { AppError, type Bilingual } from '../../shared/errors.ts';
import type { ScopedDb } from '../../shared/scoped.ts';
import { loadInScope, type RegionRow } from '../regions/index.ts';
import { buildingRefs, registryRowExists, unitRefs } from '../registry/index.ts';
import { listZones } from '../zones/index.ts';
import * as teamsRepo from './teams.repository.ts';
import { invalid } from './workers.common.ts';
import type { PositionInput } from './workers.views.ts';
import { loadWorkforceScoped } from './workforce.common.ts';
import { POSITION_KINDS, type PositionKind } from './workforce.model.ts';

const GRID_KINDS: readonly PositionKind[] = ['gridChief', 'gridWorkerFullTime', 'gridWorkerPartTime', 'informant', 'patrolMember'];

interface Rule {
  levels?: readonly number[];
  where: Bilingual;
  needs?: 'building' | 'unit' | 'zone' | 'team';
}

export const PLACEMENT: Record<PositionKind, Rule> = {
  gridChief: { levels: [5, 6], where: { zh: '网格或微网格', en: 'a grid or micro-grid' } },
  gridWorkerFullTime: { levels: [5, 6], where: { zh: '网格或微网格', en: 'a grid or micro-grid' } },
  gridWorkerPartTime: { levels: [5, 6], where: { zh: '网格或微网格', en: 'a grid or micro-grid' } },
  informant: { levels: [5, 6], where: { zh: '网格或微网格', en: 'a grid or micro-grid' } },
  patrolMember: { levels: [5, 6], where: { zh: '网格或微网格', en: 'a grid or micro-grid' } },
  buildingHead: { where: { zh: '楼栋（须指定楼栋）', en: 'a building (buildingId)' }, needs: 'building' },
  unitHead: { where: { zh: '单元（须指定单元）', en: 'a unit (unitId)' }, needs: 'unit' },
  supervisor: { levels: [3, 4, 5], where: { zh: '街道(镇)、社区(村)或网格', en: 'a street, community or grid' } },
  zoneChief: { levels: [4], where: { zh: '社区(村)的网格片（须指定网格片）', en: "a community's grid zone (zoneId)" }, needs: 'zone' },
  deputyZoneChief: { levels: [4], where: { zh: '社区(村)的网格片（须指定网格片）', en: "a community's grid zone (zoneId)" }, needs: 'zone' },
  pairedDeputy: { levels: [5], where: { zh: '网格或村民小组', en: "a grid or villagers' group" } },
  stationedMember: { where: { zh: '驻村(社区)团队（须指定团队）', en: 'a stationed team (teamId)' }, needs: 'team' },
};

export const isGridKind = (k: PositionKind) => GRID_KINDS.includes(k);

export interface Placement {
  region: RegionRow;
  buildingId: number | null;
  unitId: number | null;
  teamId: number | null;
  zoneId: number | null;
  isLeader: boolean;
}

const misplaced = (kind: PositionKind) => {
  const label = POSITION_KINDS[kind];
  return new AppError('WORKFORCE_POSITION_PLACE', { kind: { zh: label, en: kind }, where: PLACEMENT[kind].where });
};

async function activeRegion(sdb: ScopedDb, id: number): Promise<RegionRow> {
  const r = await loadInScope(sdb, id);
  if (r.archivedAt) throw invalid('region', '该区域已撤销', 'the region is archived');
  return r;
}

/** A building or unit: the given region (if any) must be the building's region or contain it. */
async function onBuilding(sdb: ScopedDb, buildingId: number, regionId: number | undefined): Promise<RegionRow> {
  const [b] = await buildingRefs(sdb, [buildingId]);
  if (!b) {
    if (await registryRowExists(sdb.db, 'building', buildingId)) throw new AppError('SCOPE_DENIED');
    throw invalid('building', `楼栋 ${buildingId} 不存在`, `building ${buildingId} does not exist`);
  }
  if (b.archived) throw invalid('building', '该楼栋已撤销', 'the building is archived');
  const region = await activeRegion(sdb, b.regionId);
  if (regionId !== undefined && regionId !== region.id) {
    const given = await loadInScope(sdb, regionId);
    if (!region.path.startsWith(given.path)) throw invalid('building', '不在所选区域内', 'is not inside the region given');
  }
  return region;
}

/** Checks where a position of `input.kind` may sit and resolves the region it lies in. */
export async function resolvePlacement(db: DbOrTx, ctx: RequestContext, sdb: ScopedDb, input: PositionInput, day: string): Promise<Placement> {
  const kind = input.kind;
  const rule = PLACEMENT[kind];
  const stray = (['buildingId', 'unitId', 'teamId', 'zoneId'] as const).find((k) => input[k] !== undefined && k !== `${rule.needs}Id`);
  // A unit head may name the unit's building too.
  if (stray && !(kind === 'unitHead' && stray === 'buildingId')) throw misplaced(kind);
  if (input.isLeader && kind !== 'stationedMember') throw invalid('isLeader', '只有驻村(社区)队员可以是队长', 'only a stationed member can be the leader');
  const out: Placement = { region: undefined as unknown as RegionRow, buildingId: null, unitId: null, teamId: null, zoneId: null, isLeader: !!input.isLeader };
  switch (rule.needs) {
    case 'building': {
      if (input.buildingId === undefined) throw misplaced(kind);
      out.region = await onBuilding(sdb, input.buildingId, input.regionId);
      out.buildingId = input.buildingId;
      return out;
    }
    case 'unit': {
      if (input.unitId === undefined) throw misplaced(kind);
      const [u] = await unitRefs(db, [input.unitId]);
      if (!u) throw invalid('unit', `单元 ${input.unitId} 不存在`, `unit ${input.unitId} does not exist`);
      if (input.buildingId !== undefined && input.buildingId !== u.buildingId) throw invalid('unit', '不属于所选楼栋', 'is not in the building given');
      out.region = await onBuilding(sdb, u.buildingId, input.regionId);
      out.buildingId = u.buildingId;
      out.unitId = u.id;
      return out;
    }
    case 'team': {
      if (input.teamId === undefined) throw misplaced(kind);
      const teamId = input.teamId;
      const team = await loadWorkforceScoped('stationedTeam', () => teamsRepo.findTeam(sdb, teamId), () => teamsRepo.unscopedTeamExists(sdb.db, teamId));
      if (team.archivedAt || (team.endOn !== null && team.endOn < day)) throw invalid('team', '该团队已结束', 'the team has ended');
      if (input.regionId !== undefined && input.regionId !== team.regionId) throw invalid('team', '不服务所选区域', 'does not serve the region given');
      out.region = await activeRegion(sdb, team.regionId);
      out.teamId = team.id;
      return out;
    }
    default: {
      if (input.regionId === undefined) throw misplaced(kind);
      const region = await activeRegion(sdb, input.regionId);
      if (!rule.levels!.includes(region.level)) throw misplaced(kind);
      out.region = region;
      if (rule.needs === 'zone') {
        if (input.zoneId === undefined) throw misplaced(kind);
        const zones = await listZones(db as Db, ctx, region.id);
        if (!zones.some((z) => z.id === input.zoneId)) throw invalid('zone', '不是该社区(村)现有的网格片', 'is not a current grid zone of this community');
        out.zoneId = input.zoneId;
      }
      return out;
    }
  }
}
