// Wire shapes of household links (联户): liaison households (党员中心户), the households they link,
// the building view used to assign them, and the coverage report. Dependency-free: the web app
// imports these types too.
import type { PartyRules } from './party.model.ts';

export interface Ref {
  id: number;
  name: string;
}

/** Where a count stands against its configured range. */
export type RangeState = 'below' | 'in' | 'above';

export interface LiaisonView {
  id: number;
  household: { id: number; number: string; address: string | null };
  member: Ref;
  leader: Ref | null;
  /** Households linked now (the liaison's own household not counted). */
  linkedCount: number;
  inRange: boolean;
  rangeState: RangeState;
  region: Ref;
  version: number;
  archivedAt: string | null;
}

export interface LinkedHouseholdView {
  id: number;
  number: string;
  address: string | null;
  headName: string | null;
  region: Ref;
  linkedOn: string;
  /** The household has since been archived (moved away): still listed, no longer counted. */
  archived: boolean;
}

export interface LiaisonDetail extends LiaisonView {
  households: LinkedHouseholdView[];
  /** The liaison's leader's load: how many liaison households that leader links, and its range state. */
  leaderLoad: { count: number; rangeState: RangeState } | null;
}

export interface LiaisonInput {
  householdId: number;
  memberId: number;
  leaderMemberId?: number | null;
}

/** A household as the building view shows it: its head and its place in the link network. */
export interface BuildingHousehold {
  id: number;
  number: string;
  headName: string | null;
  /** The liaison household this household is linked to. */
  liaisonId: number | null;
  liaisonMemberName: string | null;
  /** This household is itself a liaison household (党员中心户). */
  isLiaison: boolean;
  /** Its own liaison row when `isLiaison`. */
  ownLiaisonId: number | null;
}

export interface BuildingCell {
  dwellingId: number;
  floor: number;
  unit: number;
  number: string;
  households: BuildingHousehold[];
}

/** 楼栋联户图: the floor × unit table of one building with every household's link state. */
export interface BuildingLinksView {
  building: { id: number; name: string; estateName: string | null; floors: number; unitCount: number };
  units: { number: number; label: string }[];
  /** Floors top-down, empty floors included so the table keeps its shape. */
  floors: number[];
  cells: BuildingCell[];
  /** Liaison households living in the building or linking any of its households. */
  liaisons: LiaisonView[];
  summary: { households: number; linked: number; liaisons: number; unlinked: number };
}

export interface OutOfRangeItem {
  kind: 'liaison' | 'leader';
  /** Liaison id, or the leader's party member id. */
  id: number;
  name: string;
  count: number;
  min: number;
  max: number;
  state: Exclude<RangeState, 'in'>;
}

export interface CoverageRow {
  region: Ref;
  households: number;
  linked: number;
  unlinked: number;
  coverage: number | null;
}

/**
 * Coverage of the link network under a region. A household counts as linked when it is linked to
 * an active liaison household or is one itself.
 */
export interface CoverageView {
  region: Ref | null;
  rules: PartyRules;
  households: number;
  linked: number;
  unlinked: number;
  coverage: number | null;
  liaisons: { total: number; below: number; above: number };
  leaders: { total: number; below: number; above: number };
  byChild: CoverageRow[];
  outOfRange: OutOfRangeItem[];
}

export interface UnlinkedHouseholdView {
  id: number;
  number: string;
  address: string | null;
  headName: string | null;
  region: Ref;
}
