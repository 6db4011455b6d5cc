// Each grid's team (网格长 + 专业网格员 + N 联防员) and what it lacks: no chief, several chiefs, no
// full-time worker, no patrol member, buildings without a building head, micro-grids with nobody
// posted, a paired deputy without the other half. One grid in full, or every grid of a region.
import type { Db, DbOrTx } from '../../db/engine.ts';
import type { RequestContext } from '../../shared/context.ts';
import { scoped } from '../../shared/scoped.ts';
import { loadInScope } from '../regions/index.ts';
import { buildingsUnder, unitRefs, type BuildingRef } from '../registry/index.ts';
import * as positionsRepo from './positions.repository.ts';
import * as repo from './teams.repository.ts';
import { presentTeams } from './teams.service.ts';
import { invalid, today } from './workers.common.ts';
import type { Gap, GridTeamRow, GridTeamView, Ref, TeamPerson } from './workers.views.ts';
import type { PositionKind } from './workforce.model.ts';

const MAX_NAMED = 20;
const idAt = (path: string, level: number): number | null => {
  const id = path.split('/').filter(Boolean)[level - 1];
  return id === undefined ? null : Number(id);
};

interface GridParts {
  people: Map<PositionKind, TeamPerson[]>;
  positions: positionsRepo.PositionListRow[];
  buildings: BuildingRef[];
  micros: repo.GridRow[];
}

function person(p: positionsRepo.PositionListRow, buildings: Map<number, BuildingRef>, units: Map<number, Ref>): TeamPerson {
  return {
    workerId: p.workerId,
    positionId: p.id,
    name: p.workerName,
    mobileMasked: p.workerMobileMasked,
    region: { id: p.regionId, name: p.regionName, level: p.regionLevel },
    building: p.buildingId !== null ? { id: p.buildingId, name: buildings.get(p.buildingId)?.name ?? `#${p.buildingId}` } : null,
    unit: p.unitId !== null ? (units.get(p.unitId) ?? { id: p.unitId, name: `#${p.unitId}` }) : null,
    sendingUnitKind: (p.workerSendingUnitKind as TeamPerson['sendingUnitKind']) ?? null,
    sendingUnit: p.workerSendingUnit,
  };
}

export function gridGaps(parts: GridParts): Gap[] {
  const of = (k: PositionKind) => parts.people.get(k) ?? [];
  const gaps: Gap[] = [];
  const chiefs = new Set(of('gridChief').map((p) => p.workerId)).size;
  if (chiefs === 0) gaps.push({ kind: 'noChief', message: { zh: '没有网格长', en: 'no grid chief' } });
  if (chiefs > 1) gaps.push({ kind: 'severalChiefs', message: { zh: `有 ${chiefs} 名网格长`, en: `${chiefs} grid chiefs` }, count: chiefs });
  if (of('gridWorkerFullTime').length === 0) gaps.push({ kind: 'noFullTime', message: { zh: '没有专职网格员', en: 'no full-time grid worker' } });
  if (of('patrolMember').length === 0) gaps.push({ kind: 'noPatrol', message: { zh: '没有联防员', en: 'no patrol member' } });
  const headed = new Set(of('buildingHead').map((p) => p.building?.id));
  const headless = parts.buildings.filter((b) => !headed.has(b.id));
  if (headless.length) {
    gaps.push({
      kind: 'buildingsWithoutHead',
      message: { zh: `${headless.length} 栋楼没有楼栋长`, en: `${headless.length} building(s) without a building head` },
      subjects: headless.slice(0, MAX_NAMED).map((b) => ({ id: b.id, name: b.name })),
      count: headless.length,
    });
  }
  const staffed = new Set(parts.positions.map((p) => idAt(p.regionPath, 6)).filter((x): x is number => x !== null));
  const empty = parts.micros.filter((m) => !staffed.has(m.id));
  if (empty.length) {
    gaps.push({
      kind: 'microGridsWithoutLead',
      message: { zh: `${empty.length} 个微网格没有在岗人员`, en: `${empty.length} micro-grid(s) with nobody posted` },
      subjects: empty.slice(0, MAX_NAMED).map((m) => ({ id: m.id, name: m.name })),
      count: empty.length,
    });
  }
  const deputies = of('pairedDeputy');
  if (deputies.length === 1) {
    const missingTown = deputies[0].sendingUnitKind !== 'town';
    gaps.push({
      kind: 'pairedDeputiesIncomplete',
      message: missingTown ? { zh: '双副组长缺镇(街道)派出的一名', en: 'paired deputies lack the one from the town' } : { zh: '双副组长缺区直部门派出的一名', en: 'paired deputies lack the one from a department' },
    });
  }
  return gaps;
}

