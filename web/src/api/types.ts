// Wire types of the /api/v1 contract. Level and kind vocabularies come from the server's model.
import type { FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';

export type { RegionLevel } from '../../../src/modules/regions/regions.model';
export { REGION_KINDS } from '../../../src/modules/regions/regions.model';

export type SizeStatus = 'ok' | 'under' | 'over' | 'unknown';
export type Boundary = Polygon | MultiPolygon;

export interface RegionSummary {
  id: number;
  code: string;
  name: string;
  level: number;
  kind: string;
  parentId: number | null;
  childCount: number;
  archived: boolean;
  sizeStatus: SizeStatus;
}

export interface SizeWarning {
  code: 'MICROGRID_RESIDENTS' | 'GRID_HOUSEHOLDS';
  measure: string;
  actual: number;
  target: number;
  min: number;
  max: number;
  status: 'under' | 'over';
  message: string;
}

export interface RegionDetail extends RegionSummary {
  path: string;
  attributes: Record<string, unknown>;
  boundary: Boundary | null;
  version: number;
  ancestors: RegionSummary[];
  counters: Record<string, number>;
  warnings: SizeWarning[];
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export type RegionSearchItem = RegionSummary & { ancestorNames: string[] };

export interface RegionFeatureProps {
  id: number;
  code: string;
  name: string;
  level: number;
  kind: string;
  sizeStatus: SizeStatus;
  parentId: number | null;
}
export type RegionFeatureCollection = FeatureCollection<Boundary, RegionFeatureProps>;

export interface LocateResult {
  community: RegionSummary | null;
  grid: RegionSummary | null;
  microGrid: RegionSummary | null;
}

export type SplitRequest = { line: LineString; names?: [string, string] } | { childIds: number[]; name: string };

export const ROLES = [
  'admin', 'districtStaff', 'streetStaff', 'communityStaff', 'departmentHandler', 'gridChief',
  'gridWorker', 'buildingHead', 'partySecretary', 'partyMember', 'resident',
] as const;
export type Role = (typeof ROLES)[number];

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  mobileMasked: string | null;
  roles: string[];
  permissions: string[];
  scopeRegion: RegionSummary | null;
  department: { id: number; name: string } | null;
  mustChangePassword: boolean;
  status: 'active' | 'disabled';
  lockedUntil: string | null;
}

export interface UserCreate {
  username: string;
  displayName: string;
  mobile?: string;
  password: string;
  roles: string[];
  scopeRegionId: number | null;
  departmentId?: number;
}
export interface UserPatch {
  displayName?: string;
  mobile?: string;
  roles?: string[];
  scopeRegionId?: number | null;
  departmentId?: number | null;
  status?: 'active' | 'disabled';
}

export interface Department {
  id: number;
  code: string;
  name: string;
  serviceArea: RegionSummary;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  clientIp: string | null;
}

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  actorId?: number;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  problems: { id: number; kind: 'edited' | 'deleted' | 'reordered'; message: string }[];
}

export interface Page<T> {
  items: T[];
  total: number;
}
export interface Items<T> {
  items: T[];
}
