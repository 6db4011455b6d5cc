// Every workforce endpoint over /api/v1 (workers, positions, teams, visits, rules, reviews).
// Wire types: local until the server's views files exist (then imported from them).
import { api, buildUrl, type Query } from '../api/client';
import type { PositionKind } from '../../../src/modules/workforce/workforce.model';

export type { PositionKind };

import type {
  Gap, GridTeamRow, GridTeamView, MeGrid, PositionInput, PositionView, Ref, StationedTeamView, TeamInput, TeamMemberView, TeamPerson, WorkerInput, WorkerView,
} from '../../../src/modules/workforce/workers.views';
import type { FindingInput, FindingView, MeView, VisitDetail, VisitHousehold, VisitPerson, VisitView } from '../../../src/modules/workforce/visits.views';
import type {
  PairedDeputyFlag, PairedDeputyView, Rule5310Item, Rule5310View, StationedRuleItem, StationedRuleView, WorkforceRules,
} from '../../../src/modules/workforce/rules.views';

export type {
  Gap, GridTeamRow, GridTeamView, MeGrid, PositionInput, PositionView, Ref, StationedTeamView, TeamInput, TeamMemberView, TeamPerson, WorkerInput, WorkerView,
  FindingInput, FindingView, MeView, VisitDetail, VisitHousehold, VisitPerson, VisitView,
  PairedDeputyFlag, PairedDeputyView, Rule5310Item, Rule5310View, StationedRuleItem, StationedRuleView, WorkforceRules,
};
export type DeputyFlag = PairedDeputyFlag;
export interface Bilingual { zh: string; en: string }
export interface VisitFilters {
  regionId?: number;
  workerId?: number;
  from?: string;
  to?: string;
  outside?: boolean;
}

import type { ReviewDirection, ReviewInput, ReviewRankingItem, ReviewRankingView, ReviewSubjectKind, ReviewView } from '../../../src/modules/workforce/reviews.views';

export type { ReviewDirection, ReviewInput, ReviewSubjectKind, ReviewView };
export type RankingItem = ReviewRankingItem;
export type RankingView = ReviewRankingView;

const clean = (q: object): Query => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Query;

export const workersApi = {
  list: (q: { regionId?: number; q?: string; kind?: string; limit?: number; offset?: number }) =>
    api.get<{ items: WorkerView[]; total: number }>('/workforce/workers', clean({ ...q, q: q.q?.trim() })),
  get: (id: number) => api.get<WorkerView>(`/workforce/workers/${id}`),
  create: (body: WorkerInput) => api.post<WorkerView>('/workforce/workers', body),
  update: (id: number, version: number, body: Partial<WorkerInput>) => api.patch<WorkerView>(`/workforce/workers/${id}`, { version, ...body }),
  archive: (id: number, version: number) => api.post<WorkerView>(`/workforce/workers/${id}/archive`, { version }),
  /** The full mobile (needs pii.read; audited). */
  reveal: (id: number) => api.post<{ mobile: string | null }>(`/workforce/workers/${id}/reveal`),
};

export const positionsApi = {
  list: (q: { regionId?: number; kind?: string; current?: boolean }) => api.get<{ items: PositionView[]; total?: number }>('/workforce/positions', clean(q)),
  create: (body: PositionInput) => api.post<PositionView>('/workforce/positions', body),
  end: (id: number, version: number | undefined, endOn: string) => api.post<PositionView>(`/workforce/positions/${id}/end`, { version, endOn }),
};

export const teamsApi = {
  list: (regionId?: number, includeEnded?: boolean) => api.get<{ items: StationedTeamView[] }>('/workforce/teams', clean({ regionId, includeEnded })),
  create: (body: TeamInput) => api.post<StationedTeamView>('/workforce/teams', body),
  update: (id: number, version: number | undefined, body: Partial<Omit<TeamInput, 'regionId'>>) => api.patch<StationedTeamView>(`/workforce/teams/${id}`, { version, ...body }),
  end: (id: number, version: number | undefined, endOn: string) => api.post<StationedTeamView>(`/workforce/teams/${id}/end`, { version, endOn }),
  grid: (gridId: number) => api.get<GridTeamView>(`/workforce/grids/${gridId}/team`),
  /** Every grid under the region (the page sorts gaps first itself). */
  grids: (regionId?: number) => api.get<{ items: GridTeamRow[]; total: number }>('/workforce/grid-teams', clean({ regionId, limit: 1000 })),
};

export const visitsApi = {
  me: () => api.get<MeView>('/workforce/me'),
  list: (f: VisitFilters, limit = 50, offset = 0) => api.get<{ items: VisitView[]; total: number }>('/workforce/visits', clean({ ...f, limit, offset })),
  get: (id: number) => api.get<VisitDetail>(`/workforce/visits/${id}`),
  checkIn: (body: { regionId: number; lng?: number; lat?: number; purpose?: string; teamId?: number }) => api.post<VisitView>('/workforce/visits/check-in', body),
  checkOut: (id: number, body: { lng?: number; lat?: number; notes?: string }) => api.post<VisitView>(`/workforce/visits/${id}/check-out`, body),
  people: (id: number, residentIds: number[], householdIds: number[]) => api.put<VisitDetail>(`/workforce/visits/${id}/people`, { residentIds, householdIds }),
  finding: (id: number, body: FindingInput) =>
    api.post<FindingView>(`/workforce/visits/${id}/findings`, body),
  /** Turn a finding noted earlier into a case. */
  findingToCase: (id: number, findingId: number, body: NonNullable<FindingInput['toCase']>) =>
    api.post<FindingView>(`/workforce/visits/${id}/findings/${findingId}/case`, body),
};

export const rulesApi = {
  rule5310: (q: { regionId?: number; week: string }) => api.get<Rule5310View>('/workforce/rules/5310', clean(q)),
  export5310Url: (q: { regionId?: number; week: string }) => buildUrl('/workforce/rules/5310/export', clean(q)),
  stationed: (q: { regionId?: number; week: string }) => api.get<StationedRuleView>('/workforce/rules/stationed', clean(q)),
  deputies: (q: { regionId?: number; from: string; to: string }) => api.get<PairedDeputyView>('/workforce/rules/paired-deputies', clean(q)),
  get: () => api.get<WorkforceRules>('/workforce/rules'),
};

export const reviewsApi = {
  list: (q: { quarter: string; regionId?: number; subjectKind?: ReviewSubjectKind }) => api.get<{ items: ReviewView[] }>('/workforce/reviews', clean(q)),
  save: (body: ReviewInput) => api.post<ReviewView>('/workforce/reviews', body),
  ranking: (q: { quarter: string; regionId?: number; subjectKind?: ReviewSubjectKind }) => api.get<RankingView>('/workforce/reviews/ranking', clean(q)),
};
