// Wire types of residents, households and care groups, as the API answers them. The web imports
// this file, so it must not import anything from the server. Personal data is always masked here;
// the full values come only from GET /residents/:id/pii (ResidentPii).

export type GenderCode = 'male' | 'female';
export type ResidenceTypeCode = 'registered' | 'migrant' | 'foreign';

export interface RegionRef {
  id: number;
  code: string;
  name: string;
  level: number;
}

export interface TagView {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface ResidentListItem {
  id: number;
  name: string;
  gender: GenderCode;
  age: number;
  birthDate: string;
  idType: string;
  idNumberMasked: string;
  mobileMasked: string | null;
  residenceType: ResidenceTypeCode;
  tags: string[];
  seasonal: boolean;
  region: RegionRef | null;
  householdId: number | null;
  householdRole: string;
  dwellingId: number | null;
  /** Readable address: estate, building, unit, room (or the building's street address). */
  address: string;
  archived: boolean;
  leftReason: string | null;
}

export interface ResidentList {
  items: ResidentListItem[];
  /** Exact when `totalCapped` is false; otherwise "more than 10,000". */
  total: number;
  totalCapped: boolean;
}

export interface HouseholdMember {
  id: number;
  name: string;
  gender: GenderCode;
  age: number;
  householdRole: string;
  idNumberMasked: string;
}

export interface DwellingRef {
  id: number;
  floor: number;
  unitNumber: number;
  number: string;
  occupancy: string;
  building: { id: number; number: string; address: string };
  estate: { id: number; name: string } | null;
}

export interface StayView {
  id: number;
  arriveOn: string;
  leaveOn: string | null;
  note: string;
}

export interface MoveView {
  id: number;
  /** 'moveIn' | 'move' | 'moveOut' | 'deceased' | 'return' */
  kind: string;
  movedOn: string;
  reason: string;
  from: { region: RegionRef | null; dwellingId: number | null; householdId: number | null };
  to: { region: RegionRef | null; dwellingId: number | null; householdId: number | null };
  byUserId: number | null;
  createdAt: string;
}

export interface ResidentDetail extends Omit<ResidentListItem, 'tags'> {
  ethnicity: string;
  employer: string;
  politicalStatus: string;
  note: string;
  tags: TagView[];
  /** Root first, down to the resident's own grid or micro-grid. */
  breadcrumb: RegionRef[];
  dwelling: DwellingRef | null;
  household: HouseholdView | null;
  stays: StayView[];
  moves: MoveView[];
  version: number;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export interface ResidentPii {
  id: number;
  idNumber: string;
  mobile: string | null;
}

export interface HouseholdView {
  id: number;
  number: string;
  region: RegionRef | null;
  dwellingId: number | null;
  address: string;
  head: { id: number; name: string } | null;
  members: HouseholdMember[];
  memberCount: number;
  archived: boolean;
  version: number;
}

export interface HouseholdList {
  items: Omit<HouseholdView, 'members'>[];
  total: number;
  totalCapped: boolean;
}

export interface CareGroupView {
  code: string;
  nameZh: string;
  nameEn: string;
  sort: number;
  active: boolean;
}
