// Wire shapes of workers, positions, stationed teams and grid teams. Dependency-free apart from
// type imports: the web app imports these types too.
import type { Bilingual } from '../../shared/errors.ts';
import type { Boundary } from '../regions/regions.model.ts';
import type { PositionKind } from './workforce.model.ts';

export interface Ref {
  id: number;
  name: string;
}

export interface PositionView {
  id: number;
  workerId: number;
  worker: Ref;
  kind: PositionKind;
  kindLabel: string;
  region: Ref & { level: number };
  building: Ref | null;
  unit: Ref | null;
  team: Ref | null;
  zone: Ref | null;
  isLeader: boolean;
  startOn: string;
  /** Last day served (inclusive); null = open-ended. */
  endOn: string | null;
  current: boolean;
  note: string;
  version: number;
}

export interface WorkerView {
  id: number;
  name: string;
  gender: string | null;
  mobileMasked: string | null;
  user: { id: number; username: string; displayName: string } | null;
  resident: Ref | null;
  region: Ref & { level: number };
  sendingUnitKind: 'town' | 'department' | null;
  sendingUnit: string;
  department: Ref | null;
  note: string;
  /** Positions inside the caller's scope: current ones in lists, all (history too) in the detail. */
  positions: PositionView[];
  archivedAt: string | null;
  version: number;
}

export interface WorkerInput {
  name: string;
  gender?: 'male' | 'female' | null;
  mobile?: string | null;
  userId?: number | null;
  residentId?: number | null;
  regionId: number;
  sendingUnitKind?: 'town' | 'department' | null;
  sendingUnit?: string;
  departmentId?: number | null;
  note?: string;
}

export interface PositionInput {
  workerId: number;
  kind: PositionKind;
  /** The grid, micro-grid, community …; for building and unit heads it may be omitted (the building's region is used). */
  regionId?: number;
  buildingId?: number;
  unitId?: number;
  teamId?: number;
  zoneId?: number;
  isLeader?: boolean;
  startOn: string;
  endOn?: string;
  note?: string;
}

export interface TeamMemberView {
  workerId: number;
  name: string;
  positionId: number;
  isLeader: boolean;
  sendingUnit: string;
  mobileMasked: string | null;
}

export interface StationedTeamView {
  id: number;
  name: string;
  region: Ref & { level: number };
  sendingUnit: string;
  department: Ref | null;
  /** ISO weekday 1 (Monday) … 7 (Sunday) of the fixed visit day (驻点日). */
  fixedWeekday: number;
  startOn: string;
  endOn: string | null;
  leader: { workerId: number; name: string } | null;
  members: TeamMemberView[];
  /** Why the team is not yet complete (fewer members than the rule asks, no leader …); listed, not refused. */
  problems: Bilingual[];
  version: number;
}

export interface TeamInput {
  name: string;
  regionId: number;
  sendingUnit?: string;
  departmentId?: number | null;
  fixedWeekday?: number;
  startOn: string;
}

/** One holder of a position in a grid's team. */
export interface TeamPerson {
  workerId: number;
  positionId: number;
  name: string;
  mobileMasked: string | null;
  region: Ref & { level: number };
  building: Ref | null;
  unit: Ref | null;
  sendingUnitKind: 'town' | 'department' | null;
  sendingUnit: string;
}

export type GapKind =
  | 'noChief'
  | 'severalChiefs'
  | 'noFullTime'
  | 'noPatrol'
  | 'buildingsWithoutHead'
  | 'microGridsWithoutLead'
  | 'pairedDeputiesIncomplete';

export interface Gap {
  kind: GapKind;
  message: Bilingual;
  /** Buildings or micro-grids the gap is about (at most 20 named). */
  subjects?: Ref[];
  count?: number;
}

export interface GridTeamView {
  grid: Ref & { code: string };
  chief: TeamPerson[];
  fullTime: TeamPerson[];
  partTime: TeamPerson[];
  patrol: TeamPerson[];
  informants: TeamPerson[];
  buildingHeads: TeamPerson[];
  unitHeads: TeamPerson[];
  supervisors: TeamPerson[];
  pairedDeputies: TeamPerson[];
  stationedTeams: StationedTeamView[];
  /** 网格长 + 专业网格员 + N 联防员, with this grid's numbers. */
  label: string;
  labelEn: string;
  gaps: Gap[];
}

export interface GridTeamRow {
  grid: Ref & { code: string };
  chief: TeamPerson[];
  fullTime: TeamPerson[];
  partTime: TeamPerson[];
  patrol: TeamPerson[];
  informants: TeamPerson[];
  label: string;
  labelEn: string;
  gaps: Gap[];
}

/** A region the caller's worker may check in to, with its boundary for the phone's map. */
export interface MeGrid {
  id: number;
  name: string;
  code: string;
  level: number;
  boundary: Boundary | null;
  /** The positions that give access to it. */
  positionKinds: PositionKind[];
  teamId: number | null;
}
