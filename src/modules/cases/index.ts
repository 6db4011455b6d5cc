// Cases (事件闭环): the category catalogue, intake from staff and residents, the workflow as a
// transition table (register → dispatch → handle → verify → close → feedback, with the five
// handling modes, whistles, escalation, extensions and shelving), deadlines on the working
// calendar, the timer that marks late stages, the supervision board and the measures.
// Other modules use only these.
export { caseRoutes } from './cases.routes.ts';
export * from './cases.workflow.ts';
export type * from './cases.views.ts';

// Cases follow their region when the tree is restructured (move, merge, split).
import { registerRegionFollower } from '../regions/index.ts';
registerRegionFollower('cases', { table: 'cases', idColumn: 'desk_region_id', pathColumn: 'desk_region_path' });
