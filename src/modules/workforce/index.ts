// The grid workforce (网格力量): workers and the positions they hold in regions and buildings,
// each grid's team and its gaps, stationed teams, visits (走访) from a phone with boundary checks
// and findings turned into cases, the weekly rules (5-3-10, stationed teams, paired deputies'
// accountability) and the quarterly two-way reviews. Other modules use only these exports.
export { workforceRoutes } from './workforce.routes.ts';
export { POSITION_KINDS, DEFAULT_WORKFORCE_RULES, type WorkforceRules } from './workforce.model.ts';

// Placed rows follow their region when the tree is restructured (move, merge, split).
import { registerRegionFollower } from '../regions/index.ts';
registerRegionFollower('workers', 'positions', 'stationed_teams', 'visits', 'reviews');
// Weekly rules (5-3-10 for the benchmark and boards) and the calendar helpers they stand on.
export { compute5310, type Rule5310Query } from './rules5310.service.ts';
export { workforceRules } from './rules.settings.ts';
export { parseWeek, weekOf } from './week.ts';
export type { Rule5310View, Rule5310Item } from './rules.views.ts';
// Workers, positions, stationed teams, grid teams and visits (the phone page, the demo generator).
export { RULE_5310_KINDS, SENDING_UNIT_KINDS, VISIT_PURPOSES, type PositionKind, type VisitPurpose } from './workforce.model.ts';
export { PLACEMENT as POSITION_PLACEMENT } from './positions.place.ts';
export { workforceMe, listVisits, getVisit } from './visits.read.ts';
export { checkIn, checkOut, setVisitPeople, outsideOf } from './visits.service.ts';
export { addFinding, findingToCase } from './visits.findings.ts';
export { listWorkers, getWorker, createWorker, updateWorker, archiveWorker } from './workers.service.ts';
export { listPositions, createPosition, endPosition } from './positions.service.ts';
export { listTeams, createTeam, updateTeam, endTeam, teamProblems } from './teams.service.ts';
export { gridTeam, gridTeams, gridGaps } from './teams.grid.ts';
export type * from './workers.views.ts';
export type * from './visits.views.ts';
