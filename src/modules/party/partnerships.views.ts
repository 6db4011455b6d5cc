// Wire shapes of partnerships (结对共建): a community's party organization paired with a resident
// institution (and that institution's party organization), with terms, dates and an activity log.
// Dependency-free: the web app imports these types too.
import type { PartnershipStatus } from './joint.rules.ts';

export type { PartnershipStatus };

export interface Ref {
  id: number;
  name: string;
}

export interface PartnershipView {
  id: number;
  org: Ref;
  institution: Ref;
  partnerOrg: Ref | null;
  region: Ref;
  title: string;
  terms: string;
  startOn: string;
  endOn: string | null;
  /** On today's date: upcoming, active, ended (past its end date) or archived. */
  status: PartnershipStatus;
  activityCount: number;
  lastActivityOn: string | null;
  participants: number;
  version: number;
  archivedAt: string | null;
}

export interface PartnershipActivityView {
  id: number;
  heldOn: string;
  title: string;
  note: string;
  participants: number;
}

export interface PartnershipDetail extends PartnershipView {
  activities: PartnershipActivityView[];
}

export interface PartnershipInput {
  orgId: number;
  institutionId: number;
  partnerOrgId?: number | null;
  title: string;
  terms?: string;
  startOn: string;
  endOn?: string | null;
}

export interface PartnershipActivityInput {
  heldOn: string;
  title: string;
  note?: string;
  participants?: number;
}
