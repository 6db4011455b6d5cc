// Wire shapes of leader contacts (三联系): a leader linked to a street, a community or an
// enterprise, with the contact visits logged. Dependency-free: the web app imports these types too.

export interface Ref {
  id: number;
  name: string;
}

/** 'region': a street or community; 'organization': an enterprise or institution (registry organization). */
export type ContactTargetKind = 'region' | 'organization';

export interface LeaderContactView {
  id: number;
  leader: { userId: number | null; name: string; post: string };
  targetKind: ContactTargetKind;
  region: Ref & { level: number };
  organization: (Ref & { kind: string }) | null;
  fromOn: string;
  toOn: string | null;
  current: boolean;
  visitCount: number;
  lastVisitOn: string | null;
  /** Days since the last visit (or since the contact began, when never visited); null once ended. */
  daysSinceVisit: number | null;
  version: number;
}

export interface ContactVisitView {
  id: number;
  visitedOn: string;
  note: string;
  problems: string;
}

export interface LeaderContactDetail extends LeaderContactView {
  visits: ContactVisitView[];
}

export interface LeaderContactInput {
  leaderUserId?: number | null;
  leaderName: string;
  leaderPost?: string;
  targetKind: ContactTargetKind;
  /** The street or community (targetKind 'region'); for an organization, its region (may be omitted). */
  regionId?: number;
  organizationId?: number | null;
  fromOn: string;
}

export interface ContactVisitInput {
  visitedOn: string;
  note?: string;
  problems?: string;
}
