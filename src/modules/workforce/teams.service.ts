// Stationed teams (驻村/驻社区团队): sent by a unit to a community or village, members are positions
// of kind stationedMember. A team is built up member by member, so what it still lacks (fewer than
// the rule's members, no leader) is listed with it rather than refused.
import type { Db, DbOrTx } from '../../db/engine.ts';
import { assertPermission } from '../../shared/authz.ts';
import type { RequestContext } from '../../shared/context.ts';
import type { Bilingual } from '../../shared/errors.ts';
import { scoped, type ScopedDb } from '../../shared/scoped.ts';
import { recordAudit } from '../audit/index.ts';
import { loadInScope } from '../regions/index.ts';
import * as positionsRepo from './positions.repository.ts';
import * as repo from './teams.repository.ts';
import { workforceRules } from './rules.settings.ts';
import { checkDay, checkText, invalid, today, visibleDepartments } from './workers.common.ts';
import type { Ref, StationedTeamView, TeamInput, TeamMemberView } from './workers.views.ts';
import { loadWorkforceScoped, workforceArchived, workforceConflict } from './workforce.common.ts';

const sdbOf = (db: DbOrTx, ctx: RequestContext) => scoped(db, ctx.actor.scope);

export const loadTeam = (sdb: ScopedDb, id: number) => loadWorkforceScoped('stationedTeam', () => repo.findTeam(sdb, id), () => repo.unscopedTeamExists(sdb.db, id));

/** What a team still lacks, in both languages. */
export function teamProblems(members: { isLeader: boolean }[], minMembers: number): Bilingual[] {
  const out: Bilingual[] = [];
  if (members.length < minMembers) out.push({ zh: `现有成员 ${members.length} 人，少于 ${minMembers} 人`, en: `${members.length} member(s), fewer than ${minMembers}` });
  if (!members.some((m) => m.isLeader)) out.push({ zh: '未确定队长', en: 'no leader' });
  return out;
}

/** Teams with their current members (stationed-member positions current today) and problems. */
export async function presentTeams(db: DbOrTx, ctx: RequestContext, teams: repo.TeamListRow[], day = today()): Promise<StationedTeamView[]> {
  if (teams.length === 0) return [];
  // Members are read system-wide: a team is shown whole wherever it is visible.
  const members = await positionsRepo.listPositions(scoped(db, { regionId: null, path: '/' }), { teamIds: teams.map((t) => t.id), kinds: ['stationedMember'], current: true, today: day });
  const byTeam = new Map<number, TeamMemberView[]>();
  for (const p of members) {
    const m: TeamMemberView = { workerId: p.workerId, name: p.workerName, positionId: p.id, isLeader: p.isLeader, sendingUnit: p.workerSendingUnit, mobileMasked: p.workerMobileMasked };
    byTeam.set(p.teamId!, [...(byTeam.get(p.teamId!) ?? []), m]);
  }
  const rules = await workforceRules(db);
  const departments = teams.some((t) => t.departmentId !== null) ? await visibleDepartments(db, ctx) : new Map<number, Ref>();
  return teams.map((t) => {
    const list = (byTeam.get(t.id) ?? []).sort((a, b) => Number(b.isLeader) - Number(a.isLeader) || a.name.localeCompare(b.name, 'zh-CN'));
    const leader = list.find((m) => m.isLeader);
    const ended = t.endOn !== null && t.endOn < day;
    return {
      id: t.id,
      name: t.name,
      region: { id: t.regionId, name: t.regionName, level: t.regionLevel },
      sendingUnit: t.sendingUnit,
      department: t.departmentId !== null ? (departments.get(t.departmentId) ?? { id: t.departmentId, name: t.sendingUnit || `#${t.departmentId}` }) : null,
      fixedWeekday: t.fixedWeekday,
      startOn: t.startOn,
      endOn: t.endOn,
      leader: leader ? { workerId: leader.workerId, name: leader.name } : null,
      members: list,
      problems: ended ? [] : teamProblems(list, rules.teamMinMembers),
      version: t.version,
    };
  });
}

export async function listTeams(db: Db, ctx: RequestContext, q: { regionId?: number; includeEnded?: boolean }): Promise<{ items: StationedTeamView[]; total: number }> {
  const sdb = sdbOf(db, ctx);
  const region = q.regionId ? await loadInScope(sdb, q.regionId) : null;
  const day = today();
  const rows = await repo.listTeams(sdb, { regionPath: region?.path, includeEnded: q.includeEnded, today: day });
  const items = await presentTeams(db, ctx, rows, day);
  return { items, total: items.length };
}

export async function getTeam(db: DbOrTx, ctx: RequestContext, id: number): Promise<StationedTeamView> {
  const t = await loadTeam(sdbOf(db, ctx), id);
  return (await presentTeams(db, ctx, [t]))[0];
}

