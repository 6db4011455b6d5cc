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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  districtStaff: ['regions.write', 'users.manage', 'departments.manage', 'audit.read', 'settings.write'],
  streetStaff: ['regions.write', 'users.manage', 'audit.read'],
  communityStaff: ['regions.write', 'users.manage', 'audit.read'],
  departmentHandler: [],
  gridChief: [],
  gridWorker: [],
  buildingHead: [],
  partySecretary: [],
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
