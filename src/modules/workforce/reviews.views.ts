// Wire types of the quarterly two-way reviews (双向评价). Exported for the web app (types only).

export type ReviewSubjectKind = 'pairedDeputy' | 'stationedTeam';
export type ReviewDirection = 'communityRatesSubject' | 'subjectRatesCommunity';

export interface ReviewInput {
  /** '2026Q3' */
  quarter: string;
  subjectKind: ReviewSubjectKind;
  /** workers.id for a paired deputy, stationed_teams.id for a team. */
  subjectId: number;
  direction: ReviewDirection;
  communityId: number;
  /** 0–100, one decimal. */
  score: number;
  comment?: string;
  /** When given, the existing review must still be at this version (409 otherwise). */
  version?: number;
}

export interface ReviewView {
  id: number;
  quarter: string;
  subject: { kind: ReviewSubjectKind; kindLabel: string; id: number; name: string };
  direction: ReviewDirection;
  directionLabel: string;
  community: { id: number; name: string };
  score: number;
  comment: string;
  reviewer: { id: number; name: string } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ReviewRankingItem {
  rank: number;
  subject: { kind: ReviewSubjectKind; id: number; name: string };
  /** The communities' average score (communityRatesSubject reviews), two decimals. */
  score: number;
  reviews: number;
  excellent: boolean;
}

export interface ReviewRankingGroup {
  subjectKind: ReviewSubjectKind;
  subjects: number;
  /** ceil(subjects × excellentShare) */
  cut: number;
  excellentCount: number;
  /** A tie at the cut made more subjects excellent than the cut. */
  tiesAtCut: boolean;
}

export interface ReviewRankingView {
  quarter: string;
  region: { id: number; name: string; level: number } | null;
  excellentShare: number;
  /** Ranked within each subject kind (kinds in the order pairedDeputy, stationedTeam). */
  items: ReviewRankingItem[];
  excellentCount: number;
  groups: ReviewRankingGroup[];
}
