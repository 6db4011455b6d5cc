// What an account looks like to clients: the mobile number only masked.
import type { RegionSummary } from '../regions/index.ts';
import { permissionsOf } from './permissions.ts';
import type { UserRow } from './accounts.repository.ts';

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  mobileMasked: string | null;
  roles: string[];
  permissions: string[];
  scopeRegion: RegionSummary | null;
  department: { id: number; name: string } | null;
  mustChangePassword: boolean;
  status: string;
  lockedUntil: string | null;
}

export function toUserView(
  u: UserRow,
  scopeRegion: RegionSummary | null,
  department: { id: number; name: string } | null,
  mustChangePassword: boolean,
): UserView {
  const locked = u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? u.lockedUntil.toISOString() : null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    mobileMasked: u.mobileMasked,
    roles: u.roles,
    permissions: [...permissionsOf(u.roles)].sort(),
    scopeRegion,
    department,
    mustChangePassword,
    status: u.status,
    lockedUntil: locked,
  };
}
