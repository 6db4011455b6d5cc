// Cases (事件闭环): the category catalogue, intake from staff and residents, the workflow as a
// transition table (register → dispatch → handle → verify → close → feedback, with the five
// handling modes, whistles, escalation, extensions and shelving), deadlines on the working
// calendar, the timer that marks late stages, the supervision board and the measures.
// Other modules use only these.
export { caseRoutes } from './cases.routes.ts';
export * from './cases.workflow.ts';
export type * from './cases.views.ts';
/** Intake as a staff caller (e.g. a visit's finding turned into a case): checks, placement, numbering. */
export { reportCase, type ReportInput } from './cases.intake.ts';

// Cases follow their region when the tree is restructured (move, merge, split).
import { registerRegionFollower } from '../regions/index.ts';
registerRegionFollower('cases', { table: 'cases', idColumn: 'desk_region_id', pathColumn: 'desk_region_path' });
// Cases first reported by the public in a subtree and period (the paired deputies' accountability rule).
export { listPublicReports, type PublicReport } from './cases.public-reports.ts';
/** Case codes by id (a visit's findings name the cases they became). */
export { caseCodes } from './cases.intake.repository.ts';
