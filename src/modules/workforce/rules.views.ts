// Wire types of the weekly rules (5-3-10, stationed teams, paired deputies' accountability) and
// of the rules' thresholds. Exported for the web app (imported there by relative path, types only).
import type { WorkforceRules } from './workforce.model.ts';

export type { WorkforceRules };

export interface RuleRegionRef {
  id: number;
  name: string;
  level: number;
}

/** One person in one grid for one ISO week. */
export interface Rule5310Item {
  rank: number;
  worker: { id: number; name: string };
  grid: { id: number; name: string; level: number };
  positionKind: string;
  positionKindLabel: string;
  /** Checked-out visits into the grid (or its micro-grids) with check-in in the week. */
  entries: number;
  /** Entries lasting at least `rules.hoursPerEntry` and not checked in outside the boundary. */
  qualifyingEntries: number;
  /** Total hours of all entries, one decimal. */
  hours: number;
  /** Distinct residents seen on the week's entries: those listed, and current members of the households listed. */
  residents: number;
  meets: { entries: boolean; hours: boolean; residents: boolean };
  compliant: boolean;
}

export interface Rule5310View {
  week: string;
  /** Monday and Sunday (Shanghai calendar days). */
  from: string;
  to: string;
  /** The half-open instants the week stands for. */
  start: string;
  end: string;
  region: RuleRegionRef | null;
  rules: Pick<WorkforceRules, 'entries' | 'hoursPerEntry' | 'residents'>;
  items: Rule5310Item[];
  /** Rows before paging. */
  total: number;
  /** `workers`: rows measured (a person holding 5-3-10 positions in two grids is measured in each). */
  summary: { workers: number; compliant: number; rate: number | null };
}

export interface StationedRuleItem {
  team: { id: number; name: string };
  region: { id: number; name: string };
  sendingUnit: string;
  fixedWeekday: number;
  /** Distinct Shanghai days with a visit by a member (tagged with the team, or into its region). */
  visitDays: string[];
  visits: number;
  fixedDayVisited: boolean;
  compliant: boolean;
  /** Members holding a position in the team during the week. */
  members: number;
  memberShortfall: boolean;
}

export interface StationedRuleView {
  week: string;
  from: string;
  to: string;
  region: RuleRegionRef | null;
  rules: Pick<WorkforceRules, 'teamVisits' | 'teamMinMembers'>;
  items: StationedRuleItem[];
  summary: { teams: number; compliant: number; rate: number | null };
}

export interface PairedDeputyFlag {
  deputy: { id: number; name: string };
  sendingUnit: string;
  sendingUnitKind: string | null;
  department: { id: number; name: string } | null;
  grid: { id: number; name: string };
  case: { id: number; code: string; reportedAt: string; source: string };
  /** The deputy's latest visit into the grid before the report (any time), or null if never. */
  lastVisitAt: string | null;
  /** Whole weeks between that visit and the report; null when there was none. */
  weeks: number | null;
}

export interface PairedDeputyView {
  from: string;
  to: string;
  region: RuleRegionRef | null;
  rules: Pick<WorkforceRules, 'deputyLookbackWeeks'>;
  /** Public reports in deputies' grids while they held the position, flagged or not. */
  checked: number;
  items: PairedDeputyFlag[];
  byUnit: { sendingUnit: string; flags: number; deputies: number }[];
}
