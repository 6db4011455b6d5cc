// Wire shapes of party organizations (党组织) and their officers. Dependency-free on purpose: the
// web app imports these types too.
import type { PartyWarning } from './rules.views.ts';

export interface NamedRef {
  id: number;
  name: string;
}

export interface PartyRegionRef {
  id: number;
  name: string;
  level: number;
  path: string;
}

export interface PartyOrgView {
  id: number;
  parentId: number | null;
  /** streetWorkingCommittee | committee | generalBranch | branch | group | temporaryBranch */
  kind: string;
  kindLabel: string;
  name: string;
  /** region | estate | building | institution */
  attachKind: string;
  attachKindLabel: string;
  region: PartyRegionRef;
  estate: NamedRef | null;
  building: NamedRef | null;
  /** The resident institution (驻区单位) the organization belongs to. */
  institution: NamedRef | null;
  /** 大工委 / 大党委: takes part-time members from resident institutions. */
  joint: boolean;
  establishedOn: string | null;
  /** Temporary branches only. */
  startOn: string | null;
  endOn: string | null;
  note: string;
  secretary: { memberId: number; name: string } | null;
  /** Active members recorded in this organization itself. */
  memberCount: number;
  /** Active members of this organization and every organization under it. */
  memberCountTotal: number;
  version: number;
  archivedAt: string | null;
}

export interface PartyOfficerView {
  memberId: number;
  name: string;
  /** secretary | deputySecretary | committeeMember */
  role: string;
  roleLabel: string;
  fromOn: string | null;
  /** The organization the officer is a member of (this one or one under it). */
  org: NamedRef;
}

export interface PartyOrgDetail extends PartyOrgView {
  officers: PartyOfficerView[];
  children: PartyOrgView[];
  /** The rules' warnings about this organization (too large, temporary branch past its end). */
  warnings: PartyWarning[];
}

export interface PartyOrgInput {
  parentId?: number | null;
  kind: string;
  name: string;
  regionId?: number | null;
  attachKind?: string | null;
  estateId?: number | null;
  buildingId?: number | null;
  institutionId?: number | null;
  joint?: boolean;
  establishedOn?: string | null;
  startOn?: string | null;
  endOn?: string | null;
  note?: string;
}
