// Every case-loop endpoint over /api/v1, typed with the server's wire views.
import { api, buildUrl, type Query } from '../api/client';
import type {
  CaseReportBody,
  CaseDetail, CaseEventView, CaseListItem, CasePhotoView, CategoryView, NamedRef, PublicCaseView, TimeUnit,
} from '../../../src/modules/cases/cases.views';
import type { CaseAction, CaseSource, HandlingMode, Satisfaction } from '../../../src/modules/cases/cases.workflow';

export type { CaseDetail, CaseEventView, CaseListItem, CasePhotoView, CategoryView, NamedRef, PublicCaseView, TimeUnit };

/** The list filters, as GET /cases and GET /cases/export both take them. */
export interface CaseFilters {
  view?: 'desk' | 'mine' | 'all';
  status?: string;
  level?: string;
  categoryId?: number;
  mode?: string;
  timerState?: string;
  departmentId?: number;
  regionId?: number;
  q?: string;
  from?: string;
  to?: string;
}

const filterQuery = (f: CaseFilters): Query => ({ ...f, q: f.q?.trim() || undefined });

export type CaseInput = CaseReportBody;

/** What a step may carry; which fields a step must carry is in the transition table. */
export interface ActionInput {
  version: number;
  reason?: string;
  note?: string;
  categoryId?: number;
  mode?: HandlingMode;
  urgency?: 'normal' | 'urgent';
  duplicateOfId?: number;
  result?: string;
  target?: { departmentId?: number | null; assistDepartmentIds?: number[] };
  extension?: { amount: number; unit: TimeUnit };
  reviewOn?: string;
  satisfaction?: Satisfaction;
  departmentIds?: number[];
  hours?: number;
}

export interface Suggestion {
  mode: HandlingMode;
  department: NamedRef | null;
  reason: string;
}

/** Body of POST/PATCH /case-categories (the editable fields of CategoryView). */
export interface CategoryInput {
  code?: string;
  parentCode?: string | null;
  nameZh?: string;
  nameEn?: string;
  defaultDepartmentCode?: string | null;
  defaultMode?: HandlingMode | null;
  dispatch?: { amount: number; unit: TimeUnit };
  respond?: { amount: number; unit: TimeUnit };
  handle?: { amount: number; unit: TimeUnit };
  verify?: { amount: number; unit: TimeUnit };
  urgentHandleHours?: number;
  similarRadiusM?: number;
  similarDays?: number;
  sortOrder?: number;
  archived?: boolean;
}

export type PhotoKind = CasePhotoView['kind'];

export const casesApi = {
  list: (f: CaseFilters, limit = 50, offset = 0) => api.get<{ items: CaseListItem[]; total: number }>('/cases', { ...filterQuery(f), limit, offset }),
  get: (id: number) => api.get<CaseDetail>(`/cases/${id}`),
  similar: (id: number) => api.get<CaseListItem[]>(`/cases/${id}/similar`),
  /** With caseId, the case's district decides the suggested department (else the caller's). */
  suggest: (categoryId: number, urgency?: 'normal' | 'urgent', caseId?: number) => api.get<Suggestion>('/cases/suggest', { categoryId, urgency, caseId }),
  create: (body: CaseInput) => api.post<CaseDetail>('/cases', body),
  act: (id: number, action: CaseAction, body: ActionInput) => api.post<CaseDetail>(`/cases/${id}/actions/${action}`, body),
  /** The image goes as raw bytes; the server checks its magic bytes and size. */
  uploadPhoto: (id: number, kind: PhotoKind, file: Blob) => api.upload<CasePhotoView>(`/cases/${id}/photos`, file, { kind }),
  photoUrl: (p: CasePhotoView) => (p.url.startsWith('/api/') ? p.url : `/api/v1${p.url.startsWith('/') ? '' : '/'}${p.url}`),
  exportUrl: (f: CaseFilters) => buildUrl('/cases/export', filterQuery(f)),
};

export const categoriesApi = {
  /** all: archived rows too (the catalogue page). */
  tree: (all = false) => api.get<CategoryView[]>('/case-categories', { all: all ? '1' : undefined }),
  create: (body: CategoryInput) => api.post<CategoryView>('/case-categories', body),
  update: (id: number, body: CategoryInput) => api.patch<CategoryView>(`/case-categories/${id}`, body),
  /** Active categories, names only, without an account (the resident's report page). */
  publicTree: () => api.get<CategoryView[]>('/public/case-categories'),
};

export const publicCasesApi = {
  report: (body: { title: string; description: string; categoryId?: number; lng: number; lat: number; address?: string; reporterName?: string; reporterMobile: string; anonymous?: boolean }) =>
    api.post<{ code: string }>('/public/cases', body),
  uploadPhoto: (code: string, mobile: string, file: Blob) => api.upload<CasePhotoView>(`/public/cases/${encodeURIComponent(code)}/photos`, file, { mobile, kind: 'scene' }),
  follow: (code: string, mobile: string) => api.get<PublicCaseView>(`/public/cases/${encodeURIComponent(code)}`, { mobile }),
  feedback: (code: string, body: { mobile: string; satisfaction: Satisfaction; note?: string }) => api.post<PublicCaseView>(`/public/cases/${encodeURIComponent(code)}/feedback`, body),
};
