// Wire shapes of places (场所), organizations (组织) and assets (部件). Dependency-free on purpose:
// the web app imports these types too. Personal data (mobiles, ID numbers) is always masked here;
// the full value comes only from the separate `/pii` endpoints.

/** Where a row sits in the governance tree. */
export interface RegionRef {
  id: number;
  code: string;
  name: string;
  level: number;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface PlaceView {
  id: number;
  region: RegionRef;
  name: string;
  kind: string;
  kindLabel: string;
  address: string;
  creditCode: string | null;
  contactName: string | null;
  /** Masked, e.g. 138****5678. */
  contactMobile: string | null;
  employees: number | null;
  buildingId: number | null;
  lng: number | null;
  lat: number | null;
  status: 'normal' | 'closed';
  version: number;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PlacePiiView {
  id: number;
  contactMobile: string | null;
}

export interface OrganizationView {
  id: number;
  region: RegionRef;
  kind: string;
  kindLabel: string;
  subkind: string | null;
  subkindLabel: string | null;
  name: string;
  creditCode: string | null;
  address: string;
  leaderResidentId: number | null;
  leaderName: string | null;
  /** Masked. */
  contactMobile: string | null;
  estate: { id: number; name: string } | null;
  placeId: number | null;
  /**
   * 红色业委会, owners' committees only (null for other kinds): party members (by political status)
   * are more than half of the members whose resident record is active; exactly half is not.
   */
  partyLed: boolean | null;
  /** The numbers behind `partyLed`, e.g. '党员 3/5 人'; empty for other kinds. */
  partyLedNote: string;
  description: string;
  memberCount: number;
  version: number;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface OrganizationMemberView {
  residentId: number;
  name: string;
  /** Masked ID number. */
  idNumber: string;
  role: string;
  roleLabel: string;
  joinedOn: string | null;
}

export interface OrganizationDetailView extends OrganizationView {
  members: OrganizationMemberView[];
  leader: OrganizationMemberView | null;
}

export interface AssetView {
  id: number;
  region: RegionRef;
  code: string;
  category: string;
  categoryLabel: string;
  subcategory: string;
  name: string;
  department: { id: number; code: string; name: string } | null;
  address: string;
  lng: number;
  lat: number;
  status: 'normal' | 'damaged' | 'lost' | 'removed';
  statusLabel: string;
  attributes: Record<string, unknown>;
  version: number;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}
