// Housing endpoints (小区/楼栋/房屋/出租屋) and the public door sign, as the web app calls them.
import { api, buildUrl, type Query } from '../../api/client';
import type {
  BuildingDetailView, BuildingView, DwellingDetailView, DwellingView, EstateDetailView, EstateGeometry, EstateView, FloorPlanView,
  GenerateResult, Page, PublicPostingView, RentalDetailView, RentalView, OrganizationView,
} from '../../api/types';

export interface EstateBody {
  regionId?: number;
  name?: string;
  address?: string;
  propertyCompanyId?: number | null;
  hasSecurity?: boolean;
  hasEnclosure?: boolean;
  age?: string;
  builtYear?: number | null;
  geometry?: EstateGeometry | null;
}
export interface BuildingBody {
  regionId?: number;
  estateId?: number | null;
  number?: string;
  address?: string;
  floors?: number;
  basementFloors?: number;
  unitCount?: number;
  use?: string;
  builtYear?: number | null;
  lng?: number | null;
  lat?: number | null;
}
export interface RentalBody {
  dwellingId?: number;
  landlordName?: string;
  landlordMobile?: string | null;
  leaseStart?: string | null;
  leaseEnd?: string | null;
  monthlyRent?: number | null;
  purpose?: string;
}
export interface GenerateBody {
  floors: [number, number];
  perUnitPerFloor: number;
  area?: number;
  use?: string;
}

export const housingApi = {
  estates: (q: Query) => api.get<Page<EstateView>>('/estates', q),
  estate: (id: number) => api.get<EstateDetailView>(`/estates/${id}`),
  createEstate: (b: EstateBody) => api.post<EstateView>('/estates', b),
  updateEstate: (id: number, version: number, b: EstateBody) => api.patch<EstateView>(`/estates/${id}`, { version, ...b }),
  propertyCompanies: (q?: string) => api.get<Page<OrganizationView>>('/organizations', { kind: 'propertyCompany', q, limit: 50 }),

  buildings: (q: Query) => api.get<Page<BuildingView>>('/buildings', q),
  building: (id: number) => api.get<BuildingDetailView>(`/buildings/${id}`),
  createBuilding: (b: BuildingBody) => api.post<BuildingView>('/buildings', b),
  updateBuilding: (id: number, version: number, b: BuildingBody) => api.patch<BuildingView>(`/buildings/${id}`, { version, ...b }),
  floorPlan: (id: number) => api.get<FloorPlanView>(`/buildings/${id}/floor-plan`),
  generate: (id: number, b: GenerateBody) => api.post<GenerateResult>(`/buildings/${id}/dwellings/generate`, b),

  dwellings: (q: Query) => api.get<Page<DwellingView>>('/dwellings', q),
  dwelling: (id: number) => api.get<DwellingDetailView>(`/dwellings/${id}`),
  updateDwelling: (id: number, version: number, b: { occupancy?: string; area?: number | null; use?: string }) =>
    api.patch<DwellingView>(`/dwellings/${id}`, { version, ...b }),

  rentals: (q: Query) => api.get<Page<RentalView>>('/rentals', q),
  rental: (id: number) => api.get<RentalDetailView>(`/rentals/${id}`),
  createRental: (b: RentalBody) => api.post<RentalView>('/rentals', b),
  endRental: (id: number, endedOn: string, version: number, occupancy?: string) =>
    api.post<RentalView>(`/rentals/${id}/end`, { endedOn, version, ...(occupancy ? { occupancy } : {}) }),

  /** No session needed: the door sign is public. */
  posting: (code: string) => api.get<PublicPostingView>(`/public/rentals/${encodeURIComponent(code)}`),
};

/** 导出: the filtered list as Excel (masked), a plain download with the session cookie. */
export const exportUrl = (entity: string, q: Query) => buildUrl(`/registry/exports/${entity}`, q);