function label(people: Map<PositionKind, TeamPerson[]>): { label: string; labelEn: string } {
  const n = (k: PositionKind) => people.get(k)?.length ?? 0;
  return {
    label: `${n('gridChief')} 名网格长 + ${n('gridWorkerFullTime')} 名专业网格员 + ${n('patrolMember')} 名联防员`,
    labelEn: `${n('gridChief')} grid chief + ${n('gridWorkerFullTime')} full-time grid worker(s) + ${n('patrolMember')} patrol member(s)`,
  };
}

/** Current positions, buildings and micro-grids under `path`, split by grid. */
async function partsByGrid(db: DbOrTx, ctx: RequestContext, path: string): Promise<{ byGrid: Map<number, GridParts>; part: (gridId: number) => GridParts }> {
  const sdb = scoped(db, ctx.actor.scope);
  const day = today();
  const [positions, buildingList, micros] = [
    await positionsRepo.listPositions(sdb, { regionPath: path, current: true, today: day }, 200_000),
    await buildingsUnder(sdb, path),
    (await repo.regionsOfLevelUnder(sdb, path, 6, 200_000, 0)).rows,
  ];
  const buildings = new Map(buildingList.map((b) => [b.id, b]));
  const units = new Map((await unitRefs(db, [...new Set(positions.map((p) => p.unitId).filter((x): x is number => x !== null))])).map((u) => [u.id, { id: u.id, name: u.label }]));
  const byGrid = new Map<number, GridParts>();
  const part = (gridId: number) => {
    let g = byGrid.get(gridId);
    if (!g) byGrid.set(gridId, (g = { people: new Map(), positions: [], buildings: [], micros: [] }));
    return g;
  };
  for (const p of positions) {
    const gridId = idAt(p.regionPath, 5);
    if (gridId === null) continue;
    const g = part(gridId);
    g.positions.push(p);
    const kind = p.kind as PositionKind;
    g.people.set(kind, [...(g.people.get(kind) ?? []), person(p, buildings, units)]);
  }
  for (const b of buildingList) {
    const gridId = idAt(b.regionPath, 5);
    if (gridId !== null) part(gridId).buildings.push(b);
  }
  for (const m of micros) {
    const gridId = idAt(m.path, 5);
    if (gridId !== null) part(gridId).micros.push(m);
  }
  return { byGrid, part };
}

const pick = (g: GridParts, k: PositionKind) => g.people.get(k) ?? [];

export async function gridTeam(db: Db, ctx: RequestContext, gridId: number): Promise<GridTeamView> {
  const sdb = scoped(db, ctx.actor.scope);
  const grid = await loadInScope(sdb, gridId);
  if (grid.level !== 5) throw invalid('grid', '须为网格（第 5 级）', 'must be a grid (level 5)');
  const { part } = await partsByGrid(db, ctx, grid.path);
  const g = part(grid.id);
  const teams = await presentTeams(db, ctx, await repo.listTeams(sdb, { containing: grid.path, today: today() }));
  return {
    grid: { id: grid.id, name: grid.name, code: grid.code },
    chief: pick(g, 'gridChief'),
    fullTime: pick(g, 'gridWorkerFullTime'),
    partTime: pick(g, 'gridWorkerPartTime'),
    patrol: pick(g, 'patrolMember'),
    informants: pick(g, 'informant'),
    buildingHeads: pick(g, 'buildingHead'),
    unitHeads: pick(g, 'unitHead'),
    supervisors: pick(g, 'supervisor'),
    pairedDeputies: pick(g, 'pairedDeputy'),
    stationedTeams: teams,
    ...label(g.people),
    gaps: gridGaps(g),
  };
}

/** The team overview: every active grid under the region (default: the caller's scope root). */
export async function gridTeams(db: Db, ctx: RequestContext, q: { regionId?: number; gapsOnly?: boolean; limit?: number; offset?: number }): Promise<{ items: GridTeamRow[]; total: number }> {
  const sdb = scoped(db, ctx.actor.scope);
  const region = q.regionId ? await loadInScope(sdb, q.regionId) : ctx.actor.scope.regionId ? await loadInScope(sdb, ctx.actor.scope.regionId) : null;
  if (!region) throw invalid('region', '请选择区域', 'choose a region');
  // The region itself when it is a grid (a path matches its own prefix).
  const grids = await repo.regionsOfLevelUnder(sdb, region.path, 5, 100_000, 0);
  const { part } = await partsByGrid(db, ctx, region.path);
  let rows: GridTeamRow[] = grids.rows.map((grid) => {
    const g = part(grid.id);
    return {
      grid: { id: grid.id, name: grid.name, code: grid.code },
      chief: pick(g, 'gridChief'),
      fullTime: pick(g, 'gridWorkerFullTime'),
      partTime: pick(g, 'gridWorkerPartTime'),
      patrol: pick(g, 'patrolMember'),
      informants: pick(g, 'informant'),
      ...label(g.people),
      gaps: gridGaps(g),
    };
  });
  if (q.gapsOnly) rows = rows.filter((r) => r.gaps.length > 0);
  const offset = q.offset ?? 0;
  return { items: rows.slice(offset, offset + (q.limit ?? 200)), total: rows.length };
}
