// Wire shapes of party members (党员) and their membership history. Dependency-free on purpose:
// the web app imports these types too. Mobiles are masked here; the full value comes only from
// POST /party/members/:id/reveal (pii.read, audited).
import type { NamedRef } from './orgs.views.ts';

export interface PartyMemberView {
  id: number;
  name: string;
  /** male | female */
  gender: string;
  birthDate: string | null;
  /** e.g. 138****5678 */
  mobileMasked: string | null;
  /** inService | retired | mobile | seasonal */
  kind: string;
  kindLabel: string;
  /** full | probationary */
  standing: string;
  standingLabel: string;
  org: NamedRef;
  /** The resident record, when the member lives in the area. */
  resident: NamedRef | null;
  /** Where the member lives (the resident's region), else their organization's region. */
  region: NamedRef;
  joinedPartyOn: string | null;
  employer: string;
  /** The resident institution an in-service member works for. */
  institution: NamedRef | null;
  skills: string[];
  archivedAt: string | null;
  /** transferredOut | deceased | other, with archivedAt. */
  leftReason: string | null;
  leftReasonLabel: string | null;
  version: number;
}

export interface PartyMembershipView {
  org: NamedRef;
  fromOn: string;
  /** null = the current stay. */
  toOn: string | null;
  /** Why the stay began (registration, a transfer's reason). */
  reason: string;
}

export interface PartyMemberDetail extends PartyMemberView {
  history: PartyMembershipView[];
  /** Posts the member holds (书记、副书记、委员). */
  posts: { org: NamedRef; role: string; roleLabel: string }[];
}

export interface PartyMemberInput {
  name?: string;
  gender?: string;
  residentId?: number | null;
  birthDate?: string | null;
  mobile?: string | null;
  kind: string;
  orgId: number;
  regionId?: number | null;
  joinedPartyOn?: string | null;
  standing?: string;
  employer?: string;
  institutionId?: number | null;
  skills?: string[];
}