interface Checked {
  name?: string;
  regionId?: number;
  regionPath?: string;
  sendingUnit?: string;
  departmentId?: number | null;
  fixedWeekday?: number;
  startOn?: string;
}

async function check(tx: DbOrTx, ctx: RequestContext, input: Partial<TeamInput>): Promise<Checked> {
  const out: Checked = {};
  if (input.name !== undefined) out.name = checkText('teamName', input.name, 100, true);
  if (input.regionId !== undefined) {
    const region = await loadInScope(sdbOf(tx, ctx), input.regionId);
    if (region.archivedAt) throw invalid('region', '该区域已撤销', 'the region is archived');
    if (region.level !== 4) throw invalid('region', '驻村(社区)团队须派驻到社区或村', 'a stationed team serves a community or village');
    out.regionId = region.id;
    out.regionPath = region.path;
  }
  if (input.departmentId !== undefined) {
    if (input.departmentId !== null) {
      const dept = (await visibleDepartments(tx, ctx)).get(input.departmentId);
      if (!dept) throw invalid('department', `部门 ${input.departmentId} 不存在或不可见`, `department ${input.departmentId} does not exist or is not visible`);
      if (input.sendingUnit === undefined || !input.sendingUnit.trim()) out.sendingUnit = dept.name;
    }
    out.departmentId = input.departmentId;
  }
  if (input.sendingUnit !== undefined && out.sendingUnit === undefined) out.sendingUnit = checkText('sendingUnit', input.sendingUnit, 100);
  if (input.fixedWeekday !== undefined) {
    if (!Number.isInteger(input.fixedWeekday) || input.fixedWeekday < 1 || input.fixedWeekday > 7) throw invalid('fixedWeekday', '应为 1（周一）到 7（周日）', 'must be 1 (Monday) to 7 (Sunday)');
    out.fixedWeekday = input.fixedWeekday;
  }
  if (input.startOn !== undefined) out.startOn = checkDay('startOn', input.startOn);
  return out;
}

export async function createTeam(db: Db, ctx: RequestContext, input: TeamInput): Promise<StationedTeamView> {
  assertPermission(ctx, 'workforce.write');
  const id = await db.transaction(async (tx) => {
    const c = await check(tx, ctx, input);
    // Tuesday is the fixed visit day (驻点日) unless the team says otherwise.
    const t = await repo.insertTeam(tx, { ...c, name: c.name!, regionId: c.regionId!, regionPath: c.regionPath!, startOn: c.startOn!, fixedWeekday: c.fixedWeekday ?? 2 });
    await recordAudit(tx, ctx, { action: 'team.create', entityType: 'stationedTeam', entityId: t.id, regionPath: t.regionPath, after: t });
    return t.id;
  });
  return getTeam(db, ctx, id);
}

async function loadOpenTeam(sdb: ScopedDb, id: number): Promise<repo.TeamListRow> {
  const t = await loadTeam(sdb, id);
  if (t.archivedAt || t.endOn !== null) throw workforceArchived('stationedTeam');
  return t;
}

/** Name, sending unit, fixed day and start; the community it serves stays (members sit there). */
export async function updateTeam(db: Db, ctx: RequestContext, id: number, version: number, input: Partial<Omit<TeamInput, 'regionId'>>): Promise<StationedTeamView> {
  assertPermission(ctx, 'workforce.write');
  await db.transaction(async (tx) => {
    const before = await loadOpenTeam(sdbOf(tx, ctx), id);
    const c = await check(tx, ctx, input);
    const after = await repo.updateTeam(tx, id, version, c);
    if (!after) throw workforceConflict();
    await recordAudit(tx, ctx, { action: 'team.update', entityType: 'stationedTeam', entityId: id, regionPath: before.regionPath, before, after });
  });
  return getTeam(db, ctx, id);
}

/** Ends the team on `endOn`, and with it every member's position still open then. */
export async function endTeam(db: Db, ctx: RequestContext, id: number, version: number | undefined, endOnRaw: string): Promise<StationedTeamView> {
  assertPermission(ctx, 'workforce.write');
  const endOn = checkDay('endOn', endOnRaw);
  await db.transaction(async (tx) => {
    const before = await loadOpenTeam(sdbOf(tx, ctx), id);
    if (endOn < before.startOn) throw invalid('endOn', '不能早于开始日期', 'may not be before the start date');
    const after = await repo.updateTeam(tx, id, version ?? before.version, { endOn });
    if (!after) throw workforceConflict();
    const ended = await positionsRepo.endOpenPositions(tx, { teamId: id }, endOn);
    await recordAudit(tx, ctx, { action: 'team.end', entityType: 'stationedTeam', entityId: id, regionPath: before.regionPath, before, after: { ...after, endedPositions: ended.map((p) => p.id) } });
  });
  return getTeam(db, ctx, id);
}
