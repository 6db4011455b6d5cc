// Places (场所), organizations (组织) and assets (部件) endpoints, as the web app calls them.
import { api, type Query } from '../../api/client';
import type { AssetView, OrganizationDetailView, OrganizationView, Page, PlaceView } from '../../api/types';

export interface PlaceBody {
  regionId?: number | null; name?: string; kind?: string; address?: string; creditCode?: string | null; contactName?: string | null;
  contactMobile?: string | null; employees?: number | null; lng?: number | null; lat?: number | null; status?: string;
}
export interface OrgBody {
  regionId?: number; kind?: string; subkind?: string | null; name?: string; creditCode?: string | null; address?: string;
  leaderName?: string | null; contactMobile?: string | null; estateId?: number | null; description?: string;
}
export interface AssetBody {
  code?: string | null; category?: string; subcategory?: string; name?: string; lng?: number; lat?: number; address?: string;
  departmentId?: number | null; status?: string;
}
export interface MemberBody { residentId: number; role: string; joinedOn?: string | null }

export const placesApi = {
  places: (q: Query) => api.get<Page<PlaceView>>('/places', q),
  createPlace: (b: PlaceBody) => api.post<PlaceView>('/places', b),
  updatePlace: (id: number, version: number, b: PlaceBody) => api.patch<PlaceView>(`/places/${id}`, { version, ...b }),

  organizations: (q: Query) => api.get<Page<OrganizationView>>('/organizations', q),
  organization: (id: number) => api.get<OrganizationDetailView>(`/organizations/${id}`),
  createOrganization: (b: OrgBody) => api.post<OrganizationDetailView>('/organizations', b),
  updateOrganization: (id: number, version: number, b: OrgBody) => api.patch<OrganizationDetailView>(`/organizations/${id}`, { version, ...b }),
  setMembers: (id: number, members: MemberBody[]) => api.put<OrganizationDetailView>(`/organizations/${id}/members`, { members }),

  assets: (q: Query) => api.get<Page<AssetView>>('/assets', q),
  createAsset: (b: AssetBody) => api.post<AssetView>('/assets', b),
  updateAsset: (id: number, version: number, b: AssetBody) => api.patch<AssetView>(`/assets/${id}`, { version, ...b }),

  /** Residents by name / ID tail, for the members editor. */
  residents: (q: string) => api.get<{ items: { id: number; name: string; idNumberMasked: string; address: string }[] }>('/residents', { q, limit: 20 }),
};
