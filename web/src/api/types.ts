// Wire types of the /api/v1 contract. Level and kind vocabularies come from the server's model.
import type { FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';

export type { RegionLevel } from '../../../src/modules/regions/regions.model';
export { REGION_KINDS } from '../../../src/modules/regions/regions.model';

export type Boundary = Polygon | MultiPolygon;
export type { SizeStatus, SizeWarning, RegionSummary, RegionDetail } from '../../../src/modules/regions/regions.views';
import type { SizeStatus, RegionSummary } from '../../../src/modules/regions/regions.views';

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

export { ROLES, type Role } from '../../../src/modules/accounts/permissions';
export type { UserView } from '../../../src/modules/accounts/accounts.views';

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

export type { ZoneView, ZoneInput } from '../../../src/modules/zones/zones.views';

export interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
}
/** One bad feature (GeoJSON: feature index) or row (Excel: sheet row number) of an import file. */
export interface ImportProblem {
  index: number;
  code: string;
  field: string;
  reason: string;
}

// Registry: housing (小区/楼栋/房屋/出租屋) and places (场所/组织/部件).
export type {
  EstateView, EstateDetailView, BuildingView, BuildingDetailView, UnitView, DwellingView, DwellingDetailView, Occupant,
  RentalView, RentalDetailView, PublicPostingView, FloorPlanCell, FloorPlanView, GenerateResult, HousingCounts,
  Occupancy, EstateAge, BuildingUse, DwellingUse, RentalPurpose, EstateGeometry,
} from '../../../src/modules/registry/housing.views';
export { OCCUPANCIES, ESTATE_AGES, BUILDING_USES, DWELLING_USES, RENTAL_PURPOSES } from '../../../src/modules/registry/housing.views';
export type { PlaceView, OrganizationView, OrganizationDetailView, OrganizationMemberView, AssetView } from '../../../src/modules/registry/places.views';
export { PLACE_KINDS, PLACE_STATUSES, ASSET_STATUSES, ASSET_CATEGORIES } from '../../../src/modules/registry/places.model';
export { ORG_KINDS, ORG_SUBKINDS, MEMBER_ROLES, type OrgKind, type MemberRole } from '../../../src/modules/registry/organizations.model';

export type {
  ResidentListItem, ResidentList, ResidentDetail, ResidentPii, HouseholdView, HouseholdMember, CareGroupView, TagView, StayView, MoveView, DwellingRef,
} from '../../../src/modules/registry/residents.views';
