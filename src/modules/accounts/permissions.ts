// Roles and what they may do. Reading inside one's scope needs no permission; writing does.
export const ROLES = [
  'admin',
  'districtStaff',
  'streetStaff',
  'communityStaff',
  'departmentHandler',
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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  districtStaff: ['regions.write', 'users.manage', 'departments.manage', 'audit.read', 'settings.write', 'registry.read', 'registry.write', 'pii.read'],
  streetStaff: ['regions.write', 'users.manage', 'audit.read', 'registry.read', 'registry.write', 'pii.read'],
  communityStaff: ['regions.write', 'users.manage', 'audit.read', 'registry.read', 'registry.write', 'pii.read'],
  departmentHandler: [],
  // Grid staff collect and update the registry (采集) but see personal data masked.
  gridChief: ['registry.read', 'registry.write'],
  gridWorker: ['registry.read', 'registry.write'],
  buildingHead: ['registry.read'],
  partySecretary: ['registry.read'],
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
