// Wire types and vocabulary of housing (estates, buildings, units, dwellings, rentals), shared by
// the API and the web app. No server imports here: the web compiles this file as is.

export const ESTATE_AGES = { old: '老旧', new: '新建' } as const;
export const BUILDING_USES = { residential: '住宅', commercial: '商业', mixed: '商住混合', office: '办公', other: '其他' } as const;
export const DWELLING_USES = { residential: '住宅', commercial: '商业', office: '办公', mixed: '商住', other: '其他' } as const;
/** 居住状态: the floor × unit table colours cells by these. */
export const OCCUPANCIES = { owner: '自住', rental: '出租', vacant: '空置', commercial: '商用' } as const;
export const RENTAL_PURPOSES = { residential: '居住', collective: '集体宿舍', commercial: '经营' } as const;

export type EstateAge = keyof typeof ESTATE_AGES;
export type BuildingUse = keyof typeof BUILDING_USES;
export type DwellingUse = keyof typeof DWELLING_USES;
export type Occupancy = keyof typeof OCCUPANCIES;
export type RentalPurpose = keyof typeof RENTAL_PURPOSES;

export interface RegionRef {
  id: number;
  code: string;
  name: string;
  level: number;
}

export interface Named {
  id: number;
  name: string;
}

/** GeoJSON Point or Polygon (WGS84). */
export type EstateGeometry = { type: 'Point'; coordinates: number[] } | { type: 'Polygon'; coordinates: number[][][] };

export interface EstateView {
  id: number;
  regionId: number;
  name: string;
  address: string;
  propertyCompany: Named | null;
  hasSecurity: boolean;
  hasEnclosure: boolean;
  /** 三无小区: no property company, no security, no enclosure (computed). */
  unmanaged: boolean;
  age: EstateAge;
  builtYear: number | null;
  geometry: EstateGeometry | null;
  lng: number | null;
  lat: number | null;
  version: number;
  archived: boolean;
}

export interface HousingCounts {
  buildings: number;
  dwellings: number;
  residents: number;
  /** Dwellings by occupancy. */
  byOccupancy: Record<Occupancy, number>;
}

export interface EstateDetailView extends EstateView {
  region: RegionRef | null;
  buildings: BuildingView[];
  counts: HousingCounts;
}

export interface UnitView {
  id: number;
  number: number;
  label: string;
}

export interface BuildingView {
  id: number;
  regionId: number;
  estateId: number | null;
  estateName: string | null;
  number: string;
  address: string;
  floors: number;
  basementFloors: number;
  unitCount: number;
  use: BuildingUse;
  builtYear: number | null;
  lng: number | null;
  lat: number | null;
  version: number;
  archived: boolean;
}

export interface BuildingDetailView extends BuildingView {
  units: UnitView[];
  estate: Named | null;
  region: RegionRef | null;
  counts: Omit<HousingCounts, 'buildings'>;
}

export interface DwellingView {
  id: number;
  regionId: number;
  buildingId: number;
  buildingNumber: string;
  estateId: number | null;
  estateName: string | null;
  unitNumber: number;
  floor: number;
  number: string;
  area: number | null;
  use: DwellingUse;
  occupancy: Occupancy;
  /** e.g. 幸福小区 3栋 2单元 302. */
  address: string;
  version: number;
  archived: boolean;
}

/** A person living in a dwelling, as housing pages show them (ID number masked). */
export interface Occupant {
  id: number;
  name: string;
  idNumberMasked: string;
  householdRole: string;
  tags: string[];
}

export interface DwellingDetailView extends DwellingView {
  building: BuildingView;
  estate: Named | null;
  rental: RentalView | null;
  residents: Occupant[];
}

export interface RentalView {
  id: number;
  regionId: number;
  dwellingId: number;
  address: string;
  landlordName: string;
  landlordMobileMasked: string | null;
  landlordResidentId: number | null;
  leaseStart: string | null;
  leaseEnd: string | null;
  monthlyRent: number | null;
  purpose: RentalPurpose;
  postingCode: string;
  endedOn: string | null;
  active: boolean;
  version: number;
}

export interface RentalDetailView extends RentalView {
  dwelling: DwellingView;
  tenants: Occupant[];
}

/** 挂牌公开: only what the door sign shows; no tenant names, no full mobile. */
export interface PublicPostingView {
  postingCode: string;
  address: { estate: string | null; building: string; unit: string; room: string; full: string };
  region: { community: string | null; grid: string | null };
  landlord: { name: string; mobile: string | null };
  lease: { start: string | null; end: string | null };
  tenantCount: number;
  purpose: RentalPurpose;
  purposeLabel: string;
}

export interface FloorPlanCell {
  dwellingId: number;
  unitNumber: number;
  number: string;
  occupancy: Occupancy;
  area: number | null;
  /** Residents living there. */
  residents: number;
  /** Care-group codes present among them. */
  tags: string[];
  /** An active lease exists. */
  rental: boolean;
}

/**
 * 楼盘表: floors from the top down; `cells[i]` holds the dwellings of `units[i]` on that floor
 * (usually one to four), ordered by room number.
 */
export interface FloorPlanView {
  building: BuildingView;
  units: { number: number; label: string }[];
  floors: { floor: number; cells: FloorPlanCell[][] }[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface GenerateResult {
  created: number;
  skipped: number;
}

/** How offices write a dwelling's address: 幸福小区 3栋 2单元 302 (no estate for a street building). */
export function dwellingAddress(estate: string | null, building: string, unit: number, room: string): string {
  const b = /[栋幢号楼座]$/.test(building) ? building : `${building}栋`;
  return [estate, b, `${unit}单元`, room].filter(Boolean).join(' ');
}
