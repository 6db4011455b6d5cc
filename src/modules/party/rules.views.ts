// Wire shapes of the party rules and their warnings (GET /party/warnings, GET/PUT /party/rules).
// Dependency-free on purpose: the web app imports these types too.

/** Same shape as PartyRules in party.model.ts (settings key `party.rules`). */
export interface PartyRulesView {
  branchMaxMembers: number;
  householdsPerLiaison: { min: number; max: number };
  liaisonsPerLeader: { min: number; max: number };
}

export type PartyWarningKind = 'branchTooLarge' | 'gridWithoutOrg' | 'estateWithoutOrg' | 'partyLedOwnersCommittee' | 'temporaryBranchExpired';

export interface PartyWarning {
  kind: PartyWarningKind;
  /** warning: something to fix; info: worth knowing (a party-led owners' committee). */
  severity: 'warning' | 'info';
  /** partyOrg | region (a grid) | estate | organization (an owners' committee) */
  subject: { type: 'partyOrg' | 'region' | 'estate' | 'organization'; id: number; name: string };
  /** Where the subject sits. */
  region: { id: number; name: string } | null;
  /** The figures behind the warning, e.g. { members: 101, max: 100 }. */
  numbers: Record<string, number | string>;
  message: { zh: string; en: string };
}

export interface PartyWarningCount {
  /** Subjects the rule was checked on (branches, grids, estates, owners' committees, temporary branches). */
  checked: number;
  /** Of those, how many the warning applies to. */
  flagged: number;
  /** How many of them `items` lists (the list is capped per kind). */
  listed: number;
}

export interface PartyWarningsView {
  rules: PartyRulesView;
  region: { id: number; name: string } | null;
  /** Per kind: checked / flagged / listed. */
  summary: Record<PartyWarningKind, PartyWarningCount>;
  /** At most `cap` items of each kind. */
  cap: number;
  items: PartyWarning[];
}
