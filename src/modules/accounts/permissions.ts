// Roles and what they may do. Reading inside one's scope needs no permission; writing does.
export const ROLES = [
  'admin',
  'districtStaff',
  'streetStaff',
  'communityStaff',
  'departmentHandler',
  // 部门负责人: a department's leader; gets its supervision notices and approves its work.
  'departmentLead',
  // 督导员: presses late cases (督办) and decides cases a reporter refused twice.
  'supervisor',
  'gridChief',
  'gridWorker',
  'buildingHead',
  'partySecretary',
  'partyMember',
  'resident',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'regions.write',
  'users.manage',
  'departments.manage',
  'audit.read',
  'audit.verify',
  'settings.write',
  'pii.read',
  // Registry: read residents and households (personal data, even masked, is for staff only);
  // add, edit, import and archive residents, buildings, places, organizations, assets.
  'registry.read',
  'registry.write',
  // Cases: see cases in scope; report (patrol, hotline entry); work a desk (register, dispatch,
  // close); handle for a department; verify on site; supervise; configure catalogue and calendar.
  'cases.read',
  'cases.report',
  'cases.dispatch',
  'cases.handle',
  'cases.verify',
  'cases.supervise',
  'cases.configure',
  // Party building (党建): organizations, members, household links, joint committees,
  // partnerships, leader contacts, dual registration. Reading in scope needs no permission.
  'party.write',
  // Workforce (网格力量): workers, positions, stationed teams; logging one's own visits (走访);
  // the quarterly two-way reviews (双向评价).
  'workforce.write',
  'workforce.visit',
  'workforce.review',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// A desk (社区 / 街道 / 区 governance centre) reads, reports, dispatches, handles (study mode) and verifies.
const DESK: readonly Permission[] = ['cases.read', 'cases.report', 'cases.dispatch', 'cases.handle', 'cases.verify'];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  districtStaff: ['regions.write', 'users.manage', 'departments.manage', 'audit.read', 'settings.write', 'registry.read', 'registry.write', 'pii.read', ...DESK, 'cases.supervise', 'cases.configure', 'party.write', 'workforce.write', 'workforce.review', 'workforce.visit'],
  streetStaff: ['regions.write', 'users.manage', 'audit.read', 'registry.read', 'registry.write', 'pii.read', ...DESK, 'party.write', 'workforce.write', 'workforce.review', 'workforce.visit'],
  communityStaff: ['regions.write', 'users.manage', 'audit.read', 'registry.read', 'registry.write', 'pii.read', ...DESK, 'party.write', 'workforce.write', 'workforce.review', 'workforce.visit'],
  departmentHandler: ['cases.read', 'cases.report', 'cases.handle'],
  departmentLead: ['cases.read', 'cases.report', 'cases.handle'],
  supervisor: ['cases.read', 'cases.supervise'],
  // Grid staff collect and update the registry (采集) but see personal data masked.
  gridChief: ['registry.read', 'registry.write', 'cases.read', 'cases.report', 'cases.verify', 'workforce.visit'],
  gridWorker: ['registry.read', 'registry.write', 'cases.read', 'cases.report', 'cases.verify', 'workforce.visit'],
  buildingHead: ['registry.read', 'cases.read', 'cases.report', 'workforce.visit'],
  // A party secretary keeps the organization's records (members, links, registrations).
  partySecretary: ['registry.read', 'cases.read', 'cases.report', 'party.write'],
  partyMember: [],
  resident: [],
};

export function isRole(r: string): r is Role {
  return (ROLES as readonly string[]).includes(r);
}

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) if (isRole(r)) for (const p of GRANTS[r]) out.add(p);
  return out;
}
