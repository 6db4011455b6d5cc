// Residents, households and care groups over /api/v1 (wire types come from the server's views file).
import { api, buildUrl } from '../../api/client';
import type { CareGroupView, HouseholdView, ResidentDetail, ResidentList, ResidentPii } from '../../api/types';
import type { DwellingView, Page } from '../../../../src/modules/registry/housing.views';

/** The list's filters, as the list endpoint and the export both take them. */
export interface ResidentFilters {
  regionId?: number;
  residenceType?: string;
  tags?: string[];
  seasonal?: boolean;
  q?: string;
}

export const filterQuery = (f: ResidentFilters) => ({
  regionId: f.regionId,
  residenceType: f.residenceType,
  tags: f.tags && f.tags.length ? f.tags.join(',') : undefined,
  seasonal: f.seasonal,
  q: f.q?.trim() || undefined,
});

/** What the create/edit form sends (ResidentInput over the API: places by id). */
export interface ResidentBody {
  name: string;
  gender?: string;
  ethnicity: string;
  birthDate?: string;
  idType: string;
  idNumber: string;
  mobile?: string | null;
  residenceType: string;
  regionId?: number;
  dwellingId?: number | null;
  householdId?: number | null;
  householdRole: string;
  employer?: string;
  politicalStatus?: string;
  tags: string[];
  seasonal: boolean;
  note?: string;
}

export interface MoveBody {
  version: number;
  dwellingId?: number;
  regionId?: number;
  householdId?: number;
  newHousehold?: boolean;
  newHeadResidentId?: number;
  householdRole: string;
  movedOn: string;
  reason?: string;
}

export interface ArchiveBody {
  version: number;
  leftReason: string;
  on: string;
}

export interface StayInput {
  arriveOn: string;
  leaveOn: string | null;
  note: string;
}

export const residentsApi = {
  list: (f: ResidentFilters, limit: number, offset: number) => api.get<ResidentList>('/residents', { ...filterQuery(f), limit, offset }),
  get: (id: number) => api.get<ResidentDetail>(`/residents/${id}`),
  pii: (id: number) => api.get<ResidentPii>(`/residents/${id}/pii`),
  create: (body: ResidentBody) => api.post<ResidentDetail>('/residents', body),
  update: (id: number, version: number, body: Partial<ResidentBody>) => api.patch<ResidentDetail>(`/residents/${id}`, { version, ...body }),
  move: (id: number, body: MoveBody) => api.post<ResidentDetail>(`/residents/${id}/move`, body),
  archive: (id: number, body: ArchiveBody) => api.post<ResidentDetail>(`/residents/${id}/archive`, body),
  restore: (id: number, version: number) => api.post<ResidentDetail>(`/residents/${id}/restore`, { version }),
  stays: (id: number, stays: StayInput[]) => api.put<ResidentDetail>(`/residents/${id}/stays`, { stays }),
  household: (id: number) => api.get<HouseholdView>(`/households/${id}`),
  exportUrl: (f: ResidentFilters) => buildUrl('/registry/exports/resident', filterQuery(f)),
};

export const dwellingsApi = {
  search: (q: string, limit = 20) => api.get<Page<DwellingView>>('/dwellings', { q, limit }),
};

export const careGroupsApi = {
  list: () => api.get<{ items: CareGroupView[] }>('/care-groups'),
  create: (body: { code: string; nameZh: string; nameEn: string; sort?: number }) => api.post<CareGroupView>('/care-groups', body),
  update: (code: string, body: { nameZh?: string; nameEn?: string; sort?: number; active?: boolean }) => api.patch<CareGroupView>(`/care-groups/${encodeURIComponent(code)}`, body),
};
