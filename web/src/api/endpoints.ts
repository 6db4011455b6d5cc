// One function per API operation, grouped by server module.
import { api, buildUrl } from './client';
import type {
  AuditEntry, AuditQuery, Department, ImportResult, Items, LocateResult, Page, RegionDetail, RegionFeatureCollection,
  RegionSearchItem, RegionSummary, SplitRequest, UserCreate, UserPatch, UserView, VerifyResult, Boundary, ZoneInput, ZoneView,
} from './types';

export const authApi = {
  login: (login: string, password: string) => api.post<{ user: UserView }>('/auth/login', { login, password }),
  logout: () => api.post<void>('/auth/logout'),
  me: () => api.get<{ user: UserView }>('/auth/me'),
  changePassword: (oldPassword: string, newPassword: string) => api.post<void>('/auth/password', { oldPassword, newPassword }),
};

export interface RegionCreate {
  parentId: number;
  name: string;
  kind: string;
  code?: string;
  boundary?: Boundary;
  attributes?: Record<string, unknown>;
}
export interface RegionPatch {
  version: number;
  name?: string;
  kind?: string;
  boundary?: Boundary;
  attributes?: Record<string, unknown>;
}

export const regionsApi = {
  roots: () => api.get<Items<RegionSummary>>('/regions/roots'),
  search: (q: string, level?: number, limit = 20) => api.get<Items<RegionSearchItem>>('/regions/search', { q, level, limit }),
  get: (id: number) => api.get<RegionDetail>(`/regions/${id}`),
  children: (id: number, includeArchived = false) => api.get<Items<RegionSummary>>(`/regions/${id}/children`, { includeArchived }),
  geojson: (id: number, depth = 2) => api.get<RegionFeatureCollection>(`/regions/${id}/geojson`, { depth }),
  audit: (id: number) => api.get<Items<AuditEntry>>(`/regions/${id}/audit`),
  create: (body: RegionCreate) => api.post<RegionDetail>('/regions', body),
  update: (id: number, body: RegionPatch) => api.patch<RegionDetail>(`/regions/${id}`, body),
  move: (id: number, newParentId: number) => api.post<RegionDetail>(`/regions/${id}/move`, { newParentId }),
  merge: (id: number, otherId: number) => api.post<RegionDetail>(`/regions/${id}/merge`, { otherId }),
  split: (id: number, body: SplitRequest) => api.post<Items<RegionDetail>>(`/regions/${id}/split`, body),
  archive: (id: number) => api.post<RegionDetail>(`/regions/${id}/archive`),
  restore: (id: number) => api.post<RegionDetail>(`/regions/${id}/restore`),
  locate: (lng: number, lat: number) => api.get<LocateResult>('/regions/locate', { lng, lat }),
  exportUrl: (rootId: number | undefined, format: 'geojson' | 'xlsx') => buildUrl('/regions/export', { rootId, format }),
  /** All or nothing: 400 IMPORT_INVALID carries one problem per bad feature/row in `details`. */
  importFile: (file: Blob, format: 'geojson' | 'xlsx') => api.upload<ImportResult>('/regions/import', file, { format }),
};

export const zonesApi = {
  list: (communityId: number) => api.get<Items<ZoneView>>(`/regions/${communityId}/zones`),
  create: (communityId: number, body: ZoneInput) => api.post<ZoneView>(`/regions/${communityId}/zones`, body),
  update: (id: number, version: number, body: ZoneInput) => api.put<ZoneView>(`/zones/${id}`, { version, ...body }),
  archive: (id: number) => api.post<void>(`/zones/${id}/archive`),
};

export const auditApi = {
  list: (q: AuditQuery) => api.get<Page<AuditEntry>>('/audit', { ...q }),
  verify: () => api.post<VerifyResult>('/audit/verify'),
};

export const usersApi = {
  list: (q: { q?: string; limit?: number; offset?: number }) => api.get<Page<UserView>>('/users', q),
  create: (body: UserCreate) => api.post<UserView>('/users', body),
  update: (id: number, body: UserPatch) => api.patch<UserView>(`/users/${id}`, body),
  resetPassword: (id: number, password: string) => api.post<void>(`/users/${id}/reset-password`, { password }),
  unlock: (id: number) => api.post<void>(`/users/${id}/unlock`),
};

export const departmentsApi = {
  list: () => api.get<Items<Department>>('/departments'),
  create: (body: { code: string; name: string; serviceAreaId: number }) => api.post<Department>('/departments', body),
  update: (id: number, body: { name?: string; serviceAreaId?: number }) => api.patch<Department>(`/departments/${id}`, body),
};
